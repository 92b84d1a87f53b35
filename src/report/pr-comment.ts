// The pull-request comment: one per job (found again by a hidden marker), holding a section per command of the run
// (validate's config problems first, then the sync dry-run's plan), each rendered by the job summary's own
// builders, so it folds long tables as the summary does. GitHub refuses a comment over 65,536 characters: a section
// is rendered within what the others leave, and what is still too long is cut at a block boundary, with a link to
// the run's summary.
import * as core from '@actions/core'
import { countBySeverity } from '../config/problems.js'
import type { ValidationResult } from '../config/types.js'
import { countChanges, targetStatus, type SyncResult } from '../core/results.js'
import { escapeHtml, plural } from './markdown.js'
import { addSyncSummary } from './sync-summary.js'
import { addProblemsTable, cell, type Summary } from './summary.js'

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536
/** Room kept for the cut note, the footer and the markers around each section. */
const RESERVE = 1_024
const TOOL = 'entra-databricks-sync'

export type CommentCommand = 'validate' | 'sync'
/** Sections in the order the comment shows them: config problems before what would change. */
const ORDER: readonly CommentCommand[] = ['validate', 'sync']

/** What a command contributes: whether it has anything to report, and its body within a size in characters. */
export interface CommentSection {
  command: CommentCommand
  /** A config problem, a failed or stopped workspace, or a planned change. */
  reportable: boolean
  /** Planned changes (labels follow them); undefined for a command that plans nothing. */
  changes?: number
  render(maxChars: number): string
}

/** Which comment is this job's: the workflow, the job, and the inputs that tell matrix jobs of one job apart. */
export interface CommentKey {
  workflow: string
  job: string
  workspaces: string
  config: string
}

/** The run a section belongs to: sections of another run are dropped when the comment is rewritten. */
export interface CommentRun {
  runId: string
  runAttempt: string
  runUrl: string
  headSha?: string
}

/** The hidden first line that finds this job's comment again; its values are URI-encoded, so it cannot end early. */
export function commentMarker(key: CommentKey): string {
  const parts = [key.workflow, key.job, key.workspaces, key.config].map(encodeURIComponent)
  return `<!-- ${TOOL}:comment ${parts.join('/')} -->`
}

const runTag = (run: CommentRun) => `${run.runId}.${run.runAttempt}`
const SECTION = new RegExp(
  `<!-- ${TOOL}:section (validate|sync) run=([\\w.]+) -->\\n([\\s\\S]*?)\\n<!-- ${TOOL}:end -->`,
  'g'
)

interface KeptSection {
  command: CommentCommand
  run: string
  body: string
}

/** The sections of an earlier body that this run keeps: those of this run's other commands. */
export function keptSections(previous: string | undefined, run: CommentRun, command: CommentCommand): KeptSection[] {
  if (!previous) return []
  return [...previous.matchAll(SECTION)]
    .map((m) => ({ command: m[1] as CommentCommand, run: m[2] as string, body: m[3] as string }))
    .filter((s) => s.run === runTag(run) && s.command !== command)
}

/** The whole comment: the marker, this run's sections in order, and a footer that links the run. */
export function composeComment(
  marker: string,
  section: CommentSection,
  run: CommentRun,
  previous?: string
): { body: string; cut: boolean } {
  const kept = keptSections(previous, run, section.command)
  const footer = footerOf(run)
  const fixed =
    marker.length + footer.length + kept.reduce((n, s) => n + s.body.length, 0) + RESERVE * (kept.length + 1)
  const room = Math.max(0, COMMENT_LIMIT - fixed)
  let body = section.render(room)
  let cut = false
  if (body.length > room) {
    body = cutAtBlock(body, Math.max(0, room - cutNote(run).length)) + cutNote(run)
    cut = true
  }
  const sections = [...kept, { command: section.command, run: runTag(run), body }].sort(
    (a, b) => ORDER.indexOf(a.command) - ORDER.indexOf(b.command)
  )
  const text = sections
    .map((s) => `<!-- ${TOOL}:section ${s.command} run=${s.run} -->\n${s.body}\n<!-- ${TOOL}:end -->`)
    .join('\n')
  return { body: `${marker}\n${text}\n${footer}`, cut }
}

