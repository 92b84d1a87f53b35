// Job summary of command: sync. A headline, an overview table of every workspace, then one section per workspace
// with what was changed (or, with dry-run or a tripped circuit breaker, what was planned), what was skipped and
// why, and what failed. GitHub refuses a step summary over 1 MiB, so the workspace details are cut to a budget.
import { formatMaxDeletions } from '../config/max-deletions.js'
import type { CircuitBreaker, PrincipalRef, SkipReason } from '../core/model.js'
import { describeOperation, kindLabel, phaseOf, type Operation } from '../core/operations.js'
import {
  countChanges,
  countTargetChanges,
  STEPS,
  targetChanges,
  targetResults,
  targetStatus,
  type OperationResult,
  type StepResult,
  type StepStatus,
  type SyncResult,
  type TargetResult
} from '../core/results.js'
import { escapeHtml, plural } from './markdown.js'
import { AIM_TABLED, aimTables } from './aim-summary.js'
import { title, type DetailTable, type Mode } from './detail-table.js'
import { addTable, cell, FOLD_ROWS, header, prose, type Summary } from './summary.js'

/** What this summary may add, in bytes: GitHub accepts at most 1 MiB per step summary. */
export const SUMMARY_BUDGET_BYTES = 900 * 1024
/** Member names listed per group in one table cell; the plan output file has them all. */
export const MEMBER_LIST_LIMIT = 1000

export interface SyncSummaryOptions {
  /** Byte budget of the whole step summary buffer; default SUMMARY_BUDGET_BYTES. */
  budgetBytes?: number
}

export function addSyncSummary(summary: Summary, result: SyncResult, options: SyncSummaryOptions = {}): void {
  const budget = options.budgetBytes ?? SUMMARY_BUDGET_BYTES
  const top = render(summary, () => {
    addSyncHeadline(summary, result)
    addOverviewTable(summary, result)
  })
  const sections = result.workspaces.map((ws) => ({
    head: render(summary, () => addWorkspaceStatus(summary, ws)),
    tables: workspaceTables(ws)
  }))
  const fit = fitToBudget(summary, bytes(summary.stringify()) + bytes(top), sections, budget)

  summary.addRaw(top)
  if (fit.shortened > 0) addCutNote(summary, budget, fit.shortened)
  fit.sections.forEach((kept, i) => {
    const section = sections[i]
    if (!section) return
    summary.addRaw(section.head)
    kept.forEach((rows, t) => {
      const table = section.tables[t]
      if (table) addDetailTable(summary, table, rows)
    })
    if (isShortened(section.tables, kept)) addCutMarker(summary)
  })
}

// ---- headline and overview

function addSyncHeadline(summary: Summary, result: SyncResult): void {
  const counts = countStatuses(result)
  const changes = countChanges(result)
  const bad = counts.failed + counts.tripped
  const icon = bad > 0 ? '❌' : result.dryRun ? '📝' : '✅'
  const title = result.dryRun ? 'Entra ID → Databricks sync (dry run)' : 'Entra ID → Databricks sync'
  const outcome = result.signInError
    ? ': signing in failed'
    : bad > 0
      ? `: ${plural(bad, 'workspace')} failed or stopped`
      : ''
  summary.addHeading(`${icon} ${title}${outcome}`, 2)
  const parts = [
    `${counts.changed} ${result.dryRun ? 'would change' : 'changed'}`,
    `${counts.unchanged} unchanged`,
    `${counts.failed} failed`,
    `${counts.tripped} stopped by the circuit breaker`,
    `${counts.skipped} skipped`
  ]
  const total = result.dryRun
    ? `${plural(changes, 'change')} planned; nothing was written`
    : `${plural(changes, 'change')} made`
  const g = result.graph
  const graph = g
    ? `<br>Microsoft Graph: ${plural(g.total, 'request')} for ${plural(g.reads, 'read')}, ${g.throttled} throttled (429), ` +
      `${plural(g.retries, 'retry', 'retries')}, ${(g.waitedMs / 1000).toFixed(1)} s waited.`
    : ''
  if (result.signInError) {
    // The error itself is shown once, where the action's failure is (never again under each workspace).
    summary.addRaw(
      `<p>Signing in failed, so none of the ${plural(result.workspaces.length, 'target')} was read or changed; the error is below.</p>`,
      true
    )
    return
  }
  summary.addRaw(
    `<p>${plural(result.workspaces.length, 'workspace')}: ${parts.join(', ')}. ${total}.${graph}</p>`,
    true
  )
}

