// The Graph emulator's provisioning APIs (graph-provisioning.ts): the Azure Databricks SCIM Provisioning Connector
// instantiated from its gallery template, its synchronization job, secrets, credential checks, start/quarantine and
// group assignments. Driven directly through the handler with a fake token service, then over HTTPS with the real
// Graph client against startEmulators, where the connector reaches the emulated workspaces with their PATs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { ClientSecretCredential } from '@azure/identity'
import { GraphError } from '@microsoft/microsoft-graph-client'
import { join } from 'node:path'
import { normalizeFixture, stableGuid, type TenantFixture } from '../emulators/fixture.js'
import { createGraph, type GraphState } from '../emulators/graph.js'
import { DATABRICKS_CONNECTOR_TEMPLATE_ID, GALLERY_APP_TAGS, type ScimCheck } from '../emulators/graph-provisioning.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { redactBody, REDACTED } from '../emulators/server.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'
import type { AccessTokenClaims, EmulatorRequest, EmulatorResponse, Handler, TokenService } from '../emulators/types.js'
import { createGraphClient } from '../src/sources/entra/graph.js'

const ORIGIN = 'https://127.0.0.1:1'
const WRITER = ['Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'Synchronization.ReadWrite.All']
const TOKEN_ROLES: Record<string, string[]> = {
  admin: WRITER,
  reader: ['Application.Read.All', 'GroupMember.Read.All'],
  apps: ['Application.ReadWrite.All'],
  owned: ['Application.ReadWrite.OwnedBy'],
  other: ['Application.ReadWrite.OwnedBy'],
  sync: ['Synchronization.ReadWrite.All'],
  syncRead: ['Synchronization.Read.All']
}

const fakeTokens: TokenService = {
  async verifyBearer(authorization) {
    const token = authorization?.replace(/^Bearer\s+/i, '')
    const roles = token ? TOKEN_ROLES[token] : undefined
    if (!token || !roles) return { ok: false, reason: 'invalid token' }
    const claims: AccessTokenClaims = {
      aud: 'https://graph.microsoft.com',
      iss: 'https://sts.windows.net/t/',
      tid: 't',
      appid: `app-${token}`,
      azp: `app-${token}`,
      oid: 'oid',
      sub: 'oid',
      roles,
      exp: 0,
      iat: 0
    }
    return { ok: true, claims }
  }
}

const TENANT = '11111111-2222-3333-4444-555555555555'
const WS_BASE = 'https://adb-1234.azuredatabricks.net/api/2.0/preview/scim'
const GOOD_PAT = 'dapi-good-0123456789abcdef'

function tenant(): TenantFixture {
  return normalizeFixture({
    tenantId: TENANT,
    users: [{ userPrincipalName: 'alice@contoso.com', displayName: 'Alice Smith' }],
    servicePrincipals: [{ displayName: 'deploy-bot', appId: '6f1c9d2e-0a3b-4c5d-8e7f-9a0b1c2d3e4f' }],
    groups: [
      { displayName: 'Data Engineers', members: ['alice@contoso.com'] },
      { displayName: 'Analysts', members: [] }
    ]
  })
}

const DE = stableGuid('group', 'Data Engineers')
const ANALYSTS = stableGuid('group', 'Analysts')

let handler: Handler
let state: GraphState
/** PATs the fake workspace accepts. */
let pats: Set<string>

beforeEach(() => {
  pats = new Set([GOOD_PAT])
  ;({ handler, state } = createGraph(tenant(), fakeTokens, {
    spAppearDelayMs: 0,
    validateScim: (base, token): ScimCheck =>
      base.replace(/\/+$/, '') === WS_BASE ? pats.has(token) : { ok: false, status: 0 }
  }))
})

interface Opts {
  token?: string
  method?: string
  body?: unknown
}

async function call(path: string, opts: Opts = {}): Promise<EmulatorResponse> {
  const req: EmulatorRequest = {
    method: opts.method ?? 'GET',
    url: new URL(`${ORIGIN}/v1.0${path}`),
    headers: { authorization: `Bearer ${opts.token ?? 'admin'}` },
    body: opts.body,
    rawBody: opts.body === undefined ? '' : JSON.stringify(opts.body)
  }
  return handler(req)
}

type Json = Record<string, unknown>

async function ok<T = Json>(path: string, opts: Opts = {}): Promise<T> {
  const res = await call(path, opts)
  if (res.status < 200 || res.status > 299) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as T
}

function errorOf(res: EmulatorResponse): { code: string; message: string } {
  return (res.body as { error: { code: string; message: string } }).error
}

interface Instantiated {
  application: { id: string; appId: string; displayName: string }
  servicePrincipal: { id: string; appId: string; displayName: string; appRoles: Array<Json>; tags: string[] }
}

const instantiate = (displayName: string, token = 'admin'): Promise<Instantiated> =>
  ok<Instantiated>(`/applicationTemplates/${DATABRICKS_CONNECTOR_TEMPLATE_ID}/instantiate`, {
    method: 'POST',
    body: { displayName },
    token
  })

const creds = (base: string, token: string) => [
  { key: 'BaseAddress', value: base },
  { key: 'SecretToken', value: token }
]

interface Job {
  id: string
  templateId: string
  schedule: { interval: string; state: string }
  status: {
    code: string
    quarantine: { reason: string; error: { code: string; message: string } } | null
    lastExecution?: { state: string } | null
  }
}

/** An instantiated connector with a job; returns ids. */
async function connector(name = 'dbx-prod-scim'): Promise<{ sp: string; appId: string; job: string }> {
  const app = await instantiate(name)
  const job = await ok<Job>(`/servicePrincipals/${app.servicePrincipal.id}/synchronization/jobs`, {
    method: 'POST',
    body: { templateId: 'dataBricks' }
  })
  return { sp: app.servicePrincipal.id, appId: app.application.appId, job: job.id }
}

/** Saves BaseAddress and SecretToken `token` as the connector's secrets. */
const saveCreds = (sp: string, token: string) =>
  ok(`/servicePrincipals/${sp}/synchronization/secrets`, { method: 'PUT', body: { value: creds(WS_BASE, token) } })

/** A connector whose job was started with the workspace's good PAT; its first cycle runs. */
async function startedConnector(): Promise<{ sp: string; job: string; jobPath: string }> {
  const { sp, job } = await connector()
  const jobPath = `/servicePrincipals/${sp}/synchronization/jobs/${job}`
  await saveCreds(sp, GOOD_PAT)
  await ok(`${jobPath}/start`, { method: 'POST' })
  return { sp, job, jobPath }
}

describe('instantiate', () => {
  it('creates an application and a service principal with the connector app roles and tags', async () => {
    const res = await call(`/applicationTemplates/${DATABRICKS_CONNECTOR_TEMPLATE_ID}/instantiate`, {
      method: 'POST',
      body: { displayName: 'dbx-prod-scim' }
    })
    expect(res.status).toBe(201)
    const body = res.body as Instantiated
    expect(body.application).toMatchObject({ displayName: 'dbx-prod-scim' })
    expect(body.application.id).not.toBe(body.servicePrincipal.id)
    expect(body.servicePrincipal).toMatchObject({
      appId: body.application.appId,
      displayName: 'dbx-prod-scim',
      servicePrincipalType: 'Application',
      tags: [...GALLERY_APP_TAGS],
      applicationTemplateId: DATABRICKS_CONNECTOR_TEMPLATE_ID
    })
    const user = body.servicePrincipal.appRoles.find((r) => r.displayName === 'User')
    expect(user).toMatchObject({ value: null, isEnabled: true, allowedMemberTypes: ['User'] })
    expect(user?.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.servicePrincipal.appRoles.map((r) => r.displayName)).toContain('msiam_access')
    expect(state.provisioning.counters.instantiate).toBe(1)
    expect(state.provisioning.writes()).toBe(1)
  })

  it('the service principal appears to GET and $filter only after the delay', async () => {
    state.provisioning.spAppearDelayMs = 150
    const app = await instantiate('dbx-delayed')
    const id = app.servicePrincipal.id
    const early = await call(`/servicePrincipals/${id}`)
    expect(early.status).toBe(404)
    expect(errorOf(early).code).toBe('Request_ResourceNotFound')
    const filter = `/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'dbx-delayed'")}`
    expect((await ok<{ value: Json[] }>(filter)).value).toEqual([])
    expect((await call(`/servicePrincipals/${id}/synchronization/jobs`)).status).toBe(404)
    expect(state.provisioning.app(id)).toMatchObject({ visible: false, displayName: 'dbx-delayed' })
    expect(state.servicePrincipal(id)).toBeUndefined()

    await new Promise((r) => setTimeout(r, 200))
    const sp = await ok<Json>(`/servicePrincipals/${id}?$select=id,appRoles,tags`)
    expect(
      Object.keys(sp)
        .filter((k) => !k.startsWith('@'))
        .sort()
    ).toEqual(['appRoles', 'id', 'tags'])
    expect(sp.tags).toEqual([...GALLERY_APP_TAGS])
    const found = await ok<{ value: Array<{ id: string; appRoles: Json[] }> }>(`${filter}&$select=id,appRoles`)
    expect(found.value.map((s) => s.id)).toEqual([id])
    expect(found.value[0]?.appRoles.length).toBe(2)
    expect(state.provisioning.app(id)?.visible).toBe(true)
  })

  it('appearNow reveals pending service principals; the same name twice makes two apps', async () => {
    state.provisioning.spAppearDelayMs = 60_000
    const a = await instantiate('dbx-twice')
    const b = await instantiate('dbx-twice')
    expect(a.servicePrincipal.id).not.toBe(b.servicePrincipal.id)
    expect(a.application.appId).not.toBe(b.application.appId)
    state.provisioning.appearNow()
    const list = await ok<{ value: Array<{ id: string }> }>(
      `/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'dbx-twice'")}&$select=id`
    )
    expect(list.value.map((s) => s.id).sort()).toEqual([a.servicePrincipal.id, b.servicePrincipal.id].sort())
    // Per-app role ids: a client must look the User role up.
    const roleId = (x: Instantiated) => x.servicePrincipal.appRoles.find((r) => r.displayName === 'User')?.id
    expect(roleId(a)).not.toBe(roleId(b))
  })

  it('rejects an unknown template (404), a missing displayName (400) and a caller without write permission (403)', async () => {
    const unknown = await call(`/applicationTemplates/${stableGuid('x', 'y')}/instantiate`, {
      method: 'POST',
      body: { displayName: 'x' }
    })
    expect(unknown.status).toBe(404)
    expect(errorOf(unknown).code).toBe('Request_ResourceNotFound')
    const noName = await call(`/applicationTemplates/${DATABRICKS_CONNECTOR_TEMPLATE_ID}/instantiate`, {
      method: 'POST',
      body: {}
    })
    expect(noName.status).toBe(400)
    const denied = await call(`/applicationTemplates/${DATABRICKS_CONNECTOR_TEMPLATE_ID}/instantiate`, {
      method: 'POST',
      body: { displayName: 'x' },
      token: 'reader'
    })
    expect(denied.status).toBe(403)
    expect(errorOf(denied).code).toBe('Authorization_RequestDenied')
    expect(state.provisioning.apps()).toEqual([])
  })

  it('PATCH tags (204) needs Application.ReadWrite.All', async () => {
    const { sp } = await connector()
    const tags = [...GALLERY_APP_TAGS, 'HideApp']
    expect((await call(`/servicePrincipals/${sp}`, { method: 'PATCH', body: { tags }, token: 'reader' })).status).toBe(
      403
    )
    const res = await call(`/servicePrincipals/${sp}`, { method: 'PATCH', body: { tags } })
    expect(res.status).toBe(204)
    expect(res.body).toBeUndefined()
    expect((await ok<Json>(`/servicePrincipals/${sp}?$select=tags`)).tags).toEqual(tags)
    expect(state.servicePrincipal(sp)?.tags).toEqual(tags)
    const bad = await call(`/servicePrincipals/${sp}`, { method: 'PATCH', body: { colour: 'red' } })
    expect(bad.status).toBe(400)
    expect(state.provisioning.counters.patchServicePrincipal).toBe(1)
  })
})

describe('synchronization jobs', () => {
  it('creates, lists and gets the dataBricks job', async () => {
    const app = await instantiate('dbx-prod-scim')
    const sp = app.servicePrincipal.id
    expect((await ok<{ value: Job[] }>(`/servicePrincipals/${sp}/synchronization/jobs`)).value).toEqual([])
    const res = await call(`/servicePrincipals/${sp}/synchronization/jobs`, {
      method: 'POST',
      body: { templateId: 'dataBricks' }
    })
    expect(res.status).toBe(201)
    const job = res.body as Job
    expect(job.id).toMatch(new RegExp(`^dataBricks\\.[0-9a-f]{32}\\.${TENANT.replace(/-/g, '')}$`))
    expect(job).toMatchObject({
      templateId: 'dataBricks',
      schedule: { interval: 'PT40M', state: 'Disabled' },
      status: { code: 'NotConfigured', quarantine: null }
    })
    const list = await ok<{ value: Job[] }>(`/servicePrincipals/${sp}/synchronization/jobs`)
    expect(list.value.map((j) => j.id)).toEqual([job.id])
    expect(await ok<Job>(`/servicePrincipals/${sp}/synchronization/jobs/${job.id}`)).toMatchObject({ id: job.id })
    expect((await call(`/servicePrincipals/${sp}/synchronization/jobs/dataBricks.nope`)).status).toBe(404)
    const again = await call(`/servicePrincipals/${sp}/synchronization/jobs`, {
      method: 'POST',
      body: { templateId: 'dataBricks' }
    })
    expect(again.status).toBe(409)
    const wrong = await call(`/servicePrincipals/${sp}/synchronization/jobs`, {
      method: 'POST',
      body: { templateId: 'aws' }
    })
    expect(wrong.status).toBe(400)
    expect(state.provisioning.jobs(sp).map((j) => j.id)).toEqual([job.id])
    expect(state.provisioning.job(sp)?.servicePrincipalId).toBe(sp)
  })

  it('validateCredentials: 204 for a workspace PAT, 400 with a Graph message otherwise', async () => {
    const { sp, job } = await connector()
    const path = `/servicePrincipals/${sp}/synchronization/jobs/${job}/validateCredentials`
    const good = await call(path, { method: 'POST', body: { credentials: creds(WS_BASE, GOOD_PAT) } })
    expect(good.status).toBe(204)
    const bad = await call(path, { method: 'POST', body: { credentials: creds(WS_BASE, 'dapi-wrong') } })
    expect(bad.status).toBe(400)
    expect(errorOf(bad).code).toBe('BadRequest')
    expect(errorOf(bad).message).toMatch(
      /^An error occurred while validating the credentials: .*HTTP 401 Unauthorized from GET https:\/\/adb-1234\.azuredatabricks\.net\/api\/2\.0\/preview\/scim\/v2\/Users.*Please check the Secret Token/
    )
    const unreachable = await call(path, {
      method: 'POST',
      body: { credentials: creds('https://nowhere.example/api/2.0/preview/scim', GOOD_PAT) }
    })
    expect(errorOf(unreachable).message).toMatch(/unable to reach https:\/\/nowhere\.example.*Tenant URL/)
    const missing = await call(path, {
      method: 'POST',
      body: { credentials: [{ key: 'BaseAddress', value: WS_BASE }] }
    })
    expect(missing.status).toBe(400)
    expect(state.provisioning.counters.validateCredentials).toBe(3)
    // Checking credentials changes nothing.
    expect(state.provisioning.secrets(sp)).toBeUndefined()
  })

  it('secrets: PUT stores them (204), GET returns every key but omits the SecretToken value', async () => {
    const { sp, job } = await connector()
    const value = [
      ...creds(WS_BASE, GOOD_PAT),
      { key: 'SyncAll', value: 'false' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":true,"Recipients":"a@b"}' }
    ]
    const put = await call(`/servicePrincipals/${sp}/synchronization/secrets`, { method: 'PUT', body: { value } })
    expect(put.status).toBe(204)
    const got = await ok<{ value: Json[] }>(`/servicePrincipals/${sp}/synchronization/secrets`)
    expect(got.value).toEqual([
      { key: 'BaseAddress', value: WS_BASE },
      { key: 'SecretToken' },
      { key: 'SyncAll', value: 'false' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":true,"Recipients":"a@b"}' }
    ])
    expect(state.provisioning.secrets(sp)).toEqual(value)
    expect(state.provisioning.job(job)?.status.code).toBe('NotRun')
    // PUT replaces the whole set.
    await ok(`/servicePrincipals/${sp}/synchronization/secrets`, {
      method: 'PUT',
      body: { value: [{ key: 'SyncAll', value: 'true' }] }
    })
    expect(state.provisioning.secrets('dbx-prod-scim')).toEqual([{ key: 'SyncAll', value: 'true' }])
    const malformed = await call(`/servicePrincipals/${sp}/synchronization/secrets`, {
      method: 'PUT',
      body: { value: 'x' }
    })
    expect(malformed.status).toBe(400)
  })

  it('a new job is created disabled: NotConfigured, schedule Disabled; NotRun once its credentials are saved', async () => {
    // Create synchronizationJob: "The job is created in a disabled state. Call Start job to start synchronization."
    const { sp, job } = await connector()
    expect(state.provisioning.job(job)).toMatchObject({
      schedule: { state: 'Disabled' },
      status: { code: 'NotConfigured' }
    })
    await saveCreds(sp, GOOD_PAT)
    expect(state.provisioning.job(job)).toMatchObject({ schedule: { state: 'Disabled' }, status: { code: 'NotRun' } })
  })

  it('start begins the first cycle (NotRun, schedule Active) without reaching the workspace; it lasts firstCycleMs', async () => {
    const { sp, job } = await connector()
    const jobPath = `/servicePrincipals/${sp}/synchronization/jobs/${job}`
    const noSecrets = await call(`${jobPath}/start`, { method: 'POST' })
    expect(noSecrets.status).toBe(400)
    expect(errorOf(noSecrets).message).toMatch(/credentials are not configured/)

    await saveCreds(sp, GOOD_PAT)
    expect(state.provisioning.firstCycleMs).toBe(20 * 60_000)
    expect((await call(`${jobPath}/start`, { method: 'POST' })).status).toBe(204)
    const running = await ok<Job>(jobPath)
    expect(running).toMatchObject({
      schedule: { interval: 'PT40M', state: 'Active' },
      status: { code: 'NotRun', quarantine: null }
    })

    // Still running a minute before the first cycle ends; Active (steady state) once it has.
    await state.provisioning.advance(19 * 60_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('NotRun')
    await state.provisioning.advance(60_000)
    expect(await ok<Job>(jobPath)).toMatchObject({
      schedule: { state: 'Active' },
      status: { code: 'Active', quarantine: null, lastExecution: { state: 'Succeeded' } }
    })
  })

  it('start on a running job is refused (409): Graph says to start only a paused or quarantined job', async () => {
    const { job, jobPath } = await startedConnector()
    const again = await call(`${jobPath}/start`, { method: 'POST' })
    expect(again.status).toBe(409)
    expect(errorOf(again).message).toMatch(
      /is running \(status NotRun, schedule Active\).*only when the job is currently paused or in quarantine/
    )
    // Steady state too.
    await state.provisioning.finishCycle(job)
    expect((await call(`${jobPath}/start`, { method: 'POST' })).status).toBe(409)
    expect(state.provisioning.counters.start).toBe(1)
  })

  it('a token the workspace refuses quarantines the job when the cycle ends, not in the start call', async () => {
    const { sp, job } = await connector()
    const jobPath = `/servicePrincipals/${sp}/synchronization/jobs/${job}`
    await saveCreds(sp, 'dapi-wrong')
    expect((await call(`${jobPath}/start`, { method: 'POST' })).status).toBe(204)
    expect((await ok<Job>(jobPath)).status).toMatchObject({ code: 'NotRun', quarantine: null })

    await state.provisioning.finishCycle(job)
    const quarantined = await ok<Job>(jobPath)
    expect(quarantined.schedule.state).toBe('Active')
    expect(quarantined.status.code).toBe('Quarantine')
    expect(quarantined.status.quarantine).toMatchObject({
      reason: 'EncounteredQuarantineException',
      error: { code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable' }
    })
    expect(quarantined.status.quarantine?.error.message).toMatch(/invalid credentials.*token may have expired/)

    // Start is for a quarantined job: it clears the quarantine; the next cycle tries the new token.
    await saveCreds(sp, GOOD_PAT)
    expect((await call(`${jobPath}/start`, { method: 'POST' })).status).toBe(204)
    expect((await ok<Job>(jobPath)).status).toMatchObject({ code: 'NotRun', quarantine: null })
    await state.provisioning.finishCycle(job)
    expect((await ok<Job>(jobPath)).status).toMatchObject({ code: 'Active', quarantine: null })
    expect(state.provisioning.counters).toMatchObject({ start: 2, putSecrets: 2, createJob: 1 })
  })

  it('pause stops the cycle where it is and start continues it; restart runs a full initial cycle, even when running', async () => {
    const { jobPath } = await startedConnector()
    await state.provisioning.advance(15 * 60_000)
    await ok(`${jobPath}/pause`, { method: 'POST' })
    expect(await ok<Job>(jobPath)).toMatchObject({ schedule: { state: 'Paused' }, status: { code: 'Paused' } })
    await state.provisioning.advance(60 * 60_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('Paused')
    await ok(`${jobPath}/start`, { method: 'POST' })
    await state.provisioning.advance(4 * 60_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('NotRun')
    await state.provisioning.advance(60_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('Active')

    const restart = await call(`${jobPath}/restart`, { method: 'POST', body: { criteria: { resetScope: 'Full' } } })
    expect(restart.status).toBe(204)
    // The full cycle that restart begins reaches the workspace when it ends, 20 minutes on.
    pats.delete(GOOD_PAT)
    await state.provisioning.advance(19 * 60_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('Active')
    await state.provisioning.advance(60_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('Quarantine')
    expect(state.provisioning.counters).toMatchObject({ start: 2, restart: 1, pause: 1 })
  })

  it('a job in steady state goes into quarantine at its next cycle once its token stops working, not on a read', async () => {
    const { sp, job, jobPath } = await startedConnector()
    await state.provisioning.finishCycle(job)
    expect((await ok<Job>(jobPath)).status.code).toBe('Active')
    pats.delete(GOOD_PAT) // expired
    expect((await ok<{ value: Job[] }>(`/servicePrincipals/${sp}/synchronization/jobs`)).value[0]?.status.code).toBe(
      'Active'
    )
    // Incremental cycles every 40 minutes (PT40M).
    await state.provisioning.advance(39 * 60_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('Active')
    await state.provisioning.advance(60_000)
    const quarantined = await ok<Job>(jobPath)
    expect(quarantined.status.code).toBe('Quarantine')
    // Retried less and less often: 6 h after the failure; a retry that succeeds ends the quarantine.
    pats.add(GOOD_PAT)
    await state.provisioning.advance(5 * 3600_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('Quarantine')
    await state.provisioning.advance(3600_000)
    expect((await ok<Job>(jobPath)).status.code).toBe('Active')
  })

  it('the quarantine knob forces a job into quarantine', async () => {
    const { sp, job } = await connector()
    const view = state.provisioning.quarantine(sp, 'QuarantinedOnDemand', { code: 'Custom', message: 'held' })
    expect(view.id).toBe(job)
    const got = await ok<Job>(`/servicePrincipals/${sp}/synchronization/jobs/${job}`)
    expect(got.status).toMatchObject({
      code: 'Quarantine',
      quarantine: { reason: 'QuarantinedOnDemand', error: { code: 'Custom', message: 'held' } }
    })
    expect(state.provisioning.quarantine(job).status.quarantine?.reason).toBe('EncounteredQuarantineException')
    expect(() => state.provisioning.quarantine('nope')).toThrow(/no synchronization job/)
  })

  it('permissions: Synchronization.ReadWrite.All, Synchronization.Read.All for reads, OwnedBy for own apps', async () => {
    const { sp, job } = await connector()
    const jobs = `/servicePrincipals/${sp}/synchronization/jobs`
    expect((await call(jobs, { token: 'reader' })).status).toBe(403)
    expect((await call(jobs, { token: 'apps' })).status).toBe(403)
    expect((await call(jobs, { token: 'syncRead' })).status).toBe(200)
    expect((await call(`${jobs}/${job}/start`, { method: 'POST', token: 'syncRead' })).status).toBe(403)
    expect((await call(`/servicePrincipals/${sp}/synchronization/secrets`, { token: 'syncRead' })).status).toBe(403)
    expect((await call(jobs, { token: 'sync' })).status).toBe(200)
    // Application.ReadWrite.OwnedBy: only the apps the caller instantiated.
    expect((await call(jobs, { token: 'owned' })).status).toBe(403)
    const mine = await instantiate('dbx-owned', 'owned')
    const mineJobs = `/servicePrincipals/${mine.servicePrincipal.id}/synchronization/jobs`
    expect((await call(mineJobs, { method: 'POST', body: { templateId: 'dataBricks' }, token: 'owned' })).status).toBe(
      201
    )
    expect((await call(mineJobs, { token: 'other' })).status).toBe(403)
    expect(state.provisioning.app(mine.servicePrincipal.id)?.ownerAppId).toBe('app-owned')
  })
})

describe('app role assignments', () => {
  it('assigns groups to the User role, refuses duplicates and unknown roles, and removes assignments', async () => {
    const app = await instantiate('dbx-prod-scim')
    const sp = app.servicePrincipal.id
    const userRole = app.servicePrincipal.appRoles.find((r) => r.displayName === 'User')?.id as string
    const path = `/servicePrincipals/${sp}/appRoleAssignedTo`
    const assign = (principalId: string, appRoleId = userRole, token = 'admin') =>
      call(path, { method: 'POST', body: { principalId, resourceId: sp, appRoleId }, token })

    const res = await assign(DE)
    expect(res.status).toBe(201)
    const a = res.body as Json
    expect(a).toMatchObject({
      principalId: DE,
      principalType: 'Group',
      principalDisplayName: 'Data Engineers',
      resourceId: sp,
      resourceDisplayName: 'dbx-prod-scim',
      appRoleId: userRole
    })
    expect(a.id).toMatch(/^[\w-]{43}$/)
    expect(a.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT/)

    const dup = await assign(DE)
    expect(dup.status).toBe(400)
    expect(errorOf(dup).message).toBe('Permission being assigned already exists on the object')
    const unknownRole = await assign(ANALYSTS, stableGuid('role', 'nope'))
    expect(unknownRole.status).toBe(400)
    expect(errorOf(unknownRole).message).toMatch(/^Permission being assigned was not found on application/)
    const unknownGroup = await assign(stableGuid('group', 'ghosts'))
    expect(unknownGroup.status).toBe(404)
    expect((await assign(ANALYSTS, userRole, 'apps')).status).toBe(403)
    expect((await assign(ANALYSTS)).status).toBe(201)

    const list = await ok<{ value: Json[] }>(path, { token: 'reader' })
    expect(list.value.map((x) => x.principalDisplayName)).toEqual(['Data Engineers', 'Analysts'])
    expect((await call(path, { token: 'sync' })).status).toBe(403)

    expect((await call(`${path}/${a.id as string}`, { method: 'DELETE', token: 'reader' })).status).toBe(403)
    const del = await call(`${path}/${a.id as string}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    expect((await call(`${path}/${a.id as string}`, { method: 'DELETE' })).status).toBe(404)
    expect(state.provisioning.assignments(sp).map((x) => x.principalDisplayName)).toEqual(['Analysts'])
    expect(state.provisioning.counters).toMatchObject({ assign: 2, unassign: 1 })
  })

  it('pages the assignments with @odata.nextLink', async () => {
    const app = await instantiate('dbx-many')
    const sp = app.servicePrincipal.id
    const userRole = app.servicePrincipal.appRoles.find((r) => r.displayName === 'User')?.id as string
    for (let i = 0; i < 5; i++) {
      const g = state.addGroup({ displayName: `G${i}` })
      await ok(`/servicePrincipals/${sp}/appRoleAssignedTo`, {
        method: 'POST',
        body: { principalId: g.id, resourceId: sp, appRoleId: userRole }
      })
    }
    const first = await ok<{ value: Json[]; '@odata.nextLink'?: string }>(
      `/servicePrincipals/${sp}/appRoleAssignedTo?$top=3`
    )
    expect(first.value.length).toBe(3)
    const next = new URL(first['@odata.nextLink'] as string)
    const second = await ok<{ value: Json[]; '@odata.nextLink'?: string }>(`${next.pathname.slice(5)}${next.search}`)
    expect(second.value.map((x) => x.principalDisplayName)).toEqual(['G3', 'G4'])
    expect(second['@odata.nextLink']).toBeUndefined()
  })
})

describe('request log', () => {
  it('redacts SecretToken values of secrets and validateCredentials bodies', () => {
    const body = { value: [...creds(WS_BASE, 'dapi-not-a-fixture-secret'), { key: 'SyncAll', value: 'false' }] }
    expect(redactBody('graph', body)).toEqual({
      value: [
        { key: 'BaseAddress', value: WS_BASE },
        { key: 'SecretToken', value: REDACTED },
        { key: 'SyncAll', value: 'false' }
      ]
    })
    expect(redactBody('graph', { credentials: creds(WS_BASE, 'dapi-x') })).toEqual({
      credentials: [
        { key: 'BaseAddress', value: WS_BASE },
        { key: 'SecretToken', value: REDACTED }
      ]
    })
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Over HTTPS with the real Graph client, against the demo tenant's workspaces

const ROOT = join(import.meta.dirname, '..')
const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const DEV_PAT = 'dapi8c1e5f27b94d0a63e8f1c42d7b95a06e-3'

describe('over HTTPS against startEmulators', () => {
  let emu: Emulators
  let client: ReturnType<typeof createGraphClient>['client']

  beforeAll(async () => {
    const ca = await ensureTestCa(join(ROOT, '.emulators'))
    if (process.env.NODE_EXTRA_CA_CERTS !== ca.caFile) trustTestCa(ca.ca)
    emu = await startEmulators({
      fixture: join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'),
      caDir: join(ROOT, '.emulators')
    })
    const secret = emu.fixture.applications.find((a) => a.appId === SYNC_APP)?.clientSecret as string
    const credential = new ClientSecretCredential(emu.tenantId, SYNC_APP, secret, {
      authorityHost: emu.authorityHost,
      disableInstanceDiscovery: true
    })
    client = createGraphClient(credential, emu.graphEndpoint).client
  })

  afterAll(async () => {
    await emu?.stop()
  })

  it('configures the connector end to end; a removed PAT quarantines the job at its next cycle; the log holds no token', async () => {
    emu.graph.provisioning.spAppearDelayMs = 300
    const base = `${emu.workspaceHosts['analytics-dev']}/api/2.0/preview/scim`
    const created = (await client
      .api(`/applicationTemplates/${DATABRICKS_CONNECTOR_TEMPLATE_ID}/instantiate`)
      .post({ displayName: 'dbx-dev-scim' })) as Instantiated
    const sp = created.servicePrincipal.id

    // Not there yet: the action has to retry.
    await expect(client.api(`/servicePrincipals/${sp}`).get()).rejects.toMatchObject({
      statusCode: 404,
      code: 'Request_ResourceNotFound'
    })
    await new Promise((r) => setTimeout(r, 350))
    const found = (await client
      .api('/servicePrincipals')
      .filter("displayName eq 'dbx-dev-scim'")
      .select('id,appId,displayName,appRoles,tags')
      .get()) as { value: Array<{ id: string; appRoles: Array<{ id: string; displayName: string }> }> }
    expect(found.value.map((s) => s.id)).toEqual([sp])
    const userRole = found.value[0]?.appRoles.find((r) => r.displayName === 'User')?.id as string

    const job = (await client
      .api(`/servicePrincipals/${sp}/synchronization/jobs`)
      .post({ templateId: 'dataBricks' })) as Job
    const jobPath = `/servicePrincipals/${sp}/synchronization/jobs/${job.id}`

    // A PAT added to the workspace after start-up works and stays out of the log.
    const freshPat = 'dapi-fresh-0000000000000000000000000000'
    emu.workspaces['analytics-dev']?.addPat(freshPat)
    await client.api(`${jobPath}/validateCredentials`).post({ credentials: creds(base, freshPat) })
    const bad = await client
      .api(`${jobPath}/validateCredentials`)
      .post({ credentials: creds(base, 'dapi-unknown-token') })
      .catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(GraphError)
    expect(bad).toMatchObject({ statusCode: 400, code: 'BadRequest' })
    expect((bad as GraphError).message).toMatch(/HTTP 401 Unauthorized .*\/api\/2\.0\/preview\/scim\/v2\/Users/)

    await client.api(`/servicePrincipals/${sp}/synchronization/secrets`).put({
      value: [...creds(base, freshPat), { key: 'SyncAll', value: 'false' }]
    })
    const group = emu.graph.group('Data Engineers')?.id as string
    const assignment = (await client
      .api(`/servicePrincipals/${sp}/appRoleAssignedTo`)
      .post({ principalId: group, resourceId: sp, appRoleId: userRole })) as Json
    expect(assignment).toMatchObject({ principalType: 'Group', principalDisplayName: 'Data Engineers' })

    await client.api(`${jobPath}/start`).post({})
    expect(((await client.api(jobPath).get()) as Job).status.code).toBe('NotRun')
    await emu.graph.provisioning.finishCycle(job.id)
    expect(((await client.api(jobPath).get()) as Job).status.code).toBe('Active')
    expect(emu.graph.provisioning.secrets(sp)?.find((c) => c.key === 'SecretToken')?.value).toBe(freshPat)

    // The PAT expires: the job's next cycle finds it refused.
    expect(emu.workspaces['analytics-dev']?.removePat(freshPat)).toBe(true)
    expect(((await client.api(jobPath).get()) as Job).status.code).toBe('Active')
    await emu.graph.provisioning.finishCycle(job.id)
    const after = (await client.api(jobPath).get()) as Job
    expect(after.status.code).toBe('Quarantine')
    expect(after.status.quarantine?.reason).toBe('EncounteredQuarantineException')

    // The fixture PAT of another workspace does not reach this one.
    const other = await client
      .api(`${jobPath}/validateCredentials`)
      .post({ credentials: creds(`${emu.workspaceHosts['analytics-prod']}/api/2.0/preview/scim`, DEV_PAT) })
      .catch((e: unknown) => e)
    expect(other).toMatchObject({ statusCode: 400 })

    const logged = JSON.stringify(emu.log)
    expect(logged).not.toContain(freshPat)
    expect(logged).not.toContain('dapi-unknown-token')
    expect(logged).not.toContain(DEV_PAT)
    const put = emu.log.find((e) => e.method === 'PUT' && e.path.endsWith('/synchronization/secrets'))
    expect(put?.body).toEqual({
      value: [
        { key: 'BaseAddress', value: base },
        { key: 'SecretToken', value: REDACTED },
        { key: 'SyncAll', value: 'false' }
      ]
    })
    expect(emu.graph.provisioning.writes()).toBe(5)
  })
})
