// End-to-end secret hygiene, tested as an adversary would: known secret values are planted (the fixture apps'
// client secrets, a wrong client secret, every Key Vault value, the PATs, the runner's OIDC request token) and every
// GitHub OIDC token and Entra access token the emulators issue during a run is recorded. On success and on every
// failure path the emulators can produce, none of them (nor an 8-character piece of one) may appear in stdout
// outside an `::add-mask::` command, stderr, the job summary, the outputs, the plan file or any other file the run
// wrote, and each secret the run used must have been masked. Some cases use hostile servers that echo the bearer
// token they receive back in their error answers.
// Then: the action connects only to the hosts named in its inputs and config, and never turns TLS verification off.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadFixture, type TenantFixture } from '../emulators/fixture.js'
import { runAgainst, startEmulators, type Emulators, type RequestLogEntry } from '../emulators/index.js'
import { ROOT, writeConfigFile, type ActionRun } from '../emulators/runner.js'
import { startServer, type EmulatorServer } from '../emulators/server.js'
import { ensureTestCa } from '../emulators/tls.js'
import type { EmulatorResponse, Handler } from '../emulators/types.js'

/** Reads Entra, but is no workspace admin and no Key Vault reader. */
const LIMITED_APP = '3e9b1c7a-5d2f-4a8e-b6c1-0f9e8d7c6b5a'
/** No Microsoft Graph permission at all. */
const NO_GRAPH_APP = '7a4c2e1f-9b3d-4f6a-8c5e-2d1b0a9f8e7d'
const SUBJECT = 'repo:contoso/data-platform:ref:refs/heads/main'
const APP_NAME = 'Azure Databricks SCIM - analytics-dev'
const DEV_PAT = 'dapi8c1e5f27b94d0a63e8f1c42d7b95a06e-3'
const WRONG_CLIENT_SECRET = 'emu~WrongClientSecret.Planted-vq3kx8zw'
const BAD_PAT = 'dapi-planted-not-accepted-qz7wv3xk9mtr5pln8hjb'
const ROTATED_PAT = 'dapi-planted-rotated-kx4wq9zt2vmr7pbn3hyj'

const demo = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const fixture: TenantFixture = {
  ...demo,
  applications: [
    ...demo.applications,
    {
      displayName: 'dbx-sync-limited',
      appId: LIMITED_APP,
      clientSecret: 'emu~LimitedAppSecret.Planted-qw8zx5vk3mtp',
      federatedCredentials: [{ subject: SUBJECT }],
      graphPermissions: ['GroupMember.Read.All', 'User.Read.All', 'Application.Read.All']
    },
    {
      displayName: 'dbx-sync-no-graph',
      appId: NO_GRAPH_APP,
      clientSecret: 'emu~NoGraphAppSecret.Planted-zk7xv2wq9rtm',
      federatedCredentials: [{ subject: SUBJECT }]
    }
  ]
}

let emu: Emulators
let workdir: string
/** Servers that answer every authenticated request with an error quoting the Authorization header they got. */
let hostile: Record<'vault' | 'entraWorkspace' | 'patWorkspace' | 'oidc', EmulatorServer>
/** Known secret values; the tokens the emulators issue are added from their records at each check. */
const planted = new Set<string>([WRONG_CLIENT_SECRET, BAD_PAT, ROTATED_PAT])

beforeAll(async () => {
  emu = await startEmulators({ fixture })
  emu.graph.provisioning.spAppearDelayMs = 0
  workdir = mkdtempSync(join(tmpdir(), 'e2e-secrets-'))
  for (const app of fixture.applications) if (app.clientSecret) planted.add(app.clientSecret)
  for (const ws of fixture.workspaces) for (const pat of ws.pats ?? []) planted.add(pat)
  for (const value of Object.values(fixture.vault?.secrets ?? {})) planted.add(value)
  planted.add(emu.githubOidc.requestToken)
  const { cert, key } = await ensureTestCa()
  hostile = {
    vault: await startServer('hostile-vault', echoing(400), { cert, key }),
    entraWorkspace: await startServer('hostile-entra-workspace', echoing(401), { cert, key }),
    patWorkspace: await startServer('hostile-pat-workspace', echoing(403), { cert, key }),
    oidc: await startServer('hostile-oidc', echoing(500), { cert, key })
  }
})

