// The Azure clouds the `cloud` input names (the names Azure/login's `environment` input and the Azure CLI use), and
// the endpoints each one sets together: the Entra authority (@azure/identity AzureAuthorityHosts), Microsoft Graph
// (Microsoft Graph docs, "National cloud deployments") and the Azure service management resource of the workspace
// onboarding headers (databricks-sdk-go common/environment/azure.go). Azure Databricks' Entra application,
// 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d, is the same in the three (databricks-sdk-go common/environment/environments.go).

export const CLOUD_NAMES = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const
export type CloudName = (typeof CLOUD_NAMES)[number]

export interface Cloud {
  authorityHost: string
  graphEndpoint: string
  /** The Azure service management resource (with its trailing slash, as the audience ARM expects). */
  managementResource: string
  /** Other hosts of the cloud's Entra authority and Graph, which an explicit input may name instead. */
  alsoAuthority: readonly string[]
  alsoGraph: readonly string[]
}

export const CLOUDS: Record<CloudName, Cloud> = {
  AzureCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    graphEndpoint: 'https://graph.microsoft.com',
    managementResource: 'https://management.core.windows.net/',
    alsoAuthority: [],
    alsoGraph: []
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    graphEndpoint: 'https://graph.microsoft.us',
    managementResource: 'https://management.core.usgovcloudapi.net/',
    alsoAuthority: [],
    // US Government L5 (DoD) has a Graph endpoint of its own.
    alsoGraph: ['https://dod-graph.microsoft.us']
  },
  AzureChinaCloud: {
    authorityHost: 'https://login.chinacloudapi.cn',
    graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
    managementResource: 'https://management.core.chinacloudapi.cn/',
    alsoAuthority: ['https://login.partner.microsoftonline.cn'],
    alsoGraph: []
  }
}

/** The cloud a name means, ignoring case (Azure/login lower-cases its environment input the same way). */
export function cloudNamed(name: string): CloudName | undefined {
  return CLOUD_NAMES.find((c) => c.toLowerCase() === name.toLowerCase())
}

/** The cloud whose Entra authority (or Graph endpoint) an origin is; undefined for any other host. */
export function cloudOf(kind: 'authority' | 'graph', origin: string): CloudName | undefined {
  return CLOUD_NAMES.find((name) => {
    const cloud = CLOUDS[name]
    const hosts =
      kind === 'authority' ? [cloud.authorityHost, ...cloud.alsoAuthority] : [cloud.graphEndpoint, ...cloud.alsoGraph]
    return hosts.includes(origin)
  })
}
