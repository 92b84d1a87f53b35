// Incremental Entra reads (input `state-file`): the direct members of every group the sync reads are kept in a
// state file with Graph delta links for groups, users and service principals. A run first reads the changes since
// those links (one request each when little changed), applies them, re-reads only groups whose new members it does
// not know, and answers readGroup from the kept memberships (nested groups flattened here). Without a usable
// state, or when its last full read is over a day old, it starts delta links from now, then reads each group's
// direct members once.
//
// The state file is not trusted (state-file.ts): what it says is a hint, never a reason to add anyone. This run
// tracks what it read from Graph itself (groups read whole, memberships its delta answers reported, principals read
// whole), and `confirm` reads from Graph whatever a plan would add on the file's word alone, before the plan is
// made for real. A file Graph contradicts is replaced by this run's, and the next run reads everything.
import { GraphError } from '@microsoft/microsoft-graph-client'
import type { Nested } from '../../core/model.js'
import { isGuid } from '../../util/guid.js'
import type { EntraGroupRead, EntraPrincipal, UnsupportedMember } from './types.js'
import {
  explainGraphError,
  MEMBER_PAGE_SIZE,
  MEMBER_SELECT,
  toEntraPrincipal,
  toUnsupported,
  type DirectoryObject,
  type EntraDirectory,
  type EntraGroup,
  type GraphDirectory,
  type GraphPage
} from './graph.js'
import { isLimited, limitedMembersError } from './limited-members.js'
import {
  FULL_READ_EVERY_MS,
  STATE_VERSION,
  type DeltaState,
  type OtherMember,
  type TrackedGroup
} from './state-file.js'

const USER_SELECT = 'id,displayName,userPrincipalName,mail,userType,accountEnabled'
const SERVICE_PRINCIPAL_SELECT = 'id,displayName,appId,accountEnabled'
/** Confirmation rounds for one group: a round confirms every member it asks about, so a second one is the most. */
const CONFIRM_ROUNDS = 4

export interface DeltaDirectoryOptions {
  tenantId: string
  graphEndpoint: string
  /** The state of the previous run, when it is usable. */
  previous?: DeltaState
  log(message: string): void
  /** What a reader of the run should see (the state file contradicted by Graph); default: log. */
  warn?(message: string): void
  /** This machine's clock, in ms (injectable for tests). */
  now?: () => number
}

/** What this run read, for the log and the benchmark. */
export interface DeltaStats {
  mode: 'incremental' | 'full'
  /** Why the previous state was not used (a delta link Graph refused). */
  resynced?: string
  changedGroups: number
  changedPrincipals: number
  /** Groups whose direct members were read whole (new, or changed beyond what the delta says). */
  groupsRead: number
  /** Reads made to confirm what the state file said of members a plan would add. */
  confirmations: number
  /** Members and group names the state file claimed and Graph did not confirm. */
  refuted: number
}

const edge = (group: string, member: string): string => `${group}\u0000${member}`

export class DeltaDirectory implements EntraDirectory {
  private groups = new Map<string, TrackedGroup>()
  private principals = new Map<string, EntraPrincipal>()
  private others = new Map<string, OtherMember>()
  private names = new Map<string, string>()
  private links = { groups: '', users: '', servicePrincipals: '' }
  /** When Graph was last read in full: this run's start, or the previous state's. */
  private fullReadAt = ''
  /** Lower-cased display names some group took or gave up since the last run: their resolution is redone. */
  private readonly renamed = new Set<string>()
  /** Groups whose kept members are no longer whole (until read again); never saved. */
  private readonly dirty = new Set<string>()
  private readonly loading = new Map<string, Promise<void>>()
  /** What this run read from Graph itself; everything else came from the state file. */
  private readonly confirmed = {
    /** Groups read whole: all their memberships. */
    groups: new Set<string>(),
    /** Memberships a delta answer of this run reported (edge(group, member)). */
    edges: new Set<string>(),
    /** Users and service principals read whole. */
    principals: new Set<string>()
  }
  /** Confirmation reads under way by object id, shared by concurrent confirmations. */
  private readonly confirming = new Map<string, Promise<void>>()
  private prepared?: Promise<void>
  private ready = false
  readonly stats: DeltaStats = {
    mode: 'full',
    changedGroups: 0,
    changedPrincipals: 0,
    groupsRead: 0,
    confirmations: 0,
    refuted: 0
  }

