// The Microsoft Graph emulator's change tracking for users and service principals (users/delta,
// servicePrincipals/delta), driven directly with EmulatorRequest objects and a fake token service: initial rounds
// paged with Prefer: odata.maxpagesize, $deltatoken=latest, changed-properties-only updates, @removed, unsupported
// query options, bad tokens, and delta inside $batch.
import { beforeEach, describe, expect, test } from '@jest/globals'
import { normalizeFixture, stableGuid, type TenantFixture } from '../emulators/fixture.js'
import { createGraph, type GraphState } from '../emulators/graph.js'
import type { EmulatorRequest, EmulatorResponse, Handler } from '../emulators/types.js'
import { fakeGraphTokens } from './graph-fake-tokens.js'

const ORIGIN = 'https://127.0.0.1:1'
const TOKEN_ROLES: Record<string, string[]> = {
  good: ['GroupMember.Read.All', 'User.Read.All', 'Application.Read.All'],
  groups: ['GroupMember.Read.All'],
  users: ['User.Read.All']
}

const fakeTokens = fakeGraphTokens(TOKEN_ROLES)

const BOT_APP_ID = '6f1c9d2e-0a3b-4c5d-8e7f-9a0b1c2d3e4f'
const OPS_APP_ID = '0b8f3c1a-7d2e-4f6a-9b0c-1d2e3f4a5b6c'
const USERS = 7

function tenant(): TenantFixture {
  return normalizeFixture({
    tenantId: '11111111-2222-3333-4444-555555555555',
    users: Array.from({ length: USERS }, (_, i) => ({
      userPrincipalName: `u${i}@contoso.com`,
      displayName: `User ${i}`,
      mail: `u${i}@contoso.com`
    })),
    servicePrincipals: [
      { displayName: 'deploy-bot', appId: BOT_APP_ID },
      { displayName: 'ops-bot', appId: OPS_APP_ID }
    ],
    groups: [{ displayName: 'Everyone', members: ['u0@contoso.com', 'deploy-bot'] }]
  })
}

const userId = (i: number): string => stableGuid('user', `u${i}@contoso.com`)
const BOT = stableGuid('sp', BOT_APP_ID)
const OPS = stableGuid('sp', OPS_APP_ID)

let handler: Handler
let state: GraphState

beforeEach(() => {
  ;({ handler, state } = createGraph(tenant(), fakeTokens))
})

interface Opts {
  token?: string
  headers?: Record<string, string>
  method?: string
  body?: unknown
}

function call(path: string, opts: Opts = {}): Promise<EmulatorResponse> {
  const url = path.startsWith('https://') ? new URL(path) : new URL(`${ORIGIN}/v1.0${path}`)
  const req: EmulatorRequest = {
    method: opts.method ?? 'GET',
    url,
    headers: { ...opts.headers, authorization: `Bearer ${opts.token ?? 'good'}` },
    body: opts.body,
    rawBody: opts.body === undefined ? '' : JSON.stringify(opts.body)
  }
  return Promise.resolve(handler(req))
}

type Item = Record<string, unknown>
type Page = { value: Item[] } & Record<string, unknown>

async function ok(path: string, opts: Opts = {}): Promise<{ body: Page; headers: Record<string, string> }> {
  const res = await call(path, opts)
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return { body: res.body as Page, headers: res.headers ?? {} }
}

/** Follows nextLinks to the deltaLink; returns every item, the page sizes and the deltaLink. */
async function round(path: string, opts: Opts = {}): Promise<{ items: Item[]; pages: number[]; deltaLink: string }> {
  const items: Item[] = []
  const pages: number[] = []
  let next = path
  for (;;) {
    const { body } = await ok(next, opts)
    items.push(...body.value)
    pages.push(body.value.length)
    const nextLink = body['@odata.nextLink'] as string | undefined
    if (!nextLink) {
      expect(body['@odata.deltaLink']).toEqual(expect.any(String))
      return { items, pages, deltaLink: body['@odata.deltaLink'] as string }
    }
    expect(body['@odata.deltaLink']).toBeUndefined()
    next = nextLink
  }
}

function errorOf(res: EmulatorResponse): { code: string; message: string } {
  return (res.body as { error: { code: string; message: string } }).error
}

