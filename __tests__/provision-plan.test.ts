// The provision-app planner on its own: the app as read plus what the config asks -> the ordered changes, the
// groups and job status that result, notes, and where planning stops. A pure function: no Graph, no fakes.
import { describe, expect, test } from '@jest/globals'
import { CREDENTIALS_TAG_PREFIX, credentialsTag, desiredCredentials } from '../src/provisioning/credentials.js'
import { planApp, planProvisioning } from '../src/provisioning/plan.js'
import type { AppRole, AppRoleAssignment, CurrentApp, DesiredApp, SyncJob } from '../src/provisioning/types.js'

const HOST = 'https://adb-6234138917436195.15.azuredatabricks.net'
const SECRET_ID = 'https://kv-data.vault.azure.net/secrets/dbx-prod-pat'
const APP = 'Azure Databricks SCIM - analytics-prod'
const TOKEN = 'dapi0123456789abcdef0123456789abcdef'
const USER: AppRole = { id: 'role-user', displayName: 'User' }
const ENG = { id: 'g-eng', displayName: 'Data Engineers' }
const ANA = { id: 'g-ana', displayName: 'Data Analysts' }
const SCI = { id: 'g-sci', displayName: 'Data Scientists' }

function desired(over: Partial<DesiredApp> = {}, version = 'v1', email = 'platform@contoso.com'): DesiredApp {
  const credentials = desiredCredentials(HOST, email, TOKEN)
  return {
    workspace: 'analytics-prod',
    host: HOST,
    appName: APP,
    secretId: SECRET_ID,
    credentials,
    credentialsTag: credentialsTag(credentials, SECRET_ID, version),
    groups: [ENG, ANA],
    keep: [],
    ...over
  }
}

const assignment = (group: { id: string; displayName: string }): AppRoleAssignment => ({
  id: `asg-${group.id}`,
  principalId: group.id,
  principalType: 'Group',
  principalDisplayName: group.displayName,
  appRoleId: USER.id
})

const job = (status: SyncJob['status'], schedule?: string): SyncJob => ({
  id: 'dataBricks.j1',
  templateId: 'dataBricks',
  ...(schedule ? { schedule: { state: schedule } } : {}),
  status
})

