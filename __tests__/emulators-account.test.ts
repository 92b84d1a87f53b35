// The Databricks account emulator over HTTPS: account SCIM, workspace permission assignments, account-admin auth,
// the published rate limits and the account's identity limits, with real tokens from the Entra emulator.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { join } from 'node:path'
import { DATABRICKS_RESOURCE_ID, SCIM_SCHEMAS } from '../emulators/databricks.js'
import {
  AIM_GROUP_WRITE_DETAIL,
  DEFAULT_ACCOUNT_LIMITS,
  PUBLISHED_ACCOUNT_RATE_LIMITS
} from '../emulators/databricks-account.js'
import { loadFixture, type TenantFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'

const ROOT = join(import.meta.dirname, '..')
const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const OTHER_APP = 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b'
const ACCOUNT_ID = '5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b'
const PROD_ID = '6234138917436195'
const DEV_PAT = 'dapi8c1e5f27b94d0a63e8f1c42d7b95a06e-3'

let emu: Emulators
let adminToken: string
let otherToken: string

beforeAll(async () => {
  const ca = await ensureTestCa(join(ROOT, '.emulators'))
  if (process.env.NODE_EXTRA_CA_CERTS !== ca.caFile) trustTestCa(ca.ca)
  const fixture: TenantFixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
  fixture.applications.push({ displayName: 'other-app', appId: OTHER_APP })
  // These tests call the emulator directly, many requests a second: the published limits are off here and turned on
  // by the tests of 'published rate limits' (every other test of the account has them, as the service does).
  emu = await startEmulators({ fixture, caDir: join(ROOT, '.emulators'), accountLimits: false })
  adminToken = await emu.entra.issueAccessToken(SYNC_APP, DATABRICKS_RESOURCE_ID)
  otherToken = await emu.entra.issueAccessToken(OTHER_APP, DATABRICKS_RESOURCE_ID)
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  emu.account!.reset()
  emu.resetKnobs()
})

interface Answer {
  status: number
  headers: Headers
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  raw: string
}

/** A request under /api/2.0/accounts/{id}; `path` starts with '/scim/v2/…' or '/workspaces/…'. */
async function call(
  method: string,
  path: string,
  body?: unknown,
  { token = adminToken, accountId = ACCOUNT_ID }: { token?: string | null; accountId?: string } = {}
): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (token !== null) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${emu.accountHost}/api/2.0/accounts/${accountId}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {})
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? parseExact(text) : undefined, raw: text }
}

const patchOp = (...Operations: unknown[]) => ({ schemas: [SCIM_SCHEMAS.patchOp], Operations })
const scimError = (status: number) => ({
  schemas: [SCIM_SCHEMAS.error],
  detail: expect.any(String),
  status: String(status)
})
/** JSON with each `principal_id` (an int64 number) as its exact digits: account ids are above 2^53. */
const parseExact = (text: string): unknown =>
  JSON.parse(text, (key, value, context?: { source?: string }) =>
    key === 'principal_id' && typeof value === 'number' ? context?.source : value
  )
/** The account id of a principal, as the API's principal_id digits. */
const principalId = (key: string): string => {
  const a = emu.account!
  const id = a.user(key)?.id ?? a.servicePrincipal(key)?.id ?? a.group(key)?.id
  if (!id) throw new Error(`no principal ${key}`)
  return id
}

describe('startEmulators with an account', () => {
  it('starts the account server on its own port, seeded from the fixture', () => {
    expect(emu.accountId).toBe(ACCOUNT_ID)
    expect(emu.accountHost).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(Object.values(emu.workspaceHosts)).not.toContain(emu.accountHost)
    expect(emu.servers['databricks-account']).toBe(emu.accountServer)
    expect(emu.accountServer!.url).toBe(emu.accountHost)
    expect(Object.keys(emu.env()).sort()).toEqual([
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'NODE_EXTRA_CA_CERTS'
    ])
    const a = emu.account!
    expect(a.limits).toEqual(DEFAULT_ACCOUNT_LIMITS)
    expect(a.workspaces()).toEqual([
      { name: 'analytics-prod', id: PROD_ID },
      { name: 'analytics-dev', id: '1234567890123456' }
    ])
    expect(a.users().map((u) => u.userName)).toEqual([
      'platform-admin@contoso.com',
      'adele.vance@contoso.com',
      'grady.archie@contoso.com'
    ])
    expect(a.servicePrincipals().map((s) => s.applicationId)).toEqual([SYNC_APP])
    // No built-in admins/users groups at account level.
    expect(a.groups().map((g) => g.displayName)).toEqual(['platform-admins'])
    expect(a.group('platform-admins')).toMatchObject({
      memberNames: ['platform-admin@contoso.com'],
      meta: { resourceType: 'Group' }
    })
    expect(a.assignments('analytics-prod')).toEqual([
      {
        principal: 'adele.vance@contoso.com',
        type: 'user',
        principalId: a.user('adele.vance@contoso.com')!.id,
        displayName: 'Adele Vance',
        permissions: ['USER']
      },
      {
        principal: 'platform-admins',
        type: 'group',
        principalId: a.group('platform-admins')!.id,
        displayName: 'platform-admins',
        permissions: ['ADMIN']
      }
    ])
    expect(a.assignments(PROD_ID)).toEqual(a.assignments('analytics-prod'))
  })
})

