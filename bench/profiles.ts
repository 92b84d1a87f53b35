// The first sync under three workspace SCIM limit profiles, each in a fresh set of emulators: today's generous limits
// (bench/scenarios.ts DEFAULT_LIMITS), the published account limits' shape, and a strict workspace profile the
// action is not told. The real `node dist/index.js` each time; measured: wall time over the rate-limit floor, and the
// share of requests throttled. Time-scaled so each run stays short: a ratio to the floor does not depend on the time
// scale (a limit per minute becomes the same count per shorter window; one per second, more per second).
// npm run bench -- --pacing-only [--smoke] runs just these and the account scale (bench/run.ts, bench/pacing.ts).
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { parse, stringify } from 'yaml'
import type { Emulators, RateLimit, RequestLogEntry } from '../emulators/index.js'
import { benchWorkdir, runTimed, startBenchEmulators } from './harness.js'
import { applyKnobs, DEFAULT_LIMITS, syncInputs, writeConfig } from './scenarios.js'
import { buildTenant, type BenchTenant } from './tenant.js'

/** Targets of issue 16: a first sync within 1.1× the floor, under 1% of its requests throttled. */
export const PROFILE_TARGETS = { toFloor: 1.1, throttledShare: 0.01 }

const SCIM_COLLECTION = /\/scim\/v2\/(?:Users|Groups|ServicePrincipals)\/?$/
const SCIM_ONE = /\/scim\/v2\/(?:Users|Groups|ServicePrincipals)\/[^/]+\/?$/

export interface Profile {
  name: string
  /** Workspace SCIM limits at their real values (before time scaling). */
  limits: RateLimit[]
  /** The action is told them (each workspace's `rate-limits`), rather than learning them from 429s. */
  told: boolean
}

export const PROFILES: readonly Profile[] = [
  { name: 'generous (today’s benchmark limits), unknown to the action', limits: DEFAULT_LIMITS.scim, told: false },
  {
    // Databricks "Resource limits", API rate limits: Account SCIM API (see emulators/README.md, rate limits).
    name: 'published account limits shape, told through rate-limits',
    limits: [
      { limit: 2, windowMs: 1000, retryAfterSeconds: 1, methods: ['PATCH'] },
      { limit: 5, windowMs: 1000, retryAfterSeconds: 1, methods: ['POST', 'PUT', 'DELETE'] },
      { limit: 20, windowMs: 1000, retryAfterSeconds: 1, methods: ['GET'], path: SCIM_ONE },
      { limit: 240, windowMs: 60_000, methods: ['GET'], path: SCIM_COLLECTION }
    ],
    told: true
  },
  {
    // GET 255 a minute is the one published workspace SCIM figure; PATCH 10 and POST 35 a minute are issue 16's
    // strict example (a third-party connector spaces group PATCHes 6 s apart).
    name: 'strict workspace limits, unknown to the action',
    limits: [
      { limit: 10, windowMs: 60_000, methods: ['PATCH'] },
      { limit: 35, windowMs: 60_000, methods: ['POST', 'PUT', 'DELETE'] },
      { limit: 255, windowMs: 60_000, methods: ['GET'] }
    ],
    told: false
  }
]

/**
 * The limits `speedup` times faster: a window of a minute shrinks (same count, same burst shape) while it stays at
 * least a second (Retry-After counts whole seconds); shorter windows keep their second and admit more.
 */
export function speedUp(limits: readonly RateLimit[], speedup: number): RateLimit[] {
  return limits.map((l) =>
    l.windowMs / speedup >= 1000
      ? { ...l, windowMs: l.windowMs / speedup }
      : { ...l, limit: Math.max(1, Math.round((l.limit * speedup * 1000) / l.windowMs)), windowMs: 1000 }
  )
}

const matches = (l: RateLimit, method: string, path: string): boolean =>
  (!l.methods || l.methods.includes(method)) && (!l.path || l.path.test(path))

/** The strictest limit a request counts against (its index), and the seconds one request takes at it. */
function strictest(limits: readonly RateLimit[], method: string, path: string): { index: number; seconds: number } {
  let best = { index: -1, seconds: 0 }
  for (const [index, l] of limits.entries()) {
    const seconds = l.windowMs / 1000 / l.limit
    if (matches(l, method, path) && seconds > best.seconds) best = { index, seconds }
  }
  return best
}

/** Seconds one admitted request takes at the limits (the strictest one it counts against; 0 when unlimited). */
export const secondsPerRequest = (limits: readonly RateLimit[], method: string, path: string): number =>
  strictest(limits, method, path).seconds

/**
 * The least time the limits allow for the admitted requests of each target (`service`): each limit passes its
 * requests no faster than its rate, and the limits run side by side, so the busiest limit of the busiest target
 * sets it (no client can be faster; paths tell GET of one resource from LIST where the limits do).
 */
