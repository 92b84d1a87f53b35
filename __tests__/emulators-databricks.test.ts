import { describe, expect, it } from '@jest/globals'
import {
  createWorkspace,
  DATABRICKS_RESOURCE_ID,
  MAX_PAGE_SIZE,
  SCIM_SCHEMAS,
  type ScimGroup,
  type ScimListResponse,
  type ScimUser
} from '../emulators/databricks.js'
import type { WorkspaceFixture } from '../emulators/fixture.js'
import type { AccessTokenClaims, EmulatorRequest, EmulatorResponse, TokenService } from '../emulators/types.js'

const TENANT = '11111111-1111-4111-8111-111111111111'
const ADMIN_APP = 'aaaaaaaa-0000-4000-8000-000000000001'
const MEMBER_APP = 'bbbbbbbb-0000-4000-8000-000000000002'
const STRANGER_APP = 'cccccccc-0000-4000-8000-000000000003'
const ETL_APP = 'dddddddd-0000-4000-8000-000000000004'
const PAT = 'dapi-test-token'
const BASE = 'https://127.0.0.1:1/api/2.0/preview/scim/v2'

function claims(appid: string, tid = TENANT): AccessTokenClaims {
  return {
    aud: DATABRICKS_RESOURCE_ID,
    iss: `https://127.0.0.1/${tid}/`,
    tid,
    appid,
    azp: appid,
    oid: appid,
    sub: appid,
    roles: [],
    exp: 2e9,
    iat: 1e9
  }
}

/** Fake Entra: `Bearer entra:<appid>` is valid for the Databricks audience; `entra-foreign:<appid>` has another tenant. */
const audiencesSeen: string[][] = []
const tokens: TokenService = {
  async verifyBearer(authorization, audiences) {
    audiencesSeen.push([...audiences])
    const m = /^Bearer (entra|entra-foreign):(.+)$/.exec(authorization ?? '')
    if (!m || !audiences.includes(DATABRICKS_RESOURCE_ID)) return { ok: false, reason: 'bad token' }
    return { ok: true, claims: claims(m[2]!, m[1] === 'entra' ? TENANT : '22222222-2222-4222-8222-222222222222') }
  }
}

const fixture: WorkspaceFixture = {
  name: 'analytics-prod',
  pats: [PAT],
  admins: [ADMIN_APP],
  users: [
    { userName: 'root@contoso.com', displayName: 'Root' },
    { userName: 'Alice@Contoso.com', displayName: 'Alice Smith', externalId: 'ext-alice' },
    { userName: 'bob@contoso.com', entitlements: ['databricks-sql-access'] },
    { userName: 'carol@contoso.com', displayName: 'Carol', active: false }
  ],
  servicePrincipals: [
    { applicationId: ETL_APP, displayName: 'etl' },
    { applicationId: MEMBER_APP, displayName: 'reader' }
  ],
  groups: [
    { displayName: 'admins', members: ['root@contoso.com'] },
    {
      displayName: 'data-engineers',
      externalId: 'ext-de',
      members: ['alice@contoso.com', ETL_APP, 'analysts'],
      entitlements: ['workspace-access']
    },
    { displayName: 'analysts', members: ['bob@contoso.com'] }
  ]
}

/** A response with its JSON body as a loose record (tests read fields of any resource or error). */
type Reply = EmulatorResponse & { body: Record<string, unknown> }

function setup(ws: WorkspaceFixture = fixture) {
  const { handler, state } = createWorkspace(ws, tokens, { tenantId: TENANT })
  async function call(
    method: string,
    path: string,
    opts: { body?: unknown; auth?: string | null } = {}
  ): Promise<Reply> {
    const auth = opts.auth === undefined ? `Bearer ${PAT}` : opts.auth
    const req: EmulatorRequest = {
      method,
      url: new URL(path.startsWith('https://') ? path : `${BASE}${path}`),
      headers: auth === null ? {} : { authorization: auth },
      body: opts.body,
      rawBody: opts.body === undefined ? '' : JSON.stringify(opts.body)
    }
    const res = await handler(req)
    return res as Reply
  }
  const patch = (path: string, ...ops: unknown[]) =>
    call('PATCH', path, { body: { schemas: [SCIM_SCHEMAS.patchOp], Operations: ops } })
  const list = async (path: string): Promise<ScimListResponse> => {
    const r = await call('GET', path)
    expect(r.status).toBe(200)
    return r.body as unknown as ScimListResponse
  }
  return { handler, state, call, patch, list }
}

const idOf = (state: ReturnType<typeof setup>['state'], key: string): string =>
  (state.user(key) ?? state.servicePrincipal(key) ?? state.group(key))!.id