describe('auth', () => {
  it('accepts an Entra token of an account admin only', async () => {
    expect((await call('GET', '/scim/v2/Users')).status).toBe(200)

    const anonymous = await call('GET', '/scim/v2/Users', undefined, { token: null })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body).toEqual(scimError(401))

    // Workspace PATs are not accepted by the account API.
    const pat = await call('GET', '/scim/v2/Users', undefined, { token: DEV_PAT })
    expect(pat.status).toBe(401)

    // A token for another audience (Graph) is refused.
    const graph = await emu.entra.issueAccessToken(SYNC_APP, emu.graphEndpoint)
    expect((await call('GET', '/scim/v2/Users', undefined, { token: graph })).status).toBe(401)

    const other = await call('GET', '/scim/v2/Users', undefined, { token: otherToken })
    expect(other.status).toBe(403)
    expect(other.body).toEqual(scimError(403))
    expect(other.body.detail).toMatch(new RegExp(`${OTHER_APP} is not an account admin`))

    // The REST endpoints answer in Databricks' { error_code, message } format.
    const rest = await call('GET', `/workspaces/${PROD_ID}/permissionassignments`, undefined, { token: otherToken })
    expect(rest.status).toBe(403)
    expect(rest.body).toEqual({
      error_code: 'PERMISSION_DENIED',
      message: expect.stringMatching(/not an account admin/)
    })

    emu.account!.admins.add(OTHER_APP)
    expect((await call('GET', '/scim/v2/Users', undefined, { token: otherToken })).status).toBe(200)
    emu.account!.admins.delete(OTHER_APP)
  })

  it('refuses another account id and has no /Me', async () => {
    const wrong = await call('GET', '/scim/v2/Users', undefined, {
      accountId: '00000000-0000-4000-8000-000000000000'
    })
    expect(wrong.status).toBe(403)
    expect(wrong.body).toEqual(scimError(403))
    const malformed = await call('GET', `/workspaces/${PROD_ID}/permissionassignments`, undefined, {
      accountId: 'not-an-account'
    })
    expect(malformed.status).toBe(404)
    expect(malformed.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST')

    const me = await call('GET', '/scim/v2/Me')
    expect(me.status).toBe(404)
    expect(me.body).toEqual({ error_code: 'ENDPOINT_NOT_FOUND', message: expect.stringContaining('/scim/v2/Me') })
    const workspaceScim = await fetch(`${emu.accountHost}/api/2.0/preview/scim/v2/Users`, {
      headers: { Authorization: `Bearer ${adminToken}` }
    })
    expect(workspaceScim.status).toBe(404)
  })
})