export function floorMs(log: readonly RequestLogEntry[], limits: readonly RateLimit[], service: RegExp): number {
  const per = new Map<string, number>()
  for (const e of log) {
    if (!service.test(e.service) || e.status === 429) continue
    const { index, seconds } = strictest(limits, e.method.toUpperCase(), e.path)
    const key = `${e.service} ${index}`
    per.set(key, (per.get(key) ?? 0) + seconds)
  }
  return Math.max(0, ...per.values()) * 1000
}

/** The `rate-limits` block that tells the action `limits` (per second); GET without a path limits LIST too. */
export function rateLimitsBlock(limits: readonly RateLimit[]): Record<string, number> {
  const out: Record<string, number> = {}
  const set = (key: string, rate: number) => (out[key] = Math.min(out[key] ?? Infinity, rate))
  for (const l of limits) {
    const rate = (l.limit * 1000) / l.windowMs
    for (const method of l.methods ?? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      if (method !== 'GET') set(method, rate)
      else if (l.path === SCIM_COLLECTION) set('LIST', rate)
      else if (l.path) set('GET', rate)
      else {
        set('GET', rate)
        set('LIST', rate)
      }
    }
  }
  return out
}

/** Seconds the first sync of the busiest workspace would take at `limits`, from the tenant (to pick a speed-up). */
function expectedFloorSeconds(emu: Emulators, tenant: BenchTenant, limits: readonly RateLimit[]): number {
  const post = secondsPerRequest(limits, 'POST', '/api/2.0/preview/scim/v2/Users')
  const patch = secondsPerRequest(limits, 'PATCH', '/api/2.0/preview/scim/v2/Groups/1')
  let worst = 0
  for (const w of tenant.workspaces) {
    const principals = new Set(w.groups.flatMap((g) => emu.graph.transitiveMemberIds(g)))
    worst = Math.max(worst, (principals.size + w.groups.length) * post + w.groups.length * patch)
  }
  return worst
}

export interface ProfileRow {
  profile: string
  speedup: number
  wallMs: number
  floorMs: number
  requests: number
  scimRequests: number
  throttled: number
  exitCode: number
  limits: string
  /** From the action's start to its first SCIM write (process start, sign-in, reads, planning). */
  beforeFirstWriteMs: number
  /** From the first SCIM write's arrival to the last SCIM answer: the paced part of the run. */
  writeSpanMs: number
  /**
   * The machine's load average over the last minute when the run ended, per core: above 1, processes queued for
   * the CPU, and the action (which time scaling does not speed up) with them.
   */
  loadPerCore: number
}

/** When the first SCIM write arrived (after `startedAt`, epoch ms), and from then until the last SCIM answer. */
export function scimTimeline(
  scim: readonly RequestLogEntry[],
  startedAt: number
): { beforeFirstWriteMs: number; writeSpanMs: number } {
  const arrive = (e: RequestLogEntry) => Date.parse(e.at)
  const writes = scim.filter((e) => e.method.toUpperCase() !== 'GET').map(arrive)
  if (writes.length === 0) return { beforeFirstWriteMs: NaN, writeSpanMs: NaN }
  const first = Math.min(...writes)
  return { beforeFirstWriteMs: first - startedAt, writeSpanMs: Math.max(...scim.map((e) => arrive(e) + e.ms)) - first }
}

export interface ProfileOptions {
  /** Tenant scale of the profile runs (default 1/4: a full-scale first sync would take minutes per profile). */
  scale: number
  /**
   * The floor each run is sped up to (seconds; default 45). Time scaling speeds up the limits, not the action's CPU
   * (process start, sign-in, Graph parsing, planning): a longer floor makes those fixed seconds a smaller share.
   */
  floorSeconds?: number
  latencyMs?: number
  progress?: (message: string) => void
  /** The profiles to run (default all of PROFILES). */
  profiles?: readonly Profile[]
  /** Given each run's request log and when it started (epoch ms), for a timeline of where the time goes. */
  onLog?: (profile: string, log: readonly RequestLogEntry[], startedAt: number) => void
}

export const describeLimits = (limits: readonly RateLimit[]): string =>
  limits
    .map(
      (l) =>
        `${l.methods?.join('/') ?? 'all'}${l.path === SCIM_COLLECTION ? ' LIST' : l.path === SCIM_ONE ? ' one' : ''} ` +
        `${l.limit}/${l.windowMs >= 60_000 ? `${l.windowMs / 60_000}min` : `${+(l.windowMs / 1000).toFixed(1)}s`}`
    )
    .join(', ')

