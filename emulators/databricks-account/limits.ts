// The account's identity limits and its published per-endpoint rate limits.
import type { RateLimit } from '../server.js'

/** Identity limits the account API enforces. */
export interface AccountLimits {
  /** Users plus service principals in the account. */
  principals: number
  groups: number
  /** Direct group memberships of one principal (user, service principal or group). */
  membershipsPerPrincipal: number
}

/** Databricks' documented account limits. */
export const DEFAULT_ACCOUNT_LIMITS: Readonly<AccountLimits> = {
  principals: 10000,
  groups: 5000,
  membershipsPerPrincipal: 1500
}

const SCIM_PATH = String.raw`^/api/2\.0/accounts/[^/]+/scim/v2/(?:Users|Groups|ServicePrincipals)`
const ASSIGNMENTS_PATH = String.raw`^/api/2\.0/accounts/[^/]+/workspaces/[^/]+/permissionassignments`

/**
 * The published per-endpoint limits of the account API (Databricks "Resource limits", API rate limits: Account SCIM
 * API): SCIM PATCH 2/s, POST/PUT/DELETE 5/s, GET of one resource 20/s (one-second windows, Retry-After 1), and LIST
 * 240 a minute (a one-minute window; Retry-After: the seconds until it frees). Permission assignments get the same
 * write/read limits as SCIM (not published: an assumption).
 */
export const PUBLISHED_ACCOUNT_RATE_LIMITS: readonly RateLimit[] = [
  { limit: 2, windowMs: 1000, retryAfterSeconds: 1, methods: ['PATCH'], path: new RegExp(SCIM_PATH) },
  { limit: 5, windowMs: 1000, retryAfterSeconds: 1, methods: ['POST', 'PUT', 'DELETE'], path: new RegExp(SCIM_PATH) },
  { limit: 20, windowMs: 1000, retryAfterSeconds: 1, methods: ['GET'], path: new RegExp(`${SCIM_PATH}/[^/]+/?$`) },
  { limit: 240, windowMs: 60_000, methods: ['GET'], path: new RegExp(`${SCIM_PATH}/?$`) },
  { limit: 5, windowMs: 1000, retryAfterSeconds: 1, methods: ['PUT', 'DELETE'], path: new RegExp(ASSIGNMENTS_PATH) },
  { limit: 20, windowMs: 1000, retryAfterSeconds: 1, methods: ['GET'], path: new RegExp(ASSIGNMENTS_PATH) }
]
