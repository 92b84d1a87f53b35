// provision-app for one workspace against an in-memory Graph (ProvisioningGraph), Entra directory and Key Vault:
// onboarding, idempotent re-runs, group and token changes, refusals, quarantine, dry-run; then GraphProvisioning's
// requests and error messages through the real Graph client with a recording middleware.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client'
import type { SecretReader, SecretValue } from '../src/auth/keyvault.js'
import type { GroupMapping, Removal, Workspace } from '../src/config/types.js'
import type { EntraDirectory, EntraGroup } from '../src/sources/entra/graph.js'
import { ActionError } from '../src/errors.js'
import { provisionApp } from '../src/commands/provision-app.js'
import { GraphProvisioning } from '../src/provisioning/graph-api.js'
import {
  CREDENTIALS_TAG_PREFIX,
  credentialsState,
  credentialsTag,
  desiredCredentials
} from '../src/provisioning/credentials.js'
import { provisionWorkspace, type ProvisionDeps } from '../src/provisioning/provision.js'
import {
  CredentialsRefusedError,
  DATABRICKS_CONNECTOR_TEMPLATE_ID,
  type AppRoleAssignment,
  type Credential,
  type JobStatusCode,
  type ProvisioningGraph,
  type ServicePrincipal,
  type SyncJob
} from '../src/provisioning/types.js'

const HOST = 'https://adb-6234138917436195.15.azuredatabricks.net'
const SECRET_ID = 'https://kv-data.vault.azure.net/secrets/dbx-prod-pat'
const APP = 'Azure Databricks SCIM - analytics-prod'
const TOKEN = 'dapi0123456789abcdef0123456789abcdef'
const USER_ROLE_ID = '18d14569-c3bd-439b-9a66-3a2aee01d14f'

const GROUPS: Record<string, EntraGroup[]> = {
  'data engineers': [{ id: 'g-eng', displayName: 'Data Engineers' }],
  'data analysts': [{ id: 'g-ana', displayName: 'Data Analysts' }],
  'data scientists': [{ id: 'g-sci', displayName: 'Data Scientists' }],
  'g-eng': [{ id: 'g-eng', displayName: 'Data Engineers' }],
  contractors: [
    { id: 'g-c1', displayName: 'Contractors' },
    { id: 'g-c2', displayName: 'Contractors' }
  ]
}

const at = { file: 'config.yml', line: 1, column: 1 }

function mapping(entra: string, removal: Removal = 'remove-membership', membersOnly = false): GroupMapping {
  return {
    entra,
    databricks: entra,
    entitlements: ['workspace-access'],
    membersOnly,
    removal,
    nested: 'flatten',
    at
  }
}

function workspace(groups: GroupMapping[], email: string | undefined = 'platform@contoso.com'): Workspace {
  return {
    name: 'analytics-prod',
    host: HOST,
    auth: 'entra',
    tokenSecret: SECRET_ID,
    groups,
    maxDeletions: { kind: 'percent', value: 10 },
    accountGroups: [],
    provisioning: { appName: APP, ...(email ? { notificationEmail: email } : {}), at },
    file: 'config.yml',
    at
  }
}

/** Graph as the connector app's tenant: service principals, jobs, secrets, assignments, all in memory. */
class FakeGraph implements ProvisioningGraph {
  sps: ServicePrincipal[] = []
  jobs = new Map<string, SyncJob[]>()
  secrets = new Map<string, Credential[]>()
  assignments = new Map<string, AppRoleAssignment[]>()
  /** Every call, in order: "name arg…". */
  calls: string[] = []
  /** Tokens the workspace accepts. */
  validTokens = new Set([TOKEN])
  /** getServicePrincipal answers 404 this many times after instantiate. */
  appearAfter = 0
  /** The job's status after start, when set; else as Graph: NotRun for a first cycle, Active once one ended. */
  afterStart: SyncJob['status'] | undefined
  /** Jobs whose first cycle ended. */
  steady = new Set<string>()
  /** App roles of apps the template creates. */
  templateRoles = [
    { id: 'a0326964-3a55-4f1a-8b04-6c1c1c8b2b8d', displayName: 'msiam_access' },
    { id: USER_ROLE_ID, displayName: 'User' }
  ]
  private writeCount = 0
  private next = 1
  private polls = 0

  writes(): number {
    return this.writeCount
  }

  private write(call: string): void {
    this.writeCount++
    this.calls.push(call)
  }

  private sp(id: string): ServicePrincipal {
    const sp = this.sps.find((s) => s.id === id)
    if (!sp) throw new ActionError(`no service principal ${id}`)
    return sp
  }

  private job(spId: string, jobId: string): SyncJob {
    const job = (this.jobs.get(spId) ?? []).find((j) => j.id === jobId)
    if (!job) throw new ActionError(`no job ${jobId}`)
    return job
  }

  async findServicePrincipals(displayName: string): Promise<ServicePrincipal[]> {
    this.calls.push(`findServicePrincipals ${displayName}`)
    return this.sps.filter((s) => s.displayName.toLowerCase() === displayName.toLowerCase()).map((s) => clone(s))
  }

  async getServicePrincipal(id: string): Promise<ServicePrincipal | undefined> {
    this.calls.push(`getServicePrincipal ${id}`)
    if (this.polls < this.appearAfter) {
      this.polls++
      return undefined
    }
    const sp = this.sps.find((s) => s.id === id)
    return sp ? clone(sp) : undefined
  }

