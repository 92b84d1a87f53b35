// The fault suite, part 2: `node dist/index.js` (command: sync) when Entra or the workspace changes under the action
// between runs — a mapped group deleted or renamed, a UPN changed, a user made by hand in Databricks (before the run,
// and between the plan and the action's create), a member leaving one of two managed groups — with full reads and
// with the state file (delta reads); and a run cancelled (SIGINT/SIGTERM) or killed mid-apply. Part 1
// (e2e-faults.test.ts): injected faults and throttling.
import { describe, expect, test } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TenantFixture } from '../emulators/fixture.js'
import type { ActionRun } from '../emulators/runner.js'
import {
  allRemovals,
  canonicalAll,
  databricksWrites,
  DEMO,
  emulatorsPerTest,
  expectCleanOutcome,
  groupId,
  readPlan,
  referenceState,
  snapshotAll,
  syncRun,
  unplannedRemovals,
  userId,
  workdir,
  type ConfigSpec,
  type Snapshots
} from './fault-helpers.js'

const emulators = emulatorsPerTest()
const e = emulators.get

const members = (workspace: string, group: string): string[] =>
  e()
    .workspaces[workspace]?.group(group)
    ?.memberNames.map((m) => m.toLowerCase()) ?? []

const errorText = (run: ActionRun): string =>
  run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')

/**
 * Calls `then` once, when the action's stdout so far matches `line`: a signal sent on what the action reports (it has
 * taken the first signal, it is waiting out a Retry-After) rather than after a fixed delay, which a busy machine
 * can make too short.
 */
function onceLogged(child: ChildProcess, line: RegExp, then: () => void): void {
  let out = ''
  const watch = (d: Buffer): void => {
    out += d.toString()
    if (!line.test(out)) return
    child.stdout?.off('data', watch)
    then()
  }
  child.stdout?.on('data', watch)
}

/** Operations of a kind in the run's plan for a workspace. */
const planned = (run: ActionRun, workspace: string, kind: string) =>
  readPlan(run)
    ?.workspaces.find((w) => w.workspace === workspace)
    ?.operations.filter((o) => o.kind === kind) ?? []

interface Session {
  dir: string
  inputs: Record<string, string>
  /** Runs sync, checking a clean outcome and that nothing was removed that the plan did not intend. */
  run(extra?: Record<string, string>): Promise<{ run: ActionRun; before: Snapshots; after: Snapshots }>
}

async function session(fixture: TenantFixture, spec: ConfigSpec, stateFile: boolean): Promise<Session> {
  const emu = await emulators.start({ fixture })
  const dir = workdir(emu, spec)
  const inputs: Record<string, string> = stateFile ? { 'state-file': join(dir, '.entra-sync', 'state.json') } : {}
  return {
    dir,
    inputs,
    async run(extra = {}) {
      const before = snapshotAll(e())
      const run = await syncRun(e(), dir, { ...inputs, ...extra })
      const after = snapshotAll(e())
      expectCleanOutcome(run)
      expect(unplannedRemovals(before, after, run)).toEqual([])
      return { run, before, after }
    }
  }
}

const READS = [{ stateFile: false }, { stateFile: true }]

