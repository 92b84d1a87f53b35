// Entra principals by config reference or by object id, for accounts with automatic identity management: the object
// id Databricks resolves a group, service principal or user by, and the objects behind the externalIds an account
// holds (the readiness check). Reads go through the directory's reader, so lookups started together share $batch
// requests; nothing here reads a member list.
import { GraphError } from '@microsoft/microsoft-graph-client'
import type { SourceEntry } from '../../core/aim.js'
import type { AimKind } from '../../core/model.js'
import { ActionError } from '../../errors.js'
import type { PrincipalDirectory } from '../../ports/principal-directory.js'
import { isGuid } from '../../util/guid.js'
import { explainGraphError, odataString, type GraphDirectory } from './graph.js'

/** Properties read by kind: Graph refuses a $select naming another type's property. */
const SELECT = {
  user: '$select=id,displayName,userPrincipalName',
  servicePrincipal: '$select=id,displayName,appId'
} as const

interface GraphObject {
  '@odata.type'?: string
  id: string
  displayName?: string | null
  userPrincipalName?: string | null
  appId?: string | null
}

const KIND_BY_TYPE: Record<string, AimKind> = {
  '#microsoft.graph.user': 'user',
  '#microsoft.graph.servicePrincipal': 'servicePrincipal',
  '#microsoft.graph.group': 'group'
}

function entry(kind: AimKind, o: GraphObject): SourceEntry {
  const key = kind === 'user' ? o.userPrincipalName : kind === 'servicePrincipal' ? o.appId : undefined
  return { kind, id: o.id, displayName: o.displayName ?? '', ...(key ? { key } : {}) }
}

const NOUN: Record<AimKind, string> = { group: 'group', servicePrincipal: 'service principal', user: 'user' }

export class EntraPrincipalLookup implements PrincipalDirectory {
  constructor(
    private readonly directory: GraphDirectory,
    /** Who the action signs in as, for error messages. */
    private readonly identity: string
  ) {}

  async find(kind: AimKind, ref: string): Promise<SourceEntry> {
    if (kind === 'group') {
      const group = await this.directory.resolveGroup(ref)
      return { kind, id: group.id, displayName: group.displayName }
    }
    const found = await this.read(`looking up Entra ${NOUN[kind]} "${ref}"`, () =>
      kind === 'user' ? this.user(ref) : this.servicePrincipals(ref)
    )
    const [only] = found
    if (found.length === 1 && only) return only
    if (found.length === 0) {
      throw new ActionError(
        `Entra ${NOUN[kind]} "${ref}" does not exist in the tenant.`,
        kind === 'user'
          ? 'Check the user principal name (or object id) in the config.'
          : 'Check the display name, application id or object id in the config.'
      )
    }
    throw new ActionError(
      `Entra service principal name "${ref}" matches ${found.length} service principals (${found.map((f) => f.key ?? f.id).join(', ')}): use the application id.`,
      'Set the entry to the application id of the service principal meant, since display names are not unique.'
    )
  }

  async byIds(ids: readonly string[]): Promise<Map<string, SourceEntry>> {
    const out = new Map<string, SourceEntry>()
    await Promise.all(
      [...new Set(ids.map((id) => id.toLowerCase()))].map(async (id) => {
        if (!isGuid(id)) return
        // No $select: the object comes as its own type, with that type's default properties (name, UPN or appId).
        const o = await this.read(`looking up Entra object ${id}`, () => this.optional(`/directoryObjects/${id}`))
        const kind = o ? KIND_BY_TYPE[o['@odata.type'] ?? ''] : undefined
        if (o && kind) out.set(id, entry(kind, o))
      })
    )
    return out
  }

  async byKeys(keys: readonly { kind: AimKind; key: string }[]): Promise<Map<string, SourceEntry[]>> {
    const out = new Map<string, SourceEntry[]>()
    const unique = new Map(keys.map((k) => [`${k.kind}:${k.key.toLowerCase()}`, k]))
    await Promise.all(
      [...unique].map(async ([id, { kind, key }]) => {
        const found = await this.read(`looking up Entra ${NOUN[kind]} "${key}"`, async () => {
          if (kind === 'group') return (await this.directory.findGroups(key)).map((g) => ({ kind, ...g }))
          if (kind === 'user') return this.user(key)
          const o = await this.optional(`/servicePrincipals(appId=${odataString(key)})?${SELECT.servicePrincipal}`)
          return o ? [entry(kind, o)] : []
        })
        if (found.length > 0) out.set(id, found)
      })
    )
    return out
  }

  /** A user by user principal name or object id (Graph's /users/{id | userPrincipalName}). */
  private async user(ref: string): Promise<SourceEntry[]> {
    const o = await this.optional(`/users/${encodeURIComponent(ref)}?${SELECT.user}`)
    return o ? [entry('user', o)] : []
  }

  /** Service principals by object id, application id, or display name (exact, as Graph compares it). */
  private async servicePrincipals(ref: string): Promise<SourceEntry[]> {
    if (isGuid(ref)) {
      const o =
        (await this.optional(`/servicePrincipals/${ref}?${SELECT.servicePrincipal}`)) ??
        (await this.optional(`/servicePrincipals(appId=${odataString(ref)})?${SELECT.servicePrincipal}`))
      return o ? [entry('servicePrincipal', o)] : []
    }
    const filter = encodeURIComponent(`displayName eq ${odataString(ref)}`)
    const found: SourceEntry[] = []
    for await (const page of this.directory.pages<GraphObject>(
      `/servicePrincipals?$filter=${filter}&${SELECT.servicePrincipal}&$top=999`
    )) {
      found.push(...page.value.map((o) => entry('servicePrincipal', o)))
    }
    return found
  }

  /** The object at `url`, or undefined when Graph answers 404. */
  private async optional(url: string): Promise<GraphObject | undefined> {
    try {
      return (await this.directory.reader.get(url)) as GraphObject
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) return undefined
      throw error
    }
  }

  private async read<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw explainGraphError(error, doing, this.identity, this.directory.signInError())
    }
  }
}
