// Entra group reads (GraphDirectory.readGroup) with the real Microsoft Graph client and @azure/identity over
// HTTPS against the Graph emulator: resolving refs, members vs transitive members, paging, caching, throttling
// and failures that must never yield a partial member list.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { ClientSecretCredential } from '@azure/identity'
import { createGraphClient, GraphDirectory, MEMBER_SELECT } from '../src/sources/entra/graph.js'
import { GraphBatcher } from '../src/sources/entra/graph-batch.js'
import { ActionError } from '../src/errors.js'
import type { EntraPrincipal } from '../src/sources/entra/types.js'
import { loadFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators, type RequestLogEntry } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const ETL_APP = '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b'
const BIG_GROUP = 'Big Group'
const BIG_SIZE = 1200

let emu: Emulators
let credential: ClientSecretCredential

beforeAll(async () => {
  emu = await startEmulators({ fixture: loadFixture(`${ROOT}/emulators/fixtures/demo-tenant.yml`) })
  const secret = emu.fixture.applications.find((a) => a.appId === SYNC_APP)?.clientSecret
  if (!secret) throw new Error('the demo fixture has no client secret for the sync app')
  credential = new ClientSecretCredential(emu.tenantId, SYNC_APP, secret, {
    authorityHost: emu.authorityHost,
    disableInstanceDiscovery: true
  })
  emu.graph.addGroup({ displayName: BIG_GROUP })
  for (let i = 0; i < BIG_SIZE; i++) {
    const upn = `bulk.user${String(i).padStart(4, '0')}@contoso.com`
    emu.graph.addUser({ userPrincipalName: upn, displayName: `Bulk User ${i}`, mail: upn })
    emu.graph.addMember(BIG_GROUP, upn)
  }
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  emu.clearLog()
  emu.resetKnobs()
})

/** A fresh directory (and so an empty cache) for each test. */
const directory = () => {
  const graph = createGraphClient(credential, emu.graphEndpoint)
  // Backoff without Retry-After is cut to milliseconds; Retry-After itself is honoured as sent.
  return new GraphDirectory(
    graph,
    `app ${SYNC_APP}`,
    new GraphBatcher(graph.client, { policy: { baseDelayMs: 1, maxDelayMs: 5 } })
  )
}
const graphLog = (): RequestLogEntry[] => emu.log.filter((e) => e.service === 'graph')
const memberRequests = () => graphLog().filter((e) => /\/(transitiveMembers|members)$/i.test(e.path))
const byKey = (members: EntraPrincipal[]) =>
  Object.fromEntries(members.map((m) => [m.kind === 'user' ? m.userPrincipalName : m.appId, m]))

/** Runs `fault` as soon as the first page of a member list has been answered, before the client asks for the next. */
function afterFirstPage(fault: () => void): void {
  const log = emu.servers.graph!.log
  const push = log.push.bind(log)
  let done = false
  log.push = (...entries: RequestLogEntry[]) => {
    const n = push(...entries)
    if (!done && entries.some((e) => /members$/i.test(e.path) && e.status === 200 && !e.query.$skiptoken)) {
      done = true
      fault()
    }
    return n
  }
}

afterEach(() => {
  // Undo afterFirstPage's wrapper (an own property shadowing Array.prototype.push).
  delete (emu.servers.graph!.log as { push?: unknown }).push
})

