// The GitHub Actions cache stand-in driven by the real @actions/cache 6 (cache service v2: Twirp JSON, the archive
// made with the system tar and zstd, uploaded and downloaded through signed blob URLs) and by the Azure Storage SDK
// itself for what the cache library only does with large archives (Put Block + Put Block List, ranged reads).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { restoreCache, saveCache } from '@actions/cache'
import { BlockBlobClient } from '@azure/storage-blob'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startActionsCache, type ActionsCache } from '../emulators/actions-cache/index.js'

let cache: ActionsCache
let workspace: string
const saved: Record<string, string | undefined> = {}
const ENV = [
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'GITHUB_WORKSPACE',
  'RUNNER_TEMP'
]

beforeAll(async () => {
  cache = await startActionsCache()
  for (const k of ENV) saved[k] = process.env[k]
})

afterAll(async () => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
  await cache.stop()
})

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'cache-ws-'))
  const temp = mkdtempSync(join(tmpdir(), 'cache-temp-'))
  Object.assign(process.env, cache.env(), { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp })
  cache.state.readOnly = false
})

const file = (): string => join(workspace, 'state', 'state.json')
function write(text: string): void {
  mkdirSync(join(workspace, 'state'), { recursive: true })
  writeFileSync(file(), text)
}
const read = (): string => readFileSync(file(), 'utf8')
const twirp = (method: string) => cache.log.filter((e) => e.path.endsWith(`/${method}`))

describe('the cache service v2 as @actions/cache uses it', () => {
  test('save uploads the archive and finalizes it; restore by prefix brings back the newest entry, an exact key first', async () => {
    write('first')
    expect(await saveCache([file()], 'state-a-1')).toBeGreaterThan(0)
    write('second')
    expect(await saveCache([file()], 'state-a-2')).toBeGreaterThan(0)
    write('other scope')
    expect(await saveCache([file()], 'state-b-1')).toBeGreaterThan(0)
    expect(cache.state.entries().map((e) => e.key)).toEqual(['state-a-1', 'state-a-2', 'state-b-1'])

    rmSync(file())
    expect(await restoreCache([file()], 'state-a-3', ['state-a-'])).toBe('state-a-2')
    expect(read()).toBe('second')
    expect(await restoreCache([file()], 'state-a-1', ['state-a-'])).toBe('state-a-1')
    expect(read()).toBe('first')
    // The archive went through the blob endpoint: Put Blob, then a plain GET of the signed download URL.
    const blob = cache.servers.blob.log.map((e) => `${e.method} ${e.status}`)
    expect(blob).toContain('PUT 201')
    expect(blob).toContain('GET 200')
  })

  test('a restore finds nothing for another key prefix or another version (another path)', async () => {
    write('kept')
    expect(await saveCache([file()], 'scope-x-1')).toBeGreaterThan(0)
    expect(await restoreCache([file()], 'scope-y-1', ['scope-y-'])).toBeUndefined()
    const elsewhere = join(workspace, 'elsewhere.json')
    expect(await restoreCache([elsewhere], 'scope-x-2', ['scope-x-'])).toBeUndefined()
  })

  test('entries are immutable: saving a key again is refused (409) and the first entry stays', async () => {
    write('original')
    expect(await saveCache([file()], 'fixed-key')).toBeGreaterThan(0)
    write('replacement')
    expect(await saveCache([file()], 'fixed-key')).toBe(-1)
    expect(twirp('CreateCacheEntry').at(-1)?.status).toBe(409)
    rmSync(file())
    expect(await restoreCache([file()], 'fixed-key')).toBe('fixed-key')
    expect(read()).toBe('original')
  })

  test('a read-only token cannot create entries; another token is refused (401) for reads and writes', async () => {
    cache.state.readOnly = true
    write('denied')
    expect(await saveCache([file()], 'read-only-1')).toBe(-1)
    expect(cache.state.entries().some((e) => e.key === 'read-only-1')).toBe(false)
    cache.state.readOnly = false

    process.env.ACTIONS_RUNTIME_TOKEN = 'not-the-job-token'
    expect(await saveCache([file()], 'wrong-token-1')).toBe(-1)
    expect(await restoreCache([file()], 'read-only-1', ['read-'])).toBeUndefined()
    expect(twirp('GetCacheEntryDownloadURL').at(-1)?.status).toBe(401)
  })
})

describe('blob storage as the Azure Storage SDK writes and reads it', () => {
  test('Put Block + Put Block List assemble the blob; ranged GETs read it; a read URL cannot write', async () => {
    const upload = cache.blobs.sign(cache.servers.blob.url, 'big/cache', 'cw')
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))
    await new BlockBlobClient(upload).uploadData(data, { maxSingleShotSize: 1024, blockSize: 1024, concurrency: 2 })
    const puts = cache.servers.blob.log.filter((e) => e.method === 'PUT' && e.path.endsWith('/big/cache'))
    expect(puts.filter((e) => e.query.comp === 'block')).toHaveLength(5)
    expect(puts.filter((e) => e.query.comp === 'blocklist')).toHaveLength(1)
    expect(cache.blobs.get('big/cache')?.equals(data)).toBe(true)
    expect(cache.blobs.staged()).not.toContain('big/cache')

    const download = new BlockBlobClient(cache.blobs.sign(cache.servers.blob.url, 'big/cache', 'r'))
    expect((await download.getProperties()).contentLength).toBe(5000)
    expect((await download.downloadToBuffer(1000, 3000, { blockSize: 1024 })).equals(data.subarray(1000, 4000))).toBe(
      true
    )
    await expect(download.upload('x', 1)).rejects.toMatchObject({ statusCode: 403, code: 'AuthenticationFailed' })
    const unsigned = `${cache.servers.blob.url}/actionscache/cache/big/cache`
    await expect(new BlockBlobClient(unsigned).download()).rejects.toMatchObject({ statusCode: 403 })
  })
})
