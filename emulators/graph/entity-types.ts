// Graph entity types: each object's properties, defaults and $filter schema, and how it serialises with $select.
import type { ContactObj, DeviceObj, DirObj, GroupObj, Kind, SpObj, UserObj } from './directory.js'
import { GUID } from './ids.js'
import type { EdmType, FilterSchema, PropertyDef } from '../odata-filter.js'

const CREATED = '2024-01-01T00:00:00Z'

interface PropDef<T> extends PropertyDef {
  get(o: T): unknown
}

export interface EntityType<T extends DirObj> {
  kind: Kind
  typeName: string
  entitySet: string
  props: Map<string, PropDef<T>>
  /** Properties returned when there is no $select. */
  defaults: string[]
  filter: FilterSchema<T>
}

function entityType<T extends DirObj>(
  kind: Kind,
  entitySet: string,
  defs: Array<[string, EdmType, (o: T) => unknown]>,
  defaults: string[] | 'all'
): EntityType<T> {
  const props = new Map<string, PropDef<T>>(defs.map(([name, type, get]) => [name.toLowerCase(), { name, type, get }]))
  const typeName = `microsoft.graph.${kind}`
  return {
    kind,
    typeName,
    entitySet,
    props,
    defaults: defaults === 'all' ? defs.map(([name]) => name) : defaults,
    filter: { typeName, props, get: (o, name) => props.get(name.toLowerCase())?.get(o) }
  }
}

function sidOf(id: string): string | null {
  if (!GUID.test(id)) return null
  const hex = id.replace(/-/g, '')
  const bytes = Buffer.from(hex, 'hex')
  // Entra SIDs are S-1-12-1 followed by the object id's bytes (GUID byte order) as four little-endian uint32s.
  const guidBytes = Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8)
  ])
  const parts = [0, 4, 8, 12].map((i) => guidBytes.readUInt32LE(i))
  return `S-1-12-1-${parts.join('-')}`
}