afterAll(async () => {
  await Promise.all([emu?.stop(), ...Object.values(hostile ?? {}).map((s) => s.stop())])
})

afterEach(() => {
  emu.resetKnobs()
})

/**
 * A hostile service: Key Vault's challenge for anonymous requests (so the Key Vault client sends its token), then
 * `status` with the Authorization header quoted, as JSON for Key Vault and as plain text (cut by the action at 200
 * characters, which would leave a piece of a long token) for SCIM.
 */
function echoing(status: number): Handler {
  return (req): EmulatorResponse => {
    const authorization = String(req.headers.authorization ?? '')
    if (req.url.pathname.startsWith('/secrets/')) {
      if (!authorization) {
        return {
          status: 401,
          headers: {
            'WWW-Authenticate': `Bearer authorization="${emu.authorityHost}/${emu.tenantId}", resource="https://vault.azure.net"`
          },
          body: { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } }
        }
      }
      return { status, body: { error: { code: 'BadParameter', message: `Unexpected credentials ${authorization}` } } }
    }
    return {
      status,
      headers: { 'Content-Type': 'text/plain' },
      body: `Rejected ${authorization} for ${req.method} ${req.url.pathname}`
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Config and runs

type WorkspaceEntry = Record<string, unknown>
const prod = (): WorkspaceEntry => ({
  name: 'analytics-prod',
  host: emu.workspaceHosts['analytics-prod'],
  auth: 'entra',
  groups: ['Databricks-Group-Test', { entra: 'Data Engineers', databricks: 'data-engineers' }]
})
const dev = (tokenSecret = `${emu.vaultUrl}/secrets/dbx-dev-pat`): WorkspaceEntry => ({
  name: 'analytics-dev',
  host: emu.workspaceHosts['analytics-dev'],
  auth: 'pat',
  'token-secret': tokenSecret,
  groups: [{ entra: 'Data Engineers', databricks: 'data-engineers' }, 'Databricks-Group-Test'],
  provisioning: { 'app-name': APP_NAME, 'notification-email': 'platform@contoso.com' }
})

function writeConfig(workspaces: WorkspaceEntry[] = [prod(), dev()], extra: Record<string, unknown> = {}): void {
  writeConfigFile(workdir, { version: 1, defaults: { 'max-deletions': '50%' }, ...extra, workspaces })
}

interface CaseOptions {
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  /** The config's workspaces (default: analytics-prod with an Entra token, analytics-dev with a PAT). */
  workspaces?: WorkspaceEntry[]
  /** More top-level config (e.g. an account block). */
  config?: Record<string, unknown>
  /** Values the run must have masked with `::add-mask::`, besides the tokens and Key Vault values it received. */
  used?: string[]
}

interface Checked extends ActionRun {
  /** The failure the action reported (its last error annotation), or ''. */
  failure: string
  /** Entries of the emulators' request log made during the run. */
  requests: RequestLogEntry[]
}

/** Puts the workspaces' identities back to the fixture's, keeping the PATs each accepts now (a test may change them). */
function resetWorkspaces(): void {
  for (const ws of Object.values(emu.workspaces)) {
    const pats = ws.pats()
    ws.reset()
    for (const pat of ws.pats()) if (!pats.includes(pat)) ws.removePat(pat)
    for (const pat of pats) ws.addPat(pat)
  }
}

/**
 * Runs the action against the emulators (workspaces back at the fixture's state first) and asserts that no secret
 * leaked and that every secret the run handled was masked.
 */
async function runCase(options: CaseOptions = {}): Promise<Checked> {
  resetWorkspaces()
  writeConfig(options.workspaces, options.config)
  const mintedBefore = emu.github.minted.length
  const issuedBefore = emu.entra.issued.length
  const logBefore = emu.log.length
  const tempDir = mkdtempSync(join(tmpdir(), 'e2e-secrets-run-'))
  const run = await runAgainst(emu, {
    cwd: workdir,
    tempDir,
    inputs: { command: 'sync', config: 'databricks-identities.yml', ...options.inputs },
    ...(options.env ? { env: options.env } : {})
  })
  const requests = emu.log.slice(logBefore)
  const vaultValuesRead = requests.flatMap((e) => {
    const m = /^\/secrets\/([^/]+)(?:\/([^/]+))?$/.exec(e.path)
    if (e.service !== 'keyvault' || e.method !== 'GET' || e.status !== 200 || !m) return []
    const value = emu.vault.getSecret(decodeURIComponent(m[1] ?? ''), m[2])?.value
    return value ? [value] : []
  })
  const used = [
    ...emu.github.minted.slice(mintedBefore).map((t) => t.token),
    ...emu.entra.issued.slice(issuedBefore).map((t) => t.token),
    ...vaultValuesRead,
    ...(options.used ?? [])
  ]
  const secrets = [
    ...planted,
    ...emu.vault.names().flatMap((n) => emu.vault.versions(n).map((v) => v.value)),
    ...emu.github.minted.map((t) => t.token),
    ...emu.entra.issued.map((t) => t.token)
  ]
  const places: Record<string, string> = {
    'stdout (outside ::add-mask::)': run.visibleLog,
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    annotations: JSON.stringify(run.annotations)
  }
  for (const file of filesUnder(tempDir)) places[`file ${file.slice(tempDir.length + 1)}`] = readFileSync(file, 'utf8')
  const plan = run.outputs.plan
  if (plan && existsSync(plan)) places['plan file'] = readFileSync(plan, 'utf8')

  const masked = new Set(
    run.stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length).trimEnd())
  )
  expect({
    leaks: findLeaks(places, secrets),
    unmasked: [...new Set(used)].filter((s) => !masked.has(s)).map(label)
  }).toEqual({ leaks: [], unmasked: [] })
  const errors = run.annotations.filter((a) => a.level === 'error')
  return { ...run, failure: errors.at(-1)?.message ?? '', requests }
}

