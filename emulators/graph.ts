// Microsoft Graph v1.0 emulator: the directory reads the action makes (groups, members, transitive members, users,
// service principals, $batch, groups/delta, users/delta, servicePrincipals/delta), answering as the real service
// does — OData query options, paging with @odata.nextLink/$skiptoken, Graph error bodies, application permissions
// from the token's roles claim.
// The provisioning APIs (applicationTemplates instantiate, appRoleAssignedTo, synchronization) live in
// graph-provisioning.ts and are routed from here.
// A pure request -> response handler; the server wrapper adds TLS, latency, throttling and the request log.
import { randomUUID } from 'node:crypto'
import type { GroupFixture, ServicePrincipalFixture, TenantFixture, UserFixture } from './fixture.js'
import { stableGuid } from './fixture.js'
import {
  createProvisioning,
  ProvisioningError,
  type ProvisioningRequest,
  type ProvisioningState,
  type ValidateScim
} from './graph-provisioning.js'
import {
  compileFilter,
  equalityKeys,
  ODataQueryError,
  parseFilter,
  type EdmType,
  type FilterNode,
  type FilterSchema,
  type PropertyDef
} from './odata-filter.js'
import type { AccessTokenClaims, EmulatorRequest, EmulatorResponse, Handler, TokenService } from './types.js'

// ---------------------------------------------------------------------------------------------------------------
// Public API

export const GRAPH_AUDIENCES: readonly string[] = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000'
]

/** Application permissions (roles) that allow each kind of read. */
export const GRAPH_READ_ROLES = {
  groups: [
    'GroupMember.Read.All',
    'Group.Read.All',
    'Directory.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.ReadWrite.All',
    'Directory.ReadWrite.All'
  ],
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  servicePrincipals: [
    'Application.Read.All',
    'Application.ReadWrite.All',
    'Application.ReadWrite.OwnedBy',
    'Directory.Read.All',
    'Directory.ReadWrite.All'
  ]
} as const

export interface GraphOptions {
  /**
   * Called for each request inside a $batch before it is handled; a response returned here (e.g. a 429 with
   * Retry-After) is used as that inner request's answer, so batch steps can be throttled one by one.
   */
  innerThrottle?: (req: EmulatorRequest) => EmulatorResponse | undefined
  /** Extra token audiences to accept (the emulator's own origin is always accepted, as a sovereign cloud's is). */
  audiences?: readonly string[]
  /**
   * Whether a synchronization BaseAddress/SecretToken pair reaches a SCIM endpoint (validateCredentials, job
   * start/restart, and the expiry re-check of Active jobs). Default: any https …/api/2.0/preview/scim with a token.
   */
  validateScim?: ValidateScim
  /** Initial `state.provisioning.spAppearDelayMs` (default 1500). */
  spAppearDelayMs?: number
}

/** An appRole of a service principal (Graph's appRole resource). */
export interface GraphAppRole {
  id: string
  displayName: string
  description?: string | null
  value: string | null
  isEnabled: boolean
  allowedMemberTypes: string[]
  origin?: string
}

export interface GraphUser {
  id: string
  userPrincipalName: string
  displayName: string
  mail: string | null
  accountEnabled: boolean
  userType: 'Member' | 'Guest'
}

export interface GraphServicePrincipal {
  id: string
  appId: string
  displayName: string
  accountEnabled: boolean
  servicePrincipalType: 'Application'
  appRoles: GraphAppRole[]
  tags: string[]
  /** Set for service principals instantiated from a gallery template. */
  applicationTemplateId: string | null
}

/** A service principal to add: a fixture entry, optionally with the app roles and tags of an enterprise app. */
export interface GraphServicePrincipalInput extends ServicePrincipalFixture {
  appRoles?: GraphAppRole[]
  tags?: string[]
  applicationTemplateId?: string | null
}

export interface GraphGroup {
  id: string
  displayName: string
  mailNickname: string
  securityEnabled: boolean
  mailEnabled: boolean
  description: string | null
  /** Object ids of the direct members, in the order they were added. */
  members: string[]
}

export interface GraphGroupInput extends GroupFixture {
  mailNickname?: string
  securityEnabled?: boolean
  mailEnabled?: boolean
  description?: string | null
}

export type GraphUserPatch = Partial<Omit<GraphUser, 'id'>>
export type GraphServicePrincipalPatch = Partial<
  Omit<GraphServicePrincipal, 'id' | 'servicePrincipalType' | 'applicationTemplateId'>
>

/**
 * The tenant behind the emulator, for tests to change between runs. Member references are as in the fixture: a
 * user's UPN, a service principal's appId or displayName, a group's displayName, or any object id.
 */
export interface GraphState {
  addUser(user: UserFixture): GraphUser
  addServicePrincipal(sp: GraphServicePrincipalInput): GraphServicePrincipal
  /** Adds a group (members resolved against the current tenant). */
  addGroup(group: GraphGroupInput): GraphGroup
  /** Adds a direct member; false when it already was one. */
  addMember(group: string, member: string): boolean
  /** Removes a direct member; false when it was not one. */
  removeMember(group: string, member: string): boolean
  renameGroup(group: string, newDisplayName: string): GraphGroup
  /** Deletes a group; it also leaves every group it was a member of. */
  deleteGroup(group: string): void
  /** Deletes a user; it also leaves every group. users/delta then reports it as `@removed`. */
  deleteUser(user: string): void
  /** Deletes a service principal (by appId, displayName or id); it also leaves every group. */
  deleteServicePrincipal(sp: string): void
  /**
   * Changes a user found by UPN or id (e.g. accountEnabled false, a new userPrincipalName). Properties whose value
   * changes are recorded for users/delta (as is every add and delete, and the same for service principals).
   */
  setUser(user: string, patch: GraphUserPatch): GraphUser
  setServicePrincipal(sp: string, patch: GraphServicePrincipalPatch): GraphServicePrincipal
  group(group: string): GraphGroup | undefined
  groups(): GraphGroup[]
  user(user: string): GraphUser | undefined
  users(): GraphUser[]
  servicePrincipal(sp: string): GraphServicePrincipal | undefined
  servicePrincipals(): GraphServicePrincipal[]
  /** Object ids of a group's transitive members (nested groups flattened, each object once). */
  transitiveMemberIds(group: string): string[]
  /** Enterprise apps, synchronization jobs, secrets and app role assignments (graph-provisioning.ts). */
  provisioning: ProvisioningState
}

// ---------------------------------------------------------------------------------------------------------------
// Directory model

type Kind = 'user' | 'servicePrincipal' | 'group'

/** Change tracking of a user or service principal for users/delta and servicePrincipals/delta. */
interface Tracked {
  createdSeq: number
  /** Seq of the last change of any property. */
  propsSeq: number
  /** Graph property name -> seq of its last change (only properties changed since creation). */
  changed?: Map<string, number>
}

interface UserObj extends GraphUser, Tracked {
  kind: 'user'
  ord: number
}

interface SpObj extends GraphServicePrincipal, Tracked {
  kind: 'servicePrincipal'
  ord: number
  /** Set by PATCH /servicePrincipals/{id}. */
  appRoleAssignmentRequired?: boolean
  notes?: string | null
  description?: string | null
  preferredSingleSignOnMode?: string | null
}

interface GroupObj extends Omit<GraphGroup, 'members'> {
  kind: 'group'
  ord: number
  /** Lower-cased ids of direct members, insertion ordered. */
  members: Set<string>
  createdSeq: number
  propsSeq: number
}

type DirObj = UserObj | SpObj | GroupObj

interface MemberEvent {
  seq: number
  groupKey: string
  memberKey: string
  memberKind: Kind
  op: 'add' | 'remove'
}

const CREATED = '2024-01-01T00:00:00Z'
const TRANSITIVE_CACHE_LIMIT = 4_000_000

/** Graph properties derived from a model field, which change with it (see makeTypes). */
const DERIVED: Record<'user' | 'servicePrincipal', Record<string, string[]>> = {
  user: {
    userPrincipalName: ['mailNickname'],
    mail: ['proxyAddresses'],
    userType: ['creationType', 'externalUserState']
  },
  servicePrincipal: {
    appId: ['servicePrincipalNames'],
    displayName: ['appDisplayName']
  }
}

const key = (id: string): string => id.toLowerCase()
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function pushIndex<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k)
  if (list) list.push(value)
  else map.set(k, [value])
}

function dropIndex<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k)
  if (!list) return
  const rest = list.filter((v) => v !== value)
  if (rest.length) map.set(k, rest)
  else map.delete(k)
}

function nickname(displayName: string): string {
  return displayName.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || 'group'
}

class Directory {
  readonly objects = new Map<string, DirObj>()
  readonly users = new Map<string, UserObj>()
  readonly sps = new Map<string, SpObj>()
  readonly groups = new Map<string, GroupObj>()
  readonly usersByUpn = new Map<string, UserObj>()
  readonly usersByMail = new Map<string, UserObj[]>()
  readonly spsByAppId = new Map<string, SpObj>()
  readonly spsByName = new Map<string, SpObj[]>()
  readonly groupsByName = new Map<string, GroupObj[]>()
  readonly groupsByNickname = new Map<string, GroupObj[]>()
  /** Lower-cased object id -> lower-cased ids of groups it is a direct member of. */
  readonly memberOf = new Map<string, Set<string>>()
  /** Change tracking for groups/delta (and, with the same seq, users/delta and servicePrincipals/delta). */
  seq = 0
  readonly events: MemberEvent[] = []
  readonly tombstones = new Map<string, { group: GroupObj; seq: number }>()
  readonly userTombstones = new Map<string, { obj: UserObj; seq: number }>()
  readonly spTombstones = new Map<string, { obj: SpObj; seq: number }>()
  private ord = 0
  private version = 0
  private cacheVersion = -1
  private cacheEntries = 0
  private readonly transitiveCache = new Map<string, DirObj[]>()

