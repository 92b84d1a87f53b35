// How Azure Databricks lets in an Entra service principal that is not in the workspace yet: only a request that carries
// an Azure Resource Manager token of that same service principal (X-Databricks-Azure-SP-Management-Token) and the
// workspace's Azure resource id (X-Databricks-Azure-Workspace-Resource-Id), from a service principal with Contributor
// (or Owner) on the workspace resource, adds it as a workspace admin (Azure Databricks docs, "Get Microsoft Entra ID
// tokens for service principals"; the SDKs send the headers: databricks-sdk-go config/oauth_visitors.go,
// databricks-sdk-py databricks/sdk/azure.py). Anything else is 403 "User not authorized." (what Databricks answers an
// unknown principal, as users report it, e.g. databricks/terraform-provider-databricks#959).
import { stableGuid } from '../fixture.js'
import type { EmulatorRequest, TokenService } from '../types.js'

/** The audience Databricks takes: the SDKs' Azure service management endpoint of the public cloud, slash included. */
export const ARM_AUDIENCE = 'https://management.core.windows.net/'
export const SP_MANAGEMENT_TOKEN_HEADER = 'x-databricks-azure-sp-management-token'
export const WORKSPACE_RESOURCE_ID_HEADER = 'x-databricks-azure-workspace-resource-id'
export const NOT_AUTHORIZED = 'User not authorized.'

/** `/subscriptions/<guid of the tenant>/resourceGroups/rg-<name>/providers/Microsoft.Databricks/workspaces/<name>`. */
export function defaultAzureResourceId(tenantId: string, workspace: string): string {
  const name = workspace.replace(/[^A-Za-z0-9_-]+/g, '-')
  return `/subscriptions/${stableGuid('subscription', tenantId)}/resourceGroups/rg-${name}/providers/Microsoft.Databricks/workspaces/${name}`
}

/** Why a request was refused, or that it added its service principal. */
export type OnboardingOutcome =
  | 'added as workspace admin'
  | 'not in the workspace, no management token'
  | 'not in the workspace, no workspace resource id'
  | 'not in the workspace, no Contributor or Owner role on the workspace resource'
  | 'management token invalid'
  | 'management token for another audience'
  | 'management token of another service principal or tenant'
  | 'resource id of another workspace'

export interface OnboardingEvent {
  appId: string
  outcome: OnboardingOutcome
  at: string
}

export interface OnboardingContext {
  tenantId: string
  resourceId: string
  /** appIds with Contributor or Owner on the workspace resource. */
  contributors: ReadonlySet<string>
}

const header = (req: EmulatorRequest, name: string): string | undefined => {
  const value = req.headers[name]
  return (Array.isArray(value) ? value[0] : value) || undefined
}

/**
 * Checks the Azure headers a request carries. Sent headers must be right even for a principal the workspace knows
 * (stricter than documented: the docs do not say whether Databricks ignores them then). For an unknown principal,
 * `admit` says whether Databricks adds it as a workspace admin.
 */
export async function checkAzureHeaders(
  req: EmulatorRequest,
  appId: string,
  known: boolean,
  tokens: TokenService,
  ctx: OnboardingContext
): Promise<{ admit: boolean; outcome?: OnboardingOutcome }> {
  const resourceId = header(req, WORKSPACE_RESOURCE_ID_HEADER)
  const managementToken = header(req, SP_MANAGEMENT_TOKEN_HEADER)
  if (resourceId !== undefined && resourceId.toLowerCase() !== ctx.resourceId.toLowerCase()) {
    return { admit: false, outcome: 'resource id of another workspace' }
  }
  if (managementToken !== undefined) {
    const check = await tokens.verifyBearer(`Bearer ${managementToken}`, [ARM_AUDIENCE])
    if (!check.ok) {
      const audience = /audience/.test(check.reason)
      return { admit: false, outcome: audience ? 'management token for another audience' : 'management token invalid' }
    }
    const sameApp = (check.claims.appid || check.claims.azp).toLowerCase() === appId.toLowerCase()
    if (!sameApp || check.claims.tid.toLowerCase() !== ctx.tenantId.toLowerCase()) {
      return { admit: false, outcome: 'management token of another service principal or tenant' }
    }
  }
  if (known) return { admit: false }
  if (managementToken === undefined) return { admit: false, outcome: 'not in the workspace, no management token' }
  if (resourceId === undefined) return { admit: false, outcome: 'not in the workspace, no workspace resource id' }
  if (![...ctx.contributors].some((c) => c.toLowerCase() === appId.toLowerCase())) {
    return { admit: false, outcome: 'not in the workspace, no Contributor or Owner role on the workspace resource' }
  }
  return { admit: true, outcome: 'added as workspace admin' }
}