describe('readGroup: resolving the config reference', () => {
  test('a display name resolves through $filter; flatten reads transitive members with the selected properties', async () => {
    const read = await directory().readGroup('Data Engineers', 'flatten')
    const group = emu.graph.group('Data Engineers')!
    expect(read).toMatchObject({ ref: 'Data Engineers', id: group.id, displayName: 'Data Engineers' })

    const lookup = graphLog()[0]!
    expect(lookup.path).toBe('/v1.0/groups')
    expect(lookup.query.$filter).toBe("displayName eq 'Data Engineers'")
    const [members] = memberRequests()
    expect(members?.path).toBe(`/v1.0/groups/${group.id}/transitiveMembers`)
    expect(members?.query.$select?.split(',')).toEqual(MEMBER_SELECT)
    expect(members?.query.$top).toBe('999')

    // Direct members, plus the guests of the nested contractors group; the nested group itself is named apart.
    expect(Object.keys(byKey(read.members)).sort()).toEqual(
      [
        'diego.siciliani@contoso.com',
        'grady.archie@contoso.com',
        'isaiah.langer@contoso.com',
        'nestor.wilke@contoso.com',
        ETL_APP,
        'pradeep.gupta_fabrikam.com#EXT#@contoso.onmicrosoft.com',
        'kim.akers_northwind.com#EXT#@contoso.onmicrosoft.com'
      ].sort()
    )
    expect(read.nestedGroups).toEqual(['Data Engineers - Contractors'])
  })

  test('members carry the flags the plan needs: disabled accounts, guests without mail, service principal appIds', async () => {
    const read = await directory().readGroup('Data Engineers', 'flatten')
    const m = byKey(read.members)
    expect(m['diego.siciliani@contoso.com']).toEqual({
      kind: 'user',
      id: emu.graph.user('diego.siciliani@contoso.com')!.id,
      displayName: 'Diego Siciliani',
      userPrincipalName: 'diego.siciliani@contoso.com',
      mail: 'diego.siciliani@contoso.com',
      userType: 'Member',
      accountEnabled: true
    })
    expect(m['nestor.wilke@contoso.com']).toMatchObject({ accountEnabled: false, userType: 'Member' })
    expect(m['pradeep.gupta_fabrikam.com#EXT#@contoso.onmicrosoft.com']).toMatchObject({
      userType: 'Guest',
      mail: 'pradeep.gupta@fabrikam.com',
      accountEnabled: true
    })
    expect(m['kim.akers_northwind.com#EXT#@contoso.onmicrosoft.com']).toMatchObject({ userType: 'Guest', mail: null })
    expect(m[ETL_APP]).toEqual({
      kind: 'servicePrincipal',
      id: emu.graph.servicePrincipal(ETL_APP)!.id,
      displayName: 'etl-orchestrator',
      appId: ETL_APP,
      accountEnabled: true
    })
  })

  test('nested: direct reads /members: the nested group is reported, its members are not read', async () => {
    const read = await directory().readGroup('Data Engineers', 'direct')
    expect(memberRequests().map((e) => e.path)).toEqual([`/v1.0/groups/${read.id}/members`])
    expect(Object.keys(byKey(read.members)).sort()).toEqual(
      [
        'diego.siciliani@contoso.com',
        'grady.archie@contoso.com',
        'isaiah.langer@contoso.com',
        'nestor.wilke@contoso.com',
        ETL_APP
      ].sort()
    )
    expect(read.nestedGroups).toEqual(['Data Engineers - Contractors'])
  })

  test('an object id resolves with GET /groups/{id}', async () => {
    const id = emu.graph.group('Data Analysts')!.id
    const read = await directory().readGroup(id, 'flatten')
    expect(read).toMatchObject({ ref: id, id, displayName: 'Data Analysts', nestedGroups: [] })
    expect(graphLog()[0]).toMatchObject({ path: `/v1.0/groups/${id}`, status: 200 })
    expect(read.members.map((m) => m.displayName).sort()).toEqual([
      'Johanna Lorenz',
      'Lee Gu',
      'Lynne Robbins',
      'Megan Bowen',
      'powerbi-refresh'
    ])
  })

  test("quotes, &, # and + in a name are escaped for OData and the URL: O'Brien & Partners #1 + co", async () => {
    const name = "O'Brien & Partners #1 + co"
    emu.graph.addGroup({ displayName: name, members: ['lee.gu@contoso.com'] })
    emu.graph.addGroup({ displayName: "O'Brien", members: ['megan.bowen@contoso.com'] })
    const read = await directory().readGroup(name, 'flatten')
    expect(read.displayName).toBe(name)
    expect(read.members.map((m) => m.userPrincipalName)).toEqual(['lee.gu@contoso.com'])
    expect(graphLog()[0]?.query.$filter).toBe("displayName eq 'O''Brien & Partners #1 + co'")
  })

  test('a name matching no group, or an object id of no group, is an ActionError naming it', async () => {
    const missing = await directory()
      .readGroup('No Such Group', 'flatten')
      .catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ActionError)
    expect((missing as ActionError).message).toBe(
      'Entra group "No Such Group" does not exist (no group has this display name).'
    )
    const id = '00000000-1111-2222-3333-444444444444'
    await expect(directory().readGroup(id, 'flatten')).rejects.toThrow(
      `Entra group with object id ${id} does not exist.`
    )
    expect(memberRequests()).toEqual([])
  })

  test('a name matching several groups is an ActionError asking for the object id', async () => {
    const a = emu.graph.addGroup({ displayName: 'Shared Name', members: ['lee.gu@contoso.com'] })
    // Ids are derived from names (case-insensitively) unless given.
    const b = emu.graph.addGroup({
      displayName: 'shared name',
      id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      members: ['megan.bowen@contoso.com']
    })
    const error = await directory()
      .readGroup('Shared Name', 'flatten')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as ActionError).message).toBe(
      `Entra group name "Shared Name" matches 2 groups (${a.id}, ${b.id}): use the object id.`
    )
    expect((error as ActionError).fix).toContain('object id')
    expect(memberRequests()).toEqual([])
    // The object id then reads the one meant.
    const read = await directory().readGroup(b.id, 'flatten')
    expect(read.members.map((m) => m.userPrincipalName)).toEqual(['megan.bowen@contoso.com'])
  })
})

