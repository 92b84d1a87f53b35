// The account's ownership rule. Account SCIM keeps no externalId on users ("External ID is not currently supported",
// databricks-sdk-py service/iam.py AccountUser; terraform-provider-databricks#1676), so the workspace rule (an Entra
// object id as externalId) cannot tell there what the action created. At account level the mark is membership of
// one account group, OWNERSHIP_GROUP: every user, service principal and group the action creates (or finds after its
// own create lost its answer) is added to it before that create counts as done, and every run reads it back. The mark
// lives in Databricks, so a lost cache or a new runner changes nothing; the group is created when first needed, so a
// dry-run creates nothing. The planner never sees the group (the account target leaves it out of what it reads).
import type { ActualGroup, ActualPrincipal, Owns } from '../../core/model.js'
import { describeError } from '../../errors.js'
import { createOrAdopt, mayHaveBeenApplied } from './scim-writer.js'
import { addMembers, type ScimApi, type ScimGroup, type ScimServicePrincipal, type ScimUser } from './types.js'

/** The account group whose members are what the action created (fixed name; never give it anything). */
export const OWNERSHIP_GROUP = 'entra-databricks-sync-managed'

/** Members added to the ownership group per PATCH (as for any group, ScimWriter's add batch). */
const MARK_BATCH = 1000

export const isOwnershipGroup = (displayName: string): boolean => displayName.trim().toLowerCase() === OWNERSHIP_GROUP

interface Pending {
  id: string
  done: () => void
  failed: (error: unknown) => void
}

/** What the action owns in the account, read from the ownership group, and the marking of what it creates. */
export class AccountOwnership {
  private groupId: string | undefined
  private creating: Promise<string> | undefined
  private readonly marked = new Set<string>()
  private pending: Pending[] = []
  private flushing: Promise<void> | undefined

  /** The account's ownership rule for the planner: a member of the ownership group. */
  readonly owns: Owns = Object.assign((p: ActualPrincipal) => this.marked.has(p.id), {
    rule: `not a member of the account group ${OWNERSHIP_GROUP}, which marks what it created`
  })

  /** `scim`: the account's SCIM API itself (not the marking one: the group is not its own member). */
  constructor(private readonly scim: ScimApi) {}

  /** What a read found: the ownership group with its members, or none yet. */
  load(group: ActualGroup | undefined): void {
    this.groupId = group?.id
    this.creating = undefined
    this.marked.clear()
    for (const id of group?.memberIds ?? []) this.marked.add(id)
  }

  ownsGroup(id: string): boolean {
    return this.marked.has(id)
  }

  /**
   * Adds an identity this run created to the ownership group; resolves once the group has it. Creates that finish
   * while a PATCH is in flight go together in the next one, so marking costs far fewer writes than creating.
   */
  mark(id: string): Promise<void> {
    return new Promise((done, failed) => {
      this.pending.push({ id, done, failed })
      this.flushing ??= this.flush()
    })
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MARK_BATCH)
        try {
          const groupId = await this.group()
          await this.scim.patch('Groups', groupId, [addMembers(batch.map((p) => p.id))])
          for (const p of batch) {
            this.marked.add(p.id)
            p.done()
          }
        } catch (error) {
          for (const p of batch) p.failed(error)
        }
      }
    } finally {
      this.flushing = undefined
    }
  }

  /** The ownership group's id: as read, or created (or adopted after a 409 or a lost answer) the first time. */
  private group(): Promise<string> {
    if (this.groupId) return Promise.resolve(this.groupId)
    this.creating ??= createOrAdopt(
      () => this.scim.createGroup({ displayName: OWNERSHIP_GROUP }),
      () => this.scim.findGroup(OWNERSHIP_GROUP)
    ).then(
      ({ value }) => (this.groupId = value.id),
      (error: unknown) => {
        this.creating = undefined
        throw error
      }
    )
    return this.creating
  }
}

