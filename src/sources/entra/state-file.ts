// The opt-in incremental-read state (input `state-file`): Microsoft Graph delta links, and the direct members of
// every group the sync has read, as of those links. It holds no secret (object ids, names, UPNs, mail addresses)
// and is meant to be kept between runs with actions/cache.
//
// The file is untrusted: anyone who can write the default branch's caches can change it. So it is used only when it
// is whole, of this tenant and Graph endpoint, its delta links are Graph delta links of that endpoint, its ids are
// object ids, and it does not claim a full read in the future; otherwise it is not used (the run warns and reads
// everything). What it says of memberships never adds anyone on its own word (delta-directory.ts confirms adds with
// Graph), and a run reads everything when the last full read is over a day old. It is read and written only as a
// regular file: a FIFO, device, directory or symbolic link at its path is neither read nor replaced.
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { isGuid } from '../../util/guid.js'
import { writePieces } from '../../util/write-pieces.js'
import { relativeGraphLink } from './graph-pages.js'
import type { EntraPrincipal } from './types.js'

export const STATE_VERSION = 2

/** A run reads everything when the state's last full read is older than this. */
export const FULL_READ_EVERY_MS = 24 * 60 * 60 * 1000
/** How far ahead of this machine's clock a recorded time may be (clocks differ a little); beyond, it is a lie. */
const CLOCK_SKEW_MS = 5 * 60 * 1000

export interface TrackedGroup {
  displayName: string
  /** Object ids of the direct members: principals (`principals`), groups (`groups`) and others (`others`). */
  members: string[]
}

/** A member that is neither a user, a service principal nor a group (a device, a contact): reported, never synced. */
export interface OtherMember {
  /** Graph's @odata.type, e.g. `#microsoft.graph.device`. */
  type: string
  displayName?: string
}

export interface DeltaState {
  version: typeof STATE_VERSION
  tenantId: string
  graphEndpoint: string
  savedAt: string
  /** When every group in it was last read whole from Graph; older than a day, the next run reads everything. */
  fullReadAt: string
  /** Delta links, as Graph returned them: where the next run's reads start. */
  links: { groups: string; users: string; servicePrincipals: string }
  /** Tracked groups by object id. */
  groups: Record<string, TrackedGroup>
  /** Users and service principals that are direct members of a tracked group, by object id. */
  principals: Record<string, EntraPrincipal>
  /** Devices, contacts and other objects that are direct members of a tracked group, by object id. */
  others: Record<string, OtherMember>
  /** Config references by display name (lower-cased) -> group id, as resolved. */
  names: Record<string, string>
}

/** `replace: false`: what is at the path is not a regular file, so it must not be written over either. */
export type LoadedState = { ok: true; state: DeltaState } | { ok: false; reason: string; replace: boolean }

export interface StateScope {
  tenantId: string
  graphEndpoint: string
  /** This machine's clock (injectable for tests). */
  now?: number
}

/** Reads the state file; `missing` is not an error (a first run), anything unusable says why. */
export function loadState(path: string, expect: StateScope): LoadedState | undefined {
  let text: string
  try {
    const read = readRegularFile(path)
    if (read === undefined) return undefined
    if ('kind' in read) return { ok: false, reason: `it is ${read.kind}, not a regular file`, replace: false }
    text = read.text
  } catch (error) {
    return { ok: false, reason: `it could not be read (${(error as Error).message})`, replace: true }
  }
  const unusable = (reason: string): LoadedState => ({ ok: false, reason, replace: true })
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return unusable('it is not JSON')
  }
  const problem = checkState(data)
  if (problem) return unusable(problem)
  const state = data as DeltaState
  if (state.tenantId.toLowerCase() !== expect.tenantId.toLowerCase()) {
    return unusable(`it belongs to tenant ${state.tenantId}, not ${expect.tenantId}`)
  }
  if (state.graphEndpoint !== expect.graphEndpoint) {
    return unusable(`it was made against ${state.graphEndpoint}, not ${expect.graphEndpoint}`)
  }
  const link = checkLinks(state.links, expect.graphEndpoint)
  if (link) return unusable(link)
  if (Date.parse(state.fullReadAt) > (expect.now ?? Date.now()) + CLOCK_SKEW_MS) {
    return unusable(`it claims a full read at ${state.fullReadAt}, which is in the future`)
  }
  return { ok: true, state }
}

/**
 * Writes the state atomically (a new temporary file in the same folder, renamed over the old one), so a killed run
 * leaves a whole file; only over a regular file or nothing: anything else at the path is left as it is (an error).
 */
