// The Databricks SCIM client over HTTPS against the workspace emulator: paging, filters, writes, typed errors,
// and retries (429 + Retry-After, 5xx, dropped connections, the wait budget).
import { createServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { DATABRICKS_SCOPE } from '../src/auth/databricks-token.js'
import {
  ScimClient,
  ScimConflictError,
  ScimNotFoundError,
  ScimRequestError,
  scimString,
  USER_AGENT,
  workspaceScimBase,
  type ScimClientOptions
} from '../src/targets/databricks/scim-client.js'
import { removeEntitlements, removeMember, setActive } from '../src/targets/databricks/types.js'
import { ActionError, describeError } from '../src/errors.js'
import { loadFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
/** An Entra app that is a member of analytics-dev but not an admin. */
const READER_APP = 'e1e2e3e4-0000-4000-8000-00000000beef'
const DEV_PAT = 'dapi8c1e5f27b94d0a63e8f1c42d7b95a06e-3'
const WS = 'analytics-dev'
const SERVER = `databricks:${WS}`

let emu: Emulators

beforeAll(async () => {
  const fixture = loadFixture(`${ROOT}/emulators/fixtures/demo-tenant.yml`)
  fixture.applications.push({ displayName: 'reader', appId: READER_APP })
  const dev = fixture.workspaces.find((w) => w.name === WS)!
  dev.servicePrincipals = [...(dev.servicePrincipals ?? []), { applicationId: READER_APP, displayName: 'reader' }]
  emu = await startEmulators({ fixture })
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  emu.clearLog()
  emu.resetKnobs()
  emu.workspaces[WS]!.reset()
})

const scimLog = () => emu.servers[SERVER]!.log
const state = () => emu.workspaces[WS]!

/** A fake clock whose sleep advances it, so Retry-After waits take no real time. */
function fakeTime() {
  let t = 1_000_000
  const sleep = jest.fn(async (ms: number) => {
    t += ms
  })
  return { sleep, now: () => t }
}

function client(options: Partial<ScimClientOptions> = {}): ScimClient {
  return new ScimClient({
    baseUrl: workspaceScimBase(emu.workspaceHosts[WS]!),
    token: async () => DEV_PAT,
    workspace: WS,
    auth: 'pat',
    ...options
  })
}

async function failure(promise: Promise<unknown>): Promise<ScimRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ScimRequestError)
  return error as ScimRequestError
}

/** A fetch that sends the request, then loses the answer (as when the connection drops after the server acted). */
function losesFirstAnswer(): typeof fetch {
  let lost = false
  return async (input, init) => {
    const response = await fetch(input, init)
    if (lost) return response
    lost = true
    await response.arrayBuffer()
    const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
    throw new TypeError('fetch failed', { cause })
  }
}

describe('helpers', () => {
  test('workspaceScimBase keeps the origin only', () => {
    expect(workspaceScimBase('https://adb-6234138917436195.15.azuredatabricks.net/?o=6234138917436195')).toBe(
      'https://adb-6234138917436195.15.azuredatabricks.net/api/2.0/preview/scim/v2'
    )
    expect(workspaceScimBase('adb-1.2.azuredatabricks.net')).toBe(
      'https://adb-1.2.azuredatabricks.net/api/2.0/preview/scim/v2'
    )
    expect(workspaceScimBase('https://127.0.0.1:4443/')).toBe('https://127.0.0.1:4443/api/2.0/preview/scim/v2')
  })

  test('scimString escapes quotes and backslashes', () => {
    expect(scimString('He said "hi" \\o/')).toBe('"He said \\"hi\\" \\\\o/"')
  })
})

