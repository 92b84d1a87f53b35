// The apply phase of provision-app, the only code that writes to Graph: create a new app and wait for it to appear,
// then make the changes of a plan (plan.ts) in order. Each change is recorded in the result as it is made, so a run
// that fails half-way reports what it did. A dry run never gets here.
import { ActionError } from '../errors.js'
import { loginCredentials, withCredentialsTag } from './credentials.js'
import { quarantineError } from './plan.js'
import {
  CredentialsRefusedError,
  DATABRICKS_CONNECTOR_TEMPLATE_ID,
  DATABRICKS_SYNC_TEMPLATE_ID,
  type AppChange,
  type CurrentApp,
  type DesiredApp,
  type ProvisioningGraph,
  type ProvisioningPlan,
  type ProvisioningResult,
  type ServicePrincipal
} from './types.js'

/** How long a new app may take to appear in Graph after it was created. */
export const APPEAR_TIMEOUT_MS = 60_000
const FIRST_POLL_DELAY_MS = 500
const MAX_POLL_DELAY_MS = 8_000

export interface AppearWait {
  /** Waits between polls for a new app; default setTimeout. */
  sleep?: (ms: number) => Promise<void>
  /** How long to wait for a new app to appear; default APPEAR_TIMEOUT_MS. */
  appearTimeoutMs?: number
}

/** Creates the app from the gallery template and waits until Graph has its service principal. */
export async function createApp(
  graph: ProvisioningGraph,
  name: string,
  result: ProvisioningResult,
  wait: AppearWait
): Promise<ServicePrincipal> {
  const created = await graph.instantiate(DATABRICKS_CONNECTOR_TEMPLATE_ID, name)
  result.changes.push({ kind: 'create-app', displayName: name })
  result.servicePrincipalId = created.servicePrincipalId
  result.appId = created.applicationId
  return waitForApp(graph, name, created.servicePrincipalId, created.applicationId, wait)
}

/** A new service principal takes a while to appear: poll with a doubling delay, up to the timeout. */
async function waitForApp(
  graph: ProvisioningGraph,
  name: string,
  id: string,
  appId: string,
  wait: AppearWait
): Promise<ServicePrincipal> {
  const timeout = wait.appearTimeoutMs ?? APPEAR_TIMEOUT_MS
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let waited = 0
  let delay = FIRST_POLL_DELAY_MS
  for (;;) {
    const sp = await graph.getServicePrincipal(id)
    if (sp) return sp
    if (waited >= timeout) {
      throw new ActionError(
        `The enterprise app "${name}" was created (service principal ${id}, app id ${appId}) but did not appear in Microsoft Graph within ${Math.round(timeout / 1000)} s.`,
        'Entra ID can take a few minutes to replicate a new app. Wait a few minutes and run provision-app again: it finds the app by name and continues from there.'
      )
    }
    const ms = Math.min(delay, MAX_POLL_DELAY_MS, timeout - waited)
    await sleep(ms)
    waited += ms
    delay *= 2
  }
}

export interface ApplyTarget {
  graph: ProvisioningGraph
  /** The app as read before the plan was made. */
  app: CurrentApp
  desired: DesiredApp
  /** Where each change is recorded as it is made. */
  result: ProvisioningResult
}

/** Said once the job is started: the service decides quarantine during a cycle, not in the start call. */
const STARTED =
  'The job was started. Its cycle runs in the background (the first one takes from 20 minutes to several hours) and ' +
  'only then reaches the workspace, so a quarantine (e.g. a token the connector cannot use) shows on a later run of ' +
  'provision-app.'

/**
 * Makes the plan's changes in order. The groups, job status and notes the plan states hold once every change before
 * the job's start is made, so they are recorded then; the start (always the plan's last change) follows, and the job
 * is read again for its status. A plan that stops with an error throws it once its changes are made.
 */
export async function applyPlan(plan: ProvisioningPlan<AppChange>, target: ApplyTarget): Promise<void> {
  const { graph, app, desired, result } = target
  const sp = app.servicePrincipal
  const missing = (what: string): never => {
    throw new Error(`Internal error: the plan for "${desired.appName}" needs ${what}, which the app does not have.`)
  }
  let jobId = app.job?.id
  const job = (): string => jobId ?? missing('a provisioning job')
  const unassigned = new Set<string>()

  for (const change of plan.changes) {
    switch (change.kind) {
      case 'create-job': {
        const created = await graph.createJob(sp.id, DATABRICKS_SYNC_TEMPLATE_ID)
        result.changes.push(change)
        result.jobId = jobId = created.id
        break
      }
      case 'save-credentials':
        await validateCredentials(graph, sp.id, job(), desired)
        await graph.saveSecrets(sp.id, desired.credentials)
        result.changes.push(change)
        await graph.setTags(sp.id, withCredentialsTag(sp.tags, desired.credentialsTag))
        break
      case 'assign-group':
        await graph.assign(sp.id, change.groupId, app.userRole?.id ?? missing('a User role'))
        result.changes.push(change)
        break
      case 'unassign-group': {
        const assignment =
          app.assignments.find((a) => a.principalId === change.groupId && !unassigned.has(a.id)) ??
          missing(`an assignment of group ${change.groupId}`)
        unassigned.add(assignment.id)
        await graph.unassign(sp.id, assignment.id)
        result.changes.push(change)
        break
      }
      case 'start-job':
        // Made below, once every other change is.
        break
    }
  }
  recordPlan(result, plan, true)
  if (plan.changes.some((c) => c.kind === 'start-job')) {
    await graph.startJob(sp.id, job())
    result.changes.push({ kind: 'start-job' })
    const started = await graph.getJob(sp.id, job())
    result.jobStatus = started.status.code
    if (started.schedule?.state) result.jobSchedule = started.schedule.state
    if (started.status.code === 'Quarantine') throw quarantineError(started, desired)
    result.notes = [...(result.notes ?? []), STARTED]
  }
  if (plan.failure) throw plan.failure
}

/**
 * What the plan says of the result beyond its changes: the groups assigned, the job status as read, and its notes —
 * those that only a dry run shows too when `applied` is false.
 */
export function recordPlan(result: ProvisioningResult, plan: ProvisioningPlan, applied: boolean): void {
  result.assignedGroups = plan.assignedGroups
  if (plan.jobStatus !== undefined) result.jobStatus = plan.jobStatus
  if (plan.jobSchedule !== undefined) result.jobSchedule = plan.jobSchedule
  const notes = plan.notes.filter((n) => !(applied && n.dryRunOnly)).map((n) => n.text)
  if (notes.length > 0) result.notes = notes
}

/** Validates the credentials through the job before anything is saved: a refused token saves nothing. */
async function validateCredentials(
  graph: ProvisioningGraph,
  servicePrincipalId: string,
  jobId: string,
  desired: DesiredApp
): Promise<void> {
  try {
    await graph.validateCredentials(servicePrincipalId, jobId, loginCredentials(desired.credentials))
  } catch (error) {
    if (!(error instanceof CredentialsRefusedError)) throw error
    throw new ActionError(
      `The token in ${desired.secretId} was refused by ${desired.host}: ${error.message.replace(/\.?$/, '.')} Nothing was saved; the app keeps its previous credentials.`,
      `Create a new personal access token in ${desired.host} as a workspace admin, store it as a new version of ${desired.secretId}, and run provision-app again.`
    )
  }
}
