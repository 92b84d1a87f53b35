// The identity emulators (GitHub OIDC, Entra ID, Key Vault) driven by the real Azure SDKs over HTTPS,
// plus the server knobs (latency, 429, faults, drops) and the request log's redaction.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { ClientAssertionCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity'
import { SecretClient } from '@azure/keyvault-secrets'
import { decodeJwt } from 'jose'
import { join } from 'node:path'
import { startIdentityEmulators, type IdentityEmulators } from '../emulators/core.js'
import { loadFixture, stableGuid, type TenantFixture } from '../emulators/fixture.js'
import { redactBody, startServer } from '../emulators/server.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'

const ROOT = join(import.meta.dirname, '..')
const OTHER_APP = {
  displayName: 'not-a-vault-reader',
  appId: '1e2d3c4b-5a69-4788-9aab-bccddeeff001',
  clientSecret: 'other~secret-value-42'
}

let emu: IdentityEmulators
let fixture: TenantFixture
let appId: string
let clientSecret: string

async function oidcToken(audience = 'api://AzureADTokenExchange'): Promise<string> {
  const url = `${emu.github.requestUrl()}&audience=${encodeURIComponent(audience)}`
  const res = await fetch(url, { headers: { Authorization: `Bearer ${emu.github.state.requestToken}` } })
  if (!res.ok) throw new Error(`OIDC token request failed: ${res.status}`)
  return ((await res.json()) as { value: string }).value
}

const credentialOptions = () => ({ authorityHost: emu.authorityHost, disableInstanceDiscovery: true })
const assertionCredential = () =>
  new ClientAssertionCredential(fixture.tenantId, appId, () => oidcToken(), credentialOptions())
const secretCredential = (id = appId, secret = clientSecret) =>
  new ClientSecretCredential(fixture.tenantId, id, secret, credentialOptions())
const vaultClient = (credential: TokenCredential = secretCredential()) =>
  new SecretClient(emu.vaultUrl, credential, {
    disableChallengeResourceVerification: true,
    retryOptions: { maxRetries: 0 }
  })

async function errorOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p
  } catch (e) {
    return e as Error
  }
  throw new Error('expected a rejection')
}

beforeAll(async () => {
  const ca = await ensureTestCa(join(ROOT, '.emulators'))
  // The test wrapper starts jest with NODE_EXTRA_CA_CERTS; trust the CA in-process too when run without it.
  if (process.env.NODE_EXTRA_CA_CERTS !== ca.caFile) trustTestCa(ca.ca)
  fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
  fixture.applications.push({ ...OTHER_APP })
  const app = fixture.applications[0]!
  appId = app.appId
  clientSecret = app.clientSecret!
  emu = await startIdentityEmulators({ fixture, caDir: join(ROOT, '.emulators') })
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  for (const s of Object.values(emu.servers)) s.resetKnobs()
  emu.github.state.issueExpired = false
  emu.github.state.subject = `repo:${fixture.github!.repository}:ref:${fixture.github!.ref}`
})