describe('reads', () => {
  test('me() names the PAT owner, or the service principal with its application id', async () => {
    expect(await client().me()).toEqual({
      id: state().user('platform-admin@contoso.com')!.id,
      userName: 'platform-admin@contoso.com'
    })
    const entraToken = await emu.entra.issueAccessToken(SYNC_APP, DATABRICKS_SCOPE.replace('/.default', ''))
    const me = await client({ token: async () => entraToken, auth: 'entra' }).me()
    expect(me).toEqual({ id: state().servicePrincipal(SYNC_APP)!.id, userName: SYNC_APP, applicationId: SYNC_APP })
  })

  test('lists page by startIndex and count, asking only the attributes needed', async () => {
    for (let i = 1; i <= 7; i++)
      state().addUser({ userName: `user${i}@contoso.com`, entitlements: ['workspace-access'] })
    const expected = state()
      .users()
      .map((u) => u.userName)
    expect(expected).toHaveLength(9)
    const scim = client({ pageSize: 2 })
    const users = await scim.listUsers()
    expect(users.map((u) => u.userName)).toEqual(expected)
    expect(new Set(users.map((u) => u.id)).size).toBe(9)
    expect(users.find((u) => u.userName === 'user3@contoso.com')).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: expect.any(String),
      userName: 'user3@contoso.com',
      displayName: 'user3@contoso.com',
      active: true,
      entitlements: [{ value: 'workspace-access' }]
    })
    const gets = scimLog().filter((e) => e.path.endsWith('/Users'))
    expect(gets.map((e) => [e.query.startIndex, e.query.count])).toEqual([
      ['1', '2'],
      ['3', '2'],
      ['5', '2'],
      ['7', '2'],
      ['9', '2']
    ])
    expect(gets[0]!.query.attributes).toBe('id,userName,displayName,active,externalId,entitlements')

    // An exact multiple of the page size needs no extra empty page.
    state().addUser({ userName: 'user8@contoso.com' })
    emu.clearLog()
    expect(await scim.listUsers()).toHaveLength(10)
    expect(scimLog()).toHaveLength(5)
  })

  test('a full last page ends the list without asking for an empty one', async () => {
    emu.clearLog()
    const scim = client({ pageSize: 2 })
    const sps = await scim.listServicePrincipals()
    expect(sps.map((s) => s.applicationId).sort()).toEqual([SYNC_APP, READER_APP].sort())
    expect(scimLog()[0]!.query.attributes).toBe('id,applicationId,displayName,active,externalId,entitlements')
    // One page of two, totalResults 2: done without asking for page two.
    expect(scimLog()).toHaveLength(1)
  })

  test('ends a list at an empty page when the service gives no totalResults', async () => {
    const pages = [[{ id: '1' }, { id: '2' }], [{ id: '3' }, { id: '2' }], []]
    const queries: string[] = []
    const paged: typeof fetch = async (input) => {
      queries.push(new URL(String(input)).search)
      const resources = pages.shift()!
      const body = resources.length ? { Resources: resources.map((r) => ({ ...r, userName: `u${r.id}` })) } : {}
      return Response.json(body)
    }
    const users = await client({ fetch: paged, pageSize: 2 }).listUsers()
    expect(users.map((u) => u.id)).toEqual(['1', '2', '3'])
    expect(queries.map((q) => new URLSearchParams(q).get('startIndex'))).toEqual(['1', '3', '5'])
  })

  test('converts each resource as its page arrives, so raw pages are not held until the last one', async () => {
    const pages = [[{ id: '1' }, { id: '2' }], [{ id: '3' }]]
    const events: string[] = []
    const paged: typeof fetch = async () => {
      events.push('page')
      const resources = pages.shift()!
      return Response.json({ totalResults: 3, Resources: resources.map((r) => ({ ...r, userName: `u${r.id}` })) })
    }
    const users = await client({ fetch: paged, pageSize: 2 }).listUsers((u) => {
      events.push(u.id)
      return { id: u.id, key: u.userName }
    })
    expect(users).toEqual([
      { id: '1', key: 'u1' },
      { id: '2', key: 'u2' },
      { id: '3', key: 'u3' }
    ])
    expect(events).toEqual(['page', '1', '2', 'page', '3'])
  })

  test('a service that ignores startIndex and repeats its page fails the read, rather than end it short', async () => {
    // Before, such a list ended quietly after the repeat: a failed read changes nothing, a short one could remove.
    let calls = 0
    const stuck: typeof fetch = async () => {
      calls++
      return Response.json({
        Resources: [
          { id: '1', userName: 'a' },
          { id: '2', userName: 'b' }
        ]
      })
    }
    const error = await failure(client({ fetch: stuck, pageSize: 2 }).listUsers())
    expect(error.message).toBe(
      `Databricks ${WS}: GET /Users (startIndex 3) answered a page with nothing new, and no totalResults; the list was not read whole, so nothing was changed.`
    )
    expect(error.fix).toMatch(/Run again/)
    expect(calls).toBe(2)
  })

  test('asks for 100 per page at most (the API caps count at 100), and reads a 250-user list in 3 pages', async () => {
    for (let i = 0; i < 248; i++) state().addUser({ userName: `bulk${String(i).padStart(3, '0')}@contoso.com` })
    for (const pageSize of [undefined, 1000]) {
      emu.clearLog()
      const users = await client(pageSize ? { pageSize } : {}).listUsers()
      expect(users).toHaveLength(250)
      expect(scimLog().map((e) => [e.query.startIndex, e.query.count])).toEqual([
        ['1', '100'],
        ['101', '100'],
        ['201', '100']
      ])
    }
  })

  /** A fake SCIM list of `total` users that answers `per` of them a page, however many were asked for. */
  function shortPages(total: number, per: number, overrides: (startIndex: number) => object = () => ({})) {
    const asked: string[] = []
    const fetchFn: typeof fetch = async (input) => {
      const q = new URL(String(input)).searchParams
      asked.push(`${q.get('startIndex')}/${q.get('count')}`)
      const start = Number(q.get('startIndex'))
      const ids = Array.from({ length: Math.max(0, Math.min(per, total - start + 1)) }, (_, i) => start + i)
      return Response.json({
        totalResults: total,
        startIndex: start,
        itemsPerPage: ids.length,
        ...(ids.length ? { Resources: ids.map((id) => ({ id: String(id), userName: `u${id}` })) } : {}),
        ...overrides(start)
      })
    }
    return { asked, fetchFn }
  }

  test('a server that answers fewer than asked: the list follows totalResults, never stopping at a short page', async () => {
    const { asked, fetchFn } = shortPages(7, 3)
    const users = await client({ fetch: fetchFn }).listUsers()
    expect(users.map((u) => u.id)).toEqual(['1', '2', '3', '4', '5', '6', '7'])
    expect(asked).toEqual(['1/100', '4/100', '7/100'])
  })

  test('an empty page while totalResults says more remain fails the read, rather than end it short', async () => {
    const { asked, fetchFn } = shortPages(250, 100, (start) => (start > 100 ? { Resources: [], itemsPerPage: 0 } : {}))
    const error = await failure(client({ fetch: fetchFn }).listUsers())
    expect(error.message).toBe(
      `Databricks ${WS}: GET /Users (startIndex 101) answered an empty page while totalResults says 150 more remain; the list was not read whole, so nothing was changed.`
    )
    expect(asked).toEqual(['1/100', '101/100'])
  })

  test('a page with nothing new while more remain fails the read', async () => {
    const { fetchFn } = shortPages(5, 2, () => ({ Resources: [{ id: '1', userName: 'u1' }] }))
    const error = await failure(client({ fetch: fetchFn }).listUsers())
    expect(error.message).toMatch(
      /\(startIndex 2\) answered a page with nothing new while totalResults says 4 more remain/
    )
  })

  test('paging is bounded: no more pages than the first totalResults allows', async () => {
    // One new user a page, while totalResults grows ahead of the reader each time.
    const { asked, fetchFn } = shortPages(3, 1, (start) => ({ totalResults: start + 2 }))
    const error = await failure(client({ fetch: fetchFn }).listUsers())
    expect(error.message).toMatch(/\(startIndex 3\) answered more pages than its totalResults \(3\) allow/)
    expect(asked).toHaveLength(3)
  })

  test('lists groups without members and reads one group with them', async () => {
    const scim = client()
    const groups = await scim.listGroups()
    expect(groups.map((g) => g.displayName).sort()).toEqual(['admins', 'users'])
    expect(groups.every((g) => g.members === undefined)).toBe(true)
    expect(scimLog()[0]!.query.excludedAttributes).toBe('members')
    const admins = await scim.getGroup(groups.find((g) => g.displayName === 'admins')!.id)
    expect(admins.members?.map((m) => m.display).sort()).toEqual(['Platform Admin', 'entra-databricks-sync'])
    const missing = await failure(scim.getGroup('999'))
    expect(missing).toBeInstanceOf(ScimNotFoundError)
    expect(missing.message).toBe(`Databricks ${WS}: GET /Groups/999 answered 404: Group 999 not found.`)
  })

  test('find* filter by key, case-insensitively, with quotes and backslashes escaped', async () => {
    const scim = client()
    const tricky = 'He said "hi" \\o/'
    const created = await scim.createGroup({ displayName: tricky })
    const found = await scim.findGroup(tricky)
    expect(found).toMatchObject({ id: created.id, displayName: tricky })
    expect(scimLog().at(-1)!.query.filter).toBe('displayName eq "He said \\"hi\\" \\\\o/"')
    expect(await scim.findGroup('He said "hi"')).toBeUndefined()
    expect(await scim.findUser('GRADY.ARCHIE@contoso.com')).toMatchObject({ userName: 'grady.archie@contoso.com' })
    expect(await scim.findUser('nobody@contoso.com')).toBeUndefined()
    expect(await scim.findServicePrincipal(READER_APP.toUpperCase())).toMatchObject({ applicationId: READER_APP })
  })
})