  async instantiate(templateId: string, displayName: string) {
    this.write(`instantiate ${templateId} ${displayName}`)
    const n = this.next++
    const sp: ServicePrincipal = {
      id: `sp-${n}`,
      appId: `app-${n}`,
      displayName,
      appRoles: clone(this.templateRoles),
      tags: ['WindowsAzureActiveDirectoryIntegratedApp']
    }
    this.sps.push(sp)
    this.polls = 0
    return { applicationId: sp.appId, servicePrincipalId: sp.id }
  }

  async listJobs(spId: string): Promise<SyncJob[]> {
    this.calls.push(`listJobs ${spId}`)
    return clone(this.jobs.get(spId) ?? [])
  }

  async createJob(spId: string, templateId: string): Promise<SyncJob> {
    this.write(`createJob ${spId} ${templateId}`)
    // "The job is created in a disabled state."
    const job: SyncJob = {
      id: `dataBricks.job${this.next++}`,
      templateId,
      schedule: { state: 'Disabled' },
      status: { code: 'NotConfigured' }
    }
    this.jobs.set(spId, [...(this.jobs.get(spId) ?? []), job])
    return clone(job)
  }

  async getJob(spId: string, jobId: string): Promise<SyncJob> {
    this.calls.push(`getJob ${spId} ${jobId}`)
    return clone(this.job(spId, jobId))
  }

  async validateCredentials(spId: string, jobId: string, credentials: Credential[]): Promise<void> {
    this.write(`validateCredentials ${spId} ${jobId} ${credentials.map((c) => c.key).join(',')}`)
    const token = credentials.find((c) => c.key === 'SecretToken')?.value ?? ''
    const base = credentials.find((c) => c.key === 'BaseAddress')?.value
    if (!this.validTokens.has(token) || base !== `${HOST}/api/2.0/preview/scim`) {
      throw new CredentialsRefusedError('The workspace answered 401 Unauthorized: invalid access token')
    }
  }

  async saveSecrets(spId: string, secrets: Credential[]): Promise<void> {
    this.write(`saveSecrets ${spId}`)
    this.secrets.set(spId, clone(secrets))
    for (const job of this.jobs.get(spId) ?? [])
      if (job.status.code === 'NotConfigured') job.status = { code: 'NotRun' }
  }

  async startJob(spId: string, jobId: string): Promise<void> {
    this.write(`startJob ${spId} ${jobId}`)
    const job = this.job(spId, jobId)
    // As the emulator: Graph says to start only a paused or quarantined job, so a running one is refused.
    if (job.schedule?.state === 'Active' && job.status.code !== 'Quarantine' && job.status.code !== 'Paused') {
      throw new ActionError(`409 Conflict: job ${jobId} is running (${job.status.code})`)
    }
    job.schedule = { state: 'Active' }
    job.status = clone(this.afterStart ?? { code: this.steady.has(jobId) ? 'Active' : 'NotRun' })
  }

  async listAssignments(spId: string): Promise<AppRoleAssignment[]> {
    this.calls.push(`listAssignments ${spId}`)
    return clone(this.assignments.get(spId) ?? [])
  }

  async assign(spId: string, principalId: string, appRoleId: string): Promise<AppRoleAssignment> {
    this.write(`assign ${spId} ${principalId} ${appRoleId}`)
    const names: Record<string, string> = {
      'g-eng': 'Data Engineers',
      'g-ana': 'Data Analysts',
      'g-sci': 'Data Scientists'
    }
    const a: AppRoleAssignment = {
      id: `asg-${this.next++}`,
      principalId,
      principalType: 'Group',
      principalDisplayName: names[principalId] ?? principalId,
      appRoleId
    }
    this.assignments.set(spId, [...(this.assignments.get(spId) ?? []), a])
    return clone(a)
  }

  async unassign(spId: string, assignmentId: string): Promise<void> {
    this.write(`unassign ${spId} ${assignmentId}`)
    this.assignments.set(
      spId,
      (this.assignments.get(spId) ?? []).filter((a) => a.id !== assignmentId)
    )
  }

  async setTags(spId: string, tags: string[]): Promise<void> {
    this.write(`setTags ${spId}`)
    this.sp(spId).tags = [...tags]
  }

  /** Test helper: set the job's status (and schedule) as the service would. */
  setJobStatus(status: SyncJob['status'], schedule?: string): void {
    const job = this.firstJob()
    job.status = status
    if (schedule) job.schedule = { state: schedule }
  }

  /** Test helper: the job's first cycle ends, in steady state. */
  finishFirstCycle(): void {
    const job = this.firstJob()
    this.steady.add(job.id)
    job.status = { code: 'Active' }
  }

  private firstJob(): SyncJob {
    const [sp] = this.sps
    const [job] = this.jobs.get(sp?.id ?? '') ?? []
    if (!job) throw new Error('no job')
    return job
  }

  writeCalls(from = 0): string[] {
    return this.calls.filter((c) => !/^(find|get|list)/.test(c)).slice(from)
  }
}

function clone<T>(value: T): T {
  return structuredClone(value)
}

class FakeDirectory implements EntraDirectory {
  lookups: string[] = []
  async findGroups(ref: string): Promise<EntraGroup[]> {
    this.lookups.push(ref)
    return clone(GROUPS[ref.toLowerCase()] ?? [])
  }
  async readGroup(): Promise<never> {
    throw new Error('provision-app reads no members')
  }
}