describe('seeding and state', () => {
  it('seeds users, service principals, built-in and fixture groups', () => {
    const { state } = setup()
    expect(state.users().map((u) => u.userName)).toEqual([
      'root@contoso.com',
      'Alice@Contoso.com',
      'bob@contoso.com',
      'carol@contoso.com'
    ])
    expect(state.groups().map((g) => g.displayName)).toEqual(['admins', 'users', 'data-engineers', 'analysts'])
    const alice = state.user('ALICE@contoso.com')!
    expect(alice).toMatchObject({
      schemas: [SCIM_SCHEMAS.user],
      userName: 'Alice@Contoso.com',
      displayName: 'Alice Smith',
      emails: [{ value: 'Alice@Contoso.com', primary: true, type: 'work' }],
      active: true,
      externalId: 'ext-alice'
    })
    expect(alice.id).toMatch(/^\d{16}$/)
    expect(state.user('bob@contoso.com')!.entitlements).toEqual([{ value: 'databricks-sql-access' }])
    expect(state.user('carol@contoso.com')!.active).toBe(false)
    expect(state.servicePrincipal(ETL_APP)).toMatchObject({
      schemas: [SCIM_SCHEMAS.servicePrincipal],
      applicationId: ETL_APP,
      displayName: 'etl',
      active: true
    })
  })

  it('shows members by key and keeps back-references both ways', () => {
    const { state } = setup()
    const de = state.group('Data-Engineers')!
    expect(de.memberNames).toEqual(['Alice@Contoso.com', 'analysts', ETL_APP])
    expect(de.meta).toEqual({ resourceType: 'WorkspaceGroup' })
    expect(de.entitlements).toEqual([{ value: 'workspace-access' }])
    expect(de.members).toContainEqual({
      value: idOf(state, 'analysts'),
      display: 'analysts',
      $ref: `Groups/${idOf(state, 'analysts')}`
    })
    expect(de.members).toContainEqual({
      value: idOf(state, ETL_APP),
      display: 'etl',
      $ref: `ServicePrincipals/${idOf(state, ETL_APP)}`
    })
    expect(state.user('alice@contoso.com')!.groups).toEqual(
      expect.arrayContaining([
        { value: de.id, display: 'data-engineers', type: 'direct', $ref: `Groups/${de.id}` },
        expect.objectContaining({ display: 'users' })
      ])
    )
    expect(state.group('analysts')!.groups).toEqual([expect.objectContaining({ display: 'data-engineers' })])
    // 4 users and 3 service principals: etl, reader, and the seeded admin ADMIN_APP.
    expect(state.group('users')!.memberNames).toHaveLength(7)
    expect(state.group('users')!.entitlements).toEqual([
      { value: 'workspace-access' },
      { value: 'databricks-sql-access' }
    ])
    expect(state.group('admins')!.memberNames).toEqual([ADMIN_APP, 'root@contoso.com'])
  })

  it('hands out deterministic ids and resets to the fixture', () => {
    const a = setup()
    const b = setup()
    expect(a.state.users().map((u) => u.id)).toEqual(b.state.users().map((u) => u.id))
    const other = setup({ ...fixture, name: 'other-ws' })
    expect(other.state.user('bob@contoso.com')!.id).not.toBe(a.state.user('bob@contoso.com')!.id)

    const before = a.state.groups()
    a.state.addUser({ userName: 'dave@contoso.com' })
    a.state.addGroup({ displayName: 'new', members: ['dave@contoso.com', 'bob@contoso.com'] })
    a.state.addMember('analysts', 'dave@contoso.com')
    a.state.removeMember('analysts', 'bob@contoso.com')
    expect(a.state.group('analysts')!.memberNames).toEqual(['dave@contoso.com'])
    expect(a.state.group('new')!.memberNames).toEqual(['bob@contoso.com', 'dave@contoso.com'])
    a.state.reset()
    expect(a.state.groups()).toEqual(before)
    expect(a.state.user('dave@contoso.com')).toBeUndefined()
  })

  it('rejects fixture members that resolve to nothing', () => {
    expect(() => setup({ name: 'x', groups: [{ displayName: 'g', members: ['ghost@contoso.com'] }] })).toThrow(
      /ghost@contoso.com/
    )
  })
})

describe('auth', () => {
  it('answers 401 with a SCIM error for missing or invalid tokens', async () => {
    const { call } = setup()
    for (const auth of [null, 'Bearer nope', 'Basic abc', `Bearer entra-foreign:${ADMIN_APP}`]) {
      const r = await call('GET', '/Users', { auth })
      expect(r.status).toBe(401)
      expect(r.body).toEqual({ schemas: [SCIM_SCHEMAS.error], detail: 'Invalid access token.', status: '401' })
    }
    expect(audiencesSeen).toContainEqual([DATABRICKS_RESOURCE_ID])
  })

  it('accepts PATs as the admin user behind them', async () => {
    const { call } = setup()
    const me = await call('GET', '/Me')
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ schemas: [SCIM_SCHEMAS.user], userName: 'root@contoso.com', displayName: 'Root' })
    expect(me.body.groups).toContainEqual(expect.objectContaining({ display: 'admins' }))
  })

  it('creates the PAT owner as an admin on first use when the fixture has none', async () => {
    const { call, state } = setup({ name: 'Empty WS', pats: [PAT] })
    expect(state.users()).toEqual([])
    const me = await call('GET', '/Me')
    expect(me.body.userName).toBe('admin@empty-ws.example.com')
    expect(state.group('admins')!.memberNames).toEqual(['admin@empty-ws.example.com'])
  })

  it('accepts Entra tokens of workspace admins, whose service principals the fixture seeds', async () => {
    const { call, state } = setup()
    // `admins` are in the workspace and its admins group from the start (Databricks adds nobody on a bare token).
    expect(state.group('admins')!.memberNames).toContain(ADMIN_APP)
    const me = await call('GET', '/Me', { auth: `Bearer entra:${ADMIN_APP}` })
    expect(me.status).toBe(200)
    const sp = state.servicePrincipal(ADMIN_APP)!
    expect(me.body).toMatchObject({ schemas: [SCIM_SCHEMAS.user], id: sp.id, userName: ADMIN_APP, active: true })
    expect(state.group('admins')!.memberNames).toContain(ADMIN_APP)
    const users = await call('GET', '/Users', { auth: `Bearer entra:${ADMIN_APP}` })
    expect(users.status).toBe(200)
  })

  it('answers 403 to principals that are not workspace admins', async () => {
    const { call, state } = setup()
    const member = `Bearer entra:${MEMBER_APP}`
    const me = await call('GET', '/Me', { auth: member })
    expect(me.status).toBe(200)
    expect(me.body.userName).toBe(MEMBER_APP)
    const r = await call('GET', '/Users', { auth: member })
    expect(r.status).toBe(403)
    expect(r.body).toMatchObject({ schemas: [SCIM_SCHEMAS.error], detail: 'User is not an admin.', status: '403' })
    expect((await call('GET', '/Me', { auth: `Bearer entra:${STRANGER_APP}` })).status).toBe(403)
    // Membership of `admins` makes a service principal an admin.
    state.addMember('admins', MEMBER_APP)
    expect((await call('GET', '/Users', { auth: member })).status).toBe(200)
  })
})

