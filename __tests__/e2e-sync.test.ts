// End-to-end: `node dist/index.js` with command: sync against the emulators of the demo tenant, checking the
// workspaces' end state, the emulators' request log, the summary and the outputs.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { demoWorkspaces, runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT, writeConfigFile, type ActionRun } from '../emulators/runner.js'

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
  writeConfigFile(workdir, {
    version: 1,
    defaults,
    workspaces: demoWorkspaces(emu, { auth: 'entra', groups: prod }, { groups: dev })
  })
}

function syncRun(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAgainst(emu, { cwd: workdir, inputs: { command: 'sync', config: 'databricks-identities.yml', ...inputs } })
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

  test('changes in Entra: a join, a leave, a nested join and renames reach the workspace', async () => {
    const groupTestId = fixture.groups.find((g) => g.displayName === 'Data Analysts')?.id ?? ''
    // Data Analysts by object id and without a databricks name: the group takes the Entra display name.
    writeConfig(['Databricks-Group-Test', 'Data Engineers', groupTestId], [{ entra: 'Data Engineers' }])
    expect((await syncRun()).code).toBe(0)
    expect(emu.workspaces['analytics-prod']?.group('Data Analysts')).toBeDefined()

    emu.graph.addMember('Databricks-Group-Test', 'lee.gu@contoso.com') // join
    emu.graph.removeMember('Databricks-Group-Test', 'alex.wilber@contoso.com') // leave
    emu.graph.addMember('Data Engineers - Contractors', 'johanna.lorenz@contoso.com') // nested join
    emu.graph.setUser('megan.bowen@contoso.com', { displayName: 'Megan Bowen-Smith' }) // display name (kept)
    emu.graph.renameGroup('Data Analysts', 'Data & Insights Analysts') // group rename, followed by object id
    emu.clearLog()
    const run = await syncRun()
    expect(run.code).toBe(0)

    expect(members('analytics-prod', 'Databricks-Group-Test').sort()).toEqual(
      ['adele.vance@contoso.com', 'lee.gu@contoso.com', 'megan.bowen@contoso.com'].sort()
    )
    expect(members('analytics-prod', 'Data Engineers')).toContain('johanna.lorenz@contoso.com')
    expect(members('analytics-dev', 'Data Engineers')).toContain('johanna.lorenz@contoso.com')
    // A user's display name is the account's under identity federation: workspace SCIM takes none (README).
    expect(emu.workspaces['analytics-prod']?.user('megan.bowen@contoso.com')?.displayName).toBe('Megan Bowen')
    expect(emu.workspaces['analytics-prod']?.group('Data Analysts')).toBeUndefined()
    expect(members('analytics-prod', 'Data & Insights Analysts').sort()).toEqual([...PROD_ANALYSTS].sort())
    // The user who left keeps the account (removal: remove-membership), only the membership goes.
    expect(emu.workspaces['analytics-prod']?.user('alex.wilber@contoso.com')?.active).toBe(true)
    expect(run.summary).toContain('Data &amp; Insights Analysts')
  })

  test('removal: deactivate turns off accounts the action created once no group wants them', async () => {
    writeConfig(['Databricks-Group-Test'], [{ entra: 'Data Engineers' }], { removal: 'deactivate', 'max-deletions': 5 })
    expect((await syncRun()).code).toBe(0)
    emu.graph.removeMember('Databricks-Group-Test', 'alex.wilber@contoso.com')
    emu.graph.removeMember('Databricks-Group-Test', 'adele.vance@contoso.com')
    const run = await syncRun()
    expect(run.code).toBe(0)
    // Alex was created by the action: deactivated. Adele was there before (not owned): only leaves the group.
    expect(emu.workspaces['analytics-prod']?.user('alex.wilber@contoso.com')?.active).toBe(false)
    expect(emu.workspaces['analytics-prod']?.user('adele.vance@contoso.com')?.active).not.toBe(false)
    expect(members('analytics-prod', 'Databricks-Group-Test')).toEqual(['megan.bowen@contoso.com'])
    expect(run.summary).toContain('not managed by this action')
  })

  test('dry-run plans without a single write, and the plan matches what a real run then does', async () => {
    const dry = await syncRun({ 'dry-run': 'true' })
    expect(dry.code).toBe(0)
    expect(databricksWrites()).toEqual([])
    expect(members('analytics-prod', 'data-engineers')).toEqual([])
    const planned = JSON.parse(readFileSync(dry.outputs.plan ?? '', 'utf8')) as {
      dryRun: boolean
      workspaces: { status: string; operations: { kind: string; status: string }[] }[]
    }
    expect(planned.dryRun).toBe(true)
    expect(planned.workspaces.map((w) => w.status)).toEqual(['planned', 'planned'])
    expect(dry.summary).toContain('📝')
    const real = await syncRun()
    expect(real.outputs.changes).toBe(dry.outputs.changes)
  })

  test('the circuit breaker stops a workspace that would lose too many, and writes nothing there', async () => {
    expect((await syncRun()).code).toBe(0)
    for (const upn of ['diego.siciliani@contoso.com', 'grady.archie@contoso.com', 'isaiah.langer@contoso.com']) {
      emu.graph.removeMember('Data Engineers', upn)
    }
    writeConfig(undefined, undefined, { 'max-deletions': 2 })
    emu.clearLog()
    const run = await syncRun()
    expect(run.code).toBe(1)
    expect(databricksWrites()).toEqual([])
    expect(members('analytics-prod', 'data-engineers')).toContain('diego.siciliani@contoso.com')
    expect(run.outputs['failed-workspaces']).toBe('analytics-prod,analytics-dev')
    expect(run.annotations.at(-1)?.message).toContain(
      'analytics-prod: Circuit breaker: the plan removes 3, over the limit of 2'
    )
    expect(run.summary).toContain('circuit breaker: 3 removals &gt; limit 2')
    // A person who checked the Entra change raises the limit for one run with the input.
    const allowed = await syncRun({ 'max-deletions': '3' })
    expect(allowed.code).toBe(0)
    expect(members('analytics-prod', 'data-engineers')).not.toContain('diego.siciliani@contoso.com')
  })

  test('a failed Graph read leaves the workspace untouched, and the other workspace still syncs', async () => {
    expect((await syncRun()).code).toBe(0)
    const before = members('analytics-prod', 'Databricks-Group-Test')
    emu.graph.removeMember('Databricks-Group-Test', 'adele.vance@contoso.com')
    emu.graph.addMember('Data Engineers', 'lee.gu@contoso.com')
    // Databricks-Group-Test is read only by analytics-prod (members-only in dev): its reads fail with 500s.
    const groupTestId = fixture.groups.find((g) => g.displayName === 'Databricks-Group-Test')?.id ?? ''
    emu.servers.graph?.setFaults({
      rate: 1,
      kinds: ['500'],
      seed: 1,
      path: new RegExp(`${groupTestId}/transitiveMembers`)
    })
    writeConfig(['Databricks-Group-Test'], [{ entra: 'Data Engineers', databricks: 'data-engineers' }])
    emu.clearLog()
    const run = await syncRun()
    expect(run.code).toBe(1)
    expect(members('analytics-prod', 'Databricks-Group-Test')).toEqual(before)
    expect(databricksWrites().filter((w) => w.includes('analytics-prod'))).toEqual([])
    expect(run.outputs['failed-workspaces']).toBe('analytics-prod')
    expect(run.annotations.at(-1)?.message).toContain('analytics-prod: Reading Entra failed, so nothing was changed')
  })

  test('an empty Entra group never empties the Databricks group', async () => {
    expect((await syncRun()).code).toBe(0)
    for (const upn of GROUP_TEST) emu.graph.removeMember('Databricks-Group-Test', upn)
    emu.clearLog()
    const run = await syncRun()
    expect(run.code).toBe(0)
    expect(members('analytics-prod', 'Databricks-Group-Test').sort()).toEqual(GROUP_TEST)
    expect(databricksWrites().filter((w) => w.includes('analytics-prod'))).toEqual([])
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining('analytics-prod: Entra returned no members for "Databricks-Group-Test"')
      })
    )
  })

  test('two workspaces, one of which cannot read its PAT: the other syncs and the run fails naming it', async () => {
    emu.vault.deleteSecret('dbx-dev-pat')
    const run = await syncRun()
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe('analytics-dev')
    expect(members('analytics-prod', 'data-engineers').sort()).toEqual([...PROD_ENGINEERS].sort())
    expect(run.annotations.at(-1)?.message).toContain('analytics-dev: Key Vault')
    expect(run.annotations.at(-1)?.message).toContain('has no secret')
  })

  test('PAT from Key Vault for one workspace and an Entra token for the other', async () => {
    expect((await syncRun()).code).toBe(0)
    expect(emu.log.some((e) => e.service === 'keyvault' && e.status === 200)).toBe(true)
    expect(emu.entra.issued).toContainEqual(
      expect.objectContaining({ appId: SYNC_APP, aud: '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d' })
    )
  })

  test('a run killed by failures midway converges when run again', async () => {
    // Membership PATCHes fail (500 after the client's retries) on the first run: identities exist, groups not filled.
    emu.servers['databricks:analytics-prod']?.setFaults({ rate: 1, kinds: ['500'], seed: 3, methods: ['PATCH'] })
    const first = await syncRun()
    expect(first.code).toBe(1)
    expect(first.outputs['failed-workspaces']).toBe('analytics-prod')
    emu.resetKnobs()
    const second = await syncRun()
    expect(second.code).toBe(0)
    expect(members('analytics-prod', 'data-engineers').sort()).toEqual([...PROD_ENGINEERS].sort())
    emu.clearLog()
    expect((await syncRun()).outputs.changes).toBe('0')
    expect(databricksWrites()).toEqual([])
  })

  test('throttled writes (429 + Retry-After) are waited out, and the summary counts them', async () => {
    emu.servers['databricks:analytics-prod']?.setRateLimit({
      limit: 4,
      windowMs: 1000,
      retryAfterSeconds: 1,
      methods: ['POST', 'PATCH']
    })
    const run = await syncRun()
    expect(run.code).toBe(0)
    expect(members('analytics-prod', 'data-engineers').sort()).toEqual([...PROD_ENGINEERS].sort())
    const throttled = emu.log.filter((e) => e.service === 'databricks:analytics-prod' && e.status === 429).length
    expect(throttled).toBeGreaterThan(0)
    expect(run.summary).toContain(`${throttled} throttled (429)`)
  })

  test('a config with errors syncs nothing', async () => {
    writeFileSync(
      join(workdir, 'databricks-identities.yml'),
      'version: 1\nworkspaces:\n  - name: x\n    host: http://example.com\n'
    )
    const run = await syncRun()
    expect(run.code).toBe(1)
    expect(emu.log.filter((e) => e.service !== 'github')).toEqual([])
    expect(run.annotations.find((a) => a.level === 'error')).toMatchObject({
      file: 'databricks-identities.yml',
      line: 4
    })
    expect(run.summary).toContain('Sync not started: the config has errors')
  })

  test('no secret reaches the log, the summary, the outputs or the plan file', async () => {
    const run = await syncRun()
    const plan = readFileSync(run.outputs.plan ?? '', 'utf8')
    const secrets = [
      emu.githubOidc.requestToken,
      ...fixture.applications.flatMap((a) => (a.clientSecret ? [a.clientSecret] : [])),
      ...Object.values(fixture.vault?.secrets ?? {})
    ]
    const jwt = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/
    for (const text of [run.visibleLog, run.stderr, run.summary, JSON.stringify(run.outputs), plan]) {
      for (const secret of secrets) expect(text.includes(secret)).toBe(false)
      expect(jwt.test(text)).toBe(false)
    }
  })
})
