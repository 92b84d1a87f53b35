// ProvisioningGraph over the Microsoft Graph client: the Azure Databricks SCIM Provisioning Connector's enterprise
// app (service principal), its synchronization job and secrets, and its app role assignments. Every failure becomes
// an ActionError naming the call and, on 403, the Graph permission to grant; no error ever carries the token.
import type { Client } from '@microsoft/microsoft-graph-client'
import { GraphError } from '@microsoft/microsoft-graph-client'
import { explainGraphError, odataString, type GraphConnection } from '../sources/entra/graph.js'
import { readAllPages } from '../sources/entra/graph-pages.js'
import { ActionError } from '../errors.js'
import {
  CredentialsRefusedError,
  type AppRole,
  type AppRoleAssignment,
  type Credential,
  type ProvisioningGraph,
  type ServicePrincipal,
  type SyncJob
} from './types.js'

/** Service principal properties read: appRoles for the "User" role, tags for the credentials marker. */
export const SERVICE_PRINCIPAL_SELECT = ['id', 'appId', 'displayName', 'appRoles', 'tags']

/** The Graph application permission each group of calls needs. */
export const PERMISSIONS = {
  readApps: 'Application.Read.All (or Application.ReadWrite.All)',
  writeApps: 'Application.ReadWrite.All',
  sync: 'Synchronization.ReadWrite.All',
  assignments: 'AppRoleAssignment.ReadWrite.All'
} as const

type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS]

export class GraphProvisioning implements ProvisioningGraph {
  private readonly client: Client
  private readonly endpoint: string
  private writeCount = 0

  constructor(
    private readonly graph: GraphConnection,
    /** Who the action signs in as, for error messages. */
    private readonly identity: string
  ) {
    this.client = graph.client
    this.endpoint = graph.endpoint
  }

  writes(): number {
    return this.writeCount
  }

  findServicePrincipals(displayName: string): Promise<ServicePrincipal[]> {
    return this.call(`looking up the enterprise app "${displayName}"`, PERMISSIONS.readApps, async () => {
      // $filter travels in the URL as given: names with &, # or + must be encoded here.
      const filter = encodeURIComponent(`displayName eq ${odataString(displayName)}`)
      const url = `/servicePrincipals?$filter=${filter}&$select=${SERVICE_PRINCIPAL_SELECT.join(',')}&$top=999`
      return (await this.readAll<RawServicePrincipal>(url)).map(toServicePrincipal)
    })
  }

  getServicePrincipal(id: string): Promise<ServicePrincipal | undefined> {
    return this.call(`reading service principal ${id}`, PERMISSIONS.readApps, async () => {
      try {
        const sp = (await this.client
          .api(`/servicePrincipals/${encodeURIComponent(id)}`)
          .select(SERVICE_PRINCIPAL_SELECT)
          .get()) as RawServicePrincipal
        return toServicePrincipal(sp)
      } catch (error) {
        // A new service principal takes a while to replicate: not there yet.
        if (error instanceof GraphError && error.statusCode === 404) return undefined
        throw error
      }
    })
  }

  instantiate(templateId: string, displayName: string): Promise<{ applicationId: string; servicePrincipalId: string }> {
    return this.write(
      `creating the enterprise app "${displayName}" from application template ${templateId}`,
      PERMISSIONS.writeApps,
      async () => {
        const created = (await this.client
          .api(`/applicationTemplates/${encodeURIComponent(templateId)}/instantiate`)
          .post({ displayName })) as {
          application?: { appId?: string; id?: string }
          servicePrincipal?: { id?: string; appId?: string }
        }
        const servicePrincipalId = created?.servicePrincipal?.id
        const applicationId = created?.application?.appId ?? created?.servicePrincipal?.appId
        if (!servicePrincipalId || !applicationId) {
          throw new ActionError(
            `Microsoft Graph created the enterprise app "${displayName}" but its answer named no service principal or app id.`,
            'Run provision-app again: it finds the app by name and continues.'
          )
        }
        return { applicationId, servicePrincipalId }
      }
    )
  }

  listJobs(servicePrincipalId: string): Promise<SyncJob[]> {
    return this.call(
      `listing the provisioning jobs of service principal ${servicePrincipalId}`,
      PERMISSIONS.sync,
      async () => {
        return this.readAll<SyncJob>(`${this.sync(servicePrincipalId)}/jobs`)
      }
    )
  }

  createJob(servicePrincipalId: string, templateId: string): Promise<SyncJob> {
    return this.write(
      `creating the "${templateId}" provisioning job of service principal ${servicePrincipalId}`,
      PERMISSIONS.sync,
      async () => (await this.client.api(`${this.sync(servicePrincipalId)}/jobs`).post({ templateId })) as SyncJob
    )
  }

  getJob(servicePrincipalId: string, jobId: string): Promise<SyncJob> {
    return this.call(
      `reading provisioning job ${jobId} of service principal ${servicePrincipalId}`,
      PERMISSIONS.sync,
      async () => {
        return (await this.client.api(this.job(servicePrincipalId, jobId)).get()) as SyncJob
      }
    )
  }

