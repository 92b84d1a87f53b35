// Azure Databricks workspace SCIM emulator: Users, ServicePrincipals, Groups and Me under
// /api/2.0/preview/scim/v2, with PAT and Entra (workspace-admin) bearer auth.
//
// The store (ScimStore) and the resource routes (routeScim) know nothing about workspaces or auth, so the
// account-level SCIM API (/api/2.0/accounts/{account_id}/scim/v2, groups of resourceType "Group", no built-in
// groups, group lists without members) can reuse them with other options.
import { createHash } from 'node:crypto'
import type {
  WorkspaceFixture,
  WorkspaceGroupFixture,
  WorkspaceServicePrincipalFixture,
  WorkspaceUserFixture
} from './fixture.js'
import {
  compileFilter,
  parseFilter,
  parsePath,
  resolvePath,
  ScimFilterError,
  type FilterNode,
  type PatchPath
} from './scim-filter.js'
import type { EmulatorRequest, EmulatorResponse, Handler, TokenService } from './types.js'

/** Entra application id of Azure Databricks: audience of the Entra tokens the workspace accepts. */
export const DATABRICKS_RESOURCE_ID = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d'
export const WORKSPACE_SCIM_BASE = '/api/2.0/preview/scim/v2'

export const SCIM_SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  servicePrincipal: 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error'
} as const

export const KNOWN_ENTITLEMENTS: readonly string[] = [
  'workspace-access',
  'databricks-sql-access',
  'allow-cluster-create',
  'allow-instance-pool-create',
  'workspace-consume'
]
/** Default entitlements of the built-in `users` group of a new workspace. */
export const USERS_GROUP_ENTITLEMENTS: readonly string[] = ['workspace-access', 'databricks-sql-access']
/** Largest page a list returns (also the default `count`). */
export const MAX_PAGE_SIZE = 10000

// ---------------------------------------------------------------------------------------------------------
// Errors

export type ScimType =
  | 'invalidFilter'
  | 'invalidPath'
  | 'invalidSyntax'
  | 'invalidValue'
  | 'mutability'
  | 'noTarget'
  | 'uniqueness'
  | 'tooMany'

/** An error answered as a SCIM Error message. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType
  ) {
    super(detail)
    this.name = 'ScimError'
  }
}

export interface ScimErrorBody {
  schemas: string[]
  detail: string
  status: string
  scimType?: string
}

export function scimErrorResponse(status: number, detail: string, scimType?: string): EmulatorResponse {
  const body: ScimErrorBody = { schemas: [SCIM_SCHEMAS.error], detail, status: String(status) }
  if (scimType) body.scimType = scimType
  return { status, body }
}

// ---------------------------------------------------------------------------------------------------------
// Records (stored) and resources (rendered)

export type ResourceKind = 'user' | 'servicePrincipal' | 'group'

interface PrincipalBase {
  id: string
  displayName: string
  externalId: string | undefined
  entitlements: string[]
  roles: string[]
  /** Ids of the groups this principal is a direct member of. */
  memberOf: Set<string>
}

export interface ScimEmail {
  value: string
  type: string
  primary: boolean
}

export interface ScimName {
  givenName?: string
  familyName?: string
}

export interface UserRecord extends PrincipalBase {
  kind: 'user'
  userName: string
  emails: ScimEmail[]
  name: ScimName | undefined
  active: boolean
}

export interface ServicePrincipalRecord extends PrincipalBase {
  kind: 'servicePrincipal'
  applicationId: string
  active: boolean
}

export interface GroupRecord extends PrincipalBase {
  kind: 'group'
  /** Ids of direct members (users, service principals, groups). */
  members: Set<string>
  builtin: 'admins' | 'users' | undefined
}

export type PrincipalRecord = UserRecord | ServicePrincipalRecord | GroupRecord

export interface ScimValue {
  value: string
}

export interface ScimRef {
  value: string
  display: string
  $ref: string
  type?: string
}

export interface ScimUser {
  schemas: string[]
  id: string
  userName: string
  displayName?: string
  emails: ScimEmail[]
  name?: ScimName
  active: boolean
  entitlements?: ScimValue[]
  groups?: ScimRef[]
  roles?: ScimValue[]
  externalId?: string
}

export interface ScimServicePrincipal {
  schemas: string[]
  id: string
  applicationId: string
  displayName?: string
  active: boolean
  entitlements?: ScimValue[]
  groups?: ScimRef[]
  roles?: ScimValue[]
  externalId?: string
}

export interface ScimGroup {
  schemas: string[]
  id: string
  displayName: string
  members?: ScimRef[]
  groups?: ScimRef[]
  entitlements?: ScimValue[]
  roles?: ScimValue[]
  externalId?: string
  meta: { resourceType: string }
}

export interface ScimListResponse {
  schemas: string[]
  totalResults: number
  startIndex: number
  itemsPerPage: number
  /** Omitted when the page is empty, as Databricks does. */
  Resources?: Record<string, unknown>[]
}

const RESOURCE_PATH: Record<ResourceKind, string> = {
  user: 'Users',
  servicePrincipal: 'ServicePrincipals',
  group: 'Groups'
}
const KIND_NAME: Record<ResourceKind, string> = {
  user: 'User',
  servicePrincipal: 'Service Principal',
  group: 'Group'
}

/** Decides which top-level attributes (lower-case names) a rendering includes. */
export type AttributeSelector = (lowerName: string) => boolean
const ALL_ATTRIBUTES: AttributeSelector = () => true

/** The selector for SCIM `attributes` / `excludedAttributes` query values (`id` and `schemas` always kept). */
export function attributeSelector(attributes?: string | null, excludedAttributes?: string | null): AttributeSelector {
  const names = (list: string): string[] =>
    list
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => {
        const bare = /^urn:/i.test(s) ? s.slice(s.lastIndexOf(':') + 1) : s
        return bare.split('.')[0]!.toLowerCase()
      })
  const include = attributes ? new Set(names(attributes)) : undefined
  // Only whole attributes can be excluded (`members`); sub-attribute exclusions are ignored.
  const exclude = excludedAttributes
    ? new Set(
        excludedAttributes
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '' && !s.includes('.'))
          .map((s) => (/^urn:/i.test(s) ? s.slice(s.lastIndexOf(':') + 1) : s).toLowerCase())
      )
    : undefined
  if (!include?.size && !exclude?.size) return ALL_ATTRIBUTES
  return (name) => {
    if (name === 'id' || name === 'schemas') return true
    if (include?.size && !include.has(name)) return false
    return !exclude?.has(name)
  }
}

