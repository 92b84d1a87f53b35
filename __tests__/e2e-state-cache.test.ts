// `node dist/index.js` with `state-file: auto` as a runner runs it, against the emulators and the Actions cache
// stand-in (cache service v2 + blob storage, driven by the bundled @actions/cache): the first run reads everything
// and saves the state to the cache; the next run (on a fresh runner: nothing left in RUNNER_TEMP) restores it and
// reads only what changed. Matrix jobs (one workspace each) keep separate entries. A cache service that fails gives
// warnings and a full read, never a failed run; without a cache service (a local run) the run says it reads all.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startActionsCache, type ActionsCache } from '../emulators/actions-cache/index.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { leaks, type ActionRun } from '../emulators/runner.js'
import { cappedSyncRun, databricksWrites, DEMO, expectCleanOutcome, groupId, userId, workdir } from './fault-helpers.js'

let emu: Emulators | undefined
let cache: ActionsCache | undefined
let dir = ''
let runnerTemp = ''
let runId = 1000

beforeEach(async () => {
  emu = await startEmulators({ fixture: DEMO })
  cache = await startActionsCache()
  dir = workdir(emu)
  runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'))
})

afterEach(async () => {
  await Promise.all([emu?.stop(), cache?.stop()])
  emu = undefined
  cache = undefined
})

const e = (): Emulators => {
  if (!emu) throw new Error('emulators not started')
  return emu
}
const c = (): ActionsCache => {
  if (!cache) throw new Error('cache not started')
  return cache
}

/** One job: a new run id, and a fresh runner (RUNNER_TEMP holds nothing from an earlier job). */
async function job(inputs: Record<string, string> = {}, env: Record<string, string | undefined> = c().env()) {
  rmSync(join(runnerTemp, 'entra-databricks-sync-state'), { recursive: true, force: true })
  e().clearLog()
  const { run } = await cappedSyncRun(
    e(),
    dir,
    { 'state-file': 'auto', ...inputs },
    { tempDir: runnerTemp, env: { ...env, GITHUB_RUN_ID: String(++runId), GITHUB_RUN_ATTEMPT: '1' } }
  )
  expectCleanOutcome(run)
  return run
}

const graphLog = (): string => JSON.stringify(e().servers.graph?.log ?? [])
/** A full read starts delta links from now; an incremental one starts from the saved links. */
const readInFull = (): boolean => graphLog().includes('deltatoken=latest')
/** Group member reads, as requests or as $batch steps. */
const memberReads = (): number => graphLog().match(/\/groups\/[0-9a-f-]+\/(members|transitiveMembers)/g)?.length ?? 0
const warnings = (run: ActionRun): string =>
  run.annotations
    .filter((a) => a.level === 'warning')
    .map((a) => a.message)
    .join('\n')
const KEY = new RegExp(`^entra-databricks-sync-state-v2-${DEMO.tenantId}-[0-9a-f]{16}-(\\d+)-1$`)
const prefixOf = (key: string): string => key.replace(/\d+-1$/, '')

test('the first run saves the state to the Actions cache; the next restores it and reads only what changed', async () => {
  const first = await job()
  expect(first.code).toBe(0)
  expect(readInFull()).toBe(true)
  const entries = c().state.entries()
  expect(entries).toHaveLength(1)
  expect(entries[0]?.key).toMatch(KEY)
  expect(first.stdout).toContain(`incremental state saved to the Actions cache as ${entries[0]?.key}`)
  const firstReads = memberReads()
  // The job's runtime token is the library's business: it never shows in the log, summary or outputs.
  expect(leaks(first, [c().state.runtimeToken])).toEqual([])

  // A change in Entra between the runs: a user joins Data Engineers.
  const lynne = userId(DEMO, 'lynne.robbins@contoso.com')
  e().graph.addMember(groupId(DEMO, 'Data Engineers'), lynne)
  const second = await job()
  expect(second.code).toBe(0)
  expect(second.stdout).toContain(`restored from the Actions cache entry ${entries[0]?.key}`)
  expect(second.stdout).toContain('incremental read from the state file')
  expect(readInFull()).toBe(false)
  // Fewer group member reads (requests and $batch steps) than the full read: the rest came from the restored state.
  expect(memberReads()).toBeLessThan(firstReads)
  expect(
    e()
      .workspaces['analytics-prod']?.group('data-engineers')
      ?.memberNames.map((m) => m.toLowerCase())
  ).toContain('lynne.robbins@contoso.com')
  // Each run saved its own entry (entries are immutable); the second one is the newest.
  expect(
    c()
      .state.entries()
      .map((x) => x.key)
  ).toEqual([entries[0]?.key, expect.stringMatching(KEY)])
  expect(prefixOf(c().state.entries()[1]?.key ?? '')).toBe(prefixOf(entries[0]?.key ?? ''))
})

test('matrix jobs (one workspace each) keep separate entries, and each restores its own', async () => {
  const prod = await job({ workspace: 'analytics-prod' })
  const dev = await job({ workspace: 'analytics-dev' })
  expect([prod.code, dev.code]).toEqual([0, 0])
  expect(dev.stdout).toContain('no incremental state was restored')
  const [prodKey, devKey] = c()
    .state.entries()
    .map((x) => x.key)
  expect(prodKey).toMatch(KEY)
  expect(devKey).toMatch(KEY)
  expect(prefixOf(prodKey ?? '')).not.toBe(prefixOf(devKey ?? ''))

  const again = await job({ workspace: 'analytics-prod' })
  expect(again.code).toBe(0)
  expect(again.stdout).toContain(`restored from the Actions cache entry ${prodKey}`)
  expect(again.stdout).toContain('incremental read from the state file')
  expect(readInFull()).toBe(false)
})

describe('the cache is best effort', () => {
  test('a cache service that drops every request: warnings, a full read, a green run, nothing saved', async () => {
    c().servers.cache.failNext(10, 'drop')
    const run = await job()
    expect(run.code).toBe(0)
    expect(readInFull()).toBe(true)
    expect(warnings(run)).toMatch(/Failed to restore/)
    expect(warnings(run)).toMatch(/The incremental state was not saved to the Actions cache/)
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([])
    expect(c().state.entries()).toEqual([])
    expect(databricksWrites(e()).length).toBeGreaterThan(0)
  })

  test('without a cache service (a local run) the run says it reads everything, and keeps no state', async () => {
    const run = await job({}, { ACTIONS_RESULTS_URL: undefined, ACTIONS_RUNTIME_TOKEN: undefined })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('there is no GitHub Actions cache service here')
    // The plain full read: no delta query at all, every group's members read.
    expect(graphLog()).not.toContain('/delta')
    expect(memberReads()).toBeGreaterThan(0)
    expect(existsSync(join(runnerTemp, 'entra-databricks-sync-state'))).toBe(false)
    expect(c().log).toEqual([])
  })

  test('a dry-run saves the state too: it describes Entra, read and checked as in a run that writes', async () => {
    const run = await job({ 'dry-run': 'true' })
    expect(run.code).toBe(0)
    expect(databricksWrites(e())).toEqual([])
    expect(c().state.entries()).toHaveLength(1)
    const next = await job()
    expect(next.stdout).toContain('incremental read from the state file')
  })
})
