// The account's identities: the workspace emulator's ScimStore with the account's differences. Ids are int64 numbers
// above 2^53 (as account ids can be); there are no built-in groups and groups are of resourceType "Group"; a journal
// of membership changes lets a write that breaks a rule be undone whole; and with automatic identity management (AIM)
// the groups it keeps show no members.
import { createHash } from 'node:crypto'
import {
  addMemberByKey,
  groupBody,
  SCIM_SCHEMAS,
  ScimStore,
  spBody,
  userBody,
  type AttributeSelector,
  type GroupRecord,
  type PrincipalRecord
} from '../databricks.js'
import type { AccountFixture } from '../fixture.js'

export type JournalEntry = { added: boolean; group: GroupRecord; member: PrincipalRecord }

/** The mutable fields of a record, to put back when a write is undone. */
export interface Snapshot {
  rec: PrincipalRecord
  displayName: string
  externalId: string | undefined
  entitlements: string[]
  roles: string[]
  active?: boolean
  name?: { givenName?: string; familyName?: string } | undefined
}

export function snapshot(rec: PrincipalRecord): Snapshot {
  const s: Snapshot = {
    rec,
    displayName: rec.displayName,
    externalId: rec.externalId,
    entitlements: [...rec.entitlements],
    roles: [...rec.roles]
  }
  if (rec.kind !== 'group') s.active = rec.active
  if (rec.kind === 'user') s.name = rec.name && { ...rec.name }
  return s
}

/** 2^53: account ids start above it, where a JSON number loses digits in JSON.parse. */
const ABOVE_SAFE_INTEGERS = 2n ** 53n

export class AccountStore extends ScimStore {
  /** Set while a write runs: every membership change it makes. */
  journal: JournalEntry[] | undefined
  /** The account uses automatic identity management (the fixture's `aim`). */
  aim = false
  private idSeq: bigint | undefined

  /**
   * 16-digit ids above 2^53 (below 10^16), different per account: the account API's ids are int64 (the SCIM
   * reference types `id` as int64; permission assignments send `principal_id` as a JSON number). Every one is odd,
   * so none survives a trip through a double (above 2^53 doubles are even): a lossy client fails on each id.
   */
  protected override nextId(): string {
    if (this.idSeq === undefined) {
      const h = BigInt(parseInt(createHash('sha1').update(this.options.idSeed).digest('hex').slice(0, 8), 16))
      this.idSeq = ABOVE_SAFE_INTEGERS + (h % 900n) * 10n ** 12n - 1n
    }
    this.idSeq += 2n
    return String(this.idSeq)
  }

  /**
   * With AIM, a group that carries an externalId is an external identity: "only external_id can be updated; its
   * other fields are sourced from your identity provider" (databricks-sdk-py service/iamv2.py, update_group).
   */
  keptByAim(rec: PrincipalRecord): rec is GroupRecord {
    return this.aim && rec.kind === 'group' && rec.externalId !== undefined
  }

  /** An AIM group shows no members: Databricks keeps them from Entra (account SCIM lists them empty). */
  override render(rec: PrincipalRecord, include?: AttributeSelector): Record<string, unknown> {
    if (!this.keptByAim(rec)) return super.render(rec, include)
    return super.render(rec, (name) => name !== 'members' && (include?.(name) ?? true))
  }

  override attribute(rec: PrincipalRecord, path: readonly string[]): unknown {
    return this.keptByAim(rec) && path[0] === 'members' ? undefined : super.attribute(rec, path)
  }

  override link(group: GroupRecord, member: PrincipalRecord): void {
    const had = group.members.has(member.id)
    super.link(group, member)
    if (!had) this.journal?.push({ added: true, group, member })
  }

  override unlink(group: GroupRecord, member: PrincipalRecord): void {
    const had = group.members.has(member.id)
    super.unlink(group, member)
    if (had) this.journal?.push({ added: false, group, member })
  }

  /** Puts back the memberships a write changed (newest first) and the fields of the record it wrote. */
  undo(journal: readonly JournalEntry[], snap: Snapshot | undefined): void {
    this.journal = undefined
    for (const e of [...journal].reverse()) {
      if (e.added) this.unlink(e.group, e.member)
      else if (this.findById(e.group.id) && this.findById(e.member.id)) this.link(e.group, e.member)
    }
    if (!snap) return
    const rec = snap.rec
    if (rec.kind === 'group' && rec.displayName !== snap.displayName) {
      this.patch('group', rec.id, {
        schemas: [SCIM_SCHEMAS.patchOp],
        Operations: [{ op: 'replace', path: 'displayName', value: snap.displayName }]
      })
    }
    rec.displayName = snap.displayName
    rec.externalId = snap.externalId
    rec.entitlements = snap.entitlements
    rec.roles = snap.roles
    if (rec.kind !== 'group' && snap.active !== undefined) rec.active = snap.active
    if (rec.kind === 'user') rec.name = snap.name
  }
}

/** A store holding the fixture's identities; each admin app is a service principal of the account. */
export function seedAccountStore(account: AccountFixture): AccountStore {
  const store = new AccountStore({ idSeed: `account:${account.id}`, groupResourceType: 'Group', builtinGroups: false })
  store.aim = account.aim ?? false
  for (const u of account.users ?? []) store.createUser(userBody(u))
  for (const sp of account.servicePrincipals ?? []) store.createServicePrincipal(spBody(sp))
  for (const appId of account.admins) {
    if (!store.servicePrincipalByAppId(appId)) store.createServicePrincipal(spBody({ applicationId: appId }))
  }
  const groups = (account.groups ?? []).map((g) => [store.createGroup(groupBody(g)), g] as const)
  for (const [rec, g] of groups) {
    for (const ref of g.members ?? []) {
      addMemberByKey(store, rec, ref, `account: group ${g.displayName}`, 'the account')
    }
  }
  return store
}
