// The clients of an account with automatic identity management, built for the composition root (wiring.ts): the
// account SCIM reads, the workspace permission assignments and the identity API, all with the account's token; and a
// workspace's group list for the readiness check.
import type { TokenProvider } from '../../auth/databricks-token.js'
import type { Account, Workspace } from '../../config/types.js'
import { accountScimBase, PermissionAssignmentsClient } from './assignments-client.js'
import { DatabricksAimTarget } from './aim-target.js'
import { IdentityApiClient } from './identity-api-client.js'
import { accountRates, assignmentRates } from './pacer.js'
import { ScimClient, workspaceScimBase } from './scim-client.js'

export function aimAccountTarget(
  acc: Account,
  token: TokenProvider,
  clientId: string,
  signal: AbortSignal
): DatabricksAimTarget {
  const scim = new ScimClient({
    baseUrl: accountScimBase(acc.host, acc.id),
    token,
    workspace: `account ${acc.id}`,
    level: 'account',
    auth: 'entra',
    selfApplicationId: clientId,
    writeRates: accountRates(acc.rateLimits),
    signal
  })
  const assignments = new PermissionAssignmentsClient({
    host: acc.host,
    accountId: acc.id,
    token,
    writeRates: assignmentRates(acc.rateLimits),
    signal
  })
  const identity = new IdentityApiClient({ host: acc.host, accountId: acc.id, token, signal })
  return new DatabricksAimTarget(scim, assignments, identity)
}

/** Workspace SCIM's groups: `WorkspaceGroup` ones are workspace-local, `Group` ones the account's. */
export async function workspaceGroups(
  ws: Workspace,
  token: TokenProvider,
  signal: AbortSignal
): Promise<{ displayName: string; local: boolean }[]> {
  const scim = new ScimClient({ baseUrl: workspaceScimBase(ws.host), token, workspace: ws.name, auth: ws.auth, signal })
  return (await scim.listGroups()).map((g) => ({
    displayName: g.displayName,
    local: g.meta?.resourceType !== 'Group'
  }))
}
