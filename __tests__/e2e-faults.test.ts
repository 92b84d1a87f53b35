// The fault suite, part 1: `node dist/index.js` (command: sync) against the emulators with faults switched on —
// seeded random 429/500/503/dropped connections on Graph, Key Vault and every workspace, answers lost after the
// write was carried out, a Graph outage in the middle of the reads, and throttling storms (Retry-After as seconds
// and as an HTTP date, and longer than the retry budget). Every run must end cleanly (exit 0 at exactly the desired
// state, or exit 1 naming the failed workspaces), never remove what its plan did not intend, and the next fault-free
// runs must converge and then change nothing. Part 2 (e2e-faults-changes.test.ts): Entra changes between runs and a
// run cancelled or killed mid-apply.
import { afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulators, type Emulators, type RequestLogEntry } from '../emulators/index.js'
import type { ActionRun } from '../emulators/runner.js'
import {
  allRemovals,
  canonicalAll,
  databricksWrites,
  DEMO,
  expectCleanOutcome,
  referenceState,
  snapshotAll,
  syncRun,
  unplannedRemovals,
  workdir,
  WORKSPACES
} from './fault-helpers.js'

/** Most runs a faulted sync may need before one exits 0. */
const MAX_RUNS = 6
/** The one removal a first sync of the demo tenant plans: a hand-made member of a managed group in prod. */
const DEMO_REMOVAL = 'analytics-prod: user:former.employee@contoso.com removed from Databricks-Group-Test'
const FAULTED = ['graph', 'keyvault', ...WORKSPACES.map((ws) => `databricks:${ws}`)]

let reference: Record<string, unknown>
let emu: Emulators | undefined

beforeAll(async () => {
  reference = await referenceState(DEMO)
})

afterEach(async () => {
  await emu?.stop()
  emu = undefined
})

const server = (name: string) => {
  const s = emu?.servers[name]
  if (!s) throw new Error(`no server ${name}`)
  return s
}

const members = (workspace: string, group: string): string[] =>
  emu?.workspaces[workspace]?.group(group)?.memberNames.map((m) => m.toLowerCase()) ?? []

/** The error annotation of a failed run. */
const errorText = (run: ActionRun): string =>
  run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')

interface FaultedRuns {
  runs: ActionRun[]
  removed: Set<string>
  /** Faults injected, all servers together. */
  faults: number
  /** Faults injected, by server. */
  faultsBy: Record<string, number>
}

/**
 * Runs sync until it exits 0 (at most MAX_RUNS times), checking every run: a clean outcome, no removal the plan did
 * not intend, and, on exit 0, exactly the reference state.
 */
async function runUntilGreen(dir: string, inputs: Record<string, string>, expected: unknown): Promise<FaultedRuns> {
  const e = emu as Emulators
  const runs: ActionRun[] = []
  const removed = new Set<string>()
  for (let i = 0; i < MAX_RUNS; i++) {
    const before = snapshotAll(e)
    const run = await syncRun(e, dir, inputs)
    const after = snapshotAll(e)
    runs.push(run)
    expectCleanOutcome(run)
    expect({ run: i + 1, unplanned: unplannedRemovals(before, after, run) }).toEqual({ run: i + 1, unplanned: [] })
    for (const r of allRemovals(before, after, run)) removed.add(r)
    if (run.code === 0) {
      expect(canonicalAll(after)).toEqual(expected)
      break
    }
  }
  const faultsBy = Object.fromEntries(FAULTED.map((name) => [name, e.servers[name]?.stats.faults ?? 0]))
  const faults = Object.values(faultsBy).reduce((a, b) => a + b, 0)
  return { runs, removed, faults, faultsBy }
}

