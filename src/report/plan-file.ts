// The `plan` output: a JSON file of every workspace's plan and the result of each operation, for tools
// that act on a sync (a PR comment, a ticket, an audit log). Redacted like everything the runner won't mask.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { redact } from '../secrets.js'
import type { SyncResult } from '../sync/types.js'

export function planDocument(result: SyncResult, generatedAt: Date): unknown {
  return {
    version: 1,
    generatedAt: generatedAt.toISOString(),
    dryRun: result.dryRun,
    workspaces: result.workspaces.map((ws) => ({
      workspace: ws.workspace,
      host: ws.host,
      status: ws.status,
      ...(ws.error ? { error: ws.error } : {}),
      ...(ws.plan ? { breaker: ws.plan.breaker, skips: ws.plan.skips } : {}),
      operations: ws.results.map((r) => ({ ...r.operation, status: r.status, ...(r.error ? { error: r.error } : {}) })),
      ...(ws.requests ? { requests: ws.requests } : {})
    }))
  }
}

/** Writes the plan file under `dir` and returns its path. */
export function writePlanFile(result: SyncResult, dir: string, now = new Date()): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `entra-databricks-sync-plan-${now.toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, redact(JSON.stringify(planDocument(result, now), null, 2)) + '\n')
  return file
}
