// The GitHub Actions cache service v2 as @actions/cache 6 calls it: Twirp JSON at
// $ACTIONS_RESULTS_URL/twirp/github.actions.results.api.v1.CacheService/<Method>, authorised by the job's
// ACTIONS_RUNTIME_TOKEN. Entries are immutable and found by key and version: an exact key first, then the newest
// entry whose key starts with the key, then with each restore key in turn. The archive itself goes to and comes
// from blob storage through signed URLs (blob.ts).
import { randomBytes } from 'node:crypto'
import type { EmulatorRequest, EmulatorResponse } from '../types.js'
import type { BlobStore } from './blob.js'

export const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService'

export interface CacheEntry {
  id: number
  key: string
  version: string
  blob: string
  /** Set by FinalizeCacheEntryUpload: only then is the entry found by a restore. */
  sizeBytes?: number
  /** Order of creation (newest wins among prefix matches). */
  created: number
}

export interface ActionsCacheState {
  /** The job's ACTIONS_RUNTIME_TOKEN; any other bearer is refused. */
  readonly runtimeToken: string
  /**
   * The token is read-only, as the cache service scopes it for some events: CreateCacheEntry answers ok: false,
   * "cache write denied: …".
   */
  readOnly: boolean
  /** Finalized entries, oldest first. */
  entries(): CacheEntry[]
}

interface TwirpAnswer {
  status: number
  body: unknown
}

const twirpError = (status: number, code: string, msg: string): TwirpAnswer => ({ status, body: { code, msg } })

export function createCacheService(
  blobs: BlobStore,
  blobOrigin: () => string
): { handler: (req: EmulatorRequest) => EmulatorResponse; state: ActionsCacheState } {
  const entries: CacheEntry[] = []
  let sequence = 0
  const state: ActionsCacheState = {
    runtimeToken: randomBytes(24).toString('base64url'),
    readOnly: false,
    entries: () => entries.filter((e) => e.sizeBytes !== undefined)
  }

  const field = (body: Record<string, unknown>, name: string): string =>
    typeof body[name] === 'string' ? (body[name] as string) : ''

  const methods: Record<string, (body: Record<string, unknown>) => TwirpAnswer> = {
    CreateCacheEntry(body) {
      const key = field(body, 'key')
      const version = field(body, 'version')
      if (!key || !version) return twirpError(400, 'invalid_argument', `${key ? 'version' : 'key'} is required`)
      if (state.readOnly) {
        return { status: 200, body: { ok: false, message: 'cache write denied: token has no writable scopes' } }
      }
      if (entries.some((e) => e.key === key && e.version === version)) {
        return twirpError(409, 'already_exists', 'cache entry with the same key, version, and scope already exists')
      }
      const entry: CacheEntry = {
        id: ++sequence,
        key,
        version,
        blob: `${randomBytes(16).toString('hex')}/cache`,
        created: sequence
      }
      entries.push(entry)
      return { status: 200, body: { ok: true, signed_upload_url: blobs.sign(blobOrigin(), entry.blob, 'cw') } }
    },
    FinalizeCacheEntryUpload(body) {
      const key = field(body, 'key')
      const version = field(body, 'version')
      const entry = entries.find((e) => e.key === key && e.version === version && e.sizeBytes === undefined)
      const uploaded = entry ? blobs.get(entry.blob) : undefined
      if (!entry || !uploaded) return twirpError(404, 'not_found', 'cache entry not found')
      entry.sizeBytes = Number(body.size_bytes ?? uploaded.length)
      return { status: 200, body: { ok: true, entry_id: String(entry.id) } }
    },
    GetCacheEntryDownloadURL(body) {
      const key = field(body, 'key')
      const version = field(body, 'version')
      const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(String) : []
      const found = state.entries().filter((e) => e.version === version)
      const newest = (match: (e: CacheEntry) => boolean): CacheEntry | undefined =>
        found.filter(match).sort((a, b) => b.created - a.created)[0]
      let hit = newest((e) => e.key === key)
      for (const prefix of [key, ...restoreKeys]) hit ??= newest((e) => e.key.startsWith(prefix))
      if (!hit) return { status: 200, body: { ok: false } }
      return {
        status: 200,
        body: { ok: true, signed_download_url: blobs.sign(blobOrigin(), hit.blob, 'r'), matched_key: hit.key }
      }
    }
  }

  const handler = (req: EmulatorRequest): EmulatorResponse => {
    const answer = (a: TwirpAnswer): EmulatorResponse => ({ status: a.status, body: a.body })
    const route = new RegExp(`^/twirp/${CACHE_SERVICE.replace(/\./g, '\\.')}/(\\w+)$`).exec(req.url.pathname)
    const method = route ? methods[route[1] as string] : undefined
    if (req.method !== 'POST' || !method) {
      return answer(twirpError(404, 'bad_route', `no handler for path "${req.url.pathname}"`))
    }
    if (req.headers.authorization !== `Bearer ${state.runtimeToken}`) {
      return answer(twirpError(401, 'unauthenticated', 'invalid or missing runtime token'))
    }
    const body = req.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return answer(twirpError(400, 'malformed', 'the request body is not a JSON object'))
    }
    return answer(method(body as Record<string, unknown>))
  }
  return { handler, state }
}