export function makeTypes(tenantId: string) {
  const user = entityType<UserObj>(
    'user',
    'users',
    [
      ['id', 'string', (o) => o.id],
      ['userPrincipalName', 'string', (o) => o.userPrincipalName],
      ['displayName', 'string', (o) => o.displayName],
      ['mail', 'string', (o) => o.mail],
      ['accountEnabled', 'boolean', (o) => o.accountEnabled],
      ['userType', 'string', (o) => o.userType],
      ['businessPhones', 'collection', () => []],
      ['givenName', 'string', () => null],
      ['surname', 'string', () => null],
      ['jobTitle', 'string', () => null],
      ['mobilePhone', 'string', () => null],
      ['officeLocation', 'string', () => null],
      ['preferredLanguage', 'string', () => null],
      ['mailNickname', 'string', (o) => o.userPrincipalName.split('@')[0]],
      ['otherMails', 'collection', () => []],
      ['proxyAddresses', 'collection', (o) => (o.mail ? [`SMTP:${o.mail}`] : [])],
      ['employeeId', 'string', () => null],
      ['department', 'string', () => null],
      ['companyName', 'string', () => null],
      ['usageLocation', 'string', () => null],
      ['createdDateTime', 'datetime', () => CREATED],
      ['deletedDateTime', 'datetime', () => null],
      ['creationType', 'string', (o) => (o.userType === 'Guest' ? 'Invitation' : null)],
      ['externalUserState', 'string', (o) => (o.userType === 'Guest' ? 'Accepted' : null)],
      ['onPremisesImmutableId', 'string', () => null],
      ['onPremisesSyncEnabled', 'boolean', () => null]
    ],
    // As Graph: accountEnabled and userType are only returned when selected.
    [
      'businessPhones',
      'displayName',
      'givenName',
      'jobTitle',
      'mail',
      'mobilePhone',
      'officeLocation',
      'preferredLanguage',
      'surname',
      'userPrincipalName',
      'id'
    ]
  )
  const servicePrincipal = entityType<SpObj>(
    'servicePrincipal',
    'servicePrincipals',
    [
      ['id', 'string', (o) => o.id],
      ['deletedDateTime', 'datetime', () => null],
      ['accountEnabled', 'boolean', (o) => o.accountEnabled],
      ['alternativeNames', 'collection', () => []],
      ['appDisplayName', 'string', (o) => o.displayName],
      ['appDescription', 'string', () => null],
      ['appId', 'string', (o) => o.appId],
      ['appOwnerOrganizationId', 'string', () => tenantId],
      ['appRoleAssignmentRequired', 'boolean', (o) => o.appRoleAssignmentRequired ?? false],
      ['applicationTemplateId', 'string', (o) => o.applicationTemplateId],
      ['description', 'string', (o) => o.description ?? null],
      ['displayName', 'string', (o) => o.displayName],
      ['homepage', 'string', () => null],
      ['notes', 'string', (o) => o.notes ?? null],
      ['preferredSingleSignOnMode', 'string', (o) => o.preferredSingleSignOnMode ?? null],
      ['servicePrincipalNames', 'collection', (o) => [o.appId]],
      ['servicePrincipalType', 'string', (o) => o.servicePrincipalType],
      ['signInAudience', 'string', () => 'AzureADMyOrg'],
      ['tags', 'collection', (o) => [...o.tags]],
      [
        'appRoles',
        'collection',
        (o) => o.appRoles.map((r) => ({ ...r, allowedMemberTypes: [...r.allowedMemberTypes] }))
      ]
    ],
    'all'
  )
  const group = entityType<GroupObj>(
    'group',
    'groups',
    [
      ['id', 'string', (o) => o.id],
      ['deletedDateTime', 'datetime', () => null],
      ['classification', 'string', () => null],
      ['createdDateTime', 'datetime', () => CREATED],
      ['description', 'string', (o) => o.description],
      ['displayName', 'string', (o) => o.displayName],
      ['expirationDateTime', 'datetime', () => null],
      ['groupTypes', 'collection', () => []],
      ['isAssignableToRole', 'boolean', () => null],
      ['mail', 'string', () => null],
      ['mailEnabled', 'boolean', (o) => o.mailEnabled],
      ['mailNickname', 'string', (o) => o.mailNickname],
      ['membershipRule', 'string', () => null],
      ['membershipRuleProcessingState', 'string', () => null],
      ['onPremisesSamAccountName', 'string', () => null],
      ['onPremisesSyncEnabled', 'boolean', () => null],
      ['proxyAddresses', 'collection', () => []],
      ['renewedDateTime', 'datetime', () => CREATED],
      ['securityEnabled', 'boolean', (o) => o.securityEnabled],
      ['securityIdentifier', 'string', (o) => sidOf(o.id)],
      ['visibility', 'string', () => null]
    ],
    'all'
  )
  // Devices and organizational contacts: groups may hold them (https://learn.microsoft.com/en-us/graph/api/resources/device,
  // https://learn.microsoft.com/en-us/graph/api/resources/orgcontact; the properties most often read).
  const device = entityType<DeviceObj>(
    'device',
    'devices',
    [
      ['id', 'string', (o) => o.id],
      ['deletedDateTime', 'datetime', () => null],
      ['accountEnabled', 'boolean', (o) => o.accountEnabled],
      ['deviceId', 'string', (o) => o.id],
      ['displayName', 'string', (o) => o.displayName],
      ['operatingSystem', 'string', (o) => o.operatingSystem],
      ['operatingSystemVersion', 'string', () => null],
      ['trustType', 'string', () => 'AzureAd'],
      ['isCompliant', 'boolean', () => null],
      ['isManaged', 'boolean', () => null],
      ['createdDateTime', 'datetime', () => CREATED]
    ],
    'all'
  )
  const orgContact = entityType<ContactObj>(
    'orgContact',
    'contacts',
    [
      ['id', 'string', (o) => o.id],
      ['deletedDateTime', 'datetime', () => null],
      ['displayName', 'string', (o) => o.displayName],
      ['mail', 'string', (o) => o.mail],
      ['mailNickname', 'string', (o) => (o.mail ? o.mail.split('@')[0] : null)],
      ['givenName', 'string', () => null],
      ['surname', 'string', () => null],
      ['companyName', 'string', () => null],
      ['department', 'string', () => null],
      ['jobTitle', 'string', () => null],
      ['proxyAddresses', 'collection', (o) => (o.mail ? [`SMTP:${o.mail}`] : [])]
    ],
    'all'
  )
  // directoryObject collections (members, memberOf): any property of a derived type may be selected or filtered.
  const union = new Map<string, PropertyDef>()
  for (const t of [user, servicePrincipal, group, device, orgContact] as Array<EntityType<DirObj>>) {
    for (const [k, p] of t.props) if (!union.has(k)) union.set(k, { name: p.name, type: p.type })
  }
  const byKind = { user, servicePrincipal, group, device, orgContact } as unknown as Record<Kind, EntityType<DirObj>>
  const directoryObject: FilterSchema<DirObj> = {
    typeName: 'microsoft.graph.directoryObject',
    props: union,
    get: (o, name) => byKind[o.kind].props.get(name.toLowerCase())?.get(o)
  }
  return { user, servicePrincipal, group, device, orgContact, byKind, directoryObject }
}

export type Types = ReturnType<typeof makeTypes>

export function serialize(
  types: Types,
  o: DirObj,
  select: string[] | undefined,
  withType: boolean
): Record<string, unknown> {
  const t = types.byKind[o.kind]
  const out: Record<string, unknown> = {}
  if (withType) out['@odata.type'] = `#${t.typeName}`
  if (!select) {
    for (const name of t.defaults) out[name] = t.props.get(name.toLowerCase())?.get(o)
    return out
  }
  out.id = o.id
  for (const name of select) {
    const p = t.props.get(name.toLowerCase())
    if (p) out[p.name] = p.get(o)
  }
  return out
}

/**
 * An object the caller may not read, as Graph lists it in a relationship: its @odata.type and id, every other
 * property returned (the selected ones, or the defaults) null.
 */
export function serializeLimited(types: Types, o: DirObj, select: string[] | undefined): Record<string, unknown> {
  const t = types.byKind[o.kind]
  const out: Record<string, unknown> = { '@odata.type': `#${t.typeName}`, id: o.id }
  for (const name of select ?? t.defaults) {
    const p = t.props.get(name.toLowerCase())
    if (p && p.name !== 'id') out[p.name] = null
  }
  return out
}
