// App role assignments of an enterprise app: appRoleAssignedTo list (paged), create, read and delete.
import { randomBytes } from 'node:crypto'
import { badSegment, methodNotAllowed, notFound } from '../errors.js'
import { PAGE_DEFAULT, PAGE_MAX } from '../http.js'
import { GUID, key } from '../ids.js'
import {
  DEFAULT_ACCESS_ROLE_ID,
  type AppRoleAssignmentView,
  type ProvisioningRequest,
  type ProvisioningResponse,
  type ProvisioningSp
} from './api.js'
import { authorize, PROVISIONING_ROLES as roles } from './permissions.js'
import { badRequest, record, type ProvisioningStore } from './store.js'

function paged<T>(req: ProvisioningRequest, items: T[], path: string, context: string): ProvisioningResponse {
  const rawTop = req.query.get('top')
  let top = PAGE_DEFAULT
  if (rawTop !== undefined) {
    if (!/^\d+$/.test(rawTop.trim()) || Number(rawTop) < 1 || Number(rawTop) > PAGE_MAX) {
      throw badRequest(`Invalid page size specified: '${rawTop}'. Must be between 1 and ${PAGE_MAX} inclusive.`)
    }
    top = Number(rawTop)
  }
  let start = 0
  const skip = req.query.get('skiptoken')
  if (skip !== undefined) {
    const m = /^X'([0-9a-f]+)'$/i.exec(skip)
    if (!m) throw badRequest(`Invalid $skiptoken value: '${skip}'.`)
    start = parseInt(m[1] as string, 16)
  }
  const body: Record<string, unknown> = { '@odata.context': `${req.origin}/v1.0/$metadata#${context}` }
  if (start + top < items.length) {
    const token = `X'${(start + top).toString(16).padStart(8, '0')}'`
    body['@odata.nextLink'] = `${req.origin}/v1.0/${path}?$top=${top}&$skiptoken=${encodeURIComponent(token)}`
  }
  body.value = items.slice(start, start + top)
  return { status: 200, body }
}

export function assignmentsRoute(
  store: ProvisioningStore,
  req: ProvisioningRequest,
  rest: string[],
  resolve: () => ProvisioningSp
): ProvisioningResponse {
  const write = req.method !== 'GET'
  const sp = authorize(store, req, write ? roles.assignmentsWrite : roles.assignmentsRead, resolve)
  const list = store.assignments.get(key(sp.id)) ?? []
  const [assignmentId, extra] = rest
  if (extra !== undefined) throw badSegment(extra)
  if (assignmentId === undefined) {
    if (req.method === 'GET') {
      return paged(req, list, `servicePrincipals/${sp.id}/appRoleAssignedTo`, 'appRoleAssignments')
    }
    if (req.method !== 'POST') throw methodNotAllowed(req.method)
    return { status: 201, body: assign(store, req, sp) }
  }
  const a = list.find((x) => x.id === assignmentId)
  if (req.method === 'GET') {
    if (!a) throw notFound(assignmentId)
    return {
      status: 200,
      body: { '@odata.context': `${req.origin}/v1.0/$metadata#appRoleAssignments/$entity`, ...a }
    }
  }
  if (req.method !== 'DELETE') throw methodNotAllowed(req.method)
  if (!a) throw notFound(assignmentId)
  store.assignments.set(
    key(sp.id),
    list.filter((x) => x !== a)
  )
  store.counters.unassign++
  return { status: 204 }
}

function assign(store: ProvisioningStore, req: ProvisioningRequest, sp: ProvisioningSp): Record<string, unknown> {
  const body = record(req.body, 'appRoleAssignment')
  const { principalId, resourceId, appRoleId } = body
  for (const [name, v] of [
    ['principalId', principalId],
    ['resourceId', resourceId],
    ['appRoleId', appRoleId]
  ] as const) {
    if (typeof v !== 'string' || !GUID.test(v)) {
      throw badRequest(`Invalid value specified for property '${name}' of resource 'AppRoleAssignment'.`)
    }
  }
  if (key(resourceId as string) !== key(sp.id)) {
    throw badRequest(
      `The resourceId '${resourceId as string}' does not match the service principal '${sp.id}' of the request URL.`
    )
  }
  const principal = store.host.principal(principalId as string)
  if (!principal) throw notFound(principalId as string)
  const role = sp.appRoles.find((r) => key(r.id) === key(appRoleId as string) && r.isEnabled)
  const defaultAccess = sp.appRoles.length === 0 && appRoleId === DEFAULT_ACCESS_ROLE_ID
  if (!role && !defaultAccess) {
    throw badRequest(`Permission being assigned was not found on application '${sp.appId}'.`)
  }
  const list = store.assignments.get(key(sp.id)) ?? []
  if (list.some((a) => key(a.principalId) === key(principal.id) && key(a.appRoleId) === key(appRoleId as string))) {
    throw badRequest('Permission being assigned already exists on the object')
  }
  const view: AppRoleAssignmentView = {
    id: randomBytes(32).toString('base64url').slice(0, 43),
    deletedDateTime: null,
    appRoleId: role?.id ?? DEFAULT_ACCESS_ROLE_ID,
    createdDateTime: new Date().toISOString(),
    principalDisplayName: principal.displayName,
    principalId: principal.id,
    principalType: principal.kind === 'group' ? 'Group' : principal.kind === 'user' ? 'User' : 'ServicePrincipal',
    resourceDisplayName: sp.displayName,
    resourceId: sp.id
  }
  list.push(view)
  store.assignments.set(key(sp.id), list)
  store.counters.assign++
  return { '@odata.context': `${req.origin}/v1.0/$metadata#appRoleAssignments/$entity`, ...view }
}
