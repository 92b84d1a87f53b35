// The Databricks SCIM Provisioning Connector: wires the provisioning modules and routes SP sub-requests.
import { badSegment, methodNotAllowed } from '../errors.js'
import type {
  ProvisioningHost,
  ProvisioningOptions,
  ProvisioningRequest,
  ProvisioningResponse,
  ProvisioningSp,
  ProvisioningState
} from './api.js'
import { instantiate, patchSp, tick } from './apps.js'
import { assignmentsRoute } from './assignments.js'
import { createState } from './state.js'
import { createStore } from './store.js'
import { synchronizationRoute } from './synchronization.js'

export interface Provisioning {
  /** Moves service principals whose delay has passed into the directory; the Graph handler calls it on every request. */
  tick(): void
  instantiate(req: ProvisioningRequest, templateId: string): ProvisioningResponse
  /**
   * servicePrincipals/{id}[/…] requests other than reads of the entity: `tail` is the path after the id
   * ([] for PATCH of the entity); `resolve` finds the service principal (or throws Graph's 400/404).
   */
  route(req: ProvisioningRequest, tail: string[], resolve: () => ProvisioningSp): Promise<ProvisioningResponse>
  state: ProvisioningState
}

/**
 * The connector as provision-app configures it: applicationTemplates/{id}/instantiate (the new service principal shows
 * up in reads only after a delay, as in a real tenant), PATCH servicePrincipals/{id}, appRoleAssignedTo, and the
 * synchronization API. The Graph handler owns the directory and routes these requests here; this service keeps the
 * apps, jobs, secrets and assignments, and asks a hook (`validateScim`) whether a BaseAddress/SecretToken pair
 * reaches a SCIM endpoint.
 */
export function createProvisioning(host: ProvisioningHost, options: ProvisioningOptions = {}): Provisioning {
  const store = createStore(host, options)
  const state = createState(store, options)

  async function route(
    req: ProvisioningRequest,
    tail: string[],
    resolve: () => ProvisioningSp
  ): Promise<ProvisioningResponse> {
    const [nav, ...rest] = tail
    if (nav === undefined) {
      if (req.method === 'PATCH') return patchSp(store, req, resolve)
      throw methodNotAllowed(req.method)
    }
    const navLower = nav.toLowerCase()
    if (navLower === 'approleassignedto') return assignmentsRoute(store, req, rest, resolve)
    if (navLower === 'synchronization') return synchronizationRoute(store, req, rest, resolve)
    throw badSegment(nav)
  }

  return {
    tick: () => tick(store),
    instantiate: (req, templateId) => instantiate(store, req, templateId, state.spAppearDelayMs),
    route,
    state
  }
}
