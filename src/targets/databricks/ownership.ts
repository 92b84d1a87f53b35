// The account's ownership rule. Account SCIM keeps no externalId on users ("External ID is not currently supported",
// databricks-sdk-py service/iam.py AccountUser; terraform-provider-databricks#1676), so the workspace rule (an Entra
// object id as externalId) cannot tell there what the action created. At account level the mark is membership of
// one account group, OWNERSHIP_GROUP: every user, service principal and group the action creates (or finds after its
// own create lost its answer) is added to it, and every run reads it back. Marks are sent together: one PATCH per
// batch of creates (the writer's member-add batch) as it fills, and the rest when the phase ends (cancelled or not),
// before the phase's creates count as done; a mark that fails fails its create. A runner killed outright between a
// create and its batch's PATCH leaves that batch unmarked (README "Account-level sync"). The mark
// lives in Databricks, so a lost cache or a new runner changes nothing; the group is created when first needed, so a
// dry-run creates nothing. The planner never sees the group (the account target leaves it out of what it reads).
import type { ActualGroup, ActualPrincipal, Owns } from '../../core/model.js'
import type { Operation, OperationOf } from '../../core/operations.js'
import type { IdRegistry, OperationOutcome, OperationWriter } from '../../ports/writer.js'
import { describeError } from '../../errors.js'
import { chunks, createOrAdopt, DEFAULT_ADD_BATCH, mayHaveBeenApplied, type ScimWriter } from './scim-writer.js'
import { addMembers, type ScimApi, type ScimGroup, type ScimServicePrincipal, type ScimUser } from './types.js'

/** The account group whose members are what the action created (fixed name; never give it anything). */
export const OWNERSHIP_GROUP = 'entra-databricks-sync-managed'

export const isOwnershipGroup = (displayName: string): boolean => displayName.trim().toLowerCase() === OWNERSHIP_GROUP

/** What the action owns in the account, read from the ownership group, and the marking of what it creates. */
export class AccountOwnership {
  private groupId: string | undefined
  private creating: Promise<string> | undefined
  private readonly marked = new Set<string>()
  /** Ids to mark, not sent yet. */
  private pending: string[] = []
  /** The marking PATCHes, one after another (never rejects). */
  private sending: Promise<void> = Promise.resolve()
  /** Ids whose mark failed since the last settle(), with why. */
  private readonly failed = new Map<string, unknown>()

  /** The account's ownership rule for the planner: a member of the ownership group. */
  readonly owns: Owns = Object.assign((p: ActualPrincipal) => this.marked.has(p.id), {
    rule: `not a member of the account group ${OWNERSHIP_GROUP}, which marks what it created`
  })

  /**
   * `scim`: the account's SCIM API itself (not the marking one: the group is not its own member); `batch`: members
   * per marking PATCH, the writer's member-add batch.
   */
  constructor(
    private readonly scim: ScimApi,
    private readonly batch: number = DEFAULT_ADD_BATCH
  ) {}

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
   * Queues the mark of an identity this run created. A full batch is sent at once, and the create that filled it
   * waits for its PATCH (so creates never run far ahead of their marks); the rest waits for settle().
   */
  async mark(id: string): Promise<void> {
    this.pending.push(id)
    if (this.pending.length >= this.batch) await this.send()
  }

  /** Sends every queued mark; the ids whose mark failed since the last settle, with why. */
  async settle(): Promise<Map<string, unknown>> {
    await this.send()
    const failed = new Map(this.failed)
    this.failed.clear()
    return failed
  }

  private send(): Promise<void> {
    for (const batch of chunks(this.pending.splice(0), this.batch)) {
      this.sending = this.sending.then(() => this.add(batch))
    }
    return this.sending
  }

  private async add(ids: readonly string[]): Promise<void> {
    try {
      await this.scim.patch('Groups', await this.group(), [addMembers(ids)])
      for (const id of ids) this.marked.add(id)
    } catch (error) {
      for (const id of ids) this.failed.set(id, error)
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
 * The account's SCIM API as its writer sees it: what a create makes is queued to be marked as the action's, and so
 * is what a find meets after this run's own create of it lost its answer (it was most likely that
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
  listUsers<T = ScimUser>(each?: (user: ScimUser) => T): Promise<T[]> {
    return this.scim.listUsers(each)
  }
  listServicePrincipals<T = ScimServicePrincipal>(each?: (sp: ScimServicePrincipal) => T): Promise<T[]> {
    return this.scim.listServicePrincipals(each)
  }
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
    await this.ownership.mark(value.id)
    return value
  }

  private async found<T extends { id: string }>(
    kind: Kind,
    key: string,
    find: () => Promise<T | undefined>
  ): Promise<T | undefined> {
    const value = await find()
    if (value && this.lost.delete(`${kind}:${key.toLowerCase()}`)) await this.ownership.mark(value.id)
    return value
  }
}

type Create = OperationOf<'create-user' | 'create-service-principal' | 'create-group'>

/**
 * The account's identities writer: the SCIM writer over MarkingScim, which settles the phase's marks when the phase
 * ends (apply calls settle) and fails each create whose mark failed.
 */
export class MarkingWriter implements OperationWriter {
  /** This phase's creates. */
  private creates: Create[] = []

  constructor(
    private readonly writer: ScimWriter,
    private readonly ownership: AccountOwnership
  ) {}

  pairs(operations: readonly Operation[]) {
    return this.writer.pairs(operations)
  }

  write(operations: readonly Operation[], ids: IdRegistry) {
    for (const op of operations) if (isCreate(op)) this.creates.push(op)
    return this.writer.write(operations, ids)
  }

  async settle(ids: IdRegistry): Promise<OperationOutcome[]> {
    const failed = await this.ownership.settle()
    return this.creates.splice(0).flatMap((op): OperationOutcome[] => {
      const [kind, key, id] = made(op, ids)
      if (!id || !failed.has(id)) return []
      return [{ operation: op, status: 'failed', error: unmarked(kind, key, failed.get(id)) }]
    })
  }
}

const isCreate = (op: Operation): op is Create =>
  op.kind === 'create-user' || op.kind === 'create-service-principal' || op.kind === 'create-group'

/** A create's kind, key and the id it made (none when it failed). */
function made(op: Create, ids: IdRegistry): [Kind, string, string | undefined] {
  if (op.kind === 'create-group') return ['group', op.displayName, ids.group(op.displayName, undefined)]
  const [kind, key] =
    op.kind === 'create-user' ? (['user', op.userName] as const) : (['servicePrincipal', op.applicationId] as const)
  return [kind, key, ids.principal({ kind, key, display: key })]
}

/** Why a create whose mark failed failed (a plain error: nothing for a create to adopt or retry), and the fix. */
function unmarked(kind: Kind, key: string, error: unknown): string {
  const what = kind === 'user' ? 'user' : kind === 'group' ? 'group' : 'service principal'
  return (
    `${what} ${key} was created, but adding it to the account group ${OWNERSHIP_GROUP}, which marks what this ` +
    `action created, failed: ${describeError(error)}. Until it is a member of that group the action never ` +
    `deactivates or deletes it${kind === 'group' ? ' and leaves its members alone' : ''}; add it to the group ` +
    'by hand to hand it over.'
  )
}
