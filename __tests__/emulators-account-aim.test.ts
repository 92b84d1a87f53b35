// The account emulator's identity API of automatic identity management over HTTPS, with real tokens from the Entra
// emulator: resolve by Entra object id (created from the Graph emulator's tenant; an error for unknown ids and when
// the account is not on AIM), the account access denylist, and direct entitlements of workspace assignments.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { DATABRICKS_RESOURCE_ID } from '../emulators/databricks.js'
import { loadFixture, withAccount } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'

const ROOT = join(import.meta.dirname, '..')
const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const ETL_APP = '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b'
const PROD_ID = '6234138917436195'

let emu: Emulators
let token: string
let accountId: string

beforeAll(async () => {
  const ca = await ensureTestCa(join(ROOT, '.emulators'))
  if (process.env.NODE_EXTRA_CA_CERTS !== ca.caFile) trustTestCa(ca.ca)
  const demo = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
  // Direct calls, many a second: the published limits (on by default) are off for these emulator tests.
  emu = await startEmulators({
    fixture: withAccount(demo, demo.aimAccount),
    caDir: join(ROOT, '.emulators'),
    accountLimits: false
  })
  token = await emu.entra.issueAccessToken(SYNC_APP, DATABRICKS_RESOURCE_ID)
  accountId = emu.accountId!
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  emu.account!.reset()
})

/** JSON with every `…_id` number as its exact digits (int64 ids go above 2^53). */
const parseExact = (text: string): unknown =>
  JSON.parse(text, (key, value, context?: { source?: string }) =>
    key.endsWith('_id') && typeof value === 'number' && context?.source ? context.source : value
  )

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.accountHost}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {})
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {})
  })
  const text = await res.text()
  return { status: res.status, body: text ? parseExact(text) : undefined }
}

const identity = (path: string) => `/api/2.0/identity/accounts/${accountId}${path}`
const rules = (path = '') => `/api/2.0/accounts/${accountId}/account-access-identity-rules${path}`
const entraGroup = (name: string) => emu.graph.group(name)!

describe('resolve by external id', () => {
  it('creates a group from the Entra tenant by object id, kept by AIM; a second resolve answers the same group', async () => {
    const id = entraGroup('Data Engineers').id
    expect(emu.account!.group('Data Engineers')).toBeUndefined()
    const first = await call('POST', identity('/groups/resolve-by-external-id'), { external_id: id })
    expect(first.status).toBe(200)
    expect(first.body.group).toEqual({
      account_id: accountId,
      group_id: expect.stringMatching(/^\d{16}$/),
      group_name: 'Data Engineers',
      external_id: id
    })
    const again = await call('POST', identity('/groups/resolve-by-external-id'), { external_id: id })
    expect(again.body.group.group_id).toBe(first.body.group.group_id)
    // Created in the account: account SCIM lists it (without members: AIM keeps them) under the same id.
    const listed = await call(
      'GET',
      `/api/2.0/accounts/${accountId}/scim/v2/Groups?filter=displayName eq "Data Engineers"`
    )
    expect(listed.body.Resources).toEqual([
      expect.objectContaining({ id: first.body.group.group_id, externalId: id, displayName: 'Data Engineers' })
    ])
    expect(listed.body.Resources[0].members).toBeUndefined()
  })

  it('resolves service principals and users; one the account has by key is linked to its Entra object', async () => {
    const sp = emu.graph.servicePrincipal(ETL_APP)!
    const resolved = await call('POST', identity('/service-principals/resolve-by-external-id'), { external_id: sp.id })
    expect(resolved.body.service_principal).toMatchObject({
      application_id: ETL_APP,
      display_name: 'etl-orchestrator',
      external_id: sp.id,
      service_principal_id: expect.stringMatching(/^\d+$/)
    })
    // adele is in the account from SCIM, without an externalId: the same person, now linked.
    const adele = emu.graph.user('adele.vance@contoso.com')!
    const before = emu.account!.user('adele.vance@contoso.com')!
    const user = await call('POST', identity('/users/resolve-by-external-id'), { external_id: adele.id })
    expect(user.body.user).toMatchObject({
      user_id: before.id,
      username: 'adele.vance@contoso.com',
      external_id: adele.id
    })
    expect(emu.account!.user('adele.vance@contoso.com')?.externalId).toBe(adele.id)
  })

  it('refuses an unknown object id, an object of another kind, a name, and a group name a local group has', async () => {
    const unknown = await call('POST', identity('/groups/resolve-by-external-id'), {
      external_id: '00000000-0000-4000-8000-000000000000'
    })
    expect(unknown).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } })
    const user = emu.graph.user('diego.siciliani@contoso.com')!
    const kind = await call('POST', identity('/groups/resolve-by-external-id'), { external_id: user.id })
    expect(kind.status).toBe(404)
    const byName = await call('POST', identity('/groups/resolve-by-external-id'), { external_id: 'Data Engineers' })
    expect(byName.status).toBe(404)
    const local = await call('POST', identity('/groups/resolve-by-external-id'), {
      external_id: entraGroup('Data Analysts').id
    })
    expect(local).toMatchObject({ status: 409, body: { error_code: 'RESOURCE_ALREADY_EXISTS' } })
    const missing = await call('POST', identity('/groups/resolve-by-external-id'), {})
    expect(missing.status).toBe(400)
  })

  it('answers an error when the account is not on automatic identity management, creating nothing', async () => {
    emu.account!.aim = false
    const res = await call('POST', identity('/groups/resolve-by-external-id'), {
      external_id: entraGroup('Data Engineers').id
    })
    expect(res).toMatchObject({ status: 400, body: { error_code: 'FEATURE_DISABLED' } })
    expect(emu.account!.group('Data Engineers')).toBeUndefined()
  })
})