  async validateCredentials(servicePrincipalId: string, jobId: string, credentials: Credential[]): Promise<void> {
    const doing = `validating the workspace credentials of provisioning job ${jobId}`
    try {
      await this.write(doing, PERMISSIONS.sync, async () => {
        try {
          await this.client.api(`${this.job(servicePrincipalId, jobId)}/validateCredentials`).post({ credentials })
        } catch (error) {
          // 400: the connector tried them and the workspace (or Graph's check of them) said no.
          if (error instanceof GraphError && [400, 409, 422].includes(error.statusCode)) {
            throw new CredentialsRefusedError(graphMessage(error))
          }
          throw error
        }
      })
    } catch (error) {
      throw scrub(error, credentials)
    }
  }

  async saveSecrets(servicePrincipalId: string, secrets: Credential[]): Promise<void> {
    try {
      await this.write(
        `saving the workspace credentials of service principal ${servicePrincipalId}`,
        PERMISSIONS.sync,
        async () => {
          await this.client.api(`${this.sync(servicePrincipalId)}/secrets`).put({ value: secrets })
        }
      )
    } catch (error) {
      throw scrub(error, secrets)
    }
  }

  startJob(servicePrincipalId: string, jobId: string): Promise<void> {
    return this.write(`starting provisioning job ${jobId}`, PERMISSIONS.sync, async () => {
      await this.client.api(`${this.job(servicePrincipalId, jobId)}/start`).post({})
    })
  }

  listAssignments(servicePrincipalId: string): Promise<AppRoleAssignment[]> {
    return this.call(
      `listing the app role assignments of service principal ${servicePrincipalId}`,
      PERMISSIONS.assignments,
      async () => {
        return this.readAll<AppRoleAssignment>(
          `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo?$top=999`
        )
      }
    )
  }

  assign(servicePrincipalId: string, principalId: string, appRoleId: string): Promise<AppRoleAssignment> {
    return this.write(
      `assigning group ${principalId} to service principal ${servicePrincipalId}`,
      PERMISSIONS.assignments,
      async () =>
        (await this.client
          .api(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo`)
          .post({ principalId, resourceId: servicePrincipalId, appRoleId })) as AppRoleAssignment
    )
  }

  unassign(servicePrincipalId: string, assignmentId: string): Promise<void> {
    return this.write(
      `removing app role assignment ${assignmentId} of service principal ${servicePrincipalId}`,
      PERMISSIONS.assignments,
      async () => {
        await this.client
          .api(
            `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignedTo/${encodeURIComponent(assignmentId)}`
          )
          .delete()
      }
    )
  }

  setTags(servicePrincipalId: string, tags: string[]): Promise<void> {
    return this.write(
      `setting the tags of service principal ${servicePrincipalId}`,
      PERMISSIONS.writeApps,
      async () => {
        await this.client.api(`/servicePrincipals/${encodeURIComponent(servicePrincipalId)}`).patch({ tags })
      }
    )
  }

  // ---- plumbing

  private sync(servicePrincipalId: string): string {
    return `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/synchronization`
  }

  private job(servicePrincipalId: string, jobId: string): string {
    return `${this.sync(servicePrincipalId)}/jobs/${encodeURIComponent(jobId)}`
  }

  /** A write request: counted whether or not it succeeds, since it may have changed something. */
  private write<T>(doing: string, permission: Permission, run: () => Promise<T>): Promise<T> {
    this.writeCount++
    return this.call(doing, permission, run)
  }

  private async call<T>(doing: string, permission: Permission, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw this.explain(error, doing, permission)
    }
  }

  private explain(error: unknown, doing: string, permission: Permission): Error {
    if (error instanceof GraphError && error.statusCode === 403) {
      return new ActionError(
        `Microsoft Graph answered 403 ${error.code ?? ''} while ${doing}: ${graphMessage(error)}`.replace(
          / {2,}/g,
          ' '
        ),
        `Grant ${this.identity} the Microsoft Graph application permission ${permission} with admin consent.`
      )
    }
    return explainGraphError(error, doing, this.identity, this.graph.signInError())
  }

  /** Every item of a list, its pages read through graphPages (next links only within the Graph origin). */
  private readAll<T>(url: string): Promise<T[]> {
    return readAllPages<T>((u) => this.client.api(u).get(), this.endpoint, url)
  }
}

interface RawServicePrincipal {
  id: string
  appId: string
  displayName: string
  appRoles?: AppRole[] | null
  tags?: string[] | null
}

function toServicePrincipal(sp: RawServicePrincipal): ServicePrincipal {
  return {
    id: sp.id,
    appId: sp.appId,
    displayName: sp.displayName,
    appRoles: sp.appRoles ?? [],
    tags: sp.tags ?? []
  }
}

function graphMessage(error: GraphError): string {
  return (error.message || error.code || `HTTP ${error.statusCode}`).split('\n')[0] as string
}

/** The same error with the token cut out of its text, should Graph ever echo a request. */
function scrub(error: unknown, credentials: Credential[]): Error {
  const secrets = credentials.filter((c) => c.key === 'SecretToken' && c.value).map((c) => c.value)
  const clean = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text)
  if (error instanceof CredentialsRefusedError) {
    return new CredentialsRefusedError(clean(error.message), error.fix === undefined ? undefined : clean(error.fix))
  }
  if (error instanceof ActionError) {
    return new ActionError(clean(error.message), error.fix === undefined ? undefined : clean(error.fix))
  }
  return new ActionError(clean(error instanceof Error ? error.message : String(error)))
}