class FakeSecrets implements SecretReader {
  secret: SecretValue = { value: TOKEN, version: 'v1' }
  reads: string[] = []
  async read(secretId: string): Promise<SecretValue> {
    this.reads.push(secretId)
    return { ...this.secret }
  }
}

let graph: FakeGraph
let directory: FakeDirectory
let secrets: FakeSecrets
let sleeps: number[]

function deps(extra: Partial<ProvisionDeps> = {}): ProvisionDeps {
  return {
    graph,
    directory,
    secrets,
    dryRun: false,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    ...extra
  }
}

const TWO_GROUPS = [mapping('Data Engineers'), mapping('Data Analysts', 'remove-membership', true)]

beforeEach(() => {
  graph = new FakeGraph()
  directory = new FakeDirectory()
  secrets = new FakeSecrets()
  sleeps = []
})

/** Onboards the workspace from nothing, lets the job's first cycle end, and forgets the calls made. */
async function onboard(groups = TWO_GROUPS): Promise<void> {
  const result = await provisionWorkspace(workspace(groups), deps())
  expect(result.error).toBeUndefined()
  graph.finishFirstCycle()
  graph.calls = []
}

describe('onboarding a workspace from nothing', () => {
  test('creates the app, waits for it, creates the job, validates then saves the token, assigns groups, starts the job', async () => {
    graph.appearAfter = 2
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())

    expect(result).toMatchObject({
      workspace: 'analytics-prod',
      appName: APP,
      status: 'ok',
      servicePrincipalId: 'sp-1',
      appId: 'app-1',
      // Started, its first cycle running: NotRun with the schedule Active until that cycle ends.
      jobStatus: 'NotRun',
      jobSchedule: 'Active',
      assignedGroups: ['Data Engineers', 'Data Analysts']
    })
    expect(result.notes).toEqual([
      expect.stringContaining('a quarantine (e.g. a token the connector cannot use) shows on a later run')
    ])
    expect(result.jobId).toMatch(/^dataBricks\./)
    expect(result.changes).toEqual([
      { kind: 'create-app', displayName: APP },
      { kind: 'create-job' },
      { kind: 'save-credentials', reason: 'new' },
      { kind: 'assign-group', group: 'Data Engineers', groupId: 'g-eng' },
      { kind: 'assign-group', group: 'Data Analysts', groupId: 'g-ana' },
      { kind: 'start-job' }
    ])
    // Appearance polled with a doubling delay.
    expect(sleeps).toEqual([500, 1000])
    expect(graph.calls.filter((c) => c.startsWith('getServicePrincipal'))).toHaveLength(3)

    const job = result.jobId as string
    expect(graph.writeCalls()).toEqual([
      `instantiate ${DATABRICKS_CONNECTOR_TEMPLATE_ID} ${APP}`,
      'createJob sp-1 dataBricks',
      `validateCredentials sp-1 ${job} BaseAddress,SecretToken`,
      'saveSecrets sp-1',
      'setTags sp-1',
      `assign sp-1 g-eng ${USER_ROLE_ID}`,
      `assign sp-1 g-ana ${USER_ROLE_ID}`,
      `startJob sp-1 ${job}`
    ])
    expect(graph.secrets.get('sp-1')).toEqual([
      { key: 'BaseAddress', value: `${HOST}/api/2.0/preview/scim` },
      { key: 'SecretToken', value: TOKEN },
      { key: 'SyncAll', value: 'false' },
      {
        key: 'SyncNotificationSettings',
        value: '{"Enabled":true,"Recipients":"platform@contoso.com","DeleteThresholdEnabled":false}'
      }
    ])
    // The marker tag joins the app's own tags; it carries no token.
    const tags = graph.sps[0]?.tags ?? []
    expect(tags[0]).toBe('WindowsAzureActiveDirectoryIntegratedApp')
    expect(tags[1]).toMatch(new RegExp(`^${CREDENTIALS_TAG_PREFIX}[0-9a-f]{16}:[0-9a-f]{16}$`))
    expect(secrets.reads).toEqual([SECRET_ID])
    expect(JSON.stringify(result)).not.toContain(TOKEN)
  })

  test('a re-run with nothing changed makes zero writes and reports the same state', async () => {
    await onboard()
    const before = graph.writes()
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(graph.writes()).toBe(before)
    expect(result).toMatchObject({
      status: 'ok',
      changes: [],
      jobStatus: 'Active',
      servicePrincipalId: 'sp-1',
      assignedGroups: ['Data Engineers', 'Data Analysts']
    })
    expect(result.notes).toBeUndefined()
  })

  test('a re-run during the long first cycle makes no write, leaves the job running and says so', async () => {
    const first = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(first).toMatchObject({ status: 'ok', jobStatus: 'NotRun', jobSchedule: 'Active' })
    const before = graph.writes()
    const again = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(graph.writes()).toBe(before)
    expect(again).toMatchObject({ status: 'ok', changes: [], jobStatus: 'NotRun', jobSchedule: 'Active' })
    expect(again.notes).toEqual([
      'The job is still in its first provisioning cycle (status NotRun, schedule Active), which can take from 20 ' +
        'minutes to several hours: it is left running (Microsoft Graph: start a job only when it is paused or in ' +
        'quarantine). Run provision-app again later to see how the cycle ended.'
    ])
  })

  test('the app is found by name ignoring case, and a group named by object id and by name is assigned once', async () => {
    await onboard()
    const ws = workspace([mapping('Data Engineers'), mapping('g-eng'), mapping('Data Analysts')])
    ws.provisioning = { appName: APP.toUpperCase(), notificationEmail: 'platform@contoso.com', at }
    const before = graph.writes()
    const result = await provisionWorkspace(ws, deps())
    expect(result).toMatchObject({ status: 'ok', changes: [], servicePrincipalId: 'sp-1' })
    expect(graph.writes()).toBe(before)
  })

  test('no notification email: notifications disabled', () => {
    const creds = desiredCredentials(HOST, undefined, TOKEN)
    expect(creds.find((c) => c.key === 'SyncNotificationSettings')?.value).toBe(
      '{"Enabled":false,"Recipients":"","DeleteThresholdEnabled":false}'
    )
  })
})

