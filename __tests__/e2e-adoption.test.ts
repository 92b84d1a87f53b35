// Found by an adversarial run: when a create answered 409 and the lookup by userName came back with a single
// *different* user (a server that ignored the filter), that user was adopted in place of the intended one: a member
// was added in its name, the intended user never created, exit 0. Only an exact key match is adopted now.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { loadFixture } from '../emulators/fixture.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'
import { startServer, type EmulatorServer } from '../emulators/server.js'
import { ensureTestCa } from '../emulators/tls.js'
import type { EmulatorRequest, EmulatorResponse } from '../emulators/types.js'

const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const NEWCOMER = 'lee.gu@contoso.com'
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'

let emu: Emulators
let proxy: EmulatorServer
let workdir: string

/**
 * analytics-prod behind a hostile front: a create of the newcomer answers 409 without creating it, and a filtered
 * user lookup ignores its filter (it answers with one other user). Everything else reaches the real emulator.
 */
async function hostile(req: EmulatorRequest): Promise<EmulatorResponse> {
  const path = req.url.pathname
  if (req.method === 'POST' && path.endsWith('/scim/v2/Users') && JSON.stringify(req.body).includes(NEWCOMER)) {
    return {
      status: 409,
      body: { schemas: [SCIM_ERROR], status: '409', detail: `User with username ${NEWCOMER} already exists.` }
    }
  }
  const url = new URL(req.url.pathname + req.url.search, emu.workspaceHosts['analytics-prod'])
  if (req.method === 'GET' && path.endsWith('/scim/v2/Users') && url.searchParams.has('filter')) {
    url.searchParams.delete('filter')
    url.searchParams.set('count', '1')
  }
  const answer = await fetch(url, {
    method: req.method,
    headers: {
      ...(req.headers.authorization ? { authorization: String(req.headers.authorization) } : {}),
      ...(req.rawBody ? { 'content-type': 'application/scim+json' } : {})
    },
    ...(req.rawBody ? { body: req.rawBody } : {})
  })
  const text = await answer.text()
  return {
    status: answer.status,
    headers: { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' },
    body: text
  }
}

beforeAll(async () => {
  emu = await startEmulators({ fixture })
  const { cert, key } = await ensureTestCa()
  proxy = await startServer('hostile-ignores-filters', hostile, { cert, key })
  workdir = mkdtempSync(join(tmpdir(), 'e2e-adoption-'))
  writeFileSync(
    join(workdir, 'databricks-identities.yml'),
    stringify({
      version: 1,
      defaults: { 'max-deletions': '100%' },
      workspaces: [{ name: 'analytics-prod', host: proxy.url, groups: ['Databricks-Group-Test'] }]
    })
  )
})

afterAll(async () => {
  await Promise.all([emu?.stop(), proxy?.stop()])
})

test('a 409 whose lookup answers with another user adopts nobody: that create fails, clearly', async () => {
  const sync = () => runAgainst(emu, { cwd: workdir, inputs: { command: 'sync', config: 'databricks-identities.yml' } })
  const first = await sync()
  expect(first.code).toBe(0)
  const members = () =>
    (emu.workspaces['analytics-prod']?.group('Databricks-Group-Test')?.memberNames ?? []).map((m) => m.toLowerCase())
  const before = members()

  emu.graph.addMember('Databricks-Group-Test', NEWCOMER)
  const run = await sync()
  expect(run.code).toBe(1)
  expect(run.annotations.at(-1)?.message).toContain('analytics-prod: 2 of 2 operation(s) failed')
  // The create's own error, in the summary's failed operations: what happened and that nobody was adopted.
  expect(run.summary).toMatch(
    /create user lee\.gu@contoso\.com<\/td><td>Databricks answered the lookup of user .{1,8}lee\.gu@contoso\.com.{1,8} with 1 other entry .*so the filter was not applied; nothing was adopted in its place/
  )
  // Nobody was added in the newcomer's name, and nobody left.
  expect(members().sort()).toEqual([...before].sort())
  expect(emu.workspaces['analytics-prod']?.user(NEWCOMER)).toBeUndefined()
})
