// End-to-end: an account with automatic identity management (account.identity: aim), run as `node dist/index.js`
// against the account emulator with the demo tenant's aimAccount. The action resolves the listed Entra principals
// (creating them in the account), assigns them to workspaces with entitlements, keeps the denylist, reports readiness
// and drift, and never creates a user or writes a membership through SCIM.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFixture, withAccount } from '../emulators/fixture.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT, writeConfigFile, type ActionRun } from '../emulators/runner.js'

const ETL_APP = '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b'
const PROD_ID = '6234138917436195'
const DEV_ID = '1234567890123456'
const demo = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const fixture = withAccount(demo, demo.aimAccount)

let emu: Emulators
let workdir: string

beforeEach(async () => {
  emu = await startEmulators({ fixture, accountLimits: true })
  workdir = mkdtempSync(join(tmpdir(), 'e2e-aim-'))
  writeConfig()
})

afterEach(async () => {
  await emu?.stop()
})

interface ConfigParts {
  groups?: unknown[]
  prod?: unknown[]
  dev?: unknown[]
  deny?: unknown[]
  identity?: string
  maxDeletions?: number
}

function writeConfig(parts: ConfigParts = {}): void {
  const account: Record<string, unknown> = {
    id: emu.accountId,
    host: emu.accountHost,
    identity: parts.identity ?? 'aim',
    groups: parts.groups ?? ['Data Engineers', 'Databricks-Group-Test', 'Data Analysts - not used'].slice(0, 2),
    ...(parts.identity === 'scim' ? {} : { 'service-principals': ['etl-orchestrator'] }),
    ...(parts.identity === 'scim' ? {} : { users: ['diego.siciliani@contoso.com'] }),
    ...(parts.identity === 'scim' ? {} : { deny: parts.deny ?? [{ group: 'Data Engineers - Contractors' }] })
  }
  writeConfigFile(workdir, {
    version: 1,
    defaults: { 'max-deletions': parts.maxDeletions ?? 5 },
    account,
    workspaces: [
      {
        name: 'analytics-prod',
        host: emu.workspaceHosts['analytics-prod'],
        'workspace-id': PROD_ID,
        'account-groups': parts.prod ?? [
          {
            group: 'Data Engineers',
            permission: 'USER',
            entitlements: ['workspace-access', 'databricks-sql-access']
          },
          'Databricks-Group-Test',
          { group: 'platform-admins', permission: 'ADMIN' }
        ],
        ...(parts.identity === 'scim' ? {} : { 'account-service-principals': ['etl-orchestrator'] })
      },
      {
        name: 'analytics-dev',
        host: emu.workspaceHosts['analytics-dev'],
        'workspace-id': DEV_ID,
        'account-groups': parts.dev ?? [
          'Data Engineers',
          // An ADMIN with entitlements: setting them keeps it an admin.
          { group: 'platform-admins', permission: 'ADMIN', entitlements: ['workspace-access'] }
        ]
      }
    ]
  })
}

function syncRun(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAgainst(emu, { cwd: workdir, inputs: { command: 'sync', config: 'databricks-identities.yml', ...inputs } })
}

const account = () => emu.account!
const assigned = (workspace: string): string[] =>
  account()
    .assignments(workspace)
    .filter((a) => a.type !== 'user')
    .map((a) => `${a.principal}:${a.permissions.join('+')}`)
    .sort()
const accountWrites = () => emu.log.filter((e) => e.service === 'databricks-account' && e.method !== 'GET')
const scimWrites = () => accountWrites().filter((e) => e.path.includes('/scim/v2/'))
const entraId = (group: string) => emu.graph.group(group)!.id

