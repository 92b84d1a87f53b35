// The assignments port's writer over the account API's workspace permission assignments: one handler per kind
// the port writes (the table must cover them all, or this does not compile).
import type { Operation } from '../../core/operations.js'
import type { IdRegistry, OperationWriter } from '../../ports/writer.js'
import type { AssignmentsApi } from './assignments-client.js'
import { aimId } from './identity-api-writer.js'
import { requireId, writeOne, type Handlers } from './scim-writer.js'

export class AssignmentsWriter implements OperationWriter {
  constructor(private readonly api: AssignmentsApi) {}

  write(operations: readonly Operation[], ids: IdRegistry): Promise<void> {
    return writeOne(this.handlers, operations, ids, 'workspace assignments')
  }

  private readonly handlers: Handlers<'assignments'> = {
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
