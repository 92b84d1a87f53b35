// The bearer token for a workspace's SCIM API: an Entra token for the AzureDatabricks resource, or a PAT
// kept in Key Vault.
import type { TokenCredential } from '@azure/identity'
import type { Workspace } from '../config/types.js'
import { ActionError } from '../errors.js'
import type { SecretReader } from './keyvault.js'

/** The AzureDatabricks first-party application, the same id in every cloud. */
export const DATABRICKS_RESOURCE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d'
export const DATABRICKS_SCOPE = `${DATABRICKS_RESOURCE}/.default`

/** Returns a current bearer token each call (Entra tokens are cached and refreshed by the credential). */
export type TokenProvider = () => Promise<string>

export function databricksToken(
  workspace: Pick<Workspace, 'name' | 'auth' | 'tokenSecret'>,
  credential: TokenCredential | undefined,
  secrets: SecretReader | undefined
): TokenProvider {
  if (workspace.auth === 'pat') {
    const secretId = workspace.tokenSecret
    if (!secretId || !secrets) {
      throw new ActionError(
        `Workspace ${workspace.name} uses auth: pat, which needs token-secret and an Entra sign-in to read Key Vault.`,
        'Set token-secret in the config and the tenant-id/client-id inputs.'
      )
    }
    return async () => (await secrets.read(secretId)).value
  }
  if (!credential) {
    throw new ActionError(
      `Workspace ${workspace.name} uses auth: entra, which needs an Entra sign-in.`,
      'Set the tenant-id and client-id inputs (and `permissions: id-token: write`).'
    )
  }
  return async () => {
    const token = await credential.getToken(DATABRICKS_SCOPE)
    if (!token) throw new ActionError(`Entra ID returned no token for Azure Databricks (workspace ${workspace.name}).`)
    return token.token
  }
}
