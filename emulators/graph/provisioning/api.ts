// The provisioning APIs' public types and constants, and their contract with the Graph directory and handler.
import type { GraphAppRole } from '../model.js'

// ---------------------------------------------------------------------------------------------------------------
// Public API

/** The gallery app "Azure Databricks SCIM Provisioning Connector". */
export const DATABRICKS_CONNECTOR_TEMPLATE_ID = '9c9818d2-2900-49e8-8ba4-22688be7c675'
/** Its synchronization job template. */
export const DATABRICKS_SYNC_TEMPLATE_ID = 'dataBricks'
/** Tags Graph gives a service principal instantiated from a gallery template. */
export const GALLERY_APP_TAGS: readonly string[] = [
  'WindowsAzureActiveDirectoryIntegratedApp',
  'WindowsAzureActiveDirectoryGalleryApplicationNonPrimaryV1'
]
/** appRoleId of "Default Access", the only role an app without appRoles can be assigned. */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000'

/**
 * Whether a SCIM endpoint accepts a token: true, false (HTTP 401), or a detailed answer (`status` 0: the host could
 * not be reached; `message` replaces the generated error text).
 */
export type ScimCheck = boolean | { ok: boolean; status?: number; message?: string }
export type ValidateScim = (baseAddress: string, token: string) => ScimCheck | Promise<ScimCheck>

export interface ProvisioningOptions {
  /**
   * Decides validateCredentials, and the outcome of each provisioning cycle (steady state, or quarantine when the
   * saved token no longer works). Default: BaseAddress must be an https URL ending in /api/2.0/preview/scim and the
   * token non-empty.
   */
  validateScim?: ValidateScim
  /** Initial `spAppearDelayMs` (default 1500). */
  spAppearDelayMs?: number
  /** Initial `firstCycleMs` (default 20 minutes). */
  firstCycleMs?: number
}

export interface Credential {
  key: string
  value: string
}

export interface ProvisionedApp {
  /** The application object, as instantiate returned it. */
  application: { id: string; appId: string; displayName: string }
  servicePrincipalId: string
  appId: string
  displayName: string
  templateId: string
  /** appId of the caller that instantiated it (an owner, for Application.ReadWrite.OwnedBy). */
  ownerAppId: string | undefined
  createdDateTime: string
  /** False until the service principal appears to reads. */
  visible: boolean
  /** Epoch ms at which the service principal appears. */
  visibleAt: number
}

export interface SyncQuarantine {
  currentBegan: string
  nextAttempt: string
  reason: string
  seriesBegan: string
  seriesCount: number
  error: { code: string; message: string; tenantActionable: boolean }
}

export interface SyncExecution {
  activityIdentifier: string
  countEntitled: number
  countExported: number
  countImported: number
  state: 'Succeeded' | 'Failed' | string
  timeBegan: string
  timeEnded: string
  error: { code: string; message: string; tenantActionable: boolean } | null
}

/** A synchronization job as GET …/synchronization/jobs/{id} returns it. */
export interface SyncJobView {
  id: string
  templateId: string
  schedule: { expiration: string | null; interval: string; state: 'Active' | 'Disabled' | 'Paused' }
  status: {
    code: 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine'
    countSuccessiveCompleteFailures: number
    escrowsPruned: boolean
    lastExecution: SyncExecution | null
    lastSuccessfulExecution: SyncExecution | null
    lastSuccessfulExecutionWithExports: SyncExecution | null
    progress: unknown[]
    quarantine: SyncQuarantine | null
    steadyStateFirstAchievedTime: string
    steadyStateLastAchievedTime: string
    synchronizedEntryCountByType: unknown[]
    troubleshootingUrl: string | null
  }
  synchronizationJobSettings: Credential[]
}

export interface AppRoleAssignmentView {
  id: string
  deletedDateTime: null
  appRoleId: string
  createdDateTime: string
  principalDisplayName: string
  principalId: string
  principalType: 'User' | 'Group' | 'ServicePrincipal'
  resourceDisplayName: string
  resourceId: string
}

