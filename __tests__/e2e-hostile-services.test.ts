// `node dist/index.js` (command: sync) against odd and hostile answers from every service but Graph (Graph has
// e2e-graph-hostile.test.ts): GitHub's OIDC token service, Entra ID, Key Vault and a Databricks workspace that redirect
// to an attacker's host (which records every request: it must get none, so no token and no credential go there,
// and the run fails naming where the redirect pointed), and the same services stalling (every request has a timeout
// and is retried within the retry budget, so a run ends instead of hanging, and SIGTERM ends a run waiting on a
// stalled request at once, with the summary, outputs and plan file written).
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { demoWorkspaces, startEmulators, type Emulators } from '../emulators/index.js'
import { writeConfigFile, type ActionRun } from '../emulators/runner.js'
import { startServer, type EmulatorServer } from '../emulators/server.js'
import { ensureTestCa } from '../emulators/tls.js'
import type { EmulatorRequest, EmulatorResponse } from '../emulators/types.js'
import { cappedSyncRun, databricksWrites, DEMO, DEV_GROUPS, expectCleanOutcome, PROD_GROUPS } from './fault-helpers.js'

/** The env variable the action reads the timeout of these services' requests from (src/net.ts). */
const TIMEOUT_ENV = 'ENTRA_SYNC_HTTP_TIMEOUT_MS'
const TOKEN_PATH = /\/oauth2\/v2\.0\/token$/

let emu: Emulators
/** Records every request it gets, and answers each as the service it stands in for would (a token, a secret …). */
let attacker: EmulatorServer
/** The redirecting stand-ins for each service. */
let hostile: Record<'oidc' | 'authority' | 'vault' | 'workspace', EmulatorServer>
/** What the stand-ins answer with: a redirect of `status` to `location(path)`. */
let redirect: { status: number; location: (path: string) => string } = { status: 302, location: (p) => p }

beforeAll(async () => {
  emu = await startEmulators({ fixture: DEMO })
  const { cert, key } = await ensureTestCa()
  attacker = await startServer(
    'attacker',
    (req) =>
      ({
        status: 200,
        body: req.url.pathname.includes('/secrets/')
          ? { value: 'dapi-attacker', id: `${attacker.url}${req.url.pathname}/1` }
          : { value: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.', access_token: 'attacker', expires_in: 3600 }
      }) as EmulatorResponse,
    { cert, key }
  )
  const redirected = (req: EmulatorRequest): EmulatorResponse => ({
    status: redirect.status,
    headers: { Location: redirect.location(`${req.url.pathname}${req.url.search}`) },
    body: ''
  })
  hostile = {
    oidc: await startServer('hostile-oidc', redirected, { cert, key }),
    // Entra's metadata comes from the emulator, with this host in it; the token request is redirected.
    authority: await startServer('hostile-authority', (req) => authority(req, redirected), { cert, key }),
    // Key Vault's challenge to an anonymous request (so the client sends its token), then the redirect.
    vault: await startServer(
      'hostile-vault',
      (req) =>
        req.headers.authorization
          ? redirected(req)
          : {
              status: 401,
              headers: {
                'WWW-Authenticate': `Bearer authorization="${emu.authorityHost}/${emu.tenantId}", resource="https://vault.azure.net"`
              },
              body: { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } }
            },
      { cert, key }
    ),
    workspace: await startServer('hostile-workspace', redirected, { cert, key })
  }
})

afterAll(async () => {
  await Promise.all([emu?.stop(), attacker?.stop(), ...Object.values(hostile ?? {}).map((s) => s.stop())])
})

afterEach(() => {
  emu.resetKnobs()
  emu.clearLog()
  attacker.clearLog()
  for (const s of Object.values(hostile)) s.clearLog()
  for (const ws of Object.values(emu.workspaces)) ws.reset()
  for (const server of Object.values(emu.servers)) server.onRequest = undefined
})

async function authority(
  req: EmulatorRequest,
  redirected: (req: EmulatorRequest) => EmulatorResponse
): Promise<EmulatorResponse> {
  if (req.method !== 'GET') return redirected(req)
  const res = await fetch(`${emu.authorityHost}${req.url.pathname}${req.url.search}`)
  return {
    status: res.status,
    headers: { 'Content-Type': 'application/json' },
    body: (await res.text()).replaceAll(emu.authorityHost, hostile.authority.url)
  }
}