describe('account access identity rules', () => {
  it('creates, lists in pages, reads and deletes rules; the server fills in the type and name', async () => {
    const group = entraGroup('Data Engineers - Contractors')
    const created = await call('POST', rules(`?external_principal_id=${group.id}`), {
      action: 'DENY',
      external_principal_id: group.id
    })
    expect(created).toMatchObject({
      status: 200,
      body: {
        name: `accounts/${accountId}/account-access-identity-rules/${group.id}`,
        external_principal_id: group.id,
        action: 'DENY',
        display_name: 'Data Engineers - Contractors',
        principal_type: 'GROUP'
      }
    })
    const twice = await call('POST', rules(`?external_principal_id=${group.id}`), { action: 'DENY' })
    expect(twice.status).toBe(409)
    const first = await call('GET', rules('?page_size=1'))
    expect(first.body.account_access_identity_rules).toHaveLength(1)
    expect(first.body.next_page_token).toEqual(expect.any(String))
    const second = await call('GET', rules(`?page_size=1&page_token=${first.body.next_page_token}`))
    expect(second.body.next_page_token).toBeUndefined()
    // The fixture's rule (made by hand) and this one.
    const all = [...first.body.account_access_identity_rules, ...second.body.account_access_identity_rules]
    expect(all.map((r: { display_name: string }) => r.display_name).sort()).toEqual([
      'Data Engineers - Contractors',
      'Kim Akers (Northwind)'
    ])
    expect((await call('DELETE', rules(`/${group.id}`))).status).toBe(200)
    expect((await call('GET', rules(`/${group.id}`))).status).toBe(404)
    expect((await call('DELETE', rules(`/${group.id}`))).status).toBe(404)
  })

  it('refuses another action, an unknown principal, a mismatched body, more than 100 rules, and AIM off', async () => {
    const id = entraGroup('Data Analysts').id
    expect((await call('POST', rules(`?external_principal_id=${id}`), { action: 'ALLOW' })).status).toBe(400)
    expect(
      (await call('POST', rules(`?external_principal_id=${id}`), { action: 'DENY', external_principal_id: 'x' })).status
    ).toBe(400)
    expect(
      (await call('POST', rules('?external_principal_id=00000000-0000-4000-8000-000000000000'), { action: 'DENY' }))
        .status
    ).toBe(404)
    for (let i = 0; i < 99; i++) emu.graph.addUser({ userPrincipalName: `temp${i}@contoso.com` })
    for (let i = 0; i < 99; i++) emu.account!.deny(`temp${i}@contoso.com`)
    expect(emu.account!.denyRules()).toHaveLength(100)
    const over = await call('POST', rules(`?external_principal_id=${id}`), { action: 'DENY' })
    expect(over).toMatchObject({ status: 400, body: { error_code: 'INVALID_STATE' } })
    emu.account!.reset()
    emu.account!.aim = false
    expect((await call('POST', rules(`?external_principal_id=${id}`), { action: 'DENY' })).status).toBe(400)
  })
})

describe('direct entitlements of workspace assignments', () => {
  it('a principal assigned through permission assignments has none until set; update sets exactly the set sent', async () => {
    const group = emu.account!.group('Databricks-Group-Test')!
    const path = identity(`/workspaces/${PROD_ID}/workspace-assignments/${group.id}`)
    expect((await call('GET', path)).status).toBe(404)
    emu.account!.assign('analytics-prod', 'Databricks-Group-Test', ['USER'])
    expect((await call('GET', path)).body).toMatchObject({
      principal_id: group.id,
      workspace_id: PROD_ID,
      principal_type: 'GROUP',
      entitlements: []
    })
    // The principal_id as an int64 number, with all its digits.
    const body = `{"principal_id": ${group.id}, "entitlements": ["WORKSPACE_ACCESS", "DATABRICKS_SQL_ACCESS"]}`
    expect((await call('PATCH', path, body)).status).toBe(400) // no update_mask
    const set = await call('PATCH', `${path}?update_mask=entitlements`, body)
    expect(set.body.entitlements).toEqual(['DATABRICKS_SQL_ACCESS', 'WORKSPACE_ACCESS'])
    expect(emu.account!.entitlements('analytics-prod', 'Databricks-Group-Test')).toEqual([
      'DATABRICKS_SQL_ACCESS',
      'WORKSPACE_ACCESS'
    ])
    expect((await call('PATCH', `${path}?update_mask=entitlements`, { entitlements: ['WRITE_ALL'] })).status).toBe(400)
  })

  it('the ADMIN permission is the WORKSPACE_ADMIN entitlement: a set without it takes admin away', async () => {
    const admins = emu.account!.group('platform-admins')!
    const path = identity(`/workspaces/${PROD_ID}/workspace-assignments/${admins.id}`)
    expect((await call('GET', path)).body.entitlements).toEqual(['WORKSPACE_ADMIN'])
    await call('PATCH', `${path}?update_mask=entitlements`, { entitlements: ['WORKSPACE_ACCESS'] })
    expect(
      emu.account!.assignments('analytics-prod').find((a) => a.principal === 'platform-admins')?.permissions
    ).toEqual(['USER'])
    // Unassigned, its direct entitlements go with the assignment.
    emu.account!.assign('analytics-prod', 'platform-admins', [])
    expect((await call('GET', path)).status).toBe(404)
  })
})