describe('groups', () => {
  test('a group added to and one removed from the config are assigned and unassigned', async () => {
    await onboard()
    const result = await provisionWorkspace(workspace([mapping('Data Engineers'), mapping('Data Scientists')]), deps())
    expect(result.status).toBe('ok')
    expect(result.changes).toEqual([
      { kind: 'assign-group', group: 'Data Scientists', groupId: 'g-sci' },
      { kind: 'unassign-group', group: 'Data Analysts', groupId: 'g-ana' }
    ])
    expect(result.assignedGroups).toEqual(['Data Engineers', 'Data Scientists'])
    expect(graph.writeCalls()).toEqual([
      `assign sp-1 g-sci ${USER_ROLE_ID}`,
      expect.stringMatching(/^unassign sp-1 asg-/)
    ])
    expect(graph.assignments.get('sp-1')?.map((a) => a.principalId)).toEqual(['g-eng', 'g-sci'])
  })

  test('with removal: keep on any group of the workspace nothing is unassigned, and a note says why', async () => {
    await onboard()
    const result = await provisionWorkspace(
      workspace([mapping('Data Engineers', 'keep'), mapping('Data Scientists')]),
      deps()
    )
    expect(result.changes).toEqual([{ kind: 'assign-group', group: 'Data Scientists', groupId: 'g-sci' }])
    expect(result.assignedGroups).toEqual(['Data Engineers', 'Data Scientists', 'Data Analysts'])
    expect(result.notes).toEqual([
      'Left assigned although not in the config (removal: keep on "Data Engineers"): "Data Analysts".'
    ])
    expect(graph.assignments.get('sp-1')?.map((a) => a.principalId)).toEqual(['g-eng', 'g-ana', 'g-sci'])
  })

  test('assignments of other roles and of users are left alone', async () => {
    await onboard()
    graph.assignments
      .get('sp-1')
      ?.push(
        { id: 'x1', principalId: 'u-1', principalType: 'User', appRoleId: USER_ROLE_ID },
        { id: 'x2', principalId: 'g-other', principalType: 'Group', appRoleId: 'a0326964-3a55-4f1a-8b04-6c1c1c8b2b8d' }
      )
    const before = graph.writes()
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result.changes).toEqual([])
    expect(graph.writes()).toBe(before)
  })

  test('a group that does not resolve, or resolves to several, fails before anything is written', async () => {
    for (const [ref, says] of [
      ['Nobody', 'Entra group "Nobody" of workspace analytics-prod does not exist'],
      ['Contractors', 'Entra group name "Contractors" of workspace analytics-prod matches 2 groups (g-c1, g-c2)']
    ] as const) {
      const result = await provisionWorkspace(workspace([mapping('Data Engineers'), mapping(ref)]), deps())
      expect(result.status).toBe('failed')
      expect(result.error).toContain(says)
      expect(result.error).toContain('Fix: ')
      expect(graph.writes()).toBe(0)
    }
  })
})

