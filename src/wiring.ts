// The composition root's parts: the real clients (Entra credential, Graph, Key Vault, Databricks SCIM and account
// APIs) built from the parsed inputs, and the run's cancellation signal. Commands get what they need from here;
// nothing below reads an input.
import * as core from '@actions/core'
import { azureWorkspaceHeaders } from './auth/azure-workspace-headers.js'
import { createCredential, signInIdentity, type SignInSettings } from './auth/credential.js'
import { databricksToken } from './auth/databricks-token.js'
import { githubOidcToken } from './auth/github-oidc.js'
import { KeyVaultSecretReader } from './auth/keyvault.js'
import { IMDS_TIMEOUT_MS } from './auth/managed-identity.js'
import { RequestGuard } from './auth/request-guard.js'
import type { Account, Workspace } from './config/types.js'
import type { Inputs } from './inputs.js'
import { ActionError } from './errors.js'
import { onCancel } from './isolate.js'
import { requestTimeoutMs } from './net.js'
import { RetryBudget, retryPolicy } from './util/retry.js'
import { mask } from './secrets.js'
import { createGraphClient, GraphDirectory } from './sources/entra/graph.js'
import { graphTimeoutMs } from './sources/entra/graph-transport.js'
import { accountScimBase, PermissionAssignmentsClient } from './targets/databricks/assignments-client.js'
import { accountRates, assignmentRates, WORKSPACE_PROBE_RATES } from './targets/databricks/pacer.js'
import { ScimClient, workspaceScimBase } from './targets/databricks/scim-client.js'
import { AccountAssignmentsTarget, AccountIdentityTarget, ScimIdentityTarget } from './targets/databricks/targets.js'
import { aimAccountTarget, workspaceGroups } from './targets/databricks/aim-wiring.js'

export const workspaceDir = (): string => process.env.GITHUB_WORKSPACE || process.cwd()

/** One cancellation per run: every caller of `cancellation()` gets the same signal (one handler per signal). */
let runSignal: AbortSignal | undefined

/**
 * A cancelled workflow sends SIGINT, then SIGTERM seconds later, then kills. On the first, the sync starts no new
 * request, ends every wait (a Retry-After, a backoff, a sign-in or Key Vault request, a Databricks read in flight)
 * and gives Databricks writes in flight a few seconds to be answered, so the summary, outputs and plan file say what
 * was made (and the next run makes the rest); a second signal ends the process at once.
 */
export function cancellation(): AbortSignal {
  if (runSignal) return runSignal
  const controller = new AbortController()
  onCancel((signal) => {
    // A second signal ends the worker at once, and the process with its code.
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143)
    core.warning(`Received ${signal}: finishing the requests in flight and starting no new ones.`)
    controller.abort()
  })
  runSignal = controller.signal
  return runSignal
}

export function signInSettings(inputs: Inputs): SignInSettings | undefined {
  if (inputs.authType === 'IDENTITY' && inputs.tenantId) {
    return {
      kind: 'managed-identity',
      cloud: inputs.cloud,
      tenantId: inputs.tenantId,
      authorityHost: inputs.authorityHost,
      ...(inputs.clientId ? { clientId: inputs.clientId } : {})
    }
  }
  if (!inputs.tenantId || !inputs.clientId) return undefined
  return {
    cloud: inputs.cloud,
    tenantId: inputs.tenantId,
    clientId: inputs.clientId,
    audience: inputs.audience,
    authorityHost: inputs.authorityHost,
    ...(inputs.clientSecret ? { clientSecret: inputs.clientSecret } : {})
  }
}

export type SignedIn = ReturnType<typeof signIn>

/**
 * The Entra credential, Graph and the Entra directory, and the Key Vault reader, signed in as the app. Graph
 * requests end when `signal` (the run's cancellation) aborts, and each has a timeout (ENTRA_SYNC_GRAPH_TIMEOUT_MS
 * shortens it for tests).
 */
