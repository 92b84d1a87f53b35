// Who may call the provisioning APIs: the roles of each operation, and OwnedBy for apps the caller made.
import { denied } from '../errors.js'
import { key } from '../ids.js'
import type { ProvisioningRequest, ProvisioningSp } from './api.js'
import type { ProvisioningStore } from './store.js'

export const PROVISIONING_ROLES = {
  instantiate: ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.ReadWrite.All'],
  patch: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  assignmentsRead: [
    'Application.Read.All',
    'Application.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'AppRoleAssignment.ReadWrite.All'
  ],
  assignmentsWrite: ['AppRoleAssignment.ReadWrite.All'],
  syncRead: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All'],
  syncWrite: ['Synchronization.ReadWrite.All']
} as const
const OWNED_BY = 'Application.ReadWrite.OwnedBy'

export function allowed(req: ProvisioningRequest, list: readonly string[]): boolean {
  return list.some((r) => req.roles.has(r))
}

/** Checks `list`, or OwnedBy for an app the caller instantiated; resolves the service principal. */
export function authorize(
  store: ProvisioningStore,
  req: ProvisioningRequest,
  list: readonly string[],
  resolve: () => ProvisioningSp
): ProvisioningSp {
  if (allowed(req, list)) return resolve()
  if (!req.roles.has(OWNED_BY)) throw denied()
  const sp = resolve()
  const owner = store.apps.get(key(sp.id))?.ownerAppId
  if (!owner || !req.appId || key(owner) !== key(req.appId)) throw denied()
  return sp
}
