// The identities port's writer over Databricks SCIM (workspace or account): one handler per operation kind the
// port writes (the table must cover them all, or this does not compile), a group's additions and removals sent in
// one PATCH when they fit, and creates that adopt what is already there (a 409, or a POST whose answer was lost),
// so an interrupted run resumes cleanly. An account group met in a workspace is never adopted: workspace SCIM
// cannot change it.
import type { Entitlement } from '../../core/model.js'
import type { KindsOf, Operation, OperationOf, Port } from '../../core/operations.js'
import { notSent, type IdRegistry, type OperationOutcome, type OperationWriter } from '../../ports/writer.js'
import { describeError } from '../../errors.js'
import {
  ACCOUNT_GROUP_IN_WORKSPACE,
  addEntitlements,
  addMembers,
  isAccountGroupInWorkspace,
  removeEntitlements,
  removeMember,
  setActive,
  type ScimApi,
  type ScimPatchOp,
  type ScimResourceType
} from './types.js'

export interface ScimWriterOptions {
  /** Members added per PATCH request. */
  addBatch?: number
  /** Members removed per PATCH request (one remove operation each). */
  removeBatch?: number
}

/** Members added per PATCH (also the ownership group's marks, ownership.ts). */
export const DEFAULT_ADD_BATCH = 1000
const DEFAULT_REMOVE_BATCH = 100

type AddMembers = OperationOf<'add-members'>
type RemoveMembers = OperationOf<'remove-members'>
type Handler<K extends KindsOf<'identities'>> = (op: OperationOf<K>, ids: IdRegistry) => Promise<void>

export class ScimWriter implements OperationWriter {
  private readonly addBatch: number
  private readonly removeBatch: number

  constructor(
    private readonly scim: ScimApi,
    options: ScimWriterOptions = {}
  ) {
    this.addBatch = options.addBatch ?? DEFAULT_ADD_BATCH
    this.removeBatch = options.removeBatch ?? DEFAULT_REMOVE_BATCH
  }

  /**
   * Additions and removals of one existing group that fit in one PATCH each way: the request that adds also
   * removes, so a group that changes both ways costs one write, not two.
   */
  pairs(operations: readonly Operation[]): Map<Operation, Operation> {
    const removals = new Map<string, RemoveMembers>()
    for (const op of operations) {
      if (op.kind === 'remove-members' && op.members.length <= this.removeBatch) removals.set(op.groupId, op)
    }
    const pairs = new Map<Operation, Operation>()
    for (const op of operations) {
      if (op.kind !== 'add-members' || !op.groupId) continue
      const removal = removals.get(op.groupId)
      if (removal && op.members.length <= this.addBatch) pairs.set(op, removal)
    }
    return pairs
  }

  async write(operations: readonly Operation[], ids: IdRegistry): Promise<OperationOutcome[] | void> {
    const [op, carried] = operations
    if (op?.kind === 'add-members' && carried?.kind === 'remove-members') {
      return this.addAndRemoveMembers(op, carried, ids)
    }
    if (!op || carried) throw new Error(`internal error: the SCIM writer cannot write ${operations.length} operations`)
    await this.run(op, ids)
  }

  private run(op: Operation, ids: IdRegistry): Promise<void> {
    const handler = (this.handlers as Record<string, Handler<KindsOf<'identities'>> | undefined>)[op.kind]
    if (!handler) throw new Error(`internal error: ${op.kind} is not written through SCIM`)
    return handler(op as OperationOf<KindsOf<'identities'>>, ids)
  }