  constructor(
    private readonly graph: GraphDirectory,
    private readonly identity: string,
    private readonly options: DeltaDirectoryOptions
  ) {}

  findGroups(ref: string): Promise<EntraGroup[]> {
    return this.graph.findGroups(ref)
  }

  async readGroup(ref: string, nested: Nested): Promise<EntraGroupRead> {
    await this.prepare()
    const group = await this.resolve(ref)
    await this.track(group.id, group.displayName)
    return this.collect(ref, group.id, nested)
  }

  /**
   * The read of `ref` as Graph confirms it: the group itself (resolved through Graph), and every member that is in
   * `adds` (object ids a plan would add) or not in `known` (those the plan was made without) and that this run has
   * not read from Graph itself — its memberships on the way from the group (the groups listing it are read whole
   * again) and its own properties (read again). What Graph does not confirm is left out, and warned about.
   */
  async confirm(
    ref: string,
    nested: Nested,
    adds: ReadonlySet<string>,
    known: ReadonlySet<string>
  ): Promise<EntraGroupRead> {
    await this.prepare()
    const group = await this.confirmGroup(ref)
    for (let round = 0; ; round++) {
      await this.track(group.id, group.displayName)
      const read = this.collect(ref, group.id, nested)
      const reach = this.confirmedReach(group.id, nested)
      const pending = read.members.filter(
        (p) => (adds.has(p.id) || !known.has(p.id)) && !(reach.has(p.id) && this.confirmed.principals.has(p.id))
      )
      if (pending.length === 0) {
        const listed = new Set(read.members.map((m) => m.id))
        const refuted = [...adds].filter((id) => !listed.has(id))
        if (refuted.length > 0) {
          this.refute(
            refuted.length,
            `the state file listed ${refuted.length} member(s) of "${read.displayName}" (${refuted.slice(0, 3).join(', ')}${refuted.length > 3 ? ', …' : ''}) that Microsoft Graph does not confirm; they were not added`
          )
        }
        return read
      }
      if (round === CONFIRM_ROUNDS) {
        throw new Error(`internal error: members of group ${group.id} are still unconfirmed after ${round} rounds`)
      }
      const reads: Promise<void>[] = []
      for (const p of pending) {
        if (reach.has(p.id)) reads.push(this.once(p.id, () => this.readPrincipal(p.id)))
        else
          for (const g of this.unconfirmedAncestors(group.id, p.id, nested))
            reads.push(this.once(g, () => this.reread(g)))
      }
      await Promise.all(reads)
    }
  }

  /** The state to keep for the next run: undefined when this run never got its delta links. */
  snapshot(): DeltaState | undefined {
    if (!this.ready) return undefined
    // Only whole groups are kept: a group not read again after a change, or listing one that is not kept, is
    // dropped (and read whole next time).
    const kept = new Map([...this.groups].filter(([id]) => !this.dirty.has(id)))
    // A member Graph did not describe is never saved as if it were real (reads refuse them; this is the last guard).
    const described = (m: string): boolean => {
      const p = this.principals.get(m)
      return (p !== undefined && !isLimited(p)) || this.others.has(m)
    }
    for (let changed = true; changed;) {
      changed = false
      for (const [id, g] of kept) {
        if (g.members.some((m) => !described(m) && !kept.has(m))) {
          kept.delete(id)
          changed = true
        }
      }
    }
    const groups = Object.fromEntries(kept)
    // Principals no kept group lists any more are dropped, so the file does not grow forever.
    const listed = new Set(Object.values(groups).flatMap((g) => g.members))
    const principals: Record<string, EntraPrincipal> = {}
    for (const [id, p] of this.principals) if (listed.has(id) && !isLimited(p)) principals[id] = p
    const others: Record<string, OtherMember> = {}
    for (const [id, o] of this.others) if (listed.has(id)) others[id] = o
    const names: Record<string, string> = {}
    for (const [name, id] of this.names) if (groups[id]) names[name] = id
    return {
      version: STATE_VERSION,
      tenantId: this.options.tenantId,
      graphEndpoint: this.options.graphEndpoint,
      savedAt: new Date(this.now()).toISOString(),
      // A file Graph contradicted may be wrong elsewhere too: the next run reads everything.
      fullReadAt: this.stats.refuted > 0 ? new Date(0).toISOString() : this.fullReadAt,
      links: { ...this.links },
      groups,
      principals,
      others,
      names
    }
  }

