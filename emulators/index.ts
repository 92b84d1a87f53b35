// Starts every emulator on its own loopback HTTPS port, seeded from one tenant fixture:
// GitHub OIDC, Entra ID, Microsoft Graph, Key Vault, one Databricks workspace per fixture workspace and, when the
// fixture has an account, the Databricks account API.
import { randomUUID } from 'node:crypto'
import { startIdentityEmulators, type StartOptions as CoreStartOptions } from './core.js'
import { createWorkspace } from './databricks.js'
import {
  accountServerError,
  accountThrottled,
  createAccount,
  type AccountState,
  type TenantObject
} from './databricks-account.js'
import type { Entra, EntraState, GithubOidcState } from './entra.js'
import type { TenantFixture } from './fixture.js'
import { createGraph } from './graph.js'
import { CONFIG_FILE, configWorkdir, runAction, type ActionRun, type RunOptions } from './runner.js'
import type { VaultState } from './keyvault.js'
import { startServer, type EmulatorServer, type RequestLogEntry } from './server.js'
import type { EmulatorResponse } from './types.js'

export type { AccountLimits, AccountState, AssignmentView, WorkspacePermission } from './databricks-account.js'
export type { EmulatorServer, FaultKind, FaultInjection, RateLimit, RequestLogEntry } from './server.js'

export interface StartOptions extends CoreStartOptions {
  /**
   * The account API's published rate limits (PUBLISHED_ACCOUNT_RATE_LIMITS), on by default as on the real service;
   * `false` starts without them, for a focused test that calls the emulator directly. resetKnobs() restores them.
   */
  accountLimits?: boolean
}

/** Name of the account server (`emu.servers['databricks-account']`). */
export const ACCOUNT_SERVER = 'databricks-account'

type GraphState = ReturnType<typeof createGraph>['state']
type WorkspaceState = ReturnType<typeof createWorkspace>['state']

export interface Emulators {
  fixture: TenantFixture
  /** NODE_EXTRA_CA_CERTS value. */
  caFile: string
  tenantId: string
  /** Entra origin: the authority-host input. */
  authorityHost: string
  /** Graph origin: the graph-endpoint input. */
  graphEndpoint: string
  /** Key Vault origin (https://127.0.0.1:PORT). */
  vaultUrl: string
  /** Workspace name -> origin. */
  workspaceHosts: Record<string, string>
  /** Origin of the Databricks account API (accounts.azuredatabricks.net); undefined without a fixture account. */
  accountHost: string | undefined
  /** The fixture account's id. */
  accountId: string | undefined
  githubOidc: { requestUrl: string; requestToken: string }
  /** What a runner gives an action: OIDC request URL/token and the CA. */
  env(): Record<string, string>
  /**
   * Servers by service name: 'github', 'entra', 'graph', 'keyvault', 'databricks:<workspace>', and
   * 'databricks-account' when the fixture has an account.
   */
  servers: Record<string, EmulatorServer>
  /** The account server (also `servers['databricks-account']`). */
  accountServer: EmulatorServer | undefined
  /** Combined request log of all services, oldest first. */
  log: RequestLogEntry[]
  clearLog(): void
  /** Clears latency, rate limits, faults and counters of every server, then restores the default (real) limits. */
  resetKnobs(): void
  /** GitHub OIDC knobs and minted-token log. */
  github: GithubOidcState
  /** Entra state (issued tokens, failures, knobs) plus direct token minting for tests. */
  entra: EntraState & Pick<Entra, 'issueAccessToken' | 'servicePrincipalId'>
  graph: GraphState
  workspaces: Record<string, WorkspaceState>
  /** The Databricks account (identities, workspace assignments, limits); undefined without a fixture account. */
  account: AccountState | undefined
  vault: VaultState
  stop(): Promise<void>
}

const graphInnerError = () => ({
  date: new Date().toISOString().replace(/\.\d+Z$/, ''),
  'request-id': randomUUID(),
  'client-request-id': randomUUID()
})

