// Microsoft Graph emulator, provisioning part: the "Azure Databricks SCIM Provisioning Connector" gallery app as
// provision-app configures it — applicationTemplates/{id}/instantiate (the new service principal shows up in reads
// only after a delay, as in a real tenant), PATCH servicePrincipals/{id} (tags), appRoleAssignedTo, and the
// synchronization API: jobs, secrets, validateCredentials, start/restart/pause, quarantine.
// graph.ts owns the directory and routes these requests here; this module keeps the apps, jobs, secrets and
// assignments, and asks a hook (`validateScim`) whether a BaseAddress/SecretToken pair reaches a SCIM endpoint.
import { randomBytes, randomUUID } from 'node:crypto'
import { stableGuid } from './fixture.js'
import type { GraphAppRole } from './graph.js'

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
   * Decides validateCredentials and job start/restart (and re-checks Active jobs on reads, to notice an expired
   * token). Default: BaseAddress must be an https URL ending in /api/2.0/preview/scim and the token non-empty.
   */
  validateScim?: ValidateScim
  /** Initial `spAppearDelayMs` (default 1500). */
  spAppearDelayMs?: number
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
  counters: ProvisioningCounters
  /** Successful state-changing requests (every counter but validateCredentials). */
  writes(): number
  resetCounters(): void
}

// ---------------------------------------------------------------------------------------------------------------
// Contract with graph.ts

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

/** A Graph error; graph.ts turns it into the error body with request ids. */
export class ProvisioningError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Internals

interface AppRec extends ProvisionedApp {
  sp: ProvisioningSp
}

interface JobRec {
  id: string
  templateId: string
  spKey: string
  code: SyncJobView['status']['code']
  scheduleState: SyncJobView['schedule']['state']
  quarantine: SyncQuarantine | null
  lastExecution: SyncExecution | null
  lastSuccessfulExecution: SyncExecution | null
  failures: number
  steadyFirst: string
  steadyLast: string
}

const ZERO_TIME = '0001-01-01T00:00:00Z'
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const PAGE_DEFAULT = 100
const PAGE_MAX = 999
const QUARANTINE_CODE = 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable'
const VALIDATION_CODE = 'SystemForCrossDomainIdentityManagementCredentialValidationFailure'

const roles = {
  instantiate: ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.ReadWrite.All'],
  patch: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  assignmentsRead: [
    'Application.Read.All',
    'Application.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'AppRoleAssignment.ReadWrite.All'
  ],
  assignmentsWrite: ['AppRoleAssignment.ReadWrite.All'],
  syncRead: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All'],
  syncWrite: ['Synchronization.ReadWrite.All']
} as const
const OWNED_BY = 'Application.ReadWrite.OwnedBy'

const key = (id: string): string => id.toLowerCase()
const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z')
const hex32 = (): string => randomBytes(16).toString('hex')

const notFound = (id: string): ProvisioningError =>
  new ProvisioningError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
  )
const denied = (): ProvisioningError =>
  new ProvisioningError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
const badRequest = (message: string, code = 'Request_BadRequest'): ProvisioningError =>
  new ProvisioningError(400, code, message)
const methodNotAllowed = (method: string): ProvisioningError =>
  new ProvisioningError(
    405,
    'Request_BadRequest',
    `The HTTP method '${method}' is not supported by the Graph emulator for this resource.`
  )
