// Entra's own shapes, as Graph returns them (after the reader picked the properties it selects).
import type { Nested } from '../../core/model.js'

export interface EntraPrincipal {
  kind: 'user' | 'servicePrincipal'
  /** Entra object id. */
  id: string
  displayName: string
  /** Users: userPrincipalName. */
  userPrincipalName?: string
  mail?: string | null
  userType?: 'Member' | 'Guest' | string
  accountEnabled?: boolean
  /** Service principals: application (client) id. */
  appId?: string
}

/** One config group mapping with what Entra returned for it. */
export interface EntraGroupRead {
  /** The config reference (display name or object id). */
  ref: string
  /** Resolved Entra group. */
  id: string
  displayName: string
  /** Users and service principals (transitive for nested: flatten). Nested group objects are not included. */
  members: EntraPrincipal[]
  /** Display names of nested groups seen (with nested: direct these members were not synced). */
  nestedGroups: string[]
  /** Members that are neither users, service principals nor groups (devices, contacts): never synced, reported. */
  unsupported?: UnsupportedMember[]
}

/** A member the sync has no identity for: a device, an organizational contact, or another kind of object. */
export interface UnsupportedMember {
  id: string
  /** Graph's @odata.type, e.g. `#microsoft.graph.device`. */
  type: string
  /** Absent when Graph gave only the type and id (the app may not read that kind: "limited information"). */
  displayName?: string
}

export interface EntraGroup {
  id: string
  displayName: string
}

export interface EntraDirectory {
  /** Groups matching a config reference: an object id, else an exact display name (case-insensitive, as Graph). */
  findGroups(ref: string): Promise<EntraGroup[]>
  /**
   * Resolves a config reference to exactly one group and reads all its members: transitive for `flatten`, direct
   * for `direct`. Throws an ActionError when the group is missing or ambiguous, or when any page fails: a read is
   * whole or it is an error, never a partial member list.
   */
  readGroup(ref: string, nested: Nested): Promise<EntraGroupRead>
  /**
   * Present on a directory that answers from a cache it does not trust (the state file): the read of `ref` as
   * Graph confirms it, for the members in `adds` (object ids a plan would add) and those not in `known` (the ones
   * the plan was made without).
   */
  confirm?(ref: string, nested: Nested, adds: ReadonlySet<string>, known: ReadonlySet<string>): Promise<EntraGroupRead>
}
