// The Azure Blob Storage side of the GitHub Actions cache: @actions/cache uploads the archive to the signed URL
// CreateCacheEntry returns (BlockBlobClient.uploadFile: Put Blob, or Put Block + Put Block List above its single-shot
// size) and downloads it from the signed URL GetCacheEntryDownloadURL returns. URLs are path-style
// (https://127.0.0.1:PORT/<account>/<container>/<blob>), as the Azure SDK reads an IP host (as for Azurite), and each
// carries the SAS the cache service signed for it: a request without that signature, or with a permission it does
// not grant, is refused as Azure Storage refuses it.
import { createHash, randomBytes } from 'node:crypto'
import type { EmulatorRequest, EmulatorResponse } from '../types.js'

export const BLOB_ACCOUNT = 'actionscache'
export const BLOB_CONTAINER = 'cache'
const SERVICE_VERSION = '2025-01-05'

interface StoredBlob {
  bytes: Buffer
  etag: string
  lastModified: string
}

/** What a signature allows: `cw` (create, write) for an upload URL, `r` (read) for a download URL. */
type Permission = 'cw' | 'r'

export interface BlobStore {
  /** A signed URL for one blob: the SAS query the cache service hands out. */
  sign(origin: string, blob: string, permission: Permission): string
  /** The committed bytes of a blob, if any. */
  get(blob: string): Buffer | undefined
  /** Blob names with uncommitted blocks (staged by Put Block, not yet listed by Put Block List). */
  staged(): string[]
  handler(req: EmulatorRequest): EmulatorResponse
}

export function createBlobStore(): BlobStore {
  const blobs = new Map<string, StoredBlob>()
  const blocks = new Map<string, Map<string, Buffer>>()
  const signatures = new Map<string, { blob: string; permission: Permission }>()

  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    'x-ms-request-id': randomBytes(16).toString('hex'),
    'x-ms-version': SERVICE_VERSION,
    Date: new Date().toUTCString(),
    ...extra
  })
  const error = (status: number, code: string, message: string): EmulatorResponse => ({
    status,
    headers: headers({ 'Content-Type': 'application/xml', 'x-ms-error-code': code }),
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  })
  const created = (blob?: StoredBlob): EmulatorResponse => ({
    status: 201,
    headers: headers({
      ...(blob ? { ETag: blob.etag, 'Last-Modified': blob.lastModified } : {}),
      'x-ms-request-server-encrypted': 'true'
    })
  })
  const store = (name: string, bytes: Buffer): StoredBlob => {
    const blob = {
      bytes,
      etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
      lastModified: new Date().toUTCString()
    }
    blobs.set(name, blob)
    blocks.delete(name)
    return blob
  }

  return {
    sign(origin, blob, permission) {
      const sig = randomBytes(32).toString('base64')
      signatures.set(sig, { blob, permission })
      const expiry = new Date(Date.now() + 60 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
      const query = new URLSearchParams({ sv: SERVICE_VERSION, sr: 'b', sp: permission, se: expiry, sig })
      return `${origin}/${BLOB_ACCOUNT}/${BLOB_CONTAINER}/${blob}?${query}`
    },
    get: (blob) => blobs.get(blob)?.bytes,
    staged: () => [...blocks.keys()],
    handler(req) {
      const [, account, container, ...rest] = req.url.pathname.split('/')
      const name = decodeURIComponent(rest.join('/'))
      if (account !== BLOB_ACCOUNT)
        return error(400, 'InvalidUri', 'The requested URI does not represent any resource.')
      if (container !== BLOB_CONTAINER || !name) return error(404, 'ResourceNotFound', 'The resource does not exist.')
      const q = req.url.searchParams
      const grant = signatures.get(q.get('sig') ?? '')
      const writing = req.method === 'PUT'
      if (!grant || grant.blob !== name || q.get('sp') !== grant.permission || (writing && grant.permission !== 'cw')) {
        return error(
          403,
          'AuthenticationFailed',
          'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.'
        )
      }
      const bytes = req.bytes ?? Buffer.from(req.rawBody)
      const comp = q.get('comp')
      if (req.method === 'PUT' && comp === 'block') {
        const id = q.get('blockid')
        if (!id) return error(400, 'MissingRequiredQueryParameter', 'A query parameter that is mandatory is missing.')
        const staged = blocks.get(name) ?? new Map<string, Buffer>()
        staged.set(id, bytes)
        blocks.set(name, staged)
        return created()
      }
      if (req.method === 'PUT' && comp === 'blocklist') {
        const ids = [...bytes.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map(
          (m) => m[2] as string
        )
        const staged = blocks.get(name)
        const parts = ids.map((id) => staged?.get(id))
        if (parts.some((p) => p === undefined)) {
          return error(400, 'InvalidBlockList', 'The specified block list is invalid.')
        }
        return created(store(name, Buffer.concat(parts as Buffer[])))
      }
      if (req.method === 'PUT' && !comp) {
        if (String(req.headers['x-ms-blob-type'] ?? '') !== 'BlockBlob') {
          return error(
            400,
            'MissingRequiredHeader',
            'An HTTP header that is mandatory for this request is not specified.'
          )
        }
        return created(store(name, bytes))
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && !comp) {
        const blob = blobs.get(name)
        if (!blob) return error(404, 'BlobNotFound', 'The specified blob does not exist.')
        const common = {
          'Content-Type': 'application/octet-stream',
          'Content-MD5': createHash('md5').update(blob.bytes).digest('base64'),
          ETag: blob.etag,
          'Last-Modified': blob.lastModified,
          'Accept-Ranges': 'bytes',
          'x-ms-blob-type': 'BlockBlob'
        }
        const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers['x-ms-range'] ?? req.headers.range ?? ''))
        if (range && req.method === 'GET') {
          const start = Number(range[1])
          const end = Math.min(range[2] ? Number(range[2]) : blob.bytes.length - 1, blob.bytes.length - 1)
          if (start >= blob.bytes.length) {
            return error(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.')
          }
          return {
            status: 206,
            headers: headers({ ...common, 'Content-Range': `bytes ${start}-${end}/${blob.bytes.length}` }),
            body: blob.bytes.subarray(start, end + 1)
          }
        }
        return { status: 200, headers: headers(common), body: blob.bytes }
      }
      return error(400, 'UnsupportedHttpVerb', 'The resource doesn\u2019t support the specified HTTP verb.')
    }
  }
}