  constructor(readonly tenantId: string) {}

  private touch(): void {
    this.version++
  }

  private claimId(id: string, what: string): string {
    const k = key(id)
    if (this.objects.has(k)) throw new Error(`graph emulator: ${what}: object id ${id} is already in use`)
    return k
  }

  addUser(u: UserFixture): UserObj {
    if (!u.userPrincipalName) throw new Error('graph emulator: a user needs a userPrincipalName')
    if (this.usersByUpn.has(key(u.userPrincipalName))) {
      throw new Error(`graph emulator: user ${u.userPrincipalName} already exists`)
    }
    const id = u.id ?? stableGuid('user', u.userPrincipalName)
    const k = this.claimId(id, `user ${u.userPrincipalName}`)
    const obj: UserObj = {
      kind: 'user',
      ord: this.ord++,
      id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName ?? u.userPrincipalName.split('@')[0] ?? u.userPrincipalName,
      mail: u.mail ?? null,
      accountEnabled: u.accountEnabled ?? true,
      userType: u.userType ?? 'Member',
      createdSeq: ++this.seq,
      propsSeq: this.seq
    }
    this.objects.set(k, obj)
    this.users.set(k, obj)
    this.userTombstones.delete(k)
    this.usersByUpn.set(key(obj.userPrincipalName), obj)
    if (obj.mail) pushIndex(this.usersByMail, key(obj.mail), obj)
    this.touch()
    return obj
  }

  addServicePrincipal(s: GraphServicePrincipalInput): SpObj {
    if (!s.appId || !s.displayName) throw new Error('graph emulator: a service principal needs appId and displayName')
    if (this.spsByAppId.has(key(s.appId)))
      throw new Error(`graph emulator: service principal ${s.appId} already exists`)
    const id = s.id ?? stableGuid('sp', s.appId)
    const k = this.claimId(id, `service principal ${s.displayName}`)
    const obj: SpObj = {
      kind: 'servicePrincipal',
      ord: this.ord++,
      id,
      appId: s.appId,
      displayName: s.displayName,
      accountEnabled: s.accountEnabled ?? true,
      servicePrincipalType: 'Application',
      appRoles: (s.appRoles ?? []).map((r) => ({ ...r, allowedMemberTypes: [...r.allowedMemberTypes] })),
      tags: [...(s.tags ?? [])],
      applicationTemplateId: s.applicationTemplateId ?? null,
      createdSeq: ++this.seq,
      propsSeq: this.seq
    }
    this.objects.set(k, obj)
    this.sps.set(k, obj)
    this.spTombstones.delete(k)
    this.spsByAppId.set(key(obj.appId), obj)
    pushIndex(this.spsByName, key(obj.displayName), obj)
    this.touch()
    return obj
  }

  /** Adds a group without members (members are added by the caller once every group exists). */
  addGroupShell(g: GraphGroupInput): GroupObj {
    if (!g.displayName) throw new Error('graph emulator: a group needs a displayName')
    const id = g.id ?? stableGuid('group', g.displayName)
    const k = this.claimId(id, `group ${g.displayName}`)
    const obj: GroupObj = {
      kind: 'group',
      ord: this.ord++,
      id,
      displayName: g.displayName,
      mailNickname: g.mailNickname ?? nickname(g.displayName),
      securityEnabled: g.securityEnabled ?? true,
      mailEnabled: g.mailEnabled ?? false,
      description: g.description ?? null,
      members: new Set(),
      createdSeq: ++this.seq,
      propsSeq: this.seq
    }
    this.objects.set(k, obj)
    this.groups.set(k, obj)
    pushIndex(this.groupsByName, key(obj.displayName), obj)
    pushIndex(this.groupsByNickname, key(obj.mailNickname), obj)
    this.touch()
    return obj
  }

  /** A member reference: an object id, a UPN, a service principal appId or displayName, or a group displayName. */
  resolveRef(ref: string): DirObj {
    const k = key(ref)
    const found =
      this.objects.get(k) ??
      this.usersByUpn.get(k) ??
      this.spsByAppId.get(k) ??
      this.unique(this.spsByName.get(k), ref) ??
      this.unique(this.groupsByName.get(k), ref)
    if (!found) {
      throw new Error(
        `graph emulator: no user (UPN), service principal (appId/displayName), group (displayName) or object id '${ref}'`
      )
    }
    return found
  }

  private unique<T extends DirObj>(list: T[] | undefined, ref: string): T | undefined {
    if (!list || list.length === 0) return undefined
    if (list.length === 1) return list[0]
    // Names compare case-insensitively; an exact-case match settles a tie.
    const exact = list.filter((o) => o.displayName === ref)
    if (exact.length === 1) return exact[0]
    throw new Error(`graph emulator: '${ref}' is ambiguous (${list.length} objects have that name)`)
  }

  findGroup(ref: string): GroupObj | undefined {
    return this.groups.get(key(ref)) ?? this.unique(this.groupsByName.get(key(ref)), ref)
  }

  group(ref: string): GroupObj {
    const g = this.findGroup(ref)
    if (!g) throw new Error(`graph emulator: no group '${ref}'`)
    return g
  }

  findUser(ref: string): UserObj | undefined {
    return this.users.get(key(ref)) ?? this.usersByUpn.get(key(ref))
  }

  user(ref: string): UserObj {
    const u = this.findUser(ref)
    if (!u) throw new Error(`graph emulator: no user '${ref}'`)
    return u
  }

  findSp(ref: string): SpObj | undefined {
    return this.sps.get(key(ref)) ?? this.spsByAppId.get(key(ref)) ?? this.unique(this.spsByName.get(key(ref)), ref)
  }

  sp(ref: string): SpObj {
    const s = this.findSp(ref)
    if (!s) throw new Error(`graph emulator: no service principal '${ref}'`)
    return s
  }

  addMember(g: GroupObj, m: DirObj): boolean {
    if (m === g) throw new Error(`graph emulator: group ${g.displayName} cannot be a member of itself`)
    const mk = key(m.id)
    if (g.members.has(mk)) return false
    g.members.add(mk)
    const parents = this.memberOf.get(mk)
    if (parents) parents.add(key(g.id))
    else this.memberOf.set(mk, new Set([key(g.id)]))
    this.events.push({ seq: ++this.seq, groupKey: key(g.id), memberKey: mk, memberKind: m.kind, op: 'add' })
    this.touch()
    return true
  }

  removeMember(g: GroupObj, m: DirObj): boolean {
    const mk = key(m.id)
    if (!g.members.delete(mk)) return false
    this.memberOf.get(mk)?.delete(key(g.id))
    this.events.push({ seq: ++this.seq, groupKey: key(g.id), memberKey: mk, memberKind: m.kind, op: 'remove' })
    this.touch()
    return true
  }

  renameGroup(g: GroupObj, displayName: string): void {
    dropIndex(this.groupsByName, key(g.displayName), g)
    g.displayName = displayName
    pushIndex(this.groupsByName, key(displayName), g)
    g.propsSeq = ++this.seq
    this.touch()
  }

  /** Removes an object from every group it belongs to (and, for a group, drops its own member links). */
  deleteObject(o: DirObj): void {
    const k = key(o.id)
    for (const parentKey of [...(this.memberOf.get(k) ?? [])]) {
      const parent = this.groups.get(parentKey)
      if (parent) this.removeMember(parent, o)
    }
    this.memberOf.delete(k)
    this.objects.delete(k)
    if (o.kind === 'user') {
      this.userTombstones.set(k, { obj: o, seq: ++this.seq })
      this.users.delete(k)
      this.usersByUpn.delete(key(o.userPrincipalName))
      if (o.mail) dropIndex(this.usersByMail, key(o.mail), o)
    } else if (o.kind === 'servicePrincipal') {
      this.spTombstones.set(k, { obj: o, seq: ++this.seq })
      this.sps.delete(k)
      this.spsByAppId.delete(key(o.appId))
      dropIndex(this.spsByName, key(o.displayName), o)
    } else {
      for (const mk of o.members) this.memberOf.get(mk)?.delete(k)
      this.groups.delete(k)
      dropIndex(this.groupsByName, key(o.displayName), o)
      dropIndex(this.groupsByNickname, key(o.mailNickname), o)
      this.tombstones.set(k, { group: o, seq: ++this.seq })
    }
    this.touch()
  }

