// Account SCIM: the workspace emulator's routes over the account store, group lists without members, and the
// account's rules on writes: its identity limits, no externalId kept on users, and with automatic identity management
// (AIM) the groups it keeps. A write that breaks a rule is undone whole before its error is answered.
import { routeScim, ScimError, scimErrorResponse, type PrincipalRecord, type ResourceKind } from '../databricks.js'
import type { EmulatorRequest, EmulatorResponse } from '../types.js'
import type { AccountLimits } from './limits.js'
import { snapshot, type AccountStore, type JournalEntry, type Snapshot } from './store.js'

const KIND_BY_SEGMENT: Record<string, ResourceKind> = {
  Users: 'user',
  ServicePrincipals: 'servicePrincipal',
  Groups: 'group'
}
const TYPE_NAME: Record<ResourceKind, string> = { user: 'User', servicePrincipal: 'Service principal', group: 'Group' }

/**
 * What Databricks answers a SCIM write to the members of a group Entra keeps through AIM: HTTP 500, a SCIM error
 * without scimType (reported as "InternalError: None Error in performing the patch operation on group resource.",
 * the databricks-sdk-py rendering of such a body; community.databricks.com, "Unable to add users to Azure AD synced
 * Databricks group via SCIM").
 */
export const AIM_GROUP_WRITE_DETAIL = 'Error in performing the patch operation on group resource.'

export interface AccountScim {
  store: AccountStore
  limits: AccountLimits
  /** Told of a principal deleted through SCIM: its workspace assignments go with it. */
  deleted(id: string): void
}

const ROUTE_OPTIONS = { listGroupMembers: false } as const

/** Serves `{Users|ServicePrincipals|Groups}[/{id}]` (segments after `scim/v2`). Throws ScimError for SCIM errors. */
export function accountScim(account: AccountScim, req: EmulatorRequest, segments: string[]): EmulatorResponse {
  const { store } = account
  const kind = KIND_BY_SEGMENT[segments[0] ?? '']
  const method = req.method.toUpperCase()
  const notFound = (): EmulatorResponse => scimErrorResponse(404, `No SCIM resource at ${req.url.pathname}.`)
  if (!kind || segments.length > 2 || method === 'GET')
    return routeScim(store, req, segments, ROUTE_OPTIONS) ?? notFound()

  if (method === 'POST' && segments.length === 1) checkCreate(account, kind)
  const target = segments.length === 2 ? store.find(kind, segments[1]!) : undefined
  const snap = target && snapshot(target)
  const journal: JournalEntry[] = []
  store.journal = journal
  let res: EmulatorResponse | undefined
  try {
    res = routeScim(store, req, segments, ROUTE_OPTIONS)
  } catch (e) {
    store.undo(journal, snap)
    throw e
  } finally {
    store.journal = undefined
  }
  if (!res || res.status >= 300) return res ?? notFound()
  const created = method === 'POST' ? store.find(kind, String((res.body as { id?: unknown }).id)) : undefined
  const written = created ?? target
  const refusal = method === 'DELETE' ? undefined : refused(account, journal, snap, created)
  if (refusal) {
    store.undo(journal, snap)
    if (created) store.delete(kind, created.id)
    throw refusal
  }
  if (method === 'DELETE') {
    account.deleted(segments[1]!)
    return res
  }
  if (written?.kind === 'user') {
    // Account SCIM keeps no externalId on users: "External ID is not currently supported" (databricks-sdk-py
    // service/iam.py, AccountUser); a create or update that sends one succeeds without it
    // (terraform-provider-databricks#1676). Users seeded by the fixture keep theirs (another writer's).
    written.externalId = snap?.externalId
    return { ...res, body: store.render(written) }
  }
  return res
}

function checkCreate(account: AccountScim, kind: ResourceKind): void {
  const { store, limits } = account
  if (kind === 'group') {
    if (store.groups.size >= limits.groups) {
      throw new ScimError(
        400,
        `Cannot create group: the account has reached the maximum of ${limits.groups} groups.`,
        'invalidValue'
      )
    }
  } else if (store.users.size + store.servicePrincipals.size >= limits.principals) {
    throw new ScimError(
      400,
      `Cannot create ${kind === 'user' ? 'user' : 'service principal'}: the account has reached the maximum of ` +
        `${limits.principals} users and service principals.`,
      'invalidValue'
    )
  }
}

/** The error a write that went through the store must answer instead (and be undone for), if any. */
function refused(
  account: AccountScim,
  journal: readonly JournalEntry[],
  snap: Snapshot | undefined,
  created: PrincipalRecord | undefined
): ScimError | undefined {
  const { store, limits } = account
  if (created && store.keptByAim(created)) {
    // "When AIM is enabled, supplying an external ID returns an error" (databricks-sdk-py service/iamv2.py,
    // create_group): documented for the identity API; for SCIM the stricter reading. The wording is the emulator's.
    return new ScimError(
      400,
      `Group ${created.displayName} cannot be created with an externalId: the account uses automatic identity ` +
        'management, which brings groups from the identity provider itself.',
      'invalidValue'
    )
  }
  const aimGroupChanged =
    journal.some((e) => store.keptByAim(e.group)) ||
    (snap !== undefined &&
      store.aim &&
      snap.rec.kind === 'group' &&
      snap.externalId !== undefined &&
      (snap.rec.displayName !== snap.displayName ||
        String(snap.rec.entitlements) !== String(snap.entitlements) ||
        String(snap.rec.roles) !== String(snap.roles)))
  if (aimGroupChanged) return new ScimError(500, AIM_GROUP_WRITE_DETAIL)
  const over = journal.find(
    (e) => e.added && e.member.memberOf.has(e.group.id) && e.member.memberOf.size > limits.membershipsPerPrincipal
  )
  if (over) {
    const m = over.member
    return new ScimError(
      400,
      `${TYPE_NAME[m.kind]} ${store.keyOf(m)} cannot be added to group ${over.group.displayName}: a principal can ` +
        `be a direct member of at most ${limits.membershipsPerPrincipal} groups.`,
      'invalidValue'
    )
  }
  return undefined
}