describe('between runs, in Entra', () => {
  describe.each(READS)('state-file: $stateFile', ({ stateFile }) => {
    test.each(['name', 'object id'])(
      'a mapped group deleted (config by %s): the workspace fails clearly and nobody is removed',
      async (by) => {
        const analysts = by === 'name' ? 'Data Analysts' : groupId(DEMO, 'Data Analysts')
        const s = await session(
          DEMO,
          { prod: ['Databricks-Group-Test', { entra: analysts, databricks: 'data-analysts' }] },
          stateFile
        )
        expect((await s.run()).run.code).toBe(0)
        e().graph.deleteGroup('Data Analysts')
        e().clearLog()
        const { run, before, after } = await s.run()
        expect(run.code).toBe(1)
        expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
        expect(errorText(run)).toContain('analytics-prod: Reading Entra failed, so nothing was changed')
        expect(errorText(run)).toMatch(
          by === 'name'
            ? /Entra group "Data Analysts" does not exist/
            : new RegExp(`Entra group with object id ${analysts} does not exist`)
        )
        expect(databricksWrites(e(), 'analytics-prod')).toEqual([])
        expect(canonicalAll(after)['analytics-prod']).toEqual(canonicalAll(before)['analytics-prod'])
        expect(members('analytics-prod', 'data-analysts').length).toBeGreaterThan(0)
      }
    )

    test('a group renamed, config by name: a clear "does not exist" error, nothing removed', async () => {
      const s = await session(DEMO, { prod: ['Databricks-Group-Test', 'Data Analysts'] }, stateFile)
      expect((await s.run()).run.code).toBe(0)
      e().graph.renameGroup('Data Analysts', 'Data & Insights Analysts')
      e().clearLog()
      const { run, before, after } = await s.run()
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
      expect(errorText(run)).toMatch(
        /analytics-prod: Reading Entra failed, so nothing was changed: Entra group "Data Analysts" does not exist/
      )
      expect(databricksWrites(e(), 'analytics-prod')).toEqual([])
      expect(canonicalAll(after)['analytics-prod']).toEqual(canonicalAll(before)['analytics-prod'])
    })

    test('a group renamed, config by object id: the Databricks group is renamed, members kept', async () => {
      const s = await session(DEMO, { prod: ['Databricks-Group-Test', groupId(DEMO, 'Data Analysts')] }, stateFile)
      expect((await s.run()).run.code).toBe(0)
      const group = e().workspaces['analytics-prod']?.group('Data Analysts')
      expect(group).toBeDefined()
      e().graph.renameGroup('Data Analysts', 'Data & Insights Analysts')
      const { run, before, after } = await s.run()
      expect(run.code).toBe(0)
      const renamed = e().workspaces['analytics-prod']?.group('Data & Insights Analysts')
      expect(renamed?.id).toBe(group?.id)
      expect(renamed?.memberNames).toEqual(group?.memberNames)
      expect(e().workspaces['analytics-prod']?.group('Data Analysts')).toBeUndefined()
      expect(allRemovals(before, after, run)).toEqual([])
      expect((await s.run()).run.outputs.changes).toBe('0')
    })

    test('a second Entra group with the same name appears (config by name): a clear error, nothing removed', async () => {
      const s = await session(DEMO, { prod: ['Databricks-Group-Test', 'Data Analysts'] }, stateFile)
      expect((await s.run()).run.code).toBe(0)
      e().graph.addGroup({
        displayName: 'Data Analysts',
        id: '0d5c1f7e-2a3b-4c5d-8e9f-a0b1c2d3e4f5',
        members: ['adele.vance@contoso.com']
      })
      e().clearLog()
      const { run, before, after } = await s.run()
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
      expect(errorText(run)).toMatch(/analytics-prod: .*Entra group name "Data Analysts" matches 2 groups/)
      expect(databricksWrites(e(), 'analytics-prod')).toEqual([])
      expect(canonicalAll(after)['analytics-prod']).toEqual(canonicalAll(before)['analytics-prod'])
    })

    test('a group renamed (config by object id) to the name of a hand-made Databricks group: the rename fails clearly, nothing removed', async () => {
      const s = await session(DEMO, { prod: ['Databricks-Group-Test', groupId(DEMO, 'Data Analysts')] }, stateFile)
      expect((await s.run()).run.code).toBe(0)
      const managed = e().workspaces['analytics-prod']?.group('Data Analysts')
      e().workspaces['analytics-prod']?.addGroup({
        displayName: 'Data & Insights Analysts',
        members: ['adele.vance@contoso.com']
      })
      e().graph.renameGroup('Data Analysts', 'Data & Insights Analysts')
      const { run, before, after } = await s.run()
      expect(run.code).toBe(1)
      expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
      expect(errorText(run)).toMatch(/^analytics-prod: 1 of 1 operation\(s\) failed/m)
      expect(run.summary).toContain('already exists')
      expect(allRemovals(before, after, run)).toEqual([])
      // Neither group was merged into the other.
      expect(e().workspaces['analytics-prod']?.group('Data Analysts')?.memberNames).toEqual(managed?.memberNames)
      expect(members('analytics-prod', 'Data & Insights Analysts')).toEqual(['adele.vance@contoso.com'])
    })

    /** First sync, then alex.wilber@contoso.com becomes alex.w@contoso.com in Entra; the run after that. */
    async function upnChange(removal: string) {
      const s = await session(
        DEMO,
        { prod: ['Databricks-Group-Test'], defaults: { 'max-deletions': '50%', removal } },
        stateFile
      )
      expect((await s.run()).run.code).toBe(0)
      e().graph.setUser('alex.wilber@contoso.com', {
        userPrincipalName: 'alex.w@contoso.com',
        mail: 'alex.w@contoso.com'
      })
      const result = await s.run()
      expect(result.run.code).toBe(0)
      const prod = e().workspaces['analytics-prod']
      expect(prod?.user('alex.w@contoso.com')?.externalId).toBe(userId(DEMO, 'alex.wilber@contoso.com'))
      expect(members('analytics-prod', 'Databricks-Group-Test')).toContain('alex.w@contoso.com')
      expect(members('analytics-prod', 'Databricks-Group-Test')).not.toContain('alex.wilber@contoso.com')
      expect(e().workspaces['analytics-dev']?.user('alex.w@contoso.com')).toBeDefined()
      return { s, ...result }
    }

    test("a user's UPN changes (removal: remove-membership): the old user only leaves the group, the new UPN is created and added", async () => {
      const { s, run, before, after } = await upnChange('remove-membership')
      expect(e().workspaces['analytics-prod']?.user('alex.wilber@contoso.com')?.active).toBe(true)
      expect(planned(run, 'analytics-prod', 'delete')).toEqual([])
      expect(planned(run, 'analytics-prod', 'deactivate')).toEqual([])
      expect(allRemovals(before, after, run)).toEqual([
        'analytics-prod: user:alex.wilber@contoso.com removed from Databricks-Group-Test'
      ])
      expect((await s.run()).run.outputs.changes).toBe('0')
    })

    test("a user's UPN changes (removal: delete): the old user, which the action created, is deleted; the new one added", async () => {
      const { s, run, before, after } = await upnChange('delete')
      // Created by the action (in prod for the group, in dev by the members-only mapping): removal: delete deletes
      // it there, with its memberships, and nothing else.
      expect(e().workspaces['analytics-prod']?.user('alex.wilber@contoso.com')).toBeUndefined()
      expect(allRemovals(before, after, run).filter((r) => !r.includes(' removed from '))).toEqual([
        'analytics-prod: deleted user:alex.wilber@contoso.com',
        'analytics-dev: deleted user:alex.wilber@contoso.com'
      ])
      expect((await s.run()).run.outputs.changes).toBe('0')
    })

    test('a member of two managed groups leaving one keeps the other membership and the identity (removal: delete)', async () => {
      const s = await session(DEMO, { defaults: { 'max-deletions': '50%', removal: 'delete' } }, stateFile)
      expect((await s.run()).run.code).toBe(0)
      expect(members('analytics-prod', 'data-analysts')).toContain('megan.bowen@contoso.com')
      expect(members('analytics-prod', 'Databricks-Group-Test')).toContain('megan.bowen@contoso.com')
      e().graph.removeMember('Data Analysts', 'megan.bowen@contoso.com')
      const { run, before, after } = await s.run()
      expect(run.code).toBe(0)
      expect(members('analytics-prod', 'data-analysts')).not.toContain('megan.bowen@contoso.com')
      expect(members('analytics-prod', 'Databricks-Group-Test')).toContain('megan.bowen@contoso.com')
      expect(e().workspaces['analytics-prod']?.user('megan.bowen@contoso.com')?.active).toBe(true)
      expect(planned(run, 'analytics-prod', 'delete')).toEqual([])
      expect(allRemovals(before, after, run)).toEqual([
        'analytics-prod: user:megan.bowen@contoso.com removed from data-analysts'
      ])
    })
  })
})

