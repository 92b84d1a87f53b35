// The `plan` output: a JSON file of every workspace's plan and the result of each operation, for tools
// that act on a sync (a PR comment, a ticket, an audit log). Redacted like everything the runner won't mask.
// Written piece by piece, one operation per line: a first sync of a large estate has hundreds of thousands of
// memberships, and one string of the whole document (then a redacted copy of it) would be most of the run's memory.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { redact } from '../secrets.js'
import type { SyncResult, WorkspaceResult } from '../core/model.js'

/** The document's pieces in order; joined, they are the whole JSON document. */
export function* planPieces(result: SyncResult, generatedAt: Date): Generator<string> {
  const head = { version: 1, generatedAt: generatedAt.toISOString(), dryRun: result.dryRun }
  yield `${JSON.stringify(head).slice(0, -1)},"workspaces":[`
  let first = true
  for (const ws of result.workspaces) {
    yield `${first ? '' : ','}\n${JSON.stringify(workspaceHead(ws)).slice(0, -1)},"operations":[`
    first = false
    for (const [i, r] of ws.results.entries()) {
      // One piece per operation: a secret is never split between two pieces, so each can be redacted alone.
      const op = { ...r.operation, status: r.status, ...(r.error ? { error: r.error } : {}) }
      yield `${i === 0 ? '' : ','}\n${JSON.stringify(op)}`
    }
    yield '\n]}'
  }
  yield '\n]}\n'
}

function workspaceHead(ws: WorkspaceResult): object {
  return {
    workspace: ws.workspace,
    host: ws.host,
    status: ws.status,
    ...(ws.error ? { error: ws.error } : {}),
    ...(ws.plan ? { breaker: ws.plan.breaker, skips: ws.plan.skips } : {}),
    ...(ws.requests ? { requests: ws.requests } : {})
  }
}

const WRITE_CHUNK = 64 * 1024

/** Writes the plan file under `dir` and returns its path. */
export function writePlanFile(result: SyncResult, dir: string, now = new Date()): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `entra-databricks-sync-plan-${now.toISOString().replace(/[:.]/g, '-')}.json`)
  const fd = openSync(file, 'w')
  try {
    let buffered = ''
    for (const piece of planPieces(result, now)) {
      buffered += redact(piece)
      if (buffered.length >= WRITE_CHUNK) {
        writeSync(fd, buffered)
        buffered = ''
      }
    }
    writeSync(fd, buffered)
  } finally {
    closeSync(fd)
  }
  return file
}
