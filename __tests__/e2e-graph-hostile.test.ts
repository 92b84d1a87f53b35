// `node dist/index.js` (command: sync) against odd and hostile Microsoft Graph answers: a "Graph" that redirects a
// group read to an attacker's host (the action follows no redirect: no request and no token go there, nothing is
// written), and a Graph that stalls (every request has a timeout and is retried within the retry budget, and a
// cancelled run ends a stalled read, or a Retry-After wait, at once, still writing its summary).
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { startEmulators, type Emulators } from '../emulators/index.js'
import type { ActionRun } from '../emulators/runner.js'
import { startServer, type EmulatorServer } from '../emulators/server.js'
import { ensureTestCa } from '../emulators/tls.js'
import type { EmulatorRequest, EmulatorResponse } from '../emulators/types.js'
import { cappedSyncRun, databricksWrites, DEMO, expectCleanOutcome, workdir } from './fault-helpers.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
/** The env variable the action reads its Graph request timeout from (src/sources/entra/graph-transport.ts). */
const TIMEOUT_ENV = 'ENTRA_SYNC_GRAPH_TIMEOUT_MS'

let emu: Emulators

beforeAll(async () => {
  emu = await startEmulators({ fixture: DEMO })
})

afterAll(async () => {
  await emu?.stop()
})

afterEach(() => {
  emu.resetKnobs()
  emu.clearLog()
  for (const ws of Object.values(emu.workspaces)) ws.reset()
})

const errorText = (run: ActionRun): string =>
  run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')

/** A capped sync run (a hang fails the test) in a new working directory, or `dir`. */
function cappedRun(
  inputs: Record<string, string>,
  options: { env?: Record<string, string>; capMs?: number; onSpawn?: (child: ChildProcess) => void; dir?: string } = {}
): Promise<{ run: ActionRun; ms: number; killed: boolean }> {
  const { dir, ...rest } = options
  return cappedSyncRun(emu, dir ?? workdir(emu), inputs, rest)
}

describe('a "Graph" that redirects a group read to another host', () => {
  let attacker: EmulatorServer
  let hostile: EmulatorServer

  /** The answer an attacker would give: a member to inject, for a member read or a $batch of them. */
  const injected = {
    '@odata.type': '#microsoft.graph.user',
    id: '6a6a6a6a-0000-4000-8000-000000000666',
    displayName: 'Mallory',
    userPrincipalName: 'mallory@attacker.example',
    mail: 'mallory@attacker.example',
    userType: 'Member',
    accountEnabled: true
  }

  /** Member reads (alone, or as steps of a $batch) are answered with `status` and a Location on the attacker. */
  let redirect: { status: number; location: (path: string) => string } = { status: 302, location: (p) => p }

  beforeAll(async () => {
    const { cert, key } = await ensureTestCa()
    attacker = await startServer(
      'attacker',
      (req) =>
        req.method === 'POST'
          ? { status: 200, body: { responses: [{ id: '0', status: 200, body: { value: [injected] } }] } }
          : { status: 200, body: { value: [injected] } },
      { cert, key }
    )
    // Everything else is passed to the Graph emulator, signed in as the sync app (the hostile host's token has
    // another audience), so the name lookups succeed and the member reads are what is redirected.
    hostile = await startServer('hostile-graph', (req) => answer(req), { cert, key })
  })

  afterAll(async () => {
    await Promise.all([attacker?.stop(), hostile?.stop()])
  })

  async function answer(req: EmulatorRequest): Promise<EmulatorResponse> {
    const target = `${req.url.pathname}${req.url.search}`
    const memberRead = (url: string): boolean => /\/(transitiveMembers|members)\b/i.test(url)
    const steps = (req.body as { requests?: { url: string }[] } | undefined)?.requests ?? []
    if (memberRead(target) || steps.some((s) => memberRead(s.url))) {
      return { status: redirect.status, headers: { Location: redirect.location(target) }, body: '' }
    }
    const token = await emu.entra.issueAccessToken(SYNC_APP, emu.graphEndpoint)
    const res = await fetch(`${emu.graphEndpoint}${target}`, {
      method: req.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(req.rawBody ? { 'content-type': 'application/json' } : {}),
        ...(req.headers.consistencylevel ? { consistencylevel: String(req.headers.consistencylevel) } : {})
      },
      ...(req.rawBody ? { body: req.rawBody } : {})
    })
    return {
      status: res.status,
      headers: { 'Content-Type': res.headers.get('content-type') ?? 'application/json' },
      body: await res.text()
    }
  }

  test.each([
    {
      what: 'a 302 to `https:host/…` (no "//") on a lone read',
      groups: { prod: ['Data Engineers'], dev: [] as string[] },
      status: 302,
      location: (path: string) => `https:127.0.0.1:${attacker.port}${path}`
    },
    {
      what: 'a 307 to an absolute URL on a $batch of reads',
      groups: {},
      status: 307,
      location: (path: string) => `${attacker.url}${path}`
    }
  ])(
    '$what: the run fails naming the host, sends it nothing, and writes nothing',
    async ({ groups, status, location }) => {
      redirect = { status, location }
      attacker.clearLog()
      const dir = workdir(emu, groups.prod ? { prod: groups.prod, dev: groups.dev } : {})
      const { run } = await cappedRun({ 'graph-endpoint': hostile.url }, { dir })
      expectCleanOutcome(run)
      expect(run.code).toBe(1)
      expect(hostile.log.some((e) => e.status === status)).toBe(true)
      // Not followed: the attacker's host got no request at all, so no token and no read.
      expect(attacker.log).toEqual([])
      expect(databricksWrites(emu)).toEqual([])
      const errors = errorText(run)
      expect(errors).toContain(`Microsoft Graph answered ${status}`)
      expect(errors).toContain(`redirecting to ${attacker.url}`)
      expect(errors).toContain('it sent nothing there (no request, no token)')
      expect(errors).toContain('graph-endpoint')
      expect(errors).not.toContain('mallory')
    }
  )
})

