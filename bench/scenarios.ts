// The benchmark's scenarios: the real `node dist/index.js` (command: sync over every workspace) against the
// emulators with per-request latency and throttling on, measured from the emulators' request log, the plan file
// and the action process's peak RSS; plus the naive baseline on a first sync. Used by bench/run.ts (npm run bench)
// and by __tests__/bench-smoke.test.ts.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { stringify } from 'yaml'
import { startEmulators, type Emulators, type RateLimit, type RequestLogEntry } from '../emulators/index.js'
import { ROOT, runAction } from '../emulators/runner.js'
import { trustTestCa } from '../emulators/tls.js'
import { syncLowerBound, type SyncBoundInput } from './bound.js'
import { runNaive } from './naive.js'
import { buildTenant, pick, prng, SYNC_APP, type BenchTenant, type BenchWorkspace } from './tenant.js'

const DATABRICKS_RESOURCE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d'

export interface Limits {
  /** Graph, per app and tenant. */
  graph: RateLimit[]
  /** Each workspace's SCIM API. */
  scim: RateLimit[]
}

/**
 * Graph: the identity-and-access limit for a large tenant (> 500 users) is 8,000 resource units per 10 s per app
 * and tenant; a transitiveMembers page costs 5 units (the emulator's x-ms-resource-unit), so ≈ 1,600 requests per
 * 10 s. Workspace SCIM: Databricks publishes SCIM limits for the account API (PATCH 2/s, POST/PUT/DELETE 5/s, GET
 * 20/s); for workspace SCIM we assume the same shape ten times higher (PATCH 20/s, POST/PUT/DELETE 50/s, GET
 * 100/s per workspace) — an assumption, not a published number. Over a limit: 429 + Retry-After.
 */
export const DEFAULT_LIMITS: Limits = {
  graph: [{ limit: 1600, windowMs: 10_000 }],
  scim: [
    { limit: 20, windowMs: 1000, methods: ['PATCH'] },
    { limit: 50, windowMs: 1000, methods: ['POST', 'PUT', 'DELETE'] },
    { limit: 100, windowMs: 1000, methods: ['GET'] }
  ]
}

export const describeLimits = (limits: Limits): string => {
  const one = (l: RateLimit) => `${l.methods?.join('/') ?? 'all'} ${l.limit}/${l.windowMs / 1000}s`
  return `Graph ${limits.graph.map(one).join(', ')} per app; workspace SCIM ${limits.scim.map(one).join(', ')} per workspace`
}

/** Request-count columns, in table order. */
export const API_COLUMNS = [
  'graph GET',
  'graph POST',
  'entra POST',
  'scim GET',
  'scim POST',
  'scim PATCH',
  'scim DELETE',
  'other'
] as const

export interface ScenarioRow {
  scenario: string
  wallMs: number
  /** Requests by `api verb` (graph, scim, entra, github, keyvault), every attempt counted (429s too). */
  byApi: Record<string, number>
  total: number
  /** Identities created + memberships added or removed + other identity changes (planned ones for a dry-run). */
  changes: number
  /** undefined for the naive row. */
  lowerBound?: number
  ratio?: number
  rssMb?: number
  throttled: number
  /** POST/PUT/PATCH/DELETE to workspace SCIM. */
  scimWrites: number
  /** Workspace SCIM requests by workspace name (to set the action beside the naive baseline's workspaces). */
  scimByWorkspace?: Record<string, number>
  /** Runs whose peak RSS rssMb is the maximum of (1 unless the scenario was repeated; see BenchOptions.rssRuns). */
  rssRuns?: number
  creates: number
  changedGroups: number
  /** Operations in the plan (the action writes each in its own request, a membership op per 1,000/100 members). */
  operations: number
  /** Time the action's SCIM clients waited for retries (Retry-After), summed over workspaces. */
  scimRetryWaitMs?: number
  /**
   * The least time the workspace rate limits allow for the requests the run had answered: per workspace, its
   * answered GETs, POSTs and PATCHes each at their method's rate, one after the other; the slowest workspace.
   */
  rateFloorMs?: number
  failedWorkspaces: string[]
  exitCode?: number
  notes?: string
}

