// Whom a plan would add, confirmed with the source before anything is planned for real. A source that answers from a
// cache it does not fully trust (Entra's state file, which anyone who can write the repository's caches can change)
// offers IdentitySource.confirm: each member the plan would create, add to a group, give entitlements to or
// reactivate is then read again from the service itself. Only adds are asked about, so a steady state (which adds
// no one) costs nothing more than a second, local plan.
import type { Operation } from '../core/operations.js'
import type { MappingInput, PrincipalKind, SourceGroupRead } from '../core/model.js'
import type { IdentitySource } from '../ports/identity-source.js'

export interface MappedRead {
  mapping: MappingInput
  read: SourceGroupRead
}

const keyOf = (kind: PrincipalKind, key: string): string => `${kind}\u0000${key.toLowerCase()}`

/** The principals (kind and key) that `operations` would create, add to a group, give access to or reactivate. */
export function addedPrincipals(operations: readonly Operation[]): Set<string> {
  const added = new Set<string>()
  for (const op of operations) {
    if (op.kind === 'create-user') added.add(keyOf('user', op.userName))
    else if (op.kind === 'create-service-principal') added.add(keyOf('servicePrincipal', op.applicationId))
    else if (op.kind === 'add-members') for (const m of op.members) added.add(keyOf(m.kind, m.key))
    else if (op.kind === 'add-entitlements' || op.kind === 'reactivate') {
      added.add(keyOf(op.principal.kind, op.principal.key))
    }
  }
  return added
}

/**
 * The reads as the source confirms them: for each read holding a member `plan` would add, the source's confirm with
 * those members' source ids. Reads without such a member are kept as they are.
 */
export async function confirmAdds(
  source: Required<Pick<IdentitySource, 'confirm'>>,
  mappings: readonly MappedRead[],
  plan: (mappings: readonly MappedRead[]) => readonly Operation[]
): Promise<MappedRead[]> {
  const added = addedPrincipals(plan(mappings))
  if (added.size === 0) return [...mappings]
  return Promise.all(
    mappings.map(async (m) => {
      const adds = new Set(m.read.members.filter((p) => added.has(keyOf(p.kind, p.key))).map((p) => p.sourceId))
      if (adds.size === 0) return m
      return { mapping: m.mapping, read: await source.confirm(m.read, m.mapping.nested, adds) }
    })
  )
}
