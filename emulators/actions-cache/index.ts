// Starts the GitHub Actions cache stand-in: the cache service (Twirp, service.ts) and its blob storage (blob.ts),
// each on its own loopback HTTPS port, and gives the environment a runner gives a job step to reach them.
import { startServer, type EmulatorServer, type RequestLogEntry } from '../server.js'
import { ensureTestCa } from '../tls.js'
import { createBlobStore, type BlobStore } from './blob.js'
import { createCacheService, type ActionsCacheState } from './service.js'

export type { ActionsCacheState, CacheEntry } from './service.js'

export interface ActionsCache {
  /** The Twirp cache service ('actions-cache') and blob storage ('actions-cache-blob'). */
  servers: { cache: EmulatorServer; blob: EmulatorServer }
  state: ActionsCacheState
  blobs: BlobStore
  /** Both servers' requests, oldest first. */
  log: RequestLogEntry[]
  /**
   * What the runner sets for a step: ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_SERVICE_V2 (the
   * switch @actions/cache reads to talk to the cache service v2).
   */
  env(): Record<string, string>
  stop(): Promise<void>
}

export async function startActionsCache(opts: { caDir?: string; host?: string } = {}): Promise<ActionsCache> {
  const { cert, key } = await ensureTestCa(opts.caDir)
  const log: RequestLogEntry[] = []
  const common = { cert, key, host: opts.host ?? '127.0.0.1', onLog: (e: RequestLogEntry) => void log.push(e) }
  const blobs = createBlobStore()
  const blob = await startServer('actions-cache-blob', (req) => blobs.handler(req), common)
  const service = createCacheService(blobs, () => blob.url)
  let cache: EmulatorServer
  try {
    cache = await startServer('actions-cache', service.handler, {
      ...common,
      sensitive: new Set([service.state.runtimeToken]),
      errorResponse: (status, msg) => ({ status, body: { code: status === 503 ? 'unavailable' : 'internal', msg } }),
      throttledResponse: () => ({ status: 429, body: { code: 'resource_exhausted', msg: 'rate limited' } })
    })
  } catch (e) {
    await blob.stop()
    throw e
  }
  return {
    servers: { cache, blob },
    state: service.state,
    blobs,
    log,
    env: () => ({
      ACTIONS_RESULTS_URL: `${cache.url}/`,
      ACTIONS_RUNTIME_TOKEN: service.state.runtimeToken,
      ACTIONS_CACHE_SERVICE_V2: 'True'
    }),
    stop: async () => {
      await Promise.all([cache.stop(), blob.stop()])
    }
  }
}