describe('account SCIM', () => {
  it('lists, creates and patches users', async () => {
    const list = await call(
      'GET',
      `/scim/v2/Users?filter=${encodeURIComponent('userName eq "adele.vance@contoso.com"')}`
    )
    expect(list.status).toBe(200)
    expect(list.body).toMatchObject({ schemas: [SCIM_SCHEMAS.listResponse], totalResults: 1 })
    expect(list.body.Resources[0].userName).toBe('adele.vance@contoso.com')

    const created = await call('POST', '/scim/v2/Users', {
      schemas: [SCIM_SCHEMAS.user],
      userName: 'megan.bowen@contoso.com',
      displayName: 'Megan Bowen'
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ userName: 'megan.bowen@contoso.com', active: true, id: expect.any(String) })
    expect(created.body.id).toMatch(/^\d+$/)
    // No built-in `users` group to join at account level.
    expect(created.body.groups).toBeUndefined()

    const duplicate = await call('POST', '/scim/v2/Users', { userName: 'MEGAN.BOWEN@contoso.com' })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body).toMatchObject({ ...scimError(409), detail: expect.stringMatching(/already exists/) })

    const patched = await call(
      'PATCH',
      `/scim/v2/Users/${created.body.id}`,
      patchOp({ op: 'replace', path: 'active', value: false })
    )
    expect(patched.status).toBe(200)
    expect(emu.account!.user('megan.bowen@contoso.com')!.active).toBe(false)

    const sp = await call('POST', '/scim/v2/ServicePrincipals', {
      schemas: [SCIM_SCHEMAS.servicePrincipal],
      applicationId: '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b',
      displayName: 'etl-orchestrator'
    })
    expect(sp.status).toBe(201)
    expect(emu.account!.servicePrincipals().map((s) => s.displayName)).toContain('etl-orchestrator')
  })

  it('lists groups without members; GET of one group has them', async () => {
    const adele = emu.account!.user('adele.vance@contoso.com')!
    const created = await call('POST', '/scim/v2/Groups', {
      schemas: [SCIM_SCHEMAS.group],
      displayName: 'Data Engineers',
      members: [{ value: adele.id }]
    })
    expect(created.status).toBe(201)
    expect(created.body.meta).toEqual({ resourceType: 'Group' })

    const list = await call('GET', '/scim/v2/Groups')
    expect(list.status).toBe(200)
    expect(list.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual([
      'platform-admins',
      'Data Engineers'
    ])
    for (const g of list.body.Resources) expect(g.members).toBeUndefined()
    // Not even when asked for.
    const asked = await call('GET', '/scim/v2/Groups?attributes=displayName,members')
    for (const g of asked.body.Resources) expect(g.members).toBeUndefined()

    const one = await call('GET', `/scim/v2/Groups/${created.body.id}`)
    expect(one.status).toBe(200)
    expect(one.body.members).toEqual([{ value: adele.id, display: 'Adele Vance', $ref: `Users/${adele.id}` }])

    const grady = emu.account!.user('grady.archie@contoso.com')!
    const patched = await call(
      'PATCH',
      `/scim/v2/Groups/${created.body.id}`,
      patchOp(
        { op: 'add', path: 'members', value: [{ value: grady.id }] },
        { op: 'remove', path: `members[value eq "${adele.id}"]` }
      )
    )
    expect(patched.status).toBe(200)
    expect(emu.account!.group('Data Engineers')!.memberNames).toEqual(['grady.archie@contoso.com'])

    expect((await call('DELETE', `/scim/v2/Groups/${created.body.id}`)).status).toBe(204)
    expect((await call('GET', `/scim/v2/Groups/${created.body.id}`)).status).toBe(404)
  })
})