describe('list', () => {
  it('lists with the ListResponse envelope and finds users by userName case-insensitively', async () => {
    const { list } = setup()
    const all = await list('/Users')
    expect(all).toMatchObject({ schemas: [SCIM_SCHEMAS.listResponse], totalResults: 4, startIndex: 1, itemsPerPage: 4 })
    const one = await list(`/Users?filter=${encodeURIComponent('userName eq "alice@CONTOSO.com"')}`)
    expect(one.totalResults).toBe(1)
    expect(one.Resources![0]).toMatchObject({ userName: 'Alice@Contoso.com' })
    const none = await list(`/Users?filter=${encodeURIComponent('userName eq "zed@contoso.com"')}`)
    expect(none).toEqual({ schemas: [SCIM_SCHEMAS.listResponse], totalResults: 0, startIndex: 1, itemsPerPage: 0 })
  })

  it.each([
    ['displayName co "smith"', ['Alice@Contoso.com']],
    ['userName sw "b" or userName ew "l@contoso.com"', ['bob@contoso.com', 'carol@contoso.com']],
    ['active eq false', ['carol@contoso.com']],
    ['not (active eq true) or externalId pr', ['Alice@Contoso.com', 'carol@contoso.com']],
    [
      '(userName eq "bob@contoso.com" or userName eq "root@contoso.com") and displayName ne "root"',
      ['bob@contoso.com']
    ],
    ['emails.value eq "BOB@contoso.com"', ['bob@contoso.com']],
    ['entitlements[value eq "databricks-sql-access"]', ['bob@contoso.com']],
    ['groups.display eq "analysts"', ['bob@contoso.com']],
    ['USERNAME ne "root@contoso.com" and userName ne "bob@contoso.com"', ['Alice@Contoso.com', 'carol@contoso.com']]
  ])('filters users by %s', async (filter, expected) => {
    const { list } = setup()
    const r = await list(`/Users?filter=${encodeURIComponent(filter)}`)
    expect((r.Resources ?? []).map((u) => u.userName)).toEqual(expected)
    expect(r.totalResults).toBe(expected.length)
  })

  it('filters service principals and groups by their keys', async () => {
    const { list, state } = setup()
    const sp = await list(
      `/ServicePrincipals?filter=${encodeURIComponent(`applicationId eq "${ETL_APP.toUpperCase()}"`)}`
    )
    expect(sp.Resources!.map((s) => s.displayName)).toEqual(['etl'])
    const g = await list(`/Groups?filter=${encodeURIComponent('displayName eq "Analysts"')}`)
    expect(g.Resources!.map((x) => x.displayName)).toEqual(['analysts'])
    const byId = await list(`/Groups?filter=${encodeURIComponent(`id eq "${idOf(state, 'admins')}"`)}`)
    expect(byId.Resources!.map((x) => x.displayName)).toEqual(['admins'])
    const wrongKind = await list(`/Users?filter=${encodeURIComponent(`id eq "${idOf(state, 'admins')}"`)}`)
    expect(wrongKind.totalResults).toBe(0)
  })

  it('answers invalid filters with 400 invalidFilter', async () => {
    const { call } = setup()
    for (const filter of ['userName eq bob', 'userName eq "x', 'userName is "x"', '(userName eq "x"']) {
      const r = await call('GET', `/Users?filter=${encodeURIComponent(filter)}`)
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({ schemas: [SCIM_SCHEMAS.error], status: '400', scimType: 'invalidFilter' })
    }
  })

  it('pages with startIndex and count, omitting Resources past the end', async () => {
    const { list, call } = setup()
    const p1 = await list('/Users?startIndex=1&count=3')
    expect(p1).toMatchObject({ totalResults: 4, startIndex: 1, itemsPerPage: 3 })
    const p2 = await list('/Users?startIndex=4&count=3')
    expect(p2).toMatchObject({ totalResults: 4, startIndex: 4, itemsPerPage: 1 })
    expect(p2.Resources!.map((u) => u.userName)).toEqual(['carol@contoso.com'])
    const p3 = await list('/Users?startIndex=7&count=3')
    expect(p3).toEqual({ schemas: [SCIM_SCHEMAS.listResponse], totalResults: 4, startIndex: 7, itemsPerPage: 0 })
    expect((await list('/Users?startIndex=0&count=0')).itemsPerPage).toBe(0)
    expect((await call('GET', '/Users?count=abc')).status).toBe(400)
  })

  it('projects attributes and excludes members', async () => {
    const { list, call, state } = setup()
    const r = await list('/Users?attributes=id,userName&count=1')
    expect(r.Resources).toEqual([
      { schemas: [SCIM_SCHEMAS.user], id: idOf(state, 'root@contoso.com'), userName: 'root@contoso.com' }
    ])
    const g = await list('/Groups?excludedAttributes=members')
    for (const x of g.Resources!) expect(x).not.toHaveProperty('members')
    expect(g.Resources!.find((x) => x.displayName === 'data-engineers')).toMatchObject({ externalId: 'ext-de' })
    const withMembers = await list(`/Groups?filter=${encodeURIComponent('displayName eq "analysts"')}`)
    expect(withMembers.Resources![0]!.members).toHaveLength(1)
    const one = await call('GET', `/Groups/${idOf(state, 'analysts')}?attributes=displayName`)
    expect(one.body).toEqual({ schemas: [SCIM_SCHEMAS.group], id: idOf(state, 'analysts'), displayName: 'analysts' })
  })

  it('sorts by an attribute', async () => {
    const { list } = setup()
    const r = await list('/Users?sortBy=displayName&sortOrder=descending&attributes=displayName')
    expect(r.Resources!.map((u) => u.displayName)).toEqual(['Root', 'Carol', 'bob@contoso.com', 'Alice Smith'])
  })
})