export interface ListQuery {
  filter?: string | undefined
  /** 1-based; values below 1 are read as 1. */
  startIndex?: number | undefined
  /** Page size, capped at MAX_PAGE_SIZE. */
  count?: number | undefined
  sortBy?: string | undefined
  sortOrder?: 'ascending' | 'descending' | undefined
}

export interface ListResult {
  totalResults: number
  startIndex: number
  items: PrincipalRecord[]
}

export interface ScimStoreOptions {
  /** Seeds the deterministic id sequence (e.g. the workspace name), so different stores hand out different ids. */
  idSeed: string
  /** meta.resourceType of groups: WorkspaceGroup (workspace API) or Group (account API). */
  groupResourceType: string
  /** Create the built-in `admins` and `users` groups (workspace API). */
  builtinGroups: boolean
}

type PlannedAction = () => void

// ---------------------------------------------------------------------------------------------------------
// The store

/** In-memory SCIM identities with Databricks semantics; every lookup by key is O(1). */
export class ScimStore {
  readonly users = new Map<string, UserRecord>()
  readonly servicePrincipals = new Map<string, ServicePrincipalRecord>()
  readonly groups = new Map<string, GroupRecord>()
  private readonly byId = new Map<string, PrincipalRecord>()
  private readonly userIndex = new Map<string, string>()
  private readonly spIndex = new Map<string, string>()
  private readonly groupIndex = new Map<string, string>()
  private seq: number
  private spSeq = 0
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

  private nextId(): string {
    this.seq += 1
    return String(this.seq)
  }