/** How a secret is named in a failure message: its first characters and its length, never the value. */
const label = (secret: string): string => `${secret.slice(0, 6)}…(${secret.length} chars)`

/** A JWT, or a piece of one long enough to matter: base64url of `{"`, then more. */
const JWT_PIECE = /eyJ[\w-]{16,}/

/** Pieces of this many characters of a secret count as a leak (a cut or wrapped token is still a leak). */
const PIECE = 8

function findLeaks(places: Record<string, string>, secrets: readonly string[]): string[] {
  const pieces = new Map<string, string>()
  for (const s of secrets) {
    if (s.length < PIECE) continue
    for (let i = 0; i + PIECE <= s.length; i++) pieces.set(s.slice(i, i + PIECE), s)
  }
  const found: string[] = []
  for (const [place, text] of Object.entries(places)) {
    const hits = new Set<string>()
    for (const s of secrets) if (s.length < PIECE && s && text.includes(s)) hits.add(s)
    for (let i = 0; i + PIECE <= text.length; i++) {
      const s = pieces.get(text.slice(i, i + PIECE))
      if (s) hits.add(s)
    }
    for (const s of hits) found.push(`${place} contains ${label(s)}`)
    const jwt = JWT_PIECE.exec(text)
    if (jwt && hits.size === 0) found.push(`${place} contains a JWT-like string ${jwt[0].slice(0, 10)}…`)
  }
  return found
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const writesTo = (requests: RequestLogEntry[], service: string): string[] =>
  requests.filter((e) => e.service === service && e.method !== 'GET').map((e) => `${e.method} ${e.path}`)

/** Sets a Key Vault secret for one test, as a secret to look for. */
function setVaultSecret(name: string, value: string): void {
  planted.add(value)
  emu.vault.setSecret(name, value)
}

// ---------------------------------------------------------------------------------------------------------------

describe('no secret leaks on success', () => {
  test('sync signed in with OIDC: an Entra token for one workspace, a PAT from Key Vault for the other', async () => {
    const run = await runCase()
    expect(run.code).toBe(0)
    expect(Number(run.outputs.changes)).toBeGreaterThan(0)
    expect(run.outputs.plan).toBeTruthy()
    // Both kinds of workspace token were in play.
    expect(emu.entra.issued.at(-1)?.grant).toBe('client_assertion')
    expect(run.requests.some((e) => e.service === 'keyvault' && e.status === 200)).toBe(true)
  })

  test('sync signed in with a client secret', async () => {
    const secret = fixture.applications[0]?.clientSecret ?? ''
    const run = await runCase({ inputs: { 'client-secret': secret }, used: [secret] })
    expect(run.code).toBe(0)
    expect(run.requests.filter((e) => e.service === 'entra' && e.status === 200)).not.toHaveLength(0)
  })

  test('sync dry-run', async () => {
    const run = await runCase({ inputs: { 'dry-run': 'true' } })
    expect(run.code).toBe(0)
    expect(run.requests.filter((e) => e.service.startsWith('databricks') && e.method !== 'GET')).toEqual([])
  })

  test('sync that recovers from dropped connections to Graph and the workspace, and from 500s', async () => {
    emu.servers.entra?.failNext(1, '500')
    emu.servers.graph?.failNext(1, 'drop')
    emu.servers['databricks:analytics-prod']?.failNext(2, 'drop')
    // The first requests to a workspace are reads, which are retried (a POST answered 500 would not be).
    emu.servers['databricks:analytics-dev']?.failNext(2, '500', { retryAfterSeconds: 0 })
    const run = await runCase()
    expect(run.code).toBe(0)
    expect(run.requests.filter((e) => e.fault).map((e) => `${e.service} ${e.fault}`)).toEqual(
      expect.arrayContaining([
        'entra 500',
        'graph drop',
        'databricks:analytics-prod drop',
        'databricks:analytics-dev 500'
      ])
    )
  })

  test('sync of the Databricks account', async () => {
    const run = await runCase({
      inputs: { workspace: 'account' },
      config: {
        account: {
          id: emu.accountId,
          host: emu.accountHost,
          groups: [{ entra: 'Data Engineers', databricks: 'data-engineers' }]
        }
      }
    })
    expect(run.code).toBe(0)
  })

  test('validate with the online check of every Entra group', async () => {
    const run = await runCase({ inputs: { command: 'validate' } })
    expect(run.code).toBe(0)
    expect(run.outputs.errors).toBe('0')
    expect(run.requests.some((e) => e.service === 'graph')).toBe(true)
  })

  test('provision-app onboards the connector with the PAT from Key Vault', async () => {
    const run = await runCase({ inputs: { command: 'provision-app', workspace: 'analytics-dev' } })
    expect(run.code).toBe(0)
    const app = emu.graph.provisioning.apps().find((a) => a.displayName === APP_NAME)
    expect(emu.graph.provisioning.secrets(app?.servicePrincipalId ?? '')).toContainEqual({
      key: 'SecretToken',
      value: DEV_PAT
    })
  })
})

describe('no secret leaks on failure', () => {
  test('wrong client secret (AADSTS7000215)', async () => {
    const run = await runCase({ inputs: { 'client-secret': WRONG_CLIENT_SECRET }, used: [WRONG_CLIENT_SECRET] })
    expect(run.code).toBe(1)
    expect(run.failure).toContain('AADSTS7000215')
  })

  // provision-app: the same sign-in as sync, without sync's retries of the failed sign-in (see the report).
  test('federated credential subject mismatch (AADSTS70021)', async () => {
    emu.github.subject = 'repo:attacker/fork:pull_request'
    try {
      const run = await runCase({ inputs: { command: 'provision-app', workspace: 'analytics-dev' } })
      expect(run.code).toBe(1)
      expect(run.failure).toContain('AADSTS70021')
      expect(emu.github.minted.at(-1)?.subject).toBe('repo:attacker/fork:pull_request')
    } finally {
      emu.github.subject = SUBJECT
    }
  })

  test('GitHub refuses the OIDC request token', async () => {
    const wrong = 'ghoidc_planted-wrong-request-token-0123456789abcdef'
    planted.add(wrong)
    const run = await runCase({
      inputs: { command: 'provision-app', workspace: 'analytics-dev' },
      env: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: wrong }
    })
    expect(run.code).toBe(1)
    expect(run.failure).toContain('GitHub did not give this job an OIDC token')
  })

  // Found by an adversarial run: the runner's OIDC request token was never registered as a secret, and an OIDC
  // endpoint that quoted it back put it whole in the summary.
  test('an OIDC endpoint that quotes the request token back: the token is masked and redacted', async () => {
    const run = await runCase({
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: `${hostile.oidc.url}/_apis/oidc/token?api-version=2.0` }
    })
    expect(run.code).toBe(1)
    expect(hostile.oidc.log.some((e) => e.status === 500)).toBe(true)
    expect(run.stdout).toContain(`::add-mask::${emu.githubOidc.requestToken}`)
  })

  test('Graph 403: an app without Graph permissions, for sync and for validate', async () => {
    const sync = await runCase({ inputs: { 'client-id': NO_GRAPH_APP } })
    expect(sync.code).toBe(1)
    expect(sync.failure).toContain('403')
    expect(sync.failure).toContain('GroupMember.Read.All')
    const validate = await runCase({ inputs: { command: 'validate', 'client-id': NO_GRAPH_APP } })
    expect(validate.code).toBe(1)
    expect(validate.failure).toContain('403')
  })

  test('Graph answers 500 to everything', async () => {
    emu.servers.graph?.setFaults({ rate: 1, kinds: ['500'], seed: 1, retryAfterSeconds: 0 })
    const run = await runCase()
    expect(run.code).toBe(1)
    expect(run.failure).toContain('Microsoft Graph answered 500')
  })

  test('SCIM 403 and Key Vault 403: an app that reads Entra but is no workspace admin and no vault reader', async () => {
    const run = await runCase({ inputs: { 'client-id': LIMITED_APP } })
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-prod,analytics-dev')
    expect(run.failure).toMatch(/analytics-prod: .*403/)
    expect(run.failure).toMatch(/analytics-dev: Key Vault .* refused .*403/)
  })

  test('SCIM 401: the workspace no longer accepts the PAT from Key Vault', async () => {
    emu.workspaces['analytics-dev']?.removePat(DEV_PAT)
    try {
      const run = await runCase()
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe('analytics-dev')
      expect(run.failure).toMatch(/analytics-dev: .*401/)
    } finally {
      emu.workspaces['analytics-dev']?.addPat(DEV_PAT)
    }
  })

  test('a rotated PAT the workspace rejects', async () => {
    setVaultSecret('dbx-dev-pat', ROTATED_PAT)
    try {
      const run = await runCase({ inputs: { workspace: 'analytics-dev' } })
      expect(run.code).toBe(1)
      expect(run.failure).toMatch(/analytics-dev: .*401/)
    } finally {
      emu.vault.setSecret('dbx-dev-pat', DEV_PAT)
    }
  })

  test('SCIM 500 on every POST (the creates may have been carried out)', async () => {
    emu.servers['databricks:analytics-prod']?.setFaults({ rate: 1, kinds: ['500'], seed: 1, methods: ['POST'] })
    const run = await runCase({ inputs: { workspace: 'analytics-prod' } })
    expect(run.code).toBe(1)
    expect(run.failure).toMatch(/analytics-prod: \d+ of \d+ operation\(s\) failed/)
    expect(run.summary).toContain('answered 500: Injected fault: 500 (the request may have been carried out)')
  })

  test('SCIM 500 on every request, past the retries', async () => {
    emu.servers['databricks:analytics-dev']?.setFaults({ rate: 1, kinds: ['500'], seed: 1, retryAfterSeconds: 0 })
    const run = await runCase()
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-dev')
    expect(run.failure).toMatch(/analytics-dev: .*500/)
  })

  test('dropped connections to the workspace on every create', async () => {
    emu.servers['databricks:analytics-prod']?.setFaults({ rate: 1, kinds: ['drop'], seed: 1, methods: ['POST'] })
    const run = await runCase({ inputs: { workspace: 'analytics-prod' } })
    expect(run.code).toBe(1)
    expect(run.failure).toMatch(/analytics-prod: \d+ of \d+ operation\(s\) failed/)
    expect(run.summary).toContain('got no answer: connection closed')
  })

  test('Key Vault has no such secret', async () => {
    emu.vault.deleteSecret('dbx-dev-pat')
    try {
      const run = await runCase()
      expect(run.code).toBe(1)
      expect(run.failure).toMatch(/analytics-dev: Key Vault .* has no secret/)
    } finally {
      emu.vault.setSecret('dbx-dev-pat', DEV_PAT)
    }
  })

  test('Key Vault 403: the app may not read the secret', async () => {
    const readers = emu.vault.readers
    emu.vault.readers = [LIMITED_APP]
    try {
      const run = await runCase()
      expect(run.code).toBe(1)
      expect(run.failure).toMatch(/analytics-dev: Key Vault .* refused .*403/)
    } finally {
      emu.vault.readers = readers
    }
  })

  test('token-secret names a Key Vault key, not a secret', async () => {
    const run = await runCase({ workspaces: [prod(), dev(`${emu.vaultUrl}/keys/dbx-dev-pat`)] })
    expect(run.code).toBe(1)
    expect(run.annotations.some((a) => a.message.includes('is a Key Vault key id, not a secret id'))).toBe(true)
    expect(run.requests).toEqual([])
  })

  test('token-secret at another vault that quotes the Entra token it got in its error', async () => {
    const run = await runCase({ workspaces: [prod(), dev(`${hostile.vault.url}/secrets/dbx-dev-pat`)] })
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-dev')
    expect(run.failure).toContain(`analytics-dev: Reading Key Vault secret ${hostile.vault.url}/secrets/dbx-dev-pat`)
    // The other vault did get a Key Vault token (and quoted it back).
    expect(hostile.vault.log.some((e) => e.status === 400)).toBe(true)
  })

  test('workspaces that quote the Entra token and the PAT they got in their errors', async () => {
    const run = await runCase({
      workspaces: [
        { ...prod(), host: hostile.entraWorkspace.url },
        { ...dev(), host: hostile.patWorkspace.url }
      ]
    })
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-prod,analytics-dev')
    expect(run.failure).toMatch(/analytics-prod: .*401/)
    expect(run.failure).toMatch(/analytics-dev: .*403/)
  })

  test('the circuit breaker trips', async () => {
    const run = await runCase({ inputs: { 'max-deletions': '0', workspace: 'analytics-prod' } })
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
    expect(run.summary).toContain('⛔')
    expect(writesTo(run.requests, 'databricks:analytics-prod')).toEqual([])
  })

  test('provision-app with a PAT the connector refuses (validateCredentials)', async () => {
    setVaultSecret('dbx-dev-pat', BAD_PAT)
    try {
      const run = await runCase({ inputs: { command: 'provision-app', workspace: 'analytics-dev' } })
      expect(run.code).toBe(1)
      expect(run.failure).toContain('dbx-dev-pat')
      expect(writesTo(run.requests, 'graph').filter((w) => w.endsWith('/synchronization/secrets'))).toEqual([])
    } finally {
      emu.vault.setSecret('dbx-dev-pat', DEV_PAT)
    }
  })

  test('provision-app finds the job in quarantine (the saved PAT expired)', async () => {
    expect((await runCase({ inputs: { command: 'provision-app', workspace: 'analytics-dev' } })).code).toBe(0)
    emu.workspaces['analytics-dev']?.removePat(DEV_PAT)
    try {
      // The connector finds the token refused when the job's cycle ends, not at once.
      await emu.graph.provisioning.finishCycle()
      const run = await runCase({ inputs: { command: 'provision-app', workspace: 'analytics-dev' } })
      expect(run.code).toBe(1)
      expect(run.failure).toContain('quarantine')
    } finally {
      emu.workspaces['analytics-dev']?.addPat(DEV_PAT)
    }
  })
})