describe('create', () => {
  it('creates a user with Databricks defaults', async () => {
    const { call, state } = setup()
    const r = await call('POST', '/Users', {
      body: {
        schemas: [SCIM_SCHEMAS.user],
        userName: 'dave@contoso.com',
        name: { givenName: 'Dave', familyName: 'Jones' },
        entitlements: [{ value: 'workspace-access' }],
        externalId: 'oid-dave'
      }
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      schemas: [SCIM_SCHEMAS.user],
      userName: 'dave@contoso.com',
      displayName: 'Dave Jones',
      emails: [{ value: 'dave@contoso.com', primary: true, type: 'work' }],
      active: true,
      entitlements: [{ value: 'workspace-access' }],
      externalId: 'oid-dave',
      groups: [expect.objectContaining({ display: 'users' })]
    })
    expect(r.body.id).toMatch(/^\d{16}$/)
    expect(state.group('users')!.memberNames).toContain('dave@contoso.com')
    const got = await call('GET', `/Users/${r.body.id}`)
    expect(got.body).toEqual(r.body)
  })

  it('answers 409 for duplicates', async () => {
    const { call } = setup()
    const u = await call('POST', '/Users', { body: { userName: 'BOB@contoso.com' } })
    expect(u.status).toBe(409)
    expect(u.body).toEqual({
      schemas: [SCIM_SCHEMAS.error],
      detail: 'User with username BOB@contoso.com already exists.',
      status: '409',
      scimType: 'uniqueness'
    })
    const sp = await call('POST', '/ServicePrincipals', { body: { applicationId: ETL_APP, displayName: 'x' } })
    expect(sp.status).toBe(409)
    expect(sp.body.scimType).toBe('uniqueness')
    const g = await call('POST', '/Groups', { body: { displayName: 'Analysts' } })
    expect(g.status).toBe(409)
    expect(g.body.detail).toBe('Group with name Analysts already exists.')
  })

  it('answers 400 for invalid bodies', async () => {
    const { call, state } = setup()
    for (const body of [
      {},
      { userName: '' },
      { userName: 42 },
      { userName: 'x@contoso.com', entitlements: [{ value: 'be-root' }] },
      { userName: 'x@contoso.com', entitlements: ['workspace-access'] },
      { userName: 'x@contoso.com', active: 'maybe' },
      []
    ]) {
      const r = await call('POST', '/Users', { body })
      expect(r.status).toBe(400)
      expect(r.body.schemas).toEqual([SCIM_SCHEMAS.error])
    }
    expect(state.user('x@contoso.com')).toBeUndefined()
    expect((await call('POST', '/Groups', { body: { members: [] } })).status).toBe(400)
    const bad = await handlerWithRawBody(setup().handler, '{nope')
    expect(bad.status).toBe(400)
  })

  it('creates service principals and groups with members', async () => {
    const { call, state } = setup()
    const sp = await call('POST', '/ServicePrincipals', {
      body: { schemas: [SCIM_SCHEMAS.servicePrincipal], applicationId: STRANGER_APP, displayName: 'ingest' }
    })
    expect(sp.status).toBe(201)
    expect(sp.body).toMatchObject({ applicationId: STRANGER_APP, displayName: 'ingest', active: true })
    const managed = await call('POST', '/ServicePrincipals', { body: { displayName: 'databricks-managed' } })
    expect(managed.body.applicationId).toMatch(/^[0-9a-f-]{36}$/)
    const g = await call('POST', '/Groups', {
      body: {
        schemas: [SCIM_SCHEMAS.group],
        displayName: 'ingest-team',
        members: [{ value: sp.body.id }, { value: idOf(state, 'bob@contoso.com') }],
        entitlements: [{ value: 'allow-cluster-create' }]
      }
    })
    expect(g.status).toBe(201)
    expect(g.body.meta).toEqual({ resourceType: 'WorkspaceGroup' })
    expect(state.group('ingest-team')!.memberNames).toEqual(['bob@contoso.com', STRANGER_APP])
    expect(state.servicePrincipal(STRANGER_APP)!.groups).toContainEqual(
      expect.objectContaining({ display: 'ingest-team' })
    )
    const missing = await call('POST', '/Groups', { body: { displayName: 'ghosts', members: [{ value: '42' }] } })
    expect(missing.status).toBe(404)
    expect(state.group('ghosts')).toBeUndefined()
  })
})

async function handlerWithRawBody(handler: ReturnType<typeof setup>['handler'], raw: string) {
  return handler({
    method: 'POST',
    url: new URL(`${BASE}/Users`),
    headers: { authorization: `Bearer ${PAT}`, 'content-type': 'application/scim+json' },
    body: undefined,
    rawBody: raw
  })
}

