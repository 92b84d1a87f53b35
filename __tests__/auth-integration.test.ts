// The action's credential, Key Vault reader and Databricks token provider, driving the real
// @azure/identity and @azure/keyvault-secrets over HTTPS against the emulators.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals'
import * as core from '@actions/core'
import { createCredential } from '../src/auth/credential.js'
import {
  azureWorkspaceHeaders,
  managementScope,
  SP_MANAGEMENT_TOKEN_HEADER,
  WORKSPACE_RESOURCE_ID_HEADER
} from '../src/auth/azure-workspace-headers.js'
import { DATABRICKS_SCOPE, databricksToken } from '../src/auth/databricks-token.js'
import { githubOidcToken } from '../src/auth/github-oidc.js'
import { KeyVaultSecretReader } from '../src/auth/keyvault.js'
import { GuardedRequestError, RequestGuard } from '../src/auth/request-guard.js'
import { ActionError } from '../src/errors.js'
import { loadFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const DEV_PAT = 'dapi8c1e5f27b94d0a63e8f1c42d7b95a06e-3'

let emu: Emulators
let masked: string[]
const mask = (s: string): void => void masked.push(s)

beforeAll(async () => {
  emu = await startEmulators({ fixture: loadFixture(`${ROOT}/emulators/fixtures/demo-tenant.yml`) })
  // What the runner gives a job with `permissions: id-token: write`; core.getIDToken reads these.
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = emu.githubOidc.requestUrl
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = emu.githubOidc.requestToken
})

afterAll(async () => {
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  await emu?.stop()
})

beforeEach(() => {
  // core.getIDToken writes ::add-mask:: and ::debug:: commands for the runner; keep them out of the test log.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  masked = []
  emu.clearLog()
  emu.resetKnobs()
  emu.github.lifetimeSeconds = 300
})

afterEach(() => {
  jest.restoreAllMocks()
})

const oidcCredential = () =>
  createCredential(
    {
      tenantId: emu.tenantId,
      clientId: SYNC_APP,
      audience: 'api://AzureADTokenExchange',
      authorityHost: emu.authorityHost
    },
    (audience) => core.getIDToken(audience),
    mask
  )

async function scimMe(workspace: string, token: string): Promise<number> {
  const response = await fetch(`${emu.workspaceHosts[workspace]}/api/2.0/preview/scim/v2/Me`, {
    headers: { Authorization: `Bearer ${token}` }
  })
  return response.status
}

describe('Databricks tokens', () => {
  test('auth: entra gets a token for the AzureDatabricks resource that the workspace accepts', async () => {
    const credential = oidcCredential()
    const token = await databricksToken({ name: 'analytics-prod', auth: 'entra' }, credential, undefined)()
    expect(await scimMe('analytics-prod', token)).toBe(200)
    expect(emu.entra.issued.at(-1)).toMatchObject({
      appId: SYNC_APP,
      aud: '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d',
      grant: 'client_assertion'
    })
    // Both the GitHub assertion and the access token were masked before anyone could print them.
    expect(masked).toContain(token)
    expect(masked.some((s) => s !== token && s.split('.').length === 3)).toBe(true)
  })

  test('auth: pat reads the PAT from Key Vault through the challenge flow, once, and masks it', async () => {
    const credential = oidcCredential()
    const secrets = new KeyVaultSecretReader(credential, mask, `app ${SYNC_APP}`)
    const provider = databricksToken(
      { name: 'analytics-dev', auth: 'pat', tokenSecret: `${emu.vaultUrl}/secrets/dbx-dev-pat` },
      credential,
      secrets
    )
    const token = await provider()
    expect(token).toBe(DEV_PAT)
    expect(await scimMe('analytics-dev', token)).toBe(200)
    expect(await provider()).toBe(DEV_PAT)
    expect(emu.log.filter((e) => e.service === 'keyvault').map((e) => e.status)).toEqual([401, 200])
    expect(masked).toContain(DEV_PAT)
    const { version } = await secrets.read(`${emu.vaultUrl}/secrets/dbx-dev-pat`)
    expect(version).toMatch(/^[0-9a-f]{32}$/)
  })

  test('Key Vault refusals name the role to grant or the secret to fix', async () => {
    const secrets = new KeyVaultSecretReader(oidcCredential(), mask, `app ${SYNC_APP}`)
    await expect(secrets.read(`${emu.vaultUrl}/secrets/no-such-pat`)).rejects.toThrow(
      `Key Vault ${new URL(emu.vaultUrl).host} has no secret ${emu.vaultUrl}/secrets/no-such-pat (404 SecretNotFound).`
    )
    emu.vault.readers = ['00000000-0000-0000-0000-000000000000']
    try {
      const error = await secrets.read(`${emu.vaultUrl}/secrets/dbx-dev-pat`).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ActionError)
      expect((error as ActionError).fix).toBe(
        `Grant app ${SYNC_APP} the "Key Vault Secrets User" role on the vault (RBAC), or a "get" secret permission in its access policy.`
      )
      expect(String((error as Error).message)).not.toContain(DEV_PAT)
    } finally {
      emu.vault.readers = [SYNC_APP]
    }
  })
})