export interface BenchOptions {
  scale: number
  latencyMs?: number
  limits?: Limits
  /** Workspaces the naive baseline runs over (0: no naive row). */
  naiveWorkspaces?: number
  /** Share of users whose membership changes in the churn scenarios. */
  churn?: number
  /** Extra NODE_OPTIONS for the action's process (e.g. --max-old-space-size=128, to tell garbage from live data). */
  nodeOptions?: string
  /**
   * Peak RSS as the maximum over this many runs (default 1): each scenario that writes nothing (steady states,
   * dry-runs) is run again in place; a scenario that writes (first sync, churn) cannot be repeated on the same
   * state and is one sample.
   */
  rssRuns?: number
  progress?: (message: string) => void
}

export interface BenchResult {
  tenant: BenchTenant
  rows: ScenarioRow[]
  /** The naive baseline over its workspaces: first sync, steady state, 1% churn. */
  naive: ScenarioRow[]
  /** The account with automatic identity management (bench/aim.ts), when run. */
  aim?: ScenarioRow[]
  /** Distinct Entra groups synced, users and service principals per workspace after the first sync. */
  shape: { distinctGroups: number; principalsPerWorkspace: number[] }
}

export const api = (e: RequestLogEntry): string => {
  const service = e.service.startsWith('databricks:') ? 'scim' : e.service
  return `${service} ${e.method.toUpperCase()}`
}

export function countRequests(log: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const e of log) counts[api(e)] = (counts[api(e)] ?? 0) + 1
  return counts
}

export function scimByWorkspace(log: readonly RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const e of log) {
    if (!e.service.startsWith('databricks:')) continue
    const ws = e.service.slice('databricks:'.length)
    counts[ws] = (counts[ws] ?? 0) + 1
  }
  return counts
}

interface PlanFile {
  workspaces: {
    workspace: string
    status: string
    operations: { kind: string; group?: string; members?: unknown[]; status: string }[]
    requests?: { total: number; throttled: number; retries: number; waitedMs: number }
  }[]
}

const CREATES = new Set(['create-user', 'create-service-principal', 'create-group'])
const GROUP_WRITES = new Set(['add-members', 'remove-members', 'set-group-entitlements', 'rename-group'])

/** Changes, writes a perfect client needs (one per created identity, one PATCH per changed group, one per other op). */
export function planCounts(plan: PlanFile): {
  changes: number
  creates: number
  changedGroups: number
  writes: number
  operations: number
} {
  let operations = 0
  let changes = 0
  let creates = 0
  let changedGroups = 0
  let other = 0
  for (const ws of plan.workspaces) {
    const groups = new Set<string>()
    for (const op of ws.operations) {
      operations++
      if (CREATES.has(op.kind)) creates++
      else if (GROUP_WRITES.has(op.kind)) groups.add((op.group ?? '').toLowerCase())
      else other++
      changes += op.members ? op.members.length : op.kind === 'set-group-entitlements' ? 0 : 1
    }
    changedGroups += groups.size
  }
  return { changes, creates, changedGroups, writes: creates + changedGroups + other, operations }
}

/**
 * What the lower bound needs from the state before a run (bench/bound.ts): the transitive member counts of each
 * distinct synced group (or, with a state file, the delta links), and per workspace its list sizes and the groups
 * whose members a sync reads (the synced ones that exist there, and admins).
 */
