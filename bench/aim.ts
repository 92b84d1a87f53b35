// The benchmark's account with automatic identity management: every group of the bench tenant (1,000 at full scale)
// listed in account.groups and resolved by its Entra object id, and each of the 10 workspaces assigned a few of them.
// The real `node dist/index.js` against the emulators with latency, Graph throttling and the account API's published
// rate limits on; requests measured against a lower bound of what a perfect client must send.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'
import type { Emulators } from '../emulators/index.js'
import { benchWorkdir, runTimed, startBenchEmulators } from './harness.js'
import { applyKnobs, countRequests, DEFAULT_LIMITS, syncInputs, type Limits, type ScenarioRow } from './scenarios.js'
import { graphRequests, pages, SCIM_PAGE, TOKEN_REQUESTS } from './bound.js'
import { buildTenant, SYNC_APP, type BenchTenant } from './tenant.js'

export const AIM_ACCOUNT_ID = '6f0e9d8c-7b6a-4f5e-8d4c-3b2a1f0e9d8c'
/** Groups each workspace gets at full scale (assignments are paced at the account API's 5 writes a second). */
export const AIM_GROUPS_PER_WORKSPACE = 10

export interface AimBenchOptions {
  scale: number
  latencyMs?: number
  limits?: Limits
  progress?: (message: string) => void
}

/** Numeric workspace ids for the account API. */
const workspaceId = (i: number): string => String(7_000_000_000_000_001n + BigInt(i))

interface AimShape {
  groups: string[]
  assignments: { name: string; id: string; groups: string[] }[]
}

function shape(tenant: BenchTenant): AimShape {
  const perWorkspace = Math.max(1, Math.round(AIM_GROUPS_PER_WORKSPACE * tenant.scale))
  return {
    groups: tenant.levels.flat(),
    assignments: tenant.workspaces.map((w, i) => ({
      name: w.name,
      id: workspaceId(i),
      groups: w.groups.slice(0, perWorkspace)
    }))
  }
}

function writeAimConfig(dir: string, emu: Emulators, aim: AimShape): void {
  writeFileSync(
    join(dir, 'databricks-identities.yml'),
    stringify({
      version: 1,
      account: { id: AIM_ACCOUNT_ID, host: emu.accountHost, identity: 'aim', groups: aim.groups },
      workspaces: aim.assignments.map((w) => ({
        name: w.name,
        host: emu.workspaceHosts[w.name],
        'workspace-id': w.id,
        'account-groups': w.groups
      }))
    })
  )
}

/**
 * What the best client must send (bench/bound.ts): the sign-in requests, one Entra lookup per listed group at 20 to
 * a `$batch`, the account's group list pages, one permission-assignments GET per workspace, and one write per
 * principal the account lacks and per assignment a workspace lacks.
 */
function lowerBound(emu: Emulators, aim: AimShape, dryRun: boolean): number {
  const account = emu.account!
  const present = new Set(account.groups().map((g) => g.displayName.toLowerCase()))
  const reads =
    TOKEN_REQUESTS +
    graphRequests(aim.groups.length, 1) +
    pages(account.groups().length, SCIM_PAGE) +
    aim.assignments.length
  if (dryRun) return reads
  const resolves = aim.groups.filter((g) => !present.has(g.toLowerCase())).length
  const assigns = aim.assignments.reduce((n, w) => {
    const has = new Set(account.assignments(w.id).map((a) => a.principal.toLowerCase()))
    return n + w.groups.filter((g) => !has.has(g.toLowerCase())).length
  }, 0)
  return reads + resolves + assigns
}

export async function runAimBench(options: AimBenchOptions): Promise<ScenarioRow[]> {
  const latencyMs = options.latencyMs ?? 20
  const limits = options.limits ?? DEFAULT_LIMITS
  const progress = options.progress ?? (() => {})
  const tenant = buildTenant({ scale: options.scale })
  const aim = shape(tenant)
  const fixture = {
    ...tenant.fixture,
    account: {
      id: AIM_ACCOUNT_ID,
      admins: [SYNC_APP],
      aim: true,
      workspaces: aim.assignments.map((w) => ({ name: w.name, id: w.id }))
    }
  }
  const workdir = benchWorkdir('aim')
  const emu = await startBenchEmulators({ fixture, latencyMs })
  const rows: ScenarioRow[] = []
  try {
    writeAimConfig(workdir, emu, aim)
    const step = async (scenario: string, dryRun: boolean): Promise<ScenarioRow> => {
      progress(`${scenario} …`)
      applyKnobs(emu, latencyMs, limits)
      // The account server is not among emu.servers' enumerable entries: its knobs are set here.
      if (emu.accountServer) emu.accountServer.latencyMs = latencyMs
      emu.account!.applyPublishedLimits()
      const bound = lowerBound(emu, aim, dryRun)
      const { run, wallMs, log } = await runTimed(emu, workdir, syncInputs(emu, tenant, dryRun))
      const planPath = run.outputs.plan
      const plan =
        planPath && existsSync(planPath)
          ? (JSON.parse(readFileSync(planPath, 'utf8')) as { workspaces: { workspace: string; status: string }[] })
          : { workspaces: [] }
      const failed = plan.workspaces.filter((w) => ['failed', 'tripped', 'skipped'].includes(w.status))
      const writes = log.filter((e) => e.service === 'databricks-account' && e.method.toUpperCase() !== 'GET')
      const row: ScenarioRow = {
        scenario,
        wallMs,
        byApi: countRequests(log),
        total: log.length,
        changes: Number(run.outputs.changes ?? 0),
        lowerBound: bound,
        ratio: log.length / bound,
        throttled: log.filter((e) => e.status === 429).length,
        scimWrites: writes.filter((e) => e.path.includes('/scim/v2/')).length,
        creates: writes.filter((e) => e.path.endsWith('/resolve-by-external-id')).length,
        changedGroups: 0,
        operations: Number(run.outputs.changes ?? 0),
        failedWorkspaces: failed.map((w) => w.workspace),
        exitCode: run.code,
        notes: `account writes: ${writes.length}${failed.length ? `; ${failed.map((w) => `${w.workspace}: ${w.status}`).join('; ')}` : ''}`
      }
      progress(`${scenario}: ${(wallMs / 1000).toFixed(1)} s, ${row.total} requests, ${row.throttled} × 429`)
      return row
    }
    rows.push(await step('A1 AIM: first run (resolve, assign)', false))
    rows.push(await step('A2 AIM: steady state', false))
  } finally {
    await emu.stop()
  }
  return rows
}