describe('patch', () => {
  it('adds and removes members (filter and value list), keeping back-references', async () => {
    const { patch, state } = setup()
    const analysts = idOf(state, 'analysts')
    const alice = idOf(state, 'alice@contoso.com')
    const carol = idOf(state, 'carol@contoso.com')
    const r = await patch(`/Groups/${analysts}`, {
      op: 'add',
      path: 'members',
      value: [{ value: alice }, { value: carol }]
    })
    expect(r.status).toBe(200)
    expect((r.body as unknown as ScimGroup).members!.map((m) => m.display)).toEqual([
      'bob@contoso.com',
      'Alice Smith',
      'Carol'
    ])
    expect(state.user('carol@contoso.com')!.groups).toContainEqual(expect.objectContaining({ display: 'analysts' }))

    // Adding an existing member is a no-op.
    await patch(`/Groups/${analysts}`, { op: 'Add', path: 'members', value: [{ value: alice }] })
    expect(state.group('analysts')!.memberNames).toEqual(['Alice@Contoso.com', 'bob@contoso.com', 'carol@contoso.com'])

    await patch(`/Groups/${analysts}`, { op: 'Remove', path: `members[value eq "${alice}"]` })
    await patch(`/Groups/${analysts}`, { op: 'remove', path: 'members', value: [{ value: carol }] })
    expect(state.group('analysts')!.memberNames).toEqual(['bob@contoso.com'])
    expect(state.user('alice@contoso.com')!.groups).not.toContainEqual(expect.objectContaining({ display: 'analysts' }))
    expect(state.user('carol@contoso.com')!.groups).not.toContainEqual(expect.objectContaining({ display: 'analysts' }))

    await patch(`/Groups/${analysts}`, { op: 'replace', path: 'members', value: [{ value: carol }] })
    expect(state.group('analysts')!.memberNames).toEqual(['carol@contoso.com'])
    await patch(`/Groups/${analysts}`, { op: 'remove', path: 'members' })
    expect(state.group('analysts')!.members).toBeUndefined()
    expect(state.group('analysts')!.memberNames).toEqual([])
  })

  it('answers 404 for unknown members and applies nothing of a failing patch', async () => {
    const { patch, state } = setup()
    const analysts = idOf(state, 'analysts')
    const r = await patch(
      `/Groups/${analysts}`,
      { op: 'replace', path: 'displayName', value: 'renamed' },
      { op: 'add', path: 'members', value: [{ value: idOf(state, 'alice@contoso.com') }, { value: '9999' }] }
    )
    expect(r.status).toBe(404)
    expect(r.body).toMatchObject({ schemas: [SCIM_SCHEMAS.error], status: '404', detail: 'Member 9999 not found.' })
    expect(state.group('analysts')!.memberNames).toEqual(['bob@contoso.com'])
    expect(state.group('renamed')).toBeUndefined()
  })

  it('patches entitlements, displayName and externalId, with and without a path', async () => {
    const { patch, state } = setup()
    const de = idOf(state, 'data-engineers')
    await patch(
      `/Groups/${de}`,
      { op: 'add', path: 'entitlements', value: [{ value: 'databricks-sql-access' }, { value: 'workspace-access' }] },
      { op: 'remove', path: 'entitlements', value: [{ value: 'workspace-access' }] },
      { op: 'replace', path: 'externalId', value: 'ext-2' }
    )
    expect(state.group('data-engineers')).toMatchObject({
      entitlements: [{ value: 'databricks-sql-access' }],
      externalId: 'ext-2'
    })
    const r = await patch(`/Groups/${de}`, { op: 'Replace', value: { displayName: 'Data Engineering' } })
    expect(r.body.displayName).toBe('Data Engineering')
    expect(state.group('data-engineers')).toBeUndefined()
    expect(state.user('alice@contoso.com')!.groups).toContainEqual(
      expect.objectContaining({ display: 'Data Engineering' })
    )
    const clash = await patch(`/Groups/${de}`, { op: 'replace', path: 'displayName', value: 'ANALYSTS' })
    expect(clash.status).toBe(409)
    const badEnt = await patch(`/Groups/${de}`, { op: 'add', path: 'entitlements', value: [{ value: 'nope' }] })
    expect(badEnt.status).toBe(400)
  })

  it('deactivates users and rejects userName changes', async () => {
    const { patch, state } = setup()
    const bob = idOf(state, 'bob@contoso.com')
    expect((await patch(`/Users/${bob}`, { op: 'replace', path: 'active', value: false })).body.active).toBe(false)
    expect((await patch(`/Users/${bob}`, { op: 'Replace', value: { active: 'True' } })).body.active).toBe(true)
    const r = await patch(`/Users/${bob}`, { op: 'replace', path: 'userName', value: 'robert@contoso.com' })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ detail: 'userName is immutable.', scimType: 'mutability' })
    expect((await patch(`/Users/${bob}`, { op: 'replace', path: 'userName', value: 'BOB@contoso.com' })).status).toBe(
      200
    )
    const emails = await patch(`/Users/${bob}`, { op: 'replace', path: 'emails', value: [{ value: 'x@y.z' }] })
    expect(emails.status).toBe(400)
    const name = await patch(`/Users/${bob}`, { op: 'add', path: 'name.givenName', value: 'Bob' })
    expect(name.body.name).toEqual({ givenName: 'Bob' })
  })

  it('edits memberships through a user groups attribute', async () => {
    const { patch, state } = setup()
    const carol = idOf(state, 'carol@contoso.com')
    const analysts = idOf(state, 'analysts')
    await patch(`/Users/${carol}`, { op: 'add', path: 'groups', value: [{ value: analysts }] })
    expect(state.group('analysts')!.memberNames).toContain('carol@contoso.com')
    await patch(`/Users/${carol}`, { op: 'remove', path: `groups[value eq "${analysts}"]` })
    expect(state.group('analysts')!.memberNames).not.toContain('carol@contoso.com')
  })

  it('protects built-in groups and rejects cycles and bad operations', async () => {
    const { patch, call, state } = setup()
    const users = idOf(state, 'users')
    const admins = idOf(state, 'admins')
    const de = idOf(state, 'data-engineers')
    const analysts = idOf(state, 'analysts')
    expect((await patch(`/Groups/${users}`, { op: 'remove', path: 'members' })).status).toBe(400)
    expect((await patch(`/Groups/${users}`, { op: 'add', path: 'members', value: [{ value: de }] })).status).toBe(400)
    expect((await patch(`/Groups/${admins}`, { op: 'replace', path: 'displayName', value: 'root' })).status).toBe(400)
    // Entitlements of the users group can be changed; members of admins too.
    expect((await patch(`/Groups/${users}`, { op: 'remove', path: 'entitlements' })).status).toBe(200)
    const carol = idOf(state, 'carol@contoso.com')
    expect((await patch(`/Groups/${admins}`, { op: 'add', path: 'members', value: [{ value: carol }] })).status).toBe(
      200
    )
    expect((await call('DELETE', `/Groups/${users}`)).status).toBe(403)
    expect((await call('DELETE', `/Groups/${admins}`)).status).toBe(403)

    expect((await patch(`/Groups/${analysts}`, { op: 'add', path: 'members', value: [{ value: de }] })).status).toBe(
      400
    )
    expect((await patch(`/Groups/${de}`, { op: 'add', path: 'members', value: [{ value: de }] })).status).toBe(400)

    for (const op of [
      { op: 'merge', path: 'members', value: [] },
      { op: 'add', path: 'nonsense', value: 1 },
      { op: 'add', path: 'members[value eq', value: [] },
      { op: 'add', path: 'members', value: ['plain-string'] },
      { op: 'remove' }
    ]) {
      const r = await patch(`/Groups/${de}`, op)
      expect(r.status).toBe(400)
      expect(r.body.schemas).toEqual([SCIM_SCHEMAS.error])
    }
    expect((await call('PATCH', `/Groups/${de}`, { body: { Operations: [] } })).status).toBe(400)
  })
})

