// The bridge to the provisioning service: the directory as its ProvisioningHost, and request/answer conversion.
import type { EmulatorResponse } from '../types.js'
import type { Directory, SpObj } from './directory.js'
import { serialize, type Types } from './entity-types.js'
import { GraphHttpError } from './errors.js'
import { baseHeaders, type Ctx } from './http.js'
import { key } from './ids.js'
import type { GraphServicePrincipalPatch } from './model.js'
import type { ProvisioningHost, ProvisioningRequest } from './provisioning/api.js'

export function directoryHost(dir: Directory, types: Types): ProvisioningHost {
  return {
    tenantId: dir.tenantId,
    addServicePrincipal: (sp) => void dir.addServicePrincipal(sp),
    principal: (id) => {
      const o = dir.objects.get(key(id))
      // App roles are assigned to users, groups and service principals only.
      if (!o || o.kind === 'device' || o.kind === 'orgContact') return undefined
      return { id: o.id, displayName: o.displayName, kind: o.kind }
    },
    servicePrincipal: (id) => dir.sps.get(key(id)),
    patchServicePrincipal: (id, patch) => dir.setSp(dir.sp(id), patch as GraphServicePrincipalPatch),
    serialize: (sp) => {
      const obj: SpObj = {
        kind: 'servicePrincipal',
        ord: -1,
        createdSeq: 0,
        propsSeq: 0,
        accountEnabled: true,
        servicePrincipalType: 'Application',
        applicationTemplateId: null,
        ...sp
      }
      return serialize(types, obj, undefined, false)
    }
  }
}

export function provisioningRequest(ctx: Ctx): ProvisioningRequest {
  let body = ctx.req.body
  if (body === undefined && ctx.req.rawBody.trim()) {
    try {
      body = JSON.parse(ctx.req.rawBody) as unknown
    } catch {
      throw new GraphHttpError(400, 'BadRequest', 'The request body is not valid JSON.')
    }
  }
  return {
    method: ctx.req.method.toUpperCase(),
    body,
    roles: ctx.roles,
    appId: ctx.appId,
    origin: ctx.origin,
    query: ctx.query
  }
}

export function provisioningResponse(ctx: Ctx, res: { status: number; body?: unknown }): EmulatorResponse {
  const headers = baseHeaders(ctx)
  if (res.body === undefined) {
    const { 'content-type': _omit, ...rest } = headers
    return { status: res.status, headers: rest }
  }
  return { status: res.status, headers, body: res.body }
}
