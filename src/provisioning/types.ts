// The Azure Databricks SCIM Provisioning Connector as the action sees it through Microsoft Graph (what a job's
// status and schedule mean included), the small interface provisioning depends on (real implementation over the
// Graph client; fakes in unit tests), the current and desired state of a workspace's app that read.ts reads and
// plan.ts compares, the changes a plan lists, and the result the summary reports.
import type { EntraGroup } from '../sources/entra/types.js'
import { ActionError } from '../errors.js'

/** The gallery app "Azure Databricks SCIM Provisioning Connector". */
export const DATABRICKS_CONNECTOR_TEMPLATE_ID = '9c9818d2-2900-49e8-8ba4-22688be7c675'
/** Its synchronization job template. */
export const DATABRICKS_SYNC_TEMPLATE_ID = 'dataBricks'
/** The app role groups are assigned to (looked up by display name on the app, never hard-coded). */
export const USER_ROLE_NAME = 'User'

export interface AppRole {
  id: string
  displayName: string
  value?: string | null
  isEnabled?: boolean
}

export interface ServicePrincipal {
  id: string
  appId: string
  displayName: string
  appRoles: AppRole[]
  tags: string[]
}

/** synchronizationStatus.code: NotRun until the first cycle is done, Active after it (Graph's synchronizationStatus). */
export type JobStatusCode = 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine' | string
/** synchronizationSchedule.state: Disabled until started (a new job is "created in a disabled state"), then Active. */
export type ScheduleState = 'Active' | 'Disabled' | 'Paused' | string

/**
 * What a job's status code and schedule say about it, and so whether provision-app may start it. Microsoft Graph:
 * "use the start job only when the job is currently paused or in quarantine"; a started job reads NotRun with the
 * schedule Active for its whole first cycle (20 minutes to several hours), Active after it.
 * - `stopped`: never started (NotConfigured/NotRun, schedule Disabled) or paused: start it;
 * - `first-cycle`: started, its first cycle still running (NotRun, schedule Active): leave it;
 * - `running`: in steady state (Active), or a state not known here: leave it;
 * - `quarantine`: start it only once new credentials are saved (start clears the quarantine).
 */
export type JobRunState = 'stopped' | 'first-cycle' | 'running' | 'quarantine'

export function jobRunState(code: JobStatusCode, schedule: ScheduleState | undefined): JobRunState {
  if (code === 'Quarantine') return 'quarantine'
  if (schedule === 'Disabled' || schedule === 'Paused' || code === 'Paused' || code === 'NotConfigured') {
    return 'stopped'
  }
  if (code === 'NotRun') return schedule === 'Active' ? 'first-cycle' : 'stopped'
  return 'running'
}

export interface SyncJob {
  id: string
  templateId: string
  /** Graph always sends it; optional so that a reading without it is still understood (see jobRunState). */
  schedule?: { state?: ScheduleState; interval?: string } | null
  status: {
    code: JobStatusCode
    lastExecution?: { state?: string; error?: { code?: string; message?: string } | null } | null
    quarantine?: { reason?: string; currentBegan?: string; error?: { code?: string; message?: string } | null } | null
  }
}

export interface AppRoleAssignment {
  id: string
  principalId: string
  principalType: 'Group' | 'User' | 'ServicePrincipal' | string
  principalDisplayName?: string
  appRoleId: string
}

export interface Credential {
  key: 'BaseAddress' | 'SecretToken' | 'SyncAll' | 'SyncNotificationSettings' | string
  value: string
}

/** validateCredentials: the connector tried the credentials and the workspace (or Graph) refused them. */
export class CredentialsRefusedError extends ActionError {
  override readonly name = 'CredentialsRefusedError'
}