export function graphThrottled(retryAfterSeconds: number): EmulatorResponse {
  return {
    status: 429,
    body: {
      error: {
        code: 'TooManyRequests',
        message: `Too many requests are being made. Retry after ${retryAfterSeconds} seconds.`,
        innerError: graphInnerError()
      }
    }
  }
}

export function graphServerError(status: number, message: string): EmulatorResponse {
  const code = status === 503 ? 'serviceNotAvailable' : 'generalException'
  return { status, body: { error: { code, message, innerError: graphInnerError() } } }
}

export function scimError(status: number, detail: string): EmulatorResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/scim+json' },
    body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail, status: String(status) }
  }
}

export function scimThrottled(retryAfterSeconds: number): EmulatorResponse {
  return scimError(429, `Too many requests. Please retry after ${retryAfterSeconds} seconds.`)
}

export async function startEmulators(opts: StartOptions): Promise<Emulators> {
  const core = await startIdentityEmulators(opts)
  const { fixture, servers, log, entra } = core
  try {
    const workspaces: Record<string, WorkspaceState> = {}
    const workspaceHosts: Record<string, string> = {}
    // Steps of a $batch are throttled one by one (outer 200, inner 429), by the Graph server's own knobs.
    // The provisioning connector reaches an emulated workspace when BaseAddress is <host>/api/2.0/preview/scim and
    // the Secret Token is one of that workspace's PATs now (removePat → 401, as an expired token).
    const graph = createGraph(fixture, entra.tokens, {
      innerThrottle: (req) => servers.graph?.gate(req.method, req.url.pathname),
      validateScim: (baseAddress, token) => {
        const base = baseAddress.trim().replace(/\/+$/, '').toLowerCase()
        for (const [name, host] of Object.entries(workspaceHosts)) {
          if (base === `${host.toLowerCase()}/api/2.0/preview/scim`) {
            return workspaces[name]?.pats().includes(token) ?? false
          }
        }
        return { ok: false, status: 0 }
      }
    })
    servers.graph = await startServer('graph', graph.handler, {
      ...core.serverOptions(),
      throttledResponse: graphThrottled,
      errorResponse: graphServerError
    })
    core.setGraphAudience(servers.graph.url)

    for (const ws of fixture.workspaces) {
      const w = createWorkspace(ws, entra.tokens, {
        tenantId: fixture.tenantId,
        onPat: (pat) => void core.sensitive.add(pat)
      })
      const server = await startServer(`databricks:${ws.name}`, w.handler, {
        ...core.serverOptions(),
        throttledResponse: scimThrottled,
        errorResponse: scimError
      })
      servers[`databricks:${ws.name}`] = server
      workspaces[ws.name] = w.state
      workspaceHosts[ws.name] = server.url
    }

    let account: AccountState | undefined
    let accountServer: EmulatorServer | undefined
    if (fixture.account) {
      // Automatic identity management reads the tenant: objects by id (or any reference, for seeding).
      const tenant = graph.state
      const a = createAccount(fixture.account, entra.tokens, {
        tenantId: fixture.tenantId,
        server: () => accountServer,
        entra: (ref) => {
          try {
            return tenantObject(ref)
          } catch {
            return undefined // an ambiguous name
          }
        }
      })
      function tenantObject(ref: string): TenantObject | undefined {
        const user = tenant.user(ref)
        if (user)
          return { kind: 'user', id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName }
        const sp = tenant.servicePrincipal(ref)
        if (sp) return { kind: 'servicePrincipal', id: sp.id, displayName: sp.displayName, appId: sp.appId }
        const group = tenant.group(ref)
        return group ? { kind: 'group', id: group.id, displayName: group.displayName } : undefined
      }
      accountServer = await startServer(ACCOUNT_SERVER, a.handler, {
        ...core.serverOptions(),
        throttledResponse: accountThrottled,
        errorResponse: accountServerError
      })
      servers[ACCOUNT_SERVER] = accountServer
      account = a.state
      if (opts.accountLimits !== false) account.applyPublishedLimits()
    }
    const allServers = () => Object.values(servers)

    const requestUrl = core.github.requestUrl()
    const requestToken = core.github.state.requestToken
    return {
      fixture,
      caFile: core.caFile,
      tenantId: fixture.tenantId,
      authorityHost: core.authorityHost,
      graphEndpoint: servers.graph.url,
      vaultUrl: core.vaultUrl,
      workspaceHosts,
      accountHost: accountServer?.url,
      accountId: fixture.account?.id,
      githubOidc: { requestUrl, requestToken },
      env: () => ({
        ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
        NODE_EXTRA_CA_CERTS: core.caFile
      }),
      servers,
      accountServer,
      log,
      clearLog() {
        log.length = 0
        for (const s of allServers()) s.clearLog()
      },
      resetKnobs() {
        for (const s of allServers()) s.resetKnobs()
        // Real behaviour stays on: the account's published limits are part of the service, not a knob.
        if (opts.accountLimits !== false) account?.applyPublishedLimits()
      },
      github: core.github.state,
      entra: Object.assign(entra.state, {
        issueAccessToken: entra.issueAccessToken,
        servicePrincipalId: entra.servicePrincipalId
      }),
      graph: graph.state,
      workspaces,
      account,
      vault: core.vault.state,
      stop: async () => {
        await Promise.all([core.stop(), accountServer?.stop()])
      }
    }
  } catch (e) {
    await Promise.all([core.stop(), (servers[ACCOUNT_SERVER] as EmulatorServer | undefined)?.stop()])
    throw e
  }
}

