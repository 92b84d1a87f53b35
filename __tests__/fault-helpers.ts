// Helpers of the fault suite (e2e-faults*.test.ts): the demo config, runs of dist/index.js, snapshots of the
// emulated workspaces, and the checks every run under faults must pass — a clean outcome (exit 0, or exit 1 naming
// the failed workspaces, never a crash) and no removal the plan did not intend.
import { afterEach, expect } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadFixture, type TenantFixture } from '../emulators/fixture.js'
import { demoWorkspaces, runAgainst, startEmulators, type Emulators, type StartOptions } from '../emulators/index.js'
import { configWorkdir, ROOT, writeConfigFile, type ActionRun, type RunOptions } from '../emulators/runner.js'

export const DEMO: TenantFixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
export const WORKSPACES = ['analytics-prod', 'analytics-dev'] as const

export type Group = string | Record<string, unknown>

export interface ConfigSpec {
  prod?: Group[]
  dev?: Group[]
  defaults?: Record<string, unknown>
}

export const PROD_GROUPS: Group[] = [
  'Databricks-Group-Test',
  {
    entra: 'Data Engineers',
    databricks: 'data-engineers',
    entitlements: ['workspace-access', 'databricks-sql-access']
  },
  { entra: 'Data Analysts', databricks: 'data-analysts' }
]
export const DEV_GROUPS: Group[] = [
  { entra: 'Data Engineers', databricks: 'data-engineers' },
  { entra: 'Databricks-Group-Test', 'members-only': true }
]

export function groupId(fixture: TenantFixture, name: string): string {
  const id = fixture.groups.find((g) => g.displayName === name)?.id
  if (!id) throw new Error(`no group ${name} in the fixture`)
  return id
}

export function userId(fixture: TenantFixture, upn: string): string {
  const id = fixture.users.find((u) => u.userPrincipalName === upn)?.id
  if (!id) throw new Error(`no user ${upn} in the fixture`)
  return id
}

/** The emulators of the running test: started by `start`, stopped after each test; `get` throws when none run. */
export function emulatorsPerTest(): { start(options: StartOptions): Promise<Emulators>; get(): Emulators } {
  let emu: Emulators | undefined
  afterEach(async () => {
    await emu?.stop()
    emu = undefined
  })
  return {
    start: async (options) => (emu = await startEmulators(options)),
    get: () => {
      if (!emu) throw new Error('emulators not started')
      return emu
    }
  }
}

/** The config of the emulators' two workspaces, with the groups and defaults of `spec`. */
function demoConfig(emu: Emulators, spec: ConfigSpec): unknown {
  return {
    version: 1,
    defaults: spec.defaults ?? { 'max-deletions': '50%' },
    workspaces: demoWorkspaces(
      emu,
      { auth: 'entra', groups: spec.prod ?? PROD_GROUPS },
      { groups: spec.dev ?? DEV_GROUPS }
    )
  }
}

/** A working directory holding databricks-identities.yml for the emulators' two workspaces. */
export function writeConfig(emu: Emulators, dir: string, spec: ConfigSpec = {}): void {
  writeConfigFile(dir, demoConfig(emu, spec))
}

export function workdir(emu: Emulators, spec: ConfigSpec = {}): string {
  return configWorkdir('e2e-faults-', demoConfig(emu, spec))
}

export function syncRun(
  emu: Emulators,
  dir: string,
  inputs: Record<string, string> = {},
  options: Omit<RunOptions, 'inputs' | 'cwd'> = {}
): Promise<ActionRun> {
  return runAgainst(emu, {
    ...options,
    cwd: dir,
    inputs: { command: 'sync', config: 'databricks-identities.yml', ...inputs }
  })
}

/**
 * syncRun with a hard stop: a run still going after `capMs` (default 60 s) is killed, so a hang fails the test, with
 * the time it took, instead of timing the test out.
 */
export async function cappedSyncRun(
  emu: Emulators,
  dir: string,
  inputs: Record<string, string> = {},
  options: Omit<RunOptions, 'inputs' | 'cwd'> & { capMs?: number } = {}
): Promise<{ run: ActionRun; ms: number; killed: boolean }> {
  const { capMs = 60_000, onSpawn, ...rest } = options
  let timer: NodeJS.Timeout | undefined
  let killed = false
  const started = Date.now()
  const run = await syncRun(emu, dir, inputs, {
    ...rest,
    onSpawn: (child) => {
      timer = setTimeout(() => {
        killed = true
        child.kill('SIGKILL')
      }, capMs)
      onSpawn?.(child)
    }
  })
  clearTimeout(timer)
  return { run, ms: Date.now() - started, killed }
}

