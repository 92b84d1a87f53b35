// Readiness for automatic identity management (AIM), pure: what in an account would keep Databricks from matching
// its principals with Entra's, each with its fix. AIM relies on every provisioned identity having an externalId equal
// to its Entra object id; a missing or wrong one leaves it unsynced or duplicated, and a workspace-local group of an
// account group's name shadows it (kb.databricks.com, "Automatic identity management (AIM) enablement prep script").
import type { AccountEntry, SourceEntry } from './aim.js'
import type { AimKind } from './model.js'
import { aimKindLabel } from './operations.js'
import type { Finding } from './results.js'
import { compareText, describePrincipal } from './text.js'

export interface ReadinessInput {
  /** Every user, service principal and group of the account. */
  account: readonly AccountEntry[]
  /** Source objects by lower-cased object id, for the externalIds the account holds (absent: no such object). */
  byObjectId: ReadonlyMap<string, SourceEntry>
  /** Source objects by `${kind}:${lower-cased key}`: users by UPN, service principals by appId, groups by name. */
  byKey: ReadonlyMap<string, readonly SourceEntry[]>
  /** Workspace-local groups (not account groups) of each workspace read, or why it could not be read. */
  workspaces: readonly { name: string; localGroups: readonly string[]; error?: string }[]
  /** Account groups this run resolves (not in the account yet): a local group of their name shadows them too. */
  resolving?: readonly string[]
  /** Account groups that are no identity's (the action's own marker group): never reported. */
  ignoreGroups?: readonly string[]
}

const keyOf = (a: AccountEntry): string => (a.kind === 'group' ? a.name : (a.key ?? a.name))
const label = (a: AccountEntry): string =>
  `${aimKindLabel(a.kind)} ${a.kind === 'group' ? a.name : describePrincipal(a.name, keyOf(a))}`
const what = (kind: AimKind): string =>
  kind === 'user' ? 'user principal name' : kind === 'group' ? 'name' : 'application id'

const SET_EXTERNAL_ID = (kind: AimKind, id: string, objectId: string): string =>
  `set its externalId to ${objectId} (identity API: PATCH /api/2.0/identity/accounts/{account_id}/${kind === 'group' ? 'groups' : kind === 'user' ? 'users' : 'service-principals'}/${id}?update_mask=external_id)`

export function readinessFindings(input: ReadinessInput): Finding[] {
  const ignored = new Set((input.ignoreGroups ?? []).map((n) => n.toLowerCase()))
  const account = input.account.filter((a) => a.kind !== 'group' || !ignored.has(a.name.toLowerCase()))
  const findings: Finding[] = []
  const byKey = (a: AccountEntry): readonly SourceEntry[] =>
    input.byKey.get(`${a.kind}:${keyOf(a).toLowerCase()}`) ?? []

  for (const a of account) {
    const matches = byKey(a)
    if (!a.externalId) {
      // A group without one is a local group: only a problem when Entra has a group of its name (AIM brings a second).
      const [only] = matches
      if (matches.length === 0) {
        if (a.kind === 'user') {
          findings.push({
            kind: 'readiness',
            check: 'external-id-missing',
            subject: label(a),
            detail: `has no externalId, and Entra has no user with this ${what(a.kind)}; automatic identity management will never sync it`,
            fix: 'remove the user if it left, or correct its user name to its Entra user principal name'
          })
        }
        continue
      }
      findings.push({
        kind: 'readiness',
        check: 'external-id-missing',
        subject: label(a),
        detail:
          a.kind === 'group'
            ? `is a local group (no externalId) named like ${matches.length === 1 ? 'the Entra group' : `${matches.length} Entra groups`}; automatic identity management would bring the Entra group as a second group of this name`
            : `has no externalId; automatic identity management matches it with Entra by its object id`,
        fix:
          matches.length === 1 && only
            ? `${SET_EXTERNAL_ID(a.kind, a.id, only.id)}${a.kind === 'group' ? ', or rename it so the Entra group comes in under its own name' : ''}`
            : `rename one of the Entra groups, then set the externalId to the object id of the one meant (${matches.map((m) => m.id).join(', ')})`
      })
      continue
    }
    const object = input.byObjectId.get(a.externalId.toLowerCase())
    const [only] = matches
    const suggest = matches.length === 1 && only ? SET_EXTERNAL_ID(a.kind, a.id, only.id) : undefined
    if (!object) {
      findings.push({
        kind: 'readiness',
        check: 'external-id-mismatch',
        subject: label(a),
        detail: `has externalId ${a.externalId}, which is no object of the Entra tenant`,
        fix:
          suggest ?? `remove the ${aimKindLabel(a.kind)} if it left Entra, or set its externalId to its Entra object id`
      })
      continue
    }
    const sameKind = object.kind === a.kind
    const sameKey = a.kind === 'group' || (object.key ?? '').toLowerCase() === keyOf(a).toLowerCase()
    if (sameKind && sameKey) continue
    findings.push({
      kind: 'readiness',
      check: 'external-id-mismatch',
      subject: label(a),
      detail: sameKind
        ? `has externalId ${a.externalId}, the object id of Entra ${aimKindLabel(object.kind)} ${describePrincipal(object.displayName, object.key ?? object.id)}, whose ${what(a.kind)} differs`
        : `has externalId ${a.externalId}, the object id of an Entra ${aimKindLabel(object.kind)} (${object.displayName})`,
      fix: suggest ?? `set its externalId to the object id of the Entra ${aimKindLabel(a.kind)} it stands for`
    })
  }

  findings.push(...duplicates(account))
  findings.push(...shadows(input, account))
  return findings.sort((a, b) => compareText(a.check ?? '', b.check ?? '') || compareText(a.subject, b.subject))
}