  setUser(u: UserObj, patch: GraphUserPatch): void {
    if (patch.userPrincipalName !== undefined && key(patch.userPrincipalName) !== key(u.userPrincipalName)) {
      if (this.usersByUpn.has(key(patch.userPrincipalName))) {
        throw new Error(`graph emulator: user ${patch.userPrincipalName} already exists`)
      }
      this.usersByUpn.delete(key(u.userPrincipalName))
      this.usersByUpn.set(key(patch.userPrincipalName), u)
    }
    if (u.mail) dropIndex(this.usersByMail, key(u.mail), u)
    const changed = this.changedFields(u, patch)
    Object.assign(u, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)))
    if (u.mail) pushIndex(this.usersByMail, key(u.mail), u)
    this.recordChange(u, changed)
    this.touch()
  }

  setSp(s: SpObj, patch: GraphServicePrincipalPatch): void {
    if (patch.appId !== undefined && key(patch.appId) !== key(s.appId)) {
      if (this.spsByAppId.has(key(patch.appId)))
        throw new Error(`graph emulator: service principal ${patch.appId} exists`)
      this.spsByAppId.delete(key(s.appId))
      this.spsByAppId.set(key(patch.appId), s)
    }
    dropIndex(this.spsByName, key(s.displayName), s)
    const changed = this.changedFields(s, patch)
    Object.assign(s, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)))
    pushIndex(this.spsByName, key(s.displayName), s)
    this.recordChange(s, changed)
    this.touch()
  }

  /** Fields of a patch whose value differs from the object's. */
  private changedFields(o: UserObj | SpObj, patch: object): string[] {
    const current = o as unknown as Record<string, unknown>
    return Object.entries(patch)
      .filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k]))
      .map(([k]) => k)
  }

  /** Records, under one new seq, that these fields (and the Graph properties derived from them) changed. */
  private recordChange(o: UserObj | SpObj, fields: string[]): void {
    if (fields.length === 0) return
    const seq = ++this.seq
    o.propsSeq = seq
    const changed = (o.changed ??= new Map())
    for (const f of fields) for (const name of [f, ...(DERIVED[o.kind][f] ?? [])]) changed.set(name, seq)
  }

  directMembers(g: GroupObj): DirObj[] {
    const out: DirObj[] = []
    for (const mk of g.members) {
      const o = this.objects.get(mk)
      if (o) out.push(o)
    }
    return out
  }

  /** Members through nested groups, breadth first, each object once (nested groups included), cycle safe. */
  transitiveMembers(g: GroupObj): DirObj[] {
    if (this.cacheVersion !== this.version) {
      this.transitiveCache.clear()
      this.cacheEntries = 0
      this.cacheVersion = this.version
    }
    const gk = key(g.id)
    const hit = this.transitiveCache.get(gk)
    if (hit) return hit
    const seen = new Set<string>([gk])
    const out: DirObj[] = []
    const queue: GroupObj[] = [g]
    for (let i = 0; i < queue.length; i++) {
      for (const mk of (queue[i] as GroupObj).members) {
        if (seen.has(mk)) continue
        seen.add(mk)
        const o = this.objects.get(mk)
        if (!o) continue
        out.push(o)
        if (o.kind === 'group') queue.push(o)
      }
    }
    if (this.cacheEntries + out.length > TRANSITIVE_CACHE_LIMIT) {
      this.transitiveCache.clear()
      this.cacheEntries = 0
    }
    this.transitiveCache.set(gk, out)
    this.cacheEntries += out.length
    return out
  }

  /** Groups an object is a member of: direct only, or through nesting. */
  parents(o: DirObj, transitive: boolean): GroupObj[] {
    const seen = new Set<string>()
    const out: GroupObj[] = []
    const queue = [key(o.id)]
    for (let i = 0; i < queue.length; i++) {
      for (const pk of this.memberOf.get(queue[i] as string) ?? []) {
        if (seen.has(pk)) continue
        seen.add(pk)
        const p = this.groups.get(pk)
        if (!p) continue
        out.push(p)
        if (transitive) queue.push(pk)
      }
    }
    return out.sort((a, b) => a.ord - b.ord)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Entity types: properties, defaults, filter schemas

interface PropDef<T> extends PropertyDef {
  get(o: T): unknown
}

interface EntityType<T extends DirObj> {
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

function makeTypes(tenantId: string) {
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
  // directoryObject collections (members, memberOf): any property of a derived type may be selected or filtered.
  const union = new Map<string, PropertyDef>()
  for (const t of [user, servicePrincipal, group] as Array<EntityType<DirObj>>) {
    for (const [k, p] of t.props) if (!union.has(k)) union.set(k, { name: p.name, type: p.type })
  }
  const byKind = { user, servicePrincipal, group } as unknown as Record<Kind, EntityType<DirObj>>
  const directoryObject: FilterSchema<DirObj> = {
    typeName: 'microsoft.graph.directoryObject',
    props: union,
    get: (o, name) => byKind[o.kind].props.get(name.toLowerCase())?.get(o)
  }
  return { user, servicePrincipal, group, byKind, directoryObject }
}

type Types = ReturnType<typeof makeTypes>

// ---------------------------------------------------------------------------------------------------------------
// HTTP helpers

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'
const PAGE_DEFAULT = 100
const PAGE_MAX = 999
const BATCH_MAX = 20
const DELTA_GROUPS_PER_PAGE = 100
const DELTA_MEMBERS_PER_PAGE = 1000
/** users/delta and servicePrincipals/delta: objects per page (Prefer: odata.maxpagesize=N, 1..999, overrides). */
const DELTA_OBJECTS_PER_PAGE = 200
const SKIP_PREFIX = 'RFNwdAIA'

interface Ctx {
  req: EmulatorRequest
  origin: string
  requestId: string
  clientRequestId: string
  /** Lower-cased query option names without the leading $ -> value. */
  query: Map<string, string>
  /** ConsistencyLevel: eventual (advanced query capabilities). */
  advanced: boolean
  roles: Set<string>
  /** Caller's appId (token appid claim). */
  appId: string | undefined
}

class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

function header(req: EmulatorRequest, name: string): string | undefined {
  const lower = name.toLowerCase()
  let v = req.headers[lower]
  // Node lower-cases header names; hand-built requests may not.
  if (v === undefined) v = Object.entries(req.headers).find(([k]) => k.toLowerCase() === lower)?.[1]
  return Array.isArray(v) ? v[0] : v
}

function baseHeaders(ctx: Pick<Ctx, 'requestId' | 'clientRequestId'>): Record<string, string> {
  return {
    'content-type': JSON_TYPE,
    'request-id': ctx.requestId,
    'client-request-id': ctx.clientRequestId,
    'odata-version': '4.0',
    'cache-control': 'no-cache'
  }
}

function errorResponse(
  ctx: Pick<Ctx, 'requestId' | 'clientRequestId'>,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {}
): EmulatorResponse {
  return {
    status,
    headers: { ...baseHeaders(ctx), ...extra },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': ctx.requestId,
          'client-request-id': ctx.clientRequestId
        }
      }
    }
  }
}

const notFound = (id: string): GraphHttpError =>
  new GraphHttpError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`
  )

const badSegment = (segment: string): GraphHttpError =>
  new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`)

function encodeToken(value: unknown): string {
  return SKIP_PREFIX + Buffer.from(JSON.stringify(value)).toString('base64url')
}

function decodeToken(token: string, name: string): Record<string, unknown> {
  try {
    if (!token.startsWith(SKIP_PREFIX)) throw new Error('prefix')
    const v = JSON.parse(Buffer.from(token.slice(SKIP_PREFIX.length), 'base64url').toString('utf8')) as unknown
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('shape')
    return v as Record<string, unknown>
  } catch {
    throw new GraphHttpError(400, 'Request_BadRequest', `Invalid ${name} value: '${token}'.`)
  }
}

/** Builds a link back to this service keeping `$`-prefixed names readable, as Graph's links do. */
function link(ctx: Ctx, path: string, params: Array<[string, string]>): string {
  const qs = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
  return `${ctx.origin}/v1.0/${path}${qs ? `?${qs}` : ''}`
}

function parseQuery(url: URL): Map<string, string> {
  const q = new Map<string, string>()
  for (const [k, v] of url.searchParams) q.set(k.replace(/^\$/, '').toLowerCase(), v)
  return q
}

function parseTop(ctx: Ctx): number {
  const raw = ctx.query.get('top')
  if (raw === undefined) return PAGE_DEFAULT
  if (!/^\d+$/.test(raw.trim())) {
    throw new GraphHttpError(400, 'BadRequest', `Invalid value '${raw}' for query option '$top'.`)
  }
  const n = Number(raw)
  if (n < 1 || n > PAGE_MAX) {
    throw new GraphHttpError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${raw}'. Must be between 1 and ${PAGE_MAX} inclusive.`
    )
  }
  return n
}

function parseSelect(ctx: Ctx, allowed: ReadonlyMap<string, PropertyDef>, typeName: string): string[] | undefined {
  const raw = ctx.query.get('select')
  if (raw === undefined || raw.trim() === '') return undefined
  const out: string[] = []
  for (const part of raw.split(',')) {
    const name = part.trim()
    if (!name) continue
    if (name === '*') {
      for (const p of allowed.values()) if (!out.includes(p.name)) out.push(p.name)
      continue
    }
    const def = allowed.get(name.toLowerCase())
    if (!def)
      throw new GraphHttpError(400, 'BadRequest', `Could not find a property named '${name}' on type '${typeName}'.`)
    if (!out.includes(def.name)) out.push(def.name)
  }
  return out
}

function contextUrl(ctx: Ctx, set: string, select: string[] | undefined, entity = false): string {
  return `${ctx.origin}/v1.0/$metadata#${set}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`
}

// ---------------------------------------------------------------------------------------------------------------
// The handler

