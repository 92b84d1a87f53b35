// Apply: the only code that writes to Databricks. It runs a plan's operations in dependency order
// (identities and groups first, then memberships, removals last), batches memberships into few PATCH
// requests (a group that gains and loses members gets one PATCH for both when they fit), and resumes cleanly after an interrupted run: a create that meets an existing resource
// (409, or a POST whose answer was lost) adopts it instead of failing. Account-level plans also assign account
// groups to workspaces (after the memberships are in place) and unassign them (with the other removals).
import type { Entitlement } from '../config/types.js'
import type { AssignmentsApi } from '../targets/databricks/assignments-client.js'
import {
  addEntitlements,
  addMembers,
  removeEntitlement,
  removeMember,
  type ScimApi,
  type ScimPatchOp,
  type ScimResourceType
} from '../targets/databricks/types.js'
import { describeError } from '../errors.js'
import { mapLimit } from '../util/concurrency.js'
import type { Operation, OperationResult, PrincipalRef, WorkspacePlan } from '../core/model.js'

export interface ApplyOptions {
  /** Write requests in flight at once. */
  concurrency: number
  /** Members added per PATCH request. */
  addBatch?: number
  /** Members removed per PATCH request (one remove operation each). */
  removeBatch?: number
  /** Writes workspace assignments (account level); a plan with assignment operations fails them without it. */
  assignments?: AssignmentsApi
  /**
   * Aborted when the run is cancelled: requests in flight finish, no operation starts after it, and those not
   * started stay `planned` (the next run makes them).
   */
  signal?: AbortSignal
}

const DEFAULT_ADD_BATCH = 1000
const DEFAULT_REMOVE_BATCH = 100

/** Order in which kinds run: later kinds may need ids that earlier ones create. */
const PHASES: Operation['kind'][][] = [
  ['create-user', 'create-service-principal', 'create-group'],
  ['rename-group', 'update-display-name', 'reactivate', 'add-entitlements', 'set-group-entitlements'],
  ['add-members'],
  // A workspace gets a group once its members are in: they can use the workspace from the first moment.
  ['assign-to-workspace'],
  ['remove-members', 'unassign-from-workspace'],
  ['deactivate', 'delete']
]

type AddMembers = Extract<Operation, { kind: 'add-members' }>
type RemoveMembers = Extract<Operation, { kind: 'remove-members' }>

export async function applyPlan(plan: WorkspacePlan, scim: ScimApi, options: ApplyOptions): Promise<OperationResult[]> {
  const ids = new IdRegistry()
  const results = new Map<Operation, OperationResult>()
  const paired = pairMembershipChanges(plan.operations, options)
  for (const phase of PHASES) {
    // A removal sent with its group's additions is already done (or failed) by the time its phase comes.
    const operations = plan.operations.filter((op) => phase.includes(op.kind) && !results.has(op))
    await mapLimit(operations, options.concurrency, async (op) => {
      if (options.signal?.aborted) return
      const removal = op.kind === 'add-members' ? paired.get(op) : undefined
      if (op.kind === 'add-members' && removal) {
        for (const [done, result] of await addAndRemoveMembers(op, removal, scim, ids)) results.set(done, result)
        return
      }
      try {
        await runOperation(op, scim, ids, options)
        results.set(op, { operation: op, status: 'done' })
      } catch (error) {
        results.set(op, { operation: op, status: 'failed', error: describeError(error) })
      }
    })
  }
  return plan.operations.map((op) => results.get(op) ?? { operation: op, status: 'planned' })
}

/**
 * Additions and removals of one existing group that fit in one PATCH each way: the request that adds also
 * removes, so a group that changes both ways costs one write, not two.
 */
