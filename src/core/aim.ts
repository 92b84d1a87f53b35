// Accounts with automatic identity management (AIM), pure: which of the principals the config lists (each found in
// the source by its reference) the account already has, and a resolve for each one it does not, so they exist (and
// can be granted, assigned, referenced) before anyone signs in. Databricks keeps their members itself: nothing here
// plans a membership.
import type { AimKind, AimRef, Removal } from './model.js'
import { compareOperations, type Operation } from './operations.js'

/** The registry key a principal resolved in a run is recorded under (by kind: groups and principals apart). */
export const aimIdKey = (externalId: string): string => `externalId:${externalId.toLowerCase()}`

/** A source principal found for a config reference (or by object id). */
export interface SourceEntry {
  kind: AimKind
  /** The source's object id. */
  id: string
  displayName: string
  /** Users: user principal name; service principals: application id. */
  key?: string
}

/** An account principal as the account lists it. */
export interface AccountEntry {
  kind: AimKind
  id: string
  /** Group and service principal: display name; user: user name. */
  name: string
  /** Users: user name; service principals: application id. */
  key?: string
  externalId?: string
  active?: boolean
}

/** A principal the config lists, with what the source found for it. */
export interface AimWanted {
  kind: AimKind
  /** The config reference. */
  ref: string
  removal: Removal
  found: SourceEntry
}

/** A listed principal as this run knows it: its object id, its account id once the account has it. */
export interface ResolvedPrincipal extends AimRef {
  /** The config references that name it. */
  refs: string[]
  /** `keep` on any of its entries: its workspace assignments are never removed. */
  removal: Removal
  /** Users: user principal name; service principals: application id. */
  key?: string
  /** The account had it before this run (else this run resolves it, which creates it). */
  present: boolean
}

export interface ResolvePlan {
  /** resolve-principal for each listed principal the account does not have yet. */
  operations: Operation[]
  principals: ResolvedPrincipal[]
}

const lower = (text: string | undefined): string => (text ?? '').toLowerCase()

/** Finds a source principal among the account's: by externalId, else (users, service principals) by its key. */
export function accountMatcher(account: readonly AccountEntry[]): (found: SourceEntry) => AccountEntry | undefined {
  const byExternalId = new Map<string, AccountEntry>()
  const byKey = new Map<string, AccountEntry>()
  for (const a of account) {
    if (a.externalId) byExternalId.set(`${a.kind}:${lower(a.externalId)}`, a)
    // A user's name and a service principal's application id are unique in the account and stand for the same
    // Entra object: account SCIM keeps no externalId on users at all.
    if (a.kind !== 'group' && a.key) byKey.set(`${a.kind}:${lower(a.key)}`, a)
  }
  return (found) =>
    byExternalId.get(`${found.kind}:${lower(found.id)}`) ??
    (found.kind !== 'group' && found.key ? byKey.get(`${found.kind}:${lower(found.key)}`) : undefined)
}

/** How a source principal is named in plans: a user by its user principal name, others by their display name. */
export const aimName = (found: SourceEntry): string =>
  (found.kind === 'user' ? found.key : undefined) || found.displayName || found.key || found.id

/** The listed principals (each object once, however many entries name it) and a resolve for each one not there. */
export function planResolve(wanted: readonly AimWanted[], account: readonly AccountEntry[]): ResolvePlan {
  const match = accountMatcher(account)
  const byObject = new Map<string, ResolvedPrincipal>()
  for (const w of wanted) {
    const key = `${w.kind}:${lower(w.found.id)}`
    const known = byObject.get(key)
    if (known) {
      known.refs.push(w.ref)
      if (w.removal === 'keep') known.removal = 'keep'
      continue
    }
    const there = match(w.found)
    byObject.set(key, {
      kind: w.kind,
      externalId: w.found.id,
      name: aimName(w.found),
      ...(there ? { id: there.id } : {}),
      refs: [w.ref],
      removal: w.removal,
      ...(w.found.key ? { key: w.found.key } : {}),
      present: there !== undefined
    })
  }
  const principals = [...byObject.values()]
  const operations: Operation[] = principals
    .filter((p) => !p.present)
    .map((p) => ({ kind: 'resolve-principal', principal: { kind: p.kind, externalId: p.externalId, name: p.name } }))
  operations.sort(compareOperations)
  return { operations, principals }
}

/** The listed principal a workspace entry names: by a config reference or by the source's name (any case). */
export function principalFor(
  principals: readonly ResolvedPrincipal[],
  kind: AimKind,
  ref: string
): ResolvedPrincipal | undefined {
  const r = lower(ref)
  const ofKind = principals.filter((p) => p.kind === kind)
  return (
    ofKind.find((p) => p.refs.some((x) => lower(x) === r)) ??
    ofKind.find((p) => lower(p.externalId) === r || lower(p.key) === r) ??
    ofKind.find((p) => lower(p.name) === r)
  )
}
