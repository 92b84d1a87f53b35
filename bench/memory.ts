// npm run build:tools && node build/bench/memory.js [--scenario first|steady|churn|state-churn] [--scale X] [--runs N]
//   [--snapshot] [--node-options "..."] [--env K=V ...]
// Where the action's memory goes in one benchmark scenario: runs it N times (fresh emulators each time; the state a
// scenario starts from is reached with latency and limits off, which is fast) and prints, per run, the process's peak
// RSS as the benchmark measures it (anonymous and file-backed) beside the peak V8 heap of each thread and the
// process's CPU time (bench/memory-probe.ts). With --snapshot, one more run writes a heap snapshot of the action's
// thread near its peak and prints what holds the heap (largest constructors, and the owner property of strings and
// arrays) — that run's RSS is not a measurement. Each --env K=V is set in the action's environment (e.g. a malloc
// variable, to compare with src/isolate.ts's).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../emulators/runner.js'
import { startEmulators } from '../emulators/index.js'
import {
  applyChurn,
  DEFAULT_LIMITS,
  measure,
  rssPreload,
  writeConfig,
  type MeasureOptions,
  type RunContext,
  type ScenarioRow
} from './scenarios.js'
import { buildTenant } from './tenant.js'

const SCENARIOS = ['first', 'steady', 'churn', 'state-churn'] as const
type Scenario = (typeof SCENARIOS)[number]

interface ThreadPeak {
  thread: 'main' | 'worker'
  /** The thread ran the action (bench/memory-probe.ts). */
  action?: boolean
  peakRss: {
    rss: number
    heapUsed: number
    heapTotal: number
    external: number
    arrayBuffers: number
    atMs: number
    rssAnonKb?: number
    rssFileKb?: number
  }
  peakHeap: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; atMs: number }
  peakSpaces: Record<string, number>
  snapshotLog?: SnapshotLog[]
  timeline?: [number, number, number][]
  /** Main thread only: the process's CPU time (user + system, all threads), ms. */
  cpuMs?: number
}

type SnapshotLog = { atMs: number; heapUsed: number; live: number }

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

interface Run {
  nodeOptions: string
  snapshot: boolean
}

/** Each --env K=V: a variable for the action's process, in every run (e.g. MALLOC_ARENA_MAX=2). */
function extraEnv(): Record<string, string> {
  const pairs = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--env' ? [a] : []))
  return Object.fromEntries(
    pairs.map((p) => {
      const eq = p.indexOf('=')
      if (eq <= 0) throw new Error(`--env takes K=V, not ${p}`)
      return [p.slice(0, eq), p.slice(eq + 1)]
    })
  )
}

/** `emu` with `extra` added to the environment it gives the action (emulators/runner.ts starts it with emu.env()). */
function withEnv<T extends { env(): Record<string, string | undefined> }>(emu: T, extra: Record<string, string>): T {
  if (Object.keys(extra).length === 0) return emu
  const env = (): Record<string, string | undefined> => ({ ...emu.env(), ...extra })
  return Object.assign(Object.create(emu) as T, { env })
}

/**
 * Runs of one scenario in one set of emulators: its starting state reached once, fast (latency and limits off),
 * then each run measured at the benchmark's latency and limits (a churn scenario applies a new churn before each).
 * A first sync needs empty workspaces: one run per call.
 */
async function session(
  scenario: Scenario,
  scale: number,
  runs: readonly Run[],
  /** Number of the first run, for its name. */
  first = 1
): Promise<{ row: ScenarioRow; workdir: string; name: string }[]> {
  const tenant = buildTenant({ scale })
  const workdir = mkdtempSync(join(tmpdir(), 'bench-memory-'))
  const emu = await startEmulators({ fixture: tenant.fixture, latencyMs: 0, caDir: join(ROOT, '.emulators') })
  try {
    writeConfig(workdir, emu, tenant)
    const fast: RunContext = {
      emu,
      tenant,
      workdir,
      latencyMs: 0,
      limits: { graph: [], scim: [] },
      rss: rssPreload(),
      nodeOptions: ''
    }
    const stateFile = join(workdir, 'state', 'entra-state.json')
    const options: MeasureOptions = { dryRun: false, ...(scenario === 'state-churn' ? { stateFile } : {}) }
    if (scenario !== 'first') await measure(fast, 'prime: first sync', { dryRun: false })
    if (scenario === 'state-churn') await measure(fast, 'prime: state file', options)
    const done: { row: ScenarioRow; workdir: string; name: string }[] = []
    for (const [i, run] of runs.entries()) {
      if (scenario === 'churn' || scenario === 'state-churn') applyChurn(emu, tenant, 0.01, 7 + i)
      const marker = join(workdir, 'heap-snapshot')
      if (run.snapshot) writeFileSync(marker, '')
      else rmSync(marker, { force: true })
      const name = `${scenario} ${first + i}`
      const ctx = {
        ...fast,
        emu: withEnv(emu, extraEnv()),
        latencyMs: 20,
        limits: DEFAULT_LIMITS,
        nodeOptions: run.nodeOptions
      }
      done.push({ row: await measure(ctx, name, options), workdir, name })
    }
    return done
  } finally {
    await emu.stop()
  }
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } }
  nodes: number[]
  edges: number[]
  strings: string[]
}