function countStatuses(result: SyncResult): Record<'changed' | 'unchanged' | 'failed' | 'tripped' | 'skipped', number> {
  const counts = { changed: 0, unchanged: 0, failed: 0, tripped: 0, skipped: 0 }
  for (const ws of result.workspaces) {
    const status = targetStatus(ws)
    if (status === 'planned') counts[targetChanges(ws).length > 0 ? 'changed' : 'unchanged']++
    else counts[status]++
  }
  return counts
}

function addOverviewTable(summary: Summary, result: SyncResult): void {
  if (result.workspaces.length === 0) {
    summary.addRaw('<p>No workspace was selected.</p>', true)
    return
  }
  // Only account-level runs plan workspace assignments: the column is left out when no target has any.
  const assignments = result.workspaces.some((ws) => targetResults(ws).some((r) => isAssignment(r.operation)))
  addTable(
    summary,
    'Workspaces',
    header(
      'Workspace',
      'Status',
      'Created',
      'Members added',
      'Members removed',
      'Deactivated / deleted',
      ...(assignments ? ['Workspace assignments'] : []),
      'Skipped',
      'Errors',
      'Changes',
      'Databricks requests',
      '429s'
    ),
    result.workspaces.map((ws) => {
      const ops = targetChanges(ws).map((r) => r.operation)
      return [
        cell(ws.workspace),
        statusLabel(ws),
        cell(ops.filter((op) => phaseOf(op) === 'create').length),
        cell(memberCount(ops, 'add-members')),
        cell(memberCount(ops, 'remove-members')),
        cell(ops.filter((op) => phaseOf(op) === 'retire').length),
        ...(assignments ? [assignmentCount(ops)] : []),
        cell(ws.steps.reduce((n, step) => n + (step.plan?.skips.length ?? 0), 0)),
        cell(errorCount(ws)),
        cell(countTargetChanges(ws)),
        cell(ws.requests?.total ?? '—'),
        cell(ws.requests?.throttled ?? '—')
      ]
    })
  )
}

const ASSIGNING: ReadonlySet<Operation['kind']> = new Set(['assign-to-workspace', 'assign-principal'])
const UNASSIGNING: ReadonlySet<Operation['kind']> = new Set(['unassign-from-workspace', 'unassign-principal'])
const isAssignment = (op: Operation): boolean => ASSIGNING.has(op.kind) || UNASSIGNING.has(op.kind)

/** The overview cell of assignment changes: their number, with the unassignments among them named. */
function assignmentCount(ops: Operation[]): string {
  const assigned = ops.filter((op) => ASSIGNING.has(op.kind)).length
  const unassigned = ops.filter((op) => UNASSIGNING.has(op.kind)).length
  return unassigned > 0 ? cell(`${assigned + unassigned} (${unassigned} unassigned)`) : cell(assigned)
}

const STATUS_LABELS: Record<StepStatus, string> = {
  changed: '✅ changed',
  unchanged: '✅ unchanged',
  planned: '📝 would change',
  tripped: '⛔ circuit breaker',
  skipped: '⏭️ skipped',
  failed: '❌ failed'
}

function statusLabel(ws: TargetResult): string {
  const status = targetStatus(ws)
  if (status === 'planned' && targetChanges(ws).length === 0) return '📝 no changes'
  return STATUS_LABELS[status]
}