export async function runProfiles(options: ProfileOptions): Promise<ProfileRow[]> {
  const latencyMs = options.latencyMs ?? 20
  const progress = options.progress ?? (() => {})
  const tenant = buildTenant({ scale: options.scale })
  const rows: ProfileRow[] = []
  for (const profile of options.profiles ?? PROFILES) {
    const emu = await startBenchEmulators({ fixture: tenant.fixture, latencyMs })
    try {
      const speedup = Math.max(1, expectedFloorSeconds(emu, tenant, profile.limits) / (options.floorSeconds ?? 45))
      const limits = speedUp(profile.limits, speedup)
      applyKnobs(emu, latencyMs, { graph: DEFAULT_LIMITS.graph, scim: limits })
      const workdir = benchWorkdir('profile')
      const file = writeConfig(workdir, emu, tenant)
      if (profile.told) {
        // Each workspace told its limits.
        const config = parse(readFileSync(file, 'utf8')) as { workspaces: Record<string, unknown>[] }
        for (const w of config.workspaces) w['rate-limits'] = rateLimitsBlock(limits)
        writeFileSync(file, stringify(config))
      }
      progress(`profile ${profile.name} (×${speedup.toFixed(1)}: ${describeLimits(limits)}) …`)
      const { run, wallMs, startedAt, log } = await runTimed(emu, workdir, syncInputs(emu, tenant, false))
      options.onLog?.(profile.name, log, startedAt)
      const scim = log.filter((e) => e.service.startsWith('databricks:'))
      const row: ProfileRow = {
        profile: profile.name,
        speedup,
        wallMs,
        floorMs: floorMs(log, limits, /^databricks:/),
        requests: log.length,
        scimRequests: scim.length,
        throttled: scim.filter((e) => e.status === 429).length,
        exitCode: run.code,
        limits: describeLimits(limits),
        ...scimTimeline(scim, startedAt),
        loadPerCore: (loadavg()[0] ?? 0) / Math.max(1, cpus().length)
      }
      progress(
        `profile ${profile.name}: ${(wallMs / 1000).toFixed(1)} s, floor ${(row.floorMs / 1000).toFixed(1)} s, ` +
          `${row.throttled} × 429 of ${row.scimRequests} SCIM requests${run.code ? ` (exit ${run.code})` : ''}`
      )
      rows.push(row)
    } finally {
      await emu.stop()
    }
  }
  return rows
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits)

/** The profiles' table (markdown) and target lines. */
export function profileReport(rows: readonly ProfileRow[], scale: number): string[] {
  const lines = [
    `First sync under three workspace SCIM limit profiles (tenant scale ${scale}; limits sped up ×N so each floor is short):`,
    '',
    '| profile | speed-up | limits as run (per workspace) | wall s | floor s | wall / floor | s before first SCIM write | writes span / floor | SCIM requests | 429s | throttled | load per core |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.profile} | ${fmt(r.speedup, 1)} | ${r.limits} | ${fmt(r.wallMs / 1000, 1)} | ${fmt(r.floorMs / 1000, 1)} | ` +
        `${fmt(r.wallMs / r.floorMs)} | ${fmt(r.beforeFirstWriteMs / 1000, 1)} | ${fmt(r.writeSpanMs / r.floorMs)} | ` +
        `${r.scimRequests.toLocaleString('en-US')} | ${r.throttled} | ` +
        `${fmt((100 * r.throttled) / Math.max(1, r.scimRequests))}% | ${fmt(r.loadPerCore, 1)} |`
    ),
    '',
    'Wall time includes a part that time scaling does not shrink: starting the action, signing in, reading Entra ' +
      'and the workspaces and planning (the seconds before the first SCIM write), and the summary after the last ' +
      'answer. At the real limits it is the same few seconds against a floor of minutes (about 56 for the strict ' +
      'profile). The writes span (first SCIM write to last SCIM answer) over the floor is the pacing and the order ' +
      'of the writes alone. The check stays on wall time. Load per core is the 1-minute load average over the cores ' +
      'when the run ended: above 1 the action waited for the CPU, and its times are not the pacing’s.',
    ''
  ]
  const mark = (ok: boolean) => (ok ? '✅' : '❌')
  for (const r of rows) {
    const ratio = r.wallMs / r.floorMs
    const share = r.throttled / Math.max(1, r.scimRequests)
    lines.push(
      `${mark(ratio <= PROFILE_TARGETS.toFloor && share < PROFILE_TARGETS.throttledShare && r.exitCode === 0)} ` +
        `profile ${r.profile}: ${fmt(ratio)}× the floor (target ≤ ${PROFILE_TARGETS.toFloor}×), ` +
        `${fmt(100 * share)}% of SCIM requests throttled (target < ${100 * PROFILE_TARGETS.throttledShare}%)` +
        (r.exitCode ? `, exit ${r.exitCode}` : '')
    )
  }
  return lines
}
