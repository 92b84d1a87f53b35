// End-to-end: `node dist/index.js` with command: provision-app against the Graph, Key Vault and Databricks
// emulators: onboarding from nothing, idempotent re-runs, config changes, token rotation, bad tokens, quarantine.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { loadFixture } from '../emulators/fixture.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT, type ActionRun } from '../emulators/runner.js'

const DEV_PAT = 'dapi0123456789abcdef0123456789abcdef-3'
const APP_NAME = 'Azure Databricks SCIM - analytics-dev'
const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const groupId = (name: string): string => fixture.groups.find((g) => g.displayName === name)?.id ?? ''

let emu: Emulators
let workdir: string

beforeEach(async () => {
  emu = await startEmulators({ fixture })
  emu.graph.provisioning.spAppearDelayMs = 1200
  workdir = mkdtempSync(join(tmpdir(), 'e2e-provision-'))
  writeConfig(['Data Engineers', 'Databricks-Group-Test'])
})

afterEach(async () => {
  await emu?.stop()
})

function writeConfig(groups: unknown[], defaults: Record<string, unknown> = {}): void {
  writeFileSync(
    join(workdir, 'databricks-identities.yml'),
    stringify({
      version: 1,
      defaults,
      workspaces: [
        {
          name: 'analytics-dev',
          host: emu.workspaceHosts['analytics-dev'],
          auth: 'pat',
          'token-secret': `${emu.vaultUrl}/secrets/dbx-dev-pat`,
          groups,
          provisioning: { 'app-name': APP_NAME, 'notification-email': 'platform@contoso.com' }
        },
        { name: 'analytics-prod', host: emu.workspaceHosts['analytics-prod'], groups: ['Data Analysts'] }
      ]
    })
  )
}

function provision(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAgainst(emu, {
    cwd: workdir,
    inputs: { command: 'provision-app', config: 'databricks-identities.yml', workspace: 'analytics-dev', ...inputs }
  })
}

/** Graph requests other than reads ($batch carries group lookups, which are reads). */
const graphWrites = () =>
  emu.log
    .filter((e) => e.service === 'graph' && e.method !== 'GET' && e.path !== '/v1.0/$batch')
    .map((e) => `${e.method} ${e.path}`)
const app = () => emu.graph.provisioning.apps().find((a) => a.displayName === APP_NAME)
const assignedGroups = () =>
  emu.graph.provisioning
    .assignments(app()?.servicePrincipalId ?? '')
    .map((a) => a.principalId)
    .sort()

async function onboard(): Promise<ActionRun> {
  const run = await provision()
  expect(run.code).toBe(0)
  return run
}

