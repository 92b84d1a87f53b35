// End-to-end: `node dist/index.js` with command: provision-app against the Graph, Key Vault and Databricks
// emulators: onboarding from nothing, idempotent re-runs (during the job's long first cycle too), config changes,
// token rotation, bad tokens, quarantine found by a later run and ended with a new token.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT, writeConfigFile, type ActionRun } from '../emulators/runner.js'

const DEV_PAT = 'dapi8c1e5f27b94d0a63e8f1c42d7b95a06e-3'
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
  writeConfigFile(workdir, {
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
/** A write with the app's and the job's ids taken out. */
const withoutIds = (write: string) =>
  write.replace(/\/servicePrincipals\/[^/]+/, '/servicePrincipals/{id}').replace(/jobs\/[^/]+/, 'jobs/{job}')
const app = () => emu.graph.provisioning.apps().find((a) => a.displayName === APP_NAME)
const assignedGroups = () =>
  emu.graph.provisioning
    .assignments(app()?.servicePrincipalId ?? '')
    .map((a) => a.principalId)
    .sort()

/** A new PAT: the workspace accepts it, and it is the new version of the secret in Key Vault. */
function newPat(pat: string): void {
  emu.workspaces['analytics-dev']?.addPat(pat)
  emu.vault.setSecret('dbx-dev-pat', pat)
}

async function onboard(): Promise<ActionRun> {
  const run = await provision()
  expect(run.code).toBe(0)
  return run
}

describe('provision-app', () => {
  test('onboards a workspace from nothing, then a re-run makes no write, during the first cycle and after it', async () => {
    const run = await onboard()
    const created = app()
    expect(created).toBeDefined()
    expect(emu.graph.provisioning.apps()).toHaveLength(1)
    const job = emu.graph.provisioning.job(created?.servicePrincipalId ?? '')
    expect(job?.templateId).toBe('dataBricks')
    // Started: its first cycle runs (NotRun, schedule Active) far longer than this test.
    expect(job?.status.code).toBe('NotRun')
    expect(job?.schedule.state).toBe('Active')
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
    expect(run.summary).toContain('NotRun (first cycle running)')
    expect(Number(run.outputs.changes)).toBeGreaterThan(0)
    expect(run.visibleLog + run.summary + run.stderr).not.toContain(DEV_PAT)

    // A re-run while the first cycle runs leaves the job alone (Graph: start only a paused or quarantined job).
    emu.clearLog()
    const again = await provision()
    expect(again.code).toBe(0)
    expect(graphWrites()).toEqual([])
    expect(again.outputs.changes).toBe('0')
    expect(again.summary).toContain('still in its first provisioning cycle')
    expect(emu.graph.provisioning.counters.start).toBe(1)

    // Once the first cycle has ended the job is Active, and a re-run still writes nothing.
    await emu.graph.provisioning.finishCycle()
    emu.clearLog()
    const steady = await provision()
    expect(steady.code).toBe(0)
    expect(graphWrites()).toEqual([])
    expect(steady.summary).toContain('✅ Active')
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
    newPat(rotated)
    emu.clearLog()
    const run = await provision()
    expect(run.code).toBe(0)
    const secrets = emu.graph.provisioning.secrets(app()?.servicePrincipalId ?? '') ?? []
    expect(secrets.find((c) => c.key === 'SecretToken')?.value).toBe(rotated)
    expect(graphWrites().map(withoutIds)).toEqual([
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

  test('a quarantine comes with a later cycle, is reported by the next run, and a new PAT ends it', async () => {
    await onboard()
    // The PAT expires in Databricks while the first cycle runs: nothing shows until that cycle ends.
    emu.workspaces['analytics-dev']?.removePat(DEV_PAT)
    emu.clearLog()
    const during = await provision()
    expect(during.code).toBe(0)
    expect(graphWrites()).toEqual([])

    await emu.graph.provisioning.finishCycle()
    const run = await provision()
    expect(run.code).toBe(1)
    const failure = run.annotations.at(-1)?.message ?? ''
    expect(failure).toContain('quarantine')
    expect(failure).toContain('EncounteredQuarantineException')
    expect(failure).toContain('dbx-dev-pat')
    expect(run.summary).toContain('⚠️ Quarantine')
    expect(run.outputs['failed-workspaces']).toBe('analytics-dev')

    // A new PAT in Key Vault: validated, saved, and the quarantined job started (start clears the quarantine).
    newPat('dapi-fresh-0123456789abcdef0123456789abcd')
    emu.clearLog()
    const fixed = await provision()
    expect(fixed.code).toBe(0)
    expect(graphWrites().map(withoutIds)).toEqual([
      'POST /v1.0/servicePrincipals/{id}/synchronization/jobs/{job}/validateCredentials',
      'PUT /v1.0/servicePrincipals/{id}/synchronization/secrets',
      'PATCH /v1.0/servicePrincipals/{id}',
      'POST /v1.0/servicePrincipals/{id}/synchronization/jobs/{job}/start'
    ])
    const job = emu.graph.provisioning.job(app()?.servicePrincipalId ?? '')
    expect(job?.status).toMatchObject({ code: 'NotRun', quarantine: null })
    await emu.graph.provisioning.finishCycle()
    expect(emu.graph.provisioning.job(app()?.servicePrincipalId ?? '')?.status.code).toBe('Active')
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