/** Every Graph call provision-app makes. Only apply.ts calls the writing ones, and a dry run never gets there. */
export interface ProvisioningGraph {
  findServicePrincipals(displayName: string): Promise<ServicePrincipal[]>
  /** undefined while the new service principal has not appeared yet (404). */
  getServicePrincipal(id: string): Promise<ServicePrincipal | undefined>
  instantiate(templateId: string, displayName: string): Promise<{ applicationId: string; servicePrincipalId: string }>
  listJobs(servicePrincipalId: string): Promise<SyncJob[]>
  createJob(servicePrincipalId: string, templateId: string): Promise<SyncJob>
  getJob(servicePrincipalId: string, jobId: string): Promise<SyncJob>
  /**
   * Throws a CredentialsRefusedError with Graph's message when the connector cannot reach the workspace with these
   * (any other failure, e.g. a missing permission, is an ordinary ActionError).
   */
  validateCredentials(servicePrincipalId: string, jobId: string, credentials: Credential[]): Promise<void>
  saveSecrets(servicePrincipalId: string, secrets: Credential[]): Promise<void>
  startJob(servicePrincipalId: string, jobId: string): Promise<void>
  listAssignments(servicePrincipalId: string): Promise<AppRoleAssignment[]>
  assign(servicePrincipalId: string, principalId: string, appRoleId: string): Promise<AppRoleAssignment>
  unassign(servicePrincipalId: string, assignmentId: string): Promise<void>
  setTags(servicePrincipalId: string, tags: string[]): Promise<void>
  /** Write requests made, for the "re-run makes no write" guarantee and the summary. */
  writes(): number
}

// ---- the state a plan compares

/** The connector app of a workspace as Graph has it, read before anything is written. */
export interface CurrentApp {
  servicePrincipal: ServicePrincipal
  /** Its provisioning job (template dataBricks) as last read, status included; none yet when undefined. */
  job?: SyncJob
  /** The app role groups are assigned to; undefined when the app has none, and then nothing past it is read. */
  userRole?: AppRole
  /** The groups assigned to that role (users, and other roles, are not provision-app's business). */
  assignments: AppRoleAssignment[]
}

/** What the config asks of the connector app of a workspace, with the token and the Entra groups it names read. */
export interface DesiredApp {
  workspace: string
  host: string
  appName: string
  /** The Key Vault secret id of the token, named in errors. */
  secretId: string
  /** The credentials to validate and save, token included: only apply uses them, and only to send them to Graph. */
  credentials: Credential[]
  /** The marker tag of those credentials (see credentials.ts). */
  credentialsTag: string
  /** The config's groups, each resolved to one Entra group, each once. */
  groups: EntraGroup[]
  /** The config names of groups with `removal: keep`: when there is any, no group is unassigned. */
  keep: string[]
}

// ---- the plan, and what was made

export type CredentialsReason = 'new' | 'token-rotated' | 'settings-changed'

/** One write a plan lists and the summary reports: planned in a dry run, made otherwise. */
export type ProvisioningChange =
  | { kind: 'create-app'; displayName: string }
  | { kind: 'create-job' }
  /** Validate the credentials through the job, save them, then tag the app with their marker. */
  | { kind: 'save-credentials'; reason: CredentialsReason }
  | { kind: 'assign-group'; group: string; groupId: string }
  | { kind: 'unassign-group'; group: string; groupId: string }
  | { kind: 'start-job' }

/** The changes there are once the app exists: every one but create-app. */
export type AppChange = Exclude<ProvisioningChange, { kind: 'create-app' }>

export interface PlanNote {
  text: string
  /** Only says something about a plan that is not applied (dry run), e.g. that the token was not validated. */
  dryRunOnly?: boolean
}

/** What a workspace's app needs, in the order apply makes it. */
export interface ProvisioningPlan<Change extends ProvisioningChange = ProvisioningChange> {
  changes: Change[]
  /** The groups assigned to the User role once the changes are made. */
  assignedGroups: string[]
  /** The job's status and schedule as read, when planning got as far as the job. */
  jobStatus?: JobStatusCode
  jobSchedule?: ScheduleState
  notes: PlanNote[]
  /** Planning stopped here (no User role, job in quarantine): the run fails once the changes are made. */
  failure?: ActionError
}

export interface ProvisioningResult {
  workspace: string
  appName: string
  status: 'ok' | 'planned' | 'failed'
  servicePrincipalId?: string
  appId?: string
  jobId?: string
  jobStatus?: JobStatusCode
  jobSchedule?: ScheduleState
  /** Groups assigned to the User role after the run (or planned, in dry-run). */
  assignedGroups: string[]
  changes: ProvisioningChange[]
  /** Why it failed, with the fix (e.g. quarantine because the token expired). */
  error?: string
  /** Things the reader should know that are not changes, e.g. groups left assigned because of `removal: keep`. */
  notes?: string[]
}