  // ----- start of the run

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  private prepare(): Promise<void> {
    this.prepared ??= this.start().then(() => {
      this.ready = true
    })
    return this.prepared
  }

  private async start(): Promise<void> {
    let previous = this.options.previous
    const started = new Date(this.now()).toISOString()
    if (previous && this.now() - Date.parse(previous.fullReadAt) >= FULL_READ_EVERY_MS) {
      this.options.log(
        `Entra: the state file's last full read was at ${previous.fullReadAt}, over a day ago; reading everything.`
      )
      previous = undefined
    }
    if (previous) {
      try {
        this.restore(previous)
        await this.applyChanges()
        this.checkWhole()
        this.stats.mode = 'incremental'
        this.options.log(
          `Entra: incremental read from the state file: ${this.stats.changedGroups} group change(s), ${this.stats.changedPrincipals} user/service principal change(s) since ${previous.savedAt}; ${this.dirty.size} group(s) to read again.`
        )
        await Promise.all([...this.dirty].map((id) => this.reread(id)))
        return
      } catch (error) {
        // Graph refuses a delta link it no longer knows (expired, or from another app): start over from now.
        if (!(error instanceof GraphError) || ![400, 404, 410].includes(error.statusCode)) {
          throw explainGraphError(
            error,
            'reading the changes since the last run (the delta links of the state file)',
            this.identity,
            this.graph.signInError()
          )
        }
        this.stats.resynced = `${error.statusCode} ${error.message}`
        this.options.log(
          `Entra: Graph refused a delta link of the state file (${error.statusCode}); reading everything.`
        )
        this.reset()
      }
    } else if (!this.options.previous) {
      this.options.log('Entra: no state file yet; reading everything and starting delta links.')
    }
    this.fullReadAt = started
    // Links from now first, then the reads: a change made in between is in both, and applying it twice is harmless.
    const [groups, users, servicePrincipals] = await Promise.all([
      this.latest(`/groups/delta?$select=displayName,members&$deltatoken=latest`),
      this.latest(`/users/delta?$select=${USER_SELECT}&$deltatoken=latest`),
      this.latest(`/servicePrincipals/delta?$select=${SERVICE_PRINCIPAL_SELECT}&$deltatoken=latest`)
    ])
    this.links = { groups, users, servicePrincipals }
  }

  private restore(state: DeltaState): void {
    this.groups = new Map(Object.entries(state.groups).map(([id, g]) => [id, { ...g, members: [...g.members] }]))
    this.principals = new Map(Object.entries(state.principals))
    this.others = new Map(Object.entries(state.others))
    this.names = new Map(Object.entries(state.names))
    this.links = { ...state.links }
    this.fullReadAt = state.fullReadAt
  }

  /**
   * Every member of a kept group must be a kept principal, group or other member; a group that lists anything else
   * (a member deleted without a membership change, or a nested group the file lost) is read again.
   */
  private checkWhole(): void {
    for (const [id, g] of this.groups) {
      if (g.members.some((m) => !this.known(m))) this.dirty.add(id)
    }
  }

  private known(id: string): boolean {
    return this.principals.has(id) || this.groups.has(id) || this.others.has(id)
  }

  private reset(): void {
    this.groups = new Map()
    this.principals = new Map()
    this.others = new Map()
    this.names = new Map()
    this.dirty.clear()
    this.renamed.clear()
    this.confirmed.edges.clear()
    Object.assign(this.stats, { changedGroups: 0, changedPrincipals: 0 })
  }

  private async latest(url: string): Promise<string> {
    const page = (await this.get(url, `starting the delta link of ${url.split('/')[1]}`)) as GraphPage<unknown>
    const link = page['@odata.deltaLink']
    if (!link) throw new Error(`Microsoft Graph returned no delta link for ${url.split('?')[0]}`)
    return link
  }