describe('a Graph that stalls', () => {
  test('a request that never gets an answer times out and is retried: the run succeeds', async () => {
    emu.servers.graph?.failNext(1, 'hang')
    const { run, ms, killed } = await cappedRun({}, { env: { [TIMEOUT_ENV]: '1500' } })
    expect({ killed, ms: ms < 45_000 }).toEqual({ killed: false, ms: true })
    expectCleanOutcome(run)
    expect(run.code).toBe(0)
    const graph = emu.servers.graph?.log ?? []
    expect(graph[0]).toMatchObject({ status: 0, fault: 'hang' })
    expect(graph.filter((e) => e.status === 200).length).toBeGreaterThan(0)
  })

  test('a Graph that never answers: the run fails within the retry budget, saying so, and writes nothing', async () => {
    emu.servers.graph?.setFaults({ rate: 1, kinds: ['hang'], seed: 7 })
    const { run, ms, killed } = await cappedRun({}, { env: { [TIMEOUT_ENV]: '1000' } })
    expect({ killed, ms: ms < 55_000 }).toEqual({ killed: false, ms: true })
    expectCleanOutcome(run)
    expect(run.code).toBe(1)
    expect(errorText(run)).toMatch(
      /analytics-prod: Reading Entra failed, so nothing was changed: Microsoft Graph did not answer while .*no answer within 1 s, also when the read was tried again/
    )
    // Tried more than once, each attempt abandoned.
    expect((emu.servers.graph?.log ?? []).filter((e) => e.fault === 'hang').length).toBeGreaterThan(1)
    expect(databricksWrites(emu)).toEqual([])
  })

  test.each([
    {
      what: 'a read that never gets an answer',
      stall: (): void => emu.servers.graph?.setFaults({ rate: 1, kinds: ['hang'], seed: 3 })
    },
    {
      what: 'a wait for a 300 s Retry-After',
      stall: (): void => emu.servers.graph?.setFaults({ rate: 1, kinds: ['429'], seed: 3, retryAfterSeconds: 300 })
    }
  ])('SIGTERM during $what ends the run at once, with the summary, outputs and plan written', async ({ stall }) => {
    stall()
    let child: ChildProcess | undefined
    let signalled = 0
    const graph = emu.servers.graph
    if (!graph) throw new Error('no graph server')
    graph.onRequest = () => {
      if (signalled) return
      signalled = Date.now() + 500
      setTimeout(() => child?.kill('SIGTERM'), 500)
    }
    try {
      // The default timeout (60 s): only the cancellation can end the read in time.
      const { run, killed } = await cappedRun({}, { capMs: 40_000, onSpawn: (c) => (child = c) })
      const afterSignal = Date.now() - signalled
      expect({ killed, prompt: afterSignal < 15_000 }).toEqual({ killed: false, prompt: true })
      expectCleanOutcome(run)
      expect(run.code).toBe(1)
      expect(run.annotations).toContainEqual(
        expect.objectContaining({ level: 'warning', message: expect.stringContaining('Received SIGTERM') })
      )
      expect(errorText(run)).toMatch(
        /analytics-prod: Reading Entra failed, so nothing was changed: The run was cancelled while reading Microsoft Graph/
      )
      expect(run.summary).toContain('analytics-prod')
      expect(run.outputs.plan).toBeDefined()
      expect(run.outputs['failed-workspaces']).toContain('analytics-prod')
      expect(databricksWrites(emu)).toEqual([])
    } finally {
      graph.onRequest = undefined
    }
  })
})