function pairMembershipChanges(
  operations: readonly Operation[],
  options: ApplyOptions
): Map<AddMembers, RemoveMembers> {
  const removals = new Map<string, RemoveMembers>()
  for (const op of operations) {
    if (op.kind === 'remove-members' && op.members.length <= (options.removeBatch ?? DEFAULT_REMOVE_BATCH)) {
      removals.set(op.groupId, op)
    }
  }
  const pairs = new Map<AddMembers, RemoveMembers>()
  for (const op of operations) {
    if (op.kind !== 'add-members' || !op.groupId) continue
    const removal = removals.get(op.groupId)
    if (removal && op.members.length <= (options.addBatch ?? DEFAULT_ADD_BATCH)) pairs.set(op, removal)
  }
  return pairs
}

/** One PATCH that adds and removes; the results of both operations (the removal is done when the PATCH is). */
async function addAndRemoveMembers(
  add: AddMembers,
  remove: RemoveMembers,
  scim: ScimApi,
  ids: IdRegistry
): Promise<[Operation, OperationResult][]> {
  const { memberIds, missing } = memberIdsOf(add, ids)
  try {
    const ops: ScimPatchOp[] = [
      ...(memberIds.length ? [addMembers(memberIds)] : []),
      ...remove.members.map((m) => removeMember(requireId(m.id, m.display)))
    ]
    await scim.patch('Groups', remove.groupId, ops)
  } catch (error) {
    const failed = { status: 'failed' as const, error: describeError(error) }
    return [
      [add, { operation: add, ...failed }],
      [remove, { operation: remove, ...failed }]
    ]
  }
  const added: OperationResult = missing.length
    ? { operation: add, status: 'failed', error: notCreated(missing) }
    : { operation: add, status: 'done' }
  return [
    [add, added],
    [remove, { operation: remove, status: 'done' }]
  ]
}

/** The Databricks ids of an addition's members, and the members that have none (their creation failed). */
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

/** Ids of what this apply created (or adopted), so later operations can refer to them. */
class IdRegistry {
  private readonly principals = new Map<string, string>()
  private readonly groups = new Map<string, string>()

  setPrincipal(kind: PrincipalRef['kind'], key: string, id: string): void {
    this.principals.set(`${kind}:${key.toLowerCase()}`, id)
  }

  principal(ref: PrincipalRef): string | undefined {
    return ref.id ?? this.principals.get(`${ref.kind}:${ref.key.toLowerCase()}`)
  }

  setGroup(name: string, id: string): void {
    this.groups.set(name.toLowerCase(), id)
  }

  group(name: string, id: string | undefined): string | undefined {
    return id ?? this.groups.get(name.toLowerCase())
  }
}

const resourceType = (kind: PrincipalRef['kind']): ScimResourceType => (kind === 'user' ? 'Users' : 'ServicePrincipals')