  private insertGroup(
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
      builtin
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
  private wouldCycle(group: GroupRecord, member: PrincipalRecord): boolean {
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

  private memberFor(group: GroupRecord, id: string): PrincipalRecord {
    const m = this.byId.get(id)
    if (!m) throw new ScimError(404, `Member ${id} not found.`)
    if (this.wouldCycle(group, m)) {
      throw new ScimError(
        400,
        `Adding group ${m.displayName} to group ${group.displayName} would create a cycle.`,
        'invalidValue'
      )
    }
    return m
  }

  private groupFor(id: string): GroupRecord {
    const g = this.groups.get(id)
    if (!g) throw new ScimError(404, `Group ${id} not found.`)
    return g
  }

  private assertMembersEditable(group: GroupRecord): void {
    if (group.builtin === 'users') {
      throw new ScimError(
        400,
        'Cannot modify members of the built-in group users: it contains every user.',
        'mutability'
      )
    }
  }

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
    const rec = this.get(kind, id)
    const o = asObject(body, 'request body')
    const entitlements = parseEntitlements(field(o, 'entitlements')) ?? []
    const roles = parseValueList(field(o, 'roles'), 'roles') ?? []
    const externalId = optionalString(o, 'externalId')
    const actions: PlannedAction[] = []
    const groupsValue = field(o, 'groups')
    if (groupsValue !== undefined) this.planParents(rec, 'replace', undefined, groupsValue, actions)
    if (rec.kind === 'user') {
      const userName = requiredString(o, 'userName')
      if (userName.toLowerCase() !== rec.userName.toLowerCase()) {
        throw new ScimError(400, 'userName is immutable.', 'mutability')
      }
      const emails = parseEmails(field(o, 'emails'))
      if (emails) assertSameEmails(rec, emails)
      const name = parseName(field(o, 'name'))
      const displayName = optionalString(o, 'displayName') ?? (name ? joinName(name) : undefined) ?? rec.userName
      const active = optionalBool(o, 'active') ?? true
      actions.push(() => {
        rec.name = name
        rec.displayName = displayName
        rec.active = active
      })
    } else if (rec.kind === 'servicePrincipal') {
      const applicationId = optionalString(o, 'applicationId')
      if (applicationId !== undefined && applicationId.toLowerCase() !== rec.applicationId.toLowerCase()) {
        throw new ScimError(400, 'applicationId is immutable.', 'mutability')
      }
      const displayName = optionalString(o, 'displayName') ?? rec.applicationId
      const active = optionalBool(o, 'active') ?? true
      actions.push(() => {
        rec.displayName = displayName
        rec.active = active
      })
    } else {
      const displayName = requiredString(o, 'displayName')
      this.planRename(rec, displayName, actions)
      const members = field(o, 'members')
      if (rec.builtin === 'users') {
        if (members !== undefined) {
          const ids = parseValueList(members, 'members') ?? []
          if (ids.length !== rec.members.size || ids.some((m) => !rec.members.has(m))) this.assertMembersEditable(rec)
        }
      } else {
        this.planMembers(rec, 'replace', undefined, members ?? [], actions)
      }
    }
    actions.push(() => {
      rec.entitlements = entitlements
      rec.roles = roles
      rec.externalId = externalId
    })
    for (const a of actions) a()
    return rec
  }

  // ----- patch

  /** Applies a SCIM PatchOp atomically: every operation is validated before any is applied. */
  patch(kind: ResourceKind, id: string, body: unknown): PrincipalRecord {
    const rec = this.get(kind, id)
    const o = asObject(body, 'request body')
    const ops = field(o, 'Operations')
    if (!Array.isArray(ops) || ops.length === 0) {
      throw new ScimError(400, 'Operations must be a non-empty array.', 'invalidSyntax')
    }
    const actions: PlannedAction[] = []
    for (const raw of ops) {
      const op = asObject(raw, 'operation')
      const name = typeof op.op === 'string' ? op.op.toLowerCase() : ''
      if (name !== 'add' && name !== 'remove' && name !== 'replace') {
        throw new ScimError(400, `Unsupported patch operation '${String(op.op)}'.`, 'invalidSyntax')
      }
      const path = op.path
      const value = op.value
      if (path === undefined || path === null || path === '') {
        if (name === 'remove') throw new ScimError(400, 'A remove operation needs a path.', 'noTarget')
        const obj = asObject(value, 'operation value')
        for (const [key, v] of Object.entries(obj)) {
          if (['schemas', 'id', 'meta'].includes(key.toLowerCase())) continue
          this.planOp(rec, name, toPatchPath(key), v, actions)
        }
      } else {
        if (typeof path !== 'string') throw new ScimError(400, 'path must be a string.', 'invalidPath')
        this.planOp(rec, name, toPatchPath(path), value, actions)
      }
    }
    for (const a of actions) a()
    return rec
  }

  private planOp(
    rec: PrincipalRecord,
    op: 'add' | 'remove' | 'replace',
    path: PatchPath,
    value: unknown,
    actions: PlannedAction[]
  ): void {
    const attr = path.attr.toLowerCase()
    const unsupported = (): never => {
      const text = path.attr + (path.filter ? '[...]' : '') + (path.subAttr ? `.${path.subAttr}` : '')
      throw new ScimError(400, `Unsupported path '${text}' for ${KIND_NAME[rec.kind]}.`, 'invalidPath')
    }
    if (path.subAttr !== undefined && attr !== 'name' && attr !== 'emails') unsupported()
    if (path.filter && !['members', 'groups', 'entitlements', 'roles', 'emails'].includes(attr)) unsupported()
    switch (attr) {
      case 'members':
        if (rec.kind !== 'group') return unsupported()
        return this.planMembers(rec, op, path.filter, value, actions)
      case 'groups':
        return this.planParents(rec, op, path.filter, value, actions)
      case 'entitlements':
      case 'roles':
        return planValues(rec, attr, op, path.filter, value, actions)
      case 'active': {
        if (rec.kind === 'group') return unsupported()
        if (op === 'remove') throw new ScimError(400, 'active cannot be removed.', 'mutability')
        const active = toBool(value, 'active')
        actions.push(() => (rec.active = active))
        return
      }
      case 'displayname': {
        if (op === 'remove') throw new ScimError(400, 'displayName cannot be removed.', 'mutability')
        if (typeof value !== 'string' || value.trim() === '') {
          throw new ScimError(400, 'displayName must be a non-empty string.', 'invalidValue')
        }
        if (rec.kind === 'group') return this.planRename(rec, value, actions)
        actions.push(() => (rec.displayName = value))
        return
      }
      case 'externalid': {
        if (op === 'remove') {
          actions.push(() => (rec.externalId = undefined))
          return
        }
        if (typeof value !== 'string') throw new ScimError(400, 'externalId must be a string.', 'invalidValue')
        actions.push(() => (rec.externalId = value))
        return
      }
      case 'username':
        if (rec.kind !== 'user') return unsupported()
        if (op === 'remove' || typeof value !== 'string' || value.toLowerCase() !== rec.userName.toLowerCase()) {
          throw new ScimError(400, 'userName is immutable.', 'mutability')
        }
        return
      case 'applicationid':
        if (rec.kind !== 'servicePrincipal') return unsupported()
        if (op === 'remove' || typeof value !== 'string' || value.toLowerCase() !== rec.applicationId.toLowerCase()) {
          throw new ScimError(400, 'applicationId is immutable.', 'mutability')
        }
        return
      case 'emails': {
        if (rec.kind !== 'user') return unsupported()
        // Immutable: only a write that leaves them as they are is accepted.
        if (path.filter || path.subAttr !== undefined) {
          const current = rec.emails.map((e) => e.value.toLowerCase())
          const values = Array.isArray(value) ? value : [value]
          if (op !== 'remove' && values.every((v) => typeof v === 'string' && current.includes(v.toLowerCase()))) return
          throw new ScimError(400, 'emails are immutable.', 'mutability')
        }
        if (op === 'remove') throw new ScimError(400, 'emails are immutable.', 'mutability')
        const emails = parseEmails(Array.isArray(value) ? value : [value]) ?? []
        if (
          op === 'add' &&
          emails.every((e) => rec.emails.some((c) => c.value.toLowerCase() === e.value.toLowerCase()))
        ) {
          return
        }
        assertSameEmails(rec, emails)
        return
      }
      case 'name': {
        if (rec.kind !== 'user') return unsupported()
        const sub = path.subAttr?.toLowerCase()
        if (sub === undefined) {
          const name = op === 'remove' ? undefined : parseName(value)
          actions.push(() => (rec.name = op === 'add' && name ? { ...rec.name, ...name } : name))
          return
        }
        if (sub !== 'givenname' && sub !== 'familyname') return unsupported()
        const key = sub === 'givenname' ? 'givenName' : 'familyName'
        if (op !== 'remove' && typeof value !== 'string') {
          throw new ScimError(400, `name.${key} must be a string.`, 'invalidValue')
        }
        actions.push(() => {
          const name: ScimName = { ...rec.name }
          if (op === 'remove') delete name[key]
          else name[key] = value as string
          rec.name = Object.keys(name).length ? name : undefined
        })
        return
      }
      default:
        return unsupported()
    }
  }

  private planRename(group: GroupRecord, displayName: string, actions: PlannedAction[]): void {
    if (displayName === group.displayName) return
    if (group.builtin) {
      throw new ScimError(400, `The built-in group ${group.displayName} cannot be renamed.`, 'mutability')
    }
    const other = this.groupIndex.get(displayName.toLowerCase())
    if (other !== undefined && other !== group.id) {
      throw new ScimError(409, `Group with name ${displayName} already exists.`, 'uniqueness')
    }
    actions.push(() => {
      this.groupIndex.delete(group.displayName.toLowerCase())
      group.displayName = displayName
      this.groupIndex.set(displayName.toLowerCase(), group.id)
    })
  }

  private planMembers(
    group: GroupRecord,
    op: 'add' | 'remove' | 'replace',
    filter: FilterNode | undefined,
    value: unknown,
    actions: PlannedAction[]
  ): void {
    this.assertMembersEditable(group)
    if (op === 'remove') {
      const ids = filter
        ? this.selectRefs(group.members, filter)
        : value === undefined || value === null
          ? [...group.members]
          : requiredValueList(value, 'members')
      actions.push(() => {
        for (const id of ids) {
          const m = this.byId.get(id)
          if (m) this.unlink(group, m)
        }
      })
      return
    }
    if (filter) throw new ScimError(400, `A value filter is only allowed on remove.`, 'invalidPath')
    const members = requiredValueList(value, 'members').map((id) => this.memberFor(group, id))
    actions.push(() => {
      if (op === 'replace') {
        const keep = new Set(members.map((m) => m.id))
        for (const id of [...group.members]) {
          const m = this.byId.get(id)
          if (m && !keep.has(id)) this.unlink(group, m)
        }
      }
      for (const m of members) this.link(group, m)
    })
  }

  /** Memberships of a principal through its `groups` attribute. */
  private planParents(
    rec: PrincipalRecord,
    op: 'add' | 'remove' | 'replace',
    filter: FilterNode | undefined,
    value: unknown,
    actions: PlannedAction[]
  ): void {
    if (op === 'remove') {
      const ids = filter
        ? this.selectRefs(rec.memberOf, filter)
        : value === undefined || value === null
          ? [...rec.memberOf].filter((id) => this.groups.get(id)?.builtin !== 'users')
          : requiredValueList(value, 'groups')
      const groups = ids.map((id) => this.groupFor(id))
      for (const g of groups) if (rec.memberOf.has(g.id)) this.assertMembersEditable(g)
      actions.push(() => groups.forEach((g) => this.unlink(g, rec)))
      return
    }
    if (filter) throw new ScimError(400, `A value filter is only allowed on remove.`, 'invalidPath')
    const groups = requiredValueList(value, 'groups').map((id) => this.groupFor(id))
    for (const g of groups) {
      if (!rec.memberOf.has(g.id)) this.assertMembersEditable(g)
      if (this.wouldCycle(g, rec)) {
        throw new ScimError(400, `Adding group ${rec.displayName} to group ${g.displayName} would create a cycle.`)
      }
    }
    actions.push(() => {
      if (op === 'replace') {
        const keep = new Set(groups.map((g) => g.id))
        for (const id of [...rec.memberOf]) {
          const g = this.groups.get(id)
          if (g && !keep.has(id) && g.builtin !== 'users') this.unlink(g, rec)
        }
      }
      for (const g of groups) this.link(g, rec)
    })
  }

  /** Ids of the refs in `ids` the value filter selects; `value eq "x"` is answered without a scan. */
  private selectRefs(ids: Set<string>, filter: FilterNode): string[] {
    if (
      filter.type === 'compare' &&
      filter.op === 'eq' &&
      typeof filter.value === 'string' &&
      filter.attr.path.length === 1 &&
      filter.attr.path[0]!.toLowerCase() === 'value'
    ) {
      return ids.has(filter.value) ? [filter.value] : []
    }
    const pred = compileFilter(filter)
    return [...ids].filter((id) => {
      const r = this.byId.get(id)
      return r !== undefined && pred(this.ref(r))
    })
  }

  // ----- delete

  delete(kind: ResourceKind, id: string): void {
    const rec = this.get(kind, id)
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
    const map = this.mapOf(kind)
    let items: PrincipalRecord[]
    if (query.filter !== undefined && query.filter.trim() !== '') {
      let node: FilterNode
      try {
        node = parseFilter(query.filter)
      } catch (e) {
        if (e instanceof ScimFilterError) throw new ScimError(400, e.message, 'invalidFilter')
        throw e
      }
      const pred = compileFilter<PrincipalRecord>(node, (r, path) => this.attribute(r, path))
      const candidates = this.candidates(kind, node)
      items = candidates ? candidates.filter(pred) : [...map.values()].filter(pred)
    } else {
      items = [...map.values()]
    }
    if (query.sortBy) {
      const path = attrPathOf(query.sortBy)
      const dir = query.sortOrder === 'descending' ? -1 : 1
      const keyed = items.map((r) => ({ r, k: sortKey(this.attribute(r, path)) }))
      keyed.sort((a, b) => {
        if (a.k === b.k) return 0
        if (a.k === undefined) return 1
        if (b.k === undefined) return -1
        return (a.k < b.k ? -1 : 1) * dir
      })
      items = keyed.map((x) => x.r)
    }
    const startIndex = Math.max(1, Math.floor(query.startIndex ?? 1))
    const count = Math.max(0, Math.min(MAX_PAGE_SIZE, Math.floor(query.count ?? MAX_PAGE_SIZE)))
    return { totalResults: items.length, startIndex, items: items.slice(startIndex - 1, startIndex - 1 + count) }
  }

  /** Records an equality filter on an indexed key can be limited to (undefined: scan everything). */
  private candidates(kind: ResourceKind, node: FilterNode): PrincipalRecord[] | undefined {
    if (node.type === 'compare') {
      if (node.op !== 'eq' || typeof node.value !== 'string' || node.attr.path.length !== 1) return undefined
      const attr = node.attr.path[0]!.toLowerCase()
      const v = node.value
      let id: string | undefined
      if (attr === 'id') id = v
      else if (kind === 'user' && attr === 'username') id = this.userIndex.get(v.toLowerCase())
      else if (kind === 'servicePrincipal' && attr === 'applicationid') id = this.spIndex.get(v.toLowerCase())
      else if (kind === 'group' && attr === 'displayname') id = this.groupIndex.get(v.toLowerCase())
      else return undefined
      const r = id === undefined ? undefined : this.find(kind, id)
      return r ? [r] : []
    }
    if (node.type === 'and') return this.candidates(kind, node.left) ?? this.candidates(kind, node.right)
    if (node.type === 'or') {
      const l = this.candidates(kind, node.left)
      const r = l && this.candidates(kind, node.right)
      if (!l || !r) return undefined
      const all = new Map<string, PrincipalRecord>()
      for (const x of [...l, ...r]) all.set(x.id, x)
      // Keep store order (ids grow with creation).
      return [...all.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    }
    return undefined
  }

  /** The value of a lower-cased attribute path of a record, as the rendered resource would hold it. */
  attribute(rec: PrincipalRecord, path: readonly string[]): unknown {
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
        v = this.refs(rec.memberOf, 'direct')
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
        v = rec.kind === 'group' ? this.refs(rec.members) : undefined
        break
      case 'meta':
        v = rec.kind === 'group' ? { resourceType: this.options.groupResourceType } : undefined
        break
      default:
        v = undefined
    }
    return rest.length && v !== undefined ? resolvePath(v, rest) : v
  }

  // ----- render

  ref(rec: PrincipalRecord, type?: string): ScimRef {
    const r: ScimRef = { value: rec.id, display: rec.displayName, $ref: `${RESOURCE_PATH[rec.kind]}/${rec.id}` }
    if (type) r.type = type
    return r
  }

  private refs(ids: Set<string>, type?: string): ScimRef[] {
    const out: ScimRef[] = []
    for (const id of ids) {
      const r = this.byId.get(id)
      if (r) out.push(this.ref(r, type))
    }
    return out
  }

  /** The SCIM resource of a record; `include` leaves out attributes (and the work of building them). */
  render(rec: PrincipalRecord, include: AttributeSelector = ALL_ATTRIBUTES): Record<string, unknown> {
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
    if (rec.kind === 'group' && include('members') && rec.members.size) o.members = this.refs(rec.members)
    if (include('groups') && rec.memberOf.size) o.groups = this.refs(rec.memberOf, 'direct')
    if (include('entitlements') && rec.entitlements.length)
      o.entitlements = rec.entitlements.map((value) => ({ value }))
    if (include('roles') && rec.roles.length) o.roles = rec.roles.map((value) => ({ value }))
    if (include('externalid') && rec.externalId !== undefined) o.externalId = rec.externalId
    if (rec.kind === 'group' && include('meta')) o.meta = { resourceType: this.options.groupResourceType }
    return o
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

// ---------------------------------------------------------------------------------------------------------
// Body parsing helpers

function field(o: Record<string, unknown>, name: string): unknown {
  if (name in o) return o[name]
  const lower = name.toLowerCase()
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k]
  return undefined
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ScimError(400, `The ${what} must be a JSON object.`, 'invalidSyntax')
  }
  return v as Record<string, unknown>
}

function requiredString(o: Record<string, unknown>, name: string): string {
  const v = field(o, name)
  if (typeof v !== 'string' || v.trim() === '') {
    throw new ScimError(400, `Request is missing the required attribute ${name}.`, 'invalidValue')
  }
  return v
}

function optionalString(o: Record<string, unknown>, name: string): string | undefined {
  const v = field(o, name)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw new ScimError(400, `${name} must be a string.`, 'invalidValue')
  return v
}

function optionalBool(o: Record<string, unknown>, name: string): boolean | undefined {
  const v = field(o, name)
  return v === undefined || v === null ? undefined : toBool(v, name)
}

function toBool(v: unknown, name: string): boolean {
  if (typeof v === 'boolean') return v
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'
  throw new ScimError(400, `${name} must be a boolean.`, 'invalidValue')
}

/** `[{value}]` lists (members, groups, entitlements, roles); undefined when absent. */
function parseValueList(v: unknown, name: string): string[] | undefined {
  if (v === undefined || v === null) return undefined
  const arr = Array.isArray(v) ? v : [v]
  return arr.map((item) => {
    const x = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).value : undefined
    if (typeof x === 'string' && x !== '') return x
    if (typeof x === 'number') return String(x)
    throw new ScimError(400, `Each ${name} entry must be an object with a value.`, 'invalidValue')
  })
}

