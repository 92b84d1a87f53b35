// Microsoft Graph reads, behind a small interface so commands can be tested with a fake directory.
import type { TokenCredential } from '@azure/identity'
import { Client, GraphError, type AuthenticationProvider } from '@microsoft/microsoft-graph-client'
import type { Nested } from '../../core/model.js'
import { ActionError } from '../../errors.js'
import { redirectTarget } from '../../net.js'
import type { EntraDirectory, EntraGroup, EntraGroupRead, EntraPrincipal, UnsupportedMember } from './types.js'
import { isGuid } from '../../util/guid.js'
import { GraphBatcher, type GraphReader } from './graph-batch.js'
import { graphPages, relativeGraphLink, type GraphPage } from './graph-pages.js'
import { GraphRedirectRefused, graphMiddleware, type GraphTransportOptions } from './graph-transport.js'
import { isLimited, limitedMembersError } from './limited-members.js'
import { exactlyOneGroup } from './resolve.js'

/** Member properties read; accountEnabled and userType are only returned when selected. */
export const MEMBER_SELECT = ['id', 'displayName', 'userPrincipalName', 'mail', 'userType', 'accountEnabled', 'appId']
/** Graph's largest page. */
export const MEMBER_PAGE_SIZE = 999

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
      // A later failed request is then not blamed on an earlier failed sign-in.
      this.signInError = undefined
      return token.token
    } catch (error) {
      this.signInError = error
      throw error
    }
  }
}

export interface GraphConnection {
  client: Client
  /** The Graph origin (https://graph.microsoft.com, or a sovereign cloud's, or the emulator's). */
  endpoint: string
  /** Why the last token request failed, if it did. */
  signInError(): unknown
  /** The run's cancellation, which ends reads in flight and retry waits. */
  signal?: AbortSignal
}

/**
 * The Graph client: redirects refused, each request bounded by `timeoutMs` and by the run's `signal`
 * (graph-transport.ts).
 */
export function createGraphClient(
  credential: TokenCredential,
  graphEndpoint: string,
  options: GraphTransportOptions = {}
): GraphConnection {
  const host = new URL(graphEndpoint).hostname
  const auth = new CredentialAuthProvider(credential, `${graphEndpoint}/.default`)
  const client = Client.initWithMiddleware({
    middleware: graphMiddleware(auth, options),
    baseUrl: `${graphEndpoint}/`,
    defaultVersion: 'v1.0',
    // The client only sends the token to Microsoft's Graph hosts and to hosts named here (sovereign, emulator).
    customHosts: new Set([host])
  })
  return {
    client,
    endpoint: graphEndpoint,
    signInError: () => auth.signInError,
    ...(options.signal ? { signal: options.signal } : {})
  }
}

export class GraphDirectory implements EntraDirectory {
  /** How GETs are sent (shared with the incremental reader, so their requests batch together). */
  readonly reader: GraphReader
  /** One object per Entra principal however many groups list it: a large estate's reads share them. */
  private readonly principals = new Map<string, EntraPrincipal>()
  /** Resolved groups by lower-cased ref (a name resolved also fills its id's entry). */
  private readonly resolved = new Map<string, Promise<EntraGroup>>()
  /** Member reads by group id and nesting, so a group used by several workspaces is read once. */
  private readonly reads = new Map<string, Promise<GroupMembers>>()

  constructor(
    private readonly graph: GraphConnection,
    /** Who the action signs in as, for error messages. */
    private readonly identity: string,
    /** How GETs are sent: by default gathered into $batch requests. */
    reader?: GraphReader
  ) {
    // A failed sign-in is not retried by the batcher: the credential already retried, and its error says what to fix.
    this.reader =
      reader ??
      new GraphBatcher(graph.client, {
        signInFailed: () => graph.signInError() !== undefined,
        ...(graph.signal ? { signal: graph.signal } : {})
      })
  }

  async findGroups(ref: string): Promise<EntraGroup[]> {
    try {
      if (isGuid(ref)) {
        try {
          const group = (await this.reader.get(`/groups/${ref}?$select=id,displayName`)) as EntraGroup
          return [{ id: group.id, displayName: group.displayName }]
        } catch (error) {
          if (error instanceof GraphError && error.statusCode === 404) return []
          throw error
        }
      }
      const found: EntraGroup[] = []
      // Names with &, #, + or quotes must be encoded: the filter travels inside a URL (and a $batch step's url).
      const filter = encodeURIComponent(`displayName eq ${odataString(ref)}`)
      for await (const page of this.pages<EntraGroup>(`/groups?$filter=${filter}&$select=id,displayName&$top=999`)) {
        found.push(...page.value.map((g) => ({ id: g.id, displayName: g.displayName })))
      }
      return found
    } catch (error) {
      throw explainGraphError(error, `looking up Entra group "${ref}"`, this.identity, this.graph.signInError())
    }
  }

