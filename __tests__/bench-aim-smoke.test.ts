// The benchmark's account with automatic identity management at a small scale, through the same function as
// `npm run bench` (real dist/index.js, emulators with latency, Graph throttling and the account API's published rate
// limits on). Asserts request counts, never times.
import { describe, expect, test } from '@jest/globals'
import { runAimBench } from '../bench/aim.js'
import type { ScenarioRow } from '../bench/scenarios.js'

/** 1/50 of the full tenant: 20 groups to resolve, 10 workspaces assigned one each. */
const SCALE = 1 / 50

describe('scale benchmark: an account with automatic identity management (smoke slice)', () => {
  let rows: ScenarioRow[]

  test('first run resolves every group once and assigns; the steady state writes nothing', async () => {
    rows = await runAimBench({ scale: SCALE })
    expect(rows.map((r) => r.scenario)).toEqual(['A1 AIM: first run (resolve, assign)', 'A2 AIM: steady state'])
    for (const r of rows) {
      expect(r.exitCode).toBe(0)
      expect(r.failedWorkspaces).toEqual([])
      expect(r.scimWrites).toBe(0)
      expect(r.ratio).toBeLessThanOrEqual(1.2)
      // The bound is what the best client must send: no run can go below it.
      expect(r.ratio).toBeGreaterThanOrEqual(1)
    }
    const [first, steady] = rows as [ScenarioRow, ScenarioRow]
    // One resolve per group (20), one assignment per workspace (10): nothing more.
    expect(first.creates).toBe(20)
    expect(first.notes).toBe('account writes: 30')
    expect(first.changes).toBe(30)
    expect(steady.notes).toBe('account writes: 0')
    expect(steady.changes).toBe(0)
    // Entra lookups go out in $batch requests of 20.
    expect((steady.byApi['graph POST'] ?? 0) + (steady.byApi['graph GET'] ?? 0)).toBeLessThanOrEqual(2)
  }, 120_000)
})
