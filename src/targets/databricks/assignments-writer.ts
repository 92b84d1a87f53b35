// The assignments port's writer over the account API's workspace permission assignments: one handler per kind
// the port writes (the table must cover them all, or this does not compile).
import type { KindsOf, Operation, OperationOf } from '../../core/operations.js'
import type { IdRegistry, OperationWriter } from '../../ports/writer.js'
import type { AssignmentsApi } from './assignments-client.js'
import { aimId } from './identity-api-writer.js'
import { requireId } from './scim-writer.js'

type Handler<K extends KindsOf<'assignments'>> = (op: OperationOf<K>, ids: IdRegistry) => Promise<void>

export class AssignmentsWriter implements OperationWriter {
  constructor(private readonly api: AssignmentsApi) {}

  async write(operations: readonly Operation[], ids: IdRegistry): Promise<void> {
    const [op] = operations
    const handler = op && (this.handlers as Record<string, Handler<KindsOf<'assignments'>> | undefined>)[op.kind]
    if (!op || !handler || operations.length > 1) {
      throw new Error(`internal error: ${op?.kind ?? 'nothing'} is not written through workspace assignments`)
    }
    await handler(op as OperationOf<KindsOf<'assignments'>>, ids)
  }

  private readonly handlers: { [K in KindsOf<'assignments'>]: Handler<K> } = {
    'assign-to-workspace': async (op, ids) => {
      const groupId = requireId(ids.group(op.group, op.groupId), `group ${op.group}`)
      await this.api.assign(op.workspaceId, groupId, [op.permission])
    },
    'unassign-from-workspace': (op) => this.api.unassign(op.workspaceId, op.groupId),
    // Accounts with automatic identity management: groups and service principals by id; one resolved in this run
    // has its id in the registry under its Entra object id.
    'assign-principal': async (op, ids) => {
      const id = requireId(aimId(op.principal, ids), `${op.principal.kind} ${op.principal.name}`)
      await this.api.assign(op.workspaceId, id, [op.permission])
    },
    'unassign-principal': (op) => this.api.unassign(op.workspaceId, op.principal.id)
  }
}