describe('writes', () => {
  test('creates users, service principals and groups with core schemas and entitlements', async () => {
    const scim = client()
    const user = await scim.createUser({
      userName: 'new.hire@contoso.com',
      displayName: 'New Hire',
      externalId: 'entra-1',
      entitlements: ['workspace-access', 'databricks-sql-access']
    })
    expect(user).toMatchObject({ userName: 'new.hire@contoso.com', externalId: 'entra-1', active: true })
    expect(scimLog().at(-1)!.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'new.hire@contoso.com',
      displayName: 'New Hire',
      externalId: 'entra-1',
      entitlements: [{ value: 'workspace-access' }, { value: 'databricks-sql-access' }]
    })
    const sp = await scim.createServicePrincipal({
      applicationId: '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b',
      active: false
    })
    expect(sp).toMatchObject({ applicationId: '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b', active: false })
    expect(scimLog().at(-1)!.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal'],
      applicationId: '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b',
      active: false
    })
    const group = await scim.createGroup({ displayName: 'data-engineers', externalId: 'g-1', entitlements: [] })
    expect(group).toMatchObject({ displayName: 'data-engineers', externalId: 'g-1' })
    expect(scimLog().at(-1)!.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'data-engineers',
      externalId: 'g-1'
    })
    expect(state().user('new.hire@contoso.com')?.entitlements).toHaveLength(2)
  })

  test('a create that conflicts throws ScimConflictError with the SCIM detail', async () => {
    const scim = client()
    const error = await failure(scim.createUser({ userName: 'Grady.Archie@contoso.com' }))
    expect(error).toBeInstanceOf(ScimConflictError)
    expect(error).toMatchObject({
      status: 409,
      scimType: 'uniqueness',
      detail: 'User with username Grady.Archie@contoso.com already exists.',
      method: 'POST',
      path: '/Users',
      maybeApplied: false
    })
    expect(error.message).toBe(
      `Databricks ${WS}: POST /Users answered 409: User with username Grady.Archie@contoso.com already exists.`
    )
    await scim.createGroup({ displayName: 'dup' })
    expect(await failure(scim.createGroup({ displayName: 'DUP' }))).toBeInstanceOf(ScimConflictError)
    expect(await failure(scim.createServicePrincipal({ applicationId: SYNC_APP }))).toBeInstanceOf(ScimConflictError)
  })

  test('PATCH adds and removes members and entitlements, deactivates, renames', async () => {
    const scim = client()
    const group = await scim.createGroup({ displayName: 'analysts' })
    const grady = state().user('grady.archie@contoso.com')!
    const reader = state().servicePrincipal(READER_APP)!
    await scim.patch('Groups', group.id, [
      { op: 'add', path: 'members', value: [{ value: grady.id }, { value: reader.id }] },
      { op: 'add', path: 'entitlements', value: [{ value: 'databricks-sql-access' }] }
    ])
    expect(state().group('analysts')).toMatchObject({
      memberNames: [READER_APP, 'grady.archie@contoso.com'],
      entitlements: [{ value: 'databricks-sql-access' }]
    })
    expect(scimLog().at(-1)!.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: grady.id }, { value: reader.id }] },
        { op: 'add', path: 'entitlements', value: [{ value: 'databricks-sql-access' }] }
      ]
    })
    await scim.patch('Groups', group.id, [
      removeMember(reader.id),
      removeEntitlements(['databricks-sql-access']),
      { op: 'replace', path: 'displayName', value: 'analysts-renamed' }
    ])
    const after = state().group('analysts-renamed')!
    expect(after.memberNames).toEqual(['grady.archie@contoso.com'])
    expect(after.entitlements).toBeUndefined()

    await scim.patch('Users', grady.id, [
      setActive(false),
      { op: 'add', path: 'entitlements', value: [{ value: 'allow-cluster-create' }] },
      { op: 'replace', path: 'externalId', value: 'entra-grady' }
    ])
    expect(state().user('grady.archie@contoso.com')).toMatchObject({
      active: false,
      externalId: 'entra-grady',
      entitlements: [{ value: 'workspace-access' }, { value: 'allow-cluster-create' }]
    })
    await scim.patch('ServicePrincipals', reader.id, [setActive(false)])
    expect(state().servicePrincipal(READER_APP)?.active).toBe(false)

    emu.clearLog()
    await scim.patch('Groups', group.id, [])
    expect(scimLog()).toHaveLength(0)

    const bad = await failure(
      scim.patch('Groups', group.id, [{ op: 'add', path: 'members', value: [{ value: '42' }] }])
    )
    expect(bad.message).toBe(`Databricks ${WS}: PATCH /Groups/${group.id} answered 404: Member 42 not found.`)
  })

  test("deactivates and removes entitlements in the official clients' shapes (terraform-provider-databricks scim/)", async () => {
    const scim = client()
    const grady = state().user('grady.archie@contoso.com')!
    await scim.patch('Users', grady.id, [setActive(false), removeEntitlements(['workspace-access'])])
    expect(scimLog().at(-1)!.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'active', value: [{ value: 'false' }] },
        { op: 'remove', path: 'entitlements', value: [{ value: 'workspace-access' }] }
      ]
    })
    expect(state().user('grady.archie@contoso.com')).toMatchObject({ active: false })
    expect(state().user('grady.archie@contoso.com')!.entitlements).toBeUndefined()
    await scim.patch('Users', grady.id, [setActive(true)])
    expect(scimLog().at(-1)!.body).toMatchObject({
      Operations: [{ op: 'replace', path: 'active', value: [{ value: 'true' }] }]
    })
    expect(state().user('grady.archie@contoso.com')!.active).toBe(true)
    // Not a retry: a removal of what is not there is the service's error, as it answered it.
    const absent = await failure(scim.patch('Users', grady.id, [removeEntitlements(['workspace-access'])]))
    expect(absent).toMatchObject({ status: 400, scimType: 'invalidPath', attempts: 1 })
    expect(absent.detail).toBe('No such attribute with the name : entitlements in the current resource')
  })

  test('a retried removal whose first answer was lost is done when it meets "No such attribute"', async () => {
    const grady = state().user('grady.archie@contoso.com')!
    const time = fakeTime()
    await client({ fetch: losesFirstAnswer(), ...time }).patch('Users', grady.id, [
      removeEntitlements(['workspace-access'])
    ])
    expect(scimLog().map((e) => [e.method, e.status])).toEqual([
      ['PATCH', 200],
      ['PATCH', 400]
    ])
    expect(state().user('grady.archie@contoso.com')!.entitlements).toBeUndefined()
  })

  test('a retried removal-only PATCH that meets 404 is done; one that also adds is not', async () => {
    const time = fakeTime()
    const grady = state().user('grady.archie@contoso.com')!
    const makeGroup = () => state().addGroup({ displayName: 'short-lived', members: ['grady.archie@contoso.com'] })
    // The first attempt lands, its answer is lost, and the group is deleted before the retry.
    const thenGone = (id: string): typeof fetch => {
      const lose = losesFirstAnswer()
      let first = true
      return async (input, init) => {
        if (!first) return fetch(input, init)
        first = false
        try {
          return await lose(input, init)
        } finally {
          state().store.delete('group', id)
        }
      }
    }
    const removal = makeGroup()
    await client({ fetch: thenGone(removal.id), ...time }).patch('Groups', removal.id, [removeMember(grady.id)])
    expect(scimLog().map((e) => [e.method, e.status])).toEqual([
      ['PATCH', 200],
      ['PATCH', 404]
    ])
    emu.clearLog()
    const mixed = makeGroup()
    const error = await failure(
      client({ fetch: thenGone(mixed.id), ...time }).patch('Groups', mixed.id, [
        removeMember(grady.id),
        { op: 'add', path: 'members', value: [{ value: grady.id }] }
      ])
    )
    expect(error).toBeInstanceOf(ScimNotFoundError)
  })

  test('deletes; a second delete is a 404', async () => {
    const scim = client()
    const user = await scim.createUser({ userName: 'temp@contoso.com' })
    await scim.delete('Users', user.id)
    expect(state().user('temp@contoso.com')).toBeUndefined()
    const again = await failure(scim.delete('Users', user.id))
    expect(again).toBeInstanceOf(ScimNotFoundError)
    expect(again.status).toBe(404)
  })

  test('a delete whose answer was lost is retried, and the 404 then means done', async () => {
    const user = state().addUser({ userName: 'gone@contoso.com' })
    const time = fakeTime()
    await client({ fetch: losesFirstAnswer(), ...time }).delete('Users', user.id)
    expect(scimLog().map((e) => [e.method, e.status])).toEqual([
      ['DELETE', 204],
      ['DELETE', 404]
    ])
    expect(state().user('gone@contoso.com')).toBeUndefined()
  })

  test('sends the SCIM media types, the bearer token and a User-Agent', async () => {
    const seen: Headers[] = []
    const spy: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers))
      return fetch(input, init)
    }
    const scim = client({ fetch: spy })
    await scim.me()
    await scim.createGroup({ displayName: 'hdr' })
    expect(seen[0]!.get('authorization')).toBe(`Bearer ${DEV_PAT}`)
    expect(seen[0]!.get('accept')).toBe('application/scim+json, application/json')
    expect(seen[0]!.get('content-type')).toBeNull()
    expect(seen[1]!.get('content-type')).toBe('application/scim+json')
    expect(seen[1]!.get('user-agent')).toBe(USER_AGENT)
    expect(USER_AGENT).toMatch(/^entra-databricks-sync\/\d+\.\d+\.\d+/)
  })
})

