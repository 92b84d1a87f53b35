// The composition root's parts: the real clients (Entra credential, Graph, Key Vault, Databricks SCIM and account
// APIs) built from the parsed inputs, and the run's cancellation signal. Commands get what they need from here;
// nothing below reads an input.
import * as core from '@actions/core'
import { createCredential, type SignInSettings } from './auth/credential.js'
import { databricksToken } from './auth/databricks-token.js'
import { KeyVaultSecretReader } from './auth/keyvault.js'
import type { Account, Workspace } from './config/types.js'
import type { Inputs } from './inputs.js'
import { onCancel } from './isolate.js'
import { mask } from './secrets.js'
import { createGraphClient, GraphDirectory } from './sources/entra/graph.js'
import { accountScimBase, PermissionAssignmentsClient } from './targets/databricks/assignments-client.js'
import { ACCOUNT_WRITE_RATES } from './targets/databricks/pacer.js'
import { ScimClient, workspaceScimBase } from './targets/databricks/scim-client.js'
import { AccountAssignmentsTarget, ScimIdentityTarget } from './targets/databricks/targets.js'

export const workspaceDir = (): string => process.env.GITHUB_WORKSPACE || process.cwd()

/**
 * A cancelled workflow sends SIGINT, then SIGTERM seconds later, then kills. On the first, the sync lets the
 * requests in flight finish and starts no new one, so the summary, outputs and plan file say what was made (and the
 * next run makes the rest); a second signal ends the process at once.
 */
export function cancellation(): AbortSignal {
  const controller = new AbortController()
  onCancel((signal) => {
    // A second signal ends the worker at once, and the process with its code.
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143)
    core.warning(`Received ${signal}: finishing the requests in flight and starting no new ones.`)
    controller.abort()
  })
  return controller.signal
}

export function signInSettings(inputs: Inputs): SignInSettings | undefined {
  if (!inputs.tenantId || !inputs.clientId) return undefined
  return {
    tenantId: inputs.tenantId,
    clientId: inputs.clientId,
    audience: inputs.audience,
    authorityHost: inputs.authorityHost,
    ...(inputs.clientSecret ? { clientSecret: inputs.clientSecret } : {})
  }
}

export type SignedIn = ReturnType<typeof signIn>

/** The Entra credential, Graph and the Entra directory, and the Key Vault reader, signed in as the app. */
export function signIn(settings: SignInSettings, graphEndpoint: string) {
  const credential = createCredential(settings, (audience) => core.getIDToken(audience), mask)
  const identity = `app ${settings.clientId}`
  const graph = createGraphClient(credential, graphEndpoint)
  const secrets = new KeyVaultSecretReader(credential, mask, identity)
  return { credential, identity, graph, secrets, directory: new GraphDirectory(graph, identity) }
}

/** The Databricks targets: a workspace's SCIM, and the account's SCIM and workspace assignments. */
export function databricksTargets(settings: SignInSettings, signedIn: SignedIn, signal: AbortSignal) {
  const { credential, secrets } = signedIn
  const accountToken = databricksToken({ name: 'account', auth: 'entra' }, credential, secrets)
  return {
    workspace: (ws: Workspace) =>
      new ScimIdentityTarget(
        new ScimClient({
          baseUrl: workspaceScimBase(ws.host),
          token: databricksToken(ws, credential, secrets),
          workspace: ws.name,
          auth: ws.auth,
          ...(ws.auth === 'entra' ? { selfApplicationId: settings.clientId } : {}),
          signal,
          onRetry: (event) => core.debug(`${ws.name}: ${JSON.stringify(event)}`)
        })
      ),
    account: (acc: Account) => {
      const scim = new ScimClient({
        baseUrl: accountScimBase(acc.host, acc.id),
        token: accountToken,
        workspace: `account ${acc.id}`,
        level: 'account',
        auth: 'entra',
        selfApplicationId: settings.clientId,
        writeRates: ACCOUNT_WRITE_RATES,
        signal
      })
      const assignments = new PermissionAssignmentsClient({
        host: acc.host,
        accountId: acc.id,
        token: accountToken,
        signal
      })
      return { identities: new ScimIdentityTarget(scim), assignments: new AccountAssignmentsTarget(assignments, scim) }
    }
  }
}
