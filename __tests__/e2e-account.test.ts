// End-to-end: account-level sync (identity federation) and assignment of account groups to workspaces, run as
// `node dist/index.js` against the account emulator with Databricks' published account rate limits on.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT, writeConfigFile, type ActionRun } from '../emulators/runner.js'
import { OWNERSHIP_GROUP } from '../src/targets/databricks/ownership.js'

const ETL_APP = '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b'
const POWERBI_APP = '9d2e4f6a-7b8c-4d1e-a2f3-6c5b4a392817'
const PROD_ID = '6234138917436195'
const DEV_ID = '1234567890123456'
const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))

let emu: Emulators
let workdir: string

beforeEach(async () => {
  emu = await startEmulators({ fixture, accountLimits: true })
  workdir = mkdtempSync(join(tmpdir(), 'e2e-account-'))
  writeConfig()
})

afterEach(async () => {
  await emu?.stop()
})

function writeConfig(
  prodGroups: unknown[] = [
    { group: 'data-engineers', permission: 'USER' },
    { group: 'data-analysts', permission: 'ADMIN' }
  ],
  devGroups: unknown[] = ['data-engineers'],
  accountGroups: unknown[] = [
    { entra: 'Data Engineers', databricks: 'data-engineers' },
    { entra: 'Data Analysts', databricks: 'data-analysts' }
  ]
): void {
  writeConfigFile(workdir, {
    version: 1,
    defaults: { 'max-deletions': 5 },
    account: { id: emu.accountId, host: emu.accountHost, groups: accountGroups },
    workspaces: [
      {
        name: 'analytics-prod',
        host: emu.workspaceHosts['analytics-prod'],
        'workspace-id': PROD_ID,
        'account-groups': prodGroups
      },
      {
        name: 'analytics-dev',
        host: emu.workspaceHosts['analytics-dev'],
        'workspace-id': DEV_ID,
        'account-groups': devGroups
      }
    ]
  })
}

function syncRun(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAgainst(emu, { cwd: workdir, inputs: { command: 'sync', config: 'databricks-identities.yml', ...inputs } })
}

const accountMembers = (group: string): string[] =>
  (emu.account?.group(group)?.memberNames ?? []).map((m) => m.toLowerCase()).sort()
const assigned = (workspace: string): string[] =>
  (emu.account?.assignments(workspace) ?? [])
    .filter((a) => a.type === 'group')
    .map((a) => `${a.principal}:${a.permissions.join('+')}`)
    .sort()
const writes = (service: string) => emu.log.filter((e) => e.service === service && e.method !== 'GET')

const ENGINEERS = [
  'diego.siciliani@contoso.com',
  'grady.archie@contoso.com',
  'isaiah.langer@contoso.com',
  ETL_APP,
  'pradeep.gupta@fabrikam.com'
]
const ANALYSTS = [
  'johanna.lorenz@contoso.com',
  'lee.gu@contoso.com',
  'lynne.robbins@contoso.com',
  'megan.bowen@contoso.com',
  POWERBI_APP
]

