// Every operation kind a plan can hold, and one descriptor per kind: when apply runs it, how the circuit breaker
// counts it, how it sorts and reads, and which port writes it. The table is typed so that a kind without a complete
// descriptor does not compile; the order, the phases, the breaker's count and the one-line description are all
// derived from it. Adding a kind: add it to `Operation`, add its entry here, and handle it in the writer of its port.
import type { AimKind, AimRef, Entitlement, PrincipalKind, PrincipalRef, WorkspacePermission } from './model.js'

export type Operation =
  | { kind: 'create-user'; userName: string; displayName: string; externalId: string; entitlements: Entitlement[] }
  | {
      kind: 'create-service-principal'
      applicationId: string
      displayName: string
      externalId: string
      entitlements: Entitlement[]
    }
  | { kind: 'create-group'; displayName: string; externalId: string; entitlements: Entitlement[] }
  | { kind: 'rename-group'; groupId: string; from: string; to: string }
  | { kind: 'update-display-name'; principal: PrincipalRef; from: string; to: string }
  | { kind: 'add-members'; group: string; groupId?: string; members: PrincipalRef[] }
  | { kind: 'remove-members'; group: string; groupId: string; members: PrincipalRef[] }
  | { kind: 'set-group-entitlements'; group: string; groupId?: string; add: Entitlement[]; remove: Entitlement[] }
  | { kind: 'add-entitlements'; principal: PrincipalRef; add: Entitlement[] }
  | { kind: 'reactivate'; principal: PrincipalRef }
  | { kind: 'deactivate'; principal: PrincipalRef }
  | { kind: 'delete'; principal: PrincipalRef }
  | {
      kind: 'assign-to-workspace'
      workspace: string
      workspaceId: string
      group: string
      /** Account group id; resolved during apply when the group is created in the same run. */
      groupId?: string
      permission: WorkspacePermission
    }
  | { kind: 'unassign-from-workspace'; workspace: string; workspaceId: string; group: string; groupId: string }
  // Accounts with automatic identity management (AIM): principals resolved by their source object id, assigned by id.
  | { kind: 'resolve-principal'; principal: AimRef }
  | { kind: 'add-deny-rule'; principal: AimRef }
  | { kind: 'remove-deny-rule'; principal: AimRef }
  | {
      kind: 'assign-principal'
      workspace: string
      workspaceId: string
      principal: AimRef
      permission: WorkspacePermission
    }
  | { kind: 'unassign-principal'; workspace: string; workspaceId: string; principal: AimRef & { id: string } }
  | {
      kind: 'set-workspace-entitlements'
      workspace: string
      workspaceId: string
      principal: AimRef
      /** Its permission there: an ADMIN keeps its admin entitlement when the others are set. */
      permission: WorkspacePermission
      /** The whole set it gets directly (the API sets exactly this), and what it had. */
      entitlements: Entitlement[]
      from: Entitlement[]
    }

export type OperationKind = Operation['kind']
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>

/**
 * Apply runs phase by phase: later phases may need ids that earlier ones create, a workspace gets a group once its
 * members are in (they can use it from the first moment), and removals come last.
 */
export const PHASES = ['create', 'update', 'add', 'assign', 'entitle', 'remove', 'retire'] as const
export type Phase = (typeof PHASES)[number]

/** The ports that write operations: a target's identity API, and the account's workspace assignments. */
export const PORTS = {
  identities: {
    missing: 'identity changes need the identity API (internal error: apply was given no identity writer)'
  },
  assignments: {
    missing: 'workspace assignments need the account API (internal error: apply was given no assignments client)'
  },
  'identity-api': {
    missing:
      'resolving principals, denylist rules and workspace entitlements need the account identity API (internal error: apply was given no identity API writer)'
  }
} as const
export type Port = keyof typeof PORTS

