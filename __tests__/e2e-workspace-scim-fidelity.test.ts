// End-to-end (`node dist/index.js`) against the workspace emulator's real-service behaviours (emulators/README.md,
// "Databricks workspace SCIM"): account groups seen in an identity-federated workspace, users' display names there,
// and the PATCH shapes of deactivation and entitlement removal.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFixture, stableGuid, type TenantFixture } from '../emulators/fixture.js'
import { demoWorkspaces, runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT, writeConfigFile, type ActionRun } from '../emulators/runner.js'
import { readPlan } from './fault-helpers.js'

const ETL_APP = '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b'
const PROD = 'analytics-prod'

let emu: Emulators
let workdir: string

function fixture(): TenantFixture {
  const f = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
  const prod = f.workspaces.find((w) => w.name === PROD)!
  // Two account groups assigned to prod: one of a mapping's name, one with the Entra group's id as externalId
  // (what account-level sync stamps).
  prod.accountGroups = [
    { displayName: 'data-analysts', members: ['adele.vance@contoso.com'] },
    {
      displayName: 'contractors-account',
      externalId: f.groups.find((g) => g.displayName === 'Data Engineers - Contractors')!.id!
    }
  ]
  return f
}

beforeEach(async () => {
  emu = await startEmulators({ fixture: fixture() })
  workdir = mkdtempSync(join(tmpdir(), 'e2e-ws-fidelity-'))
})

afterEach(async () => {
  await emu?.stop()
})

function writeConfig(prod: unknown[], defaults: Record<string, unknown> = { 'max-deletions': '50%' }): void {
  writeConfigFile(workdir, {
    version: 1,
    defaults,
    workspaces: demoWorkspaces(emu, { auth: 'entra', groups: prod }, { groups: ['Databricks-Group-Test'] })
  })
}

const syncRun = (): Promise<ActionRun> =>
  runAgainst(emu, {
    cwd: workdir,
    inputs: { command: 'sync', config: 'databricks-identities.yml', workspace: PROD }
  })

const prod = () => emu.workspaces[PROD]!
const prodWrites = () =>
  emu.log.filter((e) => e.service === `databricks:${PROD}` && e.method !== 'GET').map((e) => ({ ...e }))

describe('account groups in a workspace (identity federation)', () => {
  test('never written or adopted: a skip with the fix in the plan and summary; the other mappings sync', async () => {
    writeConfig([
      'Databricks-Group-Test',
      { entra: 'Data Analysts', databricks: 'data-analysts' },
      { entra: 'Data Engineers - Contractors', databricks: 'contractors' }
    ])
    const accountIds = ['data-analysts', 'contractors-account'].map((g) => prod().group(g)!.id)
    const run = await syncRun()
    expect(run.code).toBe(0)
    expect(prodWrites().filter((e) => accountIds.some((id) => e.path.endsWith(`/Groups/${id}`)))).toEqual([])
    // Neither adopted nor duplicated: no group of those names made, no member added to them.
    expect(prod().group('data-analysts')).toMatchObject({ memberNames: ['adele.vance@contoso.com'] })
    expect(prod().group('contractors-account')!.memberNames).toEqual([])
    expect(prod().group('contractors')).toBeUndefined()
    // Their members are not made for them; the other mapping synced.
    expect(prod().user('johanna.lorenz@contoso.com')).toBeUndefined()
    expect(prod().user('pradeep.gupta@fabrikam.com')).toBeUndefined()
    expect(
      prod()
        .group('Databricks-Group-Test')!
        .memberNames.map((m) => m.toLowerCase())
        .sort()
    ).toEqual(['adele.vance@contoso.com', 'alex.wilber@contoso.com', 'megan.bowen@contoso.com'])

    const plan = readPlan(run)!.workspaces.find((w) => w.workspace === PROD) as unknown as {
      steps: { skips?: { reason: string; subject: string; group?: string; detail: string }[] }[]
    }
    const skips = plan.steps.flatMap((s) => s.skips ?? []).filter((s) => s.reason === 'external-group')
    expect(skips.map((s) => [s.subject, s.group])).toEqual([
      ['contractors-account', 'contractors'],
      ['data-analysts', 'data-analysts']
    ])
    for (const s of skips) {
      expect(s.detail).toBe(
        'not synced: it is an account group (identity federation), which workspace SCIM cannot change; manage it at account level: list it under account.groups and assign it to this workspace with account-groups (or map the Entra group to another Databricks group name)'
      )
    }
    expect(run.summary).toContain('group kept elsewhere')
    expect(run.summary).toContain('list it under account.groups and assign it to this workspace with account-groups')

    emu.clearLog()
    const again = await syncRun()
    expect(again.code).toBe(0)
    expect(prodWrites()).toEqual([])
    expect(again.outputs.changes).toBe('0')
  })

  test('an account group that appears between read and create (the POST meets a 409) is not adopted', async () => {
    writeConfig(['Databricks-Group-Test', { entra: 'Data Engineers', databricks: 'data-engineers' }])
    const server = emu.servers[`databricks:${PROD}`]!
    server.onRequest = ({ method, path, body }) => {
      if (
        method === 'POST' &&
        path.endsWith('/Groups') &&
        (body as { displayName?: string }).displayName === 'data-engineers'
      )
        prod().addAccountGroup({ displayName: 'data-engineers' })
    }
    const run = await syncRun()
    server.onRequest = undefined
    expect(run.code).toBe(1)
    expect(run.summary).toContain(
      'group data-engineers was not created: the workspace already has a group of that name, and it is an account group'
    )
    const id = prod().group('data-engineers')!.id
    expect(prodWrites().filter((e) => e.path.endsWith(`/Groups/${id}`))).toEqual([])
    expect(prod().group('data-engineers')!.memberNames).toEqual([])
  })
})

