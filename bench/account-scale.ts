// The account at its own limits: 9,750 users and 249 service principals (with the action's own service principal,
// the account's 10,000), 1,500 groups, all provisioned through account SCIM under its published rate limits, then
// groups assigned to 10 workspaces. Time-scaled (limits ×N, latency ÷N) so it stays short; the real-time estimate at
// the published limits is the measured time ×N. The real `node dist/index.js` against the emulators.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { PUBLISHED_ACCOUNT_RATE_LIMITS } from '../emulators/databricks-account/limits.js'
import { normalizeFixture, stableGuid, type GroupFixture } from '../emulators/fixture.js'
import { startEmulators, type RateLimit, type RequestLogEntry } from '../emulators/index.js'
import { ROOT, runAction } from '../emulators/runner.js'
import { floorMs, secondsPerRequest, speedUp } from './profiles.js'
import { applyKnobs, DEFAULT_LIMITS, syncInputs } from './scenarios.js'
import {
  BENCH_REF,
  BENCH_REPOSITORY,
  BENCH_SYNC_APP,
  BENCH_TENANT_ID,
  pick,
  prng,
  SYNC_APP,
  type BenchTenant
} from './tenant.js'

export const ACCOUNT_SCALE = {
  users: 9_750,
  servicePrincipals: 249,
  groups: 1_500,
  workspaces: 10,
  groupsPerWorkspace: 15
}
const ACCOUNT_ID = '2d4c6e8a-0b1d-4f3e-a5c7-9e1b3d5f7a9c'
const workspaceId = (i: number): string => String(8_000_000_000_000_001n + BigInt(i))

export interface AccountScaleOptions {
  /** Share of ACCOUNT_SCALE's counts (1: the account's limits). */
  scale: number
  /** How much faster than the published limits it runs (latency is divided by it too). */
  speedup?: number
  progress?: (message: string) => void
  /** Gets the account's request log (to see where the time goes: when each lane ran). */
  onLog?: (account: readonly RequestLogEntry[]) => void
}

export interface AccountScaleRow {
  principals: number
  groups: number
  assignments: number
  speedup: number
  /** The whole run, and the span of its account requests (first arrival to last answer). */
  wallMs: number
  accountMs: number
  floorMs: number
  accountRequests: number
  throttled: number
  exitCode: number
}

function tenant(scale: number) {
  const random = prng(16)
  const n = (x: number, min: number) => Math.max(min, Math.round(x * scale))
  const users = Array.from({ length: n(ACCOUNT_SCALE.users, 10) }, (_, i) => `acct-user${i}@bench.example.com`)
  const sps = Array.from({ length: n(ACCOUNT_SCALE.servicePrincipals, 2) }, (_, i) => `acct-svc-${i}`)
  const groupNames = Array.from({ length: n(ACCOUNT_SCALE.groups, 4) }, (_, i) => `acct-group-${i}`)
  const members = new Map<string, string[]>(groupNames.map((g) => [g, []]))
  // Every principal in one group, a fifth in a second; no group empty.
  for (const upn of users) {
    members.get(pick(random, groupNames))!.push(upn)
    if (random() < 0.2) members.get(pick(random, groupNames))!.push(upn)
  }
  for (const sp of sps) members.get(pick(random, groupNames))!.push(stableGuid('app', sp))
  for (const [, list] of members) if (list.length === 0) list.push(pick(random, users))
  const perWorkspace = Math.min(groupNames.length, n(ACCOUNT_SCALE.groupsPerWorkspace, 1))
  const workspaces = Array.from({ length: ACCOUNT_SCALE.workspaces }, (_, w) => ({
    name: `acct-ws-${w + 1}`,
    id: workspaceId(w),
    groups: Array.from({ length: perWorkspace }, (_, k) => groupNames[(w * perWorkspace + k) % groupNames.length]!)
  }))
  const groups: GroupFixture[] = groupNames.map((displayName) => ({
    displayName,
    members: [...new Set(members.get(displayName))]
  }))
  const fixture = normalizeFixture({
    tenantId: BENCH_TENANT_ID,
    github: { repository: BENCH_REPOSITORY, ref: BENCH_REF },
    applications: [BENCH_SYNC_APP],
    users: users.map((upn, i) => ({ userPrincipalName: upn, displayName: `Account User ${i}`, mail: upn })),
    servicePrincipals: sps.map((displayName) => ({ displayName, appId: stableGuid('app', displayName) })),
    groups,
    workspaces: workspaces.map((w) => ({ name: w.name, admins: [SYNC_APP] })),
    account: { id: ACCOUNT_ID, admins: [SYNC_APP], workspaces: workspaces.map((w) => ({ name: w.name, id: w.id })) }
  })
  // The shape syncInputs takes (the bench tenant's).
  const bench: BenchTenant = {
    scale,
    seed: 16,
    fixture,
    workspaces: [],
    levels: [groupNames],
    userNames: users,
    servicePrincipalNames: sps
  }
  return { fixture, users, sps, groupNames, workspaces, bench }
}

