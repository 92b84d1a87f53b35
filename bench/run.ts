// npm run bench [-- --smoke] [--naive-workspaces N] [--scale X] [--rss-runs N] [--curve 0.1,0.25,0.5] [--no-2x]:
// the scale benchmark. Prints one table, the targets, the scaling curve with its fitted growth, how long it took,
// then the worst ratio to the lower bound (the last line). A full run (scale 1) writes the table with the machine's
// details to bench/results.md and the curve's chart to bench/scaling.svg; --smoke and other scales write them under
// build/bench/ (git-ignored), so they never rewrite the tracked results. Exits 0 whether or not the targets are
// met: it is a measurement.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../emulators/runner.js'
import { runAimBench } from './aim.js'
import { runPacingBench } from './pacing.js'
import { scalingSvg } from './chart.js'
import { CURVE_FRACTIONS, curvePoint, curveTable, fitLines, runCurvePoint, type CurvePoint } from './curves.js'
import {
  actionRequestsFor,
  API_COLUMNS,
  DEFAULT_LIMITS,
  describeLimits,
  runBench,
  type BenchResult,
  type ScenarioRow
} from './scenarios.js'

export const SMOKE_SCALE = 1 / 20
/**
 * Targets: requests within 1.1× the lower bound (and never below it: it is a lower bound), no writes in a steady
 * state, peak RSS (the maximum over --rss-runs runs) at most 200 MB, at least 20× fewer requests than the naive
 * approach in the steady state.
 */
export const TARGETS = {
  ratio: 1.1,
  rssMb: 200,
  naiveSteadyFactor: 20,
  smokeSeconds: 90,
  fullSeconds: 1800,
  firstSyncToFloor: 1.5
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n)
    ? '—'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export function tableRows(rows: ScenarioRow[]): string[][] {
  const header = [
    'scenario',
    'wall s',
    ...API_COLUMNS,
    'total req',
    'changes',
    'req/change',
    'lower bound',
    'ratio',
    'peak RSS MB (runs)',
    '429s',
    'SCIM 429 waits s (sum)',
    'rate-limit floor s'
  ]
  const known = new Set<string>(API_COLUMNS)
  const body = rows.map((r) => {
    const other = Object.entries(r.byApi)
      .filter(([k]) => !known.has(k))
      .reduce((n, [, v]) => n + v, 0)
    return [
      r.scenario,
      fmt(r.wallMs / 1000, 1),
      ...API_COLUMNS.map((c) => fmt(c === 'other' ? other : (r.byApi[c] ?? 0))),
      fmt(r.total),
      fmt(r.changes),
      r.changes > 0 ? fmt(r.total / r.changes, 2) : '—',
      fmt(r.lowerBound),
      fmt(r.ratio, 2),
      r.rssMb === undefined || Number.isNaN(r.rssMb) ? '—' : `${fmt(r.rssMb, 0)} (${r.rssRuns ?? 1})`,
      fmt(r.throttled),
      r.scimRetryWaitMs === undefined ? '—' : fmt(r.scimRetryWaitMs / 1000, 1),
      r.rateFloorMs === undefined ? '—' : fmt(r.rateFloorMs / 1000, 1)
    ]
  })
  return [header, ...body]
}

