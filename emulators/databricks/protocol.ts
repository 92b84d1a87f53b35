// SCIM as Databricks speaks it: resource id, base path, schema URNs, entitlements, page size, and ScimError.
import type { EmulatorResponse } from '../types.js'

/** Entra application id of Azure Databricks: audience of the Entra tokens the workspace accepts. */
export const DATABRICKS_RESOURCE_ID = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d'
export const WORKSPACE_SCIM_BASE = '/api/2.0/preview/scim/v2'

export const SCIM_SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  servicePrincipal: 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error'
} as const

export const KNOWN_ENTITLEMENTS: readonly string[] = [
  'workspace-access',
  'databricks-sql-access',
  'allow-cluster-create',
  'allow-instance-pool-create',
  'workspace-consume'
]
/** Default entitlements of the built-in `users` group of a new workspace. */
export const USERS_GROUP_ENTITLEMENTS: readonly string[] = ['workspace-access', 'databricks-sql-access']
/**
 * Largest page a list returns, whatever `count` asks (also the default): the SCIM list references give `count`
 * "Constraints: <= 100" (docs.databricks.com/api/scim/v1/list-users).
 */
export const MAX_PAGE_SIZE = 100

// ---------------------------------------------------------------------------------------------------------
// Errors

export type ScimType =
  | 'invalidFilter'
  | 'invalidPath'
  | 'invalidSyntax'
  | 'invalidValue'
  | 'mutability'
  | 'noTarget'
  | 'uniqueness'
  | 'tooMany'

/** An error answered as a SCIM Error message. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType
  ) {
    super(detail)
    this.name = 'ScimError'
  }
}

export interface ScimErrorBody {
  schemas: string[]
  detail: string
  status: string
  scimType?: string
}

export function scimErrorResponse(status: number, detail: string, scimType?: string): EmulatorResponse {
  const body: ScimErrorBody = { schemas: [SCIM_SCHEMAS.error], detail, status: String(status) }
  if (scimType) body.scimType = scimType
  return { status, body }
}