describe('GitHub OIDC emulator', () => {
  it('mints a token for the request token only, with the requested audience', async () => {
    const url = `${emu.github.requestUrl()}&audience=api://AzureADTokenExchange`
    expect(emu.github.requestUrl()).toContain('?')
    expect((await fetch(url)).status).toBe(401)
    expect((await fetch(url, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401)
    const before = emu.github.state.minted.length
    const claims = decodeJwt(await oidcToken())
    expect(claims).toMatchObject({
      iss: emu.servers.github!.url,
      sub: 'repo:contoso/data-platform:ref:refs/heads/main',
      aud: 'api://AzureADTokenExchange',
      repository: 'contoso/data-platform',
      ref: 'refs/heads/main'
    })
    expect(claims.exp! - claims.iat!).toBe(300)
    expect(emu.github.state.minted.length).toBe(before + 1)
  })
})

describe('Entra ID emulator with @azure/identity', () => {
  it('serves OIDC metadata whose issuer matches the authority', async () => {
    const res = await fetch(`${emu.authorityHost}/${fixture.tenantId}/v2.0/.well-known/openid-configuration`)
    const doc = (await res.json()) as Record<string, string>
    expect(doc.issuer).toBe(`${emu.authorityHost}/${fixture.tenantId}/v2.0`)
    expect(doc.token_endpoint).toBe(`${emu.authorityHost}/${fixture.tenantId}/oauth2/v2.0/token`)
    const unknown = await fetch(`${emu.authorityHost}/contoso-nope/v2.0/.well-known/openid-configuration`)
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { error_codes: number[] }).error_codes).toEqual([90002])
  })

  it('ClientAssertionCredential exchanges a GitHub OIDC token for a Graph token', async () => {
    const minted = emu.github.state.minted.length
    const token = await assertionCredential().getToken('https://graph.microsoft.com/.default')
    const claims = decodeJwt(token.token)
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${fixture.tenantId}/`,
      tid: fixture.tenantId,
      appid: appId,
      azp: appId,
      oid: stableGuid('sp', appId),
      roles: [
        'GroupMember.Read.All',
        'User.Read.All',
        'Application.Read.All',
        'Application.ReadWrite.All',
        'AppRoleAssignment.ReadWrite.All',
        'Synchronization.ReadWrite.All'
      ]
    })
    expect(claims.exp! - claims.iat!).toBe(3600)
    expect(emu.github.state.minted.length).toBeGreaterThan(minted)
    expect(emu.entra.state.issued.at(-1)).toMatchObject({ appId, grant: 'client_assertion' })

    const ok = await emu.entra.tokens.verifyBearer(`Bearer ${token.token}`, ['https://graph.microsoft.com'])
    expect(ok).toMatchObject({ ok: true, claims: { appid: appId, roles: expect.arrayContaining(['User.Read.All']) } })
    const wrongAud = await emu.entra.tokens.verifyBearer(`Bearer ${token.token}`, ['https://vault.azure.net'])
    expect(wrongAud.ok).toBe(false)
    expect((await emu.entra.tokens.verifyBearer(undefined, ['https://graph.microsoft.com'])).ok).toBe(false)
  })

  it('ClientSecretCredential gets a Databricks token; bad secret and unknown client fail with AADSTS codes', async () => {
    const token = await secretCredential().getToken('2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default')
    expect(decodeJwt(token.token)).toMatchObject({ aud: '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d', appid: appId })
    expect(decodeJwt(token.token).roles).toBeUndefined()

    const bad = await errorOf(secretCredential(appId, 'wrong').getToken('https://graph.microsoft.com/.default'))
    expect(bad.message).toContain('AADSTS7000215')
    const unknown = await errorOf(
      secretCredential('00000000-1111-2222-3333-444444444444', 'x').getToken('https://graph.microsoft.com/.default')
    )
    expect(unknown.message).toContain('AADSTS700016')
  })

  it('rejects an assertion whose subject has no federated credential (AADSTS70021)', async () => {
    emu.github.state.subject = 'repo:contoso/data-platform:ref:refs/heads/feature'
    const e = await errorOf(assertionCredential().getToken('https://graph.microsoft.com/.default'))
    expect(e.message).toContain('AADSTS70021')
    expect(e.message).toContain("Assertion Subject: 'repo:contoso/data-platform:ref:refs/heads/feature'")
    expect(e.message).toContain(`Assertion Issuer: '${emu.servers.github!.url}'`)
    expect(emu.entra.state.failures.at(-1)?.code).toBe(70021)
  })

  it('rejects an expired assertion (AADSTS700024)', async () => {
    emu.github.state.issueExpired = true
    const e = await errorOf(assertionCredential().getToken('https://graph.microsoft.com/.default'))
    expect(e.message).toContain('AADSTS700024')
  })

  it('answers token errors in Entra format with trace and correlation ids', async () => {
    const res = await fetch(`${emu.authorityHost}/${fixture.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: appId,
        client_secret: 'wrong',
        scope: 'https://graph.microsoft.com/.default'
      })
    })
    expect(res.status).toBe(401)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] })
    expect(body.error_description).toMatch(/^AADSTS7000215: .* Trace ID: \S+ Correlation ID: \S+ Timestamp: \S+/)
  })
})