async function runOperation(op: Operation, scim: ScimApi, ids: IdRegistry, options: ApplyOptions): Promise<void> {
  switch (op.kind) {
    case 'create-user': {
      const user = await createOrAdopt(
        () =>
          scim.createUser({
            userName: op.userName,
            displayName: op.displayName,
            externalId: op.externalId,
            entitlements: op.entitlements
          }),
        () => scim.findUser(op.userName)
      )
      ids.setPrincipal('user', op.userName, user.value.id)
      if (user.adopted) await addMissingEntitlements(scim, 'Users', user.value, op.entitlements)
      return
    }
    case 'create-service-principal': {
      const sp = await createOrAdopt(
        () =>
          scim.createServicePrincipal({
            applicationId: op.applicationId,
            displayName: op.displayName,
            externalId: op.externalId,
            entitlements: op.entitlements
          }),
        () => scim.findServicePrincipal(op.applicationId)
      )
      ids.setPrincipal('servicePrincipal', op.applicationId, sp.value.id)
      if (sp.adopted) await addMissingEntitlements(scim, 'ServicePrincipals', sp.value, op.entitlements)
      return
    }
    case 'create-group': {
      const group = await createOrAdopt(
        () =>
          scim.createGroup({ displayName: op.displayName, externalId: op.externalId, entitlements: op.entitlements }),
        () => scim.findGroup(op.displayName)
      )
      ids.setGroup(op.displayName, group.value.id)
      if (group.adopted) await addMissingEntitlements(scim, 'Groups', group.value, op.entitlements)
      return
    }
    case 'rename-group':
      await scim.patch('Groups', op.groupId, [{ op: 'replace', path: 'displayName', value: op.to }])
      ids.setGroup(op.to, op.groupId)
      return
    case 'update-display-name':
      await scim.patch(resourceType(op.principal.kind), requireId(ids.principal(op.principal), op.principal.display), [
        { op: 'replace', path: 'displayName', value: op.to }
      ])
      return
    case 'reactivate':
    case 'deactivate':
      await scim.patch(resourceType(op.principal.kind), requireId(ids.principal(op.principal), op.principal.display), [
        { op: 'replace', path: 'active', value: op.kind === 'reactivate' }
      ])
      return
    case 'delete':
      await scim.delete(resourceType(op.principal.kind), requireId(ids.principal(op.principal), op.principal.display))
      return
    case 'add-entitlements':
      await scim.patch(resourceType(op.principal.kind), requireId(ids.principal(op.principal), op.principal.display), [
        addEntitlements(op.add)
      ])
      return
    case 'set-group-entitlements': {
      const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`)
      const ops: ScimPatchOp[] = [
        ...(op.add.length ? [addEntitlements(op.add)] : []),
        ...op.remove.map(removeEntitlement)
      ]
      if (ops.length) await scim.patch('Groups', groupId, ops)
      return
    }
    case 'add-members': {
      const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`)
      const { memberIds, missing } = memberIdsOf(op, ids)
      for (const batch of chunks(memberIds, options.addBatch ?? DEFAULT_ADD_BATCH)) {
        await scim.patch('Groups', groupId, [addMembers(batch)])
      }
      if (missing.length) throw new Error(notCreated(missing))
      return
    }
    case 'remove-members':
      for (const batch of chunks(op.members, options.removeBatch ?? DEFAULT_REMOVE_BATCH)) {
        await scim.patch(
          'Groups',
          op.groupId,
          batch.map((m) => removeMember(requireId(m.id, m.display)))
        )
      }
      return
    case 'assign-to-workspace': {
      const api = requireAssignments(options)
      const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`)
      await api.assign(op.workspaceId, groupId, [op.permission])
      return
    }
    case 'unassign-from-workspace':
      await requireAssignments(options).unassign(op.workspaceId, op.groupId)
      return
  }
}

function requireAssignments(options: ApplyOptions): AssignmentsApi {
  if (!options.assignments) {
    throw new Error(
      'workspace assignments need the account API (internal error: apply was given no assignments client)'
    )
  }
  return options.assignments
}

/**
 * Creates a resource, or adopts the existing one when it is already there: a 409 (a previous run got this
 * far) or a POST whose answer was lost (it may have been created).
 */
async function createOrAdopt<T>(
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

/**
 * An adopted resource (made by hand, by a racing client, or by a POST whose answer was lost) gets the planned
 * entitlements it lacks, so the run that adopts it leaves nothing for the next one.
 */
async function addMissingEntitlements(
  scim: ScimApi,
  type: ScimResourceType,
  resource: { id: string; entitlements?: { value: string }[] },
  wanted: readonly Entitlement[]
): Promise<void> {
  const has = new Set<string>((resource.entitlements ?? []).map((e) => e.value))
  const missing = wanted.filter((e) => !has.has(e))
  if (missing.length > 0) {
    await scim.patch(type, resource.id, [addEntitlements(missing)])
  }
}

function isConflict(error: unknown): boolean {
  return (error as { status?: number }).status === 409
}

function mayHaveBeenApplied(error: unknown): boolean {
  return (error as { maybeApplied?: boolean }).maybeApplied === true
}

function requireId(id: string | undefined, what: string): string {
  if (!id) throw new Error(`${what} has no Databricks id (its creation failed earlier in this run)`)
  return id
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