describe('workspace permission assignments', () => {
  const base = `/workspaces/${PROD_ID}/permissionassignments`

  it('lists the assignments of a workspace with numeric principal ids', async () => {
    const res = await call('GET', base)
    expect(res.status).toBe(200)
    expect(res.body.permission_assignments).toEqual([
      {
        principal: {
          principal_id: principalId('platform-admins'),
          display_name: 'platform-admins',
          group_name: 'platform-admins'
        },
        permissions: ['ADMIN']
      },
      {
        principal: {
          principal_id: principalId('adele.vance@contoso.com'),
          display_name: 'Adele Vance',
          user_name: 'adele.vance@contoso.com'
        },
        permissions: ['USER']
      }
    ])
    const levels = await call('GET', `${base}/permissions`)
    expect(levels.body.permissions.map((p: { permission_level: string }) => p.permission_level)).toEqual([
      'USER',
      'ADMIN'
    ])
  })

  it('assigns, updates and removes a principal', async () => {
    const spId = principalId(SYNC_APP)
    const put = await call('PUT', `${base}/principals/${spId}`, { permissions: ['USER'] })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({
      principal: { principal_id: spId, display_name: 'entra-databricks-sync', service_principal_name: SYNC_APP },
      permissions: ['USER']
    })
    expect(emu.account!.assignments('analytics-prod')).toContainEqual(
      expect.objectContaining({ principal: SYNC_APP, type: 'servicePrincipal', permissions: ['USER'] })
    )

    const admin = await call('PUT', `${base}/principals/${spId}`, { permissions: ['ADMIN', 'USER'] })
    expect(admin.status).toBe(200)
    const listed = await call('GET', base)
    expect(
      listed.body.permission_assignments.find(
        (a: { principal: { principal_id: string } }) => a.principal.principal_id === spId
      ).permissions
    ).toEqual(['USER', 'ADMIN'])
    // Another workspace is untouched.
    expect(emu.account!.assignments('analytics-dev').map((a) => a.principal)).not.toContain(SYNC_APP)

    const del = await call('DELETE', `${base}/principals/${spId}`)
    expect(del.status).toBe(200)
    expect(del.body).toEqual({})
    expect(emu.account!.assignments('analytics-prod').map((a) => a.principal)).not.toContain(SYNC_APP)
    const again = await call('DELETE', `${base}/principals/${spId}`)
    expect(again.status).toBe(404)
    expect(again.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST')
  })

  it('answers errors in the Databricks REST format', async () => {
    const unknownWorkspace = await call('GET', '/workspaces/999999/permissionassignments')
    expect(unknownWorkspace.status).toBe(404)
    expect(unknownWorkspace.body).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: expect.stringContaining('999999')
    })
    const unknownPrincipal = await call('PUT', `${base}/principals/42`, { permissions: ['USER'] })
    expect(unknownPrincipal.status).toBe(404)
    expect(unknownPrincipal.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST')

    const id = principalId('grady.archie@contoso.com')
    for (const permissions of [['OWNER'], [], 'USER', ['user']]) {
      const bad = await call('PUT', `${base}/principals/${id}`, { permissions })
      expect(bad.status).toBe(400)
      expect(bad.body).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.any(String) })
    }
    const notJson = await fetch(`${emu.accountHost}/api/2.0/accounts/${ACCOUNT_ID}${base}/principals/${id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'text/plain' },
      body: 'permissions=USER'
    })
    expect(notJson.status).toBe(400)
    expect(((await notJson.json()) as { error_code: string }).error_code).toBe('MALFORMED_REQUEST')
    expect((await call('GET', `${base}/principals/${id}`)).body.error_code).toBe('ENDPOINT_NOT_FOUND')
    expect(emu.account!.assignments('analytics-prod').map((a) => a.principal)).not.toContain('grady.archie@contoso.com')
  })

  it('drops the assignments of a deleted principal', async () => {
    const adele = principalId('adele.vance@contoso.com')
    expect((await call('DELETE', `/scim/v2/Users/${adele}`)).status).toBe(204)
    expect(emu.account!.assignments('analytics-prod').map((a) => a.principal)).toEqual(['platform-admins'])
    expect((await call('PUT', `${base}/principals/${adele}`, { permissions: ['USER'] })).status).toBe(404)
  })
})

describe('published rate limits', () => {
  // The limits are windows of the emulator's clock (Date.now()). Held still here, with real timers, a burst lands in
  // one window however long a busy machine takes to send it; the test moves the clock on itself.
  beforeEach(() => {
    jest.useFakeTimers({
      now: Date.now(),
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
        'Temporal'
      ]
    })
  })
  afterEach(() => {
    jest.useRealTimers()
  })

  it('throttles SCIM PATCH at 2/s with the SCIM error body and Retry-After 1', async () => {
    emu.account!.applyPublishedLimits()
    expect(emu.accountServer!.rateLimits).toEqual(PUBLISHED_ACCOUNT_RATE_LIMITS)
    const group = emu.account!.group('platform-admins')!
    const grady = emu.account!.user('grady.archie@contoso.com')!
    const patch = () =>
      call(
        'PATCH',
        `/scim/v2/Groups/${group.id}`,
        patchOp({ op: 'add', path: 'members', value: [{ value: grady.id }] })
      )
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push(await patch())
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429])
    expect(statuses[2]!.headers.get('retry-after')).toBe('1')
    expect(statuses[2]!.body).toEqual(scimError(429))
    // Other methods have their own windows.
    expect((await call('GET', `/scim/v2/Groups/${group.id}`)).status).toBe(200)
    jest.setSystemTime(Date.now() + 1100)
    expect((await patch()).status).toBe(200)
  })

  it('throttles GET of one resource at 20/s, and permission assignment writes with the REST body', async () => {
    emu.account!.applyPublishedLimits()
    const group = emu.account!.group('platform-admins')!
    const gets = await Promise.all(Array.from({ length: 21 }, () => call('GET', `/scim/v2/Groups/${group.id}`)))
    expect(gets.filter((r) => r.status === 429)).toHaveLength(1)
    // Lists are limited apart (240 a minute).
    expect((await call('GET', '/scim/v2/Groups')).status).toBe(200)

    const id = principalId('grady.archie@contoso.com')
    const puts = []
    for (let i = 0; i < 6; i++) {
      puts.push(
        await call('PUT', `/workspaces/${PROD_ID}/permissionassignments/principals/${id}`, { permissions: ['USER'] })
      )
    }
    expect(puts.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429])
    expect(puts[5]!.headers.get('retry-after')).toBe('1')
    expect(puts[5]!.body).toEqual({ error_code: 'REQUEST_LIMIT_EXCEEDED', message: expect.any(String) })

    emu.resetKnobs()
    expect(emu.accountServer!.rateLimits).toEqual([])
  })

  it('startEmulators applies them from the start by default', async () => {
    const small = await startEmulators({
      fixture: {
        tenantId: emu.tenantId,
        applications: [{ displayName: 'sync', appId: SYNC_APP }],
        users: [],
        servicePrincipals: [],
        groups: [],
        workspaces: [],
        account: { id: ACCOUNT_ID, admins: [SYNC_APP] }
      },
      caDir: join(ROOT, '.emulators')
    })
    try {
      expect(small.accountServer!.rateLimits).toHaveLength(PUBLISHED_ACCOUNT_RATE_LIMITS.length)
      // The admin app is a service principal of the account even when the fixture does not list it.
      expect(small.account!.servicePrincipals().map((s) => s.applicationId)).toEqual([SYNC_APP])
      expect(small.account!.workspaces()).toEqual([])
    } finally {
      await small.stop()
    }
  })
})

describe('account limits', () => {
  it('refuses users and service principals beyond the principal limit', async () => {
    // Seeded: 3 users + the sync app's service principal.
    emu.account!.limits = { principals: 5, groups: 5, membershipsPerPrincipal: 3 }
    expect((await call('POST', '/scim/v2/Users', { userName: 'one@contoso.com' })).status).toBe(201)
    const user = await call('POST', '/scim/v2/Users', { userName: 'two@contoso.com' })
    expect(user.status).toBe(400)
    expect(user.body).toEqual({ ...scimError(400), scimType: 'invalidValue' })
    expect(user.body.detail).toMatch(/maximum of 5 users and service principals/)
    const sp = await call('POST', '/scim/v2/ServicePrincipals', { applicationId: OTHER_APP })
    expect(sp.status).toBe(400)
    expect(emu.account!.users()).toHaveLength(4)
  })

  it('refuses groups beyond the group limit', async () => {
    emu.account!.limits = { principals: 20, groups: 2, membershipsPerPrincipal: 3 }
    expect((await call('POST', '/scim/v2/Groups', { displayName: 'g1' })).status).toBe(201)
    const over = await call('POST', '/scim/v2/Groups', { displayName: 'g2' })
    expect(over.status).toBe(400)
    expect(over.body.detail).toMatch(/maximum of 2 groups/)
    expect(emu.account!.groups().map((g) => g.displayName)).toEqual(['platform-admins', 'g1'])
  })

  it('refuses a membership beyond the per-principal limit and leaves the group as it was', async () => {
    const a = emu.account!
    a.limits = { principals: 20, groups: 10, membershipsPerPrincipal: 3 }
    // adele: 3 direct memberships (seeding through the state is not limited).
    for (const name of ['g1', 'g2', 'g3']) a.addGroup({ displayName: name, members: ['adele.vance@contoso.com'] })
    const g4 = a.addGroup({ displayName: 'g4' })
    const adele = a.user('adele.vance@contoso.com')!
    const grady = a.user('grady.archie@contoso.com')!

    const patch = await call(
      'PATCH',
      `/scim/v2/Groups/${g4.id}`,
      patchOp(
        { op: 'replace', path: 'displayName', value: 'g4-renamed' },
        { op: 'add', path: 'members', value: [{ value: grady.id }, { value: adele.id }] }
      )
    )
    expect(patch.status).toBe(400)
    expect(patch.body.detail).toMatch(/adele\.vance@contoso\.com .*at most 3 groups/)
    // Atomic: no member added, not renamed.
    expect(a.group('g4')).toMatchObject({ memberNames: [] })
    expect(a.group('g4-renamed')).toBeUndefined()
    expect(a.user('adele.vance@contoso.com')!.groups).toHaveLength(3)
    expect(a.user('grady.archie@contoso.com')!.groups).toBeUndefined()

    // Through the user's groups attribute, too.
    const viaUser = await call(
      'PATCH',
      `/scim/v2/Users/${adele.id}`,
      patchOp({ op: 'add', path: 'groups', value: [{ value: g4.id }] })
    )
    expect(viaUser.status).toBe(400)

    // A new group with an over-limit member is not created.
    const created = await call('POST', '/scim/v2/Groups', { displayName: 'g5', members: [{ value: adele.id }] })
    expect(created.status).toBe(400)
    expect(a.group('g5')).toBeUndefined()
    // A new user in too many groups is not created.
    const ids = ['g1', 'g2', 'g3', 'g4'].map((n) => ({ value: a.group(n)!.id }))
    const user = await call('POST', '/scim/v2/Users', { userName: 'busy@contoso.com', groups: ids })
    expect(user.status).toBe(400)
    expect(a.user('busy@contoso.com')).toBeUndefined()
    expect(a.group('g1')!.memberNames).toEqual(['adele.vance@contoso.com'])

    // Under the limit: accepted.
    const ok = await call(
      'PATCH',
      `/scim/v2/Groups/${g4.id}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: grady.id }] })
    )
    expect(ok.status).toBe(200)
    expect(a.group('g4')!.memberNames).toEqual(['grady.archie@contoso.com'])
  })
})