describe('users/delta', () => {
  test('the initial round returns every user, paged by Prefer: odata.maxpagesize, remembering $select', async () => {
    const prefer = { headers: { prefer: 'odata.maxpagesize=3' } }
    const first = await ok('/users/delta?$select=displayName,userPrincipalName', prefer)
    expect(first.headers['preference-applied']).toBe('odata.maxpagesize=3')
    expect(first.headers['x-ms-resource-unit']).toBe('5')
    expect(first.body['@odata.context']).toBe(`${ORIGIN}/v1.0/$metadata#users(displayName,userPrincipalName)`)
    expect(first.body.value).toEqual([
      { id: userId(0), displayName: 'User 0', userPrincipalName: 'u0@contoso.com' },
      { id: userId(1), displayName: 'User 1', userPrincipalName: 'u1@contoso.com' },
      { id: userId(2), displayName: 'User 2', userPrincipalName: 'u2@contoso.com' }
    ])
    const nextLink = first.body['@odata.nextLink'] as string
    expect(nextLink).toMatch(/^https:\/\/127\.0\.0\.1:1\/v1\.0\/users\/delta\?\$skiptoken=[^&]+$/)

    // The nextLink keeps the $select and the page size (the header is not repeated here).
    const all = await round('/users/delta?$select=displayName,userPrincipalName', prefer)
    expect(all.pages).toEqual([3, 3, 1])
    expect(all.items.map((u) => u.id)).toEqual(Array.from({ length: USERS }, (_, i) => userId(i)))
    expect(all.items.every((u) => Object.keys(u).join() === 'id,displayName,userPrincipalName')).toBe(true)
    expect(all.deltaLink).toMatch(/^https:\/\/127\.0\.0\.1:1\/v1\.0\/users\/delta\?\$deltatoken=[^&]+$/)
    const second = await ok(nextLink)
    expect(second.body.value).toHaveLength(3)
    expect(second.headers['preference-applied']).toBeUndefined()

    // Default page size 200 and the default property set without $select.
    for (let i = USERS; i < 250; i++) state.addUser({ userPrincipalName: `u${i}@contoso.com` })
    const big = await round('/users/delta')
    expect(big.pages).toEqual([200, 50])
    expect(Object.keys(big.items[0] as Item).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName'
      ].sort()
    )
    // Out-of-range preferences are ignored.
    const huge = await ok('/users/delta', { headers: { prefer: 'odata.maxpagesize=5000' } })
    expect(huge.body.value).toHaveLength(200)
    expect(huge.headers['preference-applied']).toBeUndefined()
  })

  test('$deltatoken=latest returns no data and a deltaLink from now', async () => {
    const latest = await ok('/users/delta?$deltatoken=latest&$select=userPrincipalName,accountEnabled')
    expect(latest.body.value).toEqual([])
    expect(latest.body['@odata.nextLink']).toBeUndefined()
    const deltaLink = latest.body['@odata.deltaLink'] as string
    expect(deltaLink).toContain('/v1.0/users/delta?$deltatoken=')
    expect((await round(deltaLink)).items).toEqual([])
    state.setUser('u3@contoso.com', { accountEnabled: false })
    expect((await round(deltaLink)).items).toEqual([{ id: userId(3), accountEnabled: false }])
  })

  test('a delta round returns only the changed selected properties, new users in full, deleted ones @removed', async () => {
    const initial = await round('/users/delta?$select=userPrincipalName,mail,displayName')
    expect((await round(initial.deltaLink)).items).toEqual([])

    state.setUser('u1@contoso.com', { userPrincipalName: 'one@contoso.com' })
    state.setUser('u2@contoso.com', { accountEnabled: false }) // not selected: u2 does not appear
    state.setUser('u4@contoso.com', { displayName: 'User 4' }) // same value: no change
    state.deleteUser('u5@contoso.com')
    state.addUser({ userPrincipalName: 'new@contoso.com', displayName: 'Newcomer' })
    const changes = await round(initial.deltaLink)
    expect(changes.items).toEqual([
      { id: userId(1), userPrincipalName: 'one@contoso.com' },
      { id: userId(5), '@removed': { reason: 'changed' } },
      {
        id: stableGuid('user', 'new@contoso.com'),
        userPrincipalName: 'new@contoso.com',
        mail: null,
        displayName: 'Newcomer'
      }
    ])
    // The old deltaLink still works; the new one starts after these changes.
    expect((await round(initial.deltaLink)).items).toHaveLength(3)
    expect((await round(changes.deltaLink)).items).toEqual([])
  })

  test('several changes of one user since the token collapse into one entry', async () => {
    const { deltaLink } = await round('/users/delta?$select=userPrincipalName,mail,accountEnabled,displayName')
    state.setUser('u0@contoso.com', { userPrincipalName: 'zero@contoso.com' })
    state.setUser('zero@contoso.com', { mail: 'zero@contoso.com' })
    state.setUser('zero@contoso.com', { accountEnabled: false })
    state.setUser('zero@contoso.com', { accountEnabled: true })
    state.setUser('u6@contoso.com', { displayName: 'Six' })
    const { items } = await round(deltaLink)
    expect(items).toEqual([
      { id: userId(0), userPrincipalName: 'zero@contoso.com', mail: 'zero@contoso.com', accountEnabled: true },
      { id: userId(6), displayName: 'Six' }
    ])
  })

  test('without $select, only changes of the default properties count (accountEnabled is not one)', async () => {
    const { deltaLink } = await round('/users/delta')
    state.setUser('u2@contoso.com', { accountEnabled: false })
    expect((await round(deltaLink)).items).toEqual([])
    state.setUser('u2@contoso.com', { mail: 'two@contoso.com' })
    expect((await round(deltaLink)).items).toEqual([{ id: userId(2), mail: 'two@contoso.com' }])
  })

  test('a delta round pages too, and objects added or deleted while paging are neither skipped nor repeated', async () => {
    const { deltaLink } = await round('/users/delta?$select=displayName')
    for (let i = 0; i < USERS; i++) state.setUser(`u${i}@contoso.com`, { displayName: `Renamed ${i}` })
    const prefer = { headers: { prefer: 'odata.maxpagesize=2' } }
    const first = await ok(deltaLink, prefer)
    expect(first.body.value.map((u) => u.id)).toEqual([userId(0), userId(1)])
    state.deleteUser('u0@contoso.com') // already served
    state.deleteUser('u3@contoso.com') // not yet served: reported as removed in its place
    const rest = await round(first.body['@odata.nextLink'] as string, prefer)
    expect(rest.items).toEqual([
      { id: userId(2), displayName: 'Renamed 2' },
      { id: userId(3), '@removed': { reason: 'changed' } },
      { id: userId(4), displayName: 'Renamed 4' },
      { id: userId(5), displayName: 'Renamed 5' },
      { id: userId(6), displayName: 'Renamed 6' }
    ])
    // The deletions happened after the round started: the next round reports them (again, for u3).
    expect((await round(rest.deltaLink)).items).toEqual([
      { id: userId(0), '@removed': { reason: 'changed' } },
      { id: userId(3), '@removed': { reason: 'changed' } }
    ])
  })

  test('permissions, unsupported query options and bad tokens', async () => {
    const denied = await call('/users/delta', { token: 'groups' })
    expect(denied.status).toBe(403)
    expect(errorOf(denied).code).toBe('Authorization_RequestDenied')
    expect((await call('/users/delta()', { token: 'users' })).status).toBe(200)

    for (const q of ["$filter=id eq 'x'", '$orderby=displayName', '$top=5']) {
      const res = await call(`/users/delta?${q}`)
      expect(res.status).toBe(400)
      expect(errorOf(res).code).toBe('Request_UnsupportedQuery')
    }
    const badSelect = await call('/users/delta?$select=nope')
    expect(badSelect.status).toBe(400)

    for (const q of ['$deltatoken=bogus', '$skiptoken=bogus', '$deltatoken=RFNwdAIAe30']) {
      const res = await call(`/users/delta?${q}`)
      expect(res.status).toBe(400)
      expect(errorOf(res)).toMatchObject({ code: 'Request_BadRequest', message: expect.stringContaining('Invalid $') })
      expect((res.body as { error: { innerError: Record<string, string> } }).error.innerError['request-id']).toEqual(
        expect.any(String)
      )
    }
    // Tokens of another delta resource are foreign.
    const groups = await round('/groups/delta')
    const groupToken = new URL(groups.deltaLink).searchParams.get('$deltatoken') as string
    expect((await call(`/users/delta?$deltatoken=${groupToken}`)).status).toBe(400)
    const sps = await round('/servicePrincipals/delta')
    const spToken = new URL(sps.deltaLink).searchParams.get('$deltatoken') as string
    expect((await call(`/users/delta?$deltatoken=${spToken}`)).status).toBe(400)
    const users = await round('/users/delta')
    const userToken = new URL(users.deltaLink).searchParams.get('$deltatoken') as string
    expect((await call(`/groups/delta?$deltatoken=${userToken}`)).status).toBe(400)
    expect((await call(`/servicePrincipals/delta?$deltatoken=${userToken}`)).status).toBe(400)
    expect((await call('/users/delta', { method: 'POST', body: {} })).status).toBe(405)
  })
})

