// The SCIM resource routes the workspace and account APIs share: {Users|ServicePrincipals|Groups}[/{id}].
import type { EmulatorRequest, EmulatorResponse } from '../types.js'
import { attributeSelector } from './attributes.js'
import { SCIM_SCHEMAS, ScimError, scimErrorResponse } from './protocol.js'
import type { ResourceKind, ScimListResponse } from './records.js'
import type { ScimStore } from './store.js'

export interface ScimRouteOptions {
  /** Whether group lists carry `members` (workspace API: yes; account API: no, GET each group). */
  listGroupMembers: boolean
}

const KIND_BY_SEGMENT: Record<string, ResourceKind> = {
  Users: 'user',
  ServicePrincipals: 'servicePrincipal',
  Groups: 'group'
}

/**
 * Serves `{Users|ServicePrincipals|Groups}[/{id}]` (segments after the SCIM base path) from a store.
 * Returns undefined when the segments name no SCIM resource. Throws ScimError for SCIM errors.
 */
export function routeScim(
  store: ScimStore,
  req: EmulatorRequest,
  segments: string[],
  options: ScimRouteOptions
): EmulatorResponse | undefined {
  const kind = KIND_BY_SEGMENT[segments[0] ?? '']
  if (!kind || segments.length > 2) return undefined
  const method = req.method.toUpperCase()
  const params = req.url.searchParams
  if (segments.length === 1) {
    if (method === 'GET') {
      const excluded = params.get('excludedAttributes')
      const include = attributeSelector(
        params.get('attributes'),
        kind === 'group' && !options.listGroupMembers ? [excluded, 'members'].filter((x) => x).join(',') : excluded
      )
      const sortOrder = params.get('sortOrder')
      const result = store.list(kind, {
        filter: params.get('filter') ?? undefined,
        startIndex: intParam(params, 'startIndex'),
        count: intParam(params, 'count'),
        sortBy: params.get('sortBy') ?? undefined,
        sortOrder: sortOrder?.toLowerCase() === 'descending' ? 'descending' : 'ascending'
      })
      const body: ScimListResponse = {
        schemas: [SCIM_SCHEMAS.listResponse],
        totalResults: result.totalResults,
        startIndex: result.startIndex,
        itemsPerPage: result.items.length
      }
      if (result.items.length) body.Resources = result.items.map((r) => store.render(r, include))
      return { status: 200, body }
    }
    if (method === 'POST') return { status: 201, body: store.render(store.create(kind, requestBody(req))) }
    return methodNotAllowed(req)
  }
  const id = segments[1]!
  switch (method) {
    case 'GET':
      return {
        status: 200,
        body: store.render(
          store.get(kind, id),
          attributeSelector(params.get('attributes'), params.get('excludedAttributes'))
        )
      }
    case 'PUT':
      return { status: 200, body: store.render(store.replace(kind, id, requestBody(req))) }
    case 'PATCH':
      return { status: 200, body: store.render(store.patch(kind, id, requestBody(req))) }
    case 'DELETE':
      store.delete(kind, id)
      return { status: 204 }
    default:
      return methodNotAllowed(req)
  }
}

export function methodNotAllowed(req: EmulatorRequest): EmulatorResponse {
  return scimErrorResponse(405, `Method ${req.method} is not allowed on ${req.url.pathname}.`)
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const v = params.get(name)
  if (v === null || v.trim() === '') return undefined
  if (!/^-?\d+$/.test(v.trim())) throw new ScimError(400, `${name} must be an integer.`, 'invalidValue')
  return Number(v)
}

/** The JSON body (parsed by the server for application/json; parsed here for application/scim+json). */
function requestBody(req: EmulatorRequest): unknown {
  if (req.body !== undefined) return req.body
  if (req.rawBody.trim() === '') throw new ScimError(400, 'A JSON request body is required.', 'invalidSyntax')
  try {
    return JSON.parse(req.rawBody) as unknown
  } catch {
    throw new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax')
  }
}