describe('Key Vault emulator with @azure/keyvault-secrets', () => {
  it('reads a secret through the challenge flow (401, then 200 with a token)', async () => {
    emu.servers.keyvault!.clearLog()
    const secret = await vaultClient().getSecret('dbx-dev-pat')
    expect(secret.value).toBe(fixture.vault!.secrets['dbx-dev-pat'])
    expect(secret.properties.version).toMatch(/^[0-9a-f]{32}$/)
    expect(secret.properties.vaultUrl).toBe(emu.vaultUrl)
    expect(emu.servers.keyvault!.log.map((e) => e.status)).toEqual([401, 200])
    expect(emu.entra.state.issued.at(-1)).toMatchObject({ appId, aud: 'https://vault.azure.net' })
  })

  it('keeps versions: rotation adds one, old versions stay readable', async () => {
    const client = vaultClient(assertionCredential())
    const first = await client.getSecret('dbx-dev-pat')
    const v2 = emu.vault.state.setSecret('dbx-dev-pat', 'dapi-rotated-value-0000000000000000-9')
    expect((await client.getSecret('dbx-dev-pat')).value).toBe('dapi-rotated-value-0000000000000000-9')
    expect((await client.getSecret('dbx-dev-pat', { version: v2 })).properties.version).toBe(v2)
    expect((await client.getSecret('dbx-dev-pat', { version: first.properties.version! })).value).toBe(first.value)
  })

  it('answers 403 ForbiddenByRbac to an application that is not a reader, 404 SecretNotFound for unknown secrets', async () => {
    const forbidden = (await errorOf(
      vaultClient(secretCredential(OTHER_APP.appId, OTHER_APP.clientSecret)).getSecret('dbx-dev-pat')
    )) as Error & { statusCode?: number; code?: string }
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.code).toBe('Forbidden')
    expect(forbidden.message).toContain('Caller is not authorized to perform action on resource')

    const missing = (await errorOf(vaultClient().getSecret('no-such-secret'))) as Error & {
      statusCode?: number
      code?: string
    }
    expect(missing.statusCode).toBe(404)
    expect(missing.code).toBe('SecretNotFound')
    expect(missing.message).toContain('A secret with (name/id) no-such-secret was not found in this key vault')
  })

  it('stores a secret set through the SDK without logging its value', async () => {
    await vaultClient().setSecret('written-by-test', 'super-secret-written-value')
    expect(emu.vault.state.getSecret('written-by-test')?.value).toBe('super-secret-written-value')
    const put = emu.servers.keyvault!.log.find((e) => e.method === 'PUT' && e.status === 200)
    expect(put?.body).toMatchObject({ value: '[redacted]' })
  })
})

