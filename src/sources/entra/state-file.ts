// The opt-in incremental-read state (input `state-file`): Microsoft Graph delta links, and the direct members of
// every group the sync has read, as of those links. It holds no secret (object ids, names, UPNs, mail addresses)
// and is meant to be kept between runs with actions/cache. A state that is unreadable, of another version, or of
// another tenant or Graph endpoint is never used: the run then reads everything and writes a fresh one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { EntraPrincipal } from './types.js'

export const STATE_VERSION = 1

export interface TrackedGroup {
  displayName: string
  /** Object ids of the direct members: principals (in `principals`) and groups (in `groups`). */
  members: string[]
}

export interface DeltaState {
  version: typeof STATE_VERSION
  tenantId: string
  graphEndpoint: string
  savedAt: string
  /** Delta links, as Graph returned them: where the next run's reads start. */
  links: { groups: string; users: string; servicePrincipals: string }
  /** Tracked groups by object id. */
  groups: Record<string, TrackedGroup>
  /** Users and service principals that are direct members of a tracked group, by object id. */
  principals: Record<string, EntraPrincipal>
  /** Config references by display name (lower-cased) -> group id, as resolved. */
  names: Record<string, string>
}

export type LoadedState = { ok: true; state: DeltaState } | { ok: false; reason: string }

/** Reads the state file; `missing` is not an error (a first run), anything unusable says why. */
export function loadState(path: string, expect: { tenantId: string; graphEndpoint: string }): LoadedState | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    return { ok: false, reason: `it could not be read (${(error as Error).message})` }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'it is not JSON' }
  }
  const problem = checkState(data)
  if (problem) return { ok: false, reason: problem }
  const state = data as DeltaState
  if (state.tenantId.toLowerCase() !== expect.tenantId.toLowerCase()) {
    return { ok: false, reason: `it belongs to tenant ${state.tenantId}, not ${expect.tenantId}` }
  }
  if (state.graphEndpoint !== expect.graphEndpoint) {
    return { ok: false, reason: `it was made against ${state.graphEndpoint}, not ${expect.graphEndpoint}` }
  }
  return { ok: true, state }
}

/** Writes the state atomically (a temporary file renamed over the old one), so a killed run leaves a whole file. */
export function saveState(path: string, state: DeltaState): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(state))
  renameSync(temp, path)
}

const isString = (v: unknown): v is string => typeof v === 'string'
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** What is wrong with a parsed state, or undefined when its shape is right (a shape check: it must be whole). */
export function checkState(data: unknown): string | undefined {
  if (!isObject(data)) return 'it is not an object'
  if (data.version !== STATE_VERSION) return `its version is ${String(data.version)}, not ${STATE_VERSION}`
  for (const key of ['tenantId', 'graphEndpoint', 'savedAt'] as const) {
    if (!isString(data[key])) return `${key} is missing`
  }
  const links = data.links
  if (!isObject(links) || !isString(links.groups) || !isString(links.users) || !isString(links.servicePrincipals)) {
    return 'a delta link is missing'
  }
  if (!isObject(data.groups) || !isObject(data.principals) || !isObject(data.names)) return 'a section is missing'
  for (const [id, g] of Object.entries(data.groups)) {
    if (!isObject(g) || !isString(g.displayName) || !Array.isArray(g.members) || !g.members.every(isString)) {
      return `group ${id} is malformed`
    }
  }
  for (const [id, p] of Object.entries(data.principals)) {
    if (
      !isObject(p) ||
      p.id !== id ||
      (p.kind !== 'user' && p.kind !== 'servicePrincipal') ||
      !isString(p.displayName)
    ) {
      return `principal ${id} is malformed`
    }
    // Every user has a userPrincipalName and every service principal an appId: one kept without it was read
    // without the permission to read it (Graph's "limited information") and must not stand for a real member.
    const key = p.kind === 'user' ? p.userPrincipalName : p.appId
    if (!isString(key) || !key.trim()) {
      return `principal ${id} has no ${p.kind === 'user' ? 'userPrincipalName' : 'appId'}`
    }
  }
  for (const [name, id] of Object.entries(data.names)) {
    if (!isString(id) || !isObject(data.groups[id])) return `name "${name}" points to no tracked group`
  }
  return undefined
}
