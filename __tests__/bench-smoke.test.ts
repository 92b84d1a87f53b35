// The scale benchmark's scenarios at a small scale, in-process through the same functions as `npm run bench`
// (real dist/index.js, emulators with latency and throttling on). Asserts request counts, never times.
import { describe, expect, test } from '@jest/globals'
import { scalingSvg } from '../bench/chart.js'
import { curvePoint, fitLines, runCurvePoint } from '../bench/curves.js'
import { naiveFactor } from '../bench/run.js'
import { actionRequestsFor, DEFAULT_LIMITS, runBench, type BenchResult, type ScenarioRow } from '../bench/scenarios.js'

/** 1/50 of the full tenant: 400 users, 10 service principals, 20 groups, 10 workspaces × 2 groups. */
const SCALE = 1 / 50

let result: BenchResult
const row = (name: string): ScenarioRow => {
  const found = result.rows.find((r) => r.scenario.includes(name))
  if (!found) throw new Error(`no scenario ${name}`)
  return found
}
/** Writes that were answered (429s are retried and counted separately). */
const answeredWrites = (r: ScenarioRow): number =>
  (r.byApi['scim POST'] ?? 0) +
  (r.byApi['scim PATCH'] ?? 0) +
  (r.byApi['scim PUT'] ?? 0) +
  (r.byApi['scim DELETE'] ?? 0)