/** Faults off: one more run converges to `expected`, a further one changes nothing, and a dry-run plans nothing. */
async function expectConvergesWithoutFaults(dir: string, inputs: Record<string, string>, expected: unknown) {
  const e = emu as Emulators
  e.resetKnobs()
  const clean = await syncRun(e, dir, inputs)
  expectCleanOutcome(clean)
  expect(clean.code).toBe(0)
  expect(canonicalAll(snapshotAll(e))).toEqual(expected)
  e.clearLog()
  const again = await syncRun(e, dir, inputs)
  expect(again.code).toBe(0)
  expect(again.outputs.changes).toBe('0')
  expect(databricksWrites(e)).toEqual([])
  const dry = await syncRun(e, dir, { ...inputs, 'dry-run': 'true' })
  expect(dry.code).toBe(0)
  expect(dry.outputs.changes).toBe('0')
}

describe('random faults at 10% on Graph, Key Vault and every workspace', () => {
  // Seeds whose first draws fault the first request of Graph and of Key Vault too (they get only a few requests
  // a run), and an early request of each workspace (whatever order pacing sends them in): 2297 answers Graph 429
  // and drops Key Vault's connection, 989 gives 500 and 503, 907 a drop and a 429.
  test.each([
    { seed: 2297, stateFile: false },
    { seed: 989, stateFile: false },
    { seed: 907, stateFile: true }
  ])(
    'seed $seed (state-file: $stateFile): every run ends cleanly, removes nothing unplanned, and converges',
    async ({ seed, stateFile }) => {
      emu = await startEmulators({ fixture: DEMO })
      const dir = workdir(emu)
      const inputs: Record<string, string> = stateFile ? { 'state-file': join(dir, '.entra-sync', 'state.json') } : {}
      FAULTED.forEach((name, i) =>
        server(name).setFaults({ rate: 0.1, kinds: ['429', '500', '503', 'drop'], seed: seed * 10 + i })
      )
      const { runs, removed, faultsBy } = await runUntilGreen(dir, inputs, reference)
      for (const name of FAULTED) expect({ name, faulted: (faultsBy[name] ?? 0) > 0 }).toEqual({ name, faulted: true })
      expect(runs.at(-1)?.code).toBe(0)
      // From the demo tenant, the only removal any run may make is the one the first plan makes.
      expect([...removed].filter((r) => r !== DEMO_REMOVAL)).toEqual([])
      await expectConvergesWithoutFaults(dir, inputs, reference)
    }
  )
})

describe('answers lost after the write was carried out', () => {
  test('creates whose answer never came are adopted on retry: no duplicate, no 409 failure, converges', async () => {
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu)
    for (const ws of WORKSPACES) {
      server(`databricks:${ws}`).setFaults({
        rate: 0.3,
        kinds: ['lost'],
        seed: 77,
        methods: ['POST', 'PATCH', 'DELETE']
      })
    }
    const { runs, removed } = await runUntilGreen(dir, {}, reference)
    expect(emu.log.filter((x) => x.fault === 'lost').map((x) => x.method)).toContain('POST')
    // Every lost write is settled within the run: a POST by finding what it created, the others by sending again.
    expect(runs.map((r) => r.code)).toEqual([0])
    expect([...removed].filter((r) => r !== DEMO_REMOVAL)).toEqual([])
    // A lost POST that did create its user is found and adopted, never reported as a conflict.
    for (const run of runs) expect(run.visibleLog).not.toMatch(/answered 409/)
    await expectConvergesWithoutFaults(dir, {}, reference)
  })

  test('deletions and removals whose answer was lost (removal: delete) are not repeated into failures, and converge', async () => {
    const spec = { defaults: { 'max-deletions': '50%', removal: 'delete' } }
    const leave = (x: Emulators) => {
      x.graph.removeMember('Databricks-Group-Test', 'alex.wilber@contoso.com')
      x.graph.removeMember('Data Engineers', 'diego.siciliani@contoso.com')
    }
    // A fresh sync without them gives the same workspaces as deleting them after a first sync.
    const expected = await referenceState(DEMO, spec, leave)
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu, spec)
    expect((await syncRun(emu, dir)).code).toBe(0)
    leave(emu)
    for (const ws of WORKSPACES) {
      server(`databricks:${ws}`).setFaults({ rate: 0.5, kinds: ['lost'], seed: 78, methods: ['PATCH', 'DELETE'] })
    }
    const { runs, removed } = await runUntilGreen(dir, {}, expected)
    // A DELETE whose answer was lost is sent again, meets 404, and counts as done: the first run succeeds.
    expect(emu.log.filter((x) => x.fault === 'lost').map((x) => x.method)).toContain('DELETE')
    expect(runs.map((r) => r.code)).toEqual([0])
    expect([...removed].filter((r) => r.includes('deleted')).sort()).toEqual([
      'analytics-dev: deleted user:alex.wilber@contoso.com',
      'analytics-dev: deleted user:diego.siciliani@contoso.com',
      'analytics-prod: deleted user:alex.wilber@contoso.com',
      'analytics-prod: deleted user:diego.siciliani@contoso.com'
    ])
    await expectConvergesWithoutFaults(dir, {}, expected)
  })
})

