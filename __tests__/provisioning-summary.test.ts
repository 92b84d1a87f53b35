// The provision-app job summary: headline, overview table, a section per workspace with its changes, notes and
// error, dry-run wording and escaping, rendered with the real @actions/core summary buffer.
import { beforeEach, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import { mask } from '../src/secrets.js'
import { addProvisioningSummary, describeChange } from '../src/report/provisioning-summary.js'
import type { ProvisioningChange, ProvisioningResult } from '../src/provisioning/types.js'
import { emptySummaryPerTest, section } from './summary-helpers.js'

const EVERY_CHANGE: ProvisioningChange[] = [
  { kind: 'create-app', displayName: 'Azure Databricks SCIM - analytics-prod' },
  { kind: 'create-job' },
  { kind: 'save-credentials', reason: 'new' },
  { kind: 'assign-group', group: 'Data Engineers', groupId: 'g-eng' },
  { kind: 'unassign-group', group: 'Old <Team>', groupId: 'g-old' },
  { kind: 'start-job' }
]

const onboarded: ProvisioningResult = {
  workspace: 'analytics-prod',
  appName: 'Azure Databricks SCIM - analytics-prod',
  status: 'ok',
  servicePrincipalId: 'sp-1',
  appId: 'app-1',
  jobId: 'dataBricks.j1',
  jobStatus: 'Active',
  assignedGroups: ['Data Engineers', 'R&D'],
  changes: EVERY_CHANGE
}

const unchanged: ProvisioningResult = {
  workspace: 'analytics-dev',
  appName: 'SCIM dev',
  status: 'ok',
  servicePrincipalId: 'sp-2',
  appId: 'app-2',
  jobId: 'dataBricks.j2',
  jobStatus: 'Active',
  assignedGroups: ['Data Engineers'],
  changes: [],
  notes: ['Left assigned although not in the config (removal: keep on "Data Engineers"): "Legacy".']
}

const quarantined: ProvisioningResult = {
  workspace: 'finance|eu',
  appName: 'SCIM <finance>',
  status: 'failed',
  servicePrincipalId: 'sp-3',
  appId: 'app-3',
  jobId: 'dataBricks.j3',
  jobStatus: 'Quarantine',
  assignedGroups: [],
  changes: [],
  error:
    'The provisioning job dataBricks.j3 of "SCIM <finance>" is in quarantine: EncounteredQuarantineException.\n' +
    'Fix: Store a new PAT in https://kv.vault.azure.net/secrets/pat and run provision-app again.'
}

function render(results: ProvisioningResult[], dryRun: boolean): string {
  core.summary.emptyBuffer()
  addProvisioningSummary(core.summary, results, dryRun)
  return core.summary.stringify()
}

emptySummaryPerTest()

describe('a run that made changes and failed somewhere', () => {
  let html: string
  beforeEach(() => {
    html = render([onboarded, unchanged, quarantined], false)
  })

  test('the headline counts workspaces and changes', () => {
    expect(html).toContain('<h2>❌ SCIM provisioning connector app: 1 workspace failed</h2>')
    expect(html).toContain('<p>3 workspaces: 1 changed, 1 unchanged, 1 failed. 6 changes made.</p>')
  })

  test('the overview has a row per workspace, escaped', () => {
    expect(html).toContain(
      '<th>Workspace</th><th>Status</th><th>App</th><th>App id</th><th>Job</th><th>Job status</th><th>Assigned groups</th><th>Changes</th>'
    )
    expect(html).toContain(
      '<tr><td>analytics-prod</td><td>✅ changed</td><td>Azure Databricks SCIM - analytics-prod</td><td><code>app-1</code></td>' +
        '<td><code>dataBricks.j1</code></td><td>✅ Active</td><td>Data Engineers, R&amp;D</td><td>6</td></tr>'
    )
    expect(html).toContain('<tr><td>analytics-dev</td><td>✅ unchanged</td>')
    expect(html).toContain(
      '<tr><td>finance&#124;eu</td><td>❌ failed</td><td>SCIM &lt;finance&gt;</td><td><code>app-3</code></td>' +
        '<td><code>dataBricks.j3</code></td><td>⚠️ Quarantine</td><td>—</td><td>0</td></tr>'
    )
  })

  test('each workspace lists its changes, notes and error with the fix', () => {
    const prod = section(html, 'analytics-prod')
    expect(prod).toContain('service principal <code>sp-1</code>, app id <code>app-1</code>')
    expect(prod).toContain(
      '<p>Changes:</p><ul><li>created the enterprise app &quot;Azure Databricks SCIM - analytics-prod&quot;'
    )
    expect(prod).toContain('<li>unassigned group &quot;Old &lt;Team&gt;&quot; (g-old), which is not in the config</li>')
    expect(prod).toContain('<li>started the provisioning job</li>')

    const dev = section(html, 'analytics-dev')
    expect(dev).toContain('Unchanged: the app already matches the config.')
    expect(dev).toContain(
      '<li>ℹ️ Left assigned although not in the config (removal: keep on &quot;Data Engineers&quot;): &quot;Legacy&quot;.</li>'
    )

    const fin = section(html, 'finance&#124;eu')
    expect(fin).toContain(
      '<p>❌ The provisioning job dataBricks.j3 of &quot;SCIM &lt;finance&gt;&quot; is in quarantine'
    )
    expect(fin).toContain(
      'EncounteredQuarantineException.<br>Fix: Store a new PAT in https://kv.vault.azure.net/secrets/pat'
    )
    expect(fin).not.toContain('Unchanged')
  })
})

describe('a dry run', () => {
  test('speaks of what would be done and says nothing was written', () => {
    const planned: ProvisioningResult = {
      ...onboarded,
      status: 'planned',
      jobStatus: undefined,
      jobId: undefined,
      appId: undefined
    }
    const html = render([planned, { ...unchanged, status: 'planned', notes: undefined }], true)
    expect(html).toContain('<h2>📝 SCIM provisioning connector app (dry run)</h2>')
    expect(html).toContain(
      '<p>2 workspaces: 1 would change, 1 unchanged, 0 failed. 6 changes planned; nothing was written.</p>'
    )
    expect(html).toContain(
      '<tr><td>analytics-prod</td><td>📝 would change</td><td>Azure Databricks SCIM - analytics-prod</td><td>—</td><td>—</td><td>—</td>'
    )
    expect(section(html, 'analytics-prod')).toContain('<p>Would:</p><ul><li>create the enterprise app')
    expect(section(html, 'analytics-dev')).toContain('No changes needed.')
  })

  test('every change reads in both moods', () => {
    expect(EVERY_CHANGE.map((c) => describeChange(c, true))).toEqual([
      'create the enterprise app "Azure Databricks SCIM - analytics-prod" from the Azure Databricks SCIM Provisioning Connector gallery template',
      'create the provisioning job',
      'validate and save the workspace URL and token (first time)',
      'assign group "Data Engineers" (g-eng) to the User role',
      'unassign group "Old <Team>" (g-old), which is not in the config',
      'start the provisioning job'
    ])
    expect(describeChange({ kind: 'save-credentials', reason: 'token-rotated' }, false)).toBe(
      'validated and saved the workspace URL and token (new token version in Key Vault)'
    )
    expect(describeChange({ kind: 'save-credentials', reason: 'settings-changed' }, false)).toContain(
      'settings changed'
    )
  })
})

test('the job status says when NotRun is a first cycle still running (schedule Active), not a job never started', () => {
  const row = (jobStatus: string, jobSchedule?: string) =>
    render([{ ...unchanged, jobStatus, ...(jobSchedule ? { jobSchedule } : {}) }], false)
  expect(row('NotRun', 'Active')).toContain('<td>⏳ NotRun (first cycle running)</td>')
  expect(row('NotRun', 'Disabled')).toContain('<td>NotRun</td>')
  expect(row('Paused', 'Paused')).toContain('<td>Paused</td>')
  expect(row('Active', 'Active')).toContain('<td>✅ Active</td>')
  expect(row('Quarantine', 'Active')).toContain('<td>⚠️ Quarantine</td>')
})

test('no workspaces, and a masked secret never reaches the summary', () => {
  expect(render([], false)).toContain('<p>No selected workspace has a provisioning block.</p>')
  mask('dapi-secret-value-123456')
  const html = render([{ ...quarantined, error: 'boom dapi-secret-value-123456' }], false)
  expect(html).not.toContain('dapi-secret-value-123456')
  expect(html).toContain('boom ***')
})