const badSegment = (segment: string): ProvisioningError =>
  new ProvisioningError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`)

interface Template {
  displayName: string
  syncTemplateId: string
  appRoles(appId: string): GraphAppRole[]
  tags: readonly string[]
}

const TEMPLATES = new Map<string, Template>([
  [
    DATABRICKS_CONNECTOR_TEMPLATE_ID,
    {
      displayName: 'Azure Databricks SCIM Provisioning Connector',
      syncTemplateId: DATABRICKS_SYNC_TEMPLATE_ID,
      // Ids differ per app, so a client has to look the "User" role up rather than hard-code it.
      appRoles: (appId) => [
        {
          allowedMemberTypes: ['User'],
          description: 'User',
          displayName: 'User',
          id: stableGuid('appRole:User', appId),
          isEnabled: true,
          origin: 'Application',
          value: null
        },
        {
          allowedMemberTypes: ['User'],
          description: 'msiam_access',
          displayName: 'msiam_access',
          id: stableGuid('appRole:msiam_access', appId),
          isEnabled: true,
          origin: 'Application',
          value: null
        }
      ],
      tags: GALLERY_APP_TAGS
    }
  ]
])

function record(body: unknown, what: string): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`The request body of ${what} must be a JSON object.`, 'BadRequest')
  }
  return body as Record<string, unknown>
}

function credentialsOf(v: unknown, what: string): Credential[] {
  if (!Array.isArray(v)) throw badRequest(`${what} must be an array of { key, value }.`, 'BadRequest')
  return v.map((c: unknown) => {
    const o = c as Partial<Credential> | null
    if (!o || typeof o !== 'object' || typeof o.key !== 'string' || !o.key) {
      throw badRequest(`${what} must be an array of { key, value }.`, 'BadRequest')
    }
    if (o.value !== undefined && o.value !== null && typeof o.value !== 'string') {
      throw badRequest(`The value of credential '${o.key}' must be a string.`, 'BadRequest')
    }
    return { key: o.key, value: o.value ?? '' }
  })
}

const credential = (creds: readonly Credential[], k: string): string | undefined =>
  creds.find((c) => c.key.toLowerCase() === k.toLowerCase())?.value

function defaultValidate(baseAddress: string, token: string): boolean {
  return /^https:\/\/[^/]+\/api\/2\.0\/preview\/scim\/?$/i.test(baseAddress) && token.length > 0
}

// ---------------------------------------------------------------------------------------------------------------
// The provisioning service

export function createProvisioning(
  host: ProvisioningHost,
  options: ProvisioningOptions = {}
): {
  /** Moves service principals whose delay has passed into the directory; graph.ts calls it on every request. */
  tick(): void
  instantiate(req: ProvisioningRequest, templateId: string): ProvisioningResponse
  /**
   * servicePrincipals/{id}[/…] requests other than reads of the entity: `tail` is the path after the id
   * ([] for PATCH of the entity); `resolve` finds the service principal (or throws Graph's 400/404).
   */
  route(req: ProvisioningRequest, tail: string[], resolve: () => ProvisioningSp): Promise<ProvisioningResponse>
  state: ProvisioningState
} {
  const validateScim: ValidateScim = options.validateScim ?? defaultValidate
  const apps = new Map<string, AppRec>()
  const pending = new Set<AppRec>()
  const jobs = new Map<string, JobRec[]>()
  const secrets = new Map<string, Credential[]>()
  const assignments = new Map<string, AppRoleAssignmentView[]>()
  const zero = (): ProvisioningCounters => ({
    instantiate: 0,
    patchServicePrincipal: 0,
    createJob: 0,
    deleteJob: 0,
    putSecrets: 0,
    start: 0,
    restart: 0,
    pause: 0,
    assign: 0,
    unassign: 0,
    validateCredentials: 0
  })
  const counters = zero()
  const tenantHex = host.tenantId.replace(/-/g, '').toLowerCase()

  function tick(): void {
    if (pending.size === 0) return
    const t = Date.now()
    for (const app of pending) if (app.visibleAt <= t) reveal(app)
  }

  function reveal(app: AppRec): void {
    if (!pending.delete(app)) return
    app.visible = true
    host.addServicePrincipal(app.sp)
  }

  function createApp(templateId: string, displayName: string, ownerAppId: string | undefined, delayMs: number): AppRec {
    const template = TEMPLATES.get(key(templateId))
    if (!template) throw notFound(templateId)
    const appId = randomUUID()
    const created = now()
    const sp: ProvisioningSp = {
      id: randomUUID(),
      appId,
      displayName,
      appRoles: template.appRoles(appId),
      tags: [...template.tags],
      applicationTemplateId: DATABRICKS_CONNECTOR_TEMPLATE_ID
    }
    const rec: AppRec = {
      application: { id: randomUUID(), appId, displayName },
      servicePrincipalId: sp.id,
      appId,
      displayName,
      templateId: key(templateId),
      ownerAppId,
      createdDateTime: created,
      visible: false,
      visibleAt: Date.now() + Math.max(0, delayMs),
      sp
    }
    apps.set(key(sp.id), rec)
    pending.add(rec)
    if (delayMs <= 0) reveal(rec)
    return rec
  }

  function findApp(ref: string): AppRec | undefined {
    const k = key(ref)
    const direct = apps.get(k)
    if (direct) return direct
    for (const a of apps.values()) if (key(a.appId) === k || key(a.application.id) === k) return a
    for (const a of apps.values()) if (key(a.displayName) === k) return a
    return undefined
  }

  /** A service principal key from a reference (an instantiated app's, else any directory object id). */
  function spKeyOf(ref: string): string {
    return key(findApp(ref)?.servicePrincipalId ?? ref)
  }

  // ---- permissions

  function allowed(req: ProvisioningRequest, list: readonly string[]): boolean {
    return list.some((r) => req.roles.has(r))
  }

  /** Checks `list`, or OwnedBy for an app the caller instantiated; resolves the service principal. */
  function authorize(req: ProvisioningRequest, list: readonly string[], resolve: () => ProvisioningSp): ProvisioningSp {
    if (allowed(req, list)) return resolve()
    if (!req.roles.has(OWNED_BY)) throw denied()
    const sp = resolve()
    const owner = apps.get(key(sp.id))?.ownerAppId
    if (!owner || !req.appId || key(owner) !== key(req.appId)) throw denied()
    return sp
  }

  // ---- instantiate

  function instantiate(req: ProvisioningRequest, templateId: string): ProvisioningResponse {
    if (req.method !== 'POST') throw methodNotAllowed(req.method)
    if (!allowed(req, roles.instantiate)) throw denied()
    const body = record(req.body, 'instantiate')
    const displayName = body.displayName
    if (typeof displayName !== 'string' || !displayName.trim()) {
      throw badRequest("The property 'displayName' is required.", 'BadRequest')
    }
    const rec = createApp(templateId, displayName, req.appId, state.spAppearDelayMs)
    counters.instantiate++
    return {
      status: 201,
      body: {
        '@odata.context': `${req.origin}/v1.0/$metadata#microsoft.graph.applicationServicePrincipal`,
        application: {
          id: rec.application.id,
          appId: rec.appId,
          applicationTemplateId: DATABRICKS_CONNECTOR_TEMPLATE_ID,
          createdDateTime: rec.createdDateTime,
          displayName: rec.displayName,
          identifierUris: [],
          signInAudience: 'AzureADMyOrg',
          tags: [...rec.sp.tags],
          appRoles: rec.sp.appRoles.map((r) => ({ ...r }))
        },
        servicePrincipal: host.serialize(rec.sp)
      }
    }
  }

  // ---- service principal PATCH

  const PATCHABLE: Record<string, (v: unknown) => boolean> = {
    tags: (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'),
    displayName: (v) => typeof v === 'string' && v.trim() !== '',
    accountEnabled: (v) => typeof v === 'boolean',
    appRoleAssignmentRequired: (v) => typeof v === 'boolean',
    notes: (v) => v === null || typeof v === 'string',
    description: (v) => v === null || typeof v === 'string',
    preferredSingleSignOnMode: (v) => v === null || typeof v === 'string'
  }

  function patchSp(req: ProvisioningRequest, resolve: () => ProvisioningSp): ProvisioningResponse {
    const sp = authorize(req, roles.patch, resolve)
    const body = record(req.body, 'PATCH servicePrincipal')
    const patch: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(body)) {
      const name = Object.keys(PATCHABLE).find((p) => p.toLowerCase() === k.toLowerCase())
      if (!name) {
        throw badRequest(`Property '${k}' does not exist as a declared property or extension property.`)
      }
      if (!(PATCHABLE[name] as (v: unknown) => boolean)(v)) {
        throw badRequest(`Invalid value specified for property '${name}' of resource 'ServicePrincipal'.`)
      }
      patch[name] = Array.isArray(v) ? [...(v as string[])] : v
    }
    host.patchServicePrincipal(sp.id, patch)
    const app = apps.get(key(sp.id))
    if (app) {
      if (typeof patch.displayName === 'string') app.displayName = patch.displayName
      if (Array.isArray(patch.tags)) app.sp.tags = [...(patch.tags as string[])]
    }
    counters.patchServicePrincipal++
    return { status: 204 }
  }

  // ---- appRoleAssignedTo

  function paged<T>(req: ProvisioningRequest, items: T[], path: string, context: string): ProvisioningResponse {
    const rawTop = req.query.get('top')
    let top = PAGE_DEFAULT
    if (rawTop !== undefined) {
      if (!/^\d+$/.test(rawTop.trim()) || Number(rawTop) < 1 || Number(rawTop) > PAGE_MAX) {
        throw badRequest(`Invalid page size specified: '${rawTop}'. Must be between 1 and ${PAGE_MAX} inclusive.`)
      }
      top = Number(rawTop)
    }
    let start = 0
    const skip = req.query.get('skiptoken')
    if (skip !== undefined) {
      const m = /^X'([0-9a-f]+)'$/i.exec(skip)
      if (!m) throw badRequest(`Invalid $skiptoken value: '${skip}'.`)
      start = parseInt(m[1] as string, 16)
    }
    const body: Record<string, unknown> = { '@odata.context': `${req.origin}/v1.0/$metadata#${context}` }
    if (start + top < items.length) {
      const token = `X'${(start + top).toString(16).padStart(8, '0')}'`
      body['@odata.nextLink'] = `${req.origin}/v1.0/${path}?$top=${top}&$skiptoken=${encodeURIComponent(token)}`
    }
    body.value = items.slice(start, start + top)
    return { status: 200, body }
  }

  function assignmentsRoute(
    req: ProvisioningRequest,
    rest: string[],
    resolve: () => ProvisioningSp
  ): ProvisioningResponse {
    const write = req.method !== 'GET'
    const sp = authorize(req, write ? roles.assignmentsWrite : roles.assignmentsRead, resolve)
    const list = assignments.get(key(sp.id)) ?? []
    const [assignmentId, extra] = rest
    if (extra !== undefined) throw badSegment(extra)
    if (assignmentId === undefined) {
      if (req.method === 'GET') {
        return paged(req, list, `servicePrincipals/${sp.id}/appRoleAssignedTo`, 'appRoleAssignments')
      }
      if (req.method !== 'POST') throw methodNotAllowed(req.method)
      return { status: 201, body: assign(req, sp) }
    }
    const a = list.find((x) => x.id === assignmentId)
    if (req.method === 'GET') {
      if (!a) throw notFound(assignmentId)
      return {
        status: 200,
        body: { '@odata.context': `${req.origin}/v1.0/$metadata#appRoleAssignments/$entity`, ...a }
      }
    }
    if (req.method !== 'DELETE') throw methodNotAllowed(req.method)
    if (!a) throw notFound(assignmentId)
    assignments.set(
      key(sp.id),
      list.filter((x) => x !== a)
    )
    counters.unassign++
    return { status: 204 }
  }

  function assign(req: ProvisioningRequest, sp: ProvisioningSp): Record<string, unknown> {
    const body = record(req.body, 'appRoleAssignment')
    const { principalId, resourceId, appRoleId } = body
    for (const [name, v] of [
      ['principalId', principalId],
      ['resourceId', resourceId],
      ['appRoleId', appRoleId]
    ] as const) {
      if (typeof v !== 'string' || !GUID.test(v)) {
        throw badRequest(`Invalid value specified for property '${name}' of resource 'AppRoleAssignment'.`)
      }
    }
    if (key(resourceId as string) !== key(sp.id)) {
      throw badRequest(
        `The resourceId '${resourceId as string}' does not match the service principal '${sp.id}' of the request URL.`
      )
    }
    const principal = host.principal(principalId as string)
    if (!principal) throw notFound(principalId as string)
    const role = sp.appRoles.find((r) => key(r.id) === key(appRoleId as string) && r.isEnabled)
    const defaultAccess = sp.appRoles.length === 0 && appRoleId === DEFAULT_ACCESS_ROLE_ID
    if (!role && !defaultAccess) {
      throw badRequest(`Permission being assigned was not found on application '${sp.appId}'.`)
    }
    const list = assignments.get(key(sp.id)) ?? []
    if (list.some((a) => key(a.principalId) === key(principal.id) && key(a.appRoleId) === key(appRoleId as string))) {
      throw badRequest('Permission being assigned already exists on the object')
    }
    const view: AppRoleAssignmentView = {
      id: randomBytes(32).toString('base64url').slice(0, 43),
      deletedDateTime: null,
      appRoleId: role?.id ?? DEFAULT_ACCESS_ROLE_ID,
      createdDateTime: new Date().toISOString(),
      principalDisplayName: principal.displayName,
      principalId: principal.id,
      principalType: principal.kind === 'group' ? 'Group' : principal.kind === 'user' ? 'User' : 'ServicePrincipal',
      resourceDisplayName: sp.displayName,
      resourceId: sp.id
    }
    list.push(view)
    assignments.set(key(sp.id), list)
    counters.assign++
    return { '@odata.context': `${req.origin}/v1.0/$metadata#appRoleAssignments/$entity`, ...view }
  }

  // ---- synchronization

  function jobView(j: JobRec): SyncJobView {
    return {
      id: j.id,
      templateId: j.templateId,
      schedule: { expiration: null, interval: 'PT40M', state: j.scheduleState },
      status: {
        code: j.code,
        countSuccessiveCompleteFailures: j.failures,
        escrowsPruned: false,
        lastExecution: j.lastExecution ? structuredClone(j.lastExecution) : null,
        lastSuccessfulExecution: j.lastSuccessfulExecution ? structuredClone(j.lastSuccessfulExecution) : null,
        lastSuccessfulExecutionWithExports: null,
        progress: [],
        quarantine: j.quarantine ? structuredClone(j.quarantine) : null,
        steadyStateFirstAchievedTime: j.steadyFirst,
        steadyStateLastAchievedTime: j.steadyLast,
        synchronizedEntryCountByType: [],
        troubleshootingUrl: null
      },
      synchronizationJobSettings: [
        { key: 'QuarantineTooManyDeletesThreshold', value: '500' },
        { key: 'Domain', value: '{"DomainFqdn":"","DomainNetBios":"","ForestFqdn":"","DomainDN":"","ForestDN":""}' }
      ]
    }
  }

  function execution(state: 'Succeeded' | 'Failed', error: SyncExecution['error']): SyncExecution {
    const t = now()
    return {
      activityIdentifier: randomUUID(),
      countEntitled: 0,
      countExported: 0,
      countImported: 0,
      state,
      timeBegan: t,
      timeEnded: t,
      error
    }
  }

  function quarantineJob(j: JobRec, reason: string, error: { code: string; message: string }): void {
    const t = now()
    const err = { code: error.code, message: error.message, tenantActionable: true }
    const series = j.quarantine
    j.code = 'Quarantine'
    j.scheduleState = 'Active'
    j.failures++
    j.quarantine = {
      currentBegan: t,
      nextAttempt: new Date(Date.now() + 24 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      reason,
      seriesBegan: series?.seriesBegan ?? t,
      seriesCount: (series?.seriesCount ?? 0) + 1,
      error: err
    }
    j.lastExecution = execution('Failed', err)
  }

  async function check(baseAddress: string, token: string): Promise<{ ok: boolean; status: number; message?: string }> {
    const r = await validateScim(baseAddress, token)
    if (typeof r === 'boolean') return { ok: r, status: r ? 200 : 401 }
    return { ok: r.ok, status: r.status ?? (r.ok ? 200 : 401), ...(r.message ? { message: r.message } : {}) }
  }

  const usersUrl = (baseAddress: string): string => `${baseAddress.replace(/\/+$/, '')}/v2/Users`

  function validationMessage(baseAddress: string, status: number, message?: string): string {
    if (message) return message
    if (status === 0) {
      return (
        `An error occurred while validating the credentials: ${VALIDATION_CODE}. We were unable to reach ` +
        `${baseAddress}: the remote name could not be resolved or the connection was refused. Please check the Tenant URL (BaseAddress).`
      )
    }
    const text = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error'
    return (
      `An error occurred while validating the credentials: ${VALIDATION_CODE}. While attempting to validate our ` +
      `authorization to access your application, we received this unexpected response: HTTP ${status} ${text} from ` +
      `GET ${usersUrl(baseAddress)}?filter=userName eq "${randomUUID()}". Please check the Secret Token: it must be ` +
      `a valid, unexpired personal access token of a workspace admin.`
    )
  }

  function quarantineError(baseAddress: string, status: number): { code: string; message: string } {
    return {
      code: QUARANTINE_CODE,
      message:
        status === 0
          ? `We are unable to reach the SCIM endpoint ${baseAddress}. Check the Tenant URL; the job stays in quarantine until the endpoint is reachable.`
          : `We are unable to authenticate with the SCIM endpoint: invalid credentials (HTTP ${status} from ${usersUrl(baseAddress)}). ` +
            'The token may have expired or been revoked: save a new Secret Token and restart the job.'
    }
  }

  /** Start/restart: Active when the saved secrets reach the endpoint, else quarantine. */
  async function run(j: JobRec): Promise<void> {
    const saved = secrets.get(j.spKey) ?? []
    const base = credential(saved, 'BaseAddress')
    const token = credential(saved, 'SecretToken')
    if (!base || !token) {
      throw badRequest(
        'The job cannot be started: its credentials are not configured. Save BaseAddress and SecretToken with ' +
          'PUT /servicePrincipals/{id}/synchronization/secrets first.',
        'BadRequest'
      )
    }
    const r = await check(base, token)
    if (!r.ok) {
      quarantineJob(j, 'EncounteredQuarantineException', quarantineError(base, r.status))
      return
    }
    const t = now()
    j.code = 'Active'
    j.scheduleState = 'Active'
    j.quarantine = null
    j.failures = 0
    j.lastExecution = execution('Succeeded', null)
    j.lastSuccessfulExecution = j.lastExecution
    if (j.steadyFirst === ZERO_TIME) j.steadyFirst = t
    j.steadyLast = t
  }

  /** An Active job whose saved token stopped working (PAT removed or expired) goes into quarantine when read. */
  async function recheck(j: JobRec): Promise<void> {
    if (j.code !== 'Active') return
    const saved = secrets.get(j.spKey) ?? []
    const base = credential(saved, 'BaseAddress')
    const token = credential(saved, 'SecretToken')
    if (!base || !token) return
    const r = await check(base, token)
    if (!r.ok) quarantineJob(j, 'EncounteredQuarantineException', quarantineError(base, r.status))
  }

  function jobsContext(req: ProvisioningRequest, sp: ProvisioningSp, entity: boolean): string {
    return `${req.origin}/v1.0/$metadata#servicePrincipals('${sp.id}')/synchronization/jobs${entity ? '/$entity' : ''}`
  }

  async function synchronizationRoute(
    req: ProvisioningRequest,
    rest: string[],
    resolve: () => ProvisioningSp
  ): Promise<ProvisioningResponse> {
    const [what, jobId, action, extra] = rest
    const whatLower = what?.toLowerCase()
    if (whatLower !== 'jobs' && whatLower !== 'secrets') throw badSegment(what ?? 'synchronization')
    const read = req.method === 'GET' && whatLower === 'jobs'
    const sp = authorize(req, read ? roles.syncRead : roles.syncWrite, resolve)
    const spKey = key(sp.id)
    const list = jobs.get(spKey) ?? []

    if (whatLower === 'secrets') {
      if (jobId !== undefined) throw badSegment(jobId)
      if (req.method === 'GET') {
        const saved = secrets.get(spKey) ?? []
        return {
          status: 200,
          body: {
            '@odata.context': `${req.origin}/v1.0/$metadata#servicePrincipals('${sp.id}')/synchronization/secrets`,
            value: saved.map((c) => (key(c.key) === 'secrettoken' ? { key: c.key } : { ...c }))
          }
        }
      }
      if (req.method !== 'PUT') throw methodNotAllowed(req.method)
      const creds = credentialsOf(record(req.body, 'secrets').value, 'value')
      secrets.set(spKey, creds)
      if (credential(creds, 'BaseAddress') && credential(creds, 'SecretToken')) {
        for (const j of list) if (j.code === 'NotConfigured') j.code = 'NotRun'
      }
      counters.putSecrets++
      return { status: 204 }
    }

    if (jobId === undefined) {
      if (req.method === 'GET') {
        for (const j of list) await recheck(j)
        return { status: 200, body: { '@odata.context': jobsContext(req, sp, false), value: list.map(jobView) } }
      }
      if (req.method !== 'POST') throw methodNotAllowed(req.method)
      const body = record(req.body, 'synchronizationJob')
      const templateId = body.templateId
      const template = TEMPLATES.get(key(apps.get(spKey)?.templateId ?? ''))
      if (typeof templateId !== 'string' || !template || template.syncTemplateId !== templateId) {
        throw badRequest(
          `The synchronization template '${String(templateId)}' was not found for application '${sp.appId}'.`,
          'BadRequest'
        )
      }
      if (list.some((j) => j.templateId === templateId)) {
        throw new ProvisioningError(
          409,
          'Conflict',
          `A synchronization job with template '${templateId}' already exists on this service principal.`
        )
      }
      const j: JobRec = {
        id: `${templateId}.${hex32()}.${tenantHex}`,
        templateId,
        spKey,
        code: credential(secrets.get(spKey) ?? [], 'SecretToken') ? 'NotRun' : 'NotConfigured',
        scheduleState: 'Disabled',
        quarantine: null,
        lastExecution: null,
        lastSuccessfulExecution: null,
        failures: 0,
        steadyFirst: ZERO_TIME,
        steadyLast: ZERO_TIME
      }
      list.push(j)
      jobs.set(spKey, list)
      counters.createJob++
      return { status: 201, body: { '@odata.context': jobsContext(req, sp, true), ...jobView(j) } }
    }

    const j = list.find((x) => x.id === jobId)
    if (extra !== undefined) throw badSegment(extra)
    if (action === undefined) {
      if (req.method === 'GET') {
        if (!j) throw notFound(jobId)
        await recheck(j)
        return { status: 200, body: { '@odata.context': jobsContext(req, sp, true), ...jobView(j) } }
      }
      if (req.method !== 'DELETE') throw methodNotAllowed(req.method)
      if (!j) throw notFound(jobId)
      jobs.set(
        spKey,
        list.filter((x) => x !== j)
      )
      counters.deleteJob++
      return { status: 204 }
    }
    if (req.method !== 'POST') throw methodNotAllowed(req.method)
    if (!j) throw notFound(jobId)
    switch (action.toLowerCase()) {
      case 'validatecredentials': {
        const body = record(req.body, 'validateCredentials')
        let creds = credentialsOf(body.credentials ?? [], 'credentials')
        if (body.useSavedCredentials === true) creds = [...creds, ...(secrets.get(spKey) ?? [])]
        const base = credential(creds, 'BaseAddress')
        const token = credential(creds, 'SecretToken')
        if (!base || !token) {
          throw badRequest(
            'An error occurred while validating the credentials: the credentials BaseAddress and SecretToken are required.',
            'BadRequest'
          )
        }
        counters.validateCredentials++
        const r = await check(base, token)
        if (!r.ok) throw badRequest(validationMessage(base, r.status, r.message), 'BadRequest')
        return { status: 204 }
      }
      case 'start':
        await run(j)
        counters.start++
        return { status: 204 }
      case 'restart': {
        const body = req.body === undefined ? {} : record(req.body, 'restart')
        const criteria = body.criteria as { resetScope?: unknown } | undefined
        if (criteria !== undefined && (typeof criteria !== 'object' || criteria === null)) {
          throw badRequest("The property 'criteria' must be an object.", 'BadRequest')
        }
        await run(j)
        counters.restart++
        return { status: 204 }
      }
      case 'pause':
        j.code = 'Paused'
        j.scheduleState = 'Paused'
        counters.pause++
        return { status: 204 }
      default:
        throw badSegment(action)
    }
  }

  async function route(
    req: ProvisioningRequest,
    tail: string[],
    resolve: () => ProvisioningSp
  ): Promise<ProvisioningResponse> {
    const [nav, ...rest] = tail
    if (nav === undefined) {
      if (req.method === 'PATCH') return patchSp(req, resolve)
      throw methodNotAllowed(req.method)
    }
    const navLower = nav.toLowerCase()
    if (navLower === 'approleassignedto') return assignmentsRoute(req, rest, resolve)
    if (navLower === 'synchronization') return synchronizationRoute(req, rest, resolve)
    throw badSegment(nav)
  }

  // ---- state

  const appView = (a: AppRec): ProvisionedApp => ({
    application: { ...a.application },
    servicePrincipalId: a.servicePrincipalId,
    appId: a.appId,
    displayName: a.displayName,
    templateId: a.templateId,
    ownerAppId: a.ownerAppId,
    createdDateTime: a.createdDateTime,
    visible: a.visible,
    visibleAt: a.visibleAt
  })
  const jobWithSp = (j: JobRec): SyncJobView & { servicePrincipalId: string } => ({
    ...jobView(j),
    servicePrincipalId: apps.get(j.spKey)?.servicePrincipalId ?? host.servicePrincipal(j.spKey)?.id ?? j.spKey
  })
  function findJob(ref: string): JobRec | undefined {
    for (const list of jobs.values()) {
      const j = list.find((x) => x.id === ref)
      if (j) return j
    }
    return jobs.get(spKeyOf(ref))?.[0]
  }

  const state: ProvisioningState = {
    spAppearDelayMs: options.spAppearDelayMs ?? 1500,
    appearNow(spRef) {
      if (spRef === undefined) for (const a of [...pending]) reveal(a)
      else {
        const a = findApp(spRef)
        if (!a) throw new Error(`graph emulator: no instantiated app '${spRef}'`)
        reveal(a)
      }
    },
    createApp(displayName, opts = {}) {
      const rec = createApp(
        DATABRICKS_CONNECTOR_TEMPLATE_ID,
        displayName,
        opts.ownerAppId,
        opts.delayed ? state.spAppearDelayMs : 0
      )
      return appView(rec)
    },
    apps() {
      tick()
      return [...apps.values()].map(appView)
    },
    app(spRef) {
      tick()
      const a = findApp(spRef)
      return a && appView(a)
    },
    jobs(spRef) {
      const all = spRef === undefined ? [...jobs.values()].flat() : (jobs.get(spKeyOf(spRef)) ?? [])
      return all.map(jobWithSp)
    },
    job(jobRef) {
      const j = findJob(jobRef)
      return j && jobWithSp(j)
    },
    secrets(spRef) {
      const s = secrets.get(spKeyOf(spRef))
      return s && s.map((c) => ({ ...c }))
    },
    assignments(spRef) {
      const all = spRef === undefined ? [...assignments.values()].flat() : (assignments.get(spKeyOf(spRef)) ?? [])
      return all.map((a) => ({ ...a }))
    },
    quarantine(jobRef, reason = 'EncounteredQuarantineException', error) {
      const j = findJob(jobRef)
      if (!j) throw new Error(`graph emulator: no synchronization job '${jobRef}'`)
      const base = credential(secrets.get(j.spKey) ?? [], 'BaseAddress') ?? 'the SCIM endpoint'
      quarantineJob(j, reason, error ?? quarantineError(base, 401))
      return jobView(j)
    },
    counters,
    writes: () =>
      Object.entries(counters).reduce((n, [k, v]) => (k === 'validateCredentials' ? n : n + (v as number)), 0),
    resetCounters: () => void Object.assign(counters, zero())
  }

  return { tick, instantiate, route, state }
}
