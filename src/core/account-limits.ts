// Databricks account limits, pure: what the account would hold after a plan is applied, against the published
// limits (users + service principals, groups, direct memberships per principal). The account API refuses writes
// past a limit half-way through a sync; checking first lets the run stop before it changes anything.
import type { ActualState, PrincipalRef } from './model.js'
import type { Operation } from './operations.js'
import type { StepPlan } from './results.js'

export interface AccountLimits {
  /** Users and service principals per account. */
  principals: number
  /** Groups per account. */
  groups: number
  /** Groups one user, service principal or group is a direct member of. */
  membershipsPerPrincipal: number
}

export const ACCOUNT_LIMITS: Readonly<AccountLimits> = Object.freeze({
  principals: 10_000,
  groups: 5_000,
  membershipsPerPrincipal: 1_500
})

export interface AccountLimitViolation {
  limit: keyof AccountLimits
  /** What the account (or the principal) would have after this sync. */
  count: number
  /** The limit it goes over. */
  max: number
  /** The principal over the membership limit (memberships only). */
  subject?: string
  /** A sentence for the job log and summary: what, how many, the limit, that nothing changed, what to do. */
  message: string
}

export interface AccountTotals {
  /**
   * Groups in the account. `ActualState.groups` holds only the groups the mappings target; when the caller read
   * the whole group list, its length here makes the group check exact. Default: `actual.groups.length`.
   */
  groups?: number
}

const number = (n: number): string => n.toLocaleString('en-US')

/**
 * The limits this plan would go over, empty when it stays within them. Counts: principals = existing + created -
 * deleted; groups = existing + created; direct memberships of a principal = its memberships in the groups of
 * `actual` + added - removed (memberships in groups the sync does not read are not known, so this is a lower bound).
 */
export function checkAccountLimits(
  plan: StepPlan,
  actual: ActualState,
  limits: AccountLimits = ACCOUNT_LIMITS,
  totals: AccountTotals = {}
): AccountLimitViolation[] {
  const violations: AccountLimitViolation[] = []
  const count = (kinds: Operation['kind'][]): number => plan.operations.filter((op) => kinds.includes(op.kind)).length

  const principals =
    actual.users.length +
    actual.servicePrincipals.length +
    count(['create-user', 'create-service-principal']) -
    count(['delete'])
  if (principals > limits.principals) {
    violations.push({
      limit: 'principals',
      count: principals,
      max: limits.principals,
      message:
        `the account would hold ${number(principals)} users and service principals after this sync, over Databricks' ` +
        `limit of ${number(limits.principals)}: nothing was changed. Remove groups from account.groups or sync the ` +
        'largest ones at workspace level.'
    })
  }

  const groups = (totals.groups ?? actual.groups.length) + count(['create-group'])
  if (groups > limits.groups) {
    violations.push({
      limit: 'groups',
      count: groups,
      max: limits.groups,
      message:
        `the account would hold ${number(groups)} groups after this sync, over Databricks' limit of ` +
        `${number(limits.groups)}: nothing was changed. Remove groups from account.groups, or delete account groups ` +
        'that are no longer used.'
    })
  }

  violations.push(...membershipViolations(plan, actual, limits.membershipsPerPrincipal))
  return violations
}

/** Principals over the direct-membership limit, the most memberships first. */
function membershipViolations(plan: StepPlan, actual: ActualState, max: number): AccountLimitViolation[] {
  const names = new Map<string, string>()
  for (const p of [...actual.users, ...actual.servicePrincipals]) names.set(p.id, p.displayName || p.key)
  for (const g of actual.groups) names.set(g.id, `group ${g.displayName}`)

  // Keyed by Databricks id; a principal created in this run (no id yet) by kind and key.
  const keyOf = (ref: PrincipalRef): string => ref.id ?? `new:${ref.kind}:${ref.key.toLowerCase()}`
  const counts = new Map<string, number>()
  const bump = (key: string, by: number): void => {
    counts.set(key, (counts.get(key) ?? 0) + by)
  }
  for (const g of actual.groups) for (const id of new Set(g.memberIds)) bump(id, 1)
  const deleted = new Set<string>()
  for (const op of plan.operations) {
    if (op.kind === 'add-members' || op.kind === 'remove-members') {
      for (const m of op.members) {
        const key = keyOf(m)
        if (!names.has(key)) names.set(key, m.display || m.key)
        bump(key, op.kind === 'add-members' ? 1 : -1)
      }
    } else if (op.kind === 'delete') {
      deleted.add(keyOf(op.principal))
    }
  }

  return [...counts]
    .filter(([key, n]) => n > max && !deleted.has(key))
    .map(([key, n]) => ({ key, n, subject: names.get(key) ?? key }))
    .sort((a, b) => b.n - a.n || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
    .map(({ n, subject }) => ({
      limit: 'membershipsPerPrincipal' as const,
      count: n,
      max,
      subject,
      message:
        `${subject} would be a direct member of ${number(n)} groups after this sync, over Databricks' limit of ` +
        `${number(max)} per principal: nothing was changed. Sync fewer of its groups at account level, or sync ` +
        'some of them at workspace level.'
    }))
}
