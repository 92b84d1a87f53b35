// Microsoft Graph reads, behind a small interface so commands can be tested with a fake directory.
import type { TokenCredential } from '@azure/identity'
import { Client, GraphError, type AuthenticationProvider } from '@microsoft/microsoft-graph-client'
import { ActionError } from '../errors.js'

export interface EntraGroup {
  id: string
  displayName: string
}

export interface EntraDirectory {
  /** Groups matching a config reference: an object id, else an exact display name (case-insensitive, as Graph). */
  findGroups(ref: string): Promise<EntraGroup[]>
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** OData string literal: a quote inside is doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/**
 * Graph's token source. The client wraps a sign-in failure in a GraphError that drops its fix, so the
 * failure is kept here for the error message.
 */
class CredentialAuthProvider implements AuthenticationProvider {
  signInError?: unknown

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string
  ) {}

  async getAccessToken(): Promise<string> {
    try {
      const token = await this.credential.getToken(this.scope)
      if (!token) throw new ActionError(`Entra ID returned no token for ${this.scope}.`)
      return token.token
    } catch (error) {
      this.signInError = error
      throw error
    }
  }
}

export interface GraphConnection {
  client: Client
  /** Why the last token request failed, if it did. */
  signInError(): unknown
}

export function createGraphClient(credential: TokenCredential, graphEndpoint: string): GraphConnection {
  const host = new URL(graphEndpoint).hostname
  const auth = new CredentialAuthProvider(credential, `${graphEndpoint}/.default`)
  const client = Client.initWithMiddleware({
    authProvider: auth,
    baseUrl: `${graphEndpoint}/`,
    defaultVersion: 'v1.0',
    // The client only sends the token to Microsoft's Graph hosts and to hosts named here (sovereign, emulator).
    customHosts: new Set([host])
  })
  return { client, signInError: () => auth.signInError }
}

export class GraphDirectory implements EntraDirectory {
  private readonly client: Client

  constructor(
    private readonly graph: GraphConnection,
    /** Who the action signs in as, for error messages. */
    private readonly identity: string
  ) {
    this.client = graph.client
  }

  async findGroups(ref: string): Promise<EntraGroup[]> {
    try {
      if (GUID.test(ref)) {
        try {
          const group = (await this.client.api(`/groups/${ref}`).select(['id', 'displayName']).get()) as EntraGroup
          return [{ id: group.id, displayName: group.displayName }]
        } catch (error) {
          if (error instanceof GraphError && error.statusCode === 404) return []
          throw error
        }
      }
      const found: EntraGroup[] = []
      let page = (await this.client
        .api('/groups')
        // The client puts $filter into the URL as given: names with &, # or + must be encoded here.
        .filter(encodeURIComponent(`displayName eq ${odataString(ref)}`))
        .select(['id', 'displayName'])
        .top(999)
        .get()) as GraphPage<EntraGroup>
      for (;;) {
        found.push(...page.value.map((g) => ({ id: g.id, displayName: g.displayName })))
        if (!page['@odata.nextLink']) break
        page = (await this.client.api(page['@odata.nextLink']).get()) as GraphPage<EntraGroup>
      }
      return found
    } catch (error) {
      throw explainGraphError(error, `looking up Entra group "${ref}"`, this.identity, this.graph.signInError())
    }
  }
}

interface GraphPage<T> {
  value: T[]
  '@odata.nextLink'?: string
}

export function explainGraphError(error: unknown, doing: string, identity: string, signInError?: unknown): Error {
  if (error instanceof ActionError) return error
  // No HTTP status: the request never left, because signing in failed.
  if (error instanceof GraphError && error.statusCode === -1 && signInError instanceof Error) return signInError
  if (error instanceof GraphError) {
    const what = `Microsoft Graph answered ${error.statusCode} ${error.code ?? ''} while ${doing}`.replace(/\s+/g, ' ')
    if (error.statusCode === 403) {
      return new ActionError(
        `${what}: ${error.message}`,
        `Grant ${identity} the Microsoft Graph application permission GroupMember.Read.All (and User.Read.All, Application.Read.All) with admin consent.`
      )
    }
    if (error.statusCode === 401) {
      return new ActionError(`${what}: ${error.message}`, 'Check graph-endpoint matches the cloud of authority-host.')
    }
    return new ActionError(`${what}: ${error.message}`)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new ActionError(`Microsoft Graph request failed while ${doing}: ${message.split('\n')[0]}`)
}
