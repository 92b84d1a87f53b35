// The directory store: users, service principals, groups, their indexes and memberships, and delta change tracking.
import type { DeviceFixture, OrgContactFixture, UserFixture } from '../fixture.js'
import { stableGuid } from '../fixture.js'
import { key } from './ids.js'
import type {
  GraphGroup,
  GraphGroupInput,
  GraphServicePrincipal,
  GraphServicePrincipalInput,
  GraphServicePrincipalPatch,
  GraphUser,
  GraphUserPatch
} from './model.js'

export type Kind = 'user' | 'servicePrincipal' | 'group' | 'device' | 'orgContact'

/** Change tracking of a user or service principal for users/delta and servicePrincipals/delta. */
interface Tracked {
  createdSeq: number
  /** Seq of the last change of any property. */
  propsSeq: number
  /** Graph property name -> seq of its last change (only properties changed since creation). */
  changed?: Map<string, number>
}

export interface UserObj extends GraphUser, Tracked {
  kind: 'user'
  ord: number
}

export interface SpObj extends GraphServicePrincipal, Tracked {
  kind: 'servicePrincipal'
  ord: number
  /** Set by PATCH /servicePrincipals/{id}. */
  appRoleAssignmentRequired?: boolean
  notes?: string | null
  description?: string | null
  preferredSingleSignOnMode?: string | null
}

export interface GroupObj extends Omit<GraphGroup, 'members'> {
  kind: 'group'
  ord: number
  /** Lower-cased ids of direct members, insertion ordered. */
  members: Set<string>
  createdSeq: number
  propsSeq: number
}

/** A device: groups may hold devices (https://learn.microsoft.com/en-us/graph/api/group-list-members). */
export interface DeviceObj {
  kind: 'device'
  ord: number
  id: string
  displayName: string
  operatingSystem: string | null
  accountEnabled: boolean
}

/** An organizational contact: groups may hold them too. */
export interface ContactObj {
  kind: 'orgContact'
  ord: number
  id: string
  displayName: string
  mail: string | null
}

export type DirObj = UserObj | SpObj | GroupObj | DeviceObj | ContactObj

export interface MemberEvent {
  seq: number
  groupKey: string
  memberKey: string
  memberKind: Kind
  op: 'add' | 'remove'
}

/** Graph properties derived from a model field, which change with it (see entity-types.ts). */
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

export class Directory {
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
  readonly devices = new Map<string, DeviceObj>()
  readonly contacts = new Map<string, ContactObj>()
  /** Devices by displayName, contacts by displayName and by mail (member references). */
  private readonly othersByName = new Map<string, (DeviceObj | ContactObj)[]>()
  /** Lower-cased object id -> lower-cased ids of groups it is a direct member of. */
  readonly memberOf = new Map<string, Set<string>>()
  /** Change tracking for groups/delta (and, with the same seq, users/delta and servicePrincipals/delta). */
  seq = 0
  readonly events: MemberEvent[] = []
  readonly tombstones = new Map<string, { group: GroupObj; seq: number }>()
  readonly userTombstones = new Map<string, { obj: UserObj; seq: number }>()
  readonly spTombstones = new Map<string, { obj: SpObj; seq: number }>()
  private ord = 0
  private changes = 0

  constructor(readonly tenantId: string) {}

  /** Grows with every change, so caches of derived data (members.ts) know when they are stale. */
  get version(): number {
    return this.changes
  }

  private touch(): void {
    this.changes++
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

  /** A device (a member groups may hold; it has no delta tracking here). */
  addDevice(d: DeviceFixture): DeviceObj {
    if (!d.displayName) throw new Error('graph emulator: a device needs a displayName')
    const id = d.id ?? stableGuid('device', d.displayName)
    const k = this.claimId(id, `device ${d.displayName}`)
    const obj: DeviceObj = {
      kind: 'device',
      ord: this.ord++,
      id,
      displayName: d.displayName,
      operatingSystem: d.operatingSystem ?? null,
      accountEnabled: true
    }
    this.objects.set(k, obj)
    this.devices.set(k, obj)
    pushIndex(this.othersByName, key(obj.displayName), obj)
    this.touch()
    return obj
  }

  /** An organizational contact (a member groups may hold). */
  addOrgContact(c: OrgContactFixture): ContactObj {
    if (!c.displayName) throw new Error('graph emulator: an organizational contact needs a displayName')
    const id = c.id ?? stableGuid('contact', c.mail ?? c.displayName)
    const k = this.claimId(id, `organizational contact ${c.displayName}`)
    const obj: ContactObj = {
      kind: 'orgContact',
      ord: this.ord++,
      id,
      displayName: c.displayName,
      mail: c.mail ?? null
    }
    this.objects.set(k, obj)
    this.contacts.set(k, obj)
    pushIndex(this.othersByName, key(obj.displayName), obj)
    if (obj.mail) pushIndex(this.othersByName, key(obj.mail), obj)
    this.touch()
    return obj
  }

  /**
   * A member reference: an object id, a UPN, a service principal appId or displayName, a group displayName, a
   * device displayName, or an organizational contact's mail or displayName.
   */
  resolveRef(ref: string): DirObj {
    const k = key(ref)
    const found =
      this.objects.get(k) ??
      this.usersByUpn.get(k) ??
      this.spsByAppId.get(k) ??
      this.unique(this.spsByName.get(k), ref) ??
      this.unique(this.groupsByName.get(k), ref) ??
      this.unique(this.othersByName.get(k), ref)
    if (!found) {
      throw new Error(
        `graph emulator: no user (UPN), service principal (appId/displayName), group (displayName), device, organizational contact or object id '${ref}'`
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
    } else if (o.kind === 'device' || o.kind === 'orgContact') {
      ;(o.kind === 'device' ? this.devices : this.contacts).delete(k)
      dropIndex(this.othersByName, key(o.displayName), o)
      if (o.kind === 'orgContact' && o.mail) dropIndex(this.othersByName, key(o.mail), o)
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
}