  async readGroup(ref: string, nested: Nested): Promise<EntraGroupRead> {
    const group = await this.resolveGroup(ref)
    const read = await cached(this.reads, `${group.id.toLowerCase()}|${nested}`, () => this.readMembers(group, nested))
    // Each caller gets its own arrays; the principals themselves are shared and never changed.
    return {
      ref,
      id: group.id,
      displayName: group.displayName,
      members: [...read.members],
      nestedGroups: [...read.nestedGroups],
      unsupported: [...read.unsupported]
    }
  }

  /** Exactly one group for a config reference, else an ActionError naming it. */
  resolveGroup(ref: string): Promise<EntraGroup> {
    return cached(this.resolved, ref.toLowerCase(), async () => {
      const group = exactlyOneGroup(ref, await this.findGroups(ref))
      if (!this.resolved.has(group.id.toLowerCase())) this.resolved.set(group.id.toLowerCase(), Promise.resolve(group))
      return group
    })
  }

  private async readMembers(group: EntraGroup, nested: Nested): Promise<GroupMembers> {
    const relation = nested === 'flatten' ? 'transitiveMembers' : 'members'
    const members: EntraPrincipal[] = []
    const nestedGroups: string[] = []
    const unsupported: UnsupportedMember[] = []
    const seen = new Set<string>()
    const doing = `reading the ${nested === 'flatten' ? 'transitive ' : ''}members of Entra group "${group.displayName}" (${group.id})`
    try {
      const url = `/groups/${encodeURIComponent(group.id)}/${relation}?$select=${MEMBER_SELECT.join(',')}&$top=${MEMBER_PAGE_SIZE}`
      for await (const page of this.pages<DirectoryObject>(url)) {
        const limited: EntraPrincipal[] = []
        for (const object of page.value) {
          if (seen.has(object.id)) continue
          seen.add(object.id)
          if (object['@odata.type'] === '#microsoft.graph.group') {
            nestedGroups.push(object.displayName ?? object.id)
            continue
          }
          // Devices, contacts and other directory objects have no Databricks identity: reported as skipped.
          const principal = toEntraPrincipal(object)
          if (!principal) {
            unsupported.push(toUnsupported(object))
            continue
          }
          if (isLimited(principal)) limited.push(principal)
          else members.push(this.intern(principal))
        }
        // A member Graph would not describe is never left out as if absent: the whole read fails.
        if (limited.length > 0) throw limitedMembersError(limited, doing, this.identity)
      }
    } catch (error) {
      throw explainGraphError(error, doing, this.identity, this.graph.signInError())
    }
    return { members, nestedGroups, unsupported }
  }

  /** The shared object for a principal, unless this read saw it with other properties (then its own). */
  private intern(p: EntraPrincipal): EntraPrincipal {
    const known = this.principals.get(p.id)
    if (known && samePrincipal(known, p)) return known
    if (!known) this.principals.set(p.id, p)
    return p
  }

  /** Every page of a list or delta query (graphPages: links are followed only within the Graph origin). */
  pages<T>(url: string): AsyncGenerator<GraphPage<T>> {
    return graphPages<T>((u) => this.reader.get(u), this.graph.endpoint, url)
  }

  /** Why the last token request failed, if it did (for explainGraphError). */
  signInError(): unknown {
    return this.graph.signInError()
  }

  /** A next or delta link as a URL relative to the version root; a link to another host is refused, never followed. */
  relative(link: string): string {
    return relativeGraphLink(this.graph.endpoint, link)
  }
}

function samePrincipal(a: EntraPrincipal, b: EntraPrincipal): boolean {
  return (
    a.kind === b.kind &&
    a.displayName === b.displayName &&
    a.userPrincipalName === b.userPrincipalName &&
    a.mail === b.mail &&
    a.userType === b.userType &&
    a.accountEnabled === b.accountEnabled &&
    a.appId === b.appId
  )
}

interface GroupMembers {
  members: EntraPrincipal[]
  nestedGroups: string[]
  unsupported: UnsupportedMember[]
}

/** A member as Graph returns it with MEMBER_SELECT (properties of other types are absent or null). */
export interface DirectoryObject {
  '@odata.type'?: string
  id: string
  displayName?: string | null
  userPrincipalName?: string | null
  mail?: string | null
  userType?: string | null
  accountEnabled?: boolean | null
  appId?: string | null
}

