// npm run bench [-- --smoke] [--naive-workspaces N] [--scale X]: the scale benchmark. Prints one table (and
// writes it with the machine's details to bench/results.md), then the targets, then the worst ratio to the lower
// bound. Exits 0 whether or not the targets are met: it is a measurement.
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../emulators/runner.js'
import { runAimBench } from './aim.js'
import {
  API_COLUMNS,
  DEFAULT_LIMITS,
  describeLimits,
  runBench,
  type BenchResult,
  type ScenarioRow
} from './scenarios.js'

export const SMOKE_SCALE = 1 / 20
/** Targets: requests within 1.2× the lower bound, no writes in a steady state, RSS under 300 MB. */
export const TARGETS = { ratio: 1.2, rssMb: 300, smokeSeconds: 60, fullSeconds: 600, firstSyncToFloor: 1.5 }

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
    'peak RSS MB',
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
      fmt(r.rssMb, 0),
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

export function targetLines(result: BenchResult, totalSeconds: number, smoke: boolean): string[] {
  const mark = (ok: boolean) => (ok ? '✅' : '❌')
  const lines: string[] = []
  for (const r of result.rows) {
    lines.push(
      `${mark((r.ratio ?? Infinity) <= TARGETS.ratio)} ${r.scenario}: ${fmt(r.ratio, 2)}× the lower bound (target ≤ ${TARGETS.ratio}×)`
    )
  }
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
  const rss = Math.max(...result.rows.map((r) => r.rssMb ?? Infinity))
  lines.push(`${mark(rss < TARGETS.rssMb)} peak RSS of the action: ${fmt(rss, 0)} MB (target < ${TARGETS.rssMb} MB)`)
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

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const smoke = args.includes('--smoke')
  const scale = Number(argValue(args, '--scale') ?? (smoke ? SMOKE_SCALE : 1))
  // The naive baseline is one request at a time: at full scale it runs over one workspace (see the README text).
  const naiveWorkspaces = Number(argValue(args, '--naive-workspaces') ?? 1)
  const start = performance.now()
  const result = await runBench({
    scale,
    latencyMs: 20,
    limits: DEFAULT_LIMITS,
    naiveWorkspaces,
    progress: (m) => console.error(`[bench ${((performance.now() - start) / 1000).toFixed(0)}s] ${m}`)
  })
  result.aim = await runAimBench({
    scale,
    latencyMs: 20,
    limits: DEFAULT_LIMITS,
    progress: (m) => console.error(`[bench ${((performance.now() - start) / 1000).toFixed(0)}s] ${m}`)
  })
  const totalSeconds = (performance.now() - start) / 1000
  const rows = [...result.rows, ...result.aim, ...(result.naive ? [result.naive] : [])]
  const table = formatTable(rows)
  const targets = targetLines(result, totalSeconds, smoke)
  const worst = `worst ratio to lower bound: ${worstRatio(result.rows).toFixed(2)}`
  const f = result.tenant.fixture
  const context = [
    `- date: ${new Date().toISOString()}`,
    `- node: ${process.version}; CPU: ${cpuModel()}; cores: ${cpus().length}`,
    `- scale: ${scale} (${f.users.length} users, ${f.servicePrincipals.length} service principals, ${f.groups.length} groups, ` +
      `${result.tenant.workspaces.length} workspaces × ${result.tenant.workspaces[0]?.groups.length} groups, ` +
      `${result.shape.distinctGroups} distinct groups synced, ${Math.min(...result.shape.principalsPerWorkspace)}–` +
      `${Math.max(...result.shape.principalsPerWorkspace)} principals per workspace)`,
    `- latency: 20 ms per request; limits: ${describeLimits(DEFAULT_LIMITS)}`,
    `- whole benchmark: ${totalSeconds.toFixed(0)} s`
  ]
  console.log(table)
  console.log('')
  for (const t of targets) console.log(t)
  console.log(worst)
  const file = join(ROOT, 'bench', 'results.md')
  writeFileSync(
    file,
    await formatMarkdown(
      file,
      [
        `# Scale benchmark (${smoke ? 'smoke' : scale === 1 ? 'full' : `scale ${scale}`})`,
        '',
        ...context,
        '',
        table,
        '',
        ...targets.map((t) => `- ${t}`),
        '',
        worst,
        ''
      ].join('\n')
    )
  )
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