describe('the token', () => {
  test('a new Key Vault version is validated, saved and tagged, and nothing else is written', async () => {
    await onboard()
    const before = graph.writes()
    graph.validTokens.add('dapi-rotated-token-0000000000000000')
    secrets.secret = { value: 'dapi-rotated-token-0000000000000000', version: 'v2' }
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result).toMatchObject({ status: 'ok', changes: [{ kind: 'save-credentials', reason: 'token-rotated' }] })
    expect(graph.writes() - before).toBe(3)
    expect(graph.writeCalls()).toEqual([
      expect.stringMatching(/^validateCredentials sp-1 /),
      'saveSecrets sp-1',
      'setTags sp-1'
    ])
    expect(graph.secrets.get('sp-1')?.find((c) => c.key === 'SecretToken')?.value).toBe(
      'dapi-rotated-token-0000000000000000'
    )
    expect(graph.sps[0]?.tags.filter((t) => t.startsWith(CREDENTIALS_TAG_PREFIX))).toHaveLength(1)
    expect(JSON.stringify(result)).not.toContain('dapi-rotated-token')
  })

  test('a changed notification email is a settings change', async () => {
    await onboard()
    const result = await provisionWorkspace(workspace(TWO_GROUPS, 'data-platform@contoso.com'), deps())
    expect(result.changes).toEqual([{ kind: 'save-credentials', reason: 'settings-changed' }])
    expect(graph.secrets.get('sp-1')?.find((c) => c.key === 'SyncNotificationSettings')?.value).toContain(
      'data-platform@contoso.com'
    )
  })

  test('the marker tag tells a new token version from a settings change, and never holds the token', () => {
    const creds = desiredCredentials(HOST, 'a@b.c', TOKEN)
    const tag = credentialsTag(creds, SECRET_ID, 'v1')
    expect(tag).not.toContain(TOKEN)
    expect(credentialsTag(desiredCredentials(HOST, 'a@b.c', 'another-token'), SECRET_ID, 'v1')).toBe(tag)
    expect(credentialsState(['x', tag], tag)).toBe('unchanged')
    expect(credentialsState(['x'], tag)).toBe('new')
    expect(credentialsState([credentialsTag(creds, SECRET_ID, 'v0')], tag)).toBe('token-rotated')
    expect(credentialsState([credentialsTag(desiredCredentials(HOST, 'x@y.z', TOKEN), SECRET_ID, 'v1')], tag)).toBe(
      'settings-changed'
    )
  })

  test('a token the workspace refuses fails clearly with the fix, and nothing is saved', async () => {
    await onboard()
    const tagsBefore = [...(graph.sps[0]?.tags ?? [])]
    secrets.secret = { value: 'dapi-expired-token-00000000000000000', version: 'v2' }
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result.status).toBe('failed')
    expect(result.error).toContain(
      `The token in ${SECRET_ID} was refused by ${HOST}: The workspace answered 401 Unauthorized: invalid access token. Nothing was saved`
    )
    expect(result.error).toContain(`Fix: Create a new personal access token in ${HOST}`)
    expect(result.error).toContain(`new version of ${SECRET_ID}`)
    expect(result.error).not.toContain('dapi-expired-token')
    expect(result.changes).toEqual([])
    expect(graph.writeCalls()).toEqual([expect.stringMatching(/^validateCredentials /)])
    expect(graph.secrets.get('sp-1')?.find((c) => c.key === 'SecretToken')?.value).toBe(TOKEN)
    expect(graph.sps[0]?.tags).toEqual(tagsBefore)
  })

  test('on first onboarding a refused token stops before saving, assigning or starting', async () => {
    secrets.secret = { value: 'dapi-wrong-token-000000000000000000', version: 'v1' }
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result.status).toBe('failed')
    expect(result.changes).toEqual([{ kind: 'create-app', displayName: APP }, { kind: 'create-job' }])
    expect(graph.calls).not.toContainEqual(expect.stringMatching(/^(saveSecrets|setTags|assign|startJob)/))
  })
})

describe('the job', () => {
  const quarantine: SyncJob['status'] = {
    code: 'Quarantine',
    quarantine: {
      reason: 'EncounteredQuarantineException',
      currentBegan: '2025-05-01T10:00:00Z',
      error: {
        code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable',
        message: '401 Unauthorized'
      }
    }
  }

  test('a quarantined job is reported with the reason and the fix, and nothing is written', async () => {
    await onboard()
    graph.setJobStatus(quarantine)
    const before = graph.writes()
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result.status).toBe('failed')
    expect(result.jobStatus).toBe('Quarantine')
    expect(result.error).toContain(
      'is in quarantine since 2025-05-01T10:00:00Z: EncounteredQuarantineException. ' +
        'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable: 401 Unauthorized.\nFix: '
    )
    expect(result.error).toContain(
      `Fix: The connector cannot sign in to the workspace ${HOST}: the token may have expired or been revoked. Store a new PAT in ${SECRET_ID} and run provision-app again`
    )
    expect(graph.writes()).toBe(before)
  })

  test('a quarantine for another reason points at the provisioning logs', async () => {
    await onboard()
    graph.setJobStatus({ code: 'Quarantine', quarantine: { reason: 'TooManyDeletes' } })
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result.error).toContain('is in quarantine: TooManyDeletes.')
    expect(result.error).toContain('See the provisioning logs')
  })

  test('a new token saved while the job is quarantined restarts it instead of failing', async () => {
    await onboard()
    graph.setJobStatus(quarantine)
    graph.validTokens.add('dapi-fresh-token-00000000000000000000')
    secrets.secret = { value: 'dapi-fresh-token-00000000000000000000', version: 'v2' }
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result).toMatchObject({
      status: 'ok',
      jobStatus: 'Active',
      changes: [{ kind: 'save-credentials', reason: 'token-rotated' }, { kind: 'start-job' }]
    })
  })

  test('a job still quarantined after the start fails', async () => {
    await onboard()
    graph.setJobStatus(quarantine)
    graph.afterStart = quarantine
    graph.validTokens.add('dapi-fresh-token-00000000000000000000')
    secrets.secret = { value: 'dapi-fresh-token-00000000000000000000', version: 'v2' }
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result.status).toBe('failed')
    expect(result.jobStatus).toBe('Quarantine')
    expect(result.changes.map((c) => c.kind)).toEqual(['save-credentials', 'start-job'])
  })

  test.each<[JobStatusCode, string]>([
    ['Paused', 'Paused'],
    ['NotRun', 'Disabled'],
    ['NotConfigured', 'Disabled']
  ])('a %s job with schedule %s (paused, or never started) is started', async (code, schedule) => {
    await onboard()
    graph.setJobStatus({ code }, schedule)
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result).toMatchObject({ status: 'ok', jobStatus: 'Active', changes: [{ kind: 'start-job' }] })
    expect(graph.writeCalls()).toEqual([expect.stringMatching(/^startJob sp-1 /)])
  })

  test.each<JobStatusCode>(['NotRun', 'Active'])(
    'a running %s job (schedule Active) is not started again',
    async (code) => {
      await onboard()
      graph.setJobStatus({ code }, 'Active')
      const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
      expect(result).toMatchObject({ status: 'ok', jobStatus: code, jobSchedule: 'Active', changes: [] })
      expect(graph.writeCalls()).toEqual([])
    }
  )
})

