// The Azure Databricks SCIM Provisioning Connector as the action sees it through Microsoft Graph, the small
// interface provisioning depends on (real implementation over the Graph client; fakes in unit tests), and
// the result the summary reports.
import { ActionError } from '../errors.js'

/** The gallery app "Azure Databricks SCIM Provisioning Connector". */
export const DATABRICKS_CONNECTOR_TEMPLATE_ID = '9c9818d2-2900-49e8-8ba4-22688be7c675'
/** Its synchronization job template. */
export const DATABRICKS_SYNC_TEMPLATE_ID = 'dataBricks'

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

export type JobStatusCode = 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine' | string

export interface SyncJob {
  id: string
  templateId: string
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

/** Every Graph call provision-app makes. Only provisioning code calls the writing ones, and never in dry-run. */
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

export type ProvisioningChange =
  | { kind: 'create-app'; displayName: string }
  | { kind: 'create-job' }
  | { kind: 'save-credentials'; reason: 'new' | 'token-rotated' | 'settings-changed' }
  | { kind: 'assign-group'; group: string; groupId: string }
  | { kind: 'unassign-group'; group: string; groupId: string }
  | { kind: 'start-job' }

export interface ProvisioningResult {
  workspace: string
  appName: string
  status: 'ok' | 'planned' | 'failed'
  servicePrincipalId?: string
  appId?: string
  jobId?: string
  jobStatus?: JobStatusCode
  /** Groups assigned to the User role after the run (or planned, in dry-run). */
  assignedGroups: string[]
  changes: ProvisioningChange[]
  /** Why it failed, with the fix (e.g. quarantine because the token expired). */
  error?: string
  /** Things the reader should know that are not changes, e.g. groups left assigned because of `removal: keep`. */
  notes?: string[]
}