export const databricksWrites = (emu: Emulators, workspace?: string): string[] =>
  emu.log
    .filter((e) => e.service.startsWith('databricks:') && e.method !== 'GET')
    .filter((e) => workspace === undefined || e.service === `databricks:${workspace}`)
    .map((e) => `${e.service} ${e.method} ${e.path}`)

// ---------------------------------------------------------------------------------------------------------
// Snapshots of the emulated workspaces

export interface PrincipalSnap {
  /** user:<userName> or sp:<applicationId>, lower-cased. */
  key: string
  id: string
  displayName: string | undefined
  active: boolean
  externalId: string | undefined
  entitlements: string[]
}

export interface GroupSnap {
  id: string
  displayName: string
  externalId: string | undefined
  entitlements: string[]
  /** Member keys (user:…, sp:…, group:…), sorted. */
  members: string[]
}

export interface WorkspaceSnap {
  principals: Map<string, PrincipalSnap>
  /** By group id. */
  groups: Map<string, GroupSnap>
  /** Identities (by key) and groups (by name) seen more than once. */
  duplicates: string[]
}

const values = (list: { value: string }[] | undefined): string[] => (list ?? []).map((e) => e.value).sort()

export function snapshot(emu: Emulators, workspace: string): WorkspaceSnap {
  const state = emu.workspaces[workspace]
  if (!state) throw new Error(`no workspace ${workspace}`)
  const principals = new Map<string, PrincipalSnap>()
  const keyById = new Map<string, string>()
  const duplicates: string[] = []
  const add = (p: PrincipalSnap): void => {
    if (principals.has(p.key)) duplicates.push(p.key)
    principals.set(p.key, p)
    keyById.set(p.id, p.key)
  }
  for (const u of state.users()) {
    add({
      key: `user:${u.userName.toLowerCase()}`,
      id: u.id,
      displayName: u.displayName,
      active: u.active,
      externalId: u.externalId,
      entitlements: values(u.entitlements)
    })
  }
  for (const sp of state.servicePrincipals()) {
    add({
      key: `sp:${sp.applicationId.toLowerCase()}`,
      id: sp.id,
      displayName: sp.displayName,
      active: sp.active,
      externalId: sp.externalId,
      entitlements: values(sp.entitlements)
    })
  }
  const all = state.groups()
  const names = new Set<string>()
  for (const g of all) {
    if (names.has(g.displayName.toLowerCase())) duplicates.push(`group:${g.displayName.toLowerCase()}`)
    names.add(g.displayName.toLowerCase())
    keyById.set(g.id, `group:${g.displayName.toLowerCase()}`)
  }
  const groups = new Map<string, GroupSnap>()
  for (const g of all) {
    groups.set(g.id, {
      id: g.id,
      displayName: g.displayName,
      externalId: g.externalId,
      entitlements: values(g.entitlements),
      members: (g.members ?? []).map((m) => keyById.get(m.value) ?? `unknown:${m.value}`).sort()
    })
  }
  return { principals, groups, duplicates }
}

export type Snapshots = Record<string, WorkspaceSnap>

export const snapshotAll = (emu: Emulators): Snapshots =>
  Object.fromEntries(WORKSPACES.map((ws) => [ws, snapshot(emu, ws)]))

/** A snapshot without ids (so two emulator sets compare), sorted. */
export function canonical(snap: WorkspaceSnap): unknown {
  return {
    principals: [...snap.principals.values()].map(({ id: _id, ...p }) => p).sort((a, b) => a.key.localeCompare(b.key)),
    groups: [...snap.groups.values()]
      .map(({ id: _id, ...g }) => g)
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    duplicates: snap.duplicates
  }
}

export const canonicalAll = (snaps: Snapshots): Record<string, unknown> =>
  Object.fromEntries(Object.entries(snaps).map(([ws, s]) => [ws, canonical(s)]))

/**
 * The workspaces after one fault-free sync of `fixture` with `spec` on an emulator set of their own: the desired
 * state a run under faults must reach.
 */
export async function referenceState(
  fixture: TenantFixture,
  spec: ConfigSpec = {},
  prepare?: (emu: Emulators) => void
): Promise<Record<string, unknown>> {
  const emu = await startEmulators({ fixture })
  try {
    prepare?.(emu)
    const run = await syncRun(emu, workdir(emu, spec))
    if (run.code !== 0) throw new Error(`reference run failed:\n${run.stdout}\n${run.stderr}`)
    return canonicalAll(snapshotAll(emu))
  } finally {
    await emu.stop()
  }
}

// ---------------------------------------------------------------------------------------------------------
// The plan file and the checks