  /** Reads every delta round since the kept links and applies it to the kept groups and principals. */
  private async applyChanges(): Promise<void> {
    const [groups, users, servicePrincipals] = await Promise.all([
      this.readDelta(this.links.groups, (e) => this.applyGroup(e)),
      this.readDelta(this.links.users, (e) => this.applyPrincipal(e, 'user')),
      this.readDelta(this.links.servicePrincipals, (e) => this.applyPrincipal(e, 'servicePrincipal'))
    ])
    this.links = { groups, users, servicePrincipals }
  }

  private async readDelta(link: string, apply: (entry: Record<string, unknown>) => void): Promise<string> {
    // Errors are thrown as Graph gave them: a refused link (400/404/410) means starting over.
    let delta: string | undefined
    for await (const page of this.graph.pages<Record<string, unknown>>(this.graph.relative(link))) {
      for (const entry of page.value) apply(entry)
      delta = page['@odata.deltaLink']
    }
    if (!delta) throw new Error('the last page of a delta answer had no delta link')
    return delta
  }

  private applyGroup(entry: Record<string, unknown>): void {
    const id = String(entry.id)
    const tracked = this.groups.get(id)
    if (typeof entry.displayName === 'string') {
      // A group took this name (new, or renamed): config references by this name are looked up again.
      this.renamed.add(entry.displayName.toLowerCase())
      if (tracked && tracked.displayName !== entry.displayName) {
        this.renamed.add(tracked.displayName.toLowerCase())
        tracked.displayName = entry.displayName
      }
    }
    if (!tracked) return
    this.stats.changedGroups++
    if (entry['@removed']) {
      this.groups.delete(id)
      this.renamed.add(tracked.displayName.toLowerCase())
      return
    }
    const changes = entry['members@delta']
    if (!Array.isArray(changes)) return
    const members = new Set(tracked.members)
    for (const change of changes as Record<string, unknown>[]) {
      const memberId = String(change.id)
      if (change['@removed']) {
        members.delete(memberId)
        continue
      }
      // Graph said so in this run: this membership is confirmed.
      this.confirmed.edges.add(edge(id, memberId))
      // A member whose properties are not kept (a new user, or an untracked group) needs the group read whole.
      if (!this.known(memberId)) this.dirty.add(id)
      members.add(memberId)
    }
    tracked.members = [...members]
  }

  private applyPrincipal(entry: Record<string, unknown>, kind: EntraPrincipal['kind']): void {
    const id = String(entry.id)
    const known = this.principals.get(id)
    if (!known || known.kind !== kind) return
    this.stats.changedPrincipals++
    if (entry['@removed']) {
      this.principals.delete(id)
      return
    }
    // Graph sends the id and the changed properties only: merge them into what is kept.
    const merged = toEntraPrincipal({ ...unparse(known), ...entry, '@odata.type': `#microsoft.graph.${kind}` })
    if (merged) this.principals.set(id, merged)
  }

  // ----- groups

  private async resolve(ref: string): Promise<EntraGroup> {
    const key = ref.toLowerCase()
    const id = isGuid(ref) ? key : this.names.get(key)
    const kept = id ? this.groups.get(id) : undefined
    if (id && kept && !this.dirty.has(id)) {
      const byId = id === key
      if (byId || (!this.renamed.has(key) && kept.displayName.toLowerCase() === key)) {
        return { id, displayName: kept.displayName }
      }
    }
    const group = await this.graph.resolveGroup(ref)
    if (!isGuid(ref)) this.names.set(key, group.id)
    return group
  }

  /** A read of the kept memberships of group `id` (nested groups flattened with `flatten`). */
  private collect(ref: string, id: string, nested: Nested): EntraGroupRead {
    const tracked = this.groups.get(id)
    if (!tracked) throw new Error(`internal error: group ${id} was read but is not kept`)
    const members: EntraPrincipal[] = []
    const nestedGroups: string[] = []
    const unsupported: UnsupportedMember[] = []
    const seen = new Set<string>([id])
    const visit = (g: TrackedGroup): void => {
      for (const m of g.members) {
        if (seen.has(m)) continue
        seen.add(m)
        const principal = this.principals.get(m)
        if (principal) {
          members.push(principal)
          continue
        }
        const other = this.others.get(m)
        if (other) {
          unsupported.push({ id: m, ...other })
          continue
        }
        const child = this.groups.get(m)
        if (!child) continue
        nestedGroups.push(child.displayName)
        if (nested === 'flatten') visit(child)
      }
    }
    visit(tracked)
    return { ref, id, displayName: tracked.displayName, members, nestedGroups, unsupported }
  }

