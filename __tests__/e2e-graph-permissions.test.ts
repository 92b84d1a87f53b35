// End-to-end: `node dist/index.js` with command: sync, signed in as an app that lost User.Read.All. Graph then lists
// the groups' users with only their id ("limited information"): the run must fail naming the permission, and
// remove or write nothing in Databricks, with full reads and with a state file.
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { startJob, type EmulatedJob } from '../emulators/index.js'
import { ROOT, type ActionRun } from '../emulators/runner.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
/** The demo app's permissions: the reads the README asks for (and provision-app's writes). */
const DEMO_PERMISSIONS = [...(fixture.applications.find((a) => a.appId === SYNC_APP)?.graphPermissions ?? [])]

let job: EmulatedJob

beforeEach(async () => {
  // max-deletions 100%: only the reader stands between a limited member list and removing every member.
  job = await startJob('e2e-graph-permissions-', { fixture }, (emu) => ({
    version: 1,
    defaults: { 'max-deletions': '100%', removal: 'delete' },
    workspaces: [
      {
        name: 'analytics-prod',
        host: emu.workspaceHosts['analytics-prod'],
        groups: ['Databricks-Group-Test', { entra: 'Data Engineers', databricks: 'data-engineers' }]
      }
    ]
  }))
})

afterEach(async () => {
  syncApp().graphPermissions = DEMO_PERMISSIONS
  await job?.emu.stop()
})

function syncRun(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return job.run({ inputs: { command: 'sync', ...inputs } })
}

/** The sync app of the demo tenant, whose Graph permissions (the roles of its next token) a test changes. */
const syncApp = () => {
  const app = job.emu.entra.applications.find((a) => a.appId === SYNC_APP)
  if (!app) throw new Error('the demo tenant has no sync app')
  return app
}

const workspace = () => job.emu.workspaces['analytics-prod']!
const endState = () => ({
  users: workspace()
    .users()
    .map((u) => u.userName)
    .sort(),
  servicePrincipals: workspace()
    .servicePrincipals()
    .map((s) => s.applicationId)
    .sort(),
  groups: Object.fromEntries(
    workspace()
      .groups()
      .map((g) => [g.displayName, [...(workspace().group(g.displayName)?.memberNames ?? [])].sort()])
  )
})
const databricksWrites = () =>
  job.emu.log
    .filter((e) => e.service.startsWith('databricks') && e.method !== 'GET')
    .map((e) => `${e.method} ${e.path}`)

async function expectRefusedWithoutUserRead(inputs: Record<string, string> = {}): Promise<ActionRun> {
  const before = endState()
  job.emu.clearLog()
  syncApp().graphPermissions = DEMO_PERMISSIONS.filter((p) => p !== 'User.Read.All')
  const run = await syncRun(inputs)
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('User.Read.All')
  expect(run.stdout).toContain('admin consent')
  expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
  expect(databricksWrites()).toEqual([])
  expect(endState()).toEqual(before)
  return run
}

test('full reads: an app without User.Read.All fails the workspace, naming the permission, and writes nothing', async () => {
  const first = await syncRun()
  expect(first.code).toBe(0)
  expect(endState().groups['data-engineers']?.length).toBeGreaterThan(0)

  const run = await expectRefusedWithoutUserRead()
  // The users were listed, undescribed: the error says so, rather than a 403.
  expect(run.stdout).toMatch(/returned \d+ user\(s\) .* with only an object id/)
  expect(run.stdout).toContain('not read users (User.Read.All)')
  // Graph answered the member lists (200): the failure is the action's, not a refused request.
  const memberReads = job.emu.log.filter(
    (e) => e.service === 'graph' && e.method === 'POST' && e.path === '/v1.0/$batch'
  )
  expect(memberReads.every((e) => e.status === 200)).toBe(true)

  // With the permission back, the next run is a no-op: nothing was lost.
  syncApp().graphPermissions = DEMO_PERMISSIONS
  job.emu.clearLog()
  const again = await syncRun()
  expect(again.code).toBe(0)
  expect(databricksWrites()).toEqual([])
})

test('state file: an app without User.Read.All fails, writes nothing in Databricks, and keeps the previous state file', async () => {
  const stateFile = join(job.workdir, '.entra-sync', 'state.json')
  const first = await syncRun({ 'state-file': '.entra-sync/state.json' })
  expect(first.code).toBe(0)
  const saved = readFileSync(stateFile, 'utf8')

  await expectRefusedWithoutUserRead({ 'state-file': '.entra-sync/state.json' })
  expect(readFileSync(stateFile, 'utf8')).toBe(saved)

  // No state file yet: none is written by the refused run.
  const fresh = '.entra-sync/fresh.json'
  await expectRefusedWithoutUserRead({ 'state-file': fresh })
  expect(existsSync(join(job.workdir, fresh))).toBe(false)
})