interface PlanRef {
  kind: 'user' | 'servicePrincipal'
  key: string
  id?: string
}

export interface PlanOperation {
  kind: string
  status: string
  error?: string
  group?: string
  groupId?: string
  members?: PlanRef[]
  principal?: PlanRef
  userName?: string
}

export interface PlanWorkspace {
  workspace: string
  status: string
  error?: string
  operations: PlanOperation[]
}

export interface PlanFile {
  dryRun: boolean
  workspaces: PlanWorkspace[]
}

export function readPlan(run: ActionRun): PlanFile | undefined {
  const file = run.outputs.plan
  if (!file || !existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as PlanFile
}

const refKey = (r: PlanRef): string => `${r.kind === 'user' ? 'user' : 'sp'}:${r.key.toLowerCase()}`

/**
 * Every removal between two snapshots of a workspace (a membership gone, an identity deleted or deactivated, a group
 * gone), each with whether a `remove-members`, `deactivate` or `delete` operation of the plan intended it.
 */
export function removals(
  before: WorkspaceSnap,
  after: WorkspaceSnap,
  plan: PlanWorkspace | undefined
): { removal: string; planned: boolean }[] {
  const ops = plan?.operations ?? []
  const deleted = new Set(ops.filter((o) => o.kind === 'delete' && o.principal).map((o) => refKey(o.principal!)))
  const deactivated = new Set(
    ops.filter((o) => o.kind === 'deactivate' && o.principal).map((o) => refKey(o.principal!))
  )
  const removedFrom = new Set(
    ops
      .filter((o) => o.kind === 'remove-members')
      .flatMap((o) => (o.members ?? []).map((m) => `${o.groupId}|${refKey(m)}`))
  )
  const out: { removal: string; planned: boolean }[] = []
  for (const [key, p] of before.principals) {
    const now = after.principals.get(key)
    if (!now) out.push({ removal: `deleted ${key}`, planned: deleted.has(key) })
    else if (p.active && !now.active) out.push({ removal: `deactivated ${key}`, planned: deactivated.has(key) })
  }
  for (const [id, g] of before.groups) {
    const now = after.groups.get(id)
    if (!now) {
      out.push({ removal: `deleted group ${g.displayName}`, planned: false })
      continue
    }
    const still = new Set(now.members)
    for (const m of g.members) {
      if (still.has(m)) continue
      out.push({
        removal: `${m} removed from ${g.displayName}`,
        planned: removedFrom.has(`${id}|${m}`) || deleted.has(m)
      })
    }
  }
  return out
}

/** Removals across both workspaces that no operation of the run's plan intended. */
export function unplannedRemovals(before: Snapshots, after: Snapshots, run: ActionRun): string[] {
  const plan = readPlan(run)
  return WORKSPACES.flatMap((ws) =>
    removals(
      before[ws]!,
      after[ws]!,
      plan?.workspaces.find((w) => w.workspace === ws)
    )
      .filter((r) => !r.planned)
      .map((r) => `${ws}: ${r.removal}`)
  )
}

export const allRemovals = (before: Snapshots, after: Snapshots, run: ActionRun): string[] => {
  const plan = readPlan(run)
  return WORKSPACES.flatMap((ws) =>
    removals(
      before[ws]!,
      after[ws]!,
      plan?.workspaces.find((w) => w.workspace === ws)
    ).map((r) => `${ws}: ${r.removal}`)
  )
}

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m

/**
 * The outcome every run must have, faults or not: exit 0 with no failed workspace, or exit 1 with
 * `failed-workspaces` set and the error naming each of them; never a crash (a stack trace, another exit code).
 */
export function expectCleanOutcome(run: ActionRun): void {
  const context = `exit ${run.code}\nstdout:\n${run.visibleLog}\nstderr:\n${run.stderr}`
  expect({ code: [0, 1].includes(run.code), context }).toEqual({ code: true, context })
  expect({ stack: STACK_LINE.test(run.stdout) || STACK_LINE.test(run.stderr), context }).toEqual({
    stack: false,
    context
  })
  expect({ stderr: run.stderr, context }).toEqual({ stderr: '', context })
  const failed = (run.outputs['failed-workspaces'] ?? '').split(',').filter(Boolean)
  if (run.code === 0) {
    expect({ failed, context }).toEqual({ failed: [], context })
    return
  }
  expect({ someFailed: failed.length > 0, context }).toEqual({ someFailed: true, context })
  const errors = run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')
  for (const ws of failed) {
    expect({ named: new RegExp(`^${ws}: \\S`, 'm').test(errors), ws, errors }).toEqual({
      named: true,
      ws,
      errors
    })
  }
}