export function signIn(settings: SignInSettings, graphEndpoint: string, signal?: AbortSignal) {
  // The sign-in services' requests (GitHub OIDC, Entra, Key Vault) share one guard: no redirect, a timeout
  // (ENTRA_SYNC_HTTP_TIMEOUT_MS shortens it for tests), one retry budget, and the run's cancellation, which ends
  // them at once in every command (they only read).
  const cancel = signal ?? cancellation()
  const guard = new RequestGuard({ timeoutMs: requestTimeoutMs(process.env), signal: cancel })
  // A managed identity's tokens come from the VM's metadata service: a short timeout, so a runner without one fails
  // fast; the SDK retries (see auth/managed-identity.ts).
  const imds = new RequestGuard({
    timeoutMs: Math.min(IMDS_TIMEOUT_MS, requestTimeoutMs(process.env)),
    signal: cancel,
    retry: { maxAttempts: 1 }
  })
  const credential = createCredential(settings, githubOidcToken(process.env, guard, mask), mask, guard, imds)
  const identity = signInIdentity(settings)
  // Graph reads end on cancellation in every command (validate and provision-app only read through it).
  const graph = createGraphClient(credential, graphEndpoint, { timeoutMs: graphTimeoutMs(process.env), signal: cancel })
  const secrets = new KeyVaultSecretReader(credential, mask, identity, guard)
  return { credential, identity, graph, secrets, directory: new GraphDirectory(graph, identity) }
}

/**
 * The Databricks targets: a workspace's SCIM, and the account's SCIM and workspace assignments. Each target has one
 * retry budget for all its requests (the account's two clients share theirs), and every request a timeout.
 */
export function databricksTargets(settings: SignInSettings, signedIn: SignedIn, signal: AbortSignal) {
  const { credential, secrets } = signedIn
  const accountToken = databricksToken({ name: 'account', auth: 'entra' }, credential, secrets)
  const self = settings.clientId
  // Account SCIM has no /Me: the action finds its own service principal there by its application id.
  const selfInAccount = (): string => {
    if (self) return self
    throw new ActionError(
      'The account API has no /Me, so the action cannot tell which service principal is its own system-assigned managed identity.',
      "Set client-id to the managed identity's client id (Entra admin center > Enterprise applications > the VM's identity > Application ID)."
    )
  }
  const timeoutMs = requestTimeoutMs(process.env)
  return {
    workspace: (ws: Workspace) => {
      // With azure-resource-id, Databricks can add the action's service principal as a workspace admin itself.
      const headers = azureWorkspaceHeaders(ws, credential, settings.cloud)
      return new ScimIdentityTarget(
        new ScimClient({
          baseUrl: workspaceScimBase(ws.host),
          token: databricksToken(ws, credential, secrets),
          ...(headers ? { headers } : {}),
          workspace: ws.name,
          auth: ws.auth,
          ...(ws.auth === 'entra' && self ? { selfApplicationId: self } : {}),
          // Workspace SCIM's limits are not published: pacing starts at those the config gives, else low, and learns
          // them from the 429s.
          writeRates: ws.rateLimits ?? {},
          probeRates: WORKSPACE_PROBE_RATES,
          timeoutMs,
          signal,
          onRetry: (event) => core.debug(`${ws.name}: ${JSON.stringify(event)}`),
          onRateChange: (change) => core.debug(`${ws.name}: pacing ${JSON.stringify(change)}`)
        })
      )
    },
    account: (acc: Account) => {
      const selfApplicationId = selfInAccount()
      const budget = new RetryBudget(retryPolicy().budgetMs)
      const scim = new ScimClient({
        baseUrl: accountScimBase(acc.host, acc.id),
        token: accountToken,
        workspace: `account ${acc.id}`,
        level: 'account',
        auth: 'entra',
        selfApplicationId,
        writeRates: accountRates(acc.rateLimits),
        timeoutMs,
        budget,
        signal
      })
      const assignments = new PermissionAssignmentsClient({
        host: acc.host,
        accountId: acc.id,
        token: accountToken,
        writeRates: assignmentRates(acc.rateLimits),
        timeoutMs,
        budget,
        signal
      })
      return {
        identities: new AccountIdentityTarget(scim),
        assignments: new AccountAssignmentsTarget(assignments, scim)
      }
    },
    /** An account with automatic identity management: account SCIM reads, assignments and the identity API. */
    aim: (acc: Account) => aimAccountTarget(acc, accountToken, selfInAccount(), signal),
    /** A workspace's groups through its SCIM API (the readiness check of automatic identity management). */
    workspaceGroups: (ws: Workspace) => workspaceGroups(ws, databricksToken(ws, credential, secrets), signal)
  }
}