describe('int64 ids', () => {
  it('issues 16-digit ids above 2^53, and writes principal_id as a JSON number with all its digits', async () => {
    const a = emu.account!
    const created = await call('POST', '/scim/v2/Users', { userName: 'new.user@contoso.com' })
    const ids = [...a.users(), ...a.servicePrincipals(), ...a.groups()].map((r) => r.id)
    for (const id of [...ids, created.body.id as string]) {
      expect(id).toMatch(/^\d{16}$/)
      expect(BigInt(id)).toBeGreaterThan(2n ** 53n)
      expect(String(Number(id))).not.toBe(id) // a plain JSON.parse would not give it back
    }
    const list = await call('GET', `/workspaces/${PROD_ID}/permissionassignments`)
    for (const key of ['platform-admins', 'adele.vance@contoso.com']) {
      expect(list.raw).toContain(`"principal_id":${principalId(key)},`)
    }
    const put = await call('PUT', `/workspaces/${PROD_ID}/permissionassignments/principals/${created.body.id}`, {
      permissions: ['USER']
    })
    expect(put.status).toBe(200)
    expect(put.raw).toContain(`"principal_id":${created.body.id},`)
    expect(a.assignments('analytics-prod').map((x) => x.principal)).toContain('new.user@contoso.com')
    // A rounded id names no principal (or another one), never this one.
    const rounded = String(Number(created.body.id))
    expect(a.user('new.user@contoso.com')!.id).not.toBe(rounded)
  })
})