function footerOf(run: CommentRun): string {
  const commit = run.headSha ? ` for ${escapeHtml(run.headSha.slice(0, 7))}` : ''
  return `\n<sub>Updated${commit} by <a href="${escapeHtml(run.runUrl)}">run ${escapeHtml(run.runId)}</a> of ${TOOL}; the job summary there has every detail.</sub>`
}

function cutNote(run: CommentRun): string {
  return `\n<p>✂️ <strong>Cut to fit GitHub's limit of ${COMMENT_LIMIT.toLocaleString('en-US')} characters per comment.</strong> The whole result is in the <a href="${escapeHtml(run.runUrl)}">job summary of the run</a>.</p>`
}

/**
 * The longest start of `html` up to `max` characters that ends at a line break outside any table or <details>:
 * the summary writes each block on its own line, so the cut never leaves a tag open.
 */
export function cutAtBlock(html: string, max: number): string {
  let best = 0
  let open = 0
  const tags = /<(\/?)(details|table)\b|\n/g
  for (let m = tags.exec(html); m && m.index <= max; m = tags.exec(html)) {
    if (m[0] === '\n') {
      if (open === 0) best = m.index
    } else open += m[1] ? -1 : 1
  }
  return html.slice(0, best)
}

// ---- sections

/** A summary builder of its own, so a section is rendered without touching the job summary's buffer. */
function scratch(): Summary {
  const Builder = (core.summary as object).constructor as new () => Summary
  return new Builder()
}

/** validate: whether the config is valid, then its problems (folded as in the summary), then the online check. */
export function validationSection(result: ValidationResult): CommentSection {
  const { errors, warnings } = countBySeverity(result.problems)
  const render = (rows: number): string => {
    const s = scratch()
    const icon = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅'
    s.addHeading(`${icon} Databricks identity config: ${errors > 0 ? 'invalid' : 'valid'}`, 2)
    const online = result.online
      ? ` Every Entra group was looked up in tenant <code>${cell(result.online.tenantId)}</code>: ${result.online.resolved.size} of ${result.online.checked} resolved.`
      : ''
    s.addRaw(
      `<p>${plural(result.files.length, 'file')} checked, ${plural(result.workspaces.length, 'workspace')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.${online}</p>`,
      true
    )
    addProblemsTable(s, result.problems.slice(0, rows))
    if (rows < result.problems.length) {
      s.addRaw(`<p>The first ${rows} of ${plural(result.problems.length, 'problem')} are listed here.</p>`, true)
    }
    return s.stringify()
  }
  return {
    command: 'validate',
    reportable: errors + warnings > 0,
    render: (max) => render(mostThatFit(result.problems.length, (rows) => render(rows).length <= max))
  }
}

/** sync (dry-run): the job summary's headline, overview and per-workspace plan, cut to the room left. */
export function syncSection(result: SyncResult): CommentSection {
  const changes = countChanges(result)
  const trouble = result.workspaces.some((ws) => ['failed', 'tripped', 'skipped'].includes(targetStatus(ws)))
  return {
    command: 'sync',
    reportable: changes > 0 || trouble,
    changes,
    render: (max) => {
      const s = scratch()
      // The budget is in UTF-8 bytes, never fewer than characters: a body within it is within `max` characters.
      addSyncSummary(s, result, { budgetBytes: max })
      return s.stringify()
    }
  }
}

/** The largest n in 0..total for which fits(n) holds (fits shrinks as n grows). */
function mostThatFit(total: number, fits: (n: number) => boolean): number {
  if (fits(total)) return total
  let lo = 0
  let hi = total - 1
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(mid)) lo = mid
    else hi = mid - 1
  }
  return lo
}