/** Successful writes by operation. */
export interface ProvisioningCounters {
  instantiate: number
  patchServicePrincipal: number
  createJob: number
  deleteJob: number
  putSecrets: number
  start: number
  restart: number
  pause: number
  assign: number
  unassign: number
  /** Not a write (nothing changes), counted apart. */
  validateCredentials: number
}

/**
 * The provisioning side of the tenant, for tests. References (`spRef`) are a service principal object id, appId or
 * displayName (of an instantiated app, visible or not); `jobRef` is a job id or a service principal reference (its
 * first job).
 */
export interface ProvisioningState {
  /** How long (ms) a service principal made by instantiate stays invisible to reads (GET → 404, absent from $filter). */
  spAppearDelayMs: number
  /** Makes the pending service principal (all of them without a reference) visible now. */
  appearNow(spRef?: string): void
  /** Creates a connector app as instantiate does, visible at once unless `delayed`; counts no write. */
  createApp(displayName: string, opts?: { delayed?: boolean; ownerAppId?: string }): ProvisionedApp
  apps(): ProvisionedApp[]
  app(spRef: string): ProvisionedApp | undefined
  jobs(spRef?: string): Array<SyncJobView & { servicePrincipalId: string }>
  job(jobRef: string): (SyncJobView & { servicePrincipalId: string }) | undefined
  /** The saved synchronization secrets, SecretToken value included; undefined when none were saved. */
  secrets(spRef: string): Credential[] | undefined
  assignments(spRef?: string): AppRoleAssignmentView[]
  /** Forces a job into quarantine (default reason EncounteredQuarantineException, error: invalid credentials). */
  quarantine(jobRef: string, reason?: string, error?: { code: string; message: string }): SyncJobView
  /**
   * How long (ms) a job's initial cycle runs once started (default 20 minutes, the low end of Entra's "20 minutes to
   * several hours"): until it ends the job reads NotRun with schedule Active. Applies to cycles started afterwards.
   */
  firstCycleMs: number
  /**
   * Moves the connector's clock on by `ms` and records every cycle that ended meanwhile (steady state, or quarantine
   * when the saved token is refused); after the initial cycle, one every 40 minutes (PT40M), in quarantine 6 h, 12 h,
   * then daily.
   */
  advance(ms: number): Promise<void>
  /**
   * Moves the clock to the end of that job's cycle in progress (or next quarantine retry); without a reference, to the
   * end of the cycles of every running job.
   */
  finishCycle(jobRef?: string): Promise<void>
  counters: ProvisioningCounters
  /** Successful state-changing requests (every counter but validateCredentials). */
  writes(): number
  resetCounters(): void
}

// ---------------------------------------------------------------------------------------------------------------
// Contract with the Graph handler (graph/provisioning-host.ts)

/** What this module needs of a directory service principal. */
export interface ProvisioningSp {
  id: string
  appId: string
  displayName: string
  appRoles: GraphAppRole[]
  tags: string[]
  applicationTemplateId?: string | null
}

export interface ProvisioningHost {
  tenantId: string
  /** Adds an instantiated service principal to the directory: from then on reads see it. */
  addServicePrincipal(sp: ProvisioningSp): void
  /** A directory object (user, group, service principal) by object id. */
  principal(id: string): { id: string; displayName: string; kind: 'user' | 'group' | 'servicePrincipal' } | undefined
  /** A visible service principal by object id. */
  servicePrincipal(id: string): ProvisioningSp | undefined
  /** Applies a PATCH to a service principal (already validated). */
  patchServicePrincipal(id: string, patch: Record<string, unknown>): void
  /** The full JSON of a service principal (also one not yet in the directory). */
  serialize(sp: ProvisioningSp): Record<string, unknown>
}

export interface ProvisioningRequest {
  method: string
  body: unknown
  roles: ReadonlySet<string>
  /** Caller's appId (token appid), for Application.ReadWrite.OwnedBy. */
  appId: string | undefined
  origin: string
  /** Lower-cased query option names without $. */
  query: ReadonlyMap<string, string>
}

export interface ProvisioningResponse {
  status: number
  body?: unknown
}
