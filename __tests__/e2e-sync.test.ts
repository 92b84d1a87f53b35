// End-to-end: `node dist/index.js` with command: sync against the emulators of the demo tenant, checking the
// workspaces' end state, the emulators' request log, the summary and the outputs.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { loadFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT, runAction, type ActionRun } from '../emulators/runner.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const ETL_APP = '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b'
const POWERBI_APP = '9d2e4f6a-7b8c-4d1e-a2f3-6c5b4a392817'
const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))

let emu: Emulators
let workdir: string

beforeEach(async () => {
  emu = await startEmulators({ fixture })
  workdir = mkdtempSync(join(tmpdir(), 'e2e-sync-'))
  writeConfig()
})

afterEach(async () => {
  await emu?.stop()
})

type Group = string | Record<string, unknown>

function writeConfig(
  prod: Group[] = [
    'Databricks-Group-Test',
    {
      entra: 'Data Engineers',
      databricks: 'data-engineers',
      entitlements: ['workspace-access', 'databricks-sql-access']
    },
    { entra: 'Data Analysts', databricks: 'data-analysts' }
  ],
  dev: Group[] = [
    { entra: 'Data Engineers', databricks: 'data-engineers' },
    { entra: 'Databricks-Group-Test', 'members-only': true }
  ],
  defaults: Record<string, unknown> = { 'max-deletions': '50%' }
): void {
  writeFileSync(
    join(workdir, 'databricks-identities.yml'),
    stringify({
      version: 1,
      defaults,
      workspaces: [
        { name: 'analytics-prod', host: emu.workspaceHosts['analytics-prod'], auth: 'entra', groups: prod },
        {
          name: 'analytics-dev',
          host: emu.workspaceHosts['analytics-dev'],
          auth: 'pat',
          'token-secret': `${emu.vaultUrl}/secrets/dbx-dev-pat`,
          groups: dev
        }
      ]
    })
  )
}

function syncRun(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    cwd: workdir,
    inputs: {
      command: 'sync',
      config: 'databricks-identities.yml',
      'tenant-id': fixture.tenantId,
      'client-id': SYNC_APP,
      'authority-host': emu.authorityHost,
      'graph-endpoint': emu.graphEndpoint,
      ...inputs
    },
    env: emu.env()
  })
}

const members = (workspace: string, group: string): string[] =>
  emu.workspaces[workspace]?.group(group)?.memberNames.map((m) => m.toLowerCase()) ?? []

const databricksWrites = () =>
  emu.log
    .filter((e) => e.service.startsWith('databricks:') && e.method !== 'GET')
    .map((e) => `${e.service} ${e.method} ${e.path}`)

const PROD_ENGINEERS = [
  'diego.siciliani@contoso.com',
  'grady.archie@contoso.com',
  'isaiah.langer@contoso.com',
  ETL_APP,
  'pradeep.gupta@fabrikam.com'
]
const PROD_ANALYSTS = [
  'johanna.lorenz@contoso.com',
  'lee.gu@contoso.com',
  'lynne.robbins@contoso.com',
  'megan.bowen@contoso.com',
  POWERBI_APP
]
const GROUP_TEST = ['adele.vance@contoso.com', 'alex.wilber@contoso.com', 'megan.bowen@contoso.com']

describe('sync', () => {
  test('first sync into the workspaces, then a second run that writes nothing', async () => {
    const first = await syncRun()
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)

    // Groups created or adopted, with exactly the desired members (nested contractors flattened, the
    // disabled account and the guest without mail left out).
    expect(members('analytics-prod', 'data-engineers').sort()).toEqual([...PROD_ENGINEERS].sort())
    expect(members('analytics-prod', 'data-analysts').sort()).toEqual([...PROD_ANALYSTS].sort())
    expect(members('analytics-prod', 'Databricks-Group-Test').sort()).toEqual(GROUP_TEST)
    expect(members('analytics-dev', 'data-engineers').sort()).toEqual([...PROD_ENGINEERS].sort())
    // members-only: the users are in the workspace, no group was made.
    expect(emu.workspaces['analytics-dev']?.group('Databricks-Group-Test')).toBeUndefined()
    for (const upn of GROUP_TEST) expect(emu.workspaces['analytics-dev']?.user(upn)).toBeDefined()
    // Created identities carry their Entra object id; group entitlements are set.
    const alex = emu.workspaces['analytics-prod']?.user('alex.wilber@contoso.com')
    expect(alex?.externalId).toBe(fixture.users.find((u) => u.userPrincipalName === 'alex.wilber@contoso.com')?.id)
    expect(
      emu.workspaces['analytics-prod']
        ?.group('data-engineers')
        ?.entitlements?.map((e) => e.value)
        .sort()
    ).toEqual(['databricks-sql-access', 'workspace-access'])
    expect(emu.workspaces['analytics-prod']?.user('nestor.wilke@contoso.com')).toBeUndefined()
    // The protected admins group is untouched.
    expect(members('analytics-prod', 'admins').sort()).toEqual(['platform-admin@contoso.com', SYNC_APP].sort())

    expect(Number(first.outputs.changes)).toBeGreaterThan(0)
    expect(first.outputs['has-changes']).toBe('true')
    expect(first.outputs['failed-workspaces']).toBe('')
    const plan = JSON.parse(readFileSync(first.outputs.plan ?? '', 'utf8')) as {
      workspaces: { workspace: string; status: string }[]
    }
    expect(plan.workspaces.map((w) => [w.workspace, w.status])).toEqual([
      ['analytics-prod', 'changed'],
      ['analytics-dev', 'changed']
    ])
    expect(first.summary).toContain('analytics-prod')
    expect(first.summary).toContain('former.employee@contoso.com')

    emu.clearLog()
    const second = await syncRun()
    expect(second.code).toBe(0)
    expect(databricksWrites()).toEqual([])
    expect(second.outputs.changes).toBe('0')
    expect(second.outputs['has-changes']).toBe('false')
  })
})