describe('scale benchmark (smoke slice)', () => {
  test('runs every scenario', async () => {
    // Two runs each for peak RSS: the scenarios that write nothing are run again.
    result = await runBench({ scale: SCALE, naiveWorkspaces: 1, rssRuns: 2 })
    expect(result.rows.map((r) => r.scenario)).toEqual([
      '1 first sync',
      '2 steady state',
      '3 1% churn',
      '4 churn, dry-run',
      '5 state file: first run',
      '6 state file: steady state',
      '7 state file: 1% churn',
      '8 full-read check, dry-run'
    ])
    for (const r of result.rows) {
      expect(r.exitCode).toBe(0)
      expect(r.failedWorkspaces).toEqual([])
      // The bound is what the best client must send: no run can go below it.
      expect(r.ratio).toBeGreaterThanOrEqual(1)
    }
  }, 300_000)

  test('peak RSS is the maximum over repeated runs of the scenarios that write nothing; one run of the others', () => {
    for (const name of ['2 steady state', '4 churn, dry-run', '6 state file: steady state', '8 full-read check']) {
      expect(row(name).rssRuns).toBe(2)
    }
    // A first sync or churn writes, and a state file's first run writes the file: each is one sample.
    for (const name of ['1 first sync', '3 1% churn', '5 state file: first run', '7 state file: 1% churn']) {
      expect(row(name).rssRuns).toBe(1)
    }
    for (const r of result.rows) expect(r.rssMb).toBeGreaterThan(0)
  })

  test('first sync: one write per created identity and one PATCH per group, near the lower bound', () => {
    const first = row('first sync')
    expect(first.creates).toBeGreaterThan(0)
    // Every write is a create or a group's one membership PATCH; 429s are the only extra attempts.
    expect(first.scimWrites - first.throttled).toBeLessThanOrEqual(first.creates + first.changedGroups)
    expect(first.byApi['scim PATCH']).toBe(first.changedGroups)
    // Measured 1.05 at 1/20 and full scale: retried 429s are the rest.
    expect(first.ratio).toBeLessThanOrEqual(1.2)
    // One token request per resource (Graph, Databricks) for all workspaces, and one GitHub OIDC token.
    expect(first.byApi['entra POST']).toBe(2)
    expect(first.byApi['github GET']).toBe(1)
  })

  test('steady state and dry-run write nothing', () => {
    for (const name of ['steady state', 'dry-run']) {
      const r = row(name)
      expect(r.scimWrites).toBe(0)
      expect(answeredWrites(r)).toBe(0)
    }
    const steady = row('2 steady state')
    expect(steady.changes).toBe(0)
    // Group names and first member pages go out in $batch requests of 20: a handful of Graph requests in all.
    expect((steady.byApi['graph GET'] ?? 0) + (steady.byApi['graph POST'] ?? 0)).toBeLessThanOrEqual(8)
    expect(steady.ratio).toBeLessThanOrEqual(1.2)
  })

  test('churn: writes only what changed, and the dry-run plans the same changes', () => {
    const churn = row('1% churn')
    const dry = row('dry-run')
    expect(churn.changes).toBeGreaterThan(0)
    expect(dry.changes).toBe(churn.changes)
    // Exactly the lower bound of writes: one per created identity and one PATCH per changed group (a group that
    // gains and loses members gets both in one PATCH).
    expect(churn.scimWrites - churn.throttled).toBe(churn.creates + churn.changedGroups)
    // Reads are the same with or without dry-run.
    expect(churn.total - churn.scimWrites).toBe(dry.total)
    expect(churn.ratio).toBeLessThanOrEqual(1.2)
  })

  test('state file: a steady state reads Entra in one request, and a churn run misses nothing', () => {
    const steady = row('6 state file: steady state')
    // The three delta links (groups, users, service principals) in one $batch; no member page read.
    expect(steady.byApi['graph POST']).toBe(1)
    expect(steady.byApi['graph GET'] ?? 0).toBe(0)
    expect(steady.scimWrites).toBe(0)
    expect(steady.total).toBeLessThan(row('2 steady state').total)
    // 1.04 at full scale; at 1/50 the sign-in requests (two tokens, one OIDC) weigh against a bound of ~50 reads.
    expect(steady.ratio).toBeLessThanOrEqual(1.3)
    const churn = row('7 state file: 1% churn')
    expect(churn.changes).toBeGreaterThan(0)
    expect(churn.scimWrites - churn.throttled).toBe(churn.creates + churn.changedGroups)
    // A full read afterwards finds nothing left to do.
    expect(row('full-read check').changes).toBe(0)
  })

  test('the naive baseline needs several times more requests per change', () => {
    const naive = result.naive[0] as ScenarioRow
    const first = row('first sync')
    // Measured 1.56 vs 0.56 requests per change at 1/20 scale.
    expect(naive.total / naive.changes).toBeGreaterThan(2 * (first.total / first.changes))
    // One GET, one POST when missing, one PATCH per member.
    expect(naive.byApi['scim PATCH']).toBe(naive.changes - naive.creates)
  })

  test('naive steady state and churn: the script run again, set beside the action on the same workspace', () => {
    expect(result.naive.map((r) => r.scenario)).toEqual([
      'naive first sync (1/10 ws)',
      'naive steady state (1/10 ws)',
      'naive 1% churn (1/10 ws)'
    ])
    const [first, steady, churn] = result.naive as [ScenarioRow, ScenarioRow, ScenarioRow]
    // Run again, it creates nothing and PATCHes every direct member into its group again.
    expect(steady.creates).toBe(0)
    expect(steady.byApi['scim POST'] ?? 0).toBe(0)
    expect(steady.changes).toBe(first.changes - first.creates)
    expect(steady.byApi['scim PATCH']).toBeGreaterThanOrEqual(steady.changes)
    expect(churn.total).toBeGreaterThan(0)
    expect(Object.keys(steady.scimByWorkspace ?? {})).toEqual(['bench-ws-01'])
    // The action's requests for that workspace: its SCIM requests there and every shared (Graph, sign-in) one.
    const action = row('2 steady state')
    const elsewhere = Object.entries(action.scimByWorkspace ?? {})
      .filter(([ws]) => ws !== 'bench-ws-01')
      .reduce((n, [, v]) => n + v, 0)
    expect(elsewhere).toBeGreaterThan(0)
    expect(actionRequestsFor(action, ['bench-ws-01'])).toBe(action.total - elsewhere)
    // 10× at 1/20 scale; the shared Graph and sign-in requests weigh more on a small workspace.
    expect(naiveFactor(steady, action)).toBeGreaterThan(3)
  })

  test('the scaling curve: a point of its own, the main scenarios as another, fitted and drawn', async () => {
    const small = await runCurvePoint({ label: '1/2', scale: SCALE / 2, latencyMs: 20, limits: DEFAULT_LIMITS })
    expect(small.first.requests).toBeGreaterThan(small.steady.requests)
    expect(small.steady.requests).toBeGreaterThanOrEqual(small.steady.lowerBound)
    expect(small.first.rssMb).toBeGreaterThan(0)
    const main = curvePoint('scale', result.tenant, [row('1 first sync')], row('2 steady state'))
    expect(main.users).toBe(result.tenant.fixture.users.length)
    expect(main.users).toBeGreaterThan(small.users)
    expect(main.first.requests).toBe(row('1 first sync').total)
    const lines = fitLines([small, main])
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^growth: first-sync requests ∝ users\^\d/)
    expect(scalingSvg([small, main], 200).match(/<circle /g)).toHaveLength(5 * 2)
  }, 120_000)
})