export interface OperationDescriptor<K extends OperationKind> {
  phase: Phase
  port: Port
  /** Removals it makes, as the circuit breaker counts them: every destructive kind must say how many. */
  removals: (op: OperationOf<K>) => number
  /** The name or key it is ordered by inside its kind. */
  sortKey: (op: OperationOf<K>) => string
  /** One line of plain text (escaped by whoever renders it). */
  describe: (op: OperationOf<K>) => string
}

const none = (): number => 0
const one = (): number => 1
const lower = (text: string): string => text.toLowerCase()
const byPrincipal = (op: { principal: PrincipalRef }): string =>
  `${op.principal.key.toLowerCase()}\u0000${op.principal.kind}`
const byAssignment = (op: { workspace: string; group: string }): string =>
  `${op.workspace.toLowerCase()}\u0000${op.group.toLowerCase()}`

export const kindLabel = (kind: PrincipalKind): string => (kind === 'user' ? 'user' : 'service principal')
const principalText = (p: PrincipalRef): string => `${kindLabel(p.kind)} ${p.display || p.key}`
export const aimKindLabel = (kind: AimKind): string => (kind === 'group' ? 'group' : kindLabel(kind))
const aimText = (p: AimRef): string => `${aimKindLabel(p.kind)} ${p.name}`
const byAim = (op: { principal: AimRef }): string =>
  `${op.principal.name.toLowerCase()}\u0000${op.principal.externalId}`
const byAimAssignment = (op: { workspace: string; principal: AimRef }): string =>
  `${op.workspace.toLowerCase()}\u0000${byAim(op)}`
const members = (n: number): string => `${n} member${n === 1 ? '' : 's'}`

/** Entries are listed in the order plans, apply and the summary list the kinds. */
export const OPERATIONS = {
  'create-user': {
    phase: 'create',
    port: 'identities',
    removals: none,
    sortKey: (op) => lower(op.userName),
    describe: (op) => `create user ${op.userName}`
  },
  'create-service-principal': {
    phase: 'create',
    port: 'identities',
    removals: none,
    sortKey: (op) => lower(op.applicationId),
    describe: (op) => `create service principal ${op.displayName} (${op.applicationId})`
  },
  'create-group': {
    phase: 'create',
    port: 'identities',
    removals: none,
    sortKey: (op) => lower(op.displayName),
    describe: (op) => `create group ${op.displayName}`
  },
  'resolve-principal': {
    phase: 'create',
    port: 'identity-api',
    removals: none,
    sortKey: byAim,
    describe: (op) => `resolve ${aimText(op.principal)} (${op.principal.externalId}) in the account`
  },
  'rename-group': {
    phase: 'update',
    port: 'identities',
    removals: none,
    sortKey: (op) => lower(op.to),
    describe: (op) => `rename group ${op.from} to ${op.to}`
  },
  'update-display-name': {
    phase: 'update',
    port: 'identities',
    removals: none,
    sortKey: byPrincipal,
    describe: (op) => `rename ${kindLabel(op.principal.kind)} ${op.principal.key} from ${op.from} to ${op.to}`
  },
  reactivate: {
    phase: 'update',
    port: 'identities',
    removals: none,
    sortKey: byPrincipal,
    describe: (op) => `reactivate ${principalText(op.principal)}`
  },
  'set-group-entitlements': {
    phase: 'update',
    port: 'identities',
    removals: none,
    sortKey: (op) => lower(op.group),
    describe: (op) =>
      `set entitlements of group ${op.group} (+${op.add.join(', +') || '—'}; -${op.remove.join(', -') || '—'})`
  },
  'add-entitlements': {
    phase: 'update',
    port: 'identities',
    removals: none,
    sortKey: byPrincipal,
    describe: (op) => `add entitlements ${op.add.join(', ')} to ${principalText(op.principal)}`
  },
  'add-deny-rule': {
    phase: 'update',
    port: 'identity-api',
    removals: none,
    sortKey: byAim,
    describe: (op) => `deny ${aimText(op.principal)} (${op.principal.externalId}) access to the account`
  },
  'add-members': {
    phase: 'add',
    port: 'identities',
    removals: none,
    sortKey: (op) => lower(op.group),
    describe: (op) => `add ${members(op.members.length)} to group ${op.group}`
  },
  'assign-to-workspace': {
    phase: 'assign',
    port: 'assignments',
    removals: none,
    sortKey: byAssignment,
    describe: (op) => `assign group ${op.group} to workspace ${op.workspace} as ${op.permission}`
  },
  'assign-principal': {
    phase: 'assign',
    port: 'assignments',
    removals: none,
    sortKey: byAimAssignment,
    describe: (op) => `assign ${aimText(op.principal)} to workspace ${op.workspace} as ${op.permission}`
  },
  'set-workspace-entitlements': {
    phase: 'entitle',
    port: 'identity-api',
    removals: none,
    sortKey: byAimAssignment,
    describe: (op) =>
      `set entitlements of ${aimText(op.principal)} in workspace ${op.workspace} to ${op.entitlements.join(', ') || 'none'}`
  },
  'remove-members': {
    phase: 'remove',
    port: 'identities',
    removals: (op) => op.members.length,
    sortKey: (op) => lower(op.group),
    describe: (op) => `remove ${members(op.members.length)} from group ${op.group}`
  },
  'unassign-from-workspace': {
    phase: 'remove',
    port: 'assignments',
    removals: one,
    sortKey: byAssignment,
    describe: (op) => `unassign group ${op.group} from workspace ${op.workspace}`
  },
  'unassign-principal': {
    phase: 'remove',
    port: 'assignments',
    removals: one,
    sortKey: byAimAssignment,
    describe: (op) => `unassign ${aimText(op.principal)} from workspace ${op.workspace}`
  },
  'remove-deny-rule': {
    phase: 'remove',
    port: 'identity-api',
    // Lifting a rule lets principals back into the account: the breaker counts it.
    removals: one,
    sortKey: byAim,
    describe: (op) => `lift the denylist rule of ${aimText(op.principal)} (${op.principal.externalId})`
  },
  deactivate: {
    phase: 'retire',
    port: 'identities',
    removals: one,
    sortKey: byPrincipal,
    describe: (op) => `deactivate ${principalText(op.principal)}`
  },
  delete: {
    phase: 'retire',
    port: 'identities',
    removals: one,
    sortKey: byPrincipal,
    describe: (op) => `delete ${principalText(op.principal)}`
  }
} as const satisfies { [K in OperationKind]: OperationDescriptor<K> }