describe('externalId at account level', () => {
  const externalId = '0f0e0d0c-0b0a-4909-8807-060504030201'

  it('keeps none on users written through SCIM; service principals and groups keep theirs', async () => {
    const a = emu.account!
    const user = await call('POST', '/scim/v2/Users', { userName: 'ext.user@contoso.com', externalId })
    expect(user.status).toBe(201)
    expect(user.body.externalId).toBeUndefined()
    expect(a.user('ext.user@contoso.com')!.externalId).toBeUndefined()
    const patched = await call(
      'PATCH',
      `/scim/v2/Users/${user.body.id}`,
      patchOp({ op: 'replace', path: 'externalId', value: externalId })
    )
    expect(patched.status).toBe(200)
    expect(patched.body.externalId).toBeUndefined()
    const put = await call('PUT', `/scim/v2/Users/${user.body.id}`, { userName: 'ext.user@contoso.com', externalId })
    expect(put.status).toBe(200)
    expect(a.user('ext.user@contoso.com')!.externalId).toBeUndefined()

    const sp = await call('POST', '/scim/v2/ServicePrincipals', { applicationId: OTHER_APP, externalId })
    expect(sp.body.externalId).toBe(externalId)
    const group = await call('POST', '/scim/v2/Groups', { displayName: 'with-external-id', externalId })
    expect(group.body.externalId).toBe(externalId)

    // Seeding is another writer's doing: a seeded user keeps what it was given, and a SCIM write leaves it alone.
    const seeded = a.addUser({ userName: 'seeded@contoso.com', externalId })
    expect(seeded.externalId).toBe(externalId)
    await call('PATCH', `/scim/v2/Users/${seeded.id}`, patchOp({ op: 'replace', path: 'displayName', value: 'S' }))
    expect(a.user('seeded@contoso.com')).toMatchObject({ displayName: 'S', externalId })
  })
})