function requiredValueList(v: unknown, name: string): string[] {
  const list = parseValueList(v, name)
  if (!list) throw new ScimError(400, `A value is required for ${name}.`, 'invalidValue')
  return list
}

function parseEntitlements(v: unknown): string[] | undefined {
  const list = parseValueList(v, 'entitlements')
  if (list) validateEntitlements(list)
  return list && [...new Set(list)]
}

function validateEntitlements(values: string[]): void {
  for (const e of values) {
    if (!KNOWN_ENTITLEMENTS.includes(e)) throw new ScimError(400, `Invalid entitlement value: ${e}.`, 'invalidValue')
  }
}

function parseEmails(v: unknown): ScimEmail[] | undefined {
  if (v === undefined || v === null) return undefined
  if (!Array.isArray(v)) throw new ScimError(400, 'emails must be an array.', 'invalidValue')
  return v.map((e, i) => {
    const o = asObject(e, 'email')
    const value = requiredString(o, 'value')
    const type = optionalString(o, 'type') ?? 'work'
    const primary = optionalBool(o, 'primary') ?? i === 0
    return { value, type, primary }
  })
}

function assertSameEmails(rec: UserRecord, emails: ScimEmail[]): void {
  const a = rec.emails.map((e) => e.value.toLowerCase()).sort()
  const b = emails.map((e) => e.value.toLowerCase()).sort()
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
    throw new ScimError(400, 'emails are immutable.', 'mutability')
  }
}

