// The account access denylist as code, pure: a rule for each principal the config denies, and the lifting of the
// rules of entries marked `remove`. Rules the config does not list (made by hand) are reported and never removed.
import type { AimRef } from './model.js'
import { compareOperations, type Operation } from './operations.js'
import type { Finding } from './results.js'

/** Databricks' limit: an account holds at most 100 access identity rules. */
export const MAX_ACCOUNT_DENY_RULES = 100

export interface DenyWanted {
  principal: AimRef
  /** Lift the rule instead of making it. */
  remove: boolean
}

/** A rule as the account lists it. */
export interface CurrentRule {
  externalId: string
  displayName?: string
  principalType?: string
}

export interface DenyPlan {
  operations: Operation[]
  /** Rules the config does not list. */
  findings: Finding[]
  /** What stops the step (over the account's limit). */
  problems: string[]
}

const TYPE_WORDS: Record<string, string> = { GROUP: 'group', USER: 'user', SERVICE_PRINCIPAL: 'service principal' }

export function planDenyRules(wanted: readonly DenyWanted[], rules: readonly CurrentRule[]): DenyPlan {
  const present = new Set(rules.map((r) => r.externalId.toLowerCase()))
  const listed = new Set(wanted.map((w) => w.principal.externalId.toLowerCase()))
  const operations: Operation[] = []
  const planned = new Set<string>()
  for (const w of wanted) {
    const id = w.principal.externalId.toLowerCase()
    if (planned.has(id)) continue
    planned.add(id)
    if (w.remove && present.has(id)) operations.push({ kind: 'remove-deny-rule', principal: w.principal })
    if (!w.remove && !present.has(id)) operations.push({ kind: 'add-deny-rule', principal: w.principal })
  }
  operations.sort(compareOperations)

  const findings: Finding[] = rules
    .filter((r) => !listed.has(r.externalId.toLowerCase()))
    .map((r) => ({
      kind: 'unmanaged-rule' as const,
      subject: `${TYPE_WORDS[r.principalType ?? ''] ?? 'principal'} ${r.displayName ?? r.externalId}`,
      detail: `denied access to the account (object id ${r.externalId}); the config does not list this rule, so it is left as it is`,
      fix: 'to manage it, add it to account.deny (with remove: true to lift it)'
    }))

  const after =
    rules.length +
    operations.filter((o) => o.kind === 'add-deny-rule').length -
    operations.filter((o) => o.kind === 'remove-deny-rule').length
  const problems =
    after > MAX_ACCOUNT_DENY_RULES
      ? [
          `The denylist would hold ${after} rules, and a Databricks account holds at most ${MAX_ACCOUNT_DENY_RULES}; nothing was changed. Deny a group that holds these principals instead of each one, or lift rules that are no longer needed.`
        ]
      : []
  return { operations, findings, problems }
}