describe('the app', () => {
  test('two apps with the same name fail, naming both, and nothing is written', async () => {
    await onboard()
    graph.sps.push({ id: 'sp-9', appId: 'app-9', displayName: APP.toLowerCase(), appRoles: [], tags: [] })
    const before = graph.writes()
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result.status).toBe('failed')
    expect(result.error).toContain(`2 enterprise apps are named "${APP}"`)
    expect(result.error).toContain('sp-1 (app id app-1)')
    expect(result.error).toContain('sp-9 (app id app-9)')
    expect(result.error).toContain('Fix: Delete or rename the extra apps')
    expect(graph.writes()).toBe(before)
  })

  test('an app without a User role fails', async () => {
    graph.templateRoles = [{ id: 'r1', displayName: 'msiam_access' }]
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps())
    expect(result.status).toBe('failed')
    expect(result.error).toContain(`has no app role named "User" (its roles: "msiam_access")`)
    expect(graph.calls).not.toContainEqual(expect.stringMatching(/^assign /))
  })

  test('an app that does not appear in time fails, saying it was created and a re-run continues', async () => {
    graph.appearAfter = Number.POSITIVE_INFINITY
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps({ appearTimeoutMs: 10_000 }))
    expect(result).toMatchObject({
      status: 'failed',
      servicePrincipalId: 'sp-1',
      appId: 'app-1',
      changes: [{ kind: 'create-app', displayName: APP }]
    })
    expect(result.error).toContain(`"${APP}" was created (service principal sp-1, app id app-1)`)
    expect(result.error).toContain('within 10 s')
    expect(result.error).toContain('run provision-app again')
    // Bounded exponential backoff: doubling, capped, ending exactly at the timeout.
    expect(sleeps).toEqual([500, 1000, 2000, 4000, 2500])
    expect(graph.writes()).toBe(1)
  })
})

describe('dry run', () => {
  test('from nothing: zero writes, every step planned, the token read but not sent', async () => {
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps({ dryRun: true }))
    expect(graph.writes()).toBe(0)
    expect(secrets.reads).toEqual([SECRET_ID])
    expect(result).toMatchObject({ status: 'planned', assignedGroups: ['Data Engineers', 'Data Analysts'] })
    expect(result.changes).toEqual([
      { kind: 'create-app', displayName: APP },
      { kind: 'create-job' },
      { kind: 'save-credentials', reason: 'new' },
      { kind: 'assign-group', group: 'Data Engineers', groupId: 'g-eng' },
      { kind: 'assign-group', group: 'Data Analysts', groupId: 'g-ana' },
      { kind: 'start-job' }
    ])
  })

  test('of an existing app: plans the differences without writing', async () => {
    await onboard()
    graph.setJobStatus({ code: 'Paused' }, 'Paused')
    secrets.secret = { value: 'dapi-rotated-token-0000000000000000', version: 'v2' }
    const before = graph.writes()
    const result = await provisionWorkspace(
      workspace([mapping('Data Engineers'), mapping('Data Scientists')]),
      deps({ dryRun: true })
    )
    expect(graph.writes()).toBe(before)
    expect(result.status).toBe('planned')
    expect(result.jobStatus).toBe('Paused')
    expect(result.changes).toEqual([
      { kind: 'save-credentials', reason: 'token-rotated' },
      { kind: 'assign-group', group: 'Data Scientists', groupId: 'g-sci' },
      { kind: 'unassign-group', group: 'Data Analysts', groupId: 'g-ana' },
      { kind: 'start-job' }
    ])
  })

  test('with nothing to change: no changes', async () => {
    await onboard()
    const result = await provisionWorkspace(workspace(TWO_GROUPS), deps({ dryRun: true }))
    expect(result).toMatchObject({ status: 'planned', changes: [], jobStatus: 'Active' })
  })

  test('is the real run with apply skipped: the same plan, zero writes, on a Graph that refuses every write', async () => {
    await onboard()
    graph.setJobStatus({ code: 'Paused' }, 'Paused')
    graph.validTokens.add('dapi-rotated-token-0000000000000000')
    secrets.secret = { value: 'dapi-rotated-token-0000000000000000', version: 'v2' }
    const ws = workspace([mapping('Data Engineers'), mapping('Data Scientists')])
    const writes: string[] = []
    const refuse = (name: string) => async (): Promise<never> => {
      writes.push(name)
      throw new Error(`${name} in a dry run`)
    }
    const readOnly: ProvisioningGraph = {
      findServicePrincipals: (name) => graph.findServicePrincipals(name),
      getServicePrincipal: (id) => graph.getServicePrincipal(id),
      listJobs: (sp) => graph.listJobs(sp),
      getJob: (sp, job) => graph.getJob(sp, job),
      listAssignments: (sp) => graph.listAssignments(sp),
      writes: () => graph.writes(),
      instantiate: refuse('instantiate'),
      createJob: refuse('createJob'),
      validateCredentials: refuse('validateCredentials'),
      saveSecrets: refuse('saveSecrets'),
      startJob: refuse('startJob'),
      assign: refuse('assign'),
      unassign: refuse('unassign'),
      setTags: refuse('setTags')
    }
    const before = graph.writes()
    const planned = await provisionWorkspace(ws, deps({ graph: readOnly, dryRun: true }))
    expect(writes).toEqual([])
    expect(graph.writes()).toBe(before)
    expect(planned.status).toBe('planned')

    const made = await provisionWorkspace(ws, deps())
    expect(made.status).toBe('ok')
    expect(made.changes).toEqual(planned.changes)
    expect(made.assignedGroups).toEqual(planned.assignedGroups)
    expect(graph.writeCalls()).toEqual([
      expect.stringMatching(/^validateCredentials sp-1 /),
      'saveSecrets sp-1',
      'setTags sp-1',
      `assign sp-1 g-sci ${USER_ROLE_ID}`,
      expect.stringMatching(/^unassign sp-1 asg-/),
      expect.stringMatching(/^startJob sp-1 /)
    ])
  })
})