describe('readGroup: paging', () => {
  test(`${BIG_SIZE} members take two pages of 999: the nextLink is followed to the end`, async () => {
    const read = await directory().readGroup(BIG_GROUP, 'flatten')
    expect(read.members).toHaveLength(BIG_SIZE)
    expect(new Set(read.members.map((m) => m.id)).size).toBe(BIG_SIZE)
    expect(read.members.at(-1)?.userPrincipalName).toBe(`bulk.user${BIG_SIZE - 1}@contoso.com`)
    const pages = memberRequests()
    expect(pages).toHaveLength(2)
    expect(pages[0]?.query.$skiptoken).toBeUndefined()
    expect(pages[1]?.query.$skiptoken).toBeTruthy()
    // The nextLink keeps the query: the second page has the same properties and page size.
    expect(pages[1]?.query.$select).toBe(MEMBER_SELECT.join(','))
    expect(pages[1]?.query.$top).toBe('999')
  })
})

describe('readGroup: caching', () => {
  test('a group used by several workspaces is read once per directory and nesting mode', async () => {
    const dir = directory()
    const id = emu.graph.group('Data Engineers')!.id
    const first = await dir.readGroup('Data Engineers', 'flatten')
    const requests = graphLog().length
    // Same name (any case), and its object id: no request at all.
    const again = await dir.readGroup('data engineers', 'flatten')
    const byId = await dir.readGroup(id, 'flatten')
    expect(graphLog()).toHaveLength(requests)
    expect(again.members).toEqual(first.members)
    expect(again.ref).toBe('data engineers')
    expect(byId).toMatchObject({ ref: id, id, displayName: 'Data Engineers' })
    // Callers get their own arrays.
    again.members.pop()
    expect(byId.members).toHaveLength(first.members.length)
    // Another nesting mode is another read; concurrent reads of one group share one request.
    await Promise.all([dir.readGroup('Data Engineers', 'direct'), dir.readGroup(id, 'direct')])
    expect(memberRequests().map((e) => e.path)).toEqual([
      `/v1.0/groups/${id}/transitiveMembers`,
      `/v1.0/groups/${id}/members`
    ])
  })

  test('a failed read is not cached: the next call reads again', async () => {
    const dir = directory()
    emu.servers.graph!.failNext(6, '500')
    await expect(dir.readGroup('Data Analysts', 'flatten')).rejects.toThrow(ActionError)
    const read = await dir.readGroup('Data Analysts', 'flatten')
    expect(read.members).toHaveLength(5)
  })
})

