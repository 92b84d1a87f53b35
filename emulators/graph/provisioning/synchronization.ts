// The synchronization API: jobs, secrets, validateCredentials, start/restart/pause, Active vs quarantine.
import { randomUUID } from 'node:crypto'
import { badSegment, GraphHttpError, methodNotAllowed, notFound } from '../errors.js'
import { key } from '../ids.js'
import type { ProvisioningRequest, ProvisioningResponse, ProvisioningSp, SyncExecution, SyncJobView } from './api.js'
import { authorize, PROVISIONING_ROLES as roles } from './permissions.js'
import {
  badRequest,
  credential,
  credentialsOf,
  hex32,
  now,
  record,
  TEMPLATES,
  ZERO_TIME,
  type JobRec,
  type ProvisioningStore
} from './store.js'

const QUARANTINE_CODE = 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable'
const VALIDATION_CODE = 'SystemForCrossDomainIdentityManagementCredentialValidationFailure'

export function jobView(j: JobRec): SyncJobView {
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

export function quarantineJob(j: JobRec, reason: string, error: { code: string; message: string }): void {
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

async function check(
  store: ProvisioningStore,
  baseAddress: string,
  token: string
): Promise<{ ok: boolean; status: number; message?: string }> {
  const r = await store.validateScim(baseAddress, token)
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

export function quarantineError(baseAddress: string, status: number): { code: string; message: string } {
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
async function run(store: ProvisioningStore, j: JobRec): Promise<void> {
  const saved = store.secrets.get(j.spKey) ?? []
  const base = credential(saved, 'BaseAddress')
  const token = credential(saved, 'SecretToken')
  if (!base || !token) {
    throw badRequest(
      'The job cannot be started: its credentials are not configured. Save BaseAddress and SecretToken with ' +
        'PUT /servicePrincipals/{id}/synchronization/secrets first.',
      'BadRequest'
    )
  }
  const r = await check(store, base, token)
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
async function recheck(store: ProvisioningStore, j: JobRec): Promise<void> {
  if (j.code !== 'Active') return
  const saved = store.secrets.get(j.spKey) ?? []
  const base = credential(saved, 'BaseAddress')
  const token = credential(saved, 'SecretToken')
  if (!base || !token) return
  const r = await check(store, base, token)
  if (!r.ok) quarantineJob(j, 'EncounteredQuarantineException', quarantineError(base, r.status))
}

function jobsContext(req: ProvisioningRequest, sp: ProvisioningSp, entity: boolean): string {
  return `${req.origin}/v1.0/$metadata#servicePrincipals('${sp.id}')/synchronization/jobs${entity ? '/$entity' : ''}`
}

export async function synchronizationRoute(
  store: ProvisioningStore,
  req: ProvisioningRequest,
  rest: string[],
  resolve: () => ProvisioningSp
): Promise<ProvisioningResponse> {
  const [what, jobId, action, extra] = rest
  const whatLower = what?.toLowerCase()
  if (whatLower !== 'jobs' && whatLower !== 'secrets') throw badSegment(what ?? 'synchronization')
  const read = req.method === 'GET' && whatLower === 'jobs'
  const sp = authorize(store, req, read ? roles.syncRead : roles.syncWrite, resolve)
  const spKey = key(sp.id)
  const list = store.jobs.get(spKey) ?? []

  if (whatLower === 'secrets') {
    if (jobId !== undefined) throw badSegment(jobId)
    if (req.method === 'GET') {
      const saved = store.secrets.get(spKey) ?? []
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
    store.secrets.set(spKey, creds)
    if (credential(creds, 'BaseAddress') && credential(creds, 'SecretToken')) {
      for (const j of list) if (j.code === 'NotConfigured') j.code = 'NotRun'
    }
    store.counters.putSecrets++
    return { status: 204 }
  }

  if (jobId === undefined) {
    if (req.method === 'GET') {
      for (const j of list) await recheck(store, j)
      return { status: 200, body: { '@odata.context': jobsContext(req, sp, false), value: list.map(jobView) } }
    }
    if (req.method !== 'POST') throw methodNotAllowed(req.method)
    const body = record(req.body, 'synchronizationJob')
    const templateId = body.templateId
    const template = TEMPLATES.get(key(store.apps.get(spKey)?.templateId ?? ''))
    if (typeof templateId !== 'string' || !template || template.syncTemplateId !== templateId) {
      throw badRequest(
        `The synchronization template '${String(templateId)}' was not found for application '${sp.appId}'.`,
        'BadRequest'
      )
    }
    if (list.some((j) => j.templateId === templateId)) {
      throw new GraphHttpError(
        409,
        'Conflict',
        `A synchronization job with template '${templateId}' already exists on this service principal.`
      )
    }
    const j: JobRec = {
      id: `${templateId}.${hex32()}.${store.tenantHex}`,
      templateId,
      spKey,
      code: credential(store.secrets.get(spKey) ?? [], 'SecretToken') ? 'NotRun' : 'NotConfigured',
      scheduleState: 'Disabled',
      quarantine: null,
      lastExecution: null,
      lastSuccessfulExecution: null,
      failures: 0,
      steadyFirst: ZERO_TIME,
      steadyLast: ZERO_TIME
    }
    list.push(j)
    store.jobs.set(spKey, list)
    store.counters.createJob++
    return { status: 201, body: { '@odata.context': jobsContext(req, sp, true), ...jobView(j) } }
  }

  const j = list.find((x) => x.id === jobId)
  if (extra !== undefined) throw badSegment(extra)
  if (action === undefined) {
    if (req.method === 'GET') {
      if (!j) throw notFound(jobId)
      await recheck(store, j)
      return { status: 200, body: { '@odata.context': jobsContext(req, sp, true), ...jobView(j) } }
    }
    if (req.method !== 'DELETE') throw methodNotAllowed(req.method)
    if (!j) throw notFound(jobId)
    store.jobs.set(
      spKey,
      list.filter((x) => x !== j)
    )
    store.counters.deleteJob++
    return { status: 204 }
  }
  if (req.method !== 'POST') throw methodNotAllowed(req.method)
  if (!j) throw notFound(jobId)
  switch (action.toLowerCase()) {
    case 'validatecredentials': {
      const body = record(req.body, 'validateCredentials')
      let creds = credentialsOf(body.credentials ?? [], 'credentials')
      if (body.useSavedCredentials === true) creds = [...creds, ...(store.secrets.get(spKey) ?? [])]
      const base = credential(creds, 'BaseAddress')
      const token = credential(creds, 'SecretToken')
      if (!base || !token) {
        throw badRequest(
          'An error occurred while validating the credentials: the credentials BaseAddress and SecretToken are required.',
          'BadRequest'
        )
      }
      store.counters.validateCredentials++
      const r = await check(store, base, token)
      if (!r.ok) throw badRequest(validationMessage(base, r.status, r.message), 'BadRequest')
      return { status: 204 }
    }
    case 'start':
      await run(store, j)
      store.counters.start++
      return { status: 204 }
    case 'restart': {
      const body = req.body === undefined ? {} : record(req.body, 'restart')
      const criteria = body.criteria as { resetScope?: unknown } | undefined
      if (criteria !== undefined && (typeof criteria !== 'object' || criteria === null)) {
        throw badRequest("The property 'criteria' must be an object.", 'BadRequest')
      }
      await run(store, j)
      store.counters.restart++
      return { status: 204 }
    }
    case 'pause':
      j.code = 'Paused'
      j.scheduleState = 'Paused'
      store.counters.pause++
      return { status: 204 }
    default:
      throw badSegment(action)
  }
}