describe('a Databricks user made by hand with the userName of an Entra user', () => {
  const spec: ConfigSpec = { prod: ['Databricks-Group-Test'], defaults: { 'max-deletions': '50%', removal: 'delete' } }

  /** The hand-made user joined the group, is there once, and is not stamped as the action's. */
  function expectAdopted(run: ActionRun): void {
    expect(run.code).toBe(0)
    // A whole word: the debug log's pacing rates and timestamps are long numbers that can hold the digits 409.
    expect(run.visibleLog).not.toMatch(/\b409\b|already exists/)
    const lee = e()
      .workspaces['analytics-prod']?.users()
      .filter((u) => u.userName.toLowerCase() === 'lee.gu@contoso.com')
    expect(lee).toHaveLength(1)
    expect(lee?.[0]?.externalId).toBeUndefined()
    expect(members('analytics-prod', 'Databricks-Group-Test')).toContain('lee.gu@contoso.com')
  }

  /** Lee leaves the Entra group: with removal: delete the hand-made user only loses the membership. */
  async function expectNeverDeleted(s: Session): Promise<void> {
    e().graph.removeMember('Databricks-Group-Test', 'lee.gu@contoso.com')
    const { run } = await s.run()
    expect(run.code).toBe(0)
    expect(members('analytics-prod', 'Databricks-Group-Test')).not.toContain('lee.gu@contoso.com')
    expect(e().workspaces['analytics-prod']?.user('lee.gu@contoso.com')?.active).toBe(true)
    expect(planned(run, 'analytics-prod', 'delete')).toEqual([])
    expect(run.summary).toContain('not managed by this action')
  }

  test('made before the run (other letter case): adopted, no duplicate, no 409; never deleted', async () => {
    const s = await session(DEMO, spec, false)
    expect((await s.run()).run.code).toBe(0)
    e().workspaces['analytics-prod']?.addUser({ userName: 'Lee.Gu@Contoso.com', displayName: 'Lee (made by hand)' })
    e().graph.addMember('Databricks-Group-Test', 'lee.gu@contoso.com')
    e().clearLog()
    const { run } = await s.run()
    expectAdopted(run)
    expect(e().log.filter((x) => x.status === 409)).toEqual([])
    await expectNeverDeleted(s)
  })

  test('made between the plan and the create (the POST meets a 409): adopted, no failure; never deleted', async () => {
    const s = await session(DEMO, spec, false)
    expect((await s.run()).run.code).toBe(0)
    e().graph.addMember('Databricks-Group-Test', 'lee.gu@contoso.com')
    const prod = e().servers['databricks:analytics-prod']
    let made = false
    if (prod) {
      prod.onRequest = ({ method, path, body }) => {
        const userName = (body as { userName?: string } | undefined)?.userName
        if (made || method !== 'POST' || !path.endsWith('/Users') || userName !== 'lee.gu@contoso.com') return
        made = true
        e().workspaces['analytics-prod']?.addUser({ userName: 'lee.gu@contoso.com', displayName: 'Lee (by hand)' })
      }
    }
    e().clearLog()
    const { run } = await s.run()
    expect(made).toBe(true)
    expect(
      e()
        .log.filter((x) => x.status === 409)
        .map((x) => `${x.method} ${x.path}`)
    ).toEqual(['POST /api/2.0/preview/scim/v2/Users'])
    expectAdopted(run)
    if (prod) prod.onRequest = undefined
    await expectNeverDeleted(s)
  })
})