type Kind = 'user' | 'servicePrincipal' | 'group'

/**
 * The account's SCIM API as its writer sees it: what a create makes is marked as the action's before the create
 * returns, and so is what a find meets after this run's own create of it lost its answer (it was most likely that
 * create). What a create meets with a 409 was made by someone else: not marked, so never deactivated or deleted.
 */
export class MarkingScim implements ScimApi {
  /** Keys whose create may have been applied without an answer. */
  private readonly lost = new Set<string>()

  constructor(
    private readonly scim: ScimApi,
    private readonly ownership: AccountOwnership
  ) {}

  get level() {
    return this.scim.level
  }
  get selfApplicationId() {
    return this.scim.selfApplicationId
  }
  me: ScimApi['me'] = () => this.scim.me()
  listUsers: ScimApi['listUsers'] = () => this.scim.listUsers()
  listServicePrincipals: ScimApi['listServicePrincipals'] = () => this.scim.listServicePrincipals()
  listGroups: ScimApi['listGroups'] = () => this.scim.listGroups()
  getGroup: ScimApi['getGroup'] = (id) => this.scim.getGroup(id)
  patch: ScimApi['patch'] = (type, id, operations) => this.scim.patch(type, id, operations)
  delete: ScimApi['delete'] = (type, id) => this.scim.delete(type, id)
  stats: ScimApi['stats'] = () => this.scim.stats()

  createUser: ScimApi['createUser'] = (u) => this.created<ScimUser>('user', u.userName, () => this.scim.createUser(u))
  createServicePrincipal: ScimApi['createServicePrincipal'] = (sp) =>
    this.created<ScimServicePrincipal>('servicePrincipal', sp.applicationId, () => this.scim.createServicePrincipal(sp))
  createGroup: ScimApi['createGroup'] = (g) =>
    this.created<ScimGroup>('group', g.displayName, () => this.scim.createGroup(g))
  findUser: ScimApi['findUser'] = (userName) => this.found('user', userName, () => this.scim.findUser(userName))
  findServicePrincipal: ScimApi['findServicePrincipal'] = (applicationId) =>
    this.found('servicePrincipal', applicationId, () => this.scim.findServicePrincipal(applicationId))
  findGroup: ScimApi['findGroup'] = (displayName) =>
    this.found('group', displayName, () => this.scim.findGroup(displayName))

  private async created<T extends { id: string }>(kind: Kind, key: string, create: () => Promise<T>): Promise<T> {
    const lostKey = `${kind}:${key.toLowerCase()}`
    let value: T
    try {
      value = await create()
    } catch (error) {
      if (mayHaveBeenApplied(error)) this.lost.add(lostKey)
      throw error
    }
    this.lost.delete(lostKey)
    await this.markOrExplain(kind, key, value.id)
    return value
  }

  private async found<T extends { id: string }>(
    kind: Kind,
    key: string,
    find: () => Promise<T | undefined>
  ): Promise<T | undefined> {
    const value = await find()
    if (value && this.lost.delete(`${kind}:${key.toLowerCase()}`)) await this.markOrExplain(kind, key, value.id)
    return value
  }

  /** A failed mark fails the create with what it means (a plain error: nothing for a create to adopt or retry). */
  private async markOrExplain(kind: Kind, key: string, id: string): Promise<void> {
    try {
      await this.ownership.mark(id)
    } catch (error) {
      const what = kind === 'user' ? 'user' : kind === 'group' ? 'group' : 'service principal'
      throw new Error(
        `${what} ${key} was created, but adding it to the account group ${OWNERSHIP_GROUP}, which marks what this ` +
          `action created, failed: ${describeError(error)}. Until it is a member of that group the action never ` +
          `deactivates or deletes it${kind === 'group' ? ' and leaves its members alone' : ''}; add it to the group ` +
          'by hand to hand it over.'
      )
    }
  }
}