describe('server knobs', () => {
  const metadataUrl = () => `${emu.authorityHost}/${fixture.tenantId}/v2.0/.well-known/openid-configuration`

  it('adds latency to every request', async () => {
    emu.servers.entra!.latencyMs = 150
    const t0 = Date.now()
    expect((await fetch(metadataUrl())).status).toBe(200)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(145)
    expect(emu.servers.entra!.log.at(-1)!.ms).toBeGreaterThanOrEqual(145)
  })

  it('rate-limits with 429, Retry-After and the service error format', async () => {
    emu.servers.entra!.setRateLimit({ limit: 2, windowMs: 60_000, retryAfterSeconds: 7 })
    expect((await fetch(metadataUrl())).status).toBe(200)
    expect((await fetch(metadataUrl())).status).toBe(200)
    const throttled = await fetch(metadataUrl())
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('retry-after')).toBe('7')
    expect(((await throttled.json()) as { error_codes: number[] }).error_codes).toEqual([90055])
    expect(emu.servers.entra!.stats.throttled).toBe(1)

    emu.servers.keyvault!.setRateLimit({ limit: 0, windowMs: 1000, methods: ['GET'] })
    const kv = await fetch(`${emu.vaultUrl}/secrets/dbx-dev-pat?api-version=7.5`)
    expect(kv.status).toBe(429)
    expect(kv.headers.get('retry-after')).toBe('1')
    expect(((await kv.json()) as { error: { code: string } }).error.code).toBe('Throttled')
  })

  it('fails the next requests on demand, including dropped connections', async () => {
    emu.servers.entra!.failNext(1, '503')
    emu.servers.entra!.failNext(1, 'drop')
    const failed = await fetch(metadataUrl())
    expect(failed.status).toBe(503)
    expect(((await failed.json()) as { error: string }).error).toBe('temporarily_unavailable')
    await expect(fetch(metadataUrl())).rejects.toThrow()
    expect((await fetch(metadataUrl())).status).toBe(200)
    expect(emu.servers.entra!.log.slice(-3).map((e) => [e.status, e.fault])).toEqual([
      [503, '503'],
      [0, 'drop'],
      [200, undefined]
    ])
  })

  it('injects random faults reproducibly from a seed', async () => {
    const run = async () => {
      emu.servers.entra!.setFaults({ rate: 0.5, kinds: ['500', '503'], seed: 42 })
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) statuses.push((await fetch(metadataUrl())).status)
      return statuses
    }
    const first = await run()
    expect(await run()).toEqual(first)
    expect(first).toContain(200)
    expect(first.some((s) => s >= 500)).toBe(true)
  })

  it('turns a handler exception into a 500 in the service format and parses bodies', async () => {
    const { cert, key } = await ensureTestCa(join(ROOT, '.emulators'))
    const seen: unknown[] = []
    const errors: unknown[] = []
    const server = await startServer(
      'boom',
      (req) => {
        seen.push(req.body)
        if (req.url.pathname === '/boom') throw new Error('kaput')
        return { status: 200, body: { ok: true } }
      },
      {
        cert,
        key,
        errorResponse: (status, message) => ({ status, body: { failure: message } }),
        onHandlerError: (e) => errors.push(e)
      }
    )
    try {
      const boom = await fetch(`${server.url}/boom`)
      expect(boom.status).toBe(500)
      expect(await boom.json()).toEqual({ failure: 'Unhandled emulator error: kaput' })
      expect(errors).toHaveLength(1)
      await fetch(`${server.url}/json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"a":1}'
      })
      await fetch(`${server.url}/form`, { method: 'POST', body: new URLSearchParams({ b: '2' }) })
      expect(seen.slice(1)).toEqual([{ a: 1 }, { b: '2' }])
    } finally {
      await server.stop()
    }
  })
})

describe('request log', () => {
  it('never holds secrets, assertions, tokens or Authorization values', () => {
    const text = JSON.stringify(emu.log)
    const secrets = [
      clientSecret,
      OTHER_APP.clientSecret,
      fixture.vault!.secrets['dbx-dev-pat']!,
      'dapi-rotated-value-0000000000000000-9',
      'super-secret-written-value',
      emu.github.state.requestToken
    ]
    for (const s of secrets) expect(text).not.toContain(s)
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/)
    const tokenPosts = emu.log.filter((e) => e.service === 'entra' && e.method === 'POST' && e.status === 200)
    expect(tokenPosts.length).toBeGreaterThan(0)
    expect(tokenPosts.map((e) => e.body)).toContainEqual(
      expect.objectContaining({ client_id: appId, client_assertion: '[redacted]' })
    )
    expect(tokenPosts.map((e) => e.body)).toContainEqual(
      expect.objectContaining({ client_id: appId, client_secret: '[redacted]' })
    )
  })

  it('redacts Graph SecretToken credentials and top-level Key Vault values', () => {
    const graphBody = {
      credentials: [
        { key: 'BaseAddress', value: 'https://adb-1.azuredatabricks.net/api/2.0/preview/scim' },
        { key: 'SecretToken', value: 'dapi-xyz' }
      ]
    }
    expect(redactBody('graph', graphBody)).toEqual({
      credentials: [
        { key: 'BaseAddress', value: 'https://adb-1.azuredatabricks.net/api/2.0/preview/scim' },
        { key: 'SecretToken', value: '[redacted]' }
      ]
    })
    expect(redactBody('keyvault', { value: 's', tags: { a: 'b' } })).toEqual({ value: '[redacted]', tags: { a: 'b' } })
    expect(redactBody('graph', { displayName: 'x', known: 'has pat-123 inside' }, new Set(['pat-123']))).toEqual({
      displayName: 'x',
      known: '[redacted]'
    })
  })
})