/**
 * The inputs that point the action at these emulators and sign in as an app of the tenant (the first application
 * of the fixture unless another client id is given): tenant-id, client-id, authority-host, graph-endpoint.
 */
export function signInInputs(emu: Emulators, clientId?: string): Record<string, string> {
  const id = clientId ?? emu.fixture.applications[0]?.appId
  if (!id) throw new Error('the tenant fixture has no application to sign in as')
  return {
    'tenant-id': emu.tenantId,
    'client-id': id,
    'authority-host': emu.authorityHost,
    'graph-endpoint': emu.graphEndpoint
  }
}

/**
 * Runs `node dist/index.js` as a runner would, signed in to these emulators: the sign-in inputs and the runner
 * environment they give (both overridable by `options`).
 */
export function runAgainst(emu: Emulators, options: RunOptions = {}): Promise<ActionRun> {
  return runAction({
    ...options,
    inputs: { ...signInInputs(emu), ...options.inputs },
    env: { ...emu.env(), ...options.env }
  })
}

/** An end-to-end job: the emulators it signs in to, and its working directory holding the config file. */
export interface EmulatedJob {
  emu: Emulators
  workdir: string
  /** runAgainst from the working directory, the `config` input naming its config file (both overridable). */
  run(options?: RunOptions): Promise<ActionRun>
}

/**
 * Starts the emulators and makes the job's working directory (a temporary folder named after `prefix`) holding the
 * config `config` gives for them.
 */
export async function startJob(
  prefix: string,
  options: StartOptions,
  config: (emu: Emulators) => unknown
): Promise<EmulatedJob> {
  const emu = await startEmulators(options)
  try {
    const workdir = configWorkdir(prefix, config(emu))
    return {
      emu,
      workdir,
      run: (run = {}) => runAgainst(emu, { cwd: workdir, ...run, inputs: { config: CONFIG_FILE, ...run.inputs } })
    }
  } catch (e) {
    await emu.stop()
    throw e
  }
}

/**
 * The demo tenant's two workspaces as config entries: analytics-prod signs in with Entra, analytics-dev with the PAT
 * in the vault. Groups (and other keys) per workspace are the caller's.
 */
export function demoWorkspaces(
  emu: Emulators,
  prod: Record<string, unknown>,
  dev: Record<string, unknown>
): Record<string, unknown>[] {
  return [
    { name: 'analytics-prod', host: emu.workspaceHosts['analytics-prod'], ...prod },
    {
      name: 'analytics-dev',
      host: emu.workspaceHosts['analytics-dev'],
      auth: 'pat',
      'token-secret': `${emu.vaultUrl}/secrets/dbx-dev-pat`,
      ...dev
    }
  ]
}
