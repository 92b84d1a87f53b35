// Job summary of command: validate.
import { countBySeverity } from '../config/problems.js'
import type { ValidationResult } from '../config/types.js'
import { formatMaxDeletions } from '../config/max-deletions.js'
import { plural } from './markdown.js'
import { addProblemsTable, addTable, cell, header, type Summary } from './summary.js'

export function addValidationSummary(summary: Summary, result: ValidationResult): void {
  addValidationHeadline(summary, result)
  addFilesChecked(summary, result)
  addWorkspacesTable(summary, result)
  addGroupsTable(summary, result)
  addOnlineCheckNote(summary, result)
  addProblemsTable(summary, result.problems)
}

function addValidationHeadline(summary: Summary, result: ValidationResult): void {
  const { errors, warnings } = countBySeverity(result.problems)
  const groups = result.workspaces.reduce((n, ws) => n + ws.groups.length, 0)
  const icon = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅'
  summary.addHeading(`${icon} Databricks identity config: ${errors > 0 ? 'invalid' : 'valid'}`, 2)
  summary.addRaw(
    `<p>${plural(result.files.length, 'file')} checked, ${plural(result.workspaces.length, 'workspace')}, ${plural(groups, 'group')}: ` +
      `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.</p>`,
    true
  )
}

function addFilesChecked(summary: Summary, result: ValidationResult): void {
  if (result.files.length === 0) return
  summary.addHeading('Files checked', 3)
  summary.addList(result.files.map((f) => `<code>${cell(f)}</code>`))
}

function addWorkspacesTable(summary: Summary, result: ValidationResult): void {
  if (result.workspaces.length === 0) return
  summary.addHeading('Workspaces', 3)
  addTable(
    summary,
    'Workspaces',
    header('Workspace', 'Host', 'Auth', 'Groups', 'Max deletions', 'Declared in'),
    result.workspaces.map((ws) => [
      cell(ws.name),
      cell(ws.host),
      cell(ws.auth === 'pat' ? 'PAT from Key Vault' : 'Entra token'),
      cell(ws.groups.length),
      cell(formatMaxDeletions(ws.maxDeletions)),
      cell(`${ws.at.file}:${ws.at.line}`)
    ])
  )
}

function addGroupsTable(summary: Summary, result: ValidationResult): void {
  const rows = result.workspaces.flatMap((ws) =>
    ws.groups.map((g) => {
      const found = result.online?.resolved.get(g.entra.toLowerCase())
      return [
        cell(ws.name),
        cell(g.entra),
        g.membersOnly ? '<em>members only</em>' : cell(g.databricks),
        cell(g.entitlements.join(', ') || '—'),
        cell(`${g.removal}, ${g.nested}`),
        ...(result.online ? [found ? `✅ <code>${cell(found.id)}</code>` : '❌'] : [])
      ]
    })
  )
  if (rows.length === 0) return
  summary.addHeading('Groups', 3)
  addTable(
    summary,
    'Groups',
    header(
      'Workspace',
      'Entra group',
      'Databricks group',
      'Entitlements',
      'Removal, nesting',
      ...(result.online ? ['In Entra'] : [])
    ),
    rows
  )
}

function addOnlineCheckNote(summary: Summary, result: ValidationResult): void {
  if (result.online) {
    const ok = result.online.resolved.size
    summary.addRaw(
      `<p>Online check in tenant <code>${cell(result.online.tenantId)}</code>: ${ok} of ${plural(result.online.checked, 'Entra group')} resolved to exactly one group.</p>`,
      true
    )
  } else {
    summary.addRaw(
      '<p>Online check skipped: set <code>tenant-id</code> and <code>client-id</code> to check that every Entra group exists.</p>',
      true
    )
  }
}