/** The descriptor of an operation's kind, typed for that operation. */
export function descriptorOf<K extends OperationKind>(op: OperationOf<K>): OperationDescriptor<K> {
  return OPERATIONS[op.kind] as unknown as OperationDescriptor<K>
}

/** The kinds a port writes: its writer's table of handlers must cover exactly these. */
export type KindsOf<P extends Port> = {
  [K in OperationKind]: (typeof OPERATIONS)[K]['port'] extends P ? K : never
}[OperationKind]

/** The order plans list (and apply runs) operation kinds in. */
export const OPERATION_ORDER = Object.keys(OPERATIONS) as OperationKind[]

export const phaseOf = (op: Operation): Phase => OPERATIONS[op.kind].phase
export const portOf = (op: Operation): Port => OPERATIONS[op.kind].port
export const removalsOf = (op: Operation): number => descriptorOf(op).removals(op)
export const describeOperation = (op: Operation): string => descriptorOf(op).describe(op)
export const operationSortKey = (op: Operation): string => descriptorOf(op).sortKey(op)

export function compareOperations(a: Operation, b: Operation): number {
  const rank = OPERATION_ORDER.indexOf(a.kind) - OPERATION_ORDER.indexOf(b.kind)
  if (rank !== 0) return rank
  const ka = operationSortKey(a)
  const kb = operationSortKey(b)
  if (ka !== kb) return ka < kb ? -1 : 1
  const ja = JSON.stringify(a)
  const jb = JSON.stringify(b)
  return ja < jb ? -1 : ja > jb ? 1 : 0
}
