// startEmulators: every service on its own port, seeded from the demo tenant, composed with one TokenService.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ClientAssertionCredential } from '@azure/identity'
import { join } from 'node:path'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'

const ROOT = join(import.meta.dirname, '..')
const DEMO = join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml')

let emu: Emulators

beforeAll(async () => {
  const ca = await ensureTestCa(join(ROOT, '.emulators'))
  if (process.env.NODE_EXTRA_CA_CERTS !== ca.caFile) trustTestCa(ca.ca)
  emu = await startEmulators({ fixture: DEMO, caDir: join(ROOT, '.emulators') })
})

afterAll(async () => {
  await emu?.stop()
})

async function oidcToken(): Promise<string> {
  const { requestUrl, requestToken } = emu.githubOidc
  const res = await fetch(`${requestUrl}&audience=api://AzureADTokenExchange`, {
    headers: { Authorization: `Bearer ${requestToken}` }
  })
  return ((await res.json()) as { value: string }).value
}

const credential = () =>
  new ClientAssertionCredential(emu.tenantId, emu.fixture.applications[0]!.appId, oidcToken, {
    authorityHost: emu.authorityHost,
    disableInstanceDiscovery: true
  })

describe('startEmulators', () => {
  it('starts every service on its own port and gives the runner environment', () => {
    const origins = [
      emu.authorityHost,
      emu.graphEndpoint,
      emu.vaultUrl,
      emu.servers.github!.url,
      ...Object.values(emu.workspaceHosts)
    ]
    expect(new Set(origins).size).toBe(origins.length)
    for (const o of origins) expect(o).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(Object.keys(emu.workspaceHosts).sort()).toEqual(['analytics-dev', 'analytics-prod'])
    expect(Object.keys(emu.servers).sort()).toEqual([
      'databricks-account',
      'databricks:analytics-dev',
      'databricks:analytics-prod',
      'entra',
      'github',
      'graph',
      'keyvault'
    ])
    expect(emu.env()).toEqual({
      ACTIONS_ID_TOKEN_REQUEST_URL: `${emu.servers.github!.url}/_apis/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.githubOidc.requestToken,
      NODE_EXTRA_CA_CERTS: emu.caFile
    })
  })

  it('Graph accepts a token for its own origin with the app permissions as roles', async () => {
    const token = await credential().getToken(`${emu.graphEndpoint}/.default`)
    const res = await fetch(`${emu.graphEndpoint}/v1.0/groups?$filter=displayName eq 'Data Engineers'`, {
      headers: { Authorization: `Bearer ${token.token}` }
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { value: { displayName: string }[] }
    expect(body.value.map((g) => g.displayName)).toEqual(['Data Engineers'])
    expect(emu.graph.transitiveMemberIds('Data Engineers').length).toBeGreaterThanOrEqual(7)
  })

  it('Databricks workspaces accept the Entra token of an admin app and the PAT from the vault', async () => {
    const token = await credential().getToken('2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default')
    const prod = await fetch(`${emu.workspaceHosts['analytics-prod']}/api/2.0/preview/scim/v2/Me`, {
      headers: { Authorization: `Bearer ${token.token}` }
    })
    expect(prod.status).toBe(200)
    const pat = emu.vault.getSecret('dbx-dev-pat')!.value
    const dev = await fetch(`${emu.workspaceHosts['analytics-dev']}/api/2.0/preview/scim/v2/Users?count=100`, {
      headers: { Authorization: `Bearer ${pat}` }
    })
    expect(dev.status).toBe(200)
    expect(JSON.stringify(emu.log)).not.toContain(pat)
    expect(emu.workspaces['analytics-prod']!.group('admins')).toBeDefined()
  })

  it('throttles with the SCIM error format and $batch steps one by one', async () => {
    const ws = emu.servers['databricks:analytics-prod']!
    ws.failNext(1, '429', { retryAfterSeconds: 3 })
    const res = await fetch(`${emu.workspaceHosts['analytics-prod']}/api/2.0/preview/scim/v2/Users`)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('3')
    expect(await res.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      detail: expect.any(String),
      status: '429'
    })

    const token = await credential().getToken(`${emu.graphEndpoint}/.default`)
    emu.servers.graph!.setRateLimit({ limit: 1, windowMs: 60_000, path: /transitiveMembers/ })
    const group = emu.graph.group('Data Analysts')!
    const batch = await fetch(`${emu.graphEndpoint}/v1.0/$batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        requests: [1, 2].map((i) => ({
          id: String(i),
          method: 'GET',
          url: `/groups/${group.id}/transitiveMembers?$select=id`
        }))
      })
    })
    expect(batch.status).toBe(200)
    const { responses } = (await batch.json()) as { responses: { id: string; status: number }[] }
    expect(responses.map((r) => r.status).sort()).toEqual([200, 429])
    emu.resetKnobs()
  })

  it('clears the combined log', () => {
    expect(emu.log.length).toBeGreaterThan(0)
    emu.clearLog()
    expect(emu.log).toEqual([])
    expect(emu.servers.entra!.log).toEqual([])
  })
})