describe('servicePrincipals/delta', () => {
  test('initial round, then changed selected properties, deletes and additions', async () => {
    const initial = await round('/servicePrincipals/delta?$select=displayName,accountEnabled,appId', {
      headers: { prefer: 'odata.maxpagesize=1' }
    })
    expect(initial.pages).toEqual([1, 1])
    expect(initial.items).toEqual([
      { id: BOT, displayName: 'deploy-bot', accountEnabled: true, appId: BOT_APP_ID },
      { id: OPS, displayName: 'ops-bot', accountEnabled: true, appId: OPS_APP_ID }
    ])

    state.setServicePrincipal('deploy-bot', { accountEnabled: false })
    state.setServicePrincipal(BOT_APP_ID, { displayName: 'deploy-robot' })
    state.setServicePrincipal('ops-bot', { tags: ['WindowsAzureActiveDirectoryIntegratedApp'] }) // not selected
    state.addServicePrincipal({ displayName: 'new-bot', appId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' })
    const changes = await round(initial.deltaLink)
    expect(changes.items).toEqual([
      { id: BOT, displayName: 'deploy-robot', accountEnabled: false },
      {
        id: stableGuid('sp', '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d'),
        displayName: 'new-bot',
        accountEnabled: true,
        appId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d'
      }
    ])

    state.deleteServicePrincipal('deploy-robot')
    expect(state.servicePrincipal(BOT_APP_ID)).toBeUndefined()
    expect((await round(changes.deltaLink)).items).toEqual([{ id: BOT, '@removed': { reason: 'changed' } }])

    // Without $select every property is returned for new objects; a tags change then shows up with just tags.
    const full = await round('/servicePrincipals/delta')
    expect(full.items[0]).toMatchObject({ id: OPS, appDisplayName: 'ops-bot', servicePrincipalNames: [OPS_APP_ID] })
    state.setServicePrincipal('ops-bot', { tags: [] })
    state.setServicePrincipal('ops-bot', { displayName: 'ops-robot' })
    expect((await round(full.deltaLink)).items).toEqual([
      { id: OPS, appDisplayName: 'ops-robot', displayName: 'ops-robot', tags: [] }
    ])
  })

  test('latest, permissions and unsupported options', async () => {
    const latest = await ok('/servicePrincipals/delta?$deltatoken=latest')
    expect(latest.body.value).toEqual([])
    expect(latest.body['@odata.deltaLink']).toContain('/v1.0/servicePrincipals/delta?$deltatoken=')
    expect((await call('/servicePrincipals/delta', { token: 'users' })).status).toBe(403)
    const filtered = await call("/servicePrincipals/delta?$filter=appId eq 'x'")
    expect(filtered.status).toBe(400)
    expect(errorOf(filtered).code).toBe('Request_UnsupportedQuery')
    expect((await call('/servicePrincipals/delta?$deltatoken=bogus')).status).toBe(400)
  })
})

describe('delta inside $batch', () => {
  test('users/delta and servicePrincipals/delta answer as inner requests, Prefer header included', async () => {
    const { deltaLink } = await round('/users/delta?$select=userPrincipalName')
    state.setUser('u1@contoso.com', { userPrincipalName: 'one@contoso.com' })
    const res = await call('/$batch', {
      method: 'POST',
      body: {
        requests: [
          {
            id: '1',
            method: 'GET',
            url: '/users/delta?$select=displayName',
            headers: { Prefer: 'odata.maxpagesize=2' }
          },
          { id: '2', method: 'GET', url: deltaLink.slice(`${ORIGIN}/v1.0`.length) },
          { id: '3', method: 'GET', url: '/servicePrincipals/delta?$select=appId' },
          { id: '4', method: 'GET', url: "/users/delta?$filter=id eq 'x'" }
        ]
      }
    })
    expect(res.status).toBe(200)
    const responses = (res.body as { responses: Array<{ id: string; status: number; headers: Item; body: Page }> })
      .responses
    const byId = new Map(responses.map((r) => [r.id, r]))
    expect(byId.get('1')?.status).toBe(200)
    expect(byId.get('1')?.body.value).toHaveLength(2)
    expect(byId.get('1')?.headers['preference-applied']).toBe('odata.maxpagesize=2')
    expect(byId.get('1')?.body['@odata.nextLink']).toContain('/v1.0/users/delta?$skiptoken=')
    expect(byId.get('2')?.body.value).toEqual([{ id: userId(1), userPrincipalName: 'one@contoso.com' }])
    expect(byId.get('3')?.body.value).toEqual([
      { id: BOT, appId: BOT_APP_ID },
      { id: OPS, appId: OPS_APP_ID }
    ])
    expect(byId.get('4')?.status).toBe(400)
  })
})