describe('put, get and delete', () => {
  it('replaces a user but not its userName', async () => {
    // Not identity-federated: a user's displayName is the workspace's to change (see identity federation below).
    const { call, state } = setup({ ...fixture, identityFederation: false })
    const alice = idOf(state, 'alice@contoso.com')
    const r = await call('PUT', `/Users/${alice}`, {
      body: {
        userName: 'alice@contoso.com',
        displayName: 'Alice S.',
        active: false,
        entitlements: [{ value: 'allow-cluster-create' }]
      }
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      displayName: 'Alice S.',
      active: false,
      entitlements: [{ value: 'allow-cluster-create' }]
    })
    expect(r.body.externalId).toBeUndefined()
    expect(r.body.groups).toContainEqual(expect.objectContaining({ display: 'data-engineers' }))
    const bad = await call('PUT', `/Users/${alice}`, { body: { userName: 'other@contoso.com' } })
    expect(bad.status).toBe(400)
  })

  it('replaces a group with its members', async () => {
    const { call, state } = setup()
    const analysts = idOf(state, 'analysts')
    const r = await call('PUT', `/Groups/${analysts}`, {
      body: { displayName: 'analysts-2', members: [{ value: idOf(state, 'carol@contoso.com') }] }
    })
    expect(r.status).toBe(200)
    expect(state.group('analysts-2')!.memberNames).toEqual(['carol@contoso.com'])
    expect(state.user('bob@contoso.com')!.groups).not.toContainEqual(expect.objectContaining({ value: analysts }))
  })

  it('deletes users and groups, cleaning up memberships', async () => {
    const { call, state } = setup()
    const alice = idOf(state, 'alice@contoso.com')
    const analysts = idOf(state, 'analysts')
    expect((await call('DELETE', `/Users/${alice}`)).status).toBe(204)
    expect(state.group('data-engineers')!.memberNames).toEqual(['analysts', ETL_APP])
    expect(state.group('users')!.memberNames).not.toContain('alice@contoso.com')
    const gone = await call('GET', `/Users/${alice}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toEqual({ schemas: [SCIM_SCHEMAS.error], detail: `User ${alice} not found.`, status: '404' })
    expect((await call('DELETE', `/Users/${alice}`)).status).toBe(404)
    expect((await call('DELETE', `/Groups/${analysts}`)).status).toBe(204)
    expect(state.group('data-engineers')!.memberNames).toEqual([ETL_APP])
    expect(state.user('bob@contoso.com')!.groups).toEqual([expect.objectContaining({ display: 'users' })])
    // A user can be created again with the same userName (new id).
    const again = await call('POST', '/Users', { body: { userName: 'alice@contoso.com' } })
    expect(again.status).toBe(201)
    expect(again.body.id).not.toBe(alice)
    expect((await call('GET', `/ServicePrincipals/${idOf(state, 'bob@contoso.com')}`)).status).toBe(404)
  })

  it('answers unknown endpoints and methods', async () => {
    const { call } = setup()
    expect((await call('GET', 'https://127.0.0.1:1/api/2.0/clusters/list')).status).toBe(404)
    expect((await call('GET', '/Widgets')).status).toBe(404)
    expect((await call('DELETE', '/Users')).status).toBe(405)
    expect((await call('POST', '/Me', { body: {} })).status).toBe(405)
  })
})

describe('scale', () => {
  it('lists 20,000 users in pages and finds one by userName quickly', async () => {
    const { state, list } = setup({ name: 'bench', pats: [PAT] })
    for (let i = 0; i < 20000; i++) state.addUser({ userName: `user${i}@contoso.com` })
    const seen: ScimUser[] = []
    for (let start = 1; ; start += MAX_PAGE_SIZE) {
      const page = await list(`/Users?startIndex=${start}&count=50000&attributes=id,userName`)
      if (!page.Resources) break
      expect(page.itemsPerPage).toBeLessThanOrEqual(MAX_PAGE_SIZE)
      seen.push(...(page.Resources as unknown as ScimUser[]))
    }
    expect(seen).toHaveLength(20001) // plus the PAT owner
    for (let i = 0; i < 2000; i++) {
      const r = await list(`/Users?filter=${encodeURIComponent(`userName eq "USER${i * 7}@contoso.com"`)}`)
      expect(r.totalResults).toBe(1)
    }
    const g = await list('/Groups?excludedAttributes=members')
    expect(g.Resources!.map((x) => x.displayName)).toEqual(['admins', 'users'])
  })
})

describe('fidelity: an identity-federated workspace (the default)', () => {
  const federated: WorkspaceFixture = {
    ...fixture,
    accountGroups: [{ displayName: 'platform-admins', externalId: 'entra-pa', members: ['alice@contoso.com'] }]
  }
  const scimError = (detail: RegExp) => ({
    schemas: [SCIM_SCHEMAS.error],
    status: '400',
    detail: expect.stringMatching(detail)
  })

  it('lists the account groups assigned to it with meta.resourceType Group, its own groups WorkspaceGroup', async () => {
    const { list, call, state } = setup(federated)
    const groups = await list('/Groups?excludedAttributes=members')
    expect(
      Object.fromEntries(
        groups.Resources!.map((g) => [g.displayName, (g.meta as { resourceType: string }).resourceType])
      )
    ).toEqual({
      admins: 'WorkspaceGroup',
      users: 'WorkspaceGroup',
      'data-engineers': 'WorkspaceGroup',
      analysts: 'WorkspaceGroup',
      'platform-admins': 'Group'
    })
    const one = await call('GET', `/Groups/${idOf(state, 'platform-admins')}`)
    expect(one.body).toMatchObject({ externalId: 'entra-pa', meta: { resourceType: 'Group' } })
    expect(state.group('platform-admins')!.memberNames).toEqual(['Alice@Contoso.com'])
    // The test seam assigns more; a workspace that is not federated has none.
    state.addAccountGroup({ displayName: 'auditors', members: ['bob@contoso.com'] })
    expect(state.group('auditors')).toMatchObject({ meta: { resourceType: 'Group' }, memberNames: ['bob@contoso.com'] })
    expect(() => setup({ ...federated, identityFederation: false })).toThrow(/only an identity-federated workspace/)
  })

  it('answers 400 in the SCIM error format to every write that involves an account group, and applies nothing', async () => {
    const { call, patch, state } = setup(federated)
    const pa = idOf(state, 'platform-admins')
    const bob = idOf(state, 'bob@contoso.com')
    const alice = idOf(state, 'alice@contoso.com')
    const de = idOf(state, 'data-engineers')
    const refused = [
      await patch(`/Groups/${pa}`, { op: 'add', path: 'members', value: [{ value: bob }] }),
      await patch(`/Groups/${pa}`, { op: 'remove', path: `members[value eq "${alice}"]` }),
      await patch(`/Groups/${pa}`, { op: 'add', path: 'entitlements', value: [{ value: 'workspace-access' }] }),
      await patch(`/Groups/${pa}`, { op: 'replace', path: 'displayName', value: 'renamed' }),
      await call('PUT', `/Groups/${pa}`, { body: { displayName: 'platform-admins', members: [{ value: alice }] } }),
      await call('DELETE', `/Groups/${pa}`),
      await patch(`/Groups/${de}`, { op: 'add', path: 'members', value: [{ value: pa }] }),
      await patch(`/Users/${bob}`, { op: 'add', path: 'groups', value: [{ value: pa }] }),
      await patch(`/Users/${alice}`, { op: 'remove', path: 'groups', value: [{ value: pa }] }),
      await call('POST', '/Groups', { body: { displayName: 'nested', members: [{ value: pa }] } }),
      await call('POST', '/Users', { body: { userName: 'new@contoso.com', groups: [{ value: pa }] } })
    ]
    for (const r of refused) {
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject(scimError(/platform-admins is an account group/))
    }
    expect(state.group('platform-admins')).toMatchObject({
      memberNames: ['Alice@Contoso.com'],
      displayName: 'platform-admins'
    })
    expect(state.group('platform-admins')!.entitlements).toBeUndefined()
    expect(state.group('nested')).toBeUndefined()
    expect(state.user('new@contoso.com')).toBeUndefined()
    // Its name is taken: a workspace group of that name is a conflict.
    expect((await call('POST', '/Groups', { body: { displayName: 'Platform-Admins' } })).status).toBe(409)
  })

  it('refuses a change of a user displayName (PATCH, PUT); the same name, service principals and groups pass', async () => {
    const { call, patch, state } = setup(federated)
    const alice = idOf(state, 'alice@contoso.com')
    const refused = [
      await patch(`/Users/${alice}`, { op: 'replace', path: 'displayName', value: 'Alice S.' }),
      await patch(`/Users/${alice}`, { op: 'replace', value: { displayName: 'Alice S.' } }),
      await call('PUT', `/Users/${alice}`, { body: { userName: 'alice@contoso.com', displayName: 'Alice S.' } })
    ]
    for (const r of refused) {
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject(scimError(/displayName of a user cannot be updated .* identity federation/))
    }
    expect(state.user('alice@contoso.com')!.displayName).toBe('Alice Smith')
    expect((await patch(`/Users/${alice}`, { op: 'replace', path: 'displayName', value: 'Alice Smith' })).status).toBe(
      200
    )
    // A PUT without a displayName leaves the account's.
    const put = await call('PUT', `/Users/${alice}`, { body: { userName: 'alice@contoso.com', active: true } })
    expect(put.body.displayName).toBe('Alice Smith')
    const etl = idOf(state, ETL_APP)
    expect(
      (await patch(`/ServicePrincipals/${etl}`, { op: 'replace', path: 'displayName', value: 'etl-2' })).body
        .displayName
    ).toBe('etl-2')
    expect(
      (await patch(`/Groups/${idOf(state, 'analysts')}`, { op: 'replace', path: 'displayName', value: 'a-2' })).status
    ).toBe(200)

    const plain = setup({ ...fixture, identityFederation: false })
    const r = await plain.patch(`/Users/${idOf(plain.state, 'alice@contoso.com')}`, {
      op: 'replace',
      path: 'displayName',
      value: 'Alice S.'
    })
    expect(r.body.displayName).toBe('Alice S.')
  })
})

describe('fidelity: lists and PATCH shapes', () => {
  it('caps every list page at 100, whatever count asks', async () => {
    const { list, state } = setup()
    for (let i = 0; i < 150; i++) state.addUser({ userName: `user${i}@contoso.com` })
    for (const query of ['count=1000', 'count=101', '']) {
      const page = await list(`/Users?startIndex=1&${query}`)
      expect(page).toMatchObject({ totalResults: 154, startIndex: 1, itemsPerPage: 100 })
      expect(page.Resources).toHaveLength(100)
    }
    expect((await list('/Users?startIndex=101&count=1000')).itemsPerPage).toBe(54)
    expect((await list('/Users?count=7')).itemsPerPage).toBe(7)
  })

  it('takes active as the official clients send it: [{ value: "false" }], "false", and a boolean', async () => {
    const { patch, state } = setup()
    const bob = idOf(state, 'bob@contoso.com')
    const etl = idOf(state, ETL_APP)
    expect(
      (await patch(`/Users/${bob}`, { op: 'replace', path: 'active', value: [{ value: 'false' }] })).body.active
    ).toBe(false)
    expect(
      (await patch(`/Users/${bob}`, { op: 'replace', path: 'active', value: [{ value: 'true' }] })).body.active
    ).toBe(true)
    expect(
      (await patch(`/ServicePrincipals/${etl}`, { op: 'replace', path: 'active', value: 'false' })).body.active
    ).toBe(false)
    expect((await patch(`/ServicePrincipals/${etl}`, { op: 'replace', path: 'active', value: true })).body.active).toBe(
      true
    )
    for (const value of [[], [{}], [{ value: 'false' }, { value: 'true' }], [{ value: 'no' }]]) {
      const r = await patch(`/Users/${bob}`, { op: 'replace', path: 'active', value })
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({ schemas: [SCIM_SCHEMAS.error], scimType: 'invalidValue' })
    }
    expect(state.user('bob@contoso.com')!.active).toBe(true)
  })

  it('removes entitlements by a value list; a value filter, or values not there, answer 400 invalidPath', async () => {
    const { patch, state } = setup()
    const bob = idOf(state, 'bob@contoso.com')
    await patch(`/Users/${bob}`, { op: 'add', path: 'entitlements', value: [{ value: 'allow-cluster-create' }] })
    const filter = await patch(`/Users/${bob}`, { op: 'remove', path: 'entitlements[value eq "allow-cluster-create"]' })
    expect(filter.status).toBe(400)
    expect(filter.body).toMatchObject({ scimType: 'invalidPath' })
    const removed = await patch(`/Users/${bob}`, {
      op: 'remove',
      path: 'entitlements',
      value: [{ value: 'allow-cluster-create' }, { value: 'databricks-sql-access' }]
    })
    expect(removed.status).toBe(200)
    expect(state.user('bob@contoso.com')!.entitlements).toBeUndefined()
    // Again (a retry whose first answer was lost): the values are not there.
    const again = await patch(`/Users/${bob}`, {
      op: 'remove',
      path: 'entitlements',
      value: [{ value: 'allow-cluster-create' }]
    })
    expect(again.status).toBe(400)
    expect(again.body).toEqual({
      schemas: [SCIM_SCHEMAS.error],
      status: '400',
      scimType: 'invalidPath',
      detail: 'No such attribute with the name : entitlements in the current resource'
    })
    expect((await patch(`/Users/${bob}`, { op: 'remove', path: 'entitlements' })).status).toBe(400)
    // Roles keep their value filter (terraform-provider-databricks scim/resource_group_role.go sends one).
    const de = idOf(state, 'data-engineers')
    await patch(`/Groups/${de}`, { op: 'add', path: 'roles', value: [{ value: 'r1' }] })
    expect((await patch(`/Groups/${de}`, { op: 'remove', path: 'roles[value eq "r1"]' })).status).toBe(200)
  })
})