export function stateBefore(
  emu: Emulators,
  tenant: BenchTenant,
  graph: 'full' | 'delta' = 'full'
): Omit<SyncBoundInput, 'writes'> {
  const distinct = new Set(tenant.workspaces.flatMap((w) => w.groups.map((g) => g.toLowerCase())))
  return {
    graph: graph === 'delta' ? 'delta' : [...distinct].map((g) => emu.graph.transitiveMemberIds(g).length),
    workspaces: tenant.workspaces.map((w) => {
      const state = emu.workspaces[w.name]
      if (!state) throw new Error(`no workspace ${w.name}`)
      // Databricks' admins group (the action's core/text.ts ADMINS_GROUP): its members are never removed.
      const wanted = new Set([...w.groups.map((g) => g.toLowerCase()), 'admins'])
      const groups = state.groups()
      return {
        users: state.users().length,
        servicePrincipals: state.servicePrincipals().length,
        groups: groups.length,
        managedGroups: groups.filter((g) => wanted.has(g.displayName.toLowerCase())).length
      }
    })
  }
}

/** The sync config: every workspace, Entra auth (the sync app is admin of each), groups by display name. */
export function writeConfig(dir: string, emu: Emulators, tenant: BenchTenant): string {
  const file = join(dir, 'databricks-identities.yml')
  writeFileSync(
    file,
    stringify({
      version: 1,
      workspaces: tenant.workspaces.map((w) => ({
        name: w.name,
        host: emu.workspaceHosts[w.name],
        auth: 'entra',
        groups: w.groups
      }))
    })
  )
  return file
}

/** The preload that records peak RSS: build/bench/rss.js when built, else the same few lines in a temp file. */
export function rssPreload(): string {
  const built = join(ROOT, 'build', 'bench', 'rss.js')
  if (existsSync(built)) return built
  const file = join(mkdtempSync(join(tmpdir(), 'bench-rss-')), 'rss.mjs')
  writeFileSync(
    file,
    "import { writeFileSync } from 'node:fs'\nconst file = process.env.BENCH_RSS_FILE\n" +
      "if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))\n"
  )
  return file
}

/** Latency and rate limits on every server (again after resetKnobs, which also clears the sliding windows). */
export function applyKnobs(emu: Emulators, latencyMs: number, limits: Limits): void {
  emu.resetKnobs()
  for (const [name, server] of Object.entries(emu.servers)) {
    server.latencyMs = latencyMs
    if (name === 'graph') server.setRateLimit(limits.graph)
    else if (name.startsWith('databricks:')) server.setRateLimit(limits.scim)
  }
}

/** 1% churn (by default): that share of users each join a random group or leave one they are a direct member of. */
export function applyChurn(emu: Emulators, tenant: BenchTenant, share: number, seed = 7): number {
  const random = prng(seed)
  const groups = tenant.levels.slice(1).flat()
  const n = Math.max(1, Math.round(tenant.userNames.length * share))
  const chosen = new Set<string>()
  while (chosen.size < n) chosen.add(pick(random, tenant.userNames))
  const userGroups = new Map<string, string[]>()
  for (const g of emu.graph.groups()) {
    for (const id of g.members) {
      const list = userGroups.get(id)
      if (list) list.push(g.displayName)
      else userGroups.set(id, [g.displayName])
    }
  }
  let changed = 0
  for (const upn of chosen) {
    const id = emu.graph.user(upn)?.id as string
    const current = userGroups.get(id) ?? []
    if (random() < 0.5 && current.length > 0) {
      if (emu.graph.removeMember(pick(random, current), upn)) changed++
    } else if (emu.graph.addMember(pick(random, groups), upn)) changed++
  }
  return changed
}

export interface RunContext {
  emu: Emulators
  tenant: BenchTenant
  workdir: string
  latencyMs: number
  limits: Limits
  rss: string
  nodeOptions: string
}

/** Seconds one answered request of `method` takes at the workspace SCIM limits (0 when the method is not limited). */
function secondsPerRequest(limits: Limits, method: string): number {
  const limit = limits.scim.find((l) => !l.methods || l.methods.includes(method))
  return limit ? limit.windowMs / 1000 / limit.limit : 0
}