describe('retries', () => {
  test('429 waits exactly the Retry-After the service sent', async () => {
    const time = fakeTime()
    const scim = client(time)
    emu.servers[SERVER]!.failNext(2, '429', { retryAfterSeconds: 7 })
    expect(await scim.listUsers()).toHaveLength(2)
    expect(time.sleep.mock.calls).toEqual([[7000], [7000]])
    expect(scimLog().map((e) => e.status)).toEqual([429, 429, 200])
    expect(scim.stats()).toEqual({ requests: { GET: 3 }, throttled: 2, retries: 2, waitedMs: 14_000 })
  })

  test('a real 1 s Retry-After is waited out', async () => {
    const scim = client()
    emu.servers[SERVER]!.failNext(1, '429', { retryAfterSeconds: 1 })
    const started = Date.now()
    await scim.me()
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(990)
    expect(scim.stats()).toMatchObject({ throttled: 1, retries: 1, waitedMs: 1000 })
  })

  test('503 without Retry-After backs off exponentially, then succeeds', async () => {
    const time = fakeTime()
    const scim = client({ ...time, random: () => 0.5 })
    emu.servers[SERVER]!.failNext(2, '503')
    expect((await scim.me()).userName).toBe('platform-admin@contoso.com')
    expect(time.sleep.mock.calls).toEqual([[250], [500]])
    expect(scim.stats()).toMatchObject({ requests: { GET: 3 }, throttled: 0, retries: 2, waitedMs: 750 })
  })

  test('5xx and dropped connections on GET, PATCH and DELETE are retried', async () => {
    const time = fakeTime()
    const scim = client(time)
    const server = emu.servers[SERVER]!
    server.failNext(1, 'drop')
    server.failNext(1, '500')
    expect(await scim.listGroups()).toHaveLength(2)
    const grady = state().user('grady.archie@contoso.com')!
    server.failNext(1, 'drop')
    server.failNext(1, '503')
    await scim.patch('Users', grady.id, [setActive(false)])
    expect(state().user('grady.archie@contoso.com')?.active).toBe(false)
    server.failNext(1, 'drop')
    await scim.delete('Users', grady.id)
    expect(state().user('grady.archie@contoso.com')).toBeUndefined()
    expect(scimLog().map((e) => `${e.method} ${e.status}`)).toEqual([
      'GET 0',
      'GET 500',
      'GET 200',
      'PATCH 0',
      'PATCH 503',
      'PATCH 200',
      'DELETE 0',
      'DELETE 204'
    ])
    expect(scim.stats()).toMatchObject({ requests: { GET: 3, PATCH: 3, DELETE: 2 }, retries: 5 })
  })

  test('POST is retried on 429 and 503 only', async () => {
    const time = fakeTime()
    const scim = client(time)
    const server = emu.servers[SERVER]!
    server.failNext(1, '429')
    server.failNext(1, '503', { retryAfterSeconds: 2 })
    await scim.createUser({ userName: 'retried@contoso.com' })
    expect(time.sleep.mock.calls).toEqual([[1000], [2000]])
    expect(scimLog().map((e) => e.status)).toEqual([429, 503, 201])

    emu.clearLog()
    server.failNext(1, '500')
    const error = await failure(scim.createUser({ userName: 'maybe@contoso.com' }))
    expect(error).toMatchObject({ status: 500, maybeApplied: true, method: 'POST', path: '/Users' })
    expect(error.message).toBe(
      `Databricks ${WS}: POST /Users answered 500: Injected fault: 500 (the request may have been carried out)`
    )
    expect(scimLog()).toHaveLength(1)
  })

  test('a POST whose connection dropped is not repeated: maybeApplied, and the caller looks it up', async () => {
    const time = fakeTime()
    const scim = client(time)
    emu.servers[SERVER]!.failNext(1, 'drop')
    const error = await failure(scim.createUser({ userName: 'dropped@contoso.com' }))
    expect(error).toMatchObject({ status: 0, maybeApplied: true, method: 'POST', path: '/Users' })
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(error.code)
    expect(error.message).toBe(
      `Databricks ${WS}: POST /Users got no answer: connection closed (${error.code}); the request may have been carried out.`
    )
    expect(scimLog().filter((e) => e.method === 'POST')).toHaveLength(1)
    expect(time.sleep).not.toHaveBeenCalled()
    // This time the server never got to it; the lookup says so and the caller creates it again.
    expect(await scim.findUser('dropped@contoso.com')).toBeUndefined()

    // When the server did create it, the lookup finds it.
    const lost = client({ ...time, fetch: losesFirstAnswer() })
    expect(await failure(lost.createUser({ userName: 'made@contoso.com' }))).toMatchObject({ maybeApplied: true })
    expect(await lost.findUser('made@contoso.com')).toMatchObject({ userName: 'made@contoso.com' })
  })

  test('a Retry-After beyond the budget fails at once, saying the service throttled too long', async () => {
    const time = fakeTime()
    const scim = client(time)
    emu.servers[SERVER]!.failNext(1, '429', { retryAfterSeconds: 900 })
    const error = await failure(scim.listUsers())
    expect(error.throttled).toBe(true)
    expect(error.status).toBe(429)
    expect(error.message).toBe(
      `Databricks ${WS}: GET /Users: the service throttled for too long (answered 429 asking to wait 900 s; ` +
        '0 s of the 600 s retry budget already spent waiting). Last answer: Too many requests. Please retry after 900 seconds.'
    )
    expect(error.fix).toMatch(/Run again later/)
    expect(time.sleep).not.toHaveBeenCalled()
  })

  test('the budget is shared by the requests of a client', async () => {
    const time = fakeTime()
    const scim = client({ ...time, retry: { budgetMs: 5000 } })
    emu.servers[SERVER]!.failNext(2, '429', { retryAfterSeconds: 2 })
    await scim.me()
    emu.servers[SERVER]!.failNext(1, '429', { retryAfterSeconds: 2 })
    const error = await failure(scim.listGroups())
    expect(error.message).toMatch(/throttled for too long .* 4 s of the 5 s retry budget/)
    expect(time.sleep.mock.calls).toEqual([[2000], [2000]])
    expect(scim.stats()).toEqual({ requests: { GET: 4 }, throttled: 3, retries: 2, waitedMs: 4000 })
  })

  test('gives up after maxAttempts failures', async () => {
    const time = fakeTime()
    const scim = client({ ...time, retry: { maxAttempts: 3 } })
    emu.servers[SERVER]!.failNext(5, '503')
    const error = await failure(scim.me())
    expect(error.message).toBe(`Databricks ${WS}: GET /Me answered 503 on 3 attempts: Injected fault: 503`)
    expect(scimLog()).toHaveLength(3)
  })

  test('a refused connection is retried, even for a POST (it never reached the service)', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as AddressInfo).port
    await new Promise((resolve) => probe.close(resolve))
    const time = fakeTime()
    const scim = client({
      ...time,
      baseUrl: `https://127.0.0.1:${port}/api/2.0/preview/scim/v2`,
      retry: { maxAttempts: 3 }
    })
    const error = await failure(scim.createGroup({ displayName: 'never' }))
    expect(error).toMatchObject({ status: 0, code: 'ECONNREFUSED', maybeApplied: false, attempts: 3 })
    expect(error.message).toMatch(
      new RegExp(
        `^Databricks ${WS}: POST /Groups failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) \\(after 3 attempts\\)$`
      )
    )
    expect(time.sleep).toHaveBeenCalledTimes(2)
    expect(scim.stats()).toMatchObject({ requests: { POST: 3 }, retries: 2 })
  })

  test('an attempt that takes too long is abandoned and retried', async () => {
    const scim = client({ timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 10 } })
    emu.servers[SERVER]!.latencyMs = 400
    const error = await failure(scim.me())
    expect(error).toMatchObject({ status: 0, code: 'TimeoutError', attempts: 2 })
    expect(error.message).toBe(`Databricks ${WS}: GET /Me failed: no answer in time (after 2 attempts)`)
  })

  test('attempts that timed out use up the budget: past it, the client sends nothing more', async () => {
    const scim = client({ timeoutMs: 100, retry: { budgetMs: 300, baseDelayMs: 1 } })
    emu.servers[SERVER]!.setFaults({ rate: 1, kinds: ['hang'], seed: 1 })
    const error = await failure(scim.me())
    expect(error.message).toMatch(
      new RegExp(
        `^Databricks ${WS}: GET /Me failed: no answer in time \\(after 3 attempts; \\d+\\.\\d s of the 0\\.3 s retry budget spent waiting\\)$`
      )
    )
    expect(scim.stats().requests).toEqual({ GET: 3 })
    const next = await failure(scim.listGroups())
    expect(next.message).toMatch(
      new RegExp(
        `^Databricks ${WS}: GET /Groups was not sent: the service throttled, failed or did not answer for too long`
      )
    )
    expect(scim.stats().requests).toEqual({ GET: 3 })
  })
})

