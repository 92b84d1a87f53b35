// End-to-end: Entra groups whose names hold quotes, backslashes, unicode and OData/SCIM filter metacharacters are
// found in Entra (Graph $filter, quotes doubled) and synced into Databricks groups of exactly those names, with the
// right members; a group already in the workspace under such a name is adopted, never duplicated, both when the
// workspace's group list shows it and when it appears between that read and the create (then the action finds it
// with a SCIM filter, displayName eq "…", escaped as SCIM requires).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import type { EmulatorRequest } from '../emulators/types.js'
import { ROOT, writeConfigFile, type ActionRun } from '../emulators/runner.js'

const ETL_APP = '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b'
const GUEST_UPN = 'pradeep.gupta_fabrikam.com#EXT#@contoso.onmicrosoft.com'
const GUEST_MAIL = 'pradeep.gupta@fabrikam.com'
const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))

/** Entra group name -> its members in Entra (UPN or service principal name). */
const GROUPS: Record<string, string[]> = {
  "O'Brien's team": ['adele.vance@contoso.com', 'alex.wilber@contoso.com'],
  'the "core" team': ['diego.siciliani@contoso.com', 'etl-orchestrator'],
  'ops\\infra': ['grady.archie@contoso.com', GUEST_UPN],
  'Données équipe ✓': ['isaiah.langer@contoso.com', 'johanna.lorenz@contoso.com'],
  'a&b': ['lee.gu@contoso.com'],
  'x#y': ['lynne.robbins@contoso.com'],
  'c+d': ['megan.bowen@contoso.com'],
  '50%': ['adele.vance@contoso.com', 'lee.gu@contoso.com'],
  '(eq)': ['alex.wilber@contoso.com'],
  'and or not': ['diego.siciliani@contoso.com', 'megan.bowen@contoso.com'],
  'a/b?c=d&$top=1': ['johanna.lorenz@contoso.com'],
  // A real group named like an injection attempt: found as itself, and only itself.
  "x' or displayName ne '": ['isaiah.langer@contoso.com']
}
const NAMES = Object.keys(GROUPS)

/** The Databricks identity keys of an Entra group's members: UPN, a guest's mail, a service principal's appId. */
const databricksKeys = (name: string): string[] =>
  (GROUPS[name] ?? [])
    .map((m) => (m === GUEST_UPN ? GUEST_MAIL : m === 'etl-orchestrator' ? ETL_APP : m))
    .sort((a, b) => a.localeCompare(b))

let emu: Emulators
let workdir: string

beforeAll(async () => {
  emu = await startEmulators({ fixture })
  for (const [displayName, members] of Object.entries(GROUPS)) emu.graph.addGroup({ displayName, members })
  workdir = mkdtempSync(join(tmpdir(), 'e2e-group-names-'))
  // Every group by its Entra display name, half as plain entries and half as mappings to the same Databricks name.
  const groups = NAMES.map((name, i) => (i % 2 === 0 ? name : { entra: name, databricks: name }))
  writeConfigFile(workdir, {
    version: 1,
    defaults: { 'max-deletions': 50 },
    workspaces: [
      { name: 'analytics-prod', host: emu.workspaceHosts['analytics-prod'], groups },
      { name: 'analytics-dev', host: emu.workspaceHosts['analytics-dev'], groups }
    ]
  })
})

afterAll(async () => {
  await emu?.stop()
})

function syncRun(workspace: string): Promise<ActionRun> {
  emu.clearLog()
  return runAgainst(emu, {
    cwd: workdir,
    inputs: { command: 'sync', config: 'databricks-identities.yml', workspace }
  })
}

const workspaceOf = (name: string) => {
  const ws = emu.workspaces[name]
  if (!ws) throw new Error(`no workspace ${name}`)
  return ws
}

/** Display names of the workspace's groups, sorted (duplicates kept, so a duplicate shows). */
const groupNames = (workspace: string): string[] =>
  workspaceOf(workspace)
    .groups()
    .map((g) => g.displayName)
    .sort((a, b) => a.localeCompare(b))

const scimWrites = (workspace: string) =>
  emu.log.filter((e) => e.service === `databricks:${workspace}` && e.method !== 'GET')

function expectSynced(workspace: string): void {
  for (const name of NAMES) {
    const group = workspaceOf(workspace).group(name)
    expect({ name, displayName: group?.displayName, members: group?.memberNames }).toEqual({
      name,
      displayName: name,
      members: databricksKeys(name)
    })
  }
}