  /** Reads the group and every group nested in it that is not kept yet, one level per round (batched). */
  private async track(rootId: string, displayName: string): Promise<void> {
    await this.load(rootId, displayName)
    const seen = new Set([rootId])
    let round = [rootId]
    while (round.length > 0) {
      const next: string[] = []
      for (const g of round) {
        for (const m of this.groups.get(g)?.members ?? []) {
          if (seen.has(m) || this.principals.has(m) || this.others.has(m)) continue
          seen.add(m)
          if (this.groups.has(m) || this.pendingNames.has(m)) next.push(m)
        }
      }
      await Promise.all(next.map((m) => this.load(m, this.pendingNames.get(m) ?? m)))
      round = next
    }
  }

  /** Reads a group unless it is kept (once, however many readers ask at the same time). */
  private load(id: string, displayName: string): Promise<void> {
    if (this.groups.has(id) && !this.dirty.has(id)) return Promise.resolve()
    let loading = this.loading.get(id)
    if (!loading) {
      const started = this.reread(id, displayName)
      loading = started.finally(() => this.loading.delete(id))
      this.loading.set(id, loading)
    }
    return loading
  }

  /** Display names of nested groups seen in member lists and not read yet. */
  private readonly pendingNames = new Map<string, string>()

  /** Reads a group's direct members whole and keeps them: from then on this run trusts them. */
  private async reread(id: string, displayName = this.groups.get(id)?.displayName ?? id): Promise<void> {
    const members: string[] = []
    const principals: EntraPrincipal[] = []
    const others: [string, OtherMember][] = []
    const url = `/groups/${encodeURIComponent(id)}/members?$select=${MEMBER_SELECT.join(',')}&$top=${MEMBER_PAGE_SIZE}`
    const doing = `reading the members of Entra group "${displayName}" (${id})`
    try {
      for await (const page of this.graph.pages<DirectoryObject>(url)) {
        const limited: EntraPrincipal[] = []
        for (const object of page.value) {
          const type = object['@odata.type']
          if (type === '#microsoft.graph.group') {
            members.push(object.id)
            if (!this.groups.has(object.id)) this.pendingNames.set(object.id, object.displayName ?? object.id)
            continue
          }
          const principal = toEntraPrincipal(object)
          members.push(object.id)
          if (!principal) {
            // A device, contact or other object: kept to be reported as skipped, never synced.
            const { id: otherId, ...other } = toUnsupported(object)
            others.push([otherId, other])
            continue
          }
          if (isLimited(principal)) limited.push(principal)
          principals.push(principal)
        }
        // A member Graph would not describe fails the read, and is never kept (nor saved) as if it were real.
        if (limited.length > 0) throw limitedMembersError(limited, doing, this.identity)
      }
    } catch (error) {
      throw explainGraphError(error, doing, this.identity, this.graph.signInError())
    }
    // Kept only once the read is whole.
    for (const p of principals) {
      this.principals.set(p.id, p)
      this.confirmed.principals.add(p.id)
    }
    for (const [otherId, other] of others) this.others.set(otherId, other)
    this.groups.set(id, { displayName: this.groups.get(id)?.displayName ?? displayName, members })
    this.confirmed.groups.add(id)
    this.dirty.delete(id)
    this.stats.groupsRead++
  }

  // ----- confirmation of what the state file says

  /**
   * The group a config reference names, from Graph (a lookup this run made already is not repeated): a name the file
   * maps to another group is corrected, and so is the display name it kept.
   */
  private async confirmGroup(ref: string): Promise<EntraGroup> {
    const group = await this.graph.resolveGroup(ref)
    const key = ref.toLowerCase()
    if (!isGuid(ref) && this.names.get(key) !== group.id) {
      const claimed = this.names.get(key)
      if (claimed)
        this.refute(1, `the state file maps "${ref}" to group ${claimed}, but Graph resolves it to ${group.id}`)
      this.names.set(key, group.id)
    }
    const kept = this.groups.get(group.id)
    if (kept && kept.displayName !== group.displayName) {
      this.renamed.add(kept.displayName.toLowerCase())
      kept.displayName = group.displayName
    }
    return group
  }

