// The provisioning state (apps, pending SPs, jobs, secrets, assignments, counters), its records and body parsing.
import { randomBytes } from 'node:crypto'
import { stableGuid } from '../../fixture.js'
import { GraphHttpError } from '../errors.js'
import type { GraphAppRole } from '../model.js'
import {
  DATABRICKS_CONNECTOR_TEMPLATE_ID,
  DATABRICKS_SYNC_TEMPLATE_ID,
  GALLERY_APP_TAGS,
  type AppRoleAssignmentView,
  type Credential,
  type ProvisionedApp,
  type ProvisioningCounters,
  type ProvisioningHost,
  type ProvisioningOptions,
  type ProvisioningSp,
  type SyncExecution,
  type SyncJobView,
  type SyncQuarantine,
  type ValidateScim
} from './api.js'

export interface AppRec extends ProvisionedApp {
  sp: ProvisioningSp
}

export interface JobRec {
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
  /** When the cycle in progress began (connector clock, ms). */
  cycleBegan: number
  /**
   * When the cycle in progress (or, in quarantine, the next retry) ends and its outcome is recorded; null while the
   * schedule is not Active. Cycles run in the background: nothing a request does ends one (see cycles.ts).
   */
  cycleEndsAt: number | null
  /** What was left of the cycle when the job was paused: start continues it. */
  pausedLeftMs: number | null
}

export const ZERO_TIME = '0001-01-01T00:00:00Z'

/**
 * How long a job's initial cycle runs unless set otherwise: the low end of Entra's "an initial cycle can take anywhere
 * from 20 minutes to several hours", so a test run (and a re-run of provision-app) sees it still running.
 */
export const FIRST_CYCLE_MS = 20 * 60_000

/** A connector clock time as Graph writes it (seconds, UTC). */
export const isoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')
export const now = (): string => isoTime(Date.now())
export const hex32 = (): string => randomBytes(16).toString('hex')

export const badRequest = (message: string, code = 'Request_BadRequest'): GraphHttpError =>
  new GraphHttpError(400, code, message)

interface Template {
  displayName: string
  syncTemplateId: string
  appRoles(appId: string): GraphAppRole[]
  tags: readonly string[]
}

export const TEMPLATES = new Map<string, Template>([
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

export function record(body: unknown, what: string): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`The request body of ${what} must be a JSON object.`, 'BadRequest')
  }
  return body as Record<string, unknown>
}

export function credentialsOf(v: unknown, what: string): Credential[] {
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

export const credential = (creds: readonly Credential[], k: string): string | undefined =>
  creds.find((c) => c.key.toLowerCase() === k.toLowerCase())?.value

function defaultValidate(baseAddress: string, token: string): boolean {
  return /^https:\/\/[^/]+\/api\/2\.0\/preview\/scim\/?$/i.test(baseAddress) && token.length > 0
}

/** The shared state of the provisioning APIs (keys: lower-cased service principal object ids). */
export interface ProvisioningStore {
  readonly host: ProvisioningHost
  readonly validateScim: ValidateScim
  readonly apps: Map<string, AppRec>
  /** Apps whose service principal is not yet in the directory. */
  readonly pending: Set<AppRec>
  readonly jobs: Map<string, JobRec[]>
  readonly secrets: Map<string, Credential[]>
  readonly assignments: Map<string, AppRoleAssignmentView[]>
  readonly counters: ProvisioningCounters
  /** The tenant id without dashes: the last part of a job id. */
  readonly tenantHex: string
  /** The connector's clock runs `offsetMs` ahead of the wall clock: tests move it on to end cycles. */
  readonly clock: { offsetMs: number }
  /** How long a job's initial cycle runs (`emu.graph.provisioning.firstCycleMs`). */
  readonly cycles: { firstMs: number }
}

/** The connector's clock, in ms. */
export const clockMs = (store: ProvisioningStore): number => Date.now() + store.clock.offsetMs

export const zeroCounters = (): ProvisioningCounters => ({
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

export function createStore(host: ProvisioningHost, options: ProvisioningOptions): ProvisioningStore {
  return {
    host,
    validateScim: options.validateScim ?? defaultValidate,
    apps: new Map(),
    pending: new Set(),
    jobs: new Map(),
    secrets: new Map(),
    assignments: new Map(),
    counters: zeroCounters(),
    tenantHex: host.tenantId.replace(/-/g, '').toLowerCase(),
    clock: { offsetMs: 0 },
    cycles: { firstMs: options.firstCycleMs ?? FIRST_CYCLE_MS }
  }
}
