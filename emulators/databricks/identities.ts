// The identities of a SCIM store: ids, key indexes, lookups, two-way memberships and their rules, rendering.
import { createHash } from 'node:crypto'
import type { AttributeSelector } from './attributes.js'
import { ScimError, USERS_GROUP_ENTITLEMENTS } from './protocol.js'
import {
  KIND_NAME,
  type GroupRecord,
  type PrincipalRecord,
  type ResourceKind,
  type ScimGroup,
  type ScimRef,
  type ScimServicePrincipal,
  type ScimStoreOptions,
  type ScimUser,
  type ServicePrincipalRecord,
  type UserRecord
} from './records.js'
import { attributeOf, renderRecord, scimRef } from './render.js'

/** In-memory SCIM identities with Databricks semantics; every lookup by key is O(1). */
export class ScimIdentities {
  readonly users = new Map<string, UserRecord>()
  readonly servicePrincipals = new Map<string, ServicePrincipalRecord>()
  readonly groups = new Map<string, GroupRecord>()
  protected readonly byId = new Map<string, PrincipalRecord>()
  protected readonly userIndex = new Map<string, string>()
  protected readonly spIndex = new Map<string, string>()
  protected readonly groupIndex = new Map<string, string>()
  private seq: number
  readonly adminsGroup: GroupRecord | undefined
  readonly usersGroup: GroupRecord | undefined

  constructor(readonly options: ScimStoreOptions) {
    const h = parseInt(createHash('sha1').update(options.idSeed).digest('hex').slice(0, 8), 16)
    // 16-digit ids below 2^53, different per seed: <1000..7999><12-digit counter>.
    this.seq = (1000 + (h % 7000)) * 1e12 + (h % 997) * 1e9
    if (options.builtinGroups) {
      this.adminsGroup = this.insertGroup('admins', 'admins', [])
      this.usersGroup = this.insertGroup('users', 'users', [...USERS_GROUP_ENTITLEMENTS])
    }
  }

  protected nextId(): string {
    this.seq += 1
    return String(this.seq)
  }

  protected insertGroup(
    displayName: string,
    builtin: 'admins' | 'users' | undefined,
    entitlements: string[]
  ): GroupRecord {
    const g: GroupRecord = {
      kind: 'group',
      id: this.nextId(),
      displayName,
      externalId: undefined,
      entitlements,
      roles: [],
      memberOf: new Set(),
      members: new Set(),
      builtin,
      accountGroup: false
    }
    this.groups.set(g.id, g)
    this.byId.set(g.id, g)
    this.groupIndex.set(displayName.toLowerCase(), g.id)
    return g
  }

  // ----- lookups

  mapOf(kind: ResourceKind): Map<string, PrincipalRecord> {
    return kind === 'user' ? this.users : kind === 'servicePrincipal' ? this.servicePrincipals : this.groups
  }

  find(kind: ResourceKind, id: string): PrincipalRecord | undefined {
    const r = this.byId.get(id)
    return r?.kind === kind ? r : undefined
  }

  findById(id: string): PrincipalRecord | undefined {
    return this.byId.get(id)
  }

  /** The record of that kind, else a 404 ScimError. */
  get(kind: ResourceKind, id: string): PrincipalRecord {
    const r = this.find(kind, id)
    if (!r) throw new ScimError(404, `${KIND_NAME[kind]} ${id} not found.`)
    return r
  }

  userByName(userName: string): UserRecord | undefined {
    const id = this.userIndex.get(userName.toLowerCase())
    return id === undefined ? undefined : this.users.get(id)
  }

  servicePrincipalByAppId(applicationId: string): ServicePrincipalRecord | undefined {
    const id = this.spIndex.get(applicationId.toLowerCase())
    return id === undefined ? undefined : this.servicePrincipals.get(id)
  }

  groupByName(displayName: string): GroupRecord | undefined {
    const id = this.groupIndex.get(displayName.toLowerCase())
    return id === undefined ? undefined : this.groups.get(id)
  }

  /** A principal by its key: userName, then applicationId, then group displayName (case-insensitive). */
  findByKey(key: string): PrincipalRecord | undefined {
    return this.userByName(key) ?? this.servicePrincipalByAppId(key) ?? this.groupByName(key)
  }

