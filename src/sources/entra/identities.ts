// Entra's identity rules: which Entra principals have a Databricks identity and under which key (users by
// userPrincipalName, guests by mail, service principals by appId; disabled accounts are left out), and the
// conversion of an Entra group read into the source-neutral read the core plans from.
import type { SkippedMember, SourceGroupRead, SourcePrincipal } from '../../core/model.js'
import { describePrincipal } from '../../core/text.js'
import { limitedMembersError } from './limited-members.js'
import type { EntraGroupRead, EntraPrincipal, UnsupportedMember } from './types.js'

export function isGuest(p: EntraPrincipal): boolean {
  return p.userType?.toLowerCase() === 'guest' || (p.userPrincipalName ?? '').toUpperCase().includes('#EXT#')
}

export type Identity =
  | { ok: true; kind: SourcePrincipal['kind']; /** userName or applicationId as Entra spells it. */ name: string }
  | { ok: false; skip: Pick<SkippedMember, 'reason' | 'detail'> }

/**
 * The Databricks identity of an Entra principal: users by userPrincipalName (guests by mail), service principals
 * by appId. Undefined for a member Graph did not describe (no key: the app may not read its kind, see
 * limited-members.ts); toSourceRead refuses a read holding one.
 */
export function identityOf(p: EntraPrincipal): Identity | undefined {
  if (p.accountEnabled === false) {
    return {
      ok: false,
      skip: { reason: 'disabled-account', detail: 'the account is disabled in Entra ID, so it is not synced' }
    }
  }
  if (p.kind === 'servicePrincipal') {
    const appId = p.appId?.trim()
    return appId ? { ok: true, kind: 'servicePrincipal', name: appId } : undefined
  }
  if (isGuest(p)) {
    const mail = p.mail?.trim()
    if (!mail) {
      return {
        ok: false,
        skip: {
          reason: 'guest-without-mail',
          detail: 'guest accounts are matched by their mail address, and this one has none'
        }
      }
    }
    return { ok: true, kind: 'user', name: mail }
  }
  const upn = p.userPrincipalName?.trim()
  return upn ? { ok: true, kind: 'user', name: upn } : undefined
}

/** Text naming an Entra principal in a skip. */
export function describeEntraPrincipal(p: EntraPrincipal): string {
  const key = p.kind === 'servicePrincipal' ? p.appId : isGuest(p) ? p.mail || p.userPrincipalName : p.userPrincipalName
  return describePrincipal(p.displayName, key?.trim() || p.id)
}

type Converted = { member: SourcePrincipal } | { skipped: SkippedMember } | undefined

/**
 * One conversion per Entra principal object: the readers share a principal's object across every group that lists
 * it, so a large estate's reads share the converted member too.
 */
const converted = new WeakMap<EntraPrincipal, Converted>()

function convert(p: EntraPrincipal): Converted {
  if (converted.has(p)) return converted.get(p)
  const identity = identityOf(p)
  const result: Converted = !identity
    ? undefined
    : identity.ok
      ? { member: { kind: identity.kind, sourceId: p.id, key: identity.name, displayName: p.displayName } }
      : { skipped: { ...identity.skip, subject: describeEntraPrincipal(p) } }
  converted.set(p, result)
  return result
}

/**
 * An Entra group read as the core plans from it: members keyed by Entra's rules, the rest skipped with a reason.
 * A member without its key is never left out (that would read as "left the group"): the read fails instead.
 */
export function toSourceRead(read: EntraGroupRead): SourceGroupRead {
  const members: SourcePrincipal[] = []
  const skipped: SkippedMember[] = []
  const limited: EntraPrincipal[] = []
  for (const p of read.members) {
    const c = convert(p)
    if (!c) limited.push(p)
    else if ('member' in c) members.push(c.member)
    else skipped.push(c.skipped)
  }
  if (limited.length > 0) {
    throw limitedMembersError(
      limited,
      `reading the members of Entra group "${read.displayName}" (${read.id})`,
      'the app the action signs in as'
    )
  }
  for (const u of read.unsupported ?? []) skipped.push(unsupportedSkip(u))
  return {
    ref: read.ref,
    id: read.id,
    displayName: read.displayName,
    members,
    skipped,
    nestedGroups: read.nestedGroups
  }
}

/** What each kind of member without a Databricks identity is called in a skip. */
const KIND_LABELS: Record<string, string> = {
  '#microsoft.graph.device': 'device',
  '#microsoft.graph.orgContact': 'organizational contact'
}

/** A device, contact or other object in a group: skipped with the reason, never silently dropped. */
export function unsupportedSkip(u: UnsupportedMember): SkippedMember {
  const kind = KIND_LABELS[u.type] ?? (u.type.replace(/^#microsoft\.graph\./, '') || 'directory object')
  return {
    reason: 'unsupported-member',
    subject: `${kind} ${describePrincipal(u.displayName, u.id)}`,
    detail: `only users and service principals have a Databricks identity, so this ${kind} is not synced`
  }
}
