// End-to-end: `node dist/index.js` syncs the demo tenant into workspaces whose SCIM limits are strict and unknown to
// the action (POST/PUT/DELETE 2, PATCH 1, GET of one resource and LIST 5 a second each): pacing starts low, learns
// the limits from the first 429s and the sync ends with few of them; told the limits through `rate-limits`, it meets
// none. Counts, never times.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { demoWorkspaces, runAgainst, startEmulators, type Emulators, type RateLimit } from '../emulators/index.js'
import { ROOT, writeConfigFile } from '../emulators/runner.js'

const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const STRICT: RateLimit[] = [
  { limit: 2, windowMs: 1000, methods: ['POST', 'PUT', 'DELETE'] },
  { limit: 1, windowMs: 1000, methods: ['PATCH'] },
  { limit: 5, windowMs: 1000, methods: ['GET'], path: /\/(?:Users|Groups|ServicePrincipals)\/[^/]+$/ },
  { limit: 5, windowMs: 1000, methods: ['GET'], path: /\/(?:Users|Groups|ServicePrincipals)\/?$/ }
]
const GROUPS = [
  'Databricks-Group-Test',
  { entra: 'Data Engineers', databricks: 'data-engineers' },
  { entra: 'Data Analysts', databricks: 'data-analysts' }
]

let emu: Emulators
let workdir: string

beforeEach(async () => {
  emu = await startEmulators({ fixture })
  for (const [name, server] of Object.entries(emu.servers))
    if (name.startsWith('databricks:')) server.setRateLimit(STRICT)
  workdir = mkdtempSync(join(tmpdir(), 'e2e-pacing-'))
})

afterEach(async () => {
  await emu?.stop()
})

async function sync(rateLimits?: Record<string, string>) {
  const extra = rateLimits ? { 'rate-limits': rateLimits } : {}
  writeConfigFile(workdir, {
    version: 1,
    defaults: { 'max-deletions': '50%' },
    workspaces: demoWorkspaces(emu, { auth: 'entra', groups: GROUPS, ...extra }, { groups: GROUPS, ...extra })
  })
  emu.clearLog()
  const run = await runAgainst(emu, { cwd: workdir, inputs: { command: 'sync', config: 'databricks-identities.yml' } })
  const scim = emu.log.filter((e) => e.service.startsWith('databricks:'))
  return { run, scim, throttled: scim.filter((e) => e.status === 429) }
}

describe('pacing under strict workspace limits', () => {
  test('unknown to the action: the first sync completes with few 429s (the ones that teach it the limits)', async () => {
    const { run, scim, throttled } = await sync()
    expect(run.code).toBe(0)
    expect(emu.workspaces['analytics-prod']!.group('data-engineers')!.memberNames.length).toBeGreaterThan(0)
    // Each workspace learns each kind of request (POST, PATCH, GET, LIST) from at most a couple of 429s.
    expect(scim.length).toBeGreaterThan(40)
    for (const ws of ['analytics-prod', 'analytics-dev']) {
      expect(throttled.filter((e) => e.service === `databricks:${ws}`).length).toBeLessThanOrEqual(4)
    }
  })

  test('told through rate-limits: no 429 at all', async () => {
    const { run, throttled } = await sync({
      POST: '2/s',
      PUT: '2/s',
      DELETE: '2/s',
      PATCH: '60/min',
      GET: '5/s',
      LIST: '5/s'
    })
    expect(run.code).toBe(0)
    expect(throttled).toEqual([])
  })
})
