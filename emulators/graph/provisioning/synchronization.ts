// The synchronization API: jobs, secrets, validateCredentials, and start/restart/pause (the job's life and its
// background cycles are in cycles.ts).
import { randomUUID } from 'node:crypto'
import { badSegment, GraphHttpError, methodNotAllowed, notFound } from '../errors.js'
import { key } from '../ids.js'
import type { ProvisioningRequest, ProvisioningResponse, ProvisioningSp, SyncJobView } from './api.js'
import { check, pauseJob, restartJob, runDueCycles, startJob, usersUrl } from './cycles.js'
import { authorize, PROVISIONING_ROLES as roles } from './permissions.js'
import {
  badRequest,
  clockMs,
  credential,
  credentialsOf,
  hex32,
  record,
  TEMPLATES,
  ZERO_TIME,
  type JobRec,
  type ProvisioningStore
} from './store.js'

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
  // Cycles run in the background: whatever ended since the last request is recorded before this one is answered.
  await runDueCycles(store, list)

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
      steadyLast: ZERO_TIME,
      cycleBegan: clockMs(store),
      cycleEndsAt: null,
      pausedLeftMs: null
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
      startJob(store, j)
      store.counters.start++
      return { status: 204 }
    case 'restart': {
      const body = req.body === undefined ? {} : record(req.body, 'restart')
      const criteria = body.criteria as { resetScope?: unknown } | undefined
      if (criteria !== undefined && (typeof criteria !== 'object' || criteria === null)) {
        throw badRequest("The property 'criteria' must be an object.", 'BadRequest')
      }
      restartJob(store, j)
      store.counters.restart++
      return { status: 204 }
    }
    case 'pause':
      pauseJob(store, j)
      store.counters.pause++
      return { status: 204 }
    default:
      throw badSegment(action)
  }
}
