// What each operation of a plan waits for, so apply can start it as soon as that has settled instead of waiting for
// the whole earlier phase. Operations on the same thing (a principal, a group, an assignment in one workspace) keep
// their phase order: an add waits for the creates of its group and members (and their updates), an assignment for
// its group's create and members, workspace entitlements for their principal's resolve and assignment there.
// Operations on different things do not wait for each other. Removals are not ordered here: apply starts them only
// once everything else has settled.
import type { AimRef, PrincipalRef } from './model.js'
import { PHASES, phaseOf, type Operation, type OperationKind, type OperationOf } from './operations.js'

/** The things an operation changes (later phases' operations on them wait for it), and those it only reads. */
interface Subjects {
  changes: string[]
  reads?: string[]
}

const lower = (text: string): string => text.toLowerCase()
const principal = (p: Pick<PrincipalRef, 'kind' | 'key'>): string => `principal:${p.kind}:${lower(p.key)}`
const group = (name: string, id?: string): string[] => [`group:${lower(name)}`, ...(id ? [`group-id:${id}`] : [])]
const aim = (p: AimRef): string => `aim:${p.kind}:${lower(p.externalId)}`
const inWorkspace = (workspaceId: string, subject: string): string => `workspace:${workspaceId}:${subject}`
const changes = (...subjects: string[]): Subjects => ({ changes: subjects })

/** By kind (a kind without an entry does not compile): what it changes and reads, as registry-like keys. */
const SUBJECTS: { [K in OperationKind]: (op: OperationOf<K>) => Subjects } = {
  'create-user': (op) => changes(principal({ kind: 'user', key: op.userName })),
  'create-service-principal': (op) => changes(principal({ kind: 'servicePrincipal', key: op.applicationId })),
  'create-group': (op) => changes(...group(op.displayName)),
  'resolve-principal': (op) => changes(aim(op.principal)),
  'rename-group': (op) => changes(...group(op.from, op.groupId), ...group(op.to)),
  'update-display-name': (op) => changes(principal(op.principal)),
  reactivate: (op) => changes(principal(op.principal)),
  'set-group-entitlements': (op) => changes(...group(op.group, op.groupId)),
  'add-entitlements': (op) => changes(principal(op.principal)),
  'add-deny-rule': (op) => changes(aim(op.principal)),
  'add-members': (op) => ({ changes: group(op.group, op.groupId), reads: op.members.map(principal) }),
  'assign-to-workspace': (op) => ({
    changes: [inWorkspace(op.workspaceId, `group:${lower(op.group)}`)],
    reads: group(op.group, op.groupId)
  }),
  'assign-principal': (op) => ({
    changes: [inWorkspace(op.workspaceId, aim(op.principal))],
    reads: [aim(op.principal)]
  }),
  'set-workspace-entitlements': (op) => ({
    changes: [inWorkspace(op.workspaceId, aim(op.principal))],
    reads: [aim(op.principal)]
  }),
  'remove-members': (op) => ({ changes: group(op.group, op.groupId), reads: op.members.map(principal) }),
  'unassign-from-workspace': (op) => ({
    changes: [inWorkspace(op.workspaceId, `group:${lower(op.group)}`)],
    reads: group(op.group, op.groupId)
  }),
  'unassign-principal': (op) => ({
    changes: [inWorkspace(op.workspaceId, aim(op.principal))],
    reads: [aim(op.principal)]
  }),
  'remove-deny-rule': (op) => changes(aim(op.principal)),
  deactivate: (op) => changes(principal(op.principal)),
  delete: (op) => changes(principal(op.principal))
}

function subjectsOf(op: Operation): Subjects {
  return (SUBJECTS[op.kind] as (op: Operation) => Subjects)(op)
}

/** How apply runs a list of operations (indices into it). */
export interface OperationSchedule {
  /** The operations each one waits for: those of earlier phases that change what it changes or reads. */
  after: number[][]
  /**
   * Which of the ready operations of a phase starts first (lowest first): an operation comes right after what it
   * waits for, and what nothing waits for last, so the first group's creates come first, then its add, and so on.
   */
  rank: number[]
  /** Each operation's phase (index in PHASES). */
  phase: number[]
}

export function scheduleOf(operations: readonly Operation[]): OperationSchedule {
  const phase = operations.map((op) => PHASES.indexOf(phaseOf(op)))
  const subjects = operations.map(subjectsOf)
  const changers = new Map<string, number[]>()
  subjects.forEach((s, i) => {
    for (const subject of s.changes) {
      const list = changers.get(subject)
      if (list) list.push(i)
      else changers.set(subject, [i])
    }
  })
  const after = subjects.map((s, i) => {
    const waits = new Set<number>()
    for (const subject of [...s.changes, ...(s.reads ?? [])]) {
      for (const j of changers.get(subject) ?? []) if (phase[j]! < phase[i]!) waits.add(j)
    }
    return [...waits]
  })
  // Depth-first from what waits (in plan order), each operation after what it waits for; then the rest.
  const rank = operations.map(() => -1)
  let next = 0
  const visit = (i: number): void => {
    if (rank[i] !== -1) return
    for (const j of after[i]!) visit(j) // edges go to earlier phases only: no cycle
    rank[i] = next++
  }
  after.forEach((waits, i) => waits.length > 0 && visit(i))
  operations.forEach((_, i) => visit(i))
  return { after, rank, phase }
}