/** The account's `rate-limits` (per second) for the limits as run. */
function accountRateLimits(limits: readonly RateLimit[]): Record<string, number> {
  const base = `/api/2.0/accounts/${ACCOUNT_ID}/scim/v2`
  const rate = (method: string, path: string) => 1 / secondsPerRequest(limits, method, path)
  return {
    GET: rate('GET', `${base}/Groups/1`),
    LIST: rate('GET', `${base}/Groups`),
    PATCH: rate('PATCH', `${base}/Groups/1`),
    POST: rate('POST', `${base}/Users`),
    PUT: rate('PUT', `/api/2.0/accounts/${ACCOUNT_ID}/workspaces/1/permissionassignments/principals/1`),
    DELETE: rate('DELETE', `/api/2.0/accounts/${ACCOUNT_ID}/workspaces/1/permissionassignments/principals/1`)
  }
}

export async function runAccountScale(options: AccountScaleOptions): Promise<AccountScaleRow> {
  const speedup = options.speedup ?? 40
  const progress = options.progress ?? (() => {})
  const t = tenant(options.scale)
  const latencyMs = Math.max(1, Math.round(20 / speedup))
  const limits = speedUp(PUBLISHED_ACCOUNT_RATE_LIMITS, speedup)
  const emu = await startEmulators({ fixture: t.fixture, latencyMs, caDir: join(ROOT, '.emulators') })
  try {
    applyKnobs(emu, latencyMs, DEFAULT_LIMITS)
    emu.accountServer!.latencyMs = latencyMs
    emu.accountServer!.setRateLimit(limits)
    const workdir = mkdtempSync(join(tmpdir(), 'bench-account-'))
    writeFileSync(
      join(workdir, 'databricks-identities.yml'),
      stringify({
        version: 1,
        account: {
          id: ACCOUNT_ID,
          host: emu.accountHost,
          groups: t.groupNames,
          'rate-limits': accountRateLimits(limits)
        },
        workspaces: t.workspaces.map((w) => ({
          name: w.name,
          host: emu.workspaceHosts[w.name],
          'workspace-id': w.id,
          'account-groups': w.groups
        }))
      })
    )
    progress(
      `account scale: ${t.users.length} users, ${t.sps.length} service principals, ${t.groupNames.length} groups, ` +
        `${t.workspaces.length} workspaces; account limits ×${speedup} …`
    )
    emu.clearLog()
    const start = performance.now()
    const run = await runAction({
      cwd: workdir,
      tempDir: mkdtempSync(join(workdir, 'run-')),
      inputs: syncInputs(emu, t.bench, false),
      env: emu.env()
    })
    const wallMs = performance.now() - start
    const account = emu.log.filter((e) => e.service === 'databricks-account')
    options.onLog?.(account)
    const first = Math.min(...account.map((e) => Date.parse(e.at)))
    const last = Math.max(...account.map((e) => Date.parse(e.at) + e.ms))
    const row: AccountScaleRow = {
      principals: t.users.length + t.sps.length,
      groups: t.groupNames.length,
      assignments: t.workspaces.reduce((n, w) => n + w.groups.length, 0),
      speedup,
      wallMs,
      accountMs: account.length ? last - first : 0,
      floorMs: floorMs(account, limits, /^databricks-account$/),
      accountRequests: account.length,
      throttled: account.filter((e) => e.status === 429).length,
      exitCode: run.code
    }
    if (run.code !== 0) progress(`account scale: exit ${run.code}: ${run.visibleLog.slice(-1500)}`)
    progress(
      `account scale: ${(wallMs / 1000).toFixed(1)} s (account requests over ${(row.accountMs / 1000).toFixed(1)} s), ` +
        `floor ${(row.floorMs / 1000).toFixed(1)} s, ${row.throttled} × 429 of ${row.accountRequests}`
    )
    return row
  } finally {
    await emu.stop()
  }
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits)
const minutes = (ms: number): string => `${fmt(ms / 60_000, 0)} min`

export function accountScaleReport(r: AccountScaleRow): string[] {
  const ratio = r.accountMs / r.floorMs
  const share = r.throttled / Math.max(1, r.accountRequests)
  const mark = (ok: boolean) => (ok ? '✅' : '❌')
  return [
    `Account scale: ${r.principals.toLocaleString('en-US')} users and service principals, ${r.groups.toLocaleString('en-US')} groups, ` +
      `${r.assignments} group assignments over 10 workspaces; account SCIM at its published limits ×${r.speedup} (latency ÷${r.speedup}):`,
    '',
    '| wall s | account requests over s | floor s | ratio | account requests | 429s | real-time estimate at the published limits | floor at the published limits |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${fmt(r.wallMs / 1000, 1)} | ${fmt(r.accountMs / 1000, 1)} | ${fmt(r.floorMs / 1000, 1)} | ${fmt(ratio)} | ` +
      `${r.accountRequests.toLocaleString('en-US')} | ${r.throttled} | ${minutes(r.accountMs * r.speedup)} | ${minutes(r.floorMs * r.speedup)} |`,
    '',
    `${mark(ratio <= 1.1 && share < 0.01 && r.exitCode === 0)} account scale: ${fmt(ratio)}× the floor (target ≤ 1.1×), ` +
      `${fmt(100 * share)}% of account requests throttled (target < 1%)${r.exitCode ? `, exit ${r.exitCode}` : ''}; ` +
      `≈ ${minutes(r.accountMs * r.speedup)} at the published limits`
  ]
}