describe('readGroup: throttling and failures', () => {
  test('a 429 with Retry-After is retried by the Graph client after the wait, then the read succeeds', async () => {
    const id = emu.graph.group('Data Analysts')!.id
    emu.servers.graph!.failNext(1, '429', { retryAfterSeconds: 1 })
    const started = Date.now()
    const read = await directory().readGroup(id, 'flatten')
    expect(read.members).toHaveLength(5)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(graphLog().map((e) => [e.path, e.status])).toEqual([
      [`/v1.0/groups/${id}`, 429],
      [`/v1.0/groups/${id}`, 200],
      [`/v1.0/groups/${id}/transitiveMembers`, 200]
    ])
  })

  test('throttling of a second page is retried too, and the read is whole', async () => {
    afterFirstPage(() => emu.servers.graph!.failNext(2, '503', { retryAfterSeconds: 0 }))
    const read = await directory().readGroup(BIG_GROUP, 'flatten')
    expect(read.members).toHaveLength(BIG_SIZE)
    expect(memberRequests().map((e) => e.status)).toEqual([200, 503, 503, 200])
  })

  test('a second page still throttled after 20 attempts fails the whole read with an ActionError', async () => {
    afterFirstPage(() => emu.servers.graph!.failNext(30, '429', { retryAfterSeconds: 0 }))
    const error = await directory()
      .readGroup(BIG_GROUP, 'flatten')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    const group = emu.graph.group(BIG_GROUP)!
    expect((error as ActionError).message).toMatch(
      new RegExp(
        `^Microsoft Graph answered 429 TooManyRequests while reading the transitive members of Entra group "${BIG_GROUP}" \\(${group.id}\\)`
      )
    )
    expect((error as ActionError).fix).toMatch(/run the workflow again later/)
    // The first page and 20 attempts at the second (maxThrottledAttempts).
    expect(memberRequests().map((e) => e.status)).toEqual([200, ...Array<number>(20).fill(429)])
  })

  test('a 500 on the second page is retried, and the read is whole', async () => {
    afterFirstPage(() => emu.servers.graph!.failNext(1, '500'))
    const read = await directory().readGroup(BIG_GROUP, 'direct')
    expect(read.members).toHaveLength(BIG_SIZE)
    expect(memberRequests().map((e) => e.status)).toEqual([200, 500, 200])
  })

  test('a second page that keeps failing fails the read (no partial member list), and is not cached', async () => {
    afterFirstPage(() => emu.servers.graph!.failNext(6, '500'))
    const dir = directory()
    await expect(dir.readGroup(BIG_GROUP, 'direct')).rejects.toThrow(
      /^Microsoft Graph answered 500 generalException while reading the members of Entra group "Big Group"/
    )
    expect(memberRequests().map((e) => e.status)).toEqual([200, 500, 500, 500, 500, 500, 500])
    // Not cached: the next read is whole.
    expect((await dir.readGroup(BIG_GROUP, 'direct')).members).toHaveLength(BIG_SIZE)
  })

  test('a connection dropped on the second page is retried', async () => {
    afterFirstPage(() => emu.servers.graph!.failNext(1, 'drop'))
    const read = await directory().readGroup(BIG_GROUP, 'flatten')
    expect(read.members).toHaveLength(BIG_SIZE)
    expect(memberRequests().map((e) => e.status)).toEqual([200, 0, 200])
  })

  test('connections dropped on every attempt fail the read with an ActionError', async () => {
    afterFirstPage(() => emu.servers.graph!.failNext(6, 'drop'))
    const error = await directory()
      .readGroup(BIG_GROUP, 'flatten')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActionError)
    expect((error as ActionError).message).toMatch(
      /^Microsoft Graph request failed while reading the transitive members of Entra group "Big Group" \(.*\): fetch failed/
    )
    expect(memberRequests().map((e) => e.status)).toEqual([200, 0, 0, 0, 0, 0, 0])
  })
})

describe('readGroup: reads started together go out in $batch requests', () => {
  const GROUPS = ['Databricks-Group-Test', 'Data Engineers', 'Data Engineers - Contractors', 'Data Analysts', BIG_GROUP]
  const batches = () => graphLog().filter((e) => e.method === 'POST' && e.path === '/v1.0/$batch')

  test('five groups: one batch of name lookups, one of first member pages, then the big group alone', async () => {
    const dir = directory()
    const reads = await Promise.all(GROUPS.map((g) => dir.readGroup(g, 'flatten')))
    expect(reads.map((r) => r.displayName)).toEqual(GROUPS)
    expect(reads.map((r) => r.members.length)).toEqual(
      GROUPS.map((g) => emu.graph.transitiveMemberIds(g).filter((id) => !emu.graph.group(id)).length)
    )
    // Names in one batch, first pages in one batch, and the big group's second page on its own.
    expect(batches()).toHaveLength(2)
    expect(
      graphLog()
        .filter((e) => e.method === 'GET')
        .map((e) => e.path)
    ).toEqual([`/v1.0/groups/${emu.graph.group(BIG_GROUP)!.id}/transitiveMembers`])
  })

  test('a step throttled inside a batch is sent again after its Retry-After; the others are not repeated', async () => {
    const expected = await Promise.all(GROUPS.slice(0, 4).map((g) => directory().readGroup(g, 'direct')))
    emu.clearLog()
    // Graph's own limit, one step at a time: a batch of four gets three answers and a 429.
    emu.servers.graph!.setRateLimit({ limit: 3, windowMs: 1000, retryAfterSeconds: 1 })
    const dir = directory()
    const reads = await Promise.all(GROUPS.slice(0, 4).map((g) => dir.readGroup(g, 'direct')))
    expect(reads).toEqual(expected)
    // Steps were throttled, and every one was answered in the end.
    expect(emu.servers.graph!.stats.throttled).toBeGreaterThan(0)
    const answered = batches().length
    expect(answered).toBeGreaterThanOrEqual(2)
  })
})