export function createGraph(
  fixture: TenantFixture,
  tokens: TokenService,
  options: GraphOptions = {}
): { handler: Handler; state: GraphState } {
  const dir = new Directory(fixture.tenantId)
  const types: Types = makeTypes(fixture.tenantId)

  for (const u of fixture.users) dir.addUser(u)
  for (const s of fixture.servicePrincipals) dir.addServicePrincipal(s)
  const shells = fixture.groups.map((g) => [dir.addGroupShell(g), g.members ?? []] as const)
  for (const [g, members] of shells) for (const ref of members) dir.addMember(g, dir.resolveRef(ref))

  // ---- serialisation

  function serialize(o: DirObj, select: string[] | undefined, withType: boolean): Record<string, unknown> {
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

  // ---- collections

  interface ListSpec<T extends DirObj> {
    /** All objects of the collection in their stable order (or a function producing them). */
    items: () => Iterable<T>
    schema: FilterSchema<T>
    /** Properties allowed in $select. */
    selectable: ReadonlyMap<string, PropertyDef>
    typeName: string
    /** Context URL entity set, e.g. users or directoryObjects. */
    set: string
    /** Path of this collection below /v1.0/, for @odata.nextLink. */
    path: string
    withType: boolean
    /** Directory relationship collections need ConsistencyLevel: eventual for $filter, $search, $orderby. */
    relationship: boolean
    /** Exact-match lookup for indexed properties (undefined: not indexed). */
    lookup?: (prop: string, value: string) => T[] | undefined
    orderable?: string[]
  }

  function requireAdvanced(ctx: Ctx, what: string): void {
    if (!ctx.advanced) {
      throw new GraphHttpError(
        400,
        'Request_UnsupportedQuery',
        `${what} is only supported with advanced query capabilities: send the header 'ConsistencyLevel: eventual'. Refer to https://aka.ms/graph-docs/advanced-queries for more information`
      )
    }
  }

  function selectFilter<T extends DirObj>(ctx: Ctx, spec: ListSpec<T>): T[] {
    const filterText = ctx.query.get('filter')
    let node: FilterNode | undefined
    let predicate: ((o: T) => boolean) | undefined
    if (filterText !== undefined && filterText.trim() !== '') {
      if (spec.relationship) requireAdvanced(ctx, '$filter on a relationship')
      node = parseFilter(filterText)
      predicate = compileFilter(node, spec.schema, { advanced: ctx.advanced })
    }
    let items: T[]
    const keys = node && spec.lookup ? equalityKeys(node, (p) => spec.lookup?.(p, '') !== undefined) : undefined
    if (keys && spec.lookup) {
      const seen = new Set<T>()
      for (const { prop, value } of keys) for (const o of spec.lookup(prop, value) ?? []) seen.add(o)
      items = [...seen].sort((a, b) => a.ord - b.ord)
    } else {
      items = [...spec.items()]
    }
    if (predicate) items = items.filter(predicate)

    const search = ctx.query.get('search')
    if (search !== undefined && search.trim() !== '') {
      if (!ctx.advanced) {
        throw new GraphHttpError(
          400,
          'Request_UnsupportedQuery',
          "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"
        )
      }
      items = items.filter(searchPredicate(search, spec.schema))
    }

    const orderby = ctx.query.get('orderby')
    if (orderby !== undefined && orderby.trim() !== '') {
      if (spec.relationship) requireAdvanced(ctx, '$orderby on a relationship')
      const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(orderby)
      const prop = m && spec.orderable?.find((p) => p.toLowerCase() === (m[1] ?? '').toLowerCase())
      if (!m || !prop) {
        throw new GraphHttpError(400, 'Request_UnsupportedQuery', `Sorting by '${orderby}' is not supported.`)
      }
      const dirSign = (m[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1
      const val = (o: T): string => String(spec.schema.get(o, prop) ?? '').toLowerCase()
      items = items
        .map((o) => [val(o), o] as const)
        .sort((a, b) => (a[0] < b[0] ? -dirSign : a[0] > b[0] ? dirSign : a[1].ord - b[1].ord))
        .map(([, o]) => o)
    }
    return items
  }

  function searchPredicate<T>(search: string, schema: FilterSchema<T>): (o: T) => boolean {
    const text = search.trim().replace(/^"|"$/g, '')
    const clauses = text.split(/"\s+(AND|OR)\s+"/)
    const terms: Array<{ prop: string; words: string[] }> = []
    const ops: string[] = []
    clauses.forEach((c, i) => {
      if (i % 2 === 1) {
        ops.push(c)
        return
      }
      const m = /^([A-Za-z]+):(.*)$/.exec(c)
      if (!m || !schema.props.has((m[1] as string).toLowerCase())) {
        throw new GraphHttpError(400, 'Request_UnsupportedQuery', `Syntax error in $search: '${search}'.`)
      }
      const words = (m[2] as string)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
      terms.push({ prop: (m[1] as string).toLowerCase(), words })
    })
    const match = (o: T, t: { prop: string; words: string[] }): boolean => {
      const v = schema.get(o, schema.props.get(t.prop)?.name ?? t.prop)
      if (typeof v !== 'string') return false
      const tokens = v.toLowerCase().split(/[^\p{L}\p{N}]+/u)
      return t.words.every((w) => tokens.some((tok) => tok.startsWith(w)))
    }
    return (o) => {
      let result = match(o, terms[0] as { prop: string; words: string[] })
      for (let i = 1; i < terms.length; i++) {
        const r = match(o, terms[i] as { prop: string; words: string[] })
        result = ops[i - 1] === 'AND' ? result && r : result || r
      }
      return result
    }
  }

  function listResponse<T extends DirObj>(ctx: Ctx, spec: ListSpec<T>, units: number): EmulatorResponse {
    if (ctx.query.has('skip'))
      throw new GraphHttpError(400, 'Request_BadRequest', "'$skip' is not supported by the service.")
    if (ctx.query.has('expand')) {
      throw new GraphHttpError(400, 'Request_UnsupportedQuery', '$expand is not supported by the Graph emulator.')
    }
    const select = parseSelect(ctx, spec.selectable, spec.typeName)
    const top = parseTop(ctx)
    const countParam = ctx.query.get('count')
    const wantCount = countParam !== undefined && countParam.toLowerCase() === 'true'
    if (wantCount && !ctx.advanced) {
      throw new GraphHttpError(400, 'Request_BadRequest', '$count is not currently supported.')
    }
    const items = selectFilter(ctx, spec)
    let start = 0
    const skiptoken = ctx.query.get('skiptoken')
    if (skiptoken !== undefined) {
      const t = decodeToken(skiptoken, '$skiptoken')
      const o = typeof t.o === 'number' && t.o >= 0 ? t.o : 0
      start = o
      // Resume after the last object served when the collection shifted under the caller.
      if (typeof t.l === 'string' && key(items[o - 1]?.id ?? '') !== t.l) {
        const idx = items.findIndex((x) => key(x.id) === t.l)
        if (idx >= 0) start = idx + 1
      }
    }
    const page = items.slice(start, start + top)
    const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, spec.set, select) }
    if (wantCount) body['@odata.count'] = items.length
    if (start + top < items.length) {
      const params: Array<[string, string]> = []
      for (const [k, v] of ctx.req.url.searchParams) {
        if (k.replace(/^\$/, '').toLowerCase() !== 'skiptoken') params.push([k, v])
      }
      const last = page[page.length - 1]
      params.push(['$skiptoken', encodeToken({ o: start + top, l: last ? key(last.id) : undefined })])
      body['@odata.nextLink'] = link(ctx, spec.path, params)
    }
    body.value = page.map((o) => serialize(o, select, spec.withType))
    return { status: 200, headers: { ...baseHeaders(ctx), 'x-ms-resource-unit': String(units) }, body }
  }

  function countResponse<T extends DirObj>(ctx: Ctx, spec: ListSpec<T>): EmulatorResponse {
    if (!ctx.advanced) {
      throw new GraphHttpError(
        400,
        'Request_UnsupportedQuery',
        "Raw count (/$count) is not supported because the 'ConsistencyLevel:eventual' header is missing. Refer to https://aka.ms/graph-docs/advanced-queries for more information"
      )
    }
    const n = selectFilter(ctx, spec).length
    return {
      status: 200,
      headers: { ...baseHeaders(ctx), 'content-type': 'text/plain;charset=utf-8' },
      body: String(n)
    }
  }

  function entityResponse(ctx: Ctx, o: DirObj, withType = false): EmulatorResponse {
    const t = types.byKind[o.kind]
    const select = parseSelect(ctx, t.props, t.typeName)
    if (ctx.query.has('expand')) {
      throw new GraphHttpError(400, 'Request_UnsupportedQuery', '$expand is not supported by the Graph emulator.')
    }
    const body = { '@odata.context': contextUrl(ctx, t.entitySet, select, true), ...serialize(o, select, withType) }
    return { status: 200, headers: { ...baseHeaders(ctx), 'x-ms-resource-unit': '1' }, body }
  }

  const userLookup = (prop: string, value: string): UserObj[] | undefined => {
    switch (prop.toLowerCase()) {
      case 'id': {
        const u = dir.users.get(key(value))
        return u ? [u] : []
      }
      case 'userprincipalname': {
        const u = dir.usersByUpn.get(key(value))
        return u ? [u] : []
      }
      case 'mail':
        return dir.usersByMail.get(key(value)) ?? []
      default:
        return undefined
    }
  }
  const spLookup = (prop: string, value: string): SpObj[] | undefined => {
    switch (prop.toLowerCase()) {
      case 'id': {
        const s = dir.sps.get(key(value))
        return s ? [s] : []
      }
      case 'appid': {
        const s = dir.spsByAppId.get(key(value))
        return s ? [s] : []
      }
      case 'displayname':
        return dir.spsByName.get(key(value)) ?? []
      default:
        return undefined
    }
  }
  const groupLookup = (prop: string, value: string): GroupObj[] | undefined => {
    switch (prop.toLowerCase()) {
      case 'id': {
        const g = dir.groups.get(key(value))
        return g ? [g] : []
      }
      case 'displayname':
        return dir.groupsByName.get(key(value)) ?? []
      case 'mailnickname':
        return dir.groupsByNickname.get(key(value)) ?? []
      default:
        return undefined
    }
  }

  const kindByCast: Record<string, Kind> = {
    'microsoft.graph.user': 'user',
    'microsoft.graph.serviceprincipal': 'servicePrincipal',
    'microsoft.graph.group': 'group'
  }

  /** A relationship collection (members, transitiveMembers, memberOf, ...) with an optional type cast and /$count. */
  function relationship(
    ctx: Ctx,
    basePath: string,
    all: () => DirObj[],
    rest: string[],
    units: number
  ): EmulatorResponse {
    let cast: Kind | undefined
    let i = 0
    if (rest[i] !== undefined && rest[i] !== '$count') {
      cast = kindByCast[(rest[i] as string).toLowerCase()]
      if (!cast) throw badSegment(rest[i] as string)
      i++
    }
    const count = rest[i] === '$count'
    if (count) i++
    if (i < rest.length) throw badSegment(rest[i] as string)
    const castType = cast ? types.byKind[cast] : undefined
    const spec: ListSpec<DirObj> = {
      items: () => (cast ? all().filter((o) => o.kind === cast) : all()),
      schema: castType ? castType.filter : types.directoryObject,
      selectable: castType ? castType.props : types.directoryObject.props,
      typeName: castType ? castType.typeName : 'microsoft.graph.directoryObject',
      set: castType ? castType.entitySet : 'directoryObjects',
      path: `${basePath}${cast ? `/${castType?.typeName}` : ''}`,
      withType: true,
      relationship: true,
      orderable: ['displayName']
    }
    return count ? countResponse(ctx, spec) : listResponse(ctx, spec, units)
  }

  function requireRoles(ctx: Ctx, allowed: readonly string[]): void {
    if (!allowed.some((r) => ctx.roles.has(r))) {
      throw new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')
    }
  }

  function requireGet(ctx: Ctx): void {
    if (ctx.req.method.toUpperCase() !== 'GET') {
      throw new GraphHttpError(
        405,
        'Request_BadRequest',
        `The HTTP method '${ctx.req.method.toUpperCase()}' is not supported by the Graph emulator for this resource.`
      )
    }
  }

  /** An object by id in a collection: a malformed id is 400, an unknown one 404 (as Graph). */
  function byId<T>(map: Map<string, T>, id: string): T {
    const o = map.get(key(id))
    if (o) return o
    if (!GUID.test(id)) throw new GraphHttpError(400, 'Request_BadRequest', `Invalid object identifier '${id}'.`)
    throw notFound(id)
  }

  const memberOfRoles = [...new Set([...GRAPH_READ_ROLES.groups, ...GRAPH_READ_ROLES.users])]

  // ---- provisioning (graph-provisioning.ts)

  const provisioning = createProvisioning(
    {
      tenantId: fixture.tenantId,
      addServicePrincipal: (sp) => void dir.addServicePrincipal(sp),
      principal: (id) => {
        const o = dir.objects.get(key(id))
        return o && { id: o.id, displayName: o.displayName, kind: o.kind }
      },
      servicePrincipal: (id) => dir.sps.get(key(id)),
      patchServicePrincipal: (id, patch) => dir.setSp(dir.sp(id), patch as GraphServicePrincipalPatch),
      serialize: (sp) => {
        const obj: SpObj = {
          kind: 'servicePrincipal',
          ord: -1,
          createdSeq: 0,
          propsSeq: 0,
          accountEnabled: true,
          servicePrincipalType: 'Application',
          applicationTemplateId: null,
          ...sp
        }
        return serialize(obj, undefined, false)
      }
    },
    {
      ...(options.validateScim ? { validateScim: options.validateScim } : {}),
      ...(options.spAppearDelayMs !== undefined ? { spAppearDelayMs: options.spAppearDelayMs } : {})
    }
  )

  function provisioningRequest(ctx: Ctx): ProvisioningRequest {
    let body = ctx.req.body
    if (body === undefined && ctx.req.rawBody.trim()) {
      try {
        body = JSON.parse(ctx.req.rawBody) as unknown
      } catch {
        throw new GraphHttpError(400, 'BadRequest', 'The request body is not valid JSON.')
      }
    }
    return {
      method: ctx.req.method.toUpperCase(),
      body,
      roles: ctx.roles,
      appId: ctx.appId,
      origin: ctx.origin,
      query: ctx.query
    }
  }

  function provisioningResponse(ctx: Ctx, res: { status: number; body?: unknown }): EmulatorResponse {
    const headers = baseHeaders(ctx)
    if (res.body === undefined) {
      const { 'content-type': _omit, ...rest } = headers
      return { status: res.status, headers: rest }
    }
    return { status: res.status, headers, body: res.body }
  }

  function route(ctx: Ctx, segs: string[]): EmulatorResponse | Promise<EmulatorResponse> {
    const [head = '', second, third, ...rest] = segs
    const headLower = head.toLowerCase()
    const spAlt = /^serviceprincipals\(appid='(.*)'\)$/i.exec(head)

    if (headLower === '$batch' && segs.length === 1) return batch(ctx)

    if (headLower === 'groups') {
      requireGet(ctx)
      requireRoles(ctx, GRAPH_READ_ROLES.groups)
      const spec: ListSpec<GroupObj> = {
        items: () => dir.groups.values(),
        schema: types.group.filter,
        selectable: types.group.props,
        typeName: types.group.typeName,
        set: 'groups',
        path: 'groups',
        withType: false,
        relationship: false,
        lookup: groupLookup,
        orderable: ['displayName']
      }
      if (second === undefined) return listResponse(ctx, spec, 2)
      if (second === '$count' && third === undefined) return countResponse(ctx, spec)
      if (/^delta(\(\))?$/i.test(second) && third === undefined) return delta(ctx)
      const g = byId(dir.groups, second)
      if (third === undefined) return entityResponse(ctx, g)
      const nav = third.toLowerCase()
      const base = `groups/${g.id}/${third}`
      if (nav === 'members') return relationship(ctx, base, () => dir.directMembers(g), rest, 3)
      if (nav === 'transitivemembers') return relationship(ctx, base, () => dir.transitiveMembers(g), rest, 5)
      if (nav === 'memberof' || nav === 'transitivememberof') {
        return relationship(ctx, base, () => dir.parents(g, nav === 'transitivememberof'), rest, 2)
      }
      throw badSegment(third)
    }

    if (headLower === 'users') {
      requireGet(ctx)
      if (second !== undefined && /^delta(\(\))?$/i.test(second) && third === undefined) {
        requireRoles(ctx, GRAPH_READ_ROLES.users)
        return objectsDelta(ctx, 'user')
      }
      if (second === undefined || second === '$count') {
        requireRoles(ctx, GRAPH_READ_ROLES.users)
        const spec: ListSpec<UserObj> = {
          items: () => dir.users.values(),
          schema: types.user.filter,
          selectable: types.user.props,
          typeName: types.user.typeName,
          set: 'users',
          path: 'users',
          withType: false,
          relationship: false,
          lookup: userLookup,
          orderable: ['displayName', 'userPrincipalName']
        }
        if (second === '$count' && third === undefined) return countResponse(ctx, spec)
        if (second === undefined) return listResponse(ctx, spec, 2)
      }
      const idOrUpn = second as string
      if (third === undefined) {
        requireRoles(ctx, GRAPH_READ_ROLES.users)
        const u = dir.findUser(idOrUpn)
        if (!u) throw notFound(idOrUpn)
        return entityResponse(ctx, u)
      }
      const nav = third.toLowerCase()
      if (nav === 'memberof' || nav === 'transitivememberof') {
        requireRoles(ctx, memberOfRoles)
        const u = dir.findUser(idOrUpn)
        if (!u) throw notFound(idOrUpn)
        return relationship(ctx, `users/${u.id}/${third}`, () => dir.parents(u, nav === 'transitivememberof'), rest, 2)
      }
      throw badSegment(third)
    }

    if (headLower === 'applicationtemplates' && second !== undefined && third?.toLowerCase() === 'instantiate') {
      if (rest.length) throw badSegment(rest[0] as string)
      return provisioningResponse(ctx, provisioning.instantiate(provisioningRequest(ctx), second))
    }

    if (headLower === 'serviceprincipals' && second !== undefined && /^delta(\(\))?$/i.test(second)) {
      if (third !== undefined) throw badSegment(third)
      requireGet(ctx)
      requireRoles(ctx, GRAPH_READ_ROLES.servicePrincipals)
      return objectsDelta(ctx, 'servicePrincipal')
    }

    if (headLower === 'serviceprincipals' || spAlt) {
      // Writes and the provisioning navigations (appRoleAssignedTo, synchronization): graph-provisioning.ts.
      const spTail = (spAlt ? [second, third, ...rest] : [third, ...rest]).filter((s): s is string => s !== undefined)
      const spNav = spTail[0]?.toLowerCase()
      const isEntity = spAlt !== null || (second !== undefined && second !== '$count')
      if (
        isEntity &&
        (spNav === 'approleassignedto' ||
          spNav === 'synchronization' ||
          (spNav === undefined && ctx.req.method.toUpperCase() !== 'GET'))
      ) {
        const resolve = (): SpObj => {
          if (spAlt) {
            const found = dir.spsByAppId.get(key(spAlt[1] as string))
            if (!found) throw notFound(spAlt[1] as string)
            return found
          }
          return byId(dir.sps, second as string)
        }
        return provisioning
          .route(provisioningRequest(ctx), spTail, resolve)
          .then((res) => provisioningResponse(ctx, res))
      }
      requireGet(ctx)
      requireRoles(ctx, GRAPH_READ_ROLES.servicePrincipals)
      let sp: SpObj | undefined
      let tail: Array<string | undefined>
      if (spAlt) {
        sp = dir.spsByAppId.get(key(spAlt[1] as string))
        if (!sp) throw notFound(spAlt[1] as string)
        tail = [second, third, ...rest]
      } else {
        const spec: ListSpec<SpObj> = {
          items: () => dir.sps.values(),
          schema: types.servicePrincipal.filter,
          selectable: types.servicePrincipal.props,
          typeName: types.servicePrincipal.typeName,
          set: 'servicePrincipals',
          path: 'servicePrincipals',
          withType: false,
          relationship: false,
          lookup: spLookup,
          orderable: ['displayName']
        }
        if (second === undefined) return listResponse(ctx, spec, 2)
        if (second === '$count' && third === undefined) return countResponse(ctx, spec)
        sp = byId(dir.sps, second)
        tail = [third, ...rest]
      }
      const [nav, ...more] = tail.filter((s): s is string => s !== undefined)
      if (nav === undefined) return entityResponse(ctx, sp)
      if (nav.toLowerCase() === 'memberof' || nav.toLowerCase() === 'transitivememberof') {
        const s = sp
        return relationship(
          ctx,
          `servicePrincipals/${s.id}/${nav}`,
          () => dir.parents(s, nav.toLowerCase() === 'transitivememberof'),
          more,
          2
        )
      }
      throw badSegment(nav)
    }

    if (headLower === 'directoryobjects' && second !== undefined && third === undefined) {
      requireGet(ctx)
      const o = dir.objects.get(key(second))
      if (!o) throw notFound(second)
      requireRoles(ctx, o.kind === 'servicePrincipal' ? GRAPH_READ_ROLES.servicePrincipals : memberOfRoles)
      return entityResponse(ctx, o, true)
    }

    throw badSegment(head)
  }

  // ---- groups/delta

  interface DeltaState {
    /** null: initial (full) round. */
    since: number | null
    snap: number
    sel: string[] | null
    f: string | null
  }

  function delta(ctx: Ctx): EmulatorResponse {
    const selectable = new Map<string, PropertyDef>(types.group.props)
    selectable.set('members', { name: 'members', type: 'collection' })
    let state: DeltaState
    let gi = 0
    let mi = 0
    const skip = ctx.query.get('skiptoken')
    const deltaToken = ctx.query.get('deltatoken')
    if (skip !== undefined) {
      const t = decodeToken(skip, '$skiptoken')
      if (t.k !== 'delta' || typeof t.snap !== 'number') {
        throw new GraphHttpError(400, 'Request_BadRequest', `Invalid $skiptoken value: '${skip}'.`)
      }
      state = t as unknown as DeltaState
      gi = typeof t.gi === 'number' ? t.gi : 0
      mi = typeof t.mi === 'number' ? t.mi : 0
    } else if (deltaToken !== undefined) {
      if (deltaToken === 'latest') {
        const t: DeltaState = { since: dir.seq, snap: dir.seq, sel: null, f: null }
        return deltaPage(ctx, t, [], true, 0, 0)
      }
      const t = decodeToken(deltaToken, '$deltatoken')
      if (t.k !== 'deltaLink' || typeof t.since !== 'number') {
        throw new GraphHttpError(400, 'Request_BadRequest', `Invalid $deltatoken value: '${deltaToken}'.`)
      }
      state = { since: t.since, snap: dir.seq, sel: (t.sel as string[] | null) ?? null, f: (t.f as string) ?? null }
    } else {
      const sel = parseSelect(ctx, selectable, types.group.typeName)
      const f = ctx.query.get('filter')
      state = { since: null, snap: dir.seq, sel: sel ?? null, f: f && f.trim() ? f : null }
    }
    const entries = deltaEntries(state)
    return deltaPage(ctx, state, entries, false, gi, mi)
  }

  interface DeltaEntry {
    group: GroupObj
    removed: boolean
    full: boolean
    props: boolean
    /** Member changes (non-full entries). */
    changes?: Array<{ memberKey: string; kind: Kind; removed: boolean }>
  }

  function deltaEntries(state: DeltaState): DeltaEntry[] {
    const predicate = state.f
      ? compileFilter(parseFilter(state.f), types.group.filter, { advanced: true })
      : (): boolean => true
    const entries: DeltaEntry[] = []
    if (state.since === null) {
      for (const g of dir.groups.values()) {
        if (g.createdSeq <= state.snap && predicate(g))
          entries.push({ group: g, removed: false, full: true, props: true })
      }
      return entries
    }
    const since = state.since
    const byGroup = new Map<string, DeltaEntry>()
    const entryFor = (g: GroupObj): DeltaEntry => {
      let e = byGroup.get(key(g.id))
      if (!e) {
        e = { group: g, removed: false, full: false, props: false, changes: [] }
        byGroup.set(key(g.id), e)
      }
      return e
    }
    for (const g of dir.groups.values()) {
      if (g.createdSeq > state.snap) continue
      if (g.createdSeq > since) entryFor(g).full = true
      else if (g.propsSeq > since) entryFor(g).props = true
    }
    // Net member changes per (group, member) within (since, snap].
    let lo = 0
    let hi = dir.events.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((dir.events[mid] as MemberEvent).seq <= since) lo = mid + 1
      else hi = mid
    }
    const net = new Map<string, Map<string, MemberEvent>>()
    for (let i = lo; i < dir.events.length; i++) {
      const ev = dir.events[i] as MemberEvent
      if (ev.seq > state.snap) break
      let m = net.get(ev.groupKey)
      if (!m) net.set(ev.groupKey, (m = new Map()))
      m.set(ev.memberKey, ev)
    }
    for (const [gk, changes] of net) {
      const g = dir.groups.get(gk)
      if (!g || g.createdSeq > since) continue
      const e = entryFor(g)
      for (const ev of changes.values()) {
        e.changes?.push({ memberKey: ev.memberKey, kind: ev.memberKind, removed: ev.op === 'remove' })
      }
    }
    for (const [gk, t] of dir.tombstones) {
      if (t.seq > since && t.seq <= state.snap && t.group.createdSeq <= since && !dir.groups.has(gk)) {
        byGroup.set(gk, { group: t.group, removed: true, full: false, props: false })
      }
    }
    for (const e of byGroup.values()) if (predicate(e.group)) entries.push(e)
    return entries.sort((a, b) => a.group.ord - b.group.ord)
  }

  function deltaPage(
    ctx: Ctx,
    state: DeltaState,
    entries: DeltaEntry[],
    done: boolean,
    gi: number,
    mi: number
  ): EmulatorResponse {
    const sel = state.sel ?? undefined
    const withMembers = !sel || sel.includes('members')
    const propSelect = sel ? sel.filter((s) => s !== 'members') : undefined
    const value: Record<string, unknown>[] = []
    let budget = DELTA_MEMBERS_PER_PAGE
    while (!done && gi < entries.length && value.length < DELTA_GROUPS_PER_PAGE) {
      const e = entries[gi] as DeltaEntry
      if (e.removed) {
        value.push({ id: e.group.id, '@removed': { reason: 'changed' } })
        gi++
        mi = 0
        continue
      }
      const obj: Record<string, unknown> =
        mi > 0
          ? { id: e.group.id }
          : e.full || e.props
            ? serialize(e.group, propSelect && propSelect.length ? propSelect : propSelect ? [] : undefined, false)
            : { id: e.group.id }
      if (!withMembers || (!e.full && !e.changes?.length)) {
        value.push(obj)
        gi++
        mi = 0
        continue
      }
      const members = e.full
        ? [...e.group.members].map((mk) => ({ memberKey: mk, kind: dir.objects.get(mk)?.kind, removed: false }))
        : (e.changes ?? [])
      if (budget === 0) break
      const slice = members.slice(mi, mi + budget)
      obj['members@delta'] = slice.map((m) => {
        const o = dir.objects.get(m.memberKey)
        const kind = m.kind ?? o?.kind ?? 'user'
        const item: Record<string, unknown> = {
          '@odata.type': `#microsoft.graph.${kind}`,
          id: o?.id ?? m.memberKey
        }
        if (m.removed) item['@removed'] = { reason: 'deleted' }
        return item
      })
      value.push(obj)
      budget -= slice.length
      if (mi + slice.length < members.length) {
        mi += slice.length
        break
      }
      gi++
      mi = 0
    }
    const body: Record<string, unknown> = {
      '@odata.context': contextUrl(ctx, 'groups', sel ?? undefined)
    }
    if (!done && gi < entries.length) {
      body['@odata.nextLink'] = link(ctx, 'groups/delta', [
        ['$skiptoken', encodeToken({ k: 'delta', ...state, gi, mi })]
      ])
    } else {
      body['@odata.deltaLink'] = link(ctx, 'groups/delta', [
        ['$deltatoken', encodeToken({ k: 'deltaLink', since: state.snap, sel: state.sel, f: state.f })]
      ])
    }
    body.value = value
    return { status: 200, headers: { ...baseHeaders(ctx), 'x-ms-resource-unit': '5' }, body }
  }

  // ---- users/delta and servicePrincipals/delta
  //
  // Tokens hold the round's start (`since`, null in the initial round), the seq when the round started (`snap`,
  // the next deltaLink's `since`), the $select and, in a $skiptoken, the ord of the last object served (`c`). Pages
  // walk the objects in ord order from that cursor, so objects added or deleted while a round is paged neither
  // shift nor repeat entries; a change made during the round may be reported in this round and again in the next
  // (Graph's at-least-once contract), never lost.

  type TrackedKind = 'user' | 'servicePrincipal'

  interface ObjectsDeltaState {
    since: number | null
    snap: number
    sel: string[] | null
  }

  const objectsDeltaKinds = {
    user: { set: 'users', path: 'users/delta', skipKind: 'usersDelta', linkKind: 'usersDeltaLink' },
    servicePrincipal: {
      set: 'servicePrincipals',
      path: 'servicePrincipals/delta',
      skipKind: 'servicePrincipalsDelta',
      linkKind: 'servicePrincipalsDeltaLink'
    }
  } as const

  /** Query options Graph rejects on users/delta and servicePrincipals/delta. */
  const OBJECTS_DELTA_UNSUPPORTED = ['filter', 'orderby', 'top', 'skip', 'search', 'count', 'expand']

  /** `Prefer: odata.maxpagesize=N` (1..999) and `return=minimal`, as applied. */
  function deltaPreferences(ctx: Ctx): { pageSize: number | undefined; minimal: boolean } {
    let pageSize: number | undefined
    let minimal = false
    for (const part of (header(ctx.req, 'prefer') ?? '').split(',')) {
      const [name = '', value = ''] = part.split('=').map((x) => x.trim().replace(/^"|"$/g, ''))
      if (name.toLowerCase() === 'odata.maxpagesize' && /^\d+$/.test(value)) {
        const n = Number(value)
        if (n >= 1 && n <= PAGE_MAX) pageSize = n
      } else if (name.toLowerCase() === 'return' && value.toLowerCase() === 'minimal') {
        minimal = true
      }
    }
    return { pageSize, minimal }
  }

  function objectsDelta(ctx: Ctx, kind: TrackedKind): EmulatorResponse {
    const names = objectsDeltaKinds[kind]
    const t = types[kind] as EntityType<UserObj | SpObj>
    for (const option of OBJECTS_DELTA_UNSUPPORTED) {
      if (ctx.query.has(option)) {
        throw new GraphHttpError(
          400,
          'Request_UnsupportedQuery',
          `The query parameter '$${option}' is not supported with change tracking over the '${names.set}' resource.`
        )
      }
    }
    const prefs = deltaPreferences(ctx)
    const skip = ctx.query.get('skiptoken')
    const deltaToken = ctx.query.get('deltatoken')
    const validSel = (v: unknown): v is string[] | null =>
      v === null || (Array.isArray(v) && v.every((x) => typeof x === 'string' && t.props.has(x.toLowerCase())))
    let state: ObjectsDeltaState
    let cursor = -1
    let pageSize = prefs.pageSize
    if (skip !== undefined) {
      const tok = decodeToken(skip, '$skiptoken')
      if (
        tok.k !== names.skipKind ||
        typeof tok.snap !== 'number' ||
        !(tok.since === null || typeof tok.since === 'number') ||
        !validSel(tok.sel) ||
        typeof tok.c !== 'number'
      ) {
        throw new GraphHttpError(400, 'Request_BadRequest', `Invalid $skiptoken value: '${skip}'.`)
      }
      state = { since: tok.since, snap: tok.snap, sel: tok.sel }
      cursor = tok.c
      // The page size of the round's first request carries on unless this request states its own.
      if (pageSize === undefined && typeof tok.n === 'number') pageSize = tok.n
    } else if (deltaToken !== undefined) {
      if (deltaToken === 'latest') {
        const sel = parseSelect(ctx, t.props, t.typeName)
        return objectsDeltaPage(ctx, kind, { since: dir.seq, snap: dir.seq, sel: sel ?? null }, [], false, prefs)
      }
      const tok = decodeToken(deltaToken, '$deltatoken')
      if (tok.k !== names.linkKind || typeof tok.since !== 'number' || !validSel(tok.sel)) {
        throw new GraphHttpError(400, 'Request_BadRequest', `Invalid $deltatoken value: '${deltaToken}'.`)
      }
      state = { since: tok.since, snap: dir.seq, sel: tok.sel }
    } else {
      const sel = parseSelect(ctx, t.props, t.typeName)
      state = { since: null, snap: dir.seq, sel: sel ?? null }
    }
    const size = pageSize ?? DELTA_OBJECTS_PER_PAGE
    const { entries, more } = objectsDeltaEntries(kind, state, cursor, size)
    return objectsDeltaPage(ctx, kind, state, entries, more, prefs, pageSize)
  }

  interface ObjectsDeltaEntry {
    obj: UserObj | SpObj
    removed: boolean
    /** Selected properties to return (undefined: the default set, for new objects without $select). */
    props: string[] | undefined
  }

  /** The next `size` entries after ord `cursor`, and whether more follow. */
  function objectsDeltaEntries(
    kind: TrackedKind,
    state: ObjectsDeltaState,
    cursor: number,
    size: number
  ): { entries: ObjectsDeltaEntry[]; more: boolean } {
    const t = types[kind] as EntityType<UserObj | SpObj>
    const live: Iterable<UserObj | SpObj> = kind === 'user' ? dir.users.values() : dir.sps.values()
    const tombstones: Iterable<{ obj: UserObj | SpObj; seq: number }> =
      kind === 'user' ? dir.userTombstones.values() : dir.spTombstones.values()
    const since = state.since
    const selected = state.sel ?? t.defaults
    const entries: ObjectsDeltaEntry[] = []
    // Live objects iterate in ord order (Map insertion order; a re-added id is appended with a new ord), so
    // collecting size + 1 of them is enough: any later one sorts after every entry of this page.
    let liveCount = 0
    for (const o of live) {
      if (o.ord <= cursor) continue
      if (since === null || o.createdSeq > since) {
        entries.push({ obj: o, removed: false, props: state.sel ?? undefined })
      } else if (o.propsSeq > since) {
        // Only the selected properties changed since the token; an object whose changes are all unselected stays out.
        const props = selected.filter((name) => name !== 'id' && (o.changed?.get(name) ?? 0) > since)
        if (props.length === 0) continue
        entries.push({ obj: o, removed: false, props })
      } else {
        continue
      }
      if (++liveCount > size) break
    }
    if (since !== null) {
      // Deleted since the token. Also reported for an object created after it: a client that saw it (e.g. added
      // while the previous round was paged) must drop it, and one that did not ignores the unknown id.
      let hasRemoved = false
      for (const { obj, seq } of tombstones) {
        if (seq > since && obj.ord > cursor) {
          entries.push({ obj, removed: true, props: undefined })
          hasRemoved = true
        }
      }
      if (hasRemoved) entries.sort((a, b) => a.obj.ord - b.obj.ord)
    }
    return { entries: entries.slice(0, size), more: entries.length > size }
  }

  function objectsDeltaPage(
    ctx: Ctx,
    kind: TrackedKind,
    state: ObjectsDeltaState,
    entries: ObjectsDeltaEntry[],
    more: boolean,
    prefs: { pageSize: number | undefined; minimal: boolean },
    pageSize?: number
  ): EmulatorResponse {
    const names = objectsDeltaKinds[kind]
    const value = entries.map((e) =>
      e.removed ? { id: e.obj.id, '@removed': { reason: 'changed' } } : serialize(e.obj, e.props, false)
    )
    const body: Record<string, unknown> = {
      '@odata.context': contextUrl(ctx, names.set, state.sel ?? undefined)
    }
    const last = entries[entries.length - 1]
    if (more && last) {
      const tok = { k: names.skipKind, ...state, c: last.obj.ord, ...(pageSize !== undefined ? { n: pageSize } : {}) }
      body['@odata.nextLink'] = link(ctx, names.path, [['$skiptoken', encodeToken(tok)]])
    } else {
      body['@odata.deltaLink'] = link(ctx, names.path, [
        ['$deltatoken', encodeToken({ k: names.linkKind, since: state.snap, sel: state.sel })]
      ])
    }
    body.value = value
    const applied: string[] = []
    if (prefs.pageSize !== undefined) applied.push(`odata.maxpagesize=${prefs.pageSize}`)
    if (prefs.minimal) applied.push('return=minimal')
    return {
      status: 200,
      headers: {
        ...baseHeaders(ctx),
        'x-ms-resource-unit': '5',
        ...(applied.length ? { 'preference-applied': applied.join(', ') } : {})
      },
      body
    }
  }

  // ---- $batch

  async function batch(ctx: Ctx): Promise<EmulatorResponse> {
    if (ctx.req.method.toUpperCase() !== 'POST') {
      throw new GraphHttpError(405, 'Request_BadRequest', 'Use POST for $batch.')
    }
    let payload = ctx.req.body
    if (payload === undefined && ctx.req.rawBody) {
      try {
        payload = JSON.parse(ctx.req.rawBody) as unknown
      } catch {
        payload = undefined
      }
    }
    const requests = (payload as { requests?: unknown } | undefined)?.requests
    if (!Array.isArray(requests)) throw new GraphHttpError(400, 'BadRequest', 'Invalid batch payload format.')
    if (requests.length > BATCH_MAX) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Number of batch request steps exceeds the maximum of ${BATCH_MAX}. (${requests.length} requests were sent.)`
      )
    }
    interface Step {
      id: string
      method: string
      url: string
      headers?: Record<string, string>
      body?: unknown
      dependsOn?: string[]
    }
    const steps: Step[] = []
    const ids = new Set<string>()
    for (const r of requests as unknown[]) {
      const s = r as Partial<Step> | null
      if (
        !s ||
        typeof s !== 'object' ||
        typeof s.id !== 'string' ||
        !s.id ||
        typeof s.method !== 'string' ||
        typeof s.url !== 'string'
      ) {
        throw new GraphHttpError(400, 'BadRequest', 'Invalid batch payload format.')
      }
      if (ids.has(s.id)) throw new GraphHttpError(400, 'BadRequest', `Batch request contains duplicate id '${s.id}'.`)
      ids.add(s.id)
      steps.push(s as Step)
    }
    for (const s of steps) {
      for (const d of s.dependsOn ?? []) {
        if (!ids.has(d)) throw new GraphHttpError(400, 'BadRequest', `Request '${s.id}' depends on unknown id '${d}'.`)
      }
    }
    const statuses = new Map<string, number>()
    const responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> = []
    for (const s of steps) {
      const failedDep = (s.dependsOn ?? []).find((d) => {
        const st = statuses.get(d)
        return st === undefined || st >= 400
      })
      let res: EmulatorResponse
      if (/^\/?\$batch/i.test(s.url)) {
        res = errorResponse(ctx, 400, 'BadRequest', 'Nested $batch requests are not supported.')
      } else if (failedDep !== undefined) {
        res = errorResponse(
          ctx,
          424,
          'FailedDependency',
          `Request failed because request '${failedDep}' it depends on failed.`
        )
      } else {
        const headers: Record<string, string> = {}
        for (const [k, v] of Object.entries(s.headers ?? {})) headers[k.toLowerCase()] = String(v)
        const auth = header(ctx.req, 'authorization')
        if (auth !== undefined) headers.authorization = auth
        const rel = s.url.startsWith('/') ? s.url : `/${s.url}`
        let url: URL
        try {
          url = new URL(`${ctx.origin}/v1.0${rel}`)
        } catch {
          url = new URL(`${ctx.origin}/v1.0/%20`)
        }
        const innerReq: EmulatorRequest = {
          method: s.method.toUpperCase(),
          url,
          headers,
          body: s.body,
          rawBody: s.body === undefined ? '' : JSON.stringify(s.body)
        }
        res = options.innerThrottle?.(innerReq) ?? (await dispatch(innerReq, { roles: ctx.roles, appId: ctx.appId }))
      }
      statuses.set(s.id, res.status)
      const outHeaders: Record<string, string> = {}
      for (const [k, v] of Object.entries(res.headers ?? {})) {
        if (k === 'request-id' || k === 'client-request-id') continue
        outHeaders[k === 'content-type' ? 'Content-Type' : k === 'retry-after' ? 'Retry-After' : k] = v
      }
      responses.push({
        id: s.id,
        status: res.status,
        headers: outHeaders,
        ...(res.body !== undefined ? { body: res.body } : {})
      })
    }
    return { status: 200, headers: baseHeaders(ctx), body: { responses } }
  }

  // ---- entry points

  function authMessage(reason: string): string {
    if (/missing/i.test(reason)) return 'Access token is empty.'
    if (/audience/i.test(reason)) return 'Access token validation failure. Invalid audience.'
    if (/expired/i.test(reason)) return 'Lifetime validation failed, the token is expired.'
    return 'Access token validation failure.'
  }

  /** Handles a request; `auth` is set for requests inside a $batch (already authenticated by the outer request). */
  async function dispatch(
    req: EmulatorRequest,
    auth?: { roles: Set<string>; appId: string | undefined }
  ): Promise<EmulatorResponse> {
    const requestId = randomUUID()
    const clientRequestId = header(req, 'client-request-id') ?? requestId
    const ids = { requestId, clientRequestId }
    try {
      const origin = req.url.origin
      provisioning.tick()
      let roles = auth?.roles
      let appId = auth?.appId
      if (!roles) {
        const authorization = header(req, 'authorization')
        const unauthorized = (message: string): EmulatorResponse =>
          errorResponse(ids, 401, 'InvalidAuthenticationToken', message, {
            'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`
          })
        if (!authorization || !/^bearer\s+\S/i.test(authorization)) return unauthorized('Access token is empty.')
        const audiences = [...GRAPH_AUDIENCES, ...(options.audiences ?? []), origin, `${origin}/`]
        const check = await tokens.verifyBearer(authorization, audiences)
        if (!check.ok) return unauthorized(authMessage(check.reason))
        roles = rolesOf(check.claims)
        appId = check.claims.appid || check.claims.azp || undefined
      }
      const path = req.url.pathname.split('/').filter((s, i) => i > 0 || s !== '')
      while (path.length && path[path.length - 1] === '') path.pop()
      const [version, ...rawSegs] = path
      if (version !== 'v1.0') {
        throw new GraphHttpError(
          400,
          'BadRequest',
          `Invalid version: '${version ?? ''}'. The Graph emulator serves v1.0.`
        )
      }
      let segs: string[]
      try {
        segs = rawSegs.map((s) => decodeURIComponent(s))
      } catch {
        throw new GraphHttpError(400, 'BadRequest', 'The request URL is not valid.')
      }
      if (segs.length === 0 || segs.some((s) => s === '')) throw badSegment(segs.find((s) => s === '') ?? '')
      const consistency = header(req, 'consistencylevel')
      const ctx: Ctx = {
        req,
        origin,
        requestId,
        clientRequestId,
        query: parseQuery(req.url),
        advanced: consistency?.toLowerCase() === 'eventual',
        roles,
        appId
      }
      return await route(ctx, segs)
    } catch (e) {
      if (e instanceof GraphHttpError) return errorResponse(ids, e.status, e.code, e.message, e.headers)
      if (e instanceof ODataQueryError) return errorResponse(ids, e.status, e.code, e.message)
      if (e instanceof ProvisioningError) return errorResponse(ids, e.status, e.code, e.message)
      const message = e instanceof Error ? e.message : String(e)
      return errorResponse(ids, 500, 'UnknownError', `Graph emulator failure: ${message}`)
    }
  }

  function rolesOf(claims: AccessTokenClaims): Set<string> {
    return new Set(claims.roles ?? [])
  }

  // ---- state

  const userView = (u: UserObj): GraphUser => ({
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    mail: u.mail,
    accountEnabled: u.accountEnabled,
    userType: u.userType
  })
  const spView = (s: SpObj): GraphServicePrincipal => ({
    id: s.id,
    appId: s.appId,
    displayName: s.displayName,
    accountEnabled: s.accountEnabled,
    servicePrincipalType: s.servicePrincipalType,
    appRoles: s.appRoles.map((r) => ({ ...r, allowedMemberTypes: [...r.allowedMemberTypes] })),
    tags: [...s.tags],
    applicationTemplateId: s.applicationTemplateId
  })
  const groupView = (g: GroupObj): GraphGroup => ({
    id: g.id,
    displayName: g.displayName,
    mailNickname: g.mailNickname,
    securityEnabled: g.securityEnabled,
    mailEnabled: g.mailEnabled,
    description: g.description,
    members: [...g.members].map((mk) => dir.objects.get(mk)?.id ?? mk)
  })

  const state: GraphState = {
    addUser: (u) => userView(dir.addUser(u)),
    addServicePrincipal: (s) => spView(dir.addServicePrincipal(s)),
    addGroup: (g) => {
      const members = (g.members ?? []).map((ref) => dir.resolveRef(ref))
      const obj = dir.addGroupShell(g)
      for (const m of members) dir.addMember(obj, m)
      return groupView(obj)
    },
    addMember: (group, member) => dir.addMember(dir.group(group), dir.resolveRef(member)),
    removeMember: (group, member) => dir.removeMember(dir.group(group), dir.resolveRef(member)),
    renameGroup: (group, newName) => {
      const g = dir.group(group)
      dir.renameGroup(g, newName)
      return groupView(g)
    },
    deleteGroup: (group) => dir.deleteObject(dir.group(group)),
    deleteUser: (user) => dir.deleteObject(dir.user(user)),
    deleteServicePrincipal: (sp) => dir.deleteObject(dir.sp(sp)),
    setUser: (user, patch) => {
      const u = dir.user(user)
      dir.setUser(u, patch)
      return userView(u)
    },
    setServicePrincipal: (sp, patch) => {
      const s = dir.sp(sp)
      dir.setSp(s, patch)
      return spView(s)
    },
    group: (group) => {
      const g = dir.findGroup(group)
      return g ? groupView(g) : undefined
    },
    groups: () => [...dir.groups.values()].map(groupView),
    user: (user) => {
      const u = dir.findUser(user)
      return u ? userView(u) : undefined
    },
    users: () => [...dir.users.values()].map(userView),
    servicePrincipal: (sp) => {
      provisioning.tick()
      const s = dir.findSp(sp)
      return s ? spView(s) : undefined
    },
    servicePrincipals: () => {
      provisioning.tick()
      return [...dir.sps.values()].map(spView)
    },
    transitiveMemberIds: (group) => dir.transitiveMembers(dir.group(group)).map((o) => o.id),
    provisioning: provisioning.state
  }

  return { handler: (req) => dispatch(req), state }
}