describe('automatic identity management', () => {
  test('first run resolves, assigns, sets entitlements and denies; a re-run writes nothing', async () => {
    expect(account().group('Data Engineers')).toBeUndefined()
    const run = await syncRun()
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)

    // Resolved by Entra object id: created in the account, with externalId = the object id, kept by AIM.
    const engineers = account().group('Data Engineers')!
    expect(engineers.externalId).toBe(entraId('Data Engineers'))
    expect(account().servicePrincipal(ETL_APP)?.externalId).toBe(emu.graph.servicePrincipal(ETL_APP)!.id)
    expect(account().user('diego.siciliani@contoso.com')?.externalId).toBe(
      emu.graph.user('diego.siciliani@contoso.com')!.id
    )
    const resolves = accountWrites().filter((e) => e.path.endsWith('/resolve-by-external-id'))
    // Databricks-Group-Test was in the account already: not resolved again.
    expect(resolves.map((e) => e.path.split('/').at(-2)).sort()).toEqual(['groups', 'service-principals', 'users'])

    expect(assigned('analytics-prod')).toEqual([
      `${ETL_APP}:USER`,
      'Data Engineers:USER',
      'Databricks-Group-Test:USER',
      'platform-admins:ADMIN'
    ])
    expect(assigned('analytics-dev')).toEqual(['Data Engineers:USER', 'platform-admins:ADMIN'])
    expect(account().entitlements('analytics-prod', 'Data Engineers')).toEqual([
      'DATABRICKS_SQL_ACCESS',
      'WORKSPACE_ACCESS'
    ])
    expect(account().entitlements('analytics-dev', 'platform-admins')).toEqual(['WORKSPACE_ACCESS', 'WORKSPACE_ADMIN'])
    expect(
      account()
        .denyRules()
        .map((r) => r.displayName)
    ).toEqual(expect.arrayContaining(['Data Engineers - Contractors', 'Kim Akers (Northwind)']))

    // AIM mode writes no user, group or membership through SCIM, and no workspace SCIM at all.
    expect(scimWrites()).toEqual([])
    expect(emu.log.filter((e) => e.service.startsWith('databricks:'))).toEqual([])

    // The summary names what was created, the denylist, and the drift (a user assigned by hand, a rule by hand).
    expect(run.summary).toContain('Resolved from Entra (created in the account)')
    expect(run.summary).toContain('diego.siciliani@contoso.com')
    expect(run.summary).toContain('Denylist changed')
    expect(run.summary).toContain('Assigned, not in the config')
    expect(run.summary).toContain('adele.vance@contoso.com')
    expect(run.summary).toContain('Denylist rules not in the config')

    emu.clearLog()
    const again = await syncRun()
    expect(again.code).toBe(0)
    expect(accountWrites()).toEqual([])
    expect(again.outputs.changes).toBe('0')
  })

  test('a group removed from a workspace is unassigned; one the config no longer lists is left and reported', async () => {
    expect((await syncRun()).code).toBe(0)
    // Data Engineers stays listed in the account but leaves analytics-dev; Databricks-Group-Test leaves the config.
    writeConfig({
      groups: ['Data Engineers'],
      prod: [
        { group: 'Data Engineers', permission: 'USER', entitlements: ['workspace-access', 'databricks-sql-access'] }
      ],
      dev: [{ group: 'platform-admins', permission: 'ADMIN' }]
    })
    const run = await syncRun()
    expect(run.code).toBe(0)
    expect(assigned('analytics-dev')).toEqual(['platform-admins:ADMIN'])
    // No longer listed anywhere: not the config's to remove; reported as drift.
    expect(assigned('analytics-prod')).toContain('Databricks-Group-Test:USER')
    expect(run.summary).toContain('Databricks-Group-Test')
    expect(run.summary).toContain('Assigned, not in the config')
    // platform-admins was assigned by name (not listed in account.groups): never unassigned.
    expect(assigned('analytics-prod')).toContain('platform-admins:ADMIN')
  })

  test('a dry-run plans, reports readiness and writes nothing', async () => {
    const run = await syncRun({ 'dry-run': 'true' })
    expect(run.code).toBe(0)
    expect(accountWrites()).toEqual([])
    expect(account().group('Data Engineers')).toBeUndefined()
    expect(run.summary).toContain('Would resolve from Entra (create in the account)')
    expect(run.summary).toContain('Readiness for automatic identity management')
    // A SCIM-made group named like an Entra group, and a user Entra does not have.
    expect(run.summary).toContain('Data Analysts')
    expect(run.summary).toContain('platform-admin@contoso.com')
    expect(run.summary).toContain('set its externalId to')
    expect(Number(run.outputs.changes)).toBeGreaterThan(0)
    // The plan file carries the findings for tools, each with its fix.
    const plan = JSON.parse(readFileSync(run.outputs.plan!, 'utf8')) as {
      workspaces: { workspace: string; steps: { step: string; findings?: { check?: string; fix?: string }[] }[] }[]
    }
    const readiness = plan.workspaces.find((w) => w.workspace === 'account')?.steps.find((s) => s.step === 'readiness')
    expect(readiness?.findings?.map((f) => f.check)).toEqual(
      expect.arrayContaining(['external-id-missing', 'shadowing-group'])
    )
    expect(readiness?.findings?.every((f) => f.fix)).toBe(true)
  })

  test('the circuit breaker stops unassigning more than max-deletions, and changes nothing', async () => {
    expect((await syncRun()).code).toBe(0)
    writeConfig({ maxDeletions: 1, prod: [{ group: 'platform-admins', permission: 'ADMIN' }], dev: [] })
    emu.clearLog()
    const run = await syncRun({ workspace: 'analytics-prod' })
    expect(run.code).toBe(1)
    expect(run.summary).toContain('circuit breaker')
    expect(accountWrites().filter((e) => e.method === 'DELETE')).toEqual([])
    expect(assigned('analytics-prod')).toContain('Data Engineers:USER')
  })

  test('an account without automatic identity management: a clear error, nothing written', async () => {
    account().aim = false
    const run = await syncRun()
    expect(run.code).toBe(1)
    expect(run.stderr + run.visibleLog).toContain('automatic identity management')
    expect(account().group('Data Engineers')).toBeUndefined()
    expect(accountWrites().filter((e) => !e.path.endsWith('/resolve-by-external-id') && e.status < 400)).toEqual([])
  })
})