describe('account sync', () => {
  test('first account sync, then account groups assigned to two workspaces, then a re-run with no write', async () => {
    const run = await syncRun()
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(accountMembers('data-engineers')).toEqual([...ENGINEERS].sort())
    expect(accountMembers('data-analysts')).toEqual([...ANALYSTS].sort())
    expect(assigned('analytics-prod')).toEqual(['data-analysts:ADMIN', 'data-engineers:USER', 'platform-admins:ADMIN'])
    expect(assigned('analytics-dev')).toEqual(['data-engineers:USER', 'platform-admins:ADMIN'])
    // Identity federation: no workspace-level SCIM at all for these workspaces.
    expect(emu.log.filter((e) => e.service.startsWith('databricks:'))).toEqual([])
    // Paced under the published account limits (PATCH 2/s, POST 5/s): nothing was refused.
    expect(emu.log.filter((e) => e.service === 'databricks-account' && e.status === 429)).toEqual([])
    expect(run.summary).toContain('account')
    expect(run.summary).toContain('data-analysts')

    emu.clearLog()
    const again = await syncRun()
    expect(again.code).toBe(0)
    expect(writes('databricks-account')).toEqual([])
    expect(again.outputs.changes).toBe('0')
  })

  test('changes: a member leaves in Entra, a group is unassigned, a permission changes', async () => {
    expect((await syncRun()).code).toBe(0)
    emu.graph.removeMember('Data Engineers', 'diego.siciliani@contoso.com')
    writeConfig([{ group: 'data-engineers', permission: 'ADMIN' }], ['data-engineers'])
    const run = await syncRun()
    expect(run.code).toBe(0)
    expect(accountMembers('data-engineers')).not.toContain('diego.siciliani@contoso.com')
    expect(assigned('analytics-prod')).toEqual(['data-engineers:ADMIN', 'platform-admins:ADMIN'])
    // platform-admins is not managed by the config: never unassigned.
    expect(assigned('analytics-dev')).toEqual(['data-engineers:USER', 'platform-admins:ADMIN'])
  })

  // Found in review: the assignments reused the workspace's breaker and result, so when they tripped after the
  // workspace's own identities were applied, the summary said nothing changed and listed the applied ones as planned.
  test('each step has its own breaker: identities applied, then assignments tripped; both reported as they are', async () => {
    const config = (prodAccountGroups: unknown[], maxDeletions: number) =>
      writeConfigFile(workdir, {
        version: 1,
        defaults: { 'max-deletions': maxDeletions },
        account: {
          id: emu.accountId,
          host: emu.accountHost,
          groups: [
            { entra: 'Data Engineers', databricks: 'data-engineers' },
            { entra: 'Data Analysts', databricks: 'data-analysts' }
          ]
        },
        workspaces: [
          {
            name: 'analytics-prod',
            host: emu.workspaceHosts['analytics-prod'],
            'workspace-id': PROD_ID,
            groups: ['Databricks-Group-Test'],
            'account-groups': prodAccountGroups
          }
        ]
      })
    config(['data-engineers', 'data-analysts'], 5)
    expect((await syncRun()).code).toBe(0)
    expect(assigned('analytics-prod')).toEqual(['data-analysts:USER', 'data-engineers:USER', 'platform-admins:ADMIN'])

    // A user joins the workspace's own group (created and added: two changes, no removal), and an account group
    // leaves the workspace (one unassignment, over max-deletions 0).
    emu.graph.addMember('Databricks-Group-Test', 'lee.gu@contoso.com')
    config(['data-engineers'], 0)
    const run = await syncRun()
    expect(run.code).toBe(1)
    expect(assigned('analytics-prod')).toEqual(['data-analysts:USER', 'data-engineers:USER', 'platform-admins:ADMIN'])
    expect(run.outputs.changes).toBe('2')
    expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
    expect(run.summary).toContain('2 changes made')
    expect(run.summary).toContain('<h4>Members added</h4>')
    expect(run.summary).toContain('<h4>Planned, not applied: change workspace assignments</h4>')
    expect(run.summary).toContain('Identities and memberships: Changed: 2 operations applied.')
    expect(run.summary).toContain('Workspace assignments: ⛔ circuit breaker: 1 removal &gt; limit 0')
    expect(run.annotations.at(-1)?.message).toContain(
      'analytics-prod: Circuit breaker: the plan unassigns 1 account group(s), over the limit of 0; no assignment was changed.'
    )
  })

  test('a per-workspace job assigns without syncing the account; workspace: account syncs only the account', async () => {
    const accountOnly = await syncRun({ workspace: 'account' })
    expect(accountOnly.code).toBe(0)
    expect(accountMembers('data-engineers')).toEqual([...ENGINEERS].sort())
    expect(assigned('analytics-prod')).toEqual(['platform-admins:ADMIN'])
    emu.clearLog()
    const prodOnly = await syncRun({ workspace: 'analytics-prod' })
    expect(prodOnly.code).toBe(0)
    expect(writes('databricks-account').every((e) => e.path.includes('/permissionassignments/'))).toBe(true)
    expect(assigned('analytics-prod')).toEqual(['data-analysts:ADMIN', 'data-engineers:USER', 'platform-admins:ADMIN'])
    expect(assigned('analytics-dev')).toEqual(['platform-admins:ADMIN'])
  })

  test('a plan over the account limit of 10,000 users fails early and writes nothing', async () => {
    const big = Array.from({ length: 10_001 }, (_, i) => `bulk.user.${String(i).padStart(5, '0')}@contoso.com`)
    emu.graph.addGroup({ displayName: 'Everyone Big' })
    for (const upn of big) {
      emu.graph.addUser({ userPrincipalName: upn })
      emu.graph.addMember('Everyone Big', upn)
    }
    writeConfig([], ['data-engineers'], [{ entra: 'Everyone Big', databricks: 'everyone' }])
    emu.clearLog()
    const run = await syncRun({ 'dry-run': 'false' })
    expect(run.code).toBe(1)
    expect(writes('databricks-account')).toEqual([])
    const failure = run.annotations.at(-1)?.message ?? ''
    expect(failure).toContain('account:')
    expect(failure).toContain('10,000')
    expect(run.outputs['failed-workspaces']).toContain('account')
  })

  // Account SCIM keeps no externalId on users (the emulator drops it, as Databricks does), so the workspace rule
  // never owned an account user: removal deactivate/delete never happened at account level.
  test('removal: deactivate at account level: what the action created is deactivated, what it did not is kept; the mark survives a lost cache; dry-run creates nothing', async () => {
    const config = () =>
      writeConfigFile(workdir, {
        version: 1,
        defaults: { 'max-deletions': 5, removal: 'deactivate' },
        account: {
          id: emu.accountId,
          host: emu.accountHost,
          groups: [{ entra: 'Data Engineers', databricks: 'data-engineers' }]
        },
        workspaces: [
          {
            name: 'analytics-prod',
            host: emu.workspaceHosts['analytics-prod'],
            'workspace-id': PROD_ID,
            'account-groups': ['data-engineers']
          }
        ]
      })
    config()
    const state = join(workdir, 'state.json')

    // A first dry-run on an account without the ownership group writes nothing, that group included.
    const dry = await syncRun({ workspace: 'account', 'dry-run': 'true' })
    expect(dry.code).toBe(0)
    expect(writes('databricks-account')).toEqual([])
    expect(emu.account!.group(OWNERSHIP_GROUP)).toBeUndefined()

    const first = await syncRun({ workspace: 'account', 'state-file': state })
    expect(first.code).toBe(0)
    expect(existsSync(state)).toBe(true)
    // What it created is marked (users, the service principal, the group); grady was in the account before.
    const made = [...ENGINEERS.filter((k) => k !== 'grady.archie@contoso.com'), 'data-engineers'].sort()
    expect(accountMembers(OWNERSHIP_GROUP)).toEqual(made)
    // The ownership group is never planned on: not created, changed or counted as an operation of the plan.
    expect(first.summary).not.toContain(OWNERSHIP_GROUP)
    expect(emu.account!.user('diego.siciliani@contoso.com')!.externalId).toBeUndefined()

    // Two members leave in Entra; the runner's cache (the state file) is lost.
    emu.graph.removeMember('Data Engineers', 'diego.siciliani@contoso.com')
    emu.graph.removeMember('Data Engineers', 'grady.archie@contoso.com')
    rmSync(state)
    emu.clearLog()
    const second = await syncRun({ workspace: 'account', 'state-file': state })
    expect(second.code).toBe(0)
    expect(emu.account!.user('diego.siciliani@contoso.com')!.active).toBe(false)
    expect(emu.account!.user('grady.archie@contoso.com')!.active).toBe(true)
    expect(accountMembers('data-engineers')).not.toContain('grady.archie@contoso.com')
    expect(second.summary).toContain(
      `not deactivated: the action did not create it (not a member of the account group ${OWNERSHIP_GROUP}, which marks what it created)`
    )
    // Nothing was written to the ownership group (a deactivated user stays the action's).
    const markerId = emu.account!.group(OWNERSHIP_GROUP)!.id
    expect(writes('databricks-account').filter((e) => e.path.includes(`/Groups/${markerId}`))).toEqual([])
  })

  // Automatic identity management (on by default for Azure accounts created since August 2025): Entra's groups are
  // external identities whose members Databricks keeps; SCIM shows them without members and refuses writes to them.
  test('automatic identity management: an Entra group Databricks keeps is never written, reported with the fix, and still assigned', async () => {
    await emu.stop()
    const aimFixture = structuredClone(fixture)
    const entraId = aimFixture.groups.find((g) => g.displayName === 'Data Engineers')!.id!
    aimFixture.account!.aim = true
    aimFixture.account!.groups = [
      ...(aimFixture.account!.groups ?? []),
      { displayName: 'data-engineers', externalId: entraId, members: ['grady.archie@contoso.com'] }
    ]
    emu = await startEmulators({ fixture: aimFixture, accountLimits: true })
    writeConfig(
      [{ group: 'data-engineers', permission: 'USER' }],
      [],
      [{ entra: 'Data Engineers', databricks: 'data-engineers' }]
    )
    const usersBefore = emu.account!.users().length
    const aimGroup = emu.account!.group('data-engineers')!

    const run = await syncRun()
    expect(run.code).toBe(0)
    expect(
      emu.log.filter(
        (e) => e.service === 'databricks-account' && e.path.includes(`/Groups/${aimGroup.id}`) && e.method !== 'GET'
      )
    ).toEqual([])
    expect(accountMembers('data-engineers')).toEqual(['grady.archie@contoso.com'])
    // Its members are not created for it either: AIM brings them.
    expect(emu.account!.users()).toHaveLength(usersBefore)
    expect(run.summary).toContain('group kept elsewhere')
    expect(run.summary).toContain('manage it with Databricks automatic identity management')
    // Assigning it to workspaces is still this action's job (AIM does not assign groups).
    expect(assigned('analytics-prod')).toEqual(['data-engineers:USER', 'platform-admins:ADMIN'])
  })
})
