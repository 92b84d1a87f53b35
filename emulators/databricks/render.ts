// The SCIM resource view of a record: rendering, member and group refs, attribute paths for filters and sorts.
import { resolvePath } from '../scim-filter.js'
import { ALL_ATTRIBUTES, type AttributeSelector } from './attributes.js'
import { SCIM_SCHEMAS } from './protocol.js'
import { RESOURCE_PATH, type GroupRecord, type PrincipalRecord, type ScimRef } from './records.js'

/** What rendering needs of a store: records by id and the resourceType of its groups. */
export interface RecordLookup {
  findById(id: string): PrincipalRecord | undefined
  readonly options: { readonly groupResourceType: string }
}

/**
 * meta.resourceType of a group: `WorkspaceGroup` for a workspace's own, `Group` for an account group (databricks-sdk
 * service/iam ResourceMeta: "local workspace group (`WorkspaceGroup`) or account group (`Group`)").
 */
function groupResourceType(store: RecordLookup, rec: GroupRecord): string {
  return rec.accountGroup ? 'Group' : store.options.groupResourceType
}

export function scimRef(rec: PrincipalRecord, type?: string): ScimRef {
  const r: ScimRef = { value: rec.id, display: rec.displayName, $ref: `${RESOURCE_PATH[rec.kind]}/${rec.id}` }
  if (type) r.type = type
  return r
}

function scimRefs(store: RecordLookup, ids: Set<string>, type?: string): ScimRef[] {
  const out: ScimRef[] = []
  for (const id of ids) {
    const r = store.findById(id)
    if (r) out.push(scimRef(r, type))
  }
  return out
}

/** The value of a lower-cased attribute path of a record, as the rendered resource would hold it. */
export function attributeOf(store: RecordLookup, rec: PrincipalRecord, path: readonly string[]): unknown {
  const [head, ...rest] = path
  let v: unknown
  switch (head) {
    case 'id':
      v = rec.id
      break
    case 'displayname':
      v = rec.displayName
      break
    case 'externalid':
      v = rec.externalId
      break
    case 'entitlements':
      v = rec.entitlements.map((value) => ({ value }))
      break
    case 'roles':
      v = rec.roles.map((value) => ({ value }))
      break
    case 'groups':
      v = scimRefs(store, rec.memberOf, 'direct')
      break
    case 'username':
      v = rec.kind === 'user' ? rec.userName : undefined
      break
    case 'applicationid':
      v = rec.kind === 'servicePrincipal' ? rec.applicationId : undefined
      break
    case 'active':
      v = rec.kind === 'group' ? undefined : rec.active
      break
    case 'emails':
      v = rec.kind === 'user' ? rec.emails : undefined
      break
    case 'name':
      v = rec.kind === 'user' ? rec.name : undefined
      break
    case 'members':
      v = rec.kind === 'group' ? scimRefs(store, rec.members) : undefined
      break
    case 'meta':
      v = rec.kind === 'group' ? { resourceType: groupResourceType(store, rec) } : undefined
      break
    default:
      v = undefined
  }
  return rest.length && v !== undefined ? resolvePath(v, rest) : v
}

/** The SCIM resource of a record; `include` leaves out attributes (and the work of building them). */
export function renderRecord(
  store: RecordLookup,
  rec: PrincipalRecord,
  include: AttributeSelector = ALL_ATTRIBUTES
): Record<string, unknown> {
  const schema =
    rec.kind === 'user'
      ? SCIM_SCHEMAS.user
      : rec.kind === 'servicePrincipal'
        ? SCIM_SCHEMAS.servicePrincipal
        : SCIM_SCHEMAS.group
  const o: Record<string, unknown> = { schemas: [schema], id: rec.id }
  if (rec.kind === 'user') {
    if (include('username')) o.userName = rec.userName
  } else if (rec.kind === 'servicePrincipal') {
    if (include('applicationid')) o.applicationId = rec.applicationId
  }
  if (include('displayname') && rec.displayName !== '') o.displayName = rec.displayName
  if (rec.kind === 'user') {
    if (include('emails')) o.emails = rec.emails.map((e) => ({ ...e }))
    if (include('name') && rec.name) o.name = { ...rec.name }
  }
  if (rec.kind !== 'group' && include('active')) o.active = rec.active
  if (rec.kind === 'group' && include('members') && rec.members.size) o.members = scimRefs(store, rec.members)
  if (include('groups') && rec.memberOf.size) o.groups = scimRefs(store, rec.memberOf, 'direct')
  if (include('entitlements') && rec.entitlements.length) o.entitlements = rec.entitlements.map((value) => ({ value }))
  if (include('roles') && rec.roles.length) o.roles = rec.roles.map((value) => ({ value }))
  if (include('externalid') && rec.externalId !== undefined) o.externalId = rec.externalId
  if (rec.kind === 'group' && include('meta')) o.meta = { resourceType: groupResourceType(store, rec) }
  return o
}
