// Enterprise apps from the gallery template: instantiate, the appearance delay, app references, PATCH of the SP.
import { randomUUID } from 'node:crypto'
import { denied, methodNotAllowed, notFound } from '../errors.js'
import { key } from '../ids.js'
import {
  DATABRICKS_CONNECTOR_TEMPLATE_ID,
  type ProvisioningRequest,
  type ProvisioningResponse,
  type ProvisioningSp
} from './api.js'
import { allowed, authorize, PROVISIONING_ROLES as roles } from './permissions.js'
import { badRequest, now, record, TEMPLATES, type AppRec, type ProvisioningStore } from './store.js'

/** Moves service principals whose delay has passed into the directory; the handler calls it on every request. */
export function tick(store: ProvisioningStore): void {
  if (store.pending.size === 0) return
  const t = Date.now()
  for (const app of store.pending) if (app.visibleAt <= t) reveal(store, app)
}

export function reveal(store: ProvisioningStore, app: AppRec): void {
  if (!store.pending.delete(app)) return
  app.visible = true
  store.host.addServicePrincipal(app.sp)
}

export function createApp(
  store: ProvisioningStore,
  templateId: string,
  displayName: string,
  ownerAppId: string | undefined,
  delayMs: number
): AppRec {
  const template = TEMPLATES.get(key(templateId))
  if (!template) throw notFound(templateId)
  const appId = randomUUID()
  const created = now()
  const sp: ProvisioningSp = {
    id: randomUUID(),
    appId,
    displayName,
    appRoles: template.appRoles(appId),
    tags: [...template.tags],
    applicationTemplateId: DATABRICKS_CONNECTOR_TEMPLATE_ID
  }
  const rec: AppRec = {
    application: { id: randomUUID(), appId, displayName },
    servicePrincipalId: sp.id,
    appId,
    displayName,
    templateId: key(templateId),
    ownerAppId,
    createdDateTime: created,
    visible: false,
    visibleAt: Date.now() + Math.max(0, delayMs),
    sp
  }
  store.apps.set(key(sp.id), rec)
  store.pending.add(rec)
  if (delayMs <= 0) reveal(store, rec)
  return rec
}

export function findApp(store: ProvisioningStore, ref: string): AppRec | undefined {
  const k = key(ref)
  const direct = store.apps.get(k)
  if (direct) return direct
  for (const a of store.apps.values()) if (key(a.appId) === k || key(a.application.id) === k) return a
  for (const a of store.apps.values()) if (key(a.displayName) === k) return a
  return undefined
}

/** A service principal key from a reference (an instantiated app's, else any directory object id). */
export function spKeyOf(store: ProvisioningStore, ref: string): string {
  return key(findApp(store, ref)?.servicePrincipalId ?? ref)
}

// ---- instantiate

export function instantiate(
  store: ProvisioningStore,
  req: ProvisioningRequest,
  templateId: string,
  delayMs: number
): ProvisioningResponse {
  if (req.method !== 'POST') throw methodNotAllowed(req.method)
  if (!allowed(req, roles.instantiate)) throw denied()
  const body = record(req.body, 'instantiate')
  const displayName = body.displayName
  if (typeof displayName !== 'string' || !displayName.trim()) {
    throw badRequest("The property 'displayName' is required.", 'BadRequest')
  }
  const rec = createApp(store, templateId, displayName, req.appId, delayMs)
  store.counters.instantiate++
  return {
    status: 201,
    body: {
      '@odata.context': `${req.origin}/v1.0/$metadata#microsoft.graph.applicationServicePrincipal`,
      application: {
        id: rec.application.id,
        appId: rec.appId,
        applicationTemplateId: DATABRICKS_CONNECTOR_TEMPLATE_ID,
        createdDateTime: rec.createdDateTime,
        displayName: rec.displayName,
        identifierUris: [],
        signInAudience: 'AzureADMyOrg',
        tags: [...rec.sp.tags],
        appRoles: rec.sp.appRoles.map((r) => ({ ...r }))
      },
      servicePrincipal: store.host.serialize(rec.sp)
    }
  }
}

// ---- service principal PATCH

const PATCHABLE: Record<string, (v: unknown) => boolean> = {
  tags: (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'),
  displayName: (v) => typeof v === 'string' && v.trim() !== '',
  accountEnabled: (v) => typeof v === 'boolean',
  appRoleAssignmentRequired: (v) => typeof v === 'boolean',
  notes: (v) => v === null || typeof v === 'string',
  description: (v) => v === null || typeof v === 'string',
  preferredSingleSignOnMode: (v) => v === null || typeof v === 'string'
}

export function patchSp(
  store: ProvisioningStore,
  req: ProvisioningRequest,
  resolve: () => ProvisioningSp
): ProvisioningResponse {
  const sp = authorize(store, req, roles.patch, resolve)
  const body = record(req.body, 'PATCH servicePrincipal')
  const patch: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(body)) {
    const name = Object.keys(PATCHABLE).find((p) => p.toLowerCase() === k.toLowerCase())
    if (!name) {
      throw badRequest(`Property '${k}' does not exist as a declared property or extension property.`)
    }
    if (!(PATCHABLE[name] as (v: unknown) => boolean)(v)) {
      throw badRequest(`Invalid value specified for property '${name}' of resource 'ServicePrincipal'.`)
    }
    patch[name] = Array.isArray(v) ? [...(v as string[])] : v
  }
  store.host.patchServicePrincipal(sp.id, patch)
  const app = store.apps.get(key(sp.id))
  if (app) {
    if (typeof patch.displayName === 'string') app.displayName = patch.displayName
    if (Array.isArray(patch.tags)) app.sp.tags = [...(patch.tags as string[])]
  }
  store.counters.patchServicePrincipal++
  return { status: 204 }
}
