// The Graph emulator's members that are neither users, service principals nor groups: devices and organizational
// contacts, which a group may hold (https://learn.microsoft.com/en-us/graph/api/group-list-members). They are listed
// in members, transitiveMembers, $batch steps and groups/delta with their own @odata.type; an app without the read
// permission of their kind (Device.Read.All, OrgContact.Read.All, or Directory.Read.All) gets their type and id only
// ("limited information"). Also the server's `hang` fault: a request held unanswered until the client gives up.
import { describe, expect, it } from '@jest/globals'
import { normalizeFixture, stableGuid } from '../emulators/fixture.js'
import { createGraph } from '../emulators/graph.js'
import { startServer } from '../emulators/server.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'
import type { EmulatorResponse } from '../emulators/types.js'
import { fakeGraphTokens } from './graph-fake-tokens.js'

const ORIGIN = 'https://127.0.0.1:1'
const ROLES: Record<string, string[]> = {
  sync: ['GroupMember.Read.All', 'User.Read.All', 'Application.Read.All'],
  directory: ['Directory.Read.All'],
  devices: ['GroupMember.Read.All', 'Device.Read.All', 'OrgContact.Read.All']
}

const tokens = fakeGraphTokens(ROLES)

const fixture = normalizeFixture({
  tenantId: '11111111-2222-3333-4444-555555555555',
  users: [{ userPrincipalName: 'alice@contoso.com', displayName: 'Alice' }],
  devices: [{ displayName: 'KIOSK-01', operatingSystem: 'Windows' }],
  orgContacts: [{ displayName: 'Vendor Support', mail: 'support@vendor.example' }],
  groups: [
    { displayName: 'Inner', members: ['support@vendor.example'] },
    { displayName: 'Mixed', members: ['alice@contoso.com', 'KIOSK-01', 'Inner'] }
  ]
})
const ALICE = stableGuid('user', 'alice@contoso.com')
const KIOSK = stableGuid('device', 'KIOSK-01')
const VENDOR = stableGuid('contact', 'support@vendor.example')
const MIXED = stableGuid('group', 'Mixed')
const SELECT = '$select=id,displayName,userPrincipalName,mail,accountEnabled,appId'

function graph() {
  return createGraph(fixture, tokens)
}

async function get(
  handler: ReturnType<typeof graph>['handler'],
  path: string,
  token = 'sync'
): Promise<Record<string, unknown>> {
  const res: EmulatorResponse = await handler({
    method: 'GET',
    url: new URL(`${ORIGIN}/v1.0${path}`),
    headers: { authorization: `Bearer ${token}` },
    body: undefined,
    rawBody: ''
  })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as Record<string, unknown>
}

const values = (body: Record<string, unknown>) => body.value as Record<string, unknown>[]

