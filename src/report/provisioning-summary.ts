// Job summary of command: provision-app. A headline, an overview table of every workspace's connector app, then
// one section per workspace with the changes made (or, in a dry run, that would be made), notes, and the error
// with its fix.
import { jobRunState, type ProvisioningChange, type ProvisioningResult } from '../provisioning/types.js'
import { plural } from './markdown.js'
import { addTable, cell, header, prose, type Summary } from './summary.js'

export function addProvisioningSummary(summary: Summary, results: ProvisioningResult[], dryRun: boolean): void {
  addHeadline(summary, results, dryRun)
  addOverview(summary, results, dryRun)
  for (const result of results) addWorkspace(summary, result, dryRun)
}

function addHeadline(summary: Summary, results: ProvisioningResult[], dryRun: boolean): void {
  const failed = results.filter((r) => r.status === 'failed').length
  const changed = results.filter((r) => r.status !== 'failed' && r.changes.length > 0).length
  const unchanged = results.length - failed - changed
  const changes = results.reduce((n, r) => n + r.changes.length, 0)
  const icon = failed > 0 ? '❌' : dryRun ? '📝' : '✅'
  const title = dryRun ? 'SCIM provisioning connector app (dry run)' : 'SCIM provisioning connector app'
  summary.addHeading(`${icon} ${title}${failed > 0 ? `: ${plural(failed, 'workspace')} failed` : ''}`, 2)
  const parts = [`${changed} ${dryRun ? 'would change' : 'changed'}`, `${unchanged} unchanged`, `${failed} failed`]
  const total = dryRun
    ? `${plural(changes, 'change')} planned; nothing was written`
    : `${plural(changes, 'change')} made`
  summary.addRaw(`<p>${plural(results.length, 'workspace')}: ${parts.join(', ')}. ${total}.</p>`, true)
}

function addOverview(summary: Summary, results: ProvisioningResult[], dryRun: boolean): void {
  if (results.length === 0) {
    summary.addRaw('<p>No selected workspace has a provisioning block.</p>', true)
    return
  }
  addTable(
    summary,
    'Workspaces',
    header('Workspace', 'Status', 'App', 'App id', 'Job', 'Job status', 'Assigned groups', 'Changes'),
    results.map((r) => [
      cell(r.workspace),
      statusLabel(r, dryRun),
      cell(r.appName),
      r.appId ? `<code>${cell(r.appId)}</code>` : '—',
      r.jobId ? `<code>${cell(r.jobId)}</code>` : '—',
      jobStatusLabel(r),
      cell(r.assignedGroups.join(', ')),
      cell(r.changes.length)
    ])
  )
}

function statusLabel(r: ProvisioningResult, dryRun: boolean): string {
  if (r.status === 'failed') return '❌ failed'
  if (r.changes.length === 0) return dryRun ? '📝 no changes' : '✅ unchanged'
  return dryRun ? '📝 would change' : '✅ changed'
}

/** The status code, with what it means when that is not plain: NotRun is a first cycle running, or never started. */
function jobStatusLabel(r: ProvisioningResult): string {
  if (!r.jobStatus) return '—'
  const state = jobRunState(r.jobStatus, r.jobSchedule)
  if (state === 'first-cycle') return `⏳ ${cell(r.jobStatus)} (first cycle running)`
  const icon = r.jobStatus === 'Active' ? '✅ ' : state === 'quarantine' ? '⚠️ ' : ''
  return `${icon}${cell(r.jobStatus)}`
}

function addWorkspace(summary: Summary, r: ProvisioningResult, dryRun: boolean): void {
  summary.addHeading(`${cell(r.workspace)} — ${statusLabel(r, dryRun)}`, 3)
  const ids = [
    `App <strong>${cell(r.appName)}</strong>`,
    r.servicePrincipalId ? `service principal <code>${cell(r.servicePrincipalId)}</code>` : '',
    r.appId ? `app id <code>${cell(r.appId)}</code>` : ''
  ].filter(Boolean)
  summary.addRaw(`<p>${ids.join(', ')}</p>`, true)
  if (r.changes.length > 0) {
    const items = r.changes.map((c) => `<li>${cell(describeChange(c, dryRun))}</li>`).join('')
    summary.addRaw(`<p>${dryRun ? 'Would:' : 'Changes:'}</p><ul>${items}</ul>`, true)
  } else if (r.status !== 'failed') {
    summary.addRaw(`<p>${dryRun ? 'No changes needed.' : 'Unchanged: the app already matches the config.'}</p>`, true)
  }
  if (r.notes && r.notes.length > 0) {
    summary.addRaw(`<ul>${r.notes.map((n) => `<li>ℹ️ ${prose(n)}</li>`).join('')}</ul>`, true)
  }
  if (r.error) summary.addRaw(`<p>❌ ${prose(r.error)}</p>`, true)
}

/** One line of plain text for a change (escaped by the caller): "created …", or in a dry run "create …". */
export function describeChange(change: ProvisioningChange, dryRun: boolean): string {
  const verb = (done: string, planned: string) => (dryRun ? planned : done)
  switch (change.kind) {
    case 'create-app':
      return `${verb('created', 'create')} the enterprise app "${change.displayName}" from the Azure Databricks SCIM Provisioning Connector gallery template`
    case 'create-job':
      return `${verb('created', 'create')} the provisioning job`
    case 'save-credentials': {
      const why = {
        new: 'first time',
        'token-rotated': 'new token version in Key Vault',
        'settings-changed': 'workspace URL or notification settings changed'
      }[change.reason]
      return `${verb('validated and saved', 'validate and save')} the workspace URL and token (${why})`
    }
    case 'assign-group':
      return `${verb('assigned', 'assign')} group "${change.group}" (${change.groupId}) to the User role`
    case 'unassign-group':
      return `${verb('unassigned', 'unassign')} group "${change.group}" (${change.groupId}), which is not in the config`
    case 'start-job':
      return `${verb('started', 'start')} the provisioning job`
  }
}