export function saveState(path: string, state: DeltaState): void {
  mkdirSync(dirname(path), { recursive: true })
  const refuse = (): void => {
    const kind = nonRegularKind(path)
    if (kind) throw new Error(`${path} is ${kind}, not a regular file, so it was left as it is`)
  }
  refuse()
  // A fresh name, created exclusively: never written through a file or link someone left at that name.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  const fd = openSync(temp, 'wx')
  try {
    try {
      writePieces(fd, stateJson(state))
    } finally {
      closeSync(fd)
    }
    refuse()
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

/** The records of the state that grow with the tenant. */
const LARGE: ReadonlySet<string> = new Set<keyof DeltaState>(['groups', 'principals', 'others', 'names'])

/**
 * JSON.stringify(state), piece by piece: one entry of a large record at a time, so the whole text never has to be
 * held at once (the action's peak memory: README "Where the memory goes").
 */
export function* stateJson(state: DeltaState): Generator<string> {
  const entries = (record: object): [string, unknown][] =>
    Object.entries(record).filter(([, v]) => v !== undefined && typeof v !== 'function')
  yield '{'
  for (const [i, [key, value]] of entries(state).entries()) {
    yield `${i === 0 ? '' : ','}${JSON.stringify(key)}:`
    if (!LARGE.has(key) || typeof value !== 'object' || value === null) {
      yield JSON.stringify(value)
      continue
    }
    yield '{'
    for (const [j, [k, v]] of entries(value).entries())
      yield `${j === 0 ? '' : ','}${JSON.stringify(k)}:${JSON.stringify(v)}`
    yield '}'
  }
  yield '}'
}

/**
 * A regular file's text, or what else is there (a FIFO is opened without waiting for a writer, a symbolic link is
 * not followed); undefined when nothing is.
 */
function readRegularFile(path: string): { text: string } | { kind: string } | undefined {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    if (code === 'ELOOP') return { kind: 'a symbolic link' }
    if (code === 'EISDIR') return { kind: 'a directory' }
    throw error
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) return { kind: kindOf(stats) }
    return { text: readFileSync(fd, 'utf8') }
  } finally {
    closeSync(fd)
  }
}

/** What is at `path` when it is there and not a regular file (a symbolic link counts: it is not replaced). */
function nonRegularKind(path: string): string | undefined {
  let stats: Stats
  try {
    stats = lstatSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return stats.isFile() ? undefined : kindOf(stats)
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isSymbolicLink()) return 'a symbolic link'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

const DELTA_PATHS = { groups: 'groups', users: 'users', servicePrincipals: 'servicePrincipals' } as const

/** Why a delta link is unusable: not a delta link of that collection at the configured Graph endpoint. */
function checkLinks(links: DeltaState['links'], graphEndpoint: string): string | undefined {
  for (const [name, collection] of Object.entries(DELTA_PATHS) as [keyof typeof DELTA_PATHS, string][]) {
    let path: string
    try {
      path = relativeGraphLink(graphEndpoint, links[name]).split('?')[0] ?? ''
    } catch {
      return `its ${name} delta link does not point to ${new URL(graphEndpoint).origin}/v1.0`
    }
    if (!new RegExp(`^/${collection}/delta(\\(\\))?$`, 'i').test(path)) {
      return `its ${name} delta link is not a ${collection} delta link`
    }
  }
  return undefined
}

const isString = (v: unknown): v is string => typeof v === 'string'
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isDate = (v: unknown): v is string => isString(v) && !Number.isNaN(Date.parse(v))
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v)
const SKIPPED_TYPES = new Set(['#microsoft.graph.user', '#microsoft.graph.serviceprincipal', '#microsoft.graph.group'])

/** What is wrong with a parsed state, or undefined when its shape is right (a shape check: it must be whole). */
export function checkState(data: unknown): string | undefined {
  if (!isObject(data)) return 'it is not an object'
  if (data.version !== STATE_VERSION) return `its version is ${String(data.version)}, not ${STATE_VERSION}`
  for (const key of ['tenantId', 'graphEndpoint'] as const) {
    if (!isString(data[key])) return `${key} is missing`
  }
  for (const key of ['savedAt', 'fullReadAt'] as const) {
    if (!isDate(data[key])) return `${key} is not a time`
  }
  const links = data.links
  if (!isObject(links) || !isString(links.groups) || !isString(links.users) || !isString(links.servicePrincipals)) {
    return 'a delta link is missing'
  }
  if (!isObject(data.groups) || !isObject(data.principals) || !isObject(data.others) || !isObject(data.names)) {
    return 'a section is missing'
  }
  // Ids go into Graph URLs: object ids only.
  for (const [id, g] of Object.entries(data.groups)) {
    if (!isGuid(id) || !isObject(g) || !isString(g.displayName) || !Array.isArray(g.members)) {
      return `group ${id} is malformed`
    }
    if (!g.members.every((m) => isString(m) && isGuid(m))) return `group ${id} has a member that is not an object id`
  }
  for (const [id, p] of Object.entries(data.principals)) {
    if (
      !isGuid(id) ||
      !isObject(p) ||
      p.id !== id ||
      (p.kind !== 'user' && p.kind !== 'servicePrincipal') ||
      !isString(p.displayName) ||
      !optional(p.mail, (v) => v === null || isString(v)) ||
      !optional(p.userType, isString) ||
      !optional(p.accountEnabled, (v) => typeof v === 'boolean')
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
  for (const [id, o] of Object.entries(data.others)) {
    if (
      !isGuid(id) ||
      !isObject(o) ||
      !isString(o.type) ||
      !o.type.startsWith('#microsoft.graph.') ||
      SKIPPED_TYPES.has(o.type.toLowerCase()) ||
      !optional(o.displayName, isString)
    ) {
      return `member ${id} is malformed`
    }
  }
  for (const [name, id] of Object.entries(data.names)) {
    if (!isString(id) || !isObject(data.groups[id])) return `name "${name}" points to no tracked group`
  }
  return undefined
}