describe('Key Vault faults', () => {
  test('a 503, a dropped connection and a 429 on the PAT read are retried: the run converges', async () => {
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu)
    const vault = server('keyvault')
    vault.failNext(1, '503')
    vault.failNext(1, 'drop')
    vault.failNext(1, '429', { retryAfterSeconds: 1 })
    const run = await syncRun(emu, dir)
    expectCleanOutcome(run)
    expect(run.code).toBe(0)
    expect(vault.stats.faults).toBe(3)
    expect(canonicalAll(snapshotAll(emu))).toEqual(reference)
  })

  test('a Key Vault outage fails only the workspace whose PAT it holds, clearly, and writes nothing there', async () => {
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu)
    server('keyvault').setFaults({ rate: 1, kinds: ['503'], seed: 4, retryAfterSeconds: 0 })
    const run = await syncRun(emu, dir)
    expectCleanOutcome(run)
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-dev')
    expect(errorText(run)).toMatch(/analytics-dev: Reading Key Vault secret \S+dbx-dev-pat failed/)
    expect(databricksWrites(emu, 'analytics-dev')).toEqual([])
    expect(canonicalAll(snapshotAll(emu))['analytics-prod']).toEqual(reference['analytics-prod'])
  })
})

describe('a Graph outage mid-read', () => {
  /** After the first Graph request, Graph answers 503 to every request (and every $batch step). */
  function graphOutageAfterFirstRequest(): void {
    const graph = server('graph')
    let seen = 0
    graph.onRequest = () => {
      if (++seen === 2) graph.setFaults({ rate: 1, kinds: ['503'], seed: 5 })
    }
  }

  function changeEntra(): void {
    emu?.graph.removeMember('Databricks-Group-Test', 'alex.wilber@contoso.com')
    emu?.graph.addMember('Data Engineers', 'lee.gu@contoso.com')
  }

  function expectOutageRun(run: ActionRun, graphLog: RequestLogEntry[]): void {
    expectCleanOutcome(run)
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-prod,analytics-dev')
    for (const ws of WORKSPACES) {
      expect(errorText(run)).toContain(`${ws}: Reading Entra failed, so nothing was changed`)
    }
    expect(databricksWrites(emu as Emulators)).toEqual([])
    // Mid-read: Graph answered at first, then failed.
    expect(graphLog[0]?.status).toBe(200)
    expect(graphLog.some((e) => e.status === 503)).toBe(true)
  }

  function expectChangesArrived(): void {
    expect(members('analytics-prod', 'Databricks-Group-Test')).not.toContain('alex.wilber@contoso.com')
    expect(members('analytics-prod', 'data-engineers')).toContain('lee.gu@contoso.com')
    expect(members('analytics-dev', 'data-engineers')).toContain('lee.gu@contoso.com')
  }

  test('the workspaces reading Entra fail, nothing is written, and the next run converges', async () => {
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu)
    expect((await syncRun(emu, dir)).code).toBe(0)
    changeEntra()
    const before = snapshotAll(emu)
    graphOutageAfterFirstRequest()
    emu.clearLog()
    const run = await syncRun(emu, dir)
    expectOutageRun(
      run,
      emu.log.filter((e) => e.service === 'graph')
    )
    expect(canonicalAll(snapshotAll(emu))).toEqual(canonicalAll(before))

    server('graph').onRequest = undefined
    emu.resetKnobs()
    const next = await syncRun(emu, dir)
    expect(next.code).toBe(0)
    expectChangesArrived()
    expect((await syncRun(emu, dir)).outputs.changes).toBe('0')
  })

  test('with a state file: the delta read fails, nothing is written, the state file is kept, then it converges', async () => {
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu)
    const stateFile = join(dir, '.entra-sync', 'state.json')
    const inputs = { 'state-file': stateFile }
    expect((await syncRun(emu, dir, inputs)).code).toBe(0)
    expect(existsSync(stateFile)).toBe(true)
    const saved = readFileSync(stateFile, 'utf8')
    changeEntra()
    const before = snapshotAll(emu)
    // An incremental run reads Entra in one $batch (the three delta links): its users/delta step fails, the others
    // are answered.
    server('graph').setFaults({ rate: 1, kinds: ['503'], seed: 5, path: /\/users\/delta$/, retryAfterSeconds: 0 })
    emu.clearLog()
    const run = await syncRun(emu, dir, inputs)
    expectOutageRun(
      run,
      emu.log.filter((e) => e.service === 'graph')
    )
    expect(canonicalAll(snapshotAll(emu))).toEqual(canonicalAll(before))
    expect(readFileSync(stateFile, 'utf8')).toBe(saved)

    emu.resetKnobs()
    const next = await syncRun(emu, dir, inputs)
    expect(next.code).toBe(0)
    expectChangesArrived()
    expect((await syncRun(emu, dir, inputs)).outputs.changes).toBe('0')
  })
})

