// The account API's error formats: SCIM endpoints answer SCIM errors, the other endpoints `{ error_code, message }`.
import { scimErrorResponse } from '../databricks.js'
import type { RequestContext } from '../server.js'
import type { EmulatorResponse } from '../types.js'

export interface DatabricksErrorBody {
  error_code: string
  message: string
}

export function databricksError(status: number, errorCode: string, message: string): EmulatorResponse {
  const body: DatabricksErrorBody = { error_code: errorCode, message }
  return { status, body }
}

/** An error of a non-SCIM endpoint, answered as `{ error_code, message }`. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string
  ) {
    super(message)
    this.name = 'RestError'
  }
}

export const isScimPath = (path: string): boolean => /\/scim\/v2(\/|$)/.test(path)

export function scimResponse(status: number, detail: string, scimType?: string): EmulatorResponse {
  return { ...scimErrorResponse(status, detail, scimType), headers: { 'Content-Type': 'application/scim+json' } }
}

/** 429 of the account server: SCIM error on SCIM paths, REQUEST_LIMIT_EXCEEDED elsewhere. */
export function accountThrottled(retryAfterSeconds: number, request?: RequestContext): EmulatorResponse {
  const message = `Too many requests. Please retry after ${retryAfterSeconds} seconds.`
  return request && isScimPath(request.path)
    ? scimResponse(429, message)
    : databricksError(429, 'REQUEST_LIMIT_EXCEEDED', message)
}

/** 5xx of the account server, in the format of the endpoint. */
export function accountServerError(status: number, message: string, request?: RequestContext): EmulatorResponse {
  if (request && isScimPath(request.path)) return scimResponse(status, message)
  return databricksError(status, status === 503 ? 'TEMPORARILY_UNAVAILABLE' : 'INTERNAL_ERROR', message)
}
