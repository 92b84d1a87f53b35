// How cost grows: the first sync and the steady state at fractions of the benchmark's scale (and 2× users), each on
// emulators of its own, beside the main scenarios' own first sync and steady state (not run twice). Per point:
// requests, wall time over the rate-limit floor, peak RSS; then least-squares fits of how they grow.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'
import { measure, rssPreload, writeConfig, type Limits, type RunContext, type ScenarioRow } from './scenarios.js'
import { buildTenant, type BenchTenant } from './tenant.js'

/** Fractions of the benchmark's scale the curve runs at, besides the scale itself. */
export const CURVE_FRACTIONS = [0.1, 0.25, 0.5]

export interface CurvePoint {
  label: string
  users: number
  /** Memberships the first sync wrote (members of synced groups, summed over workspaces). */
  members: number
  first: { requests: number; wallMs: number; floorMs: number; rssMb: number }
  steady: { requests: number; wallMs: number; rssMb: number; lowerBound: number }
}

/** A curve point from the rows of a first sync (and its re-runs, if a workspace failed) and a steady state. */
export function curvePoint(label: string, tenant: BenchTenant, first: ScenarioRow[], steady: ScenarioRow): CurvePoint {
  const sum = (f: (r: ScenarioRow) => number): number => first.reduce((n, r) => n + f(r), 0)
  return {
    label,
    users: tenant.fixture.users.length,
    members: sum((r) => r.changes - r.creates),
    first: {
      requests: sum((r) => r.total),
      wallMs: sum((r) => r.wallMs),
      floorMs: sum((r) => r.rateFloorMs ?? 0),
      rssMb: Math.max(...first.map((r) => r.rssMb ?? Number.NaN))
    },
    steady: {
      requests: steady.total,
      wallMs: steady.wallMs,
      rssMb: steady.rssMb ?? Number.NaN,
      lowerBound: steady.lowerBound ?? Number.NaN
    }
  }
}

export interface CurveOptions {
  label: string
  scale: number
  /** Multiplies the users again (2: the 2× users point). */
  users?: number
  latencyMs: number
  limits: Limits
  progress?: (message: string) => void
}

/** One point: a tenant at this scale, a first sync into empty workspaces (re-run while a workspace failed), a steady state. */
export async function runCurvePoint(options: CurveOptions): Promise<CurvePoint> {
  const progress = options.progress ?? (() => {})
  const tenant = buildTenant({ scale: options.scale, ...(options.users ? { users: options.users } : {}) })
  const workdir = mkdtempSync(join(tmpdir(), 'bench-curve-'))
  const emu = await startEmulators({
    fixture: tenant.fixture,
    latencyMs: options.latencyMs,
    caDir: join(ROOT, '.emulators')
  })
  try {
    writeConfig(workdir, emu, tenant)
    const ctx: RunContext = {
      emu,
      tenant,
      workdir,
      latencyMs: options.latencyMs,
      limits: options.limits,
      rss: rssPreload(),
      nodeOptions: ''
    }
    const step = async (name: string): Promise<ScenarioRow> => {
      const row = await measure(ctx, `${options.label}: ${name}`, { dryRun: false })
      progress(`curve ${options.label} (${tenant.fixture.users.length} users) ${name}: ${row.total} requests`)
      return row
    }
    const first = [await step('first sync')]
    for (let again = 1; again <= 2 && (first.at(-1) as ScenarioRow).failedWorkspaces.length > 0; again++) {
      first.push(await step('first sync, re-run'))
    }
    return curvePoint(options.label, tenant, first, await step('steady state'))
  } finally {
    await emu.stop()
  }
}

export interface Fit {
  /** y ≈ intercept + slope·x (least squares). */
  slope: number
  intercept: number
  /** Share of the variance of y the line explains. */
  r2: number
  /** y ≈ c·x^exponent (least squares on logarithms): 1 is linear growth. */
  exponent: number
}

export function fit(xs: readonly number[], ys: readonly number[]): Fit {
  const line = (a: readonly number[], b: readonly number[]) => {
    const n = a.length
    const ma = a.reduce((s, v) => s + v, 0) / n
    const mb = b.reduce((s, v) => s + v, 0) / n
    let sab = 0
    let saa = 0
    let sbb = 0
    for (let i = 0; i < n; i++) {
      sab += ((a[i] as number) - ma) * ((b[i] as number) - mb)
      saa += ((a[i] as number) - ma) ** 2
      sbb += ((b[i] as number) - mb) ** 2
    }
    const slope = saa === 0 ? Number.NaN : sab / saa
    return { slope, intercept: mb - slope * ma, r2: sbb === 0 ? 1 : (sab * sab) / (saa * sbb) }
  }
  const linear = line(xs, ys)
  const log = line(xs.map(Math.log), ys.map(Math.log))
  return { ...linear, exponent: log.slope }
}

const f2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '—')

/** The fitted growth, one line each: what should be linear in users, and steady-state requests against pages. */
export function fitLines(points: readonly CurvePoint[]): string[] {
  if (points.length < 2) return ['growth: fewer than two points, no fit']
  const users = points.map((p) => p.users)
  const first = fit(
    users,
    points.map((p) => p.first.requests)
  )
  const rss = fit(
    users,
    points.map((p) => Math.max(p.first.rssMb, p.steady.rssMb))
  )
  const pages = fit(
    points.map((p) => p.steady.lowerBound),
    points.map((p) => p.steady.requests)
  )
  const members = fit(
    points.map((p) => p.members),
    points.map((p) => p.steady.requests)
  )
  return [
    `growth: first-sync requests ∝ users^${f2(first.exponent)} (${f2(first.slope)} requests per user, R² ${f2(first.r2)})`,
    `growth: peak RSS ∝ users^${f2(rss.exponent)} (${f2(rss.slope * 1000)} MB per 1,000 users over ${f2(rss.intercept)} MB, R² ${f2(rss.r2)})`,
    `growth: steady-state requests ∝ pages^${f2(pages.exponent)} (the lower bound's reads; ${f2(pages.slope)} requests per page), ∝ members^${f2(members.exponent)}`
  ]
}

/** The curve as a markdown table. */
export function curveTable(points: readonly CurvePoint[]): string {
  const n = (v: number, digits = 0) =>
    Number.isFinite(v)
      ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
      : '—'
  const rows = points.map((p) => [
    p.label,
    n(p.users),
    n(p.members),
    n(p.first.requests),
    n(p.first.wallMs / 1000, 1),
    p.first.floorMs > 0 ? n(p.first.wallMs / p.first.floorMs, 2) : '—',
    n(p.first.rssMb),
    n(p.steady.requests),
    n(p.steady.requests / p.steady.lowerBound, 2),
    n(p.steady.rssMb)
  ])
  const header = [
    'scale',
    'users',
    'memberships',
    'first sync req',
    'first sync s',
    'first sync ÷ floor',
    'first sync RSS MB',
    'steady req',
    'steady ÷ bound',
    'steady RSS MB'
  ]
  const line = (r: string[]) => `| ${r.join(' | ')} |`
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '--:'))), ...rows.map(line)].join('\n')
}