/** A working directory whose config has the demo's two workspaces, with `prod` / `dev` keys replaced. */
function workdir(prod: Record<string, unknown> = {}, dev: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-hostile-services-'))
  writeConfigFile(dir, {
    version: 1,
    defaults: { 'max-deletions': '50%' },
    workspaces: demoWorkspaces(emu, { auth: 'entra', groups: PROD_GROUPS, ...prod }, { groups: DEV_GROUPS, ...dev })
  })
  return dir
}

const errorText = (run: ActionRun): string =>
  run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')

interface CappedOptions {
  dir?: string
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  capMs?: number
  onSpawn?: (child: ChildProcess) => void
}

/** A sync run killed if still going after `capMs` (a hang fails the test, with the time it took). */
const cappedRun = ({ dir, inputs, ...options }: CappedOptions = {}) =>
  cappedSyncRun(emu, dir ?? workdir(), inputs ?? {}, options)

describe('a service that redirects to another host', () => {
  const toAttacker = (path: string): string => `${attacker.url}${path}`

  test.each([
    { status: 302, location: toAttacker },
    { status: 307, location: (path: string) => `https:127.0.0.1:${attacker.port}${path}` }
  ])(
    "GitHub's OIDC token service answers $status: the run fails naming the host; the runner's request token goes nowhere",
    async ({ status, location }) => {
      redirect = { status, location }
      const { run } = await cappedRun({
        env: { ACTIONS_ID_TOKEN_REQUEST_URL: `${hostile.oidc.url}/_apis/oidc/token?api-version=2.0` }
      })
      expectCleanOutcome(run)
      expect(run.code).toBe(1)
      expect(hostile.oidc.log.map((e) => e.status)).toEqual([status])
      // Not followed: the attacker got no request at all, so neither the request token nor anything else.
      expect(attacker.log).toEqual([])
      expect(errorText(run)).toContain(
        `GitHub's OIDC token service answered GET /_apis/oidc/token with ${status}, redirecting to ${attacker.url}. ` +
          'The action follows no redirect: it sent nothing there (no request, no token, no credential).'
      )
      expect(errorText(run)).toContain('ACTIONS_ID_TOKEN_REQUEST_URL is set by the runner')
      expect(emu.entra.issued).toEqual([])
      expect(databricksWrites(emu)).toEqual([])
    }
  )

  test('Entra ID answers the token request (with the GitHub assertion in its body) with 307: no assertion leaves', async () => {
    redirect = { status: 307, location: toAttacker }
    const { run } = await cappedRun({ inputs: { 'authority-host': hostile.authority.url } })
    expectCleanOutcome(run)
    expect(run.code).toBe(1)
    expect(hostile.authority.log.filter((e) => e.method === 'POST').map((e) => e.status)).toContain(307)
    expect(attacker.log).toEqual([])
    const errors = errorText(run)
    expect(errors).toContain(
      `Entra ID (${hostile.authority.url}) answered POST /${emu.tenantId}/oauth2/v2.0/token with 307, redirecting to ` +
        `${attacker.url}. The action follows no redirect: it sent nothing there (no request, no token, no credential).`
    )
    expect(errors).toContain('Check the authority-host input')
    expect(databricksWrites(emu)).toEqual([])
  })

  test('Entra ID redirects its metadata (302): the run fails the same way', async () => {
    redirect = { status: 302, location: toAttacker }
    // An authority that redirects every request: the metadata GET comes first.
    const { run } = await cappedRun({ inputs: { 'authority-host': hostile.oidc.url } })
    expectCleanOutcome(run)
    expect(run.code).toBe(1)
    expect(hostile.oidc.log[0]).toMatchObject({
      method: 'GET',
      path: `/${emu.tenantId}/v2.0/.well-known/openid-configuration`,
      status: 302
    })
    expect(attacker.log).toEqual([])
    expect(errorText(run)).toContain(
      `Entra ID (${hostile.oidc.url}) answered GET /${emu.tenantId}/v2.0/.well-known/openid-configuration with 302, ` +
        `redirecting to ${attacker.url}.`
    )
  })

  test.each([
    { status: 307, location: toAttacker, where: 'another host' },
    { status: 302, location: (path: string) => `${path}-moved`, where: 'the same host' }
  ])(
    'Key Vault answers the authenticated read with $status ($where): that workspace fails naming it, the other syncs',
    async ({ status, location }) => {
      redirect = { status, location }
      const dir = workdir({}, { 'token-secret': `${hostile.vault.url}/secrets/dbx-dev-pat` })
      const { run } = await cappedRun({ dir })
      expectCleanOutcome(run)
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe('analytics-dev')
      // The anonymous challenge, then the read with a token, which is refused: never a request where it pointed.
      expect(hostile.vault.log.map((e) => e.status)).toEqual([401, status])
      expect(attacker.log).toEqual([])
      const where = status === 307 ? attacker.url : `${hostile.vault.url} (the same host)`
      expect(errorText(run)).toContain(
        `analytics-dev: Key Vault 127.0.0.1:${hostile.vault.port} answered GET /secrets/dbx-dev-pat/ with ${status}, ` +
          `redirecting to ${where}. The action follows no redirect`
      )
      expect(errorText(run)).toContain('Check token-secret in the config')
      expect(databricksWrites(emu, 'analytics-dev')).toEqual([])
      expect(databricksWrites(emu, 'analytics-prod').length).toBeGreaterThan(0)
    }
  )

  test.each([302, 307])(
    'a Databricks workspace answers %i: that workspace fails naming the host, and its token goes nowhere else',
    async (status) => {
      redirect = { status, location: toAttacker }
      const dir = workdir({ host: hostile.workspace.url })
      const { run } = await cappedRun({ dir })
      expectCleanOutcome(run)
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
      expect(hostile.workspace.log.length).toBeGreaterThan(0)
      expect(hostile.workspace.log.every((e) => e.status === status)).toBe(true)
      expect(attacker.log).toEqual([])
      expect(errorText(run)).toMatch(
        new RegExp(
          `analytics-prod: .*Databricks analytics-prod: GET /\\S+ answered ${status}, redirecting to ${attacker.url}\\. ` +
            'The action follows no redirect: it sent nothing there \\(no request, no token\\)\\.'
        )
      )
      expect(databricksWrites(emu, 'analytics-dev').length).toBeGreaterThan(0)
    }
  )
})