describe('redirects and cancellation', () => {
  test('a redirect is never followed: the error names where it pointed, and nothing was sent there', async () => {
    const asked: string[] = []
    const scim = client({
      fetch: async (url) => {
        asked.push(url)
        return {
          status: 307,
          headers: { get: (name: string) => (name === 'location' ? 'https://attacker.example/steal?x=1' : null) },
          text: async () => ''
        }
      }
    })
    const error = await failure(scim.listUsers())
    expect(asked).toHaveLength(1)
    expect(error).toMatchObject({ status: 307, attempts: 1 })
    expect(error.message).toBe(
      `Databricks ${WS}: GET /Users answered 307, redirecting to https://attacker.example. The action follows no ` +
        'redirect: it sent nothing there (no request, no token).'
    )
    expect(error.fix).toMatch(/^Check the workspace host in the config: it must be the workspace URL itself/)
  })

  test('a cancelled run abandons a read in flight at once, and a write in flight after its grace', async () => {
    emu.servers[SERVER]!.setFaults({ rate: 1, kinds: ['hang'], seed: 1 })
    const run = new AbortController()
    const scim = client({ signal: run.signal, cancelledWriteGraceMs: 300 })
    const read = failure(scim.me())
    let writeSettled = false
    const write = failure(scim.patch('Groups', '123', [removeMember('456')])).finally(() => (writeSettled = true))
    const cancelled = Date.now()
    setTimeout(() => run.abort(), 50)
    const readError = await read
    // At once: the read is abandoned while the write still has its grace (an order, not a timing, so load cannot fail it).
    expect(writeSettled).toBe(false)
    expect(readError).toMatchObject({ maybeApplied: false })
    expect(readError.message).toBe(
      `Databricks ${WS}: GET /Me was abandoned: the run was cancelled before its answer came.`
    )
    const writeError = await write
    expect(Date.now() - cancelled).toBeGreaterThanOrEqual(340)
    expect(writeError).toMatchObject({ maybeApplied: true })
    expect(writeError.message).toBe(
      `Databricks ${WS}: PATCH /Groups/123 was abandoned: the run was cancelled before its answer came (within 0.3 s); ` +
        'the request may have been carried out.'
    )
  })
})