  /** The identity key of a principal: userName, applicationId or group displayName. */
  keyOf(rec: PrincipalRecord): string {
    return rec.kind === 'user' ? rec.userName : rec.kind === 'servicePrincipal' ? rec.applicationId : rec.displayName
  }

  // ----- membership

  /** Adds a direct membership (no-op when present); keeps both directions in step. */
  link(group: GroupRecord, member: PrincipalRecord): void {
    group.members.add(member.id)
    member.memberOf.add(group.id)
  }

  unlink(group: GroupRecord, member: PrincipalRecord): void {
    group.members.delete(member.id)
    member.memberOf.delete(group.id)
  }

  /** Whether making `member` a member of `group` would create a cycle. */
  wouldCycle(group: GroupRecord, member: PrincipalRecord): boolean {
    if (member.kind !== 'group') return false
    if (member.id === group.id) return true
    // Walk up from `group`: a cycle exists when `member` is already one of its ancestors.
    const seen = new Set<string>()
    const stack = [...group.memberOf]
    while (stack.length) {
      const id = stack.pop()!
      if (id === member.id) return true
      if (seen.has(id)) continue
      seen.add(id)
      const g = this.groups.get(id)
      if (g) stack.push(...g.memberOf)
    }
    return false
  }

  memberFor(group: GroupRecord, id: string): PrincipalRecord {
    const m = this.byId.get(id)
    if (!m) throw new ScimError(404, `Member ${id} not found.`)
    this.assertNotAccountGroup(m)
    if (this.wouldCycle(group, m)) {
      throw new ScimError(
        400,
        `Adding group ${m.displayName} to group ${group.displayName} would create a cycle.`,
        'invalidValue'
      )
    }
    return m
  }

  groupFor(id: string): GroupRecord {
    const g = this.groups.get(id)
    if (!g) throw new ScimError(404, `Group ${id} not found.`)
    return g
  }

  /**
   * Workspace SCIM "API calls will fail if they involve account groups" (workspace-level SCIM docs): a write to an
   * account group, or one that makes it a member, is a 400 in the SCIM error format. The wording is the emulator's.
   */
  assertNotAccountGroup(rec: PrincipalRecord): void {
    if (rec.kind === 'group' && rec.accountGroup) {
      throw new ScimError(
        400,
        `Group ${rec.displayName} is an account group: it cannot be changed or used through the workspace SCIM API. Use the account SCIM API.`,
        'invalidValue'
      )
    }
  }

  assertMembersEditable(group: GroupRecord): void {
    this.assertNotAccountGroup(group)
    if (group.builtin === 'users') {
      throw new ScimError(
        400,
        'Cannot modify members of the built-in group users: it contains every user.',
        'mutability'
      )
    }
  }

  /** The id a key index holds: userName (users), applicationId (service principals) or displayName (groups). */
  indexedId(kind: ResourceKind, value: string): string | undefined {
    const index = kind === 'user' ? this.userIndex : kind === 'servicePrincipal' ? this.spIndex : this.groupIndex
    return index.get(value.toLowerCase())
  }

  /** Gives a group a new displayName, in its index too. */
  renameGroup(group: GroupRecord, displayName: string): void {
    this.groupIndex.delete(group.displayName.toLowerCase())
    group.displayName = displayName
    this.groupIndex.set(displayName.toLowerCase(), group.id)
  }

  // ----- render

  ref(rec: PrincipalRecord, type?: string): ScimRef {
    return scimRef(rec, type)
  }

  /** The SCIM resource of a record; `include` leaves out attributes (and the work of building them). */
  render(rec: PrincipalRecord, include?: AttributeSelector): Record<string, unknown> {
    return renderRecord(this, rec, include)
  }

  /** The value of a lower-cased attribute path of a record, as the rendered resource would hold it. */
  attribute(rec: PrincipalRecord, path: readonly string[]): unknown {
    return attributeOf(this, rec, path)
  }

  renderUser(rec: UserRecord): ScimUser {
    return this.render(rec) as unknown as ScimUser
  }

  renderServicePrincipal(rec: ServicePrincipalRecord): ScimServicePrincipal {
    return this.render(rec) as unknown as ScimServicePrincipal
  }

  renderGroup(rec: GroupRecord): ScimGroup {
    return this.render(rec) as unknown as ScimGroup
  }
}