test('with a state file, a failed delta read is explained like a failed full read', async () => {
  emu = await startEmulators({ fixture: DEMO })
  const dir = workdir(emu)
  const inputs = { 'state-file': join(dir, '.entra-sync', 'state.json') }
  expect((await syncRun(emu, dir, inputs)).code).toBe(0)
  server('graph').setFaults({ rate: 1, kinds: ['503'], seed: 5, path: /\/users\/delta$/, retryAfterSeconds: 0 })
  const run = await syncRun(emu, dir, inputs)
  expect(run.code).toBe(1)
  expect(errorText(run)).toMatch(
    /analytics-prod: Reading Entra failed, so nothing was changed: Microsoft Graph answered 503 serviceNotAvailable while reading/
  )
})

describe('throttling storms', () => {
  /** The earliest a retry may arrive after a 429 answered at `at` asking to wait `seconds` in `format`. */
  const notBefore = (at: string, seconds: number, format: 'seconds' | 'http-date'): number => {
    const t = Date.parse(at) + seconds * 1000
    return format === 'http-date' ? Math.floor(t / 1000) * 1000 : t
  }

  /**
   * Each throttled request of `service` was sent again no earlier than its Retry-After allowed. The retry is the next
   * request with the same method, path and body (`sameBody` false: method and path, as a $batch retried with its
   * steps regrouped).
   */
  function expectRetryAfterHonoured(
    service: string,
    seconds: number,
    format: 'seconds' | 'http-date',
    sameBody = true
  ): number {
    const log = (emu as Emulators).log.filter((e) => e.service === service)
    const throttled = log.filter((e) => e.fault === '429')
    for (const t of throttled) {
      const same = (e: RequestLogEntry) =>
        e.method === t.method && e.path === t.path && (!sameBody || JSON.stringify(e.body) === JSON.stringify(t.body))
      const retry = log.slice(log.indexOf(t) + 1).find(same)
      expect(retry).toBeDefined()
      // 20 ms for timer and clock granularity.
      expect(Date.parse(retry?.at ?? '')).toBeGreaterThanOrEqual(notBefore(t.at, seconds, format) - 20)
    }
    return throttled.length
  }

  test('429 with Retry-After as an HTTP date (prod writes) and as seconds (dev reads): waited out, converges, reported', async () => {
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu)
    const prod = server('databricks:analytics-prod')
    let armed = false
    prod.onRequest = ({ method }) => {
      if (method === 'GET' || armed) return
      armed = true
      prod.failNext(3, '429', { retryAfterSeconds: 2, retryAfterFormat: 'http-date' })
    }
    server('databricks:analytics-dev').failNext(2, '429', { retryAfterSeconds: 2 })
    const run = await syncRun(emu, dir)
    expectCleanOutcome(run)
    expect(run.code).toBe(0)
    expect(canonicalAll(snapshotAll(emu))).toEqual(reference)
    const prodThrottled = expectRetryAfterHonoured('databricks:analytics-prod', 2, 'http-date')
    const devThrottled = expectRetryAfterHonoured('databricks:analytics-dev', 2, 'seconds')
    expect(prodThrottled).toBe(3)
    expect(devThrottled).toBe(2)
    // The summary reports the throttling of each workspace.
    const section = (ws: string) => run.summary.slice(run.summary.indexOf(`${ws} — `))
    expect(section('analytics-prod')).toMatch(/Databricks: \d+ requests, 3 throttled \(429\), [1-9]\d* retr/)
    expect(section('analytics-dev')).toMatch(/Databricks: \d+ requests, 2 throttled \(429\), [1-9]\d* retr/)
  })

  test('Graph: a $batch throttled as a whole (429 + Retry-After 2 s) is sent again no earlier than asked', async () => {
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu)
    server('graph').failNext(1, '429', { retryAfterSeconds: 2 })
    const run = await syncRun(emu, dir)
    expectCleanOutcome(run)
    expect(run.code).toBe(0)
    expect(canonicalAll(snapshotAll(emu))).toEqual(reference)
    expect(expectRetryAfterHonoured('graph', 2, 'seconds', false)).toBe(1)
    // The summary reports Graph's throttling and the time waited for it.
    expect(run.summary).toMatch(
      /Microsoft Graph: \d+ requests for \d+ reads, [1-9]\d* throttled \(429\), [1-9]\d* retries, 2\.\d s waited\./
    )
  })

  test.each(['seconds', 'http-date'] as const)(
    'a storm asking to wait longer than the retry budget (Retry-After 700 s as %s) fails the workspace at once, clearly',
    async (format) => {
      emu = await startEmulators({ fixture: DEMO })
      const dir = workdir(emu)
      server('databricks:analytics-prod').setFaults({
        rate: 1,
        kinds: ['429'],
        seed: 9,
        retryAfterSeconds: 700,
        retryAfterFormat: format
      })
      const run = await syncRun(emu, dir)
      expectCleanOutcome(run)
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
      expect(errorText(run)).toMatch(
        /analytics-prod: Databricks analytics-prod: GET \S+: the service throttled for too long \(answered 429 asking to wait (699|700)(\.\d)? s; 0 s of the 600 s retry budget already spent waiting\)/
      )
      expect(databricksWrites(emu, 'analytics-prod')).toEqual([])
      // The other workspace is synced all the same.
      expect(canonicalAll(snapshotAll(emu))['analytics-dev']).toEqual(reference['analytics-dev'])
      expect(run.summary).toMatch(/Databricks: \d+ requests?, [1-9]\d* throttled \(429\)/)
    }
  )

  test('a storm of 429s with Retry-After 0 fails the workspace after the attempt limit, clearly', async () => {
    emu = await startEmulators({ fixture: DEMO })
    const dir = workdir(emu)
    server('databricks:analytics-prod').setFaults({ rate: 1, kinds: ['429'], seed: 9, retryAfterSeconds: 0 })
    const run = await syncRun(emu, dir)
    expectCleanOutcome(run)
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
    expect(errorText(run)).toMatch(/analytics-prod: Databricks analytics-prod: GET \S+ answered 429 on 20 attempts/)
    expect(databricksWrites(emu, 'analytics-prod')).toEqual([])
    expect(canonicalAll(snapshotAll(emu))['analytics-dev']).toEqual(reference['analytics-dev'])
  })
})
