// ScimStore: the identities plus their writes (create, replace, patch, delete) and lists, for workspace and account.
import { createHash } from 'node:crypto'
import {
  asObject,
  field,
  joinName,
  optionalBool,
  optionalString,
  parseEmails,
  parseEntitlements,
  parseName,
  parseValueList,
  requiredString
} from './body.js'
import { ScimIdentities } from './identities.js'
import { listRecords } from './list.js'
import { ScimError } from './protocol.js'
import type {
  GroupRecord,
  ListQuery,
  ListResult,
  PrincipalRecord,
  ResourceKind,
  ServicePrincipalRecord,
  UserRecord
} from './records.js'
import { patchRecord, replaceRecord } from './update.js'

export class ScimStore extends ScimIdentities {
  private spSeq = 0

  // ----- create

  create(kind: ResourceKind, body: unknown): PrincipalRecord {
    return kind === 'user'
      ? this.createUser(body)
      : kind === 'servicePrincipal'
        ? this.createServicePrincipal(body)
        : this.createGroup(body)
  }

  createUser(body: unknown): UserRecord {
    const o = asObject(body, 'request body')
    const userName = requiredString(o, 'userName')
    if (this.userIndex.has(userName.toLowerCase())) {
      throw new ScimError(409, `User with username ${userName} already exists.`, 'uniqueness')
    }
    const name = parseName(field(o, 'name'))
    const emails = parseEmails(field(o, 'emails')) ?? [{ value: userName, type: 'work', primary: true }]
    const displayName = optionalString(o, 'displayName') ?? (name ? joinName(name) : undefined) ?? userName
    const parents = this.parentGroups(field(o, 'groups'))
    const rec: UserRecord = {
      kind: 'user',
      id: this.nextId(),
      userName,
      displayName,
      emails,
      name,
      active: optionalBool(o, 'active') ?? true,
      externalId: optionalString(o, 'externalId'),
      entitlements: parseEntitlements(field(o, 'entitlements')) ?? [],
      roles: parseValueList(field(o, 'roles'), 'roles') ?? [],
      memberOf: new Set()
    }
    this.users.set(rec.id, rec)
    this.byId.set(rec.id, rec)
    this.userIndex.set(userName.toLowerCase(), rec.id)
    this.afterInsert(rec, parents)
    return rec
  }

  createServicePrincipal(body: unknown): ServicePrincipalRecord {
    const o = asObject(body, 'request body')
    let applicationId = optionalString(o, 'applicationId')
    if (applicationId === '') throw new ScimError(400, 'applicationId must not be empty.', 'invalidValue')
    if (applicationId !== undefined && this.spIndex.has(applicationId.toLowerCase())) {
      throw new ScimError(409, `Service principal with applicationId ${applicationId} already exists.`, 'uniqueness')
    }
    // Databricks-managed service principal: Databricks generates the application id.
    applicationId ??= stableUuid(`${this.options.idSeed}:sp:${++this.spSeq}`)
    const parents = this.parentGroups(field(o, 'groups'))
    const rec: ServicePrincipalRecord = {
      kind: 'servicePrincipal',
      id: this.nextId(),
      applicationId,
      displayName: optionalString(o, 'displayName') ?? applicationId,
      active: optionalBool(o, 'active') ?? true,
      externalId: optionalString(o, 'externalId'),
      entitlements: parseEntitlements(field(o, 'entitlements')) ?? [],
      roles: parseValueList(field(o, 'roles'), 'roles') ?? [],
      memberOf: new Set()
    }
    this.servicePrincipals.set(rec.id, rec)
    this.byId.set(rec.id, rec)
    this.spIndex.set(applicationId.toLowerCase(), rec.id)
    this.afterInsert(rec, parents)
    return rec
  }

  createGroup(body: unknown): GroupRecord {
    const o = asObject(body, 'request body')
    const displayName = requiredString(o, 'displayName')
    if (this.groupIndex.has(displayName.toLowerCase())) {
      throw new ScimError(409, `Group with name ${displayName} already exists.`, 'uniqueness')
    }
    const memberIds = parseValueList(field(o, 'members'), 'members') ?? []
    const members = memberIds.map((id) => {
      const m = this.byId.get(id)
      if (!m) throw new ScimError(404, `Member ${id} not found.`)
      this.assertNotAccountGroup(m)
      return m
    })
    const parents = this.parentGroups(field(o, 'groups'))
    const entitlements = parseEntitlements(field(o, 'entitlements')) ?? []
    const roles = parseValueList(field(o, 'roles'), 'roles') ?? []
    const externalId = optionalString(o, 'externalId')
    const g = this.insertGroup(displayName, undefined, entitlements)
    g.roles = roles
    g.externalId = externalId
    for (const m of members) this.link(g, m)
    for (const p of parents) this.link(p, g)
    return g
  }

  /**
   * Seeds an account group assigned to this workspace (identity federation): shown with meta.resourceType `Group`,
   * refused to workspace SCIM writes. Members are seeded by key (addMemberByKey links them directly).
   */
  createAccountGroup(body: unknown): GroupRecord {
    const g = this.createGroup(body)
    g.accountGroup = true
    return g
  }

  private parentGroups(value: unknown): GroupRecord[] {
    const ids = parseValueList(value, 'groups') ?? []
    return ids.map((id) => {
      const g = this.groupFor(id)
      this.assertMembersEditable(g)
      return g
    })
  }

  private afterInsert(rec: UserRecord | ServicePrincipalRecord, parents: GroupRecord[]): void {
    if (this.usersGroup) this.link(this.usersGroup, rec)
    for (const p of parents) this.link(p, rec)
  }

  // ----- replace (PUT)

  replace(kind: ResourceKind, id: string, body: unknown): PrincipalRecord {
    return replaceRecord(this, kind, id, body)
  }

  // ----- patch

  /** Applies a SCIM PatchOp atomically: every operation is validated before any is applied. */
  patch(kind: ResourceKind, id: string, body: unknown): PrincipalRecord {
    return patchRecord(this, kind, id, body)
  }

  // ----- delete

  delete(kind: ResourceKind, id: string): void {
    const rec = this.get(kind, id)
    this.assertNotAccountGroup(rec)
    if (rec.kind === 'group' && rec.builtin) {
      throw new ScimError(403, `The built-in group ${rec.displayName} cannot be deleted.`)
    }
    for (const gid of rec.memberOf) this.groups.get(gid)?.members.delete(rec.id)
    if (rec.kind === 'group') {
      for (const mid of rec.members) this.byId.get(mid)?.memberOf.delete(rec.id)
      this.groups.delete(rec.id)
      this.groupIndex.delete(rec.displayName.toLowerCase())
    } else if (rec.kind === 'user') {
      this.users.delete(rec.id)
      this.userIndex.delete(rec.userName.toLowerCase())
    } else {
      this.servicePrincipals.delete(rec.id)
      this.spIndex.delete(rec.applicationId.toLowerCase())
    }
    this.byId.delete(rec.id)
  }

  // ----- list

  list(kind: ResourceKind, query: ListQuery = {}): ListResult {
    return listRecords(this, kind, query)
  }
}

function stableUuid(key: string): string {
  const h = createHash('sha1').update(key).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}