export function rateFloorMs(log: readonly RequestLogEntry[], limits: Limits): number {
  const perWorkspace = new Map<string, number>()
  for (const e of log) {
    if (!e.service.startsWith('databricks:') || e.status === 429) continue
    perWorkspace.set(e.service, (perWorkspace.get(e.service) ?? 0) + secondsPerRequest(limits, e.method.toUpperCase()))
  }
  return Math.max(0, ...perWorkspace.values()) * 1000
}

/** The inputs of a sync of the bench config, signed in to the emulators as the sync app. */
export function syncInputs(emu: Emulators, tenant: BenchTenant, dryRun: boolean): Record<string, string> {
  return {
    command: 'sync',
    config: 'databricks-identities.yml',
    'tenant-id': tenant.fixture.tenantId,
    'client-id': SYNC_APP,
    'authority-host': emu.authorityHost,
    'graph-endpoint': emu.graphEndpoint,
    'dry-run': String(dryRun)
  }
}

export interface MeasureOptions {
  dryRun: boolean
  /** The state-file input (incremental Entra reads). */
  stateFile?: string
}

export async function measure(ctx: RunContext, scenario: string, options: MeasureOptions): Promise<ScenarioRow> {
  const { emu, tenant } = ctx
  const { dryRun } = options
  applyKnobs(emu, ctx.latencyMs, ctx.limits)
  const before = stateBefore(emu, tenant, options.stateFile && existsSync(options.stateFile) ? 'delta' : 'full')
  emu.clearLog()
  const rssFile = join(ctx.workdir, `rss-${scenario.replace(/\W+/g, '-')}.txt`)
  const start = performance.now()
  const run = await runAction({
    cwd: ctx.workdir,
    tempDir: mkdtempSync(join(ctx.workdir, 'run-')),
    inputs: {
      ...syncInputs(emu, tenant, dryRun),
      ...(options.stateFile ? { 'state-file': options.stateFile } : {})
    },
    env: {
      ...emu.env(),
      NODE_OPTIONS: `--import ${pathToFileURL(ctx.rss).href} ${ctx.nodeOptions}`.trim(),
      BENCH_RSS_FILE: rssFile
    }
  })
  const wallMs = performance.now() - start
  const log = [...emu.log]
  const planPath = run.outputs.plan
  if (!planPath || !existsSync(planPath)) {
    throw new Error(
      `${scenario}: the action wrote no plan (exit ${run.code}): ${run.stderr || run.visibleLog.slice(-2000)}`
    )
  }
  const plan = JSON.parse(readFileSync(planPath, 'utf8')) as PlanFile
  const counts = planCounts(plan)
  const byApi = countRequests(log)
  const scimWrites = log.filter((e) => e.service.startsWith('databricks:') && e.method.toUpperCase() !== 'GET').length
  const lowerBound = syncLowerBound({ ...before, writes: dryRun ? 0 : counts.writes })
  const failed = plan.workspaces.filter((w) => ['failed', 'tripped', 'skipped'].includes(w.status))
  return {
    scenario,
    wallMs,
    byApi,
    total: log.length,
    changes: counts.changes,
    lowerBound,
    ratio: log.length / lowerBound,
    rssMb: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN,
    throttled: log.filter((e) => e.status === 429).length,
    scimWrites,
    scimByWorkspace: scimByWorkspace(log),
    rssRuns: 1,
    creates: counts.creates,
    changedGroups: counts.changedGroups,
    operations: counts.operations,
    scimRetryWaitMs: plan.workspaces.reduce((n, w) => n + (w.requests?.waitedMs ?? 0), 0),
    rateFloorMs: rateFloorMs(log, ctx.limits),
    failedWorkspaces: failed.map((w) => w.workspace),
    exitCode: run.code,
    ...(failed.length > 0 ? { notes: failed.map((w) => `${w.workspace}: ${w.status}`).join('; ') } : {})
  }
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const latencyMs = options.latencyMs ?? 20
  const limits = options.limits ?? DEFAULT_LIMITS
  const progress = options.progress ?? (() => {})
  const caDir = join(ROOT, '.emulators')
  const t0 = performance.now()
  const tenant = buildTenant({ scale: options.scale })
  progress(
    `tenant: ${tenant.fixture.users.length} users, ${tenant.fixture.servicePrincipals.length} service principals, ` +
      `${tenant.fixture.groups.length} groups, ${tenant.workspaces.length} workspaces × ${tenant.workspaces[0]?.groups.length} groups ` +
      `(built in ${Math.round(performance.now() - t0)} ms)`
  )
  const workdir = mkdtempSync(join(tmpdir(), 'bench-'))
  const rss = rssPreload()
  const rows: ScenarioRow[] = []
  let shape: BenchResult['shape'] = { distinctGroups: 0, principalsPerWorkspace: [] }
  const emu = await startEmulators({ fixture: tenant.fixture, latencyMs, caDir })
  try {
    writeConfig(workdir, emu, tenant)
    const ctx: RunContext = { emu, tenant, workdir, latencyMs, limits, rss, nodeOptions: options.nodeOptions ?? '' }
    const step = async (name: string, dryRun: boolean, stateFile?: string): Promise<ScenarioRow> => {
      progress(`${name} …`)
      const measureOptions = { dryRun, ...(stateFile ? { stateFile } : {}) }
      // A state file's first run writes it: run again, it would be a steady state.
      const writesStateFile = stateFile !== undefined && !existsSync(stateFile)
      const row = await measure(ctx, name, measureOptions)
      progress(`${name}: ${(row.wallMs / 1000).toFixed(1)} s, ${row.total} requests, ${row.throttled} × 429`)
      // A run that wrote nothing leaves the state as it found it: run it again for the maximum peak RSS.
      const repeatable = row.scimWrites === 0 && !writesStateFile && row.failedWorkspaces.length === 0
      for (let run = 2; repeatable && run <= (options.rssRuns ?? 1); run++) {
        const again = await measure(ctx, name, measureOptions)
        row.rssMb = Math.max(row.rssMb ?? 0, again.rssMb ?? 0)
        row.rssRuns = run
        progress(`${name}, run ${run} for peak RSS: ${(again.rssMb ?? 0).toFixed(0)} MB`)
      }
      return row
    }
    rows.push(await step('1 first sync', false))
    // A workspace that failed (e.g. its SCIM retry budget ran out under throttling) is finished by a re-run, as
    // the action's own message says, so that the steady state that follows is one.
    for (let again = 1; again <= 2 && (rows.at(-1) as ScenarioRow).failedWorkspaces.length > 0; again++) {
      rows.push(await step(`1${'b'.repeat(again)} first sync, re-run`, false))
    }
    shape = {
      distinctGroups: new Set(tenant.workspaces.flatMap((w) => w.groups)).size,
      principalsPerWorkspace: tenant.workspaces.map(
        (w) => (emu.workspaces[w.name]?.users().length ?? 0) + (emu.workspaces[w.name]?.servicePrincipals().length ?? 0)
      )
    }
    rows.push(await step('2 steady state', false))
    const churned = applyChurn(emu, tenant, options.churn ?? 0.01)
    progress(`churn: ${churned} membership changes in Entra`)
    // The dry-run goes first so that both see the same Entra change against the same workspaces.
    const dry = await step('4 churn, dry-run', true)
    rows.push(await step('3 1% churn', false))
    rows.push(dry)
    // Incremental reads: the first run with a state file reads everything and writes it; the next read deltas.
    const stateFile = join(workdir, 'state', 'entra-state.json')
    rows.push(await step('5 state file: first run', false, stateFile))
    rows.push(await step('6 state file: steady state', false, stateFile))
    progress(`churn: ${applyChurn(emu, tenant, options.churn ?? 0.01, 8)} membership changes in Entra`)
    rows.push(await step('7 state file: 1% churn', false, stateFile))
    // What the incremental run did must be what a full read asks for: a full-read dry-run now plans nothing.
    rows.push(await step('8 full-read check, dry-run', true))
  } finally {
    await emu.stop()
  }

  const naiveCount = Math.min(options.naiveWorkspaces ?? tenant.workspaces.length, tenant.workspaces.length)
  const naive =
    naiveCount > 0
      ? await runNaiveScenarios(tenant, tenant.workspaces.slice(0, naiveCount), {
          latencyMs,
          limits,
          caDir,
          churn: options.churn ?? 0.01,
          progress
        })
      : []
  return { tenant, rows, naive, shape }
}