describe('errors', () => {
  test('401 names the fix for the token kind and never shows the token', async () => {
    const badPat = 'dapi-not-a-valid-token-0123456789'
    const error = await failure(client({ token: async () => badPat }).listUsers())
    expect(error).toBeInstanceOf(ActionError)
    expect(error.status).toBe(401)
    expect(error.message).toBe(`Databricks ${WS}: GET /Users answered 401: Invalid access token.`)
    expect(error.fix).toMatch(/personal access token was refused .* Key Vault secret/)
    const entra = await failure(client({ token: async () => badPat, auth: 'entra' }).me())
    expect(entra.fix).toMatch(/add the service principal \(client-id\) to the workspace/)
    for (const e of [error, entra]) {
      expect(describeError(e)).not.toContain(badPat)
      expect(JSON.stringify(e)).not.toContain(badPat)
      expect(String(e.stack)).not.toContain(badPat)
    }
  })

  test('403 says the identity must be a workspace admin', async () => {
    const token = await emu.entra.issueAccessToken(READER_APP, DATABRICKS_SCOPE.replace('/.default', ''))
    const scim = client({ token: async () => token, auth: 'entra' })
    expect((await scim.me()).applicationId).toBe(READER_APP)
    const error = await failure(scim.listGroups())
    expect(error.status).toBe(403)
    expect(error.message).toBe(`Databricks ${WS}: GET /Groups answered 403: User is not an admin.`)
    expect(error.fix).toMatch(/must be a workspace admin/)
    expect(describeError(error)).not.toContain(token)
  })

  test('no error carries the token, whatever went wrong', async () => {
    const time = fakeTime()
    const scim = client(time)
    const server = emu.servers[SERVER]!
    const errors: ScimRequestError[] = []
    server.failNext(1, 'drop')
    errors.push(await failure(scim.createGroup({ displayName: 'x' })))
    server.failNext(1, '429', { retryAfterSeconds: 999 })
    errors.push(await failure(scim.listUsers()))
    errors.push(await failure(scim.createUser({ userName: 'platform-admin@contoso.com' })))
    for (const e of errors) {
      expect(`${describeError(e)} ${JSON.stringify(e)} ${e.stack}`).not.toContain(DEV_PAT)
    }
  })

  test('an answer that is not SCIM JSON (a wrong host) is a clear error', async () => {
    const html: typeof fetch = async () =>
      new Response('<html><body>Sign in</body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } })
    const error = await failure(client({ fetch: html }).listUsers())
    expect(error.message).toBe(
      `Databricks ${WS}: GET /Users answered something that is not SCIM JSON: <html><body>Sign in</body></html>`
    )
    expect(error.fix).toMatch(/workspace host/)
  })

  test('a Databricks {error_code, message} body becomes the detail', async () => {
    const scim = new ScimClient({
      baseUrl: `${emu.workspaceHosts[WS]}/api/2.0/preview/scim/v9`,
      token: async () => DEV_PAT,
      workspace: WS
    })
    const error = await failure(scim.listUsers())
    expect(error.status).toBe(404)
    expect(error.detail).toBe(`ENDPOINT_NOT_FOUND: No API found for 'GET /api/2.0/preview/scim/v9/Users'`)
    expect(error.fix).toMatch(/workspace host/)
  })
})

describe('stats', () => {
  test('counts requests by method, the token is asked for each request', async () => {
    const token = jest.fn(async () => DEV_PAT)
    const scim = client({ token, pageSize: 1 })
    await scim.me()
    await scim.listUsers()
    const group = await scim.createGroup({ displayName: 'counted' })
    await scim.patch('Groups', group.id, [{ op: 'replace', path: 'displayName', value: 'counted-2' }])
    await scim.patch('Groups', group.id, [{ op: 'replace', path: 'externalId', value: 'x' }])
    await scim.delete('Groups', group.id)
    expect(scim.stats()).toEqual({
      requests: { GET: 3, POST: 1, PATCH: 2, DELETE: 1 },
      throttled: 0,
      retries: 0,
      waitedMs: 0
    })
    expect(token).toHaveBeenCalledTimes(7)
  })
})
