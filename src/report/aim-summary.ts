// The sync summary's tables of an account with automatic identity management: principals resolved into the account
// (created there by this run), the denylist, workspace access (assignments and entitlements), and what the steps
// report without changing it (assignments the config does not mention, readiness findings, rules made by hand).
import { aimKindLabel, type Operation } from '../core/operations.js'
import type { AimRef } from '../core/model.js'
import type { Finding } from '../core/results.js'
import { title, type DetailTable, type Mode } from './detail-table.js'
import { cell, prose } from './summary.js'

/** The kinds these tables show (the rest of the summary leaves them out of "Other changes"). */
export const AIM_TABLED: readonly Operation['kind'][] = [
  'resolve-principal',
  'add-deny-rule',
  'remove-deny-rule',
  'assign-principal',
  'unassign-principal',
  'set-workspace-entitlements'
]

const who = (p: AimRef): string => `${aimKindLabel(p.kind)} ${cell(p.name)}`

const READINESS_CHECKS: Record<string, string> = {
  'external-id-missing': 'externalId missing',
  'external-id-mismatch': 'externalId is not its Entra object id',
  duplicate: 'duplicate',
  'shadowing-group': 'workspace-local group shadows an account group',
  unchecked: 'not checked'
}

export function aimTables(mode: Mode, ops: readonly Operation[], findings: readonly Finding[]): DetailTable[] {
  const resolved = ops.flatMap((op) =>
    op.kind === 'resolve-principal' ? [[who(op.principal), cell(op.principal.externalId)]] : []
  )
  const deny = ops.flatMap((op) =>
    op.kind === 'add-deny-rule' || op.kind === 'remove-deny-rule'
      ? [
          [
            op.kind === 'add-deny-rule'
              ? mode === 'applied'
                ? 'denied'
                : 'deny'
              : mode === 'applied'
                ? 'lifted'
                : 'lift',
            who(op.principal),
            cell(op.principal.externalId)
          ]
        ]
      : []
  )
  const access = ops.flatMap((op) => {
    if (op.kind === 'assign-principal') {
      return [[mode === 'applied' ? 'assigned' : 'assign', who(op.principal), cell(op.workspace), cell(op.permission)]]
    }
    if (op.kind === 'unassign-principal') {
      return [[mode === 'applied' ? 'unassigned' : 'unassign', who(op.principal), cell(op.workspace), '—']]
    }
    if (op.kind === 'set-workspace-entitlements') {
      return [
        [
          mode === 'applied' ? 'entitlements set' : 'set entitlements',
          who(op.principal),
          cell(op.workspace),
          `${cell(op.from.join(', ') || 'none')} → ${cell(op.entitlements.join(', ') || 'none')}`
        ]
      ]
    }
    return []
  })
  const of = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind)
  return [
    {
      label: title(mode, 'Resolved from Entra (created in the account)', 'resolve from Entra (create in the account)'),
      head: ['Principal', 'Entra object id'],
      rows: resolved
    },
    {
      label: title(mode, 'Denylist changed', 'change the denylist'),
      head: ['Action', 'Principal', 'Entra object id'],
      rows: deny
    },
    {
      label: title(mode, 'Workspace access changed', 'change workspace access'),
      head: ['Action', 'Principal', 'Workspace', 'Permission / entitlements'],
      rows: access
    },
    {
      label: 'Readiness for automatic identity management',
      head: ['Principal', 'Check', 'Finding', 'Fix'],
      rows: of('readiness').map((f) => [
        cell(f.subject),
        cell(READINESS_CHECKS[f.check ?? ''] ?? f.check ?? ''),
        prose(f.detail),
        prose(f.fix ?? '—')
      ])
    },
    {
      label: 'Assigned, not in the config (left as they are)',
      head: ['Principal', 'Assignment', 'To manage it'],
      rows: of('drift').map((f) => [cell(f.subject), prose(f.detail), prose(f.fix ?? '—')])
    },
    {
      label: 'Denylist rules not in the config (left as they are)',
      head: ['Principal', 'Rule', 'To manage it'],
      rows: of('unmanaged-rule').map((f) => [cell(f.subject), prose(f.detail), prose(f.fix ?? '—')])
    }
  ]
}