describe('provision-app', () => {
  test('onboards a workspace from nothing, then a re-run makes no write', async () => {
    const run = await onboard()
    const created = app()
    expect(created).toBeDefined()
    expect(emu.graph.provisioning.apps()).toHaveLength(1)
    const job = emu.graph.provisioning.job(created?.servicePrincipalId ?? '')
    expect(job?.templateId).toBe('dataBricks')
    expect(job?.status.code).toBe('Active')
    const secrets = Object.fromEntries(
      (emu.graph.provisioning.secrets(created?.servicePrincipalId ?? '') ?? []).map((c) => [c.key, c.value])
    )
    expect(secrets.BaseAddress).toBe(`${emu.workspaceHosts['analytics-dev']}/api/2.0/preview/scim`)
    expect(secrets.SecretToken).toBe(DEV_PAT)
    expect(secrets.SyncAll).toBe('false')
    expect(JSON.parse(secrets.SyncNotificationSettings ?? '{}')).toMatchObject({
      Enabled: true,
      Recipients: 'platform@contoso.com'
    })
    expect(assignedGroups()).toEqual([groupId('Data Engineers'), groupId('Databricks-Group-Test')].sort())
    // Every assignment is to the app's own "User" role, looked up, not hard-coded.
    const userRole = emu.graph
      .servicePrincipal(created?.servicePrincipalId ?? '')
      ?.appRoles?.find((r) => r.displayName === 'User')
    for (const a of emu.graph.provisioning.assignments(created?.servicePrincipalId ?? ''))
      expect(a.appRoleId).toBe(userRole?.id)
    // Validated before saved.
    const writes = graphWrites()
    expect(writes.findIndex((w) => w.endsWith('/validateCredentials'))).toBeLessThan(
      writes.findIndex((w) => w.endsWith('/synchronization/secrets'))
    )
    expect(run.summary).toContain(APP_NAME)
    expect(run.summary).toContain('Active')
    expect(Number(run.outputs.changes)).toBeGreaterThan(0)
    expect(run.visibleLog + run.summary + run.stderr).not.toContain(DEV_PAT)

    emu.clearLog()
    const again = await provision()
    expect(again.code).toBe(0)
    expect(graphWrites()).toEqual([])
    expect(again.outputs.changes).toBe('0')
  })

  test('a group added to and removed from the config changes the assignments', async () => {
    await onboard()
    writeConfig(['Data Engineers', 'Data Analysts'])
    emu.clearLog()
    const run = await provision()
    expect(run.code).toBe(0)
    expect(assignedGroups()).toEqual([groupId('Data Engineers'), groupId('Data Analysts')].sort())
    expect(graphWrites().filter((w) => w.includes('appRoleAssignedTo'))).toHaveLength(2)
    expect(graphWrites().filter((w) => !w.includes('appRoleAssignedTo'))).toEqual([])

    // removal: keep never unassigns.
    writeConfig(['Data Engineers'], { removal: 'keep' })
    expect((await provision()).code).toBe(0)
    expect(assignedGroups()).toEqual([groupId('Data Engineers'), groupId('Data Analysts')].sort())
  })

  test('a rotated PAT in Key Vault is validated and saved, and nothing else is written', async () => {
    await onboard()
    const rotated = 'dapi-rotated-fedcba9876543210fedcba98765432'
    emu.workspaces['analytics-dev']?.addPat(rotated)
    emu.vault.setSecret('dbx-dev-pat', rotated)
    emu.clearLog()
    const run = await provision()
    expect(run.code).toBe(0)
    const secrets = emu.graph.provisioning.secrets(app()?.servicePrincipalId ?? '') ?? []
    expect(secrets.find((c) => c.key === 'SecretToken')?.value).toBe(rotated)
    expect(
      graphWrites().map((w) =>
        w.replace(/\/servicePrincipals\/[^/]+/, '/servicePrincipals/{id}').replace(/jobs\/[^/]+/, 'jobs/{job}')
      )
    ).toEqual([
      'POST /v1.0/servicePrincipals/{id}/synchronization/jobs/{job}/validateCredentials',
      'PUT /v1.0/servicePrincipals/{id}/synchronization/secrets',
      'PATCH /v1.0/servicePrincipals/{id}'
    ])
    expect(run.visibleLog + run.summary).not.toContain(rotated)
  })

  test('a bad token fails clearly and nothing is saved', async () => {
    emu.vault.setSecret('dbx-dev-pat', 'dapi-not-a-valid-token-000000000000000')
    const run = await provision()
    expect(run.code).toBe(1)
    expect(graphWrites().some((w) => w.endsWith('/synchronization/secrets'))).toBe(false)
    expect(emu.graph.provisioning.secrets(app()?.servicePrincipalId ?? '')).toBeUndefined()
    const failure = run.annotations.at(-1)?.message ?? ''
    expect(failure).toContain('analytics-dev')
    expect(failure).toContain('dbx-dev-pat')
    expect(run.outputs['failed-workspaces']).toBe('analytics-dev')
    expect(run.visibleLog + run.summary).not.toContain('dapi-not-a-valid-token-000000000000000')
  })

  test('a quarantined job is reported with its reason and the fix', async () => {
    await onboard()
    // The PAT expires in Databricks: the connector quarantines the job.
    emu.workspaces['analytics-dev']?.removePat(DEV_PAT)
    const run = await provision()
    expect(run.code).toBe(1)
    const failure = run.annotations.at(-1)?.message ?? ''
    expect(failure).toContain('Quarantine')
    expect(failure).toContain('dbx-dev-pat')
    expect(run.summary).toContain('Quarantine')
  })

  test('dry-run lists what it would do and writes nothing', async () => {
    const run = await provision({ 'dry-run': 'true' })
    expect(run.code).toBe(0)
    expect(graphWrites()).toEqual([])
    expect(emu.graph.provisioning.apps()).toEqual([])
    expect(run.summary).toContain(APP_NAME)
    expect(Number(run.outputs.changes)).toBeGreaterThan(0)
  })

  test('a workspace without a provisioning block is refused with the fix', async () => {
    const run = await provision({ workspace: 'analytics-prod' })
    expect(run.code).toBe(1)
    expect(run.annotations.at(-1)?.message).toContain(
      'None of the selected workspaces (analytics-prod) has a provisioning block.'
    )
    expect(graphWrites()).toEqual([])
  })
})