describe('automatic identity management (aim: true)', () => {
  const entraId = '11111111-2222-4333-8444-555555555555'
  const seed = () => {
    const a = emu.account!
    a.aim = true
    return a.addGroup({ displayName: 'Data Engineers', externalId: entraId, members: ['adele.vance@contoso.com'] })
  }

  it('shows an Entra group without members and refuses writes to them as Databricks does', async () => {
    const group = seed()
    const a = emu.account!
    const grady = a.user('grady.archie@contoso.com')!
    const one = await call('GET', `/scim/v2/Groups/${group.id}`)
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ displayName: 'Data Engineers', externalId: entraId })
    expect(one.body.members).toBeUndefined()
    const listed = await call('GET', `/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "Data Engineers"')}`)
    expect(listed.body.Resources[0].members).toBeUndefined()

    const add = await call(
      'PATCH',
      `/scim/v2/Groups/${group.id}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: grady.id }] })
    )
    expect(add.status).toBe(500)
    expect(add.body).toEqual({ schemas: [SCIM_SCHEMAS.error], detail: AIM_GROUP_WRITE_DETAIL, status: '500' })
    const adele = a.user('adele.vance@contoso.com')!
    const remove = await call(
      'PATCH',
      `/scim/v2/Groups/${group.id}`,
      patchOp({ op: 'remove', path: `members[value eq "${adele.id}"]` })
    )
    expect(remove.status).toBe(500)
    const viaUser = await call(
      'PATCH',
      `/scim/v2/Users/${grady.id}`,
      patchOp({ op: 'add', path: 'groups', value: [{ value: group.id }] })
    )
    expect(viaUser.status).toBe(500)
    const rename = await call(
      'PATCH',
      `/scim/v2/Groups/${group.id}`,
      patchOp({ op: 'replace', path: 'displayName', value: 'renamed' })
    )
    expect(rename.status).toBe(500)
    // Nothing of it was applied: Entra's members and name stay.
    expect(a.group('Data Engineers')!.memberNames).toEqual(['adele.vance@contoso.com'])
    // Only its externalId may change.
    const other = '99999999-2222-4333-8444-555555555555'
    const ext = await call(
      'PATCH',
      `/scim/v2/Groups/${group.id}`,
      patchOp({ op: 'replace', path: 'externalId', value: other })
    )
    expect(ext.status).toBe(200)
  })

  it('creates no group with an externalId; a local group is written as usual', async () => {
    seed()
    const a = emu.account!
    const refused = await call('POST', '/scim/v2/Groups', { displayName: 'Analysts', externalId: entraId })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ ...scimError(400), scimType: 'invalidValue' })
    expect(a.group('Analysts')).toBeUndefined()
    const local = await call('POST', '/scim/v2/Groups', { displayName: 'local-team' })
    expect(local.status).toBe(201)
    const grady = a.user('grady.archie@contoso.com')!
    const add = await call(
      'PATCH',
      `/scim/v2/Groups/${local.body.id}`,
      patchOp({ op: 'add', path: 'members', value: [{ value: grady.id }] })
    )
    expect(add.status).toBe(200)
    expect((await call('GET', `/scim/v2/Groups/${local.body.id}`)).body.members).toHaveLength(1)
  })

  it('is the fixture’s: without it the same group is an ordinary one, and reset() restores the fixture’s', async () => {
    const group = seed()
    const a = emu.account!
    a.aim = false
    expect((await call('GET', `/scim/v2/Groups/${group.id}`)).body.members).toHaveLength(1)
    a.aim = true
    a.reset()
    expect(a.aim).toBe(false)
  })
})
