// End-to-end: `node dist/index.js` syncs a workspace its service principal is not in yet. Azure Databricks refuses an
// unknown service principal (403) unless the request carries an Azure Resource Manager token of it and the workspace's
// Azure resource id, and it has Contributor on the workspace: then Databricks adds it as a workspace admin. Without
// `azure-resource-id` the run fails naming both fixes and writes nothing; with it the sync goes through; the ARM token
// is masked and appears nowhere the run writes.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ARM_AUDIENCE, SP_MANAGEMENT_TOKEN_HEADER, WORKSPACE_RESOURCE_ID_HEADER } from '../emulators/databricks.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { writeConfigFile, type ActionRun } from '../emulators/runner.js'
import { NEW_WORKSPACE, newWorkspaceFixture, OTHER_APP, SYNC_APP } from './onboarding-fixture.js'

let emu: Emulators
let workdir: string

beforeAll(async () => {
  emu = await startEmulators({ fixture: newWorkspaceFixture() })
  workdir = mkdtempSync(join(tmpdir(), 'e2e-onboarding-'))
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  emu.workspaces[NEW_WORKSPACE]!.reset()
  emu.clearLog()
})

const workspace = () => emu.workspaces[NEW_WORKSPACE]!

interface Run extends ActionRun {
  /** Every ARM token Entra issued during the run. */
  armTokens: string[]
  /** Where the run wrote: stdout outside ::add-mask::, stderr, summary, outputs, annotations, its files. */
  written: Record<string, string>
  /** The Azure headers each request the new workspace let in carried. */
  sent: { resourceId: string | undefined; managementToken: string | undefined }[]
}

async function sync(entry: Record<string, unknown> = {}, inputs: Record<string, string> = {}): Promise<Run> {
  writeConfigFile(workdir, {
    version: 1,
    workspaces: [
      {
        name: NEW_WORKSPACE,
        host: emu.workspaceHosts[NEW_WORKSPACE],
        auth: 'entra',
        groups: [{ entra: 'Data Engineers', databricks: 'data-engineers' }],
        ...entry
      }
    ]
  })
  const sent: Run['sent'] = []
  workspace().beforeRequest = (req) => {
    const value = (name: string) => req.headers[name] as string | undefined
    sent.push({ resourceId: value(WORKSPACE_RESOURCE_ID_HEADER), managementToken: value(SP_MANAGEMENT_TOKEN_HEADER) })
  }
  const issuedBefore = emu.entra.issued.length
  const tempDir = mkdtempSync(join(tmpdir(), 'e2e-onboarding-run-'))
  const run = await runAgainst(emu, {
    cwd: workdir,
    tempDir,
    inputs: { command: 'sync', config: 'databricks-identities.yml', ...inputs }
  })
  workspace().beforeRequest = undefined
  const written: Record<string, string> = {
    'stdout (outside ::add-mask::)': run.visibleLog,
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    annotations: JSON.stringify(run.annotations)
  }
  for (const file of filesUnder(tempDir)) written[file] = readFileSync(file, 'utf8')
  if (run.outputs.plan && existsSync(run.outputs.plan)) written['plan file'] = readFileSync(run.outputs.plan, 'utf8')
  const armTokens = emu.entra.issued
    .slice(issuedBefore)
    .filter((t) => t.aud === ARM_AUDIENCE)
    .map((t) => t.token)
  return { ...run, armTokens, written, sent }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const failure = (run: ActionRun): string => run.annotations.filter((a) => a.level === 'error').at(-1)?.message ?? ''
const databricksWrites = () =>
  emu.log.filter((e) => e.service.startsWith('databricks:') && e.method !== 'GET').map((e) => `${e.method} ${e.path}`)

/** Pieces of 16 characters of a token count as a leak, as in e2e-secrets. */
function leaks(written: Record<string, string>, secret: string): string[] {
  const pieces = new Set<string>()
  for (let i = 0; i + 16 <= secret.length; i++) pieces.add(secret.slice(i, i + 16))
  return Object.entries(written)
    .filter(([, text]) => [...pieces].some((p) => text.includes(p)))
    .map(([place]) => place)
}

describe('a workspace the service principal is not in yet', () => {
  test('without azure-resource-id: 403, an error naming both fixes, nothing written', async () => {
    const run = await sync()
    expect(run.code).toBe(1)
    expect(run.outputs['failed-workspaces']).toBe(NEW_WORKSPACE)
    const error = failure(run)
    expect(error).toMatch(/analytics-prod: .*answered 403: User not authorized\./)
    expect(error).toMatch(/add it to the workspace’s admins group/)
    expect(error).toMatch(/Contributor role on the workspace in Azure and set azure-resource-id for this workspace/)
    expect(databricksWrites()).toEqual([])
    expect(workspace().servicePrincipal(SYNC_APP)).toBeUndefined()
    // No ARM token was asked for, and the workspace saw none.
    expect(run.armTokens).toEqual([])
    expect(new Set(workspace().onboarding.map((e) => e.outcome))).toEqual(
      new Set(['not in the workspace, no management token'])
    )
  })

  test('with azure-resource-id: the headers go with every request, Databricks adds the SP as admin, the sync succeeds', async () => {
    const run = await sync({ 'azure-resource-id': workspace().azureResourceId })
    expect(failure(run)).toBe('')
    expect(run.code).toBe(0)
    expect(workspace().onboarding.map((e) => `${e.appId} ${e.outcome}`)).toEqual([
      `${SYNC_APP} added as workspace admin`
    ])
    expect(workspace().group('admins')!.memberNames).toContain(SYNC_APP)
    expect(workspace().group('data-engineers')!.memberNames.length).toBeGreaterThan(0)
    // One ARM token for the run, on every request with the workspace's resource id.
    expect(run.armTokens).toHaveLength(1)
    expect(run.sent.length).toBeGreaterThan(1)
    expect(new Set(run.sent.map((s) => `${s.resourceId} ${s.managementToken}`))).toEqual(
      new Set([`${workspace().azureResourceId} ${run.armTokens[0]}`])
    )
    // The ARM token was masked, and nothing the run wrote holds it (nor a piece of it).
    expect(run.stdout.split('\n')).toContain(`::add-mask::${run.armTokens[0]}`)
    expect(leaks(run.written, run.armTokens[0]!)).toEqual([])

    // The next run finds the service principal in the workspace (and is a workspace admin): nothing left to do.
    const again = await sync({ 'azure-resource-id': workspace().azureResourceId })
    expect(again.code).toBe(0)
    expect(again.outputs.changes).toBe('0')
  })

  test('with azure-resource-id but without the Contributor role: 403, the same fixes, nothing written', async () => {
    const run = await sync({ 'azure-resource-id': workspace().azureResourceId }, { 'client-id': OTHER_APP })
    expect(run.code).toBe(1)
    const error = failure(run)
    expect(error).toMatch(/analytics-prod: .*answered 403: User not authorized\./)
    expect(error).toMatch(/if azure-resource-id is set already, check the id and the role/)
    expect(databricksWrites()).toEqual([])
    expect(workspace().onboarding.map((e) => e.outcome)).toContain(
      'not in the workspace, no Contributor or Owner role on the workspace resource'
    )
    for (const token of run.armTokens) expect(leaks(run.written, token)).toEqual([])
  })
})