// ---- the command: every selected workspace, the summary, the outputs, the failure

describe('command: provision-app', () => {
  /** A report that keeps what the command says; the summary is @actions/core's buffer, emptied after. */
  function report() {
    core.summary.emptyBuffer()
    const outputs: Record<string, unknown> = {}
    const log: string[] = []
    return {
      outputs,
      log,
      report: {
        summary: core.summary,
        setOutput: (n: string, v: unknown) => void (outputs[n] = v),
        info: log.push.bind(log)
      }
    }
  }
  afterEach(() => {
    core.summary.emptyBuffer()
  })

  const plain = (): Workspace => ({ ...workspace([mapping('Data Engineers')]), name: 'plain', provisioning: undefined })
  const connect = () => ({ graph, directory, secrets })

  test('provisions each workspace with a provisioning block, then writes the summary and the outputs', async () => {
    const r = report()
    await provisionApp({ workspaces: [plain(), workspace(TWO_GROUPS)], dryRun: false }, connect, r.report)
    expect(r.outputs).toEqual({ changes: 6, 'has-changes': 'true', 'failed-workspaces': '' })
    expect(r.log).toEqual(['Provisioning the SCIM connector app of analytics-prod', 'Made 6 change(s).'])
    expect(core.summary.stringify()).toContain('SCIM provisioning connector app')
    expect(core.summary.stringify()).not.toContain('plain')
  })

  test('a failed workspace sets failed-workspaces and fails the step with its error', async () => {
    secrets.secret = { value: 'dapi-wrong-token-000000000000000000', version: 'v1' }
    const r = report()
    const error = await provisionApp({ workspaces: [workspace(TWO_GROUPS)], dryRun: false }, connect, r.report).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ActionError)
    expect((error as ActionError).message).toMatch(/^1 of 1 workspace\(s\) failed:\nanalytics-prod: The token in /)
    expect(r.outputs).toEqual({ changes: 2, 'has-changes': 'true', 'failed-workspaces': 'analytics-prod' })
    expect(core.summary.stringify()).toContain('1 workspace failed')
  })

  test('no selected workspace with a provisioning block fails before connecting', async () => {
    const r = report()
    const error = await provisionApp(
      { workspaces: [plain()], dryRun: true },
      () => {
        throw new Error('connected')
      },
      r.report
    ).catch((e: unknown) => e)
    expect((error as ActionError).describe()).toBe(
      'None of the selected workspaces (plain) has a provisioning block.\n' +
        'Fix: Add `provisioning:` (app-name, notification-email) and `token-secret` to the workspace in the config.'
    )
    expect(r.outputs).toEqual({})
  })
})

// ---- GraphProvisioning over the real Graph client

interface Recorded {
  method: string
  url: string
  body?: unknown
}

/** The last middleware of the client: records each request and answers from `answer`. */
function graphClient(answer: (r: Recorded) => { status: number; body?: unknown }) {
  const requests: Recorded[] = []
  const middleware: Middleware = {
    async execute(context: Context) {
      const options = context.options ?? {}
      const r: Recorded = {
        method: options.method ?? 'GET',
        url: decodeURIComponent(String(context.request)),
        ...(typeof options.body === 'string' ? { body: JSON.parse(options.body) } : {})
      }
      requests.push(r)
      const { status, body } = answer(r)
      context.response = new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' }
      })
    }
  }
  const client = Client.initWithMiddleware({ middleware, defaultVersion: 'v1.0' })
  return {
    requests,
    provisioning: new GraphProvisioning(
      { client, endpoint: 'https://graph.microsoft.com', signInError: () => undefined },
      'app ci-app'
    )
  }
}

const graphError = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } })

describe('GraphProvisioning', () => {
  test('finds service principals by an encoded, quote-doubled name with the properties it needs', async () => {
    const { requests, provisioning } = graphClient(() => ({
      status: 200,
      body: { value: [{ id: 'sp-1', appId: 'app-1', displayName: "O'Neil & Co", appRoles: null, tags: null }] }
    }))
    const found = await provisioning.findServicePrincipals("O'Neil & Co")
    expect(found).toEqual([{ id: 'sp-1', appId: 'app-1', displayName: "O'Neil & Co", appRoles: [], tags: [] }])
    expect(requests[0]?.url).toContain("$filter=displayName eq 'O''Neil & Co'")
    expect(requests[0]?.url).toContain('$select=id,appId,displayName,appRoles,tags')
    expect(provisioning.writes()).toBe(0)
  })

  test('a service principal not there yet is undefined', async () => {
    const { provisioning } = graphClient(() => graphError(404, 'Request_ResourceNotFound', 'not found'))
    await expect(provisioning.getServicePrincipal('sp-1')).resolves.toBeUndefined()
  })

  test('makes the documented write requests and counts them', async () => {
    const { requests, provisioning } = graphClient((r) => {
      if (r.url.endsWith('/instantiate')) {
        return { status: 201, body: { application: { id: 'obj-1', appId: 'app-1' }, servicePrincipal: { id: 'sp-1' } } }
      }
      if (r.url.endsWith('/jobs') && r.method === 'POST') {
        return { status: 201, body: { id: 'dataBricks.j1', templateId: 'dataBricks', status: { code: 'NotRun' } } }
      }
      if (r.url.endsWith('/appRoleAssignedTo') && r.method === 'POST') {
        return { status: 201, body: { id: 'asg-1', principalId: 'g-1', principalType: 'Group', appRoleId: 'role' } }
      }
      return { status: 204 }
    })
    const creds: Credential[] = [
      { key: 'BaseAddress', value: `${HOST}/api/2.0/preview/scim` },
      { key: 'SecretToken', value: TOKEN }
    ]
    await expect(provisioning.instantiate(DATABRICKS_CONNECTOR_TEMPLATE_ID, APP)).resolves.toEqual({
      applicationId: 'app-1',
      servicePrincipalId: 'sp-1'
    })
    await provisioning.createJob('sp-1', 'dataBricks')
    await provisioning.validateCredentials('sp-1', 'dataBricks.j1', creds)
    await provisioning.saveSecrets('sp-1', creds)
    await provisioning.assign('sp-1', 'g-1', 'role')
    await provisioning.unassign('sp-1', 'asg-1')
    await provisioning.setTags('sp-1', ['a', 'b'])
    await provisioning.startJob('sp-1', 'dataBricks.j1')
    expect(provisioning.writes()).toBe(8)
    const base = 'https://graph.microsoft.com/v1.0'
    expect(requests.map((r) => `${r.method} ${r.url.replace(base, '')}`)).toEqual([
      `POST /applicationTemplates/${DATABRICKS_CONNECTOR_TEMPLATE_ID}/instantiate`,
      'POST /servicePrincipals/sp-1/synchronization/jobs',
      'POST /servicePrincipals/sp-1/synchronization/jobs/dataBricks.j1/validateCredentials',
      'PUT /servicePrincipals/sp-1/synchronization/secrets',
      'POST /servicePrincipals/sp-1/appRoleAssignedTo',
      'DELETE /servicePrincipals/sp-1/appRoleAssignedTo/asg-1',
      'PATCH /servicePrincipals/sp-1',
      'POST /servicePrincipals/sp-1/synchronization/jobs/dataBricks.j1/start'
    ])
    expect(requests.map((r) => r.body)).toEqual([
      { displayName: APP },
      { templateId: 'dataBricks' },
      { credentials: creds },
      { value: creds },
      { principalId: 'g-1', resourceId: 'sp-1', appRoleId: 'role' },
      undefined,
      { tags: ['a', 'b'] },
      {}
    ])
  })

  test('refused credentials are a CredentialsRefusedError, without the token even if Graph echoes it', async () => {
    const { provisioning } = graphClient(() => graphError(400, 'BadRequest', `Token ${TOKEN} is not valid`))
    const creds: Credential[] = [{ key: 'SecretToken', value: TOKEN }]
    const error = await provisioning.validateCredentials('sp-1', 'j1', creds).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CredentialsRefusedError)
    expect((error as Error).message).toBe('Token *** is not valid')
  })

  test.each([
    ['instantiate', 'Application.ReadWrite.All', (p: GraphProvisioning) => p.instantiate('t', 'x')],
    ['saveSecrets', 'Synchronization.ReadWrite.All', (p: GraphProvisioning) => p.saveSecrets('sp', [])],
    ['listJobs', 'Synchronization.ReadWrite.All', (p: GraphProvisioning) => p.listJobs('sp')],
    ['assign', 'AppRoleAssignment.ReadWrite.All', (p: GraphProvisioning) => p.assign('sp', 'g', 'r')],
    ['setTags', 'Application.ReadWrite.All', (p: GraphProvisioning) => p.setTags('sp', [])]
  ])('a 403 on %s names the permission to grant', async (_name, permission, call) => {
    const { provisioning } = graphClient(() =>
      graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges')
    )
    const error = (await call(provisioning).catch((e: unknown) => e)) as ActionError
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain('Microsoft Graph answered 403 Authorization_RequestDenied while')
    expect(error.fix).toBe(
      `Grant app ci-app the Microsoft Graph application permission ${permission} with admin consent.`
    )
  })

  test('follows pages of assignments', async () => {
    const { provisioning } = graphClient((r) =>
      r.url.includes('page2')
        ? { status: 200, body: { value: [{ id: 'a2' }] } }
        : {
            status: 200,
            body: { value: [{ id: 'a1' }], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/next?page2' }
          }
    )
    const all = await provisioning.listAssignments('sp-1')
    expect(all.map((a) => a.id)).toEqual(['a1', 'a2'])
  })
})