/**
 * What holds the heap: self size by constructor (strings and arrays by type), and for strings, arrays and
 * hidden-class-less objects, by the property or element of their first retainer ("Object.members").
 */
export function summarizeSnapshot(file: string, top = 25): string[] {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot
  const nf = snap.snapshot.meta.node_fields
  const ef = snap.snapshot.meta.edge_fields
  const nodeTypes = snap.snapshot.meta.node_types[0]
  const edgeTypes = snap.snapshot.meta.edge_types[0]
  const N = nf.length
  const E = ef.length
  const [typeI, nameI, sizeI, edgeCountI] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f))
  const [eTypeI, eNameI, eToI] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f))
  const count = snap.nodes.length / N
  const label = (n: number): string => {
    const type = nodeTypes[snap.nodes[n * N + (typeI as number)] as number] as string
    if (type === 'object' || type === 'closure' || type === 'native' || type === 'synthetic')
      return `${type}:${snap.strings[snap.nodes[n * N + (nameI as number)] as number]}`
    return type
  }
  // First strong retainer of each node.
  const owner = new Int32Array(count).fill(-1)
  const ownerEdge = new Array<string>(count)
  let edge = 0
  for (let n = 0; n < count; n++) {
    const edges = snap.nodes[n * N + (edgeCountI as number)] as number
    for (let k = 0; k < edges; k++, edge++) {
      const to = (snap.edges[edge * E + (eToI as number)] as number) / N
      const et = edgeTypes[snap.edges[edge * E + (eTypeI as number)] as number]
      if (et === 'weak' || et === 'shortcut' || owner[to] !== -1) continue
      owner[to] = n
      const name = snap.edges[edge * E + (eNameI as number)] as number
      ownerEdge[to] = et === 'element' || et === 'hidden' ? '[]' : (snap.strings[name] ?? String(name))
    }
  }
  const byType = new Map<string, number>()
  const byOwner = new Map<string, number>()
  let total = 0
  for (let n = 0; n < count; n++) {
    const size = snap.nodes[n * N + (sizeI as number)] as number
    total += size
    const l = label(n)
    byType.set(l, (byType.get(l) ?? 0) + size)
    const t = nodeTypes[snap.nodes[n * N + (typeI as number)] as number] as string
    if ((t === 'string' || t === 'concatenated string' || t === 'sliced string' || t === 'array') && owner[n] !== -1) {
      const key = `${t} in ${label(owner[n] as number)}.${ownerEdge[n]}`
      byOwner.set(key, (byOwner.get(key) ?? 0) + size)
    }
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${mb(v).padStart(7)} MB  ${k}`)
  return [
    `heap snapshot: ${mb(total)} MB in ${count} objects`,
    'by constructor / type:',
    ...list(byType),
    'strings and arrays by first retainer:',
    ...list(byOwner)
  ]
}

async function main(): Promise<void> {
  const scenario = (arg('scenario') ?? 'steady') as Scenario
  if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}`)
  const scale = Number(arg('scale') ?? 1)
  const runs = Number(arg('runs') ?? 1)
  const probe = join(ROOT, 'build', 'bench', 'memory-probe.js')
  // Each --node-options value is a variant, run --runs times (e.g. to compare V8 heap settings).
  const variants = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--node-options' ? [a] : []))
  const planned: Run[] = (variants.length > 0 ? variants : ['']).flatMap((extra) =>
    Array.from({ length: runs }, () => ({ nodeOptions: `--import ${probe} ${extra}`.trim(), snapshot: false }))
  )
  if (process.argv.includes('--snapshot')) planned.push({ ...(planned[0] as Run), snapshot: true })
  const done =
    scenario === 'first'
      ? (await sequential(planned.map((r, i) => () => session(scenario, scale, [r], i + 1)))).flat()
      : await session(scenario, scale, planned)
  const rss = new Map<string, number[]>()
  for (const [i, { row, workdir, name }] of done.entries()) {
    const run = planned[i] as Run
    const files = readdirSync(workdir).filter((f) => f.startsWith(`rss-${name.replace(/\W+/g, '-')}.txt.thread-`))
    const threads = files.map((f) => JSON.parse(readFileSync(join(workdir, f), 'utf8')) as ThreadPeak)
    if (run.snapshot) {
      printSnapshots(
        workdir,
        threads.find((t) => t.action)
      )
      continue
    }
    const list = rss.get(run.nodeOptions) ?? []
    list.push(row.rssMb ?? Number.NaN)
    rss.set(run.nodeOptions, list)
    console.log(
      `${name} [${run.nodeOptions.replace(`--import ${probe}`, '').trim() || 'defaults'}] at scale ${scale}: ` +
        `${(row.wallMs / 1000).toFixed(1)} s, ${row.total} requests, peak RSS ${row.rssMb?.toFixed(0)} MB, exit ${row.exitCode}` +
        cpu(threads)
    )
    for (const t of threads) {
      const h = t.peakHeap
      console.log(
        `  ${t.thread}: peak heap used ${mb(h.heapUsed)} MB (heap total ${mb(h.heapTotal)}, external ${mb(h.external)}, ` +
          `array buffers ${mb(h.arrayBuffers)}, RSS then ${mb(h.rss)}) at ${(h.atMs / 1000).toFixed(1)} s; ` +
          `at peak RSS ${mb(t.peakRss.rss)} MB: heap used ${mb(t.peakRss.heapUsed)}, total ${mb(t.peakRss.heapTotal)}, ` +
          `external ${mb(t.peakRss.external)}` +
          (t.peakRss.rssAnonKb !== undefined
            ? ` (process: anonymous ${mb(t.peakRss.rssAnonKb * 1024)}, file-backed ${mb((t.peakRss.rssFileKb ?? 0) * 1024)})`
            : '')
      )
      if (t.action && process.argv.includes('--timeline'))
        console.log(
          `    timeline (s: RSS/heap used MB): ${(t.timeline ?? [])
            .map(([ms, r, h]) => `${(ms / 1000).toFixed(1)}: ${mb(r)}/${mb(h)}`)
            .join(', ')}`
        )
      if (t.action)
        console.log(
          `    spaces at peak: ${Object.entries(t.peakSpaces)
            .filter(([, v]) => v > 0)
            .map(([k, v]) => `${k.replace('_space', '')} ${mb(v)}`)
            .join(', ')}`
        )
    }
  }
  for (const [options, list] of rss) {
    const label = options.replace(`--import ${probe}`, '').trim() || 'defaults'
    console.log(`max peak RSS over ${list.length} run(s) [${label}]: ${Math.max(...list).toFixed(0)} MB`)
  }
}

