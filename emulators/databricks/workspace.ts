// A workspace's SCIM API (/api/2.0/preview/scim/v2): PAT and Entra admin auth (an unknown service principal gets in
// only through Azure's onboarding headers, see azure-onboarding.ts), /Me, routes, state for tests.
import type { WorkspaceFixture } from '../fixture.js'
import type { EmulatorRequest, EmulatorResponse, Handler, TokenService } from '../types.js'
import { checkAzureHeaders, defaultAzureResourceId, NOT_AUTHORIZED, type OnboardingEvent } from './azure-onboarding.js'
import { DATABRICKS_RESOURCE_ID, SCIM_SCHEMAS, ScimError, scimErrorResponse, WORKSPACE_SCIM_BASE } from './protocol.js'
import type { ServicePrincipalRecord, UserRecord } from './records.js'
import { methodNotAllowed, routeScim } from './routes.js'
import type { ScimStore } from './store.js'
import { createAccountGroup, seedWorkspaceStore } from './seed.js'
import { storeState, type WorkspaceState } from './state.js'

export interface WorkspaceOptions {
  tenantId: string
  /**
   * userName of the user that owns the workspace's PATs (created as an admin on first PAT use when missing).
   * Default: the first user in the fixture's `admins` group, else `admin@<workspace name>.example.com`.
   */
  patOwner?: string
  /** Called with every PAT added through `state.addPat` (e.g. to keep it out of the request log). */
  onPat?: (pat: string) => void
}

type Caller = { principal: UserRecord | ServicePrincipalRecord; admin: boolean }