describe('Azure onboarding headers (azure-resource-id)', () => {
  const RESOURCE_ID =
    '/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b/resourceGroups/rg-data/providers/Microsoft.Databricks/workspaces/analytics-prod'
  const workspace = (extra: Record<string, unknown> = {}) => ({
    name: 'analytics-prod',
    host: emu.workspaceHosts['analytics-prod']!,
    auth: 'entra' as const,
    azureResourceId: RESOURCE_ID,
    ...extra
  })

  test('carry an Azure Resource Manager token of the same app, shared and masked like every token', async () => {
    const credential = oidcCredential()
    const headers = azureWorkspaceHeaders(workspace(), credential)!
    const [first, second] = await Promise.all([headers(), headers()])
    expect(first).toEqual(second)
    expect(first[WORKSPACE_RESOURCE_ID_HEADER]).toBe(RESOURCE_ID)
    const token = first[SP_MANAGEMENT_TOKEN_HEADER]!
    // One token request for both, with the audience ARM expects (its resource's trailing slash kept).
    const arm = emu.entra.issued.filter((t) => t.token === token)
    expect(arm).toEqual([expect.objectContaining({ appId: SYNC_APP, aud: 'https://management.core.windows.net/' })])
    expect(emu.entra.issued.filter((t) => t.aud.startsWith('https://management'))).toHaveLength(1)
    expect(masked).toContain(token)
  })

  test('are sent only with auth: entra and an azure-resource-id', () => {
    const credential = oidcCredential()
    expect(azureWorkspaceHeaders(workspace({ azureResourceId: undefined }), credential)).toBeUndefined()
    expect(azureWorkspaceHeaders(workspace({ auth: 'pat' }), credential)).toBeUndefined()
    expect(azureWorkspaceHeaders(workspace(), undefined)).toBeUndefined()
  })

  test.each([
    ['https://adb-1.1.azuredatabricks.net', 'https://management.core.windows.net//.default'],
    ['https://adb-1.1.databricks.azure.us', 'https://management.core.usgovcloudapi.net//.default'],
    ['https://ADB-1.1.Databricks.Azure.CN', 'https://management.core.chinacloudapi.cn//.default'],
    ['https://127.0.0.1:8443', 'https://management.core.windows.net//.default']
  ])('the management scope of %s is its cloud’s: %s', (host, scope) => {
    expect(managementScope(host)).toBe(scope)
  })
})

describe('GitHub OIDC assertions', () => {
  test('one assertion serves several token requests while it is fresh', async () => {
    const credential = oidcCredential()
    await credential.getToken('https://graph.microsoft.com/.default')
    await credential.getToken(DATABRICKS_SCOPE)
    await credential.getToken('https://vault.azure.net/.default')
    expect(emu.entra.issued.slice(-3).map((t) => t.grant)).toEqual([
      'client_assertion',
      'client_assertion',
      'client_assertion'
    ])
    expect(emu.log.filter((e) => e.service === 'github')).toHaveLength(1)
  })

  test('a new assertion is fetched for each token request once the last one is close to expiry', async () => {
    // GitHub tokens that live 60 s are always inside the reuse margin: every token request gets a fresh one,
    // so a long run never presents an expired assertion (AADSTS700024).
    emu.github.lifetimeSeconds = 60
    const credential = oidcCredential()
    await credential.getToken('https://graph.microsoft.com/.default')
    await credential.getToken(DATABRICKS_SCOPE)
    expect(emu.log.filter((e) => e.service === 'github').length).toBeGreaterThanOrEqual(2)
    expect(emu.entra.failures).toEqual([])
  })
})

describe('the request guard (timeouts, retries, cancellation) under the real SDKs', () => {
  const guarded = (guard: RequestGuard) =>
    createCredential(
      {
        tenantId: emu.tenantId,
        clientId: SYNC_APP,
        audience: 'api://AzureADTokenExchange',
        authorityHost: emu.authorityHost
      },
      githubOidcToken(process.env, guard, mask),
      mask,
      guard
    )

  test('a token request that gets no answer is abandoned after the timeout and asked again', async () => {
    let stalled = false
    emu.servers.entra!.onRequest = ({ method }) => {
      // Only the first token request stalls.
      if (method !== 'POST' || stalled) return
      stalled = true
      emu.servers.entra!.failNext(1, 'hang')
    }
    try {
      const guard = new RequestGuard({ timeoutMs: 300, retry: { baseDelayMs: 1 } })
      const token = await guarded(guard).getToken(DATABRICKS_SCOPE)
      expect(token?.token).toBeTruthy()
      const posts = emu.servers.entra!.log.filter((e) => e.method === 'POST')
      expect(posts.map((e) => e.fault ?? e.status)).toEqual(['hang', 200])
      expect(guard.budget.usedMs).toBeGreaterThanOrEqual(300)
    } finally {
      emu.servers.entra!.onRequest = undefined
    }
  })

  test('the run being cancelled ends a Key Vault read that gets no answer, at once', async () => {
    const run = new AbortController()
    const guard = new RequestGuard({ signal: run.signal })
    const secrets = new KeyVaultSecretReader(guarded(guard), mask, `app ${SYNC_APP}`, guard)
    emu.servers.keyvault!.setFaults({ rate: 1, kinds: ['hang'], seed: 1 })
    setTimeout(() => run.abort(), 100)
    const started = Date.now()
    const error = await secrets.read(`${emu.vaultUrl}/secrets/dbx-dev-pat`).catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(error).toBeInstanceOf(GuardedRequestError)
    expect((error as GuardedRequestError).kind).toBe('cancelled')
    expect((error as Error).message).toBe(
      `The run was cancelled while waiting for Key Vault ${new URL(emu.vaultUrl).host} to answer.`
    )
  })
})