describe('group names with quotes, backslashes, unicode and filter metacharacters', () => {
  test('are created in the workspace with exactly those names and members; a second run changes nothing', async () => {
    const before = groupNames('analytics-prod')
    const first = await syncRun('analytics-prod')
    expect(first.stderr).toBe('')
    expect(first.annotations).toEqual([])
    expect(first.code).toBe(0)

    expectSynced('analytics-prod')
    // Each group is stamped with its Entra object id; nothing else appeared (no mangled or duplicate name).
    for (const name of NAMES) {
      expect(workspaceOf('analytics-prod').group(name)?.externalId).toBe(emu.graph.group(name)?.id)
    }
    expect(groupNames('analytics-prod')).toEqual([...before, ...NAMES].sort((a, b) => a.localeCompare(b)))
    const created = scimWrites('analytics-prod').filter((e) => e.method === 'POST' && e.path.endsWith('/Groups'))
    expect(created.map((e) => (e.body as { displayName: string }).displayName).sort()).toEqual([...NAMES].sort())

    const second = await syncRun('analytics-prod')
    expect(second.code).toBe(0)
    expect(second.outputs.changes).toBe('0')
    expect(scimWrites('analytics-prod')).toEqual([])
    expect(groupNames('analytics-prod')).toEqual([...before, ...NAMES].sort((a, b) => a.localeCompare(b)))
  })

  test('groups already in the workspace under those names are adopted, whether listed or found by a SCIM filter', async () => {
    const ws = workspaceOf('analytics-dev')
    // Made by hand before the run, without externalId: the group list shows them, so they are matched by name.
    const listed = ["O'Brien's team", '50%']
    const listedIds = listed.map(
      (displayName) => ws.addGroup({ displayName, members: ['grady.archie@contoso.com'] }).id
    )
    // Made by another writer between the action's read and its create: the create answers 409, and the action
    // finds the group with a SCIM filter. Quotes and backslashes must be escaped in it, or it finds nothing.
    const racing = ['the "core" team', 'ops\\infra', 'Données équipe ✓']
    const racingIds = new Map<string, string>()
    ws.beforeRequest = (req: EmulatorRequest) => {
      if (req.method !== 'POST' || !req.url.pathname.endsWith('/Groups')) return
      const { displayName } = (req.body ?? JSON.parse(req.rawBody)) as { displayName: string }
      if (racing.includes(displayName) && !racingIds.has(displayName)) {
        racingIds.set(displayName, ws.addGroup({ displayName }).id)
      }
    }
    const before = groupNames('analytics-dev').filter((n) => !NAMES.includes(n))
    try {
      const run = await syncRun('analytics-dev')
      expect(run.stderr).toBe('')
      expect(run.annotations).toEqual([])
      expect(run.code).toBe(0)
    } finally {
      ws.beforeRequest = undefined
    }

    expectSynced('analytics-dev')
    // One group per name: the listed and the racing ones were adopted, with their own ids.
    expect(groupNames('analytics-dev')).toEqual([...before, ...NAMES].sort((a, b) => a.localeCompare(b)))
    expect(listed.map((name) => ws.group(name)?.id)).toEqual(listedIds)
    expect(racing.map((name) => ws.group(name)?.id)).toEqual(racing.map((name) => racingIds.get(name)))

    const scim = emu.log.filter((e) => e.service === 'databricks:analytics-dev' && e.path.endsWith('/Groups'))
    const posted = (name: string) =>
      scim.filter((e) => e.method === 'POST' && (e.body as { displayName: string }).displayName === name)
    // The listed groups were never created; each racing one was tried once, refused as a duplicate, then found.
    for (const name of listed) expect(posted(name)).toEqual([])
    for (const name of racing) expect(posted(name).map((e) => e.status)).toEqual([409])
    expect(
      scim
        .filter((e) => e.method === 'GET' && e.query.filter)
        .map((e) => e.query.filter)
        .sort()
    ).toEqual([
      'displayName eq "Données équipe ✓"',
      'displayName eq "ops\\\\infra"',
      'displayName eq "the \\"core\\" team"'
    ])

    // The run that adopted the groups also gave them their entitlements: the next run changes nothing.
    const second = await syncRun('analytics-dev')
    expect(second.code).toBe(0)
    expect(second.outputs.changes).toBe('0')
    expect(scimWrites('analytics-dev')).toEqual([])
    expect(groupNames('analytics-dev')).toEqual([...before, ...NAMES].sort((a, b) => a.localeCompare(b)))
  })
})
