// The read phase of provision-app for one workspace: what the config asks of its connector app (its provisioning
// block, the token in Key Vault, its Entra groups each resolved to one group) and what Graph has (the app found by
// name, its job with the job's status, the groups assigned to its User role). Nothing here writes, so a token that
// cannot be read, a group that does not resolve or two apps of the same name fail before the first write.
import type { SecretValue } from '../auth/keyvault.js'
import type { Provisioning, Workspace } from '../config/types.js'
import { exactlyOneGroup } from '../sources/entra/resolve.js'
import type { EntraDirectory, EntraGroup } from '../sources/entra/types.js'
import { ActionError } from '../errors.js'
import { credentialsTag, desiredCredentials } from './credentials.js'
import {
  DATABRICKS_SYNC_TEMPLATE_ID,
  USER_ROLE_NAME,
  type CurrentApp,
  type DesiredApp,
  type ProvisioningGraph,
  type ServicePrincipal
} from './types.js'

/** What provision-app needs of the Entra directory: finding the groups the config names. */
export type GroupFinder = Pick<EntraDirectory, 'findGroups'>

/** The workspace's provisioning block and token secret, which provision-app cannot do without. */
export function provisioningOf(ws: Workspace): { provisioning: Provisioning; tokenSecret: string } {
  const { provisioning, tokenSecret } = ws
  if (!provisioning) {
    throw new ActionError(
      `Workspace ${ws.name} has no provisioning block.`,
      'Add `provisioning:` with app-name (and notification-email) to the workspace in the config.'
    )
  }
  if (!tokenSecret) {
    throw new ActionError(
      `Workspace ${ws.name} has a provisioning block but no token-secret: the connector needs a Databricks token.`,
      'Set token-secret to the Key Vault secret id that holds a workspace admin PAT.'
    )
  }
  return { provisioning, tokenSecret }
}

/** The config's groups, each resolved to exactly one Entra group; a group named twice (name and object id) once. */
export async function resolveGroups(ws: Workspace, directory: GroupFinder): Promise<EntraGroup[]> {
  const byId = new Map<string, EntraGroup>()
  const refs = [...new Map(ws.groups.map((g) => [g.entra.toLowerCase(), g.entra])).values()]
  const found = await Promise.all(refs.map(async (ref) => ({ ref, groups: await directory.findGroups(ref) })))
  for (const { ref, groups } of found) {
    const group = exactlyOneGroup(ref, groups, ` of workspace ${ws.name}`)
    if (!byId.has(group.id.toLowerCase())) byId.set(group.id.toLowerCase(), group)
  }
  return [...byId.values()]
}

/** What the config asks of the app, given the token read from `secretId` and the groups resolved. */
export function desiredApp(
  ws: Workspace,
  provisioning: Provisioning,
  secretId: string,
  secret: SecretValue,
  groups: EntraGroup[]
): DesiredApp {
  const credentials = desiredCredentials(ws.host, provisioning.notificationEmail, secret.value)
  return {
    workspace: ws.name,
    host: ws.host,
    appName: provisioning.appName,
    secretId,
    credentials,
    credentialsTag: credentialsTag(credentials, secretId, secret.version),
    groups,
    keep: ws.groups.filter((g) => g.removal === 'keep').map((g) => g.entra)
  }
}

/** The enterprise app named so (ignoring case), if there is one; two of the same name is an error. */
export async function findApp(graph: ProvisioningGraph, name: string): Promise<ServicePrincipal | undefined> {
  const found = (await graph.findServicePrincipals(name)).filter(
    (sp) => sp.displayName.toLowerCase() === name.toLowerCase()
  )
  if (found.length > 1) {
    throw new ActionError(
      `${found.length} enterprise apps are named "${name}" (service principals ${found.map((sp) => `${sp.id} (app id ${sp.appId})`).join(', ')}), so provision-app cannot tell which one to configure.`,
      'Delete or rename the extra apps in Entra ID (Enterprise applications), keeping the one the connector should use, then run provision-app again.'
    )
  }
  return found[0]
}

/**
 * The app's job and the groups assigned to its User role, then the job's current status. Without a User role the
 * plan stops before the groups, so neither the assignments nor the job's status are read.
 */
export async function readApp(graph: ProvisioningGraph, sp: ServicePrincipal): Promise<CurrentApp> {
  const jobs = await graph.listJobs(sp.id)
  const listed = jobs.find((j) => j.templateId.toLowerCase() === DATABRICKS_SYNC_TEMPLATE_ID.toLowerCase())
  const userRole = sp.appRoles.find((r) => r.displayName?.toLowerCase() === USER_ROLE_NAME.toLowerCase())
  if (!userRole) return { servicePrincipal: sp, job: listed, assignments: [] }
  const assignments = (await graph.listAssignments(sp.id)).filter(
    (a) => a.principalType === 'Group' && a.appRoleId === userRole.id
  )
  const job = listed && (await graph.getJob(sp.id, listed.id))
  return { servicePrincipal: sp, job, userRole, assignments }
}