describe('a sign-in service or Databricks that stalls', () => {
  /** Makes the next request of `server` that `matches` get no answer at all. */
  function stallNext(server: EmulatorServer | undefined, matches: (method: string, path: string) => boolean): void {
    if (!server) throw new Error('no such server')
    let done = false
    server.onRequest = ({ method, path }) => {
      if (done || !matches(method, path)) return
      done = true
      server.failNext(1, 'hang')
    }
  }

  test('an Entra token request that never gets an answer times out and is retried: the run succeeds', async () => {
    stallNext(emu.servers.entra, (method, path) => method === 'POST' && TOKEN_PATH.test(path))
    const { run, ms, killed } = await cappedRun({ env: { [TIMEOUT_ENV]: '1500' } })
    expect({ killed, quick: ms < 45_000 }).toEqual({ killed: false, quick: true })
    expectCleanOutcome(run)
    expect(run.code).toBe(0)
    const tokens = (emu.servers.entra?.log ?? []).filter((e) => TOKEN_PATH.test(e.path))
    expect(tokens[0]).toMatchObject({ status: 0, fault: 'hang' })
    expect(tokens.filter((e) => e.status === 200).length).toBeGreaterThan(0)
  })

  test.each([
    {
      what: "GitHub's OIDC token service",
      server: 'github',
      path: /\/_apis\/oidc\/token$/,
      failed: 'analytics-prod,analytics-dev',
      error:
        /Signing in failed, so nothing was read or changed: .*GitHub's OIDC token service did not answer GET \/_apis\/oidc\/token within 1 s \(6 attempts\)/
    },
    {
      what: 'the Entra token endpoint',
      server: 'entra',
      path: TOKEN_PATH,
      failed: 'analytics-prod,analytics-dev',
      error:
        /Signing in failed, so nothing was read or changed: .*Entra ID \(https:\/\/127\.0\.0\.1:\d+\) did not answer POST \/[\w-]+\/oauth2\/v2\.0\/token within 1 s \(6 attempts\)/
    },
    {
      what: 'Key Vault',
      server: 'keyvault',
      path: /^\/secrets\//,
      failed: 'analytics-dev',
      error:
        /analytics-dev: .*Key Vault 127\.0\.0\.1:\d+ did not answer GET \/secrets\/dbx-dev-pat\/ within 1 s \(6 attempts\)/
    },
    {
      what: 'a Databricks workspace',
      server: 'databricks:analytics-prod',
      path: /./,
      failed: 'analytics-prod',
      error: /analytics-prod: .*Databricks analytics-prod: GET \S+ failed: no answer in time \(after 6 attempts\)/
    }
  ])(
    '$what never answering: the run fails within the retry bound, saying so',
    async ({ server, path, failed, error }) => {
      emu.servers[server]?.setFaults({ rate: 1, kinds: ['hang'], seed: 5, path })
      const { run, ms, killed } = await cappedRun({ env: { [TIMEOUT_ENV]: '1000' }, capMs: 90_000 })
      expect({ killed, bounded: ms < 60_000 }).toEqual({ killed: false, bounded: true })
      expectCleanOutcome(run)
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe(failed)
      expect(errorText(run)).toMatch(error)
      expect((emu.servers[server]?.log ?? []).filter((e) => e.fault === 'hang').length).toBeGreaterThan(1)
      for (const ws of failed.split(',')) expect(databricksWrites(emu, ws)).toEqual([])
    }
  )

  /** A token request for the AzureDatabricks resource (the Graph token, asked for first, is answered). */
  const databricksToken = (method: string, path: string, body: unknown): boolean =>
    method === 'POST' && TOKEN_PATH.test(path) && String((body as { scope?: unknown })?.scope).startsWith('2ff814a6')

  test.each([
    {
      what: 'an Entra token request',
      server: 'entra',
      stalls: databricksToken,
      failed:
        /analytics-prod: .*The run was cancelled while waiting for Entra ID \(https:\/\/127\.0\.0\.1:\d+\) to answer\./
    },
    {
      what: 'a Key Vault read',
      server: 'keyvault',
      stalls: (_method: string, path: string) => path.startsWith('/secrets/'),
      failed: /analytics-dev: .*The run was cancelled while waiting for Key Vault 127\.0\.0\.1:\d+ to answer\./
    },
    {
      what: 'a Databricks read',
      server: 'databricks:analytics-prod',
      stalls: () => true,
      failed: /analytics-prod: .*GET \S+ was abandoned: the run was cancelled before its answer came\./
    }
  ])(
    'SIGTERM during $what that never gets an answer ends the run at once, with the summary, outputs and plan written',
    async ({ server, stalls, failed }) => {
      const stalled = emu.servers[server]
      if (!stalled) throw new Error(`no server ${server}`)
      let child: ChildProcess | undefined
      let signalled = 0
      stalled.onRequest = ({ method, path, body }) => {
        if (!stalls(method, path, body)) return
        stalled.failNext(1, 'hang')
        if (signalled) return
        signalled = Date.now() + 500
        setTimeout(() => child?.kill('SIGTERM'), 500)
      }
      // The default timeout (60 s): only the cancellation can end the request in time.
      const { run, killed } = await cappedRun({ capMs: 40_000, onSpawn: (c) => (child = c) })
      const afterSignal = Date.now() - signalled
      expect({ killed, prompt: afterSignal < 15_000 }).toEqual({ killed: false, prompt: true })
      expectCleanOutcome(run)
      expect(run.code).toBe(1)
      expect(stalled.log.some((e) => e.fault === 'hang')).toBe(true)
      expect(run.annotations).toContainEqual(
        expect.objectContaining({ level: 'warning', message: expect.stringContaining('Received SIGTERM') })
      )
      expect(errorText(run)).toMatch(failed)
      expect(run.summary).toContain('analytics-prod')
      expect(run.outputs.plan).toBeDefined()
    }
  )
})