  private readonly handlers: { [K in KindsOf<'identities'>]: Handler<K> } = {
    'create-user': async (op, ids) => {
      const id = await this.create(
        'Users',
        op.entitlements,
        () =>
          this.scim.createUser({
            userName: op.userName,
            displayName: op.displayName,
            externalId: op.externalId,
            entitlements: op.entitlements
          }),
        () => this.scim.findUser(op.userName)
      )
      ids.setPrincipal('user', op.userName, id)
    },
    'create-service-principal': async (op, ids) => {
      const id = await this.create(
        'ServicePrincipals',
        op.entitlements,
        () =>
          this.scim.createServicePrincipal({
            applicationId: op.applicationId,
            displayName: op.displayName,
            externalId: op.externalId,
            entitlements: op.entitlements
          }),
        () => this.scim.findServicePrincipal(op.applicationId)
      )
      ids.setPrincipal('servicePrincipal', op.applicationId, id)
    },
    'create-group': async (op, ids) => {
      const id = await this.create(
        'Groups',
        op.entitlements,
        () =>
          this.scim.createGroup({
            displayName: op.displayName,
            externalId: op.externalId,
            entitlements: op.entitlements
          }),
        () => this.findGroupToAdopt(op.displayName)
      )
      ids.setGroup(op.displayName, id)
    },
    'rename-group': async (op, ids) => {
      await this.scim.patch('Groups', op.groupId, [{ op: 'replace', path: 'displayName', value: op.to }])
      ids.setGroup(op.to, op.groupId)
    },
    'update-display-name': (op, ids) =>
      this.scim.patch(resourceType(op.principal.kind), principalId(op.principal, ids), [
        { op: 'replace', path: 'displayName', value: op.to }
      ]),
    reactivate: (op, ids) => this.setActive(op, ids, true),
    deactivate: (op, ids) => this.setActive(op, ids, false),
    delete: (op, ids) => this.scim.delete(resourceType(op.principal.kind), principalId(op.principal, ids)),
    'add-entitlements': (op, ids) =>
      this.scim.patch(resourceType(op.principal.kind), principalId(op.principal, ids), [addEntitlements(op.add)]),
    'set-group-entitlements': async (op, ids) => {
      const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`)
      const ops: ScimPatchOp[] = [
        ...(op.add.length ? [addEntitlements(op.add)] : []),
        ...(op.remove.length ? [removeEntitlements(op.remove)] : [])
      ]
      if (ops.length) await this.scim.patch('Groups', groupId, ops)
    },
    'add-members': async (op, ids) => {
      const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`)
      const { memberIds, missing } = memberIdsOf(op, ids)
      for (const batch of chunks(memberIds, this.addBatch)) {
        await this.scim.patch('Groups', groupId, [addMembers(batch)])
      }
      if (missing.length) throw new Error(notCreated(missing))
    },
    'remove-members': async (op) => {
      for (const batch of chunks(op.members, this.removeBatch)) {
        await this.scim.patch(
          'Groups',
          op.groupId,
          batch.map((m) => removeMember(requireId(m.id, m.display)))
        )
      }
    }
  }

  private setActive(op: { principal: OperationOf<'reactivate'>['principal'] }, ids: IdRegistry, active: boolean) {
    return this.scim.patch(resourceType(op.principal.kind), principalId(op.principal, ids), [setActive(active)])
  }

  /** The group a create met (409, or a lost answer), unless it is an account group: that one is never adopted. */
  private async findGroupToAdopt(displayName: string) {
    const found = await this.scim.findGroup(displayName)
    if (found && isAccountGroupInWorkspace(this.scim, found)) {
      throw new Error(
        `group ${displayName} was not created: the workspace already has a group of that name, and ${ACCOUNT_GROUP_IN_WORKSPACE.reason}. Fix: ${ACCOUNT_GROUP_IN_WORKSPACE.fix}.`
      )
    }
    return found
  }

  /** One PATCH that adds and removes; the outcome of both operations (the removal is done when the PATCH is). */
  private async addAndRemoveMembers(add: AddMembers, remove: RemoveMembers, ids: IdRegistry) {
    const { memberIds, missing } = memberIdsOf(add, ids)
    try {
      const ops: ScimPatchOp[] = [
        ...(memberIds.length ? [addMembers(memberIds)] : []),
        ...remove.members.map((m) => removeMember(requireId(m.id, m.display)))
      ]
      await this.scim.patch('Groups', remove.groupId, ops)
    } catch (error) {
      if (notSent(error)) throw error
      const failed = { status: 'failed' as const, error: describeError(error) }
      return [
        { operation: add, ...failed },
        { operation: remove, ...failed }
      ]
    }
    const added: OperationOutcome = missing.length
      ? { operation: add, status: 'failed', error: notCreated(missing) }
      : { operation: add, status: 'done' }
    return [added, { operation: remove, status: 'done' as const }]
  }

  /**
   * Creates a resource, or adopts the one already there (createOrAdopt); its id. An adopted resource (made by hand,
   * by a racing client, or by a POST whose answer was lost) gets the planned entitlements it lacks, so the run that
   * adopts it leaves nothing for the next one.
   */
  private async create<T extends { id: string; entitlements?: { value: string }[] }>(
    type: ScimResourceType,
    wanted: readonly Entitlement[],
    create: () => Promise<T>,
    find: () => Promise<T | undefined>
  ): Promise<string> {
    const { value, adopted } = await createOrAdopt(create, find)
    const has = new Set<string>((value.entitlements ?? []).map((e) => e.value))
    const missing = wanted.filter((e) => !has.has(e))
    if (adopted && missing.length > 0) await this.scim.patch(type, value.id, [addEntitlements(missing)])
    return value.id
  }
}