/** A markdown table with aligned columns (numbers right-aligned). */
export function formatTable(rows: ScenarioRow[]): string {
  const cells = tableRows(rows)
  const widths = (cells[0] as string[]).map((_, i) => Math.max(...cells.map((r) => (r[i] as string).length)))
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`
  return [line(cells[0] as string[]), rule, ...cells.slice(1).map(line)].join('\n')
}

export const worstRatio = (rows: ScenarioRow[]): number => Math.max(...rows.map((r) => r.ratio ?? 0))

/** Requests the naive approach sends over the action's, on the naive baseline's workspaces (undefined without it). */
export function naiveFactor(naive: ScenarioRow | undefined, action: ScenarioRow | undefined): number | undefined {
  if (!naive || !action) return undefined
  return naive.total / actionRequestsFor(action, Object.keys(naive.scimByWorkspace ?? {}))
}

export function targetLines(result: BenchResult, totalSeconds: number, smoke: boolean): string[] {
  const mark = (ok: boolean) => (ok ? '✅' : '❌')
  const lines: string[] = []
  for (const r of result.rows) {
    lines.push(
      `${mark((r.ratio ?? Infinity) <= TARGETS.ratio)} ${r.scenario}: ${fmt(r.ratio, 2)}× the lower bound (target ≤ ${TARGETS.ratio}×)`
    )
  }
  const below = [...result.rows, ...(result.aim ?? [])].filter((r) => (r.ratio ?? 1) < 1)
  lines.push(
    `${mark(below.length === 0)} no scenario below its lower bound (a ratio < 1 would mean the bound overcounts)` +
      (below.length ? `: ${below.map((r) => `${r.scenario} ${fmt(r.ratio, 2)}×`).join(', ')}` : '')
  )
  const first = result.rows[0]
  if (first?.rateFloorMs) {
    const ratio = first.wallMs / first.rateFloorMs
    lines.push(
      `${mark(ratio <= TARGETS.firstSyncToFloor)} first sync time: ${fmt(first.wallMs / 1000, 1)} s, ${fmt(ratio, 2)}× the ${fmt(first.rateFloorMs / 1000, 1)} s the workspace rate limits allow (target ≤ ${TARGETS.firstSyncToFloor}×)`
    )
  }
  const steady = result.rows.find((r) => r.scenario.includes('steady'))
  if (steady) lines.push(`${mark(steady.scimWrites === 0)} steady state: ${steady.scimWrites} SCIM writes (target 0)`)
  const check = result.rows.find((r) => r.scenario.includes('full-read check'))
  if (check) {
    lines.push(
      `${mark(check.changes === 0)} after the state-file runs, a full read plans ${check.changes} change(s) (target 0: incremental reads missed nothing)`
    )
  }
  for (const r of result.aim ?? []) {
    lines.push(
      `${mark((r.ratio ?? Infinity) <= TARGETS.ratio)} ${r.scenario}: ${fmt(r.ratio, 2)}× the lower bound (target ≤ ${TARGETS.ratio}×)`
    )
  }
  const aimSteady = result.aim?.find((r) => r.scenario.includes('steady'))
  if (aimSteady) {
    const writes = Number(/account writes: (\d+)/.exec(aimSteady.notes ?? '')?.[1] ?? NaN)
    lines.push(`${mark(writes === 0)} AIM steady state: ${fmt(writes)} account writes (target 0)`)
  }
  for (const [label, naive, action] of [
    ['steady state', result.naive[1], result.rows.find((r) => r.scenario === '2 steady state')],
    ['1% churn', result.naive[2], result.rows.find((r) => r.scenario === '3 1% churn')]
  ] as const) {
    const factor = naiveFactor(naive, action)
    if (factor === undefined) continue
    const target = label === 'steady state' ? ` (target ≥ ${TARGETS.naiveSteadyFactor}×)` : ''
    lines.push(
      `${label === 'steady state' ? mark(factor >= TARGETS.naiveSteadyFactor) : 'ℹ️'} ${label}: ${fmt(factor, 1)}× fewer requests than the naive approach on its workspaces${target}`
    )
  }
  const rss = Math.max(...result.rows.map((r) => r.rssMb ?? Infinity))
  const runs = Math.max(...result.rows.map((r) => r.rssRuns ?? 1))
  lines.push(
    `${mark(rss <= TARGETS.rssMb)} peak RSS of the action: ${fmt(rss, 0)} MB, the maximum over every scenario (up to ${runs} run(s) each) (target ≤ ${TARGETS.rssMb} MB)`
  )
  const limit = smoke ? TARGETS.smokeSeconds : TARGETS.fullSeconds
  lines.push(
    `${mark(totalSeconds < limit)} whole benchmark: ${fmt(totalSeconds, 0)} s (target < ${limit} s at ${smoke ? 'smoke' : 'full'} scale)`
  )
  const failed = [...result.rows, ...(result.aim ?? [])].filter(
    (r) => r.failedWorkspaces.length > 0 || r.exitCode !== 0
  )
  lines.push(
    `${mark(failed.length === 0)} every run ended 0 with no failed workspace` +
      (failed.length ? `: ${failed.map((r) => `${r.scenario} (exit ${r.exitCode}; ${r.notes ?? ''})`).join(', ')}` : '')
  )
  return lines
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (m?.[1]) return m[1].trim()
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown'
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/** Where a run writes its results: the tracked files for a full run, build/bench/ (git-ignored) for any other. */
export function outputFiles(smoke: boolean, scale: number): { results: string; chart: string } {
  if (!smoke && scale === 1)
    return { results: join(ROOT, 'bench', 'results.md'), chart: join(ROOT, 'bench', 'scaling.svg') }
  const dir = join(ROOT, 'build', 'bench')
  const name = smoke ? 'smoke' : `scale-${scale}`
  return { results: join(dir, `results-${name}.md`), chart: join(dir, `scaling-${name}.svg`) }
}

const fractionLabel = (f: number): string => (f === 1 ? 'scale' : Number.isInteger(1 / f) ? `1/${1 / f}` : `×${f}`)

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const smoke = args.includes('--smoke')
  const scale = Number(argValue(args, '--scale') ?? (smoke ? SMOKE_SCALE : 1))
  // The naive baseline is one request at a time: at full scale it runs over one workspace (see the README text).
  const naiveWorkspaces = Number(argValue(args, '--naive-workspaces') ?? 1)
  const rssRuns = Number(argValue(args, '--rss-runs') ?? (smoke ? 1 : 3))
  // A smoke run draws its curve from one point of its own besides its main scenarios: enough to run the code.
  const fractions = (argValue(args, '--curve') ?? (smoke ? [0.5] : CURVE_FRACTIONS).join(','))
    .split(',')
    .map(Number)
    .filter((f) => f > 0 && f < 1)
  // 2× users: a first sync twice the full one (several minutes); on by default except in a smoke run.
  const doubleUsers = !smoke && !args.includes('--no-2x')
  const start = performance.now()
  const progress = (m: string) => console.error(`[bench ${((performance.now() - start) / 1000).toFixed(0)}s] ${m}`)
  // --pacing-only: the limit profiles and the account at scale alone (bench/pacing.ts).
  if (args.includes('--pacing-only')) return void console.log((await runPacingBench(smoke, progress)).join('\n'))
  const result = await runBench({ scale, latencyMs: 20, limits: DEFAULT_LIMITS, naiveWorkspaces, rssRuns, progress })
  result.aim = await runAimBench({ scale, latencyMs: 20, limits: DEFAULT_LIMITS, progress })
  const pacing = await runPacingBench(smoke, progress)

  // The curve: the main scenarios' first sync (with its re-runs) and steady state are the point at this scale.
  const firstRows = result.rows.filter((r) => /^1b* first sync/.test(r.scenario))
  const steady = result.rows.find((r) => r.scenario === '2 steady state') as ScenarioRow
  const points: CurvePoint[] = [curvePoint(fractionLabel(1), result.tenant, firstRows, steady)]
  for (const f of fractions) {
    points.push(
      await runCurvePoint({
        label: fractionLabel(f),
        scale: scale * f,
        latencyMs: 20,
        limits: DEFAULT_LIMITS,
        progress
      })
    )
  }
  if (doubleUsers) {
    points.push(
      await runCurvePoint({ label: '2× users', scale, users: 2, latencyMs: 20, limits: DEFAULT_LIMITS, progress })
    )
  }
  points.sort((a, b) => a.users - b.users)

  const totalSeconds = (performance.now() - start) / 1000
  const rows = [...result.rows, ...result.aim, ...result.naive]
  const table = formatTable(rows)
  const targets = targetLines(result, totalSeconds, smoke)
  const curve = curveTable(points)
  const growth = fitLines(points)
  const took = `the benchmark took ${totalSeconds.toFixed(0)} s`
  const worst = `worst ratio to lower bound: ${worstRatio([...result.rows, ...result.aim]).toFixed(2)}`
  const f = result.tenant.fixture
  const files = outputFiles(smoke, scale)
  const context = [
    `- date: ${new Date().toISOString()}`,
    `- node: ${process.version}; CPU: ${cpuModel()}; cores: ${cpus().length}`,
    `- scale: ${scale} (${f.users.length} users, ${f.servicePrincipals.length} service principals, ${f.groups.length} groups, ` +
      `${result.tenant.workspaces.length} workspaces × ${result.tenant.workspaces[0]?.groups.length} groups, ` +
      `${result.shape.distinctGroups} distinct groups synced, ${Math.min(...result.shape.principalsPerWorkspace)}–` +
      `${Math.max(...result.shape.principalsPerWorkspace)} principals per workspace)`,
    `- latency: 20 ms per request; limits: ${describeLimits(DEFAULT_LIMITS)}`,
    `- peak RSS: the maximum over ${rssRuns} run(s) of each scenario that writes nothing; one run of each that writes`,
    `- whole benchmark: ${totalSeconds.toFixed(0)} s`
  ]
  console.log(table)
  console.log('')
  for (const t of targets) console.log(t)
  console.log('')
  console.log(curve)
  console.log('')
  for (const g of growth) console.log(g)
  console.log('')
  for (const p of pacing) console.log(p)
  mkdirSync(join(files.results, '..'), { recursive: true })
  writeFileSync(files.chart, scalingSvg(points, TARGETS.rssMb))
  writeFileSync(
    files.results,
    await formatMarkdown(
      files.results,
      [
        `# Scale benchmark (${smoke ? 'smoke' : scale === 1 ? 'full' : `scale ${scale}`})`,
        '',
        ...context,
        '',
        table,
        '',
        ...targets.map((t) => `- ${t}`),
        '',
        '## How cost grows',
        '',
        curve,
        '',
        ...growth.map((g) => `- ${g}`),
        '',
        `![Requests, peak RSS and time against the rate-limit floor, by users](${files.chart.split('/').pop()})`,
        '',
        '## Pacing under real limits',
        '',
        ...pacing,
        '',
        worst,
        ''
      ].join('\n')
    )
  )
  console.log(`results: ${files.results}; chart: ${files.chart}`)
  console.log(took)
  console.log(worst)
}

/** The results file as the repository's Prettier would write it (so `npm run lint` stays green); as is without it. */
async function formatMarkdown(file: string, text: string): Promise<string> {
  try {
    const prettier = await import('prettier')
    return await prettier.format(text, { ...(await prettier.resolveConfig(file)), parser: 'markdown' })
  } catch {
    return text
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await main()
}