// ---------------------------------------------------------------------------------------------------------------

/** A preload that appends every outgoing socket connection (host and port) to $CONNECT_LOG. */
const RECORDER = `
import net from 'node:net'
import { appendFileSync } from 'node:fs'
const original = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  let options = args[0]
  if (Array.isArray(options)) options = options[0]
  let entry
  if (options && typeof options === 'object') entry = { host: options.host ?? 'localhost', port: options.port ?? null, path: options.path ?? null }
  else if (typeof options === 'string' && !/^\\d+$/.test(options)) entry = { host: null, port: null, path: options }
  else entry = { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: options ?? null, path: null }
  appendFileSync(process.env.CONNECT_LOG, JSON.stringify(entry) + '\\n')
  return original.apply(this, args)
}
`

/**
 * Code that turns TLS verification off. Comments do not count. The one exception is @actions/http-client's
 * `ignoreSslError` request option (bundled in dist/): its `rejectUnauthorized: false` only runs when a caller passes
 * `ignoreSslError: true`, which nothing does.
 */
function tlsOverrides(file: string, text: string): string[] {
  const lines = text.split('\n')
  const found: string[] = []
  const where = (i: number) => `${file.slice(ROOT.length + 1)}:${i + 1}`
  lines.forEach((line, i) => {
    const code = line.replace(/^\s*(\/\/|\*|\/\*).*$/, '').replace(/\s\/\/ .*$/, '')
    if (/NODE_TLS_REJECT_UNAUTHORIZED/.test(code)) found.push(`${where(i)}: ${line.trim()}`)
    if (/checkServerIdentity/.test(code)) found.push(`${where(i)}: ${line.trim()}`)
    if (/\bignoreSslError\s*:/.test(code)) found.push(`${where(i)}: ${line.trim()}`)
    if (/rejectUnauthorized\s*:\s*(false|!1|0)\b/.test(code)) {
      const guarded = lines.slice(Math.max(0, i - 8), i).some((l) => /if \(usingSsl && this\._ignoreSslError\)/.test(l))
      if (!guarded) found.push(`${where(i)}: ${line.trim()}`)
    }
  })
  return found
}