const resourceType = (kind: 'user' | 'servicePrincipal'): ScimResourceType =>
  kind === 'user' ? 'Users' : 'ServicePrincipals'

function principalId(ref: OperationOf<'delete'>['principal'], ids: IdRegistry): string {
  return requireId(ids.principal(ref), ref.display)
}

/** The target ids of an addition's members, and the members that have none (their creation failed). */
function memberIdsOf(op: AddMembers, ids: IdRegistry): { memberIds: string[]; missing: string[] } {
  const memberIds: string[] = []
  const missing: string[] = []
  for (const m of op.members) {
    const id = ids.principal(m)
    if (id) memberIds.push(id)
    else missing.push(m.display)
  }
  return { memberIds, missing }
}

const notCreated = (missing: readonly string[]): string =>
  `${missing.length} member(s) could not be added because creating them failed: ${missing.join(', ')}`

/**
 * Creates a resource, or adopts the existing one when it is already there: a 409 (a previous run got this
 * far) or a POST whose answer was lost (it may have been created).
 */
export async function createOrAdopt<T>(
  create: () => Promise<T>,
  find: () => Promise<T | undefined>
): Promise<{ value: T; adopted: boolean }> {
  try {
    return { value: await create(), adopted: false }
  } catch (error) {
    if (!isConflict(error) && !mayHaveBeenApplied(error)) throw error
    const existing = await find()
    if (existing) return { value: existing, adopted: true }
    if (isConflict(error)) throw error
    // The lost POST did not create it after all: one more try is safe.
    return { value: await create(), adopted: false }
  }
}

const isConflict = (error: unknown): boolean => (error as { status?: number }).status === 409

export const mayHaveBeenApplied = (error: unknown): boolean =>
  (error as { maybeApplied?: boolean }).maybeApplied === true

/** A writer's table: one handler per kind its port writes (it must cover them all, or the writer does not compile). */
export type Handlers<P extends Port> = { [K in KindsOf<P>]: (op: OperationOf<K>, ids: IdRegistry) => Promise<void> }

/**
 * Writes one operation with the handler of its kind, for a writer that takes one operation at a time; anything
 * else is an internal error naming `through`, what the writer writes through.
 */
export async function writeOne<P extends Port>(
  handlers: Handlers<P>,
  operations: readonly Operation[],
  ids: IdRegistry,
  through: string
): Promise<void> {
  type Handler = (op: Operation, ids: IdRegistry) => Promise<void>
  const [op] = operations
  // The table is keyed by kind: the handler found for op.kind takes op.
  const handler = op && (handlers as unknown as Record<string, Handler | undefined>)[op.kind]
  if (!op || !handler || operations.length > 1) {
    throw new Error(`internal error: ${op?.kind ?? 'nothing'} is not written through ${through}`)
  }
  await handler(op, ids)
}

export function requireId(id: string | undefined, what: string): string {
  if (!id) throw new Error(`${what} has no Databricks id (its creation failed earlier in this run)`)
  return id
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