/** The app as provision-app leaves it for desired(): tagged with v1 credentials, both groups, job Active. */
function inPlace(over: Partial<CurrentApp> = {}): CurrentApp {
  return {
    servicePrincipal: {
      id: 'sp-1',
      appId: 'app-1',
      displayName: APP,
      appRoles: [{ id: 'role-msiam', displayName: 'msiam_access' }, USER],
      tags: ['WindowsAzureActiveDirectoryIntegratedApp', desired().credentialsTag]
    },
    job: job({ code: 'Active' }),
    userRole: USER,
    assignments: [assignment(ENG), assignment(ANA)],
    ...over
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}

describe('planProvisioning', () => {
  test('nothing exists: every step in full, from the app to the job start', () => {
    const plan = planProvisioning(undefined, desired())
    expect(plan.changes).toEqual([
      { kind: 'create-app', displayName: APP },
      { kind: 'create-job' },
      { kind: 'save-credentials', reason: 'new' },
      { kind: 'assign-group', group: 'Data Engineers', groupId: 'g-eng' },
      { kind: 'assign-group', group: 'Data Analysts', groupId: 'g-ana' },
      { kind: 'start-job' }
    ])
    expect(plan.assignedGroups).toEqual(['Data Engineers', 'Data Analysts'])
    expect(plan.notes).toEqual([
      {
        text: `The app "${APP}" does not exist yet: every later step would run in full once it is created.`,
        dryRunOnly: true
      }
    ])
    expect(plan.jobStatus).toBeUndefined()
    expect(plan.failure).toBeUndefined()
  })

  test('everything in place: an empty plan', () => {
    const plan = planProvisioning(inPlace(), desired())
    expect(plan).toEqual({
      changes: [],
      notes: [],
      assignedGroups: ['Data Engineers', 'Data Analysts'],
      jobStatus: 'Active'
    })
  })

  test('is pure: its inputs are left as they were', () => {
    const app = deepFreeze(inPlace({ job: job({ code: 'Paused' }), assignments: [assignment(SCI)] }))
    const want = deepFreeze(desired({}, 'v2'))
    expect(() => planApp(app, want)).not.toThrow()
    expect(planApp(app, want)).toEqual(planApp(app, want))
  })
})

describe('the credentials', () => {
  test('a new Key Vault version: only the credentials, as a rotated token', () => {
    const plan = planApp(inPlace(), desired({}, 'v2'))
    expect(plan.changes).toEqual([{ kind: 'save-credentials', reason: 'token-rotated' }])
    expect(plan.notes).toEqual([
      { text: 'Dry run: the token was read from Key Vault but not validated against the workspace.', dryRunOnly: true }
    ])
  })

  test('another notification email: a settings change', () => {
    const plan = planApp(inPlace(), desired({}, 'v1', 'data-platform@contoso.com'))
    expect(plan.changes).toEqual([{ kind: 'save-credentials', reason: 'settings-changed' }])
  })

  test('no marker tag: saved as new', () => {
    const app = inPlace()
    app.servicePrincipal.tags = app.servicePrincipal.tags.filter((t) => !t.startsWith(CREDENTIALS_TAG_PREFIX))
    expect(planApp(app, desired()).changes).toEqual([{ kind: 'save-credentials', reason: 'new' }])
  })
})

describe('the groups', () => {
  test('a group added to and one removed from the config: assigned first, then unassigned', () => {
    const plan = planApp(inPlace(), desired({ groups: [ENG, SCI] }))
    expect(plan.changes).toEqual([
      { kind: 'assign-group', group: 'Data Scientists', groupId: 'g-sci' },
      { kind: 'unassign-group', group: 'Data Analysts', groupId: 'g-ana' }
    ])
    expect(plan.assignedGroups).toEqual(['Data Engineers', 'Data Scientists'])
    expect(plan.notes).toEqual([])
  })

  test('removal: keep on any group: nothing unassigned, and a note says why', () => {
    const plan = planApp(inPlace(), desired({ groups: [ENG, SCI], keep: ['Data Engineers'] }))
    expect(plan.changes).toEqual([{ kind: 'assign-group', group: 'Data Scientists', groupId: 'g-sci' }])
    expect(plan.assignedGroups).toEqual(['Data Engineers', 'Data Scientists', 'Data Analysts'])
    expect(plan.notes).toEqual([
      { text: 'Left assigned although not in the config (removal: keep on "Data Engineers"): "Data Analysts".' }
    ])
  })

  test('a workspace that lists no groups unassigns nothing', () => {
    const plan = planApp(inPlace(), desired({ groups: [] }))
    expect(plan.changes).toEqual([])
    expect(plan.assignedGroups).toEqual(['Data Engineers', 'Data Analysts'])
    expect(plan.notes[0]?.text).toContain('the workspace lists no groups')
  })

  test('group ids match ignoring case', () => {
    const app = inPlace({ assignments: [assignment({ id: 'G-ENG', displayName: 'Data Engineers' }), assignment(ANA)] })
    expect(planApp(app, desired()).changes).toEqual([])
  })

  test('no User role: planning stops after the credentials, with the fix', () => {
    const app = inPlace({ userRole: undefined, assignments: [] })
    app.servicePrincipal.appRoles = [{ id: 'role-msiam', displayName: 'msiam_access' }]
    const plan = planApp(app, desired({ groups: [SCI] }, 'v2'))
    expect(plan.changes).toEqual([{ kind: 'save-credentials', reason: 'token-rotated' }])
    expect(plan.assignedGroups).toEqual([])
    expect(plan.jobStatus).toBeUndefined()
    expect(plan.failure?.message).toContain('has no app role named "User" (its roles: "msiam_access")')
  })
})

describe('the job', () => {
  test('none yet: created first and started last, with no status to report', () => {
    const plan = planApp(inPlace({ job: undefined }), desired())
    expect(plan.changes).toEqual([{ kind: 'create-job' }, { kind: 'start-job' }])
    expect(plan.jobStatus).toBeUndefined()
  })

  test.each([
    ['Paused', 'Paused'],
    ['NotRun', 'Disabled'],
    ['NotConfigured', 'Disabled'],
    ['Paused', undefined],
    ['NotRun', undefined]
  ])('%s, schedule %s: never started or paused, so started', (code, schedule) => {
    const plan = planApp(inPlace({ job: job({ code }, schedule) }), desired())
    expect(plan.changes).toEqual([{ kind: 'start-job' }])
    expect(plan.jobStatus).toBe(code)
    expect(plan.jobSchedule).toBe(schedule)
    expect(plan.notes).toEqual([])
  })

  test('NotRun, schedule Active: the first cycle is running, so it is not started again, and a note says so', () => {
    const plan = planApp(inPlace({ job: job({ code: 'NotRun' }, 'Active') }), desired())
    expect(plan.changes).toEqual([])
    expect(plan).toMatchObject({ jobStatus: 'NotRun', jobSchedule: 'Active' })
    expect(plan.failure).toBeUndefined()
    expect(plan.notes).toEqual([
      {
        text: expect.stringContaining(
          'still in its first provisioning cycle (status NotRun, schedule Active), which can take from 20 minutes to several hours: it is left running'
        )
      }
    ])
  })

  test('a running job is not started even when its token is rotated: the next cycle uses the saved one', () => {
    for (const code of ['NotRun', 'Active']) {
      const plan = planApp(inPlace({ job: job({ code }, 'Active') }), desired({}, 'v2'))
      expect(plan.changes).toEqual([{ kind: 'save-credentials', reason: 'token-rotated' }])
    }
  })

  const quarantine: SyncJob['status'] = {
    code: 'Quarantine',
    quarantine: { reason: 'EncounteredQuarantineException', error: { code: 'X', message: '401 Unauthorized' } }
  }

  test('in quarantine with the same credentials: the other changes, then the quarantine error', () => {
    const plan = planApp(inPlace({ job: job(quarantine) }), desired({ groups: [ENG, ANA, SCI] }))
    expect(plan.changes).toEqual([{ kind: 'assign-group', group: 'Data Scientists', groupId: 'g-sci' }])
    expect(plan.jobStatus).toBe('Quarantine')
    expect(plan.failure?.message).toContain('is in quarantine: EncounteredQuarantineException. X: 401 Unauthorized.')
    expect(plan.failure?.fix).toContain(`Store a new PAT in ${SECRET_ID}`)
  })

  test('in quarantine for four weeks (schedule Disabled): still reported as the quarantine, not started', () => {
    const plan = planApp(inPlace({ job: job(quarantine, 'Disabled') }), desired())
    expect(plan.changes).toEqual([])
    expect(plan.failure?.message).toContain('is in quarantine')
  })

  test('in quarantine with new credentials: saved, then started, and a dry run says why', () => {
    const plan = planApp(inPlace({ job: job(quarantine) }), desired({}, 'v2'))
    expect(plan.changes).toEqual([{ kind: 'save-credentials', reason: 'token-rotated' }, { kind: 'start-job' }])
    expect(plan.failure).toBeUndefined()
    expect(plan.notes.at(-1)).toEqual({
      text: 'The job is in quarantine; saving the new credentials and starting it should end that.',
      dryRunOnly: true
    })
  })
})