describe('network', () => {
  test('sync connects only to the hosts named in its inputs and config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-secrets-net-'))
    const preload = join(dir, 'record-connections.mjs')
    const connections = join(dir, 'connections.jsonl')
    writeFileSync(preload, RECORDER)
    writeFileSync(connections, '')
    const run = await runCase({
      env: { NODE_OPTIONS: `--import ${pathToFileURL(preload).href}`, CONNECT_LOG: connections }
    })
    expect(run.code).toBe(0)
    const origins = [
      emu.authorityHost,
      emu.graphEndpoint,
      emu.vaultUrl,
      emu.githubOidc.requestUrl,
      ...Object.values(emu.workspaceHosts)
    ].map((u) => {
      const url = new URL(u)
      return `${url.hostname}:${url.port}`
    })
    const made = readFileSync(connections, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { host: string | null; port: number | string | null; path: string | null })
      .map((c) => (c.path ? `pipe ${c.path}` : `${c.host}:${c.port}`))
    expect(made.length).toBeGreaterThan(0)
    expect([...new Set(made)].filter((c) => !origins.includes(c))).toEqual([])
    // Every service of the run was reached: the recorder saw the connections.
    expect(new Set(made)).toEqual(new Set(origins))
  })

  describe('without the test CA (NODE_EXTRA_CA_CERTS unset)', () => {
    let run: Checked
    beforeAll(async () => {
      run = await runCase({ env: { NODE_EXTRA_CA_CERTS: undefined } })
    })

    test('sync fails, no request gets through and nothing is written', () => {
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe('analytics-prod,analytics-dev')
      expect(run.requests).toEqual([])
      expect(emu.workspaces['analytics-prod']?.group('Databricks-Group-Test')?.memberNames).toEqual([
        'adele.vance@contoso.com',
        'former.employee@contoso.com'
      ])
    })

    // The cause @actions/core puts on a later line ("unable to verify the first certificate") is kept.
    test('the failure says the TLS certificate is not trusted and names NODE_EXTRA_CA_CERTS', () => {
      expect(run.failure).toMatch(/certificate/i)
      expect(run.failure).toMatch(/not trusted/i)
      expect(run.failure).toContain('NODE_EXTRA_CA_CERTS')
    })
  })

  test('src/ and dist/ never turn TLS verification off', () => {
    const files = [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'dist'))].filter((f) =>
      /\.(ts|js|cjs|mjs)$/.test(f)
    )
    expect(files.length).toBeGreaterThan(10)
    const found = files.flatMap((f) => tlsOverrides(f, readFileSync(f, 'utf8')))
    expect(found).toEqual([])
  })
})
