// Job summary building blocks shared by every command. The summary is plain HTML/markdown that the runner
// does not mask, so every text passes through redact() and escapeHtml().
import type * as core from '@actions/core'
import type { ConfigProblem } from '../config/types.js'
import { redact } from '../secrets.js'
import { escapeHtml, proseHtml } from './markdown.js'

export type Summary = typeof core.summary
type Row = Parameters<Summary['addTable']>[0][number]

/** GitHub shows at most this many annotations of one kind per step; the summary lists every problem. */
export const ANNOTATION_LIMIT = 10
/** Problems listed in the summary at most: their table stays far under GitHub's 1 MiB per step summary. */
export const MAX_PROBLEM_ROWS = 1000
/** Tables longer than this are folded into <details>. */
export const FOLD_ROWS = 25

/** A table cell's HTML; never empty, since the summary writer turns an empty cell into an unclosed tag. */
export function cell(text: string | number): string {
  return escapeHtml(redact(String(text))) || '—'
}

/** A message's HTML (an error, a fix, a detail): redacted, escaped, its `code` spans as <code>; never empty. */
export function prose(text: string | number): string {
  return proseHtml(redact(String(text))) || '—'
}

export function header(...titles: string[]): Row {
  return titles.map((data) => ({ data, header: true }))
}

/** A table, folded under a label when long so the summary stays readable. */
export function addTable(summary: Summary, label: string, head: Row, rows: Row[]): void {
  if (rows.length === 0) return
  if (rows.length <= FOLD_ROWS) {
    summary.addTable([head, ...rows])
    return
  }
  const table = renderTable([head, ...rows])
  summary.addDetails(`${escapeHtml(label)} (${rows.length})`, `\n\n${table}\n\n`)
}

function renderTable(rows: Row[]): string {
  const cells = rows.map(
    (row) =>
      `<tr>${row
        .map((c) => (typeof c === 'string' ? `<td>${c}</td>` : c.header ? `<th>${c.data}</th>` : `<td>${c.data}</td>`))
        .join('')}</tr>`
  )
  return `<table>${cells.join('')}</table>`
}

export function addProblemsTable(summary: Summary, problems: ConfigProblem[]): void {
  if (problems.length === 0) return
  summary.addHeading('Problems', 3)
  const errors = problems.filter((p) => p.severity === 'error').length
  if (errors > ANNOTATION_LIMIT) {
    summary.addRaw(
      `<p>GitHub shows at most ${ANNOTATION_LIMIT} error annotations per step on the pull request; all ${errors} errors are listed here.</p>`,
      true
    )
  }
  if (problems.length > MAX_PROBLEM_ROWS) {
    summary.addRaw(
      `<p>The first ${MAX_PROBLEM_ROWS} of ${problems.length} problems are listed (GitHub accepts at most 1 MiB of summary per step); fix these and run again.</p>`,
      true
    )
  }
  addTable(
    summary,
    'Problems',
    header('Severity', 'File', 'Line', 'Key', 'Problem'),
    problems
      .slice(0, MAX_PROBLEM_ROWS)
      .map((p) => [
        p.severity === 'error' ? '❌ error' : '⚠️ warning',
        cell(p.file || '—'),
        cell(p.file ? `${p.line}:${p.column}` : '—'),
        p.key ? `<code>${cell(p.key)}</code>` : '—',
        prose(p.message)
      ])
  )
}

/** The run and commit a summary is about (the job context main.ts reads once). */
export interface RunLinks {
  runUrl?: string
  commit?: { sha: string; url?: string }
}

/** A closing line linking to the run (this attempt) and the commit, so a summary read elsewhere says where it is from. */
export function addRunLinks(summary: Summary, links: RunLinks): void {
  const parts: string[] = []
  if (links.runUrl) parts.push(`<a href="${escapeHtml(links.runUrl)}">this run</a>`)
  if (links.commit) {
    const sha = `<code>${escapeHtml(links.commit.sha.slice(0, 7))}</code>`
    parts.push(`commit ${links.commit.url ? `<a href="${escapeHtml(links.commit.url)}">${sha}</a>` : sha}`)
  }
  if (parts.length > 0) summary.addRaw(`<p><sub>From ${parts.join(', ')}.</sub></p>`, true)
}

/** A pull request's dry-run whose identity could write: each warning, then the fix, once. */
export function addWriteAccessWarnings(summary: Summary, warnings: readonly string[], fix: string): void {
  if (warnings.length === 0) return
  summary.addHeading('⚠️ This pull request ran with an identity that can write', 3)
  summary.addRaw(`<ul>${warnings.map((w) => `<li>${prose(w)}</li>`).join('')}</ul><p>${prose(fix)}</p>`, true)
}

export function addFailure(summary: Summary, message: string): void {
  summary.addHeading('❌ The action failed', 3)
  summary.addRaw(`<pre>${prose(message)}</pre>`, true)
}