describe('a run cancelled or killed mid-apply', () => {
  // 60 more analysts, so prod's first sync makes some 80 writes.
  const bulk = Array.from({ length: 60 }, (_, i) => `bulk.analyst.${String(i).padStart(2, '0')}@contoso.com`)
  const BIG: TenantFixture = {
    ...DEMO,
    users: [
      ...DEMO.users,
      ...bulk.map((upn) => ({ userPrincipalName: upn, displayName: upn.split('@')[0] ?? upn, mail: upn }))
    ],
    groups: DEMO.groups.map((g) =>
      g.displayName === 'Data Analysts' ? { ...g, members: [...(g.members ?? []), ...bulk] } : g
    )
  }
  let reference: Record<string, unknown> | undefined

  interface Write {
    n: number
    method: string
    path: string
  }
  type Signals = 'SIGTERM' | 'SIGINT+SIGTERM' | 'SIGKILL'
  const at = (n: number) => (w: Write) => w.n === n
  const firstGroupPatch = (w: Write) => w.method === 'PATCH' && /\/Groups\//.test(w.path)

  /**
   * Runs sync and, when prod's writes reach `kill`, sends `signals`: SIGTERM (a cancelled workflow's signal, handled:
   * the run starts no more work and reports), SIGINT then SIGTERM while requests are still in flight (the second
   * signal ends the process), or SIGKILL (no chance to report). The state file, when used, is whole or absent after.
   */
  async function killedRun(signals: Signals, stateFile: boolean, kill: (w: Write) => boolean) {
    reference ??= await referenceState(BIG)
    const s = await session(BIG, {}, stateFile)
    const prod = e().servers['databricks:analytics-prod']
    if (!prod) throw new Error('no prod server')
    prod.latencyMs = 5
    let child: ChildProcess | undefined
    let n = 0
    let sent = false
    prod.onRequest = ({ method, path }) => {
      if (method === 'GET' || sent || !kill({ n: ++n, method, path })) return
      sent = true
      if (signals === 'SIGINT+SIGTERM') {
        // The requests in flight answer slowly, so the run is still waiting for them at the second signal, sent once
        // the action says it took the first.
        prod.latencyMs = 1500
        if (child) onceLogged(child, /^::warning::Received SIGINT/m, () => child?.kill('SIGTERM'))
        child?.kill('SIGINT')
      } else child?.kill(signals)
    }
    const before = snapshotAll(e())
    const killed = await syncRun(e(), s.dir, s.inputs, { onSpawn: (c) => (child = c) })
    // The killed process's requests still in the emulator are carried out (as a real service would): let them
    // finish before looking, so they are neither missed here nor counted in the next run.
    while (prod.inFlight > 0) await new Promise((r) => setTimeout(r, 20))
    const after = snapshotAll(e())
    prod.onRequest = undefined
    prod.latencyMs = 0
    expect(sent).toBe(true)
    expect(canonicalAll(after)).not.toEqual(reference)
    const file = s.inputs['state-file']
    const whole = (path: string): boolean => {
      try {
        JSON.parse(readFileSync(path, 'utf8'))
        return true
      } catch {
        return false
      }
    }
    expect(!file || !existsSync(file) || whole(file)).toBe(true)
    return { s, killed, before, after, ended: { exitCode: child?.exitCode, signalCode: child?.signalCode } }
  }

  /** The next run converges with no duplicate (exactly the reference), and the one after changes nothing. */
  async function expectConverges(s: Session): Promise<void> {
    const second = await s.run()
    expect(second.run.code).toBe(0)
    expect(canonicalAll(second.after)).toEqual(reference)
    e().clearLog()
    const third = await s.run()
    expect(third.run.outputs.changes).toBe('0')
    expect(databricksWrites(e())).toEqual([])
  }

  test.each([
    { when: 'at its first write', stateFile: false, kill: at(1) },
    { when: 'at its 20th write (creating users)', stateFile: false, kill: at(20) },
    { when: 'at its 20th write (creating users)', stateFile: true, kill: at(20) },
    { when: 'at its first group PATCH', stateFile: false, kill: firstGroupPatch }
  ])(
    'SIGTERM $when (state-file: $stateFile): the run stops and reports; the next converges, the one after changes nothing',
    async ({ stateFile, kill }) => {
      const { s, killed, before, after } = await killedRun('SIGTERM', stateFile, kill)
      // Handled: the requests in flight finish, no operation starts, and the run explains itself.
      expectCleanOutcome(killed)
      expect(killed.code).toBe(1)
      expect(killed.annotations).toContainEqual(
        expect.objectContaining({ level: 'warning', message: expect.stringContaining('Received SIGTERM') })
      )
      expect(errorText(killed)).toMatch(
        /^analytics-prod: The run was cancelled: \d+ of \d+ operation\(s\) were not made/m
      )
      expect(unplannedRemovals(before, after, killed)).toEqual([])
      await expectConverges(s)
    }
  )

  test.each([
    { signals: 'SIGINT+SIGTERM' as const, stateFile: false, ended: { exitCode: 143, signalCode: null } },
    { signals: 'SIGKILL' as const, stateFile: true, ended: { exitCode: null, signalCode: 'SIGKILL' } }
  ])(
    '$signals at its 20th write (state-file: $stateFile): the next run converges, the one after changes nothing',
    async ({ signals, stateFile, ended }) => {
      const { s, killed, before, after, ended: actual } = await killedRun(signals, stateFile, at(20))
      expect(actual).toEqual(ended)
      // No plan file; the only removal a first plan has (a hand-made member) comes after every write.
      expect(allRemovals(before, after, killed)).toEqual([])
      await expectConverges(s)
    }
  )

  test('cancelled (SIGINT, then SIGTERM, then SIGKILL, as the runner does) while waiting out a Retry-After: it still reports', async () => {
    const s = await session(DEMO, {}, false)
    const prod = e().servers['databricks:analytics-prod']
    if (!prod) throw new Error('no prod server')
    prod.setFaults({ rate: 1, kinds: ['429'], seed: 3, retryAfterSeconds: 300, methods: ['POST'] })
    let child: ChildProcess | undefined
    const timers: NodeJS.Timeout[] = []
    // Once the client logs (debug, just before its wait) that it waits out prod's 429: the runner's schedule, SIGINT,
    // SIGTERM 7.5 s later, the kill 2.5 s after that (docs.github.com, "Workflow cancellation reference").
    const waiting = /^::debug::analytics-prod: \{.*"status":429.*"retryAfter":true/m
    const run = await syncRun(e(), s.dir, s.inputs, {
      onSpawn: (c) => {
        child = c
        onceLogged(c, waiting, () => {
          c.kill('SIGINT')
          timers.push(setTimeout(() => c.kill('SIGTERM'), 7500))
          timers.push(setTimeout(() => c.kill('SIGKILL'), 10_000))
        })
      }
    })
    for (const t of timers) clearTimeout(t)
    expect(timers.length).toBeGreaterThan(0)
    expect({ code: run.code, signal: child?.signalCode }).toEqual({ code: 1, signal: null })
    expect(run.summary).toContain('analytics-prod')
    expect(run.outputs.plan).toBeDefined()
    expect(run.outputs['failed-workspaces']).toContain('analytics-prod')
  })
})