/** The workspace SCIM handler and its state. */
export function createWorkspace(
  ws: WorkspaceFixture,
  tokens: TokenService,
  opts: WorkspaceOptions
): { handler: Handler; state: WorkspaceState } {
  const seed = (): ScimStore => withAdmins(seedWorkspaceStore(ws), ws.admins ?? [])
  let store = seed()
  const pats = new Set(ws.pats ?? [])
  const azureResourceId = ws.azureResourceId ?? defaultAzureResourceId(opts.tenantId, ws.name)
  const contributors = new Set(ws.contributors ?? [])
  const onboarding: OnboardingEvent[] = []
  const fixtureAdmin = (ws.groups ?? [])
    .find((g) => g.displayName.toLowerCase() === 'admins')
    ?.members?.find((m) => (ws.users ?? []).some((u) => u.userName.toLowerCase() === m.toLowerCase()))
  const patOwner =
    opts.patOwner ?? fixtureAdmin ?? `admin@${ws.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.example.com`

  const unauthorized = (): EmulatorResponse => scimErrorResponse(401, 'Invalid access token.')

  async function authenticate(req: EmulatorRequest): Promise<Caller | EmulatorResponse> {
    const header = req.headers.authorization
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!m) return unauthorized()
    const token = m[1]!
    if (pats.has(token)) {
      let user = store.userByName(patOwner)
      if (!user) {
        user = store.createUser({ userName: patOwner })
        if (store.adminsGroup) store.link(store.adminsGroup, user)
      }
      return { principal: user, admin: true }
    }
    let check
    try {
      check = await tokens.verifyBearer(header, [DATABRICKS_RESOURCE_ID])
    } catch {
      return unauthorized()
    }
    if (!check.ok) return unauthorized()
    if (opts.tenantId && check.claims.tid && check.claims.tid.toLowerCase() !== opts.tenantId.toLowerCase()) {
      return unauthorized()
    }
    const appId = check.claims.appid || check.claims.azp
    const known = store.servicePrincipalByAppId(appId) !== undefined
    const azure = await checkAzureHeaders(req, appId, known, tokens, {
      tenantId: opts.tenantId,
      resourceId: azureResourceId,
      contributors
    })
    const record = (outcome: OnboardingEvent['outcome']) =>
      onboarding.push({ appId, outcome, at: new Date().toISOString() })
    if (azure.outcome && !azure.admit) {
      record(azure.outcome)
      return scimErrorResponse(403, NOT_AUTHORIZED)
    }
    // Looked up again: a request started at the same time may have added it meanwhile.
    let sp = store.servicePrincipalByAppId(appId)
    if (!sp && azure.admit && azure.outcome) {
      sp = store.createServicePrincipal({ applicationId: appId, displayName: appId })
      if (store.adminsGroup) store.link(store.adminsGroup, sp)
      record(azure.outcome)
    }
    if (!sp) return scimErrorResponse(403, NOT_AUTHORIZED)
    return { principal: sp, admin: store.adminsGroup?.members.has(sp.id) ?? false }
  }

  function me(caller: Caller): EmulatorResponse {
    const p = caller.principal
    if (p.kind === 'user') return { status: 200, body: store.render(p) }
    // A service principal calling /Me is shown as a user whose userName is its application id.
    const sp = store.render(p)
    const body: Record<string, unknown> = {
      schemas: [SCIM_SCHEMAS.user],
      id: p.id,
      userName: p.applicationId,
      displayName: p.displayName,
      active: p.active,
      emails: []
    }
    for (const k of ['groups', 'entitlements', 'roles', 'externalId']) if (sp[k] !== undefined) body[k] = sp[k]
    return { status: 200, body }
  }

  const handler: Handler = async (req) => {
    const path = req.url.pathname.replace(/\/+$/, '')
    if (!path.startsWith(`${WORKSPACE_SCIM_BASE}/`)) {
      return {
        status: 404,
        body: { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for '${req.method} ${req.url.pathname}'` }
      }
    }
    try {
      const caller = await authenticate(req)
      if ('status' in caller) return caller
      state.beforeRequest?.(req)
      const segments = path
        .slice(WORKSPACE_SCIM_BASE.length + 1)
        .split('/')
        .map((s) => decodeURIComponent(s))
      if (segments[0] === 'Me' && segments.length === 1) {
        return req.method.toUpperCase() === 'GET' ? me(caller) : methodNotAllowed(req)
      }
      if (!caller.admin) return scimErrorResponse(403, 'User is not an admin.')
      const res = routeScim(store, req, segments, { listGroupMembers: true })
      return res ?? scimErrorResponse(404, `No SCIM resource at ${req.url.pathname}.`)
    } catch (e) {
      if (e instanceof ScimError) return scimErrorResponse(e.status, e.detail, e.scimType)
      if (e instanceof URIError) return scimErrorResponse(400, 'Malformed path.', 'invalidSyntax')
      return scimErrorResponse(500, `Internal error: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  const state: WorkspaceState = {
    name: ws.name,
    get store() {
      return store
    },
    ...storeState(() => store, {
      where: 'the workspace',
      context: `workspace ${ws.name}`,
      unknownMember: (ref) => `workspace ${ws.name}: no principal '${ref}'`
    }),
    azureResourceId,
    contributors,
    onboarding,
    addAccountGroup: (g) => store.renderGroup(createAccountGroup(store, g, `workspace ${ws.name}`)),
    pats: () => [...pats],
    addPat: (pat) => {
      if (!pat) throw new Error(`workspace ${ws.name}: a PAT cannot be empty`)
      pats.add(pat)
      opts.onPat?.(pat)
    },
    removePat: (pat) => pats.delete(pat),
    reset: () => {
      store = seed()
      pats.clear()
      for (const pat of ws.pats ?? []) pats.add(pat)
      contributors.clear()
      for (const appId of ws.contributors ?? []) contributors.add(appId)
      onboarding.length = 0
      state.beforeRequest = undefined
    },
    beforeRequest: undefined
  }
  return { handler, state }
}

/** The fixture's `admins`: service principals already in the workspace and its admins group. */
function withAdmins(store: ScimStore, appIds: readonly string[]): ScimStore {
  for (const appId of appIds) {
    const sp =
      store.servicePrincipalByAppId(appId) ?? store.createServicePrincipal({ applicationId: appId, displayName: appId })
    if (store.adminsGroup && !store.adminsGroup.members.has(sp.id)) store.link(store.adminsGroup, sp)
  }
  return store
}