function modeOf(step: StepResult): Mode {
  return step.status === 'tripped' ? 'tripped' : step.status === 'planned' ? 'dry-run' : 'applied'
}

/** The operations a step's tables show: what was done, or what was planned. */
function shown(step: StepResult): Operation[] {
  return (modeOf(step) === 'applied' ? step.results.filter((r) => r.status === 'done') : step.results).map(
    (r) => r.operation
  )
}

/** Operations that failed, or were not reached, in an applied step. */
function unfinished(step: StepResult): OperationResult[] {
  return modeOf(step) === 'applied' ? step.results.filter((r) => r.status !== 'done') : []
}

function errorCount(ws: TargetResult): number {
  const failed = targetResults(ws).filter((r) => r.status === 'failed').length
  return failed > 0 ? failed : targetStatus(ws) === 'failed' ? 1 : 0
}

function memberCount(ops: Operation[], kind: 'add-members' | 'remove-members'): number {
  return ops.reduce((n, op) => n + (op.kind === kind ? op.members.length : 0), 0)
}

// ---- one workspace

function addWorkspaceStatus(summary: Summary, ws: TargetResult): void {
  summary.addHeading(`${cell(ws.workspace)} — ${statusLabel(ws)}`, 3)
  const lines = [`<code>${cell(ws.host)}</code>`, ...statusSentences(ws)]
  const r = ws.requests
  if (r) {
    lines.push(
      `Databricks: ${plural(r.total, 'request')}, ${r.throttled} throttled (429), ${plural(r.retries, 'retry', 'retries')}, ` +
        `${(r.waitedMs / 1000).toFixed(1)} s waited.`
    )
  }
  summary.addRaw(`<p>${lines.join('<br>')}</p>`, true)
}