/** The requests a run of the action sent for these workspaces: their SCIM requests and every shared one. */
export function actionRequestsFor(row: ScenarioRow, workspaces: readonly string[]): number {
  const keep = new Set(workspaces)
  const others = Object.entries(row.scimByWorkspace ?? {})
    .filter(([ws]) => !keep.has(ws))
    .reduce((n, [, v]) => n + v, 0)
  return row.total - others
}

/**
 * The naive baseline (bench/naive.ts) over `selected`, on emulators of its own: a first sync, the same script run
 * again (its steady state: it has no other), and a run after the same 1% churn the action's churn scenario sees.
 */
async function runNaiveScenarios(
  tenant: BenchTenant,
  selected: BenchWorkspace[],
  options: { latencyMs: number; limits: Limits; caDir: string; churn: number; progress: (m: string) => void }
): Promise<ScenarioRow[]> {
  const { latencyMs, limits, progress } = options
  const fresh = await startEmulators({ fixture: tenant.fixture, latencyMs, caDir: options.caDir })
  const rows: ScenarioRow[] = []
  const of = `${selected.length}/${tenant.workspaces.length} ws`
  try {
    trustTestCa(readFileSync(fresh.caFile, 'utf8'))
    const graphToken = await fresh.entra.issueAccessToken(SYNC_APP, fresh.graphEndpoint)
    const scimToken = await fresh.entra.issueAccessToken(SYNC_APP, DATABRICKS_RESOURCE)
    const run = async (scenario: string): Promise<ScenarioRow> => {
      progress(`${scenario} …`)
      applyKnobs(fresh, latencyMs, limits)
      fresh.clearLog()
      const start = performance.now()
      const result = await runNaive({
        graphEndpoint: fresh.graphEndpoint,
        graphToken,
        workspaces: selected.map((w) => ({
          name: w.name,
          host: fresh.workspaceHosts[w.name] as string,
          token: scimToken,
          groups: w.groups
        }))
      })
      const wallMs = performance.now() - start
      const log = [...fresh.log]
      progress(`${scenario}: ${(wallMs / 1000).toFixed(1)} s, ${log.length} requests`)
      return {
        scenario,
        wallMs,
        byApi: countRequests(log),
        total: log.length,
        changes: result.changes,
        throttled: log.filter((e) => e.status === 429).length,
        scimWrites: log.filter((e) => e.service.startsWith('databricks:') && e.method.toUpperCase() !== 'GET').length,
        scimByWorkspace: scimByWorkspace(log),
        creates: result.created,
        changedGroups: 0,
        operations: result.changes,
        failedWorkspaces: [],
        notes:
          'direct members only, added and never removed, one request at a time; tokens minted by the emulator (no entra requests)'
      }
    }
    rows.push(await run(`naive first sync (${of})`))
    rows.push(await run(`naive steady state (${of})`))
    progress(`churn: ${applyChurn(fresh, tenant, options.churn)} membership changes in Entra`)
    rows.push(await run(`naive 1% churn (${of})`))
  } finally {
    await fresh.stop()
  }
  return rows
}
