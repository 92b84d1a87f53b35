// The identity-api port's writer over the account identity API (identity-api-client.ts): one handler per kind the
// port writes (the table must cover them all, or this does not compile). A principal resolved in this run is
// recorded in the registry under its Entra object id, so later operations (and steps) find its account id.
import { aimIdKey } from '../../core/aim.js'
import type { AimRef } from '../../core/model.js'
import type { Operation } from '../../core/operations.js'
import type { IdRegistry, OperationWriter } from '../../ports/writer.js'
import { API_ENTITLEMENTS, WORKSPACE_ADMIN, type IdentityApi } from './identity-api-client.js'
import { requireId, writeOne, type Handlers } from './scim-writer.js'

/** The account id of an AIM principal: on the reference, or recorded when this run resolved it. */
export function aimId(principal: AimRef, ids: IdRegistry): string | undefined {
  if (principal.id) return principal.id
  const key = aimIdKey(principal.externalId)
  return principal.kind === 'group'
    ? ids.group(key, undefined)
    : ids.principal({ kind: principal.kind, key, display: '' })
}

/** Records the account id of a principal resolved in this run. */
export function recordAimId(principal: AimRef, id: string, ids: IdRegistry): void {
  const key = aimIdKey(principal.externalId)
  if (principal.kind === 'group') ids.setGroup(key, id)
  else ids.setPrincipal(principal.kind, key, id)
}

export class IdentityApiWriter implements OperationWriter {
  constructor(private readonly api: IdentityApi) {}

  write(operations: readonly Operation[], ids: IdRegistry): Promise<void> {
    return writeOne(this.handlers, operations, ids, 'the identity API')
  }

  private readonly handlers: Handlers<'identity-api'> = {
    'resolve-principal': async (op, ids) => {
      const resolved = await this.api.resolve(op.principal.kind, op.principal.externalId)
      recordAimId(op.principal, resolved.id, ids)
    },
    'add-deny-rule': (op) => this.api.createDenyRule(op.principal.externalId),
    'remove-deny-rule': (op) => this.api.deleteDenyRule(op.principal.externalId),
    'set-workspace-entitlements': async (op, ids) => {
      const id = requireId(aimId(op.principal, ids), `${op.principal.kind} ${op.principal.name}`)
      // The API sets exactly the set sent: an ADMIN's admin entitlement goes with it, or the permission would go.
      const entitlements = op.entitlements.map((e) => API_ENTITLEMENTS[e])
      if (op.permission === 'ADMIN') entitlements.push(WORKSPACE_ADMIN)
      await this.api.setWorkspaceEntitlements(op.workspaceId, id, entitlements)
    }
  }
}