  /** Members reached from the root through memberships this run read from Graph. */
  private confirmedReach(rootId: string, nested: Nested): Set<string> {
    const reach = new Set<string>()
    const queue = [rootId]
    const seen = new Set(queue)
    for (let i = 0; i < queue.length; i++) {
      const g = queue[i] as string
      const whole = this.confirmed.groups.has(g)
      for (const m of this.groups.get(g)?.members ?? []) {
        if (!whole && !this.confirmed.edges.has(edge(g, m))) continue
        reach.add(m)
        if (nested === 'flatten' && this.groups.has(m) && !seen.has(m)) {
          seen.add(m)
          queue.push(m)
        }
      }
    }
    return reach
  }

  /** Groups of the root's tree, not read whole in this run, through which `member` is reached. */
  private unconfirmedAncestors(rootId: string, member: string, nested: Nested): Set<string> {
    const parents = new Map<string, string[]>()
    const queue = [rootId]
    const seen = new Set(queue)
    for (let i = 0; i < queue.length; i++) {
      const g = queue[i] as string
      for (const m of this.groups.get(g)?.members ?? []) {
        const list = parents.get(m)
        if (list) list.push(g)
        else parents.set(m, [g])
        if (nested === 'flatten' && this.groups.has(m) && !seen.has(m)) {
          seen.add(m)
          queue.push(m)
        }
      }
    }
    const out = new Set<string>()
    const up = [member]
    const visited = new Set(up)
    while (up.length > 0) {
      for (const g of parents.get(up.pop() as string) ?? []) {
        if (visited.has(g)) continue
        visited.add(g)
        if (!this.confirmed.groups.has(g)) out.add(g)
        up.push(g)
      }
    }
    return out
  }

  /** Reads a kept user or service principal again; one Graph no longer has is dropped. */
  private async readPrincipal(id: string): Promise<void> {
    const kept = this.principals.get(id)
    if (!kept || this.confirmed.principals.has(id)) return
    const kind = kept.kind
    const url =
      kind === 'user'
        ? `/users/${encodeURIComponent(id)}?$select=${USER_SELECT}`
        : `/servicePrincipals/${encodeURIComponent(id)}?$select=${SERVICE_PRINCIPAL_SELECT}`
    const doing = `reading ${kind === 'user' ? 'user' : 'service principal'} ${id} to confirm the state file`
    this.stats.confirmations++
    let object: DirectoryObject
    try {
      object = (await this.graph.reader.get(url)) as DirectoryObject
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) {
        this.principals.delete(id)
        return
      }
      throw explainGraphError(error, doing, this.identity, this.graph.signInError())
    }
    const principal = toEntraPrincipal({ ...object, id, '@odata.type': `#microsoft.graph.${kind}` })
    if (!principal) return
    if (isLimited(principal)) throw limitedMembersError([principal], doing, this.identity)
    this.principals.set(id, principal)
    this.confirmed.principals.add(id)
  }

  /** One confirmation read per object at a time, shared by every confirmation that needs it. */
  private once(id: string, read: () => Promise<void>): Promise<void> {
    let pending = this.confirming.get(id)
    if (!pending) {
      pending = read().finally(() => this.confirming.delete(id))
      this.confirming.set(id, pending)
    }
    return pending
  }

  private refute(count: number, what: string): void {
    this.stats.refuted += count
    const warn = this.options.warn ?? this.options.log
    warn(
      `Entra: ${what}. The state file may have been changed by someone who can write this repository's caches; the next run reads everything from Graph.`
    )
  }

  private async get(url: string, doing: string): Promise<unknown> {
    try {
      return await this.graph.reader.get(url)
    } catch (error) {
      throw explainGraphError(error, doing, this.identity, this.graph.signInError())
    }
  }
}

/** A kept principal back in Graph's property names, to merge a delta entry into. */
function unparse(p: EntraPrincipal): DirectoryObject {
  return {
    id: p.id,
    displayName: p.displayName,
    ...(p.userPrincipalName !== undefined ? { userPrincipalName: p.userPrincipalName } : {}),
    ...(p.mail !== undefined ? { mail: p.mail } : {}),
    ...(p.userType !== undefined ? { userType: p.userType } : {}),
    ...(p.accountEnabled !== undefined ? { accountEnabled: p.accountEnabled } : {}),
    ...(p.appId !== undefined ? { appId: p.appId } : {})
  }
}