/** Users by user name, service principals by application id, groups by name: each once. */
function duplicates(account: readonly AccountEntry[]): Finding[] {
  const sets = new Map<string, AccountEntry[]>()
  for (const a of account) {
    const key = `${a.kind}:${keyOf(a).toLowerCase()}`
    sets.set(key, [...(sets.get(key) ?? []), a])
  }
  return [...sets.values()]
    .filter((set) => set.length > 1)
    .map((set) => {
      const first = set[0] as AccountEntry
      const keeper = set.find((a) => a.externalId)
      return {
        kind: 'readiness' as const,
        check: 'duplicate',
        subject: label(first),
        detail: `${set.length} account ${first.kind === 'group' ? 'groups' : `${aimKindLabel(first.kind)}s`} share this ${what(first.kind)} (ids ${set.map((a) => a.id).join(', ')})`,
        fix: keeper
          ? `keep ${keeper.id} (externalId ${keeper.externalId}); move the grants and workspace assignments of the others to it, then delete them`
          : 'keep one, set its externalId to the Entra object id, move the others’ grants and assignments to it, then delete them'
      }
    })
}

/** Workspace-local groups named like an account group: the workspace shows two groups of one name. */
function shadows(input: ReadinessInput, account: readonly AccountEntry[]): Finding[] {
  const accountGroups = new Set([
    ...account.filter((a) => a.kind === 'group').map((a) => a.name.toLowerCase()),
    ...(input.resolving ?? []).map((n) => n.toLowerCase())
  ])
  const findings: Finding[] = []
  for (const ws of input.workspaces) {
    if (ws.error !== undefined) {
      findings.push({
        kind: 'readiness',
        check: 'unchecked',
        subject: `workspace ${ws.name}`,
        detail: `its groups could not be read, so workspace-local groups were not checked: ${ws.error}`,
        fix: 'make the action’s service principal a workspace admin to include this check'
      })
      continue
    }
    for (const name of ws.localGroups) {
      if (!accountGroups.has(name.toLowerCase())) continue
      findings.push({
        kind: 'readiness',
        check: 'shadowing-group',
        subject: `workspace ${ws.name}: group ${name}`,
        detail: 'is a workspace-local group with the name of an account group, which it shadows in this workspace',
        fix: 'migrate it to the account group (move its permissions and grants), then delete or rename the workspace-local group'
      })
    }
  }
  return findings
}
