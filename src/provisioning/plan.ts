// The planner of provision-app, a pure function: the connector app of a workspace as read (or none) and what the
// config asks -> the changes that make them match, in the order apply.ts makes them, with the groups and job status
// that result, notes for the reader, and the error the run stops with (no User role, job in quarantine). A dry run
// reports this plan; a real run applies it. Steps, in order: the app, the job, the credentials, the groups of the
// User role, the job started — only when it is not running (jobRunState).
import type { EntraGroup } from '../sources/entra/types.js'
import { ActionError } from '../errors.js'
import { credentialsState } from './credentials.js'
import {
  DATABRICKS_CONNECTOR_TEMPLATE_ID,
  jobRunState,
  USER_ROLE_NAME,
  type AppChange,
  type AppRoleAssignment,
  type CurrentApp,
  type DesiredApp,
  type PlanNote,
  type ProvisioningPlan,
  type SyncJob
} from './types.js'

const TOKEN_NOT_VALIDATED = 'Dry run: the token was read from Key Vault but not validated against the workspace.'
const QUARANTINE_ENDS = 'The job is in quarantine; saving the new credentials and starting it should end that.'
const FIRST_CYCLE_RUNNING =
  'The job is still in its first provisioning cycle (status NotRun, schedule Active), which can take from 20 minutes ' +
  'to several hours: it is left running (Microsoft Graph: start a job only when it is paused or in quarantine). ' +
  'Run provision-app again later to see how the cycle ended.'

/** The plan for the app as read: `undefined` when no app has the name yet. */
export function planProvisioning(app: CurrentApp | undefined, desired: DesiredApp): ProvisioningPlan {
  return app ? planApp(app, desired) : planNewApp(desired)
}

/**
 * No app yet (planned in a dry run only: a real run creates the app and plans from what Graph then has): every
 * step in full, as for a new app with no job, no credentials and no group.
 */
export function planNewApp(desired: DesiredApp): ProvisioningPlan {
  return {
    changes: [
      { kind: 'create-app', displayName: desired.appName },
      { kind: 'create-job' },
      { kind: 'save-credentials', reason: 'new' },
      ...desired.groups.map(assignGroup),
      { kind: 'start-job' }
    ],
    assignedGroups: desired.groups.map((g) => g.displayName),
    notes: [
      {
        text: `The app "${desired.appName}" does not exist yet: every later step would run in full once it is created.`,
        dryRunOnly: true
      }
    ]
  }
}

/** The plan for an app that exists. */
export function planApp(app: CurrentApp, desired: DesiredApp): ProvisioningPlan<AppChange> {
  const changes: AppChange[] = []
  const notes: PlanNote[] = []
  const { job, userRole } = app

  if (!job) changes.push({ kind: 'create-job' })

  const credentials = credentialsState(app.servicePrincipal.tags, desired.credentialsTag)
  const savesCredentials = credentials !== 'unchanged'
  if (savesCredentials) {
    changes.push({ kind: 'save-credentials', reason: credentials })
    notes.push({ text: TOKEN_NOT_VALIDATED, dryRunOnly: true })
  }

  if (!userRole) return { changes, notes, assignedGroups: [], failure: noUserRole(app, desired) }
  const groups = planGroups(app.assignments, desired)
  changes.push(...groups.changes)
  notes.push(...groups.notes)
  const plan: ProvisioningPlan<AppChange> = { changes, notes, assignedGroups: groups.assignedGroups }

  // A new job has not run: it is started.
  if (!job) {
    changes.push({ kind: 'start-job' })
    return plan
  }
  plan.jobStatus = job.status.code
  if (job.schedule?.state) plan.jobSchedule = job.schedule.state
  switch (jobRunState(job.status.code, job.schedule?.state)) {
    case 'quarantine':
      if (!savesCredentials) return { ...plan, failure: quarantineError(job, desired) }
      // Start clears a quarantine; the next cycle then tries the new credentials.
      changes.push({ kind: 'start-job' })
      notes.push({ text: QUARANTINE_ENDS, dryRunOnly: true })
      return plan
    case 'stopped':
      changes.push({ kind: 'start-job' })
      return plan
    case 'first-cycle':
      notes.push({ text: FIRST_CYCLE_RUNNING })
      return plan
    case 'running':
      return plan
  }
}

