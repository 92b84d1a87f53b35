// The two headers that let Azure Databricks add the action's service principal to a workspace on its own: an Azure
// Resource Manager token of that service principal (X-Databricks-Azure-SP-Management-Token) and the workspace's Azure
// resource id (X-Databricks-Azure-Workspace-Resource-Id). With the Contributor (or Owner) role on the workspace
// resource, Databricks makes it a workspace admin on its first request (Azure Databricks docs, "Get Microsoft Entra ID
// tokens for service principals"). Sent on every request, as the Databricks SDKs do once azure_workspace_resource_id
// is set (databricks-sdk-go config/oauth_visitors.go, databricks-sdk-py databricks/sdk/azure.py).
import type { TokenCredential } from '@azure/identity'
import type { Workspace } from '../config/types.js'
import { ActionError } from '../errors.js'
import { CLOUDS, type CloudName } from './clouds.js'

export const SP_MANAGEMENT_TOKEN_HEADER = 'X-Databricks-Azure-SP-Management-Token'
export const WORKSPACE_RESOURCE_ID_HEADER = 'X-Databricks-Azure-Workspace-Resource-Id'

/**
 * The Azure service management resource of each cloud, picked from the workspace host's DNS zone as the Databricks SDKs
 * pick their Azure environment (databricks-sdk-go common/environment/environments.go and azure.go). Any other host (the
 * local emulators, a private domain) is taken to be in the cloud of the `cloud` input.
 */
const MANAGEMENT_RESOURCES: readonly (readonly [zone: string, resource: string])[] = [
  ['.databricks.azure.us', 'https://management.core.usgovcloudapi.net/'],
  ['.databricks.azure.cn', 'https://management.core.chinacloudapi.cn/'],
  ['.azuredatabricks.net', 'https://management.core.windows.net/']
]
/** The management resource of a host in no known zone (a private domain, the emulators): the cloud input's. */
export function managementResource(host: string, cloud: CloudName = 'AzureCloud'): string {
  const hostname = new URL(host).hostname.toLowerCase()
  return MANAGEMENT_RESOURCES.find(([zone]) => hostname.endsWith(zone))?.[1] ?? CLOUDS[cloud].managementResource
}

/**
 * The token scope of that resource. Its trailing slash stays, hence `//.default`: Azure Resource Manager expects the
 * slash in the token's audience, and Entra takes everything before the last slash as the resource (Microsoft identity
 * platform docs, "Scopes for a web API accepting v1.0 tokens").
 */
export function managementScope(host: string, cloud?: CloudName): string {
  return `${managementResource(host, cloud)}/.default`
}

/** Returns the headers to add to a request (the token is cached and refreshed by the credential). */
export type HeaderProvider = () => Promise<Record<string, string>>

/**
 * The headers for a workspace with `azure-resource-id` and auth: entra; undefined otherwise (a PAT is not the service
 * principal's own token, so Databricks would have nobody to add).
 */
export function azureWorkspaceHeaders(
  workspace: Pick<Workspace, 'name' | 'host' | 'auth' | 'azureResourceId'>,
  credential: TokenCredential | undefined,
  cloud?: CloudName
): HeaderProvider | undefined {
  const resourceId = workspace.azureResourceId
  if (!resourceId || workspace.auth !== 'entra' || !credential) return undefined
  const scope = managementScope(workspace.host, cloud)
  return async () => {
    const token = await credential.getToken(scope)
    if (!token) {
      throw new ActionError(`Entra ID returned no Azure Resource Manager token (workspace ${workspace.name}).`)
    }
    return { [WORKSPACE_RESOURCE_ID_HEADER]: resourceId, [SP_MANAGEMENT_TOKEN_HEADER]: token.token }
  }
}