describe('display names under identity federation', () => {
  test('a user whose Entra name changed is left as the account has it; a service principal is renamed', async () => {
    writeConfig(['Databricks-Group-Test', { entra: 'Data Engineers', databricks: 'eng' }])
    expect((await syncRun()).code).toBe(0)
    expect(prod().user('grady.archie@contoso.com')!.displayName).toBe('Grady Archie')
    emu.graph.setUser('grady.archie@contoso.com', { displayName: 'Grady A. Archie' })
    emu.graph.setServicePrincipal(ETL_APP, { displayName: 'etl-orchestrator-v2' })
    emu.clearLog()
    const run = await syncRun()
    expect(run.code).toBe(0)
    expect(prodWrites().map((e) => [e.method, e.body])).toEqual([
      [
        'PATCH',
        {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'displayName', value: 'etl-orchestrator-v2' }]
        }
      ]
    ])
    expect(prod().user('grady.archie@contoso.com')!.displayName).toBe('Grady Archie')
    expect(prod().servicePrincipal(ETL_APP)!.displayName).toBe('etl-orchestrator-v2')
    emu.clearLog()
    expect((await syncRun()).outputs.changes).toBe('0')
    expect(prodWrites()).toEqual([])
  })
})

describe('PATCH shapes of the official clients', () => {
  test('deactivation sends active as [{ value: "false" }]; entitlement removal a value list', async () => {
    writeConfig(
      [
        {
          entra: 'Databricks-Group-Test',
          entitlements: ['workspace-access', 'databricks-sql-access'],
          removal: 'deactivate'
        }
      ],
      { 'max-deletions': '90%' }
    )
    expect((await syncRun()).code).toBe(0)
    // alex.wilber was created by the action (Entra object id as externalId): leaving, it is deactivated.
    expect(prod().user('alex.wilber@contoso.com')!.externalId).toBe(stableGuid('user', 'alex.wilber@contoso.com'))
    emu.graph.removeMember('Databricks-Group-Test', 'alex.wilber@contoso.com')
    writeConfig([{ entra: 'Databricks-Group-Test', entitlements: ['workspace-access'], removal: 'deactivate' }], {
      'max-deletions': '90%'
    })
    emu.clearLog()
    const run = await syncRun()
    expect(run.code).toBe(0)
    const alex = prod().user('alex.wilber@contoso.com')!
    const bodies = prodWrites().map((e) => [e.path.replace(/\d+$/, '{id}'), e.body])
    expect(bodies).toContainEqual([
      '/api/2.0/preview/scim/v2/Users/{id}',
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: [{ value: 'false' }] }]
      }
    ])
    expect(bodies).toContainEqual([
      '/api/2.0/preview/scim/v2/Groups/{id}',
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'remove', path: 'entitlements', value: [{ value: 'databricks-sql-access' }] }]
      }
    ])
    expect(alex.active).toBe(false)
    expect(prod().group('Databricks-Group-Test')!.entitlements).toEqual([{ value: 'workspace-access' }])
  })
})
