// The `plan` output: a JSON file of every workspace's steps and the result of each operation, for tools
// that act on a sync (a PR comment, a ticket, an audit log). Redacted like everything the runner won't mask.
// Written piece by piece, one operation per line: a first sync of a large estate has hundreds of thousands of
// memberships, and one string of the whole document (then a redacted copy of it) would be most of the run's memory.
import { closeSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { redact } from '../secrets.js'
import { writePieces } from '../util/write-pieces.js'
import { targetError, targetResults, targetStatus, type SyncResult, type TargetResult } from '../core/results.js'

/** The document's pieces in order; joined, they are the whole JSON document. */
export function* planPieces(result: SyncResult, generatedAt: Date): Generator<string> {
  const head = { version: 1, generatedAt: generatedAt.toISOString(), dryRun: result.dryRun }
  yield `${JSON.stringify(head).slice(0, -1)},"workspaces":[`
  let first = true
  for (const ws of result.workspaces) {
    yield `${first ? '' : ','}\n${JSON.stringify(workspaceHead(ws)).slice(0, -1)},"operations":[`
    first = false
    for (const [i, r] of targetResults(ws).entries()) {
      // One piece per operation: a secret is never split between two pieces, so each can be redacted alone.
      const op = { ...r.operation, status: r.status, ...(r.error ? { error: r.error } : {}) }
      yield `${i === 0 ? '' : ','}\n${JSON.stringify(op)}`
    }
    yield '\n]}'
  }
  yield '\n]}\n'
}

/** A target's status and error, then each step's own (its status, breaker, skips, findings and error). */
function workspaceHead(ws: TargetResult): object {
  const error = targetError(ws)
  return {
    workspace: ws.workspace,
    host: ws.host,
    status: targetStatus(ws),
    ...(error ? { error } : {}),
    steps: ws.steps.map((s) => ({
      step: s.step,
      status: s.status,
      ...(s.error ? { error: s.error } : {}),
      ...(s.plan ? { breaker: s.plan.breaker, skips: s.plan.skips } : {}),
      // What the step reports and leaves alone (drift, readiness, rules made by hand), with each fix.
      ...(s.plan?.findings?.length ? { findings: s.plan.findings } : {})
    })),
    ...(ws.requests ? { requests: ws.requests } : {})
  }
}

/** Each piece redacted on its own (planPieces never splits a secret between two). */
function* redacted(pieces: Iterable<string>): Generator<string> {
  for (const piece of pieces) yield redact(piece)
}

/** Writes the plan file under `dir` and returns its path. */
export function writePlanFile(result: SyncResult, dir: string, now = new Date()): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `entra-databricks-sync-plan-${now.toISOString().replace(/[:.]/g, '-')}.json`)
  const fd = openSync(file, 'w')
  try {
    writePieces(fd, redacted(planPieces(result, now)))
  } finally {
    closeSync(fd)
  }
  return file
}