describe('devices and organizational contacts in groups', () => {
  it('are listed with their type; without their read permission with their type and id only', async () => {
    const { handler } = graph()
    // The sync app's three reads: the device and the contact are listed, undescribed (limited information).
    expect(values(await get(handler, `/groups/${MIXED}/transitiveMembers?${SELECT}`))).toEqual([
      expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: ALICE, displayName: 'Alice' }),
      { '@odata.type': '#microsoft.graph.device', id: KIOSK, displayName: null, accountEnabled: null },
      expect.objectContaining({ '@odata.type': '#microsoft.graph.group', displayName: 'Inner' }),
      { '@odata.type': '#microsoft.graph.orgContact', id: VENDOR, displayName: null, mail: null }
    ])
    // With Device.Read.All and OrgContact.Read.All (or Directory.Read.All): described.
    for (const token of ['devices', 'directory']) {
      const members = values(await get(handler, `/groups/${MIXED}/transitiveMembers?${SELECT}`, token))
      expect(members).toContainEqual({
        '@odata.type': '#microsoft.graph.device',
        id: KIOSK,
        displayName: 'KIOSK-01',
        accountEnabled: true
      })
      expect(members).toContainEqual({
        '@odata.type': '#microsoft.graph.orgContact',
        id: VENDOR,
        displayName: 'Vendor Support',
        mail: 'support@vendor.example'
      })
    }
    // A type cast keeps only that kind.
    expect(values(await get(handler, `/groups/${MIXED}/members/microsoft.graph.device?$select=id`, 'devices'))).toEqual(
      [{ '@odata.type': '#microsoft.graph.device', id: KIOSK }]
    )
  })

  it('come through $batch steps and groups/delta with their type, and can be added and removed', async () => {
    const { handler, state } = graph()
    const batch = await handler({
      method: 'POST',
      url: new URL(`${ORIGIN}/v1.0/$batch`),
      headers: { authorization: 'Bearer sync', 'content-type': 'application/json' },
      body: { requests: [{ id: '1', method: 'GET', url: `/groups/${MIXED}/members?${SELECT}` }] },
      rawBody: ''
    })
    const step = (batch.body as { responses: { body: Record<string, unknown> }[] }).responses[0]
    expect(values(step?.body ?? {}).map((m) => m['@odata.type'])).toEqual([
      '#microsoft.graph.user',
      '#microsoft.graph.device',
      '#microsoft.graph.group'
    ])
    const latest = await get(handler, '/groups/delta?$select=displayName,members&$deltatoken=latest')
    const printer = state.addDevice({ displayName: 'PRINTER-7' })
    expect(state.addMember('Mixed', 'PRINTER-7')).toBe(true)
    expect(state.removeMember('Inner', 'Vendor Support')).toBe(true)
    const link = new URL(latest['@odata.deltaLink'] as string)
    const changes = values(await get(handler, `${link.pathname.replace('/v1.0', '')}${link.search}`))
    expect(changes.flatMap((g) => (g['members@delta'] as unknown[] | undefined) ?? [])).toEqual(
      expect.arrayContaining([
        { '@odata.type': '#microsoft.graph.device', id: printer.id },
        { '@odata.type': '#microsoft.graph.orgContact', id: VENDOR, '@removed': { reason: 'deleted' } }
      ])
    )
    expect(state.addOrgContact({ displayName: 'Auditor', mail: 'audit@example.org' }).id).toBe(
      stableGuid('contact', 'audit@example.org')
    )
  })
})

describe('the hang fault', () => {
  it('holds a request unanswered until the client gives up; the next request is answered', async () => {
    const { cert, key, ca } = await ensureTestCa()
    trustTestCa(ca)
    const server = await startServer('hang', () => ({ status: 200, body: { ok: true } }), { cert, key })
    try {
      server.failNext(1, 'hang')
      const started = Date.now()
      await expect(fetch(`${server.url}/x`, { signal: AbortSignal.timeout(300) })).rejects.toThrow()
      expect(Date.now() - started).toBeLessThan(5000)
      // The server saw the client go away: the request is logged as unanswered, and nothing is left in flight.
      for (let i = 0; i < 50 && server.log.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
      expect(server.log).toEqual([expect.objectContaining({ path: '/x', status: 0, fault: 'hang' })])
      expect(server.inFlight).toBe(0)
      expect(await (await fetch(`${server.url}/y`)).json()).toEqual({ ok: true })
    } finally {
      await server.stop()
    }
  })

  it('a held request ends when the server stops', async () => {
    const { cert, key } = await ensureTestCa()
    const server = await startServer('hang', () => ({ status: 200 }), { cert, key })
    server.setFaults({ rate: 1, kinds: ['hang'], seed: 1 })
    const pending = fetch(`${server.url}/x`).then(
      () => 'answered',
      () => 'dropped'
    )
    for (let i = 0; i < 50 && server.inFlight === 0; i++) await new Promise((r) => setTimeout(r, 20))
    await server.stop()
    expect(await pending).toBe('dropped')
  })
})
