// End-to-end: a dry-run on a pull_request event warns when its identity could write — Microsoft Graph write
// permissions in its Graph token, workspace admin (the admins group in SCIM /Me) — and says what to use instead.
// The same dry-run on another event, or a sync that is not a dry-run, does not check.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { demoWorkspaces, startJob, type EmulatedJob } from '../emulators/index.js'
import { ROOT, type ActionRun } from '../emulators/runner.js'

const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const READS = ['GroupMember.Read.All', 'User.Read.All', 'Application.Read.All']

let job: EmulatedJob

beforeEach(async () => {
  job = await startJob('e2e-pr-safety-', { fixture }, (emu) => ({
    version: 1,
    defaults: { 'max-deletions': '50%' },
    workspaces: demoWorkspaces(emu, { auth: 'entra', groups: ['Databricks-Group-Test'] }, { groups: ['Data Analysts'] })
  }))
})

afterEach(async () => {
  await job?.emu.stop()
})

const dryRun = (event: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
  job.run({ inputs: { command: 'sync', 'dry-run': 'true', ...inputs }, env: { GITHUB_EVENT_NAME: event } })

const warnings = (run: ActionRun) => run.annotations.filter((a) => a.level === 'warning').map((a) => a.message)
const meRequests = () => job.emu.log.filter((e) => e.path.endsWith('/scim/v2/Me'))

describe('a dry-run on a pull request', () => {
  test('with Graph write permissions and workspace admin rights: two warnings, each with the fix', async () => {
    const run = await dryRun('pull_request')
    expect(run.code).toBe(0)
    const found = warnings(run)
    expect(found).toHaveLength(2)
    expect(found[0]).toContain(
      'has Microsoft Graph write permissions (AppRoleAssignment.ReadWrite.All, Application.ReadWrite.All, Synchronization.ReadWrite.All)'
    )
    expect(found[1]).toContain(
      'read Databricks as a workspace admin (member of admins) of analytics-prod, analytics-dev'
    )
    for (const w of found) expect(w).toContain('Fix: Sign in on pull requests with a separate identity')
    expect(run.summary).toContain('⚠️ This pull request ran with an identity that can write')
    expect(run.summary).toContain('repo:&lt;owner&gt;/&lt;repo&gt;:pull_request')
    // One /Me per workspace, with the token the run used there (analytics-dev's PAT read has one of its own too).
    expect(
      meRequests()
        .map((e) => e.service)
        .sort()
    ).toEqual(['databricks:analytics-dev', 'databricks:analytics-dev', 'databricks:analytics-prod'])
    expect(job.emu.log.filter((e) => e.service.startsWith('databricks') && e.method !== 'GET')).toEqual([])
  })

  test('with Graph read permissions only: the workspace admin warning alone', async () => {
    const app = job.emu.fixture.applications[0]
    if (!app) throw new Error('no app')
    const own = app.graphPermissions
    app.graphPermissions = READS
    const run = await dryRun('pull_request_target').finally(() => {
      app.graphPermissions = own
    })
    expect(run.code).toBe(0)
    const found = warnings(run)
    expect(found).toHaveLength(1)
    expect(found[0]).toContain('workspace admin (member of admins) of analytics-prod, analytics-dev')
  })

  test('other events are not checked: no warning, and no /Me beyond what the sync reads itself', async () => {
    for (const run of [await dryRun('push'), await dryRun('schedule')]) {
      expect(run.code).toBe(0)
      expect(warnings(run)).toEqual([])
      expect(run.summary).not.toContain('identity that can write')
    }
    // Only the PAT workspace's own read (who the PAT is), one per run: no check.
    expect(meRequests().map((e) => e.service)).toEqual(['databricks:analytics-dev', 'databricks:analytics-dev'])
  })
})