/** The process's CPU time, as the main thread's probe measured it at exit. */
function cpu(threads: ThreadPeak[]): string {
  const ms = threads.find((t) => t.thread === 'main')?.cpuMs
  return ms === undefined ? '' : `, CPU ${(ms / 1000).toFixed(1)} s`
}

async function sequential<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = []
  for (const task of tasks) out.push(await task())
  return out
}

function printSnapshots(workdir: string, action: ThreadPeak | undefined): void {
  const log = action?.snapshotLog ?? []
  if (log.length === 0) throw new Error("the action's thread wrote no heap snapshot (its heap stayed under 32 MB)")
  for (const [i, s] of log.entries()) {
    console.log(
      `snapshot ${i + 1} at ${(s.atMs / 1000).toFixed(1)} s: heap used ${mb(s.heapUsed)} MB, live ${mb(s.live)} MB`
    )
  }
  const largest = log.reduce((best, s, i) => (s.live > (log[best] as SnapshotLog).live ? i : best), 0)
  const file = readdirSync(workdir).find((f) => f.endsWith(`.${largest + 1}.heapsnapshot`)) as string
  console.log(`the largest live heap, snapshot ${largest + 1}:`)
  for (const line of summarizeSnapshot(join(workdir, file))) console.log(line)
}

await main()