/** A user or service principal as the sync sees it; undefined for other directory objects. */
export function toEntraPrincipal(o: DirectoryObject): EntraPrincipal | undefined {
  const type = o['@odata.type']
  if (type === '#microsoft.graph.user') return toUser(o)
  if (type === '#microsoft.graph.servicePrincipal') return toServicePrincipal(o)
  return undefined
}

/** A member of a kind the sync has no identity for, as it is reported. */
export function toUnsupported(o: DirectoryObject): UnsupportedMember {
  const name = o.displayName?.trim()
  return { id: o.id, type: o['@odata.type'] ?? 'unknown', ...(name ? { displayName: name } : {}) }
}

function toUser(o: DirectoryObject): EntraPrincipal {
  const user: EntraPrincipal = { kind: 'user', id: o.id, displayName: o.displayName ?? '', mail: o.mail ?? null }
  if (o.userPrincipalName) user.userPrincipalName = o.userPrincipalName
  if (o.userType) user.userType = o.userType
  if (typeof o.accountEnabled === 'boolean') user.accountEnabled = o.accountEnabled
  return user
}

function toServicePrincipal(o: DirectoryObject): EntraPrincipal {
  const sp: EntraPrincipal = { kind: 'servicePrincipal', id: o.id, displayName: o.displayName ?? '' }
  if (o.appId) sp.appId = o.appId
  if (typeof o.accountEnabled === 'boolean') sp.accountEnabled = o.accountEnabled
  return sp
}

/** One promise per key while it is pending or fulfilled; a rejected one is dropped so the next call tries again. */
function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key)
  if (hit) return hit
  const promise = load()
  cache.set(key, promise)
  promise.catch(() => {
    if (cache.get(key) === promise) cache.delete(key)
  })
  return promise
}

export type { EntraDirectory, EntraGroup, GraphPage }

export function explainGraphError(error: unknown, doing: string, identity: string, signInError?: unknown): Error {
  if (error instanceof ActionError) return error
  // No HTTP status: the request never left, because signing in failed.
  if (error instanceof GraphError && error.statusCode === -1 && signInError instanceof Error) return signInError
  if (error instanceof GraphRedirectRefused) return redirectRefused(error.status, error.location, doing)
  if (error instanceof GraphError && error.statusCode >= 300 && error.statusCode < 400) {
    // A $batch step answered with a redirect: not followed either.
    return redirectRefused(error.statusCode, error.headers?.get('location') ?? undefined, doing)
  }
  if (error instanceof GraphError && error.code === 'TimeoutError') {
    return new ActionError(
      `Microsoft Graph did not answer while ${doing}: ${error.message || 'no answer in time'}, also when the read was tried again. Nothing was changed from this read.`,
      'Microsoft Graph was slow or unreachable from the runner; run the workflow again later.'
    )
  }
  if (error instanceof GraphError && error.statusCode > 0) {
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
    if (error.statusCode === 429 || error.statusCode === 503 || error.statusCode === 504) {
      return new ActionError(
        `${what}: ${error.message}`,
        "Microsoft Graph was still throttling or unavailable after the client's retries; run the workflow again later."
      )
    }
    return new ActionError(`${what}: ${error.message}`)
  }
  const message =
    error instanceof GraphError ? networkFailure(error) : error instanceof Error ? error.message : String(error)
  return new ActionError(`Microsoft Graph request failed while ${doing}: ${message.split('\n')[0]}`)
}

/**
 * A redirect from "Graph": never followed (graph-transport.ts), so nothing went to where it points; the error names
 * that host (its origin only: the rest of the header is the answerer's text) and what to check.
 */
function redirectRefused(status: number, location: string | undefined, doing: string): ActionError {
  return new ActionError(
    `Microsoft Graph answered ${status} while ${doing}, redirecting to ${redirectTarget(location)}. ` +
      'The action does not follow redirects from Graph: it sent nothing there (no request, no token) and used ' +
      'nothing from this answer. Nothing was changed from this read.',
    "Check that the graph-endpoint input is Microsoft Graph's endpoint for your cloud (https://graph.microsoft.com " +
      "or your national cloud's) and that no proxy between the runner and Graph rewrites its answers."
  )
}

/** A request that got no answer (connection refused or dropped, TLS, DNS): the client keeps the cause in body. */
function networkFailure(error: GraphError): string {
  const body: unknown = error.body
  const base = typeof body === 'object' && body !== null ? (body as { message?: unknown; cause?: unknown }) : undefined
  const message = error.message || (typeof base?.message === 'string' ? base.message : '') || String(body ?? '')
  const cause =
    typeof base?.cause === 'object' && base.cause !== null ? (base.cause as { message?: unknown }).message : undefined
  const text = typeof cause === 'string' && cause && !message.includes(cause) ? `${message} (${cause})` : message
  return text || 'no answer (the connection failed)'
}