function parseName(v: unknown): ScimName | undefined {
  if (v === undefined || v === null) return undefined
  const o = asObject(v, 'name')
  const name: ScimName = {}
  const given = optionalString(o, 'givenName')
  const family = optionalString(o, 'familyName')
  if (given !== undefined) name.givenName = given
  if (family !== undefined) name.familyName = family
  return Object.keys(name).length ? name : undefined
}

function joinName(name: ScimName): string | undefined {
  const s = [name.givenName, name.familyName].filter((x) => x).join(' ')
  return s === '' ? undefined : s
}

function planValues(
  rec: PrincipalRecord,
  attr: 'entitlements' | 'roles',
  op: 'add' | 'remove' | 'replace',
  filter: FilterNode | undefined,
  value: unknown,
  actions: PlannedAction[]
): void {
  if (op === 'remove') {
    let drop: (v: string) => boolean
    if (filter) {
      const pred = compileFilter(filter)
      drop = (v) => pred({ value: v })
    } else if (value === undefined || value === null) {
      drop = () => true
    } else {
      const set = new Set(requiredValueList(value, attr))
      drop = (v) => set.has(v)
    }
    actions.push(() => (rec[attr] = rec[attr].filter((v) => !drop(v))))
    return
  }
  if (filter) throw new ScimError(400, `A value filter is only allowed on remove.`, 'invalidPath')
  const values = [...new Set(requiredValueList(value, attr))]
  if (attr === 'entitlements') validateEntitlements(values)
  actions.push(() => {
    if (op === 'replace') rec[attr] = values
    else for (const v of values) if (!rec[attr].includes(v)) rec[attr].push(v)
  })
}