/**
 * The config's groups assigned, the others unassigned — unless a group of the workspace says `removal: keep`, or
 * the workspace lists no group (never taken to mean "unassign everything"): then they stay, and a note says so.
 */
function planGroups(
  current: AppRoleAssignment[],
  desired: DesiredApp
): { changes: AppChange[]; assignedGroups: string[]; notes: PlanNote[] } {
  const assigned = new Set(current.map((a) => a.principalId.toLowerCase()))
  const wanted = new Set(desired.groups.map((g) => g.id.toLowerCase()))
  const changes: AppChange[] = desired.groups.filter((g) => !assigned.has(g.id.toLowerCase())).map(assignGroup)
  const names = desired.groups.map((g) => g.displayName)

  const extra = current.filter((a) => !wanted.has(a.principalId.toLowerCase()))
  const label = (a: AppRoleAssignment) => a.principalDisplayName || a.principalId
  const { keep } = desired
  if (extra.length > 0 && (keep.length > 0 || desired.groups.length === 0)) {
    const why =
      keep.length > 0
        ? `removal: keep on ${keep.map((k) => `"${k}"`).join(', ')}`
        : 'the workspace lists no groups, which is never taken to mean "unassign everything"'
    const text = `Left assigned although not in the config (${why}): ${extra.map((a) => `"${label(a)}"`).join(', ')}.`
    return { changes, assignedGroups: [...names, ...extra.map(label)], notes: [{ text }] }
  }
  for (const a of extra) changes.push({ kind: 'unassign-group', group: label(a), groupId: a.principalId })
  return { changes, assignedGroups: names, notes: [] }
}

function assignGroup(group: EntraGroup): AppChange {
  return { kind: 'assign-group', group: group.displayName, groupId: group.id }
}

function noUserRole(app: CurrentApp, desired: DesiredApp): ActionError {
  const sp = app.servicePrincipal
  const roles = sp.appRoles.map((r) => `"${r.displayName}"`).join(', ') || 'none'
  return new ActionError(
    `The enterprise app "${desired.appName}" (service principal ${sp.id}) has no app role named "${USER_ROLE_NAME}" (its roles: ${roles}), so groups cannot be assigned to it.`,
    `Use an app made from the gallery app "Azure Databricks SCIM Provisioning Connector" (template ${DATABRICKS_CONNECTOR_TEMPLATE_ID}): delete or rename this one, or change provisioning.app-name, and run provision-app again to create it.`
  )
}

/** The job is in quarantine: why, and the fix (a new token when it is the sign-in that fails). */
export function quarantineError(job: SyncJob, desired: DesiredApp): ActionError {
  const { appName, host, secretId } = desired
  const q = job.status.quarantine
  const reason = q?.reason || 'no reason given'
  const error = q?.error ?? job.status.lastExecution?.error
  const detail = [error?.code, error?.message].filter(Boolean).join(': ')
  const since = q?.currentBegan ? ` since ${q.currentBegan}` : ''
  const message = `The provisioning job ${job.id} of "${appName}" is in quarantine${since}: ${reason}.${detail ? ` ${detail.replace(/\.?$/, '.')}` : ''}`
  const signIn = /credential|unauthori[sz]ed|\b401\b|\b403\b|token|secret|EncounteredQuarantineException/i.test(
    `${reason} ${detail}`
  )
  return new ActionError(
    message,
    signIn
      ? `The connector cannot sign in to the workspace ${host}: the token may have expired or been revoked. ` +
          `Store a new PAT in ${secretId} and run provision-app again; it validates and saves the new token, then restarts the job.`
      : `See the provisioning logs of "${appName}" in the Entra admin center (Enterprise applications → ${appName} → Provisioning), ` +
          'fix the cause, then restart provisioning there.'
  )
}
