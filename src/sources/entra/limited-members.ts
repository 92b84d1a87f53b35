// Graph's "limited information" members: an app that may read group memberships (GroupMember.Read.All) but not
// users (User.Read.All) or service principals (Application.Read.All) still gets every member, answered 200, with
// only its @odata.type and id and every other property null
// (https://learn.microsoft.com/en-us/graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects).
// Such a member cannot be matched to a Databricks identity, and dropping it would read as "left the group": the
// group's read fails instead, naming the permission to grant.
import { ActionError } from '../../errors.js'
import type { EntraPrincipal } from './types.js'

/** The application permission that lets an app read the properties of each kind of member. */
export const MEMBER_READ_PERMISSION: Readonly<Record<EntraPrincipal['kind'], string>> = {
  user: 'User.Read.All',
  servicePrincipal: 'Application.Read.All'
}

/**
 * Whether Graph left out what identifies a member: every user has a userPrincipalName and every service principal
 * an appId, so one without it is an object the app may not read, not one without a key.
 */
export function isLimited(p: EntraPrincipal): boolean {
  return p.kind === 'servicePrincipal' ? !p.appId?.trim() : !p.userPrincipalName?.trim()
}

const KIND_NAMES: Record<EntraPrincipal['kind'], string> = { user: 'user', servicePrincipal: 'service principal' }
const SHOWN_IDS = 3

/**
 * The error for a read that met limited members (`limited` non-empty): how many of each kind, a few of their object
 * ids, and the fix naming the missing permission(s).
 */
export function limitedMembersError(limited: readonly EntraPrincipal[], doing: string, identity: string): ActionError {
  const kinds = (['user', 'servicePrincipal'] as const).filter((k) => limited.some((p) => p.kind === k))
  const counts = kinds.map((k) => {
    const ids = limited.filter((p) => p.kind === k).map((p) => p.id)
    const shown = ids.slice(0, SHOWN_IDS).join(', ') + (ids.length > SHOWN_IDS ? ', …' : '')
    return `${ids.length} ${KIND_NAMES[k]}(s) (${shown})`
  })
  const permissions = kinds.map((k) => MEMBER_READ_PERMISSION[k])
  return new ActionError(
    `Microsoft Graph returned ${counts.join(' and ')} with only an object id while ${doing}: ${identity} may list ` +
      `group members but not read ${kinds.map((k) => `${KIND_NAMES[k]}s (${MEMBER_READ_PERMISSION[k]})`).join(' or ')}, so these members cannot be ` +
      'matched to Databricks identities. The group was not synced and nothing was removed.',
    `Grant ${identity} the Microsoft Graph application permission ${permissions.join(' and ')} (or Directory.Read.All) ` +
      'with admin consent: Entra admin center > App registrations > the app > API permissions > Add a permission > ' +
      'Microsoft Graph > Application permissions, then "Grant admin consent for <tenant>".'
  )
}