function toPatchPath(text: string): PatchPath {
  try {
    return parsePath(text)
  } catch (e) {
    if (e instanceof ScimFilterError) throw new ScimError(400, e.message, 'invalidPath')
    throw e
  }
}

function attrPathOf(text: string): string[] {
  const bare = /^urn:/i.test(text) ? text.slice(text.lastIndexOf(':') + 1) : text
  return bare.split('.').map((p) => p.toLowerCase())
}

function sortKey(v: unknown): string | number | undefined {
  const x = Array.isArray(v) ? v[0] : v
  if (x === undefined || x === null) return undefined
  if (typeof x === 'number') return x
  return String(x).toLowerCase()
}

function stableUuid(key: string): string {
  const h = createHash('sha1').update(key).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

// ---------------------------------------------------------------------------------------------------------
// Routes (shared by the workspace API and, later, the account API)

export interface ScimRouteOptions {
  /** Whether group lists carry `members` (workspace API: yes; account API: no, GET each group). */
  listGroupMembers: boolean
}

const KIND_BY_SEGMENT: Record<string, ResourceKind> = {
  Users: 'user',
  ServicePrincipals: 'servicePrincipal',
  Groups: 'group'
}

/**
 * Serves `{Users|ServicePrincipals|Groups}[/{id}]` (segments after the SCIM base path) from a store.
 * Returns undefined when the segments name no SCIM resource. Throws ScimError for SCIM errors.
 */
export function routeScim(
  store: ScimStore,
  req: EmulatorRequest,
  segments: string[],
  options: ScimRouteOptions
): EmulatorResponse | undefined {
  const kind = KIND_BY_SEGMENT[segments[0] ?? '']
  if (!kind || segments.length > 2) return undefined
  const method = req.method.toUpperCase()
  const params = req.url.searchParams
  if (segments.length === 1) {
    if (method === 'GET') {
      const excluded = params.get('excludedAttributes')
      const include = attributeSelector(
        params.get('attributes'),
        kind === 'group' && !options.listGroupMembers ? [excluded, 'members'].filter((x) => x).join(',') : excluded
      )
      const sortOrder = params.get('sortOrder')
      const result = store.list(kind, {
        filter: params.get('filter') ?? undefined,
        startIndex: intParam(params, 'startIndex'),
        count: intParam(params, 'count'),
        sortBy: params.get('sortBy') ?? undefined,
        sortOrder: sortOrder?.toLowerCase() === 'descending' ? 'descending' : 'ascending'
      })
      const body: ScimListResponse = {
        schemas: [SCIM_SCHEMAS.listResponse],
        totalResults: result.totalResults,
        startIndex: result.startIndex,
        itemsPerPage: result.items.length
      }
      if (result.items.length) body.Resources = result.items.map((r) => store.render(r, include))
      return { status: 200, body }
    }
    if (method === 'POST') return { status: 201, body: store.render(store.create(kind, requestBody(req))) }
    return methodNotAllowed(req)
  }
  const id = segments[1]!
  switch (method) {
    case 'GET':
      return {
        status: 200,
        body: store.render(
          store.get(kind, id),
          attributeSelector(params.get('attributes'), params.get('excludedAttributes'))
        )
      }
    case 'PUT':
      return { status: 200, body: store.render(store.replace(kind, id, requestBody(req))) }
    case 'PATCH':
      return { status: 200, body: store.render(store.patch(kind, id, requestBody(req))) }
    case 'DELETE':
      store.delete(kind, id)
      return { status: 204 }
    default:
      return methodNotAllowed(req)
  }
}

function methodNotAllowed(req: EmulatorRequest): EmulatorResponse {
  return scimErrorResponse(405, `Method ${req.method} is not allowed on ${req.url.pathname}.`)
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const v = params.get(name)
  if (v === null || v.trim() === '') return undefined
  if (!/^-?\d+$/.test(v.trim())) throw new ScimError(400, `${name} must be an integer.`, 'invalidValue')
  return Number(v)
}

/** The JSON body (parsed by the server for application/json; parsed here for application/scim+json). */
function requestBody(req: EmulatorRequest): unknown {
  if (req.body !== undefined) return req.body
  if (req.rawBody.trim() === '') throw new ScimError(400, 'A JSON request body is required.', 'invalidSyntax')
  try {
    return JSON.parse(req.rawBody) as unknown
  } catch {
    throw new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax')
  }
}

// ---------------------------------------------------------------------------------------------------------
// The workspace

export interface WorkspaceOptions {
  tenantId: string
  /**
   * userName of the user that owns the workspace's PATs (created as an admin on first PAT use when missing).
   * Default: the first user in the fixture's `admins` group, else `admin@<workspace name>.example.com`.
   */
  patOwner?: string
  /** Called with every PAT added through `state.addPat` (e.g. to keep it out of the request log). */
  onPat?: (pat: string) => void
}

/** A group with the identity keys of its members (userName, applicationId or group displayName), sorted. */
export type GroupView = ScimGroup & { memberNames: string[] }

/** The read and seed methods every emulated SCIM store offers to tests (workspace and account alike). */
export type StoreState = Pick<
  WorkspaceState,
  | 'users'
  | 'servicePrincipals'
  | 'groups'
  | 'user'
  | 'servicePrincipal'
  | 'group'
  | 'addUser'
  | 'addServicePrincipal'
  | 'addGroup'
  | 'addMember'
  | 'removeMember'
>

/**
 * Those methods over a store that `reset()` may replace (hence the getter). `context` starts fixture errors
 * (`workspace x`, `account`); `where` ends them (`the workspace`); `unknownMember` words removeMember's.
 */
export function storeState(
  current: () => ScimStore,
  names: { context: string; where: string; unknownMember: (ref: string) => string }
): StoreState {
  const groupView = (store: ScimStore, g: GroupRecord): GroupView => ({
    ...store.renderGroup(g),
    memberNames: [...g.members]
      .map((id) => store.findById(id))
      .filter((m): m is PrincipalRecord => m !== undefined)
      .map((m) => store.keyOf(m))
      .sort((a, b) => a.localeCompare(b))
  })
  const groupNamed = (name: string): GroupRecord => {
    const g = current().groupByName(name)
    if (!g) throw new Error(`${names.context}: no group '${name}'`)
    return g
  }
  return {
    users: () => [...current().users.values()].map((u) => current().renderUser(u)),
    servicePrincipals: () =>
      [...current().servicePrincipals.values()].map((sp) => current().renderServicePrincipal(sp)),
    groups: () => [...current().groups.values()].map((g) => current().renderGroup(g)),
    user: (userName) => {
      const u = current().userByName(userName)
      return u && current().renderUser(u)
    },
    servicePrincipal: (applicationId) => {
      const sp = current().servicePrincipalByAppId(applicationId)
      return sp && current().renderServicePrincipal(sp)
    },
    group: (displayName) => {
      const g = current().groupByName(displayName)
      return g && groupView(current(), g)
    },
    addUser: (u) => current().renderUser(current().createUser(userBody(u))),
    addServicePrincipal: (sp) => current().renderServicePrincipal(current().createServicePrincipal(spBody(sp))),
    addGroup: (g) => {
      const store = current()
      const rec = store.createGroup(groupBody(g))
      for (const ref of g.members ?? []) {
        addMemberByKey(store, rec, ref, `${names.context}: group ${g.displayName}`, names.where)
      }
      return store.renderGroup(rec)
    },
    addMember: (group, memberRef) =>
      addMemberByKey(current(), groupNamed(group), memberRef, names.context, names.where),
    removeMember: (group, memberRef) => {
      const g = groupNamed(group)
      const m = current().findByKey(memberRef)
      if (!m) throw new Error(names.unknownMember(memberRef))
      current().patch('group', g.id, {
        schemas: [SCIM_SCHEMAS.patchOp],
        Operations: [{ op: 'remove', path: 'members', value: [{ value: m.id }] }]
      })
    }
  }
}

/** Read and seed access to a workspace's identities, for tests, the demo and the benchmark. */
export interface WorkspaceState {
  readonly name: string
  /** The live store (replaced by reset()). */
  readonly store: ScimStore
  users(): ScimUser[]
  servicePrincipals(): ScimServicePrincipal[]
  /** Every group, members included. */
  groups(): ScimGroup[]
  user(userName: string): ScimUser | undefined
  servicePrincipal(applicationId: string): ScimServicePrincipal | undefined
  group(displayName: string): GroupView | undefined
  addUser(user: WorkspaceUserFixture): ScimUser
  addServicePrincipal(sp: WorkspaceServicePrincipalFixture): ScimServicePrincipal
  /** Creates a group; `members` are identity keys. */
  addGroup(group: WorkspaceGroupFixture): ScimGroup
  /** memberRef: a userName, applicationId or group displayName. */
  addMember(group: string, memberRef: string): void
  removeMember(group: string, memberRef: string): void
  /** Personal access tokens the workspace accepts now (the fixture's `pats` plus added ones, minus removed ones). */
  pats(): string[]
  /** Accepts a new PAT (as the workspace admin). */
  addPat(pat: string): void
  /** Stops accepting a PAT, as when it expires or is revoked; false when it was not accepted. */
  removePat(pat: string): boolean
  /** Back to the fixture's state (same ids as at start; the PATs are the fixture's again; no beforeRequest). */
  reset(): void
  /**
   * Test hook, unset by default: called with each signed-in request just before the workspace handles it, e.g. to
   * play another writer that creates a group between a client's read and its write.
   */
  beforeRequest: ((req: EmulatorRequest) => void) | undefined
}

/** Builds a store holding the fixture's identities. Member references that resolve to nothing are fixture errors. */
export function seedWorkspaceStore(ws: WorkspaceFixture): ScimStore {
  const store = new ScimStore({ idSeed: ws.name, groupResourceType: 'WorkspaceGroup', builtinGroups: true })
  for (const u of ws.users ?? []) store.createUser(userBody(u))
  for (const sp of ws.servicePrincipals ?? []) store.createServicePrincipal(spBody(sp))
  const groups: [GroupRecord, WorkspaceGroupFixture][] = []
  for (const g of ws.groups ?? []) {
    const existing = store.groupByName(g.displayName)
    if (existing?.builtin) {
      if (g.externalId !== undefined) existing.externalId = g.externalId
      if (g.entitlements) existing.entitlements = parseEntitlements(g.entitlements.map((value) => ({ value }))) ?? []
      groups.push([existing, g])
    } else {
      groups.push([store.createGroup(groupBody({ ...g, members: [] })), g])
    }
  }
  for (const [rec, g] of groups) {
    if (rec.builtin === 'users') continue
    for (const ref of g.members ?? []) addMemberByKey(store, rec, ref, `workspace ${ws.name}: group ${g.displayName}`)
  }
  return store
}

/** Adds a member found by its key (userName, applicationId or group name); an unknown key is a fixture error. */
export function addMemberByKey(
  store: ScimStore,
  group: GroupRecord,
  ref: string,
  context: string,
  where = 'the workspace'
): void {
  const m = store.findByKey(ref)
  if (!m) throw new Error(`${context}: member '${ref}' is not a user, service principal or group of ${where}`)
  store.patch('group', group.id, {
    schemas: [SCIM_SCHEMAS.patchOp],
    Operations: [{ op: 'add', path: 'members', value: [{ value: m.id }] }]
  })
}

export function userBody(u: WorkspaceUserFixture): Record<string, unknown> {
  return {
    schemas: [SCIM_SCHEMAS.user],
    userName: u.userName,
    ...(u.displayName !== undefined ? { displayName: u.displayName } : {}),
    ...(u.active !== undefined ? { active: u.active } : {}),
    ...(u.externalId !== undefined ? { externalId: u.externalId } : {}),
    ...(u.entitlements ? { entitlements: u.entitlements.map((value) => ({ value })) } : {})
  }
}

export function spBody(sp: WorkspaceServicePrincipalFixture): Record<string, unknown> {
  return {
    schemas: [SCIM_SCHEMAS.servicePrincipal],
    applicationId: sp.applicationId,
    ...(sp.displayName !== undefined ? { displayName: sp.displayName } : {}),
    ...(sp.active !== undefined ? { active: sp.active } : {}),
    ...(sp.externalId !== undefined ? { externalId: sp.externalId } : {}),
    ...(sp.entitlements ? { entitlements: sp.entitlements.map((value) => ({ value })) } : {})
  }
}

export function groupBody(g: WorkspaceGroupFixture): Record<string, unknown> {
  return {
    schemas: [SCIM_SCHEMAS.group],
    displayName: g.displayName,
    ...(g.externalId !== undefined ? { externalId: g.externalId } : {}),
    ...(g.entitlements ? { entitlements: g.entitlements.map((value) => ({ value })) } : {})
  }
}

type Caller = { principal: UserRecord | ServicePrincipalRecord; admin: boolean }

/** The workspace SCIM handler and its state. */
export function createWorkspace(
  ws: WorkspaceFixture,
  tokens: TokenService,
  opts: WorkspaceOptions
): { handler: Handler; state: WorkspaceState } {
  let store = seedWorkspaceStore(ws)
  const pats = new Set(ws.pats ?? [])
  const admins = new Set((ws.admins ?? []).map((a) => a.toLowerCase()))
  const fixtureAdmin = (ws.groups ?? [])
    .find((g) => g.displayName.toLowerCase() === 'admins')
    ?.members?.find((m) => (ws.users ?? []).some((u) => u.userName.toLowerCase() === m.toLowerCase()))
  const patOwner =
    opts.patOwner ?? fixtureAdmin ?? `admin@${ws.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.example.com`

  const unauthorized = (): EmulatorResponse => scimErrorResponse(401, 'Invalid access token.')

  async function authenticate(req: EmulatorRequest): Promise<Caller | EmulatorResponse> {
    const header = req.headers.authorization
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!m) return unauthorized()
    const token = m[1]!
    if (pats.has(token)) {
      let user = store.userByName(patOwner)
      if (!user) {
        user = store.createUser({ userName: patOwner })
        if (store.adminsGroup) store.link(store.adminsGroup, user)
      }
      return { principal: user, admin: true }
    }
    let check
    try {
      check = await tokens.verifyBearer(header, [DATABRICKS_RESOURCE_ID])
    } catch {
      return unauthorized()
    }
    if (!check.ok) return unauthorized()
    if (opts.tenantId && check.claims.tid && check.claims.tid.toLowerCase() !== opts.tenantId.toLowerCase()) {
      return unauthorized()
    }
    const appId = check.claims.appid || check.claims.azp
    let sp = store.servicePrincipalByAppId(appId)
    if (admins.has(appId.toLowerCase())) {
      // Azure Databricks adds a service principal with admin rights on the workspace resource on first use.
      if (!sp) {
        sp = store.createServicePrincipal({ applicationId: appId, displayName: appId })
        if (store.adminsGroup) store.link(store.adminsGroup, sp)
      }
      return { principal: sp, admin: true }
    }
    if (!sp) return scimErrorResponse(403, 'User is not authorized to access this workspace.')
    return { principal: sp, admin: store.adminsGroup?.members.has(sp.id) ?? false }
  }

  function me(caller: Caller): EmulatorResponse {
    const p = caller.principal
    if (p.kind === 'user') return { status: 200, body: store.render(p) }
    // A service principal calling /Me is shown as a user whose userName is its application id.
    const sp = store.render(p)
    const body: Record<string, unknown> = {
      schemas: [SCIM_SCHEMAS.user],
      id: p.id,
      userName: p.applicationId,
      displayName: p.displayName,
      active: p.active,
      emails: []
    }
    for (const k of ['groups', 'entitlements', 'roles', 'externalId']) if (sp[k] !== undefined) body[k] = sp[k]
    return { status: 200, body }
  }

  const handler: Handler = async (req) => {
    const path = req.url.pathname.replace(/\/+$/, '')
    if (!path.startsWith(`${WORKSPACE_SCIM_BASE}/`)) {
      return {
        status: 404,
        body: { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for '${req.method} ${req.url.pathname}'` }
      }
    }
    try {
      const caller = await authenticate(req)
      if ('status' in caller) return caller
      state.beforeRequest?.(req)
      const segments = path
        .slice(WORKSPACE_SCIM_BASE.length + 1)
        .split('/')
        .map((s) => decodeURIComponent(s))
      if (segments[0] === 'Me' && segments.length === 1) {
        return req.method.toUpperCase() === 'GET' ? me(caller) : methodNotAllowed(req)
      }
      if (!caller.admin) return scimErrorResponse(403, 'User is not an admin.')
      const res = routeScim(store, req, segments, { listGroupMembers: true })
      return res ?? scimErrorResponse(404, `No SCIM resource at ${req.url.pathname}.`)
    } catch (e) {
      if (e instanceof ScimError) return scimErrorResponse(e.status, e.detail, e.scimType)
      if (e instanceof URIError) return scimErrorResponse(400, 'Malformed path.', 'invalidSyntax')
      return scimErrorResponse(500, `Internal error: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  const state: WorkspaceState = {
    name: ws.name,
    get store() {
      return store
    },
    ...storeState(() => store, {
      where: 'the workspace',
      context: `workspace ${ws.name}`,
      unknownMember: (ref) => `workspace ${ws.name}: no principal '${ref}'`
    }),
    pats: () => [...pats],
    addPat: (pat) => {
      if (!pat) throw new Error(`workspace ${ws.name}: a PAT cannot be empty`)
      pats.add(pat)
      opts.onPat?.(pat)
    },
    removePat: (pat) => pats.delete(pat),
    reset: () => {
      store = seedWorkspaceStore(ws)
      pats.clear()
      for (const pat of ws.pats ?? []) pats.add(pat)
      state.beforeRequest = undefined
    },
    beforeRequest: undefined
  }
  return { handler, state }
}