/** One sentence for a target of one step (or none); one per step, named, when it has several. */
function statusSentences(ws: TargetResult): string[] {
  if (ws.steps.length === 0) {
    return [ws.error ? `❌ Failed: ${prose(ws.error)}` : 'Unchanged: nothing is configured for this workspace.']
  }
  if (ws.steps.length === 1) return [statusSentence(ws.steps[0] as StepResult)]
  return ws.steps.map((step) => `${capitalized(STEPS[step.step])}: ${statusSentence(step)}`)
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

function statusSentence(step: StepResult): string {
  const findings = step.plan?.findings?.length ?? 0
  const found = findings > 0 ? ` ${plural(findings, FINDING_NOUN[step.step] ?? 'finding')} reported below.` : ''
  return stepStatusSentence(step) + found
}

/** What a step's findings are called in its status line. */
const FINDING_NOUN: Partial<Record<StepResult['step'], string>> = {
  readiness: 'finding',
  assignments: 'assignment not in the config',
  deny: 'rule not in the config'
}

function stepStatusSentence(step: StepResult): string {
  const ops = step.results.length
  switch (step.status) {
    case 'changed':
      return `Changed: ${plural(ops, 'operation')} applied.`
    case 'unchanged':
      return 'Unchanged: Databricks already matches Entra.'
    case 'planned':
      return ops > 0
        ? `Dry run: ${plural(ops, 'operation')} would be applied; nothing was written.`
        : 'Dry run: no changes needed.'
    case 'tripped':
      return step.plan
        ? `⛔ ${prose(breakerMessage(step.plan.breaker))}`
        : `⛔ ${prose(step.error ?? 'circuit breaker')}`
    case 'skipped':
      return `Skipped: ${prose(step.error ?? 'nothing was planned')}`
    case 'failed': {
      const failed = step.results.filter((r) => r.status === 'failed').length
      const done = step.results.filter((r) => r.status === 'done').length
      const counts = ops > 0 ? ` (${failed} of ${plural(ops, 'operation')} failed, ${done} done)` : ''
      return `❌ Failed${counts}: ${prose(step.error ?? 'see the failed operations')}`
    }
  }
}

export function breakerMessage(breaker: CircuitBreaker): string {
  return (
    `circuit breaker: ${plural(breaker.removals, 'removal')} > limit ${breaker.limit} (${formatMaxDeletions(breaker.maxDeletions)} of ${breaker.base} managed): ` +
    'nothing changed; raise max-deletions or check the Entra groups'
  )
}

/** The tables of one workspace that have rows, in the order they are shown. */
function workspaceTables(ws: TargetResult): DetailTable[] {
  return ws.steps.flatMap(stepTables)
}

/** The tables of one step that have rows, in its own mode (a step's stop never relabels another's changes). */
function stepTables(step: StepResult): DetailTable[] {
  const mode = modeOf(step)
  const ops = shown(step)
  return [
    createdIdentities(mode, ops),
    createdGroups(mode, ops),
    members(mode, ops, 'add-members'),
    members(mode, ops, 'remove-members'),
    entitlements(mode, ops),
    renames(mode, ops),
    lifecycle(mode, ops),
    assignmentsTable(mode, ops),
    ...aimTables(mode, ops, step.plan?.findings ?? []),
    otherChanges(mode, ops),
    skips(step),
    unfinishedOperations(step)
  ].filter((t) => t.rows.length > 0)
}

/** A table under its title; `rows` may be the first rows only, when the budget cut it. */
function addDetailTable(summary: Summary, table: DetailTable, rows = table.rows.length): void {
  if (rows === 0) return
  const label = rows < table.rows.length ? `${table.label} — first ${rows} of ${table.rows.length}` : table.label
  summary.addHeading(escapeHtml(label), 4)
  addTable(summary, label, header(...table.head), table.rows.slice(0, rows))
}

function createdIdentities(mode: Mode, ops: Operation[]): DetailTable {
  const rows: string[][] = []
  for (const op of ops) {
    if (op.kind === 'create-user') {
      rows.push(['user', cell(op.displayName), cell(op.userName), cell(op.entitlements.join(', '))])
    } else if (op.kind === 'create-service-principal') {
      rows.push(['service principal', cell(op.displayName), cell(op.applicationId), cell(op.entitlements.join(', '))])
    }
  }
  return {
    label: title(mode, 'Identities created', 'create identities'),
    head: ['Kind', 'Name', 'User name / application id', 'Entitlements'],
    rows
  }
}

function createdGroups(mode: Mode, ops: Operation[]): DetailTable {
  const rows = ops.flatMap((op) =>
    op.kind === 'create-group' ? [[cell(op.displayName), cell(op.entitlements.join(', '))]] : []
  )
  return { label: title(mode, 'Groups created', 'create groups'), head: ['Group', 'Entitlements'], rows }
}

function members(mode: Mode, ops: Operation[], kind: 'add-members' | 'remove-members'): DetailTable {
  // Group → members, merging the operations of one group (apply may batch them).
  const byGroup = new Map<string, PrincipalRef[]>()
  for (const op of ops) {
    if (op.kind !== kind) continue
    const list = byGroup.get(op.group) ?? []
    list.push(...op.members)
    byGroup.set(op.group, list)
  }
  return {
    label:
      kind === 'add-members'
        ? title(mode, 'Members added', 'add members')
        : title(mode, 'Members removed', 'remove members'),
    head: ['Group', 'Count', 'Members'],
    rows: [...byGroup].map(([group, list]) => [cell(group), cell(list.length), memberList(list)])
  }
}

/** Member names for one cell: folded when long, and at most MEMBER_LIST_LIMIT of them. */
function memberList(list: PrincipalRef[]): string {
  const names = list.slice(0, MEMBER_LIST_LIMIT).map((m) => cell(m.display || m.key))
  if (list.length > MEMBER_LIST_LIMIT) {
    names.push(`<em>… and ${list.length - MEMBER_LIST_LIMIT} more in the plan output file</em>`)
  }
  // Never an empty cell: the summary writer would leave the tag open.
  const text = names.join(', ') || '—'
  return list.length > FOLD_ROWS
    ? `<details><summary>${plural(list.length, 'member')}</summary>${text}</details>`
    : text
}

function entitlements(mode: Mode, ops: Operation[]): DetailTable {
  const rows: string[][] = []
  for (const op of ops) {
    if (op.kind === 'set-group-entitlements') {
      rows.push([`group ${cell(op.group)}`, cell(op.add.join(', ')), cell(op.remove.join(', '))])
    } else if (op.kind === 'add-entitlements') {
      rows.push([principal(op.principal), cell(op.add.join(', ')), '—'])
    }
  }
  return { label: title(mode, 'Entitlements changed', 'change entitlements'), head: ['Of', 'Added', 'Removed'], rows }
}

function renames(mode: Mode, ops: Operation[]): DetailTable {
  const rows: string[][] = []
  for (const op of ops) {
    if (op.kind === 'rename-group') rows.push(['group', cell(op.from), cell(op.to)])
    else if (op.kind === 'update-display-name') {
      rows.push([`${kindLabel(op.principal.kind)} ${cell(op.principal.key)}`, cell(op.from), cell(op.to)])
    }
  }
  return { label: title(mode, 'Renamed', 'rename'), head: ['What', 'From', 'To'], rows }
}

function lifecycle(mode: Mode, ops: Operation[]): DetailTable {
  const verbs = { deactivate: 'deactivated', delete: 'deleted', reactivate: 'reactivated' } as const
  const rows: string[][] = []
  for (const op of ops) {
    if (op.kind === 'deactivate' || op.kind === 'delete' || op.kind === 'reactivate') {
      rows.push([mode === 'applied' ? verbs[op.kind] : op.kind, principal(op.principal)])
    }
  }
  return {
    label: title(mode, 'Deactivated, deleted or reactivated', 'deactivate, delete or reactivate'),
    head: ['Action', 'Identity'],
    rows
  }
}

function assignmentsTable(mode: Mode, ops: Operation[]): DetailTable {
  const rows: string[][] = []
  for (const op of ops) {
    if (op.kind === 'assign-to-workspace') {
      const verb = mode === 'applied' ? 'assigned' : 'assign'
      rows.push([`${verb} ${cell(op.group)} to ${cell(op.workspace)} as ${cell(op.permission)}`])
    } else if (op.kind === 'unassign-from-workspace') {
      const verb = mode === 'applied' ? 'unassigned' : 'unassign'
      rows.push([`${verb} ${cell(op.group)} from ${cell(op.workspace)}`])
    }
  }
  return {
    label: title(mode, 'Workspace assignments', 'change workspace assignments'),
    head: ['Assignment'],
    rows
  }
}

const SKIP_LABELS: Record<SkipReason, string> = {
  'disabled-account': 'disabled account',
  'guest-without-mail': 'guest without mail',
  'not-owned': 'not managed by this action',
  protected: 'protected',
  'nested-group': 'nested group (nested: direct)',
  'removal-keep': 'removal: keep',
  'account-limit': 'Databricks account limit',
  'external-group': 'group kept elsewhere',
  'unsupported-member': 'not a user or service principal'
}

function skips(step: StepResult): DetailTable {
  const rows = (step.plan?.skips ?? []).map((s) => [
    cell(s.subject),
    cell(s.group ?? '—'),
    cell(SKIP_LABELS[s.reason] ?? s.reason),
    prose(s.detail)
  ])
  return { label: 'Skipped', head: ['Who', 'Group', 'Reason', 'Detail'], rows }
}

function unfinishedOperations(step: StepResult): DetailTable {
  const rows = unfinished(step).map((r) => [
    cell(describeOperation(r.operation)),
    r.status === 'failed' ? prose(r.error ?? 'failed') : '<em>not run</em>'
  ])
  return { label: 'Failed operations', head: ['Operation', 'Error'], rows }
}

function principal(ref: PrincipalRef): string {
  return `${kindLabel(ref.kind)} ${cell(ref.display || ref.key)}`
}

/** Kinds that have a table of their own above; any other kind is listed by its description. */
const TABLED: ReadonlySet<Operation['kind']> = new Set([
  'create-user',
  'create-service-principal',
  'create-group',
  'add-members',
  'remove-members',
  'set-group-entitlements',
  'add-entitlements',
  'rename-group',
  'update-display-name',
  'deactivate',
  'delete',
  'reactivate',
  'assign-to-workspace',
  'unassign-from-workspace',
  ...AIM_TABLED
])

/** Changes of kinds without a table of their own, one line each: a new kind shows up here until it has one. */
function otherChanges(mode: Mode, ops: Operation[]): DetailTable {
  const rows = ops.filter((op) => !TABLED.has(op.kind)).map((op) => [cell(describeOperation(op))])
  return { label: title(mode, 'Other changes', 'make other changes'), head: ['Change'], rows }
}

// ---- size budget

interface Fit {
  /** Per workspace whose heading and status line fit: the rows kept of each of its tables. */
  sections: number[][]
  /** Workspaces shortened or left out. */
  shortened: number
}

const NOTE_RESERVE = 1024
const MARKER =
  '<p><em>✂️ Details cut to keep the summary under GitHub’s size limit; see the plan output file.</em></p>\n'

/**
 * Every workspace's heading and status line first (they carry the errors), then the tables in order, row by row,
 * until the budget is spent: the details are cut from the end.
 */
function fitToBudget(
  summary: Summary,
  used: number,
  sections: Array<{ head: string; tables: DetailTable[] }>,
  budget: number
): Fit {
  let total = used + NOTE_RESERVE
  let heads = 0
  for (const s of sections) {
    const size = bytes(s.head) + bytes(MARKER)
    if (total + size > budget) break
    total += size
    heads++
  }
  const kept = sections.slice(0, heads).map((s) => s.tables.map(() => 0))
  let full = true
  for (let i = 0; i < heads && full; i++) {
    const tables = sections[i]?.tables ?? []
    for (let t = 0; t < tables.length && full; t++) {
      const table = tables[t] as DetailTable
      const size = (rows: number) => bytes(render(summary, () => addDetailTable(summary, table, rows)))
      let rows = table.rows.length
      if (total + size(rows) > budget) {
        full = false
        // The most rows that fit (binary search: size grows with rows).
        let lo = 0
        let hi = rows - 1
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2)
          if (total + size(mid) <= budget) lo = mid
          else hi = mid - 1
        }
        rows = lo
      }
      total += rows > 0 ? size(rows) : 0
      ;(kept[i] as number[])[t] = rows
    }
  }
  const shortened = sections.filter((s, i) => i >= heads || isShortened(s.tables, kept[i] ?? [])).length
  return { sections: kept, shortened }
}

function isShortened(tables: DetailTable[], kept: number[]): boolean {
  return tables.some((t, i) => (kept[i] ?? 0) < t.rows.length)
}

function addCutNote(summary: Summary, budget: number, shortened: number): void {
  summary.addRaw(
    `<p>✂️ <strong>The summary was cut at ${Math.round(budget / 1024)} KiB; the full plan and results are in the plan output file</strong> ` +
      `(the <code>plan</code> output). The details of ${plural(shortened, 'workspace')} are shortened or left out: ` +
      'GitHub accepts at most 1 MiB of job summary per step.</p>',
    true
  )
}

function addCutMarker(summary: Summary): void {
  summary.addRaw(MARKER)
}

// ---- rendering

/** Renders `add` on its own and returns its HTML, leaving the summary's buffer as it was. */
function render(summary: Summary, add: () => void): string {
  const before = summary.stringify()
  summary.emptyBuffer()
  try {
    add()
    return summary.stringify()
  } finally {
    summary.emptyBuffer()
    summary.addRaw(before)
  }
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}
