// End-to-end: auth-type: IDENTITY, a self-hosted runner's managed identity (Azure/login's auth-type: IDENTITY), through
// @azure/identity's ManagedIdentityCredential against an IMDS stand-in on loopback (emulators/imds.ts), which MSAL's
// Imds source reaches through AZURE_POD_IDENTITY_AUTHORITY_HOST. No GitHub OIDC token is asked for.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { startImds, type Imds } from '../emulators/imds.js'
import { demoWorkspaces, startJob, type EmulatedJob } from '../emulators/index.js'
import { leaks, ROOT, type ActionRun } from '../emulators/runner.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))

let job: EmulatedJob
let imds: Imds | undefined

beforeEach(async () => {
  job = await startJob('e2e-mi-', { fixture }, (emu) => ({
    version: 1,
    workspaces: demoWorkspaces(
      emu,
      { auth: 'entra', groups: [{ entra: 'Data Engineers', databricks: 'data-engineers' }] },
      { groups: ['Databricks-Group-Test'] }
    )
  }))
})

afterEach(async () => {
  await imds?.stop()
  imds = undefined
  await job?.emu.stop()
})

function identityRun(imdsUrl: string, clientId = ''): Promise<ActionRun> {
  return job.run({
    inputs: { command: 'sync', 'dry-run': 'true', 'auth-type': 'IDENTITY', 'client-id': clientId },
    // No OIDC variables: a self-hosted runner's job without id-token: write still signs in.
    env: {
      AZURE_POD_IDENTITY_AUTHORITY_HOST: imdsUrl,
      ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined
    }
  })
}

const issue = (appId: string, resource: string) => job.emu.entra.issueAccessToken(appId, resource)
const serviceRequests = (service: string) => job.emu.log.filter((e) => e.service === service)

describe('auth-type: IDENTITY', () => {
  test('the system-assigned identity signs in through IMDS, and the dry-run reads Graph, Key Vault and Databricks', async () => {
    imds = await startImds({ issue, systemAssigned: SYNC_APP })
    const run = await identityRun(imds.url)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(Number(run.outputs.changes)).toBeGreaterThan(0)
    // The request MSAL's Imds source sends: Metadata header, api-version, the resource, no client_id.
    expect(imds.requests.length).toBeGreaterThan(0)
    for (const r of imds.requests) {
      expect(r).toMatchObject({ metadataHeader: 'true', clientId: null })
      expect(r.path).toMatch(/^\/metadata\/identity\/oauth2\/token\/?$/)
      expect(r.apiVersion).toBe('2018-02-01')
    }
    expect(new Set(imds.requests.map((r) => r.resource))).toEqual(
      new Set([job.emu.graphEndpoint, '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d', 'https://vault.azure.net'])
    )
    // No GitHub OIDC token and no Entra token endpoint: IMDS gives the tokens.
    expect(serviceRequests('github')).toEqual([])
    expect(serviceRequests('entra').filter((e) => e.method === 'POST')).toEqual([])
    expect(leaks(run, imds.issued)).toEqual([])
  })

  test('a user-assigned identity is asked for by its client id', async () => {
    imds = await startImds({ issue, userAssigned: [SYNC_APP] })
    const run = await identityRun(imds.url, SYNC_APP)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(new Set(imds.requests.map((r) => r.clientId))).toEqual(new Set([SYNC_APP]))
  })

  test('a VM without that identity: the error says which one and how to assign it', async () => {
    imds = await startImds({ issue, userAssigned: [] })
    const system = await identityRun(imds.url)
    expect(system.code).not.toBe(0)
    expect(system.visibleLog).toContain('has no system-assigned managed identity (Identity not found)')
    expect(system.visibleLog).toContain('az vm identity assign -g <group> -n <vm>')
    const user = await identityRun(imds.url, SYNC_APP)
    expect(user.visibleLog).toContain(`has no user-assigned managed identity ${SYNC_APP} (Identity not found)`)
    expect(user.visibleLog).toContain('--identities <identity resource id>')
  })

  test('a runner without IMDS fails fast: no managed identity on this runner, and what to use instead', async () => {
    // A port nothing listens on: the metadata address of a machine outside Azure does not answer either.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number }
        probe.close(() => resolve(p))
      })
    })
    const run = await identityRun(`http://127.0.0.1:${port}`)
    expect(run.code).not.toBe(0)
    expect(run.visibleLog).toContain('No managed identity on this runner')
    expect(run.visibleLog).toContain('auth-type: SERVICE_PRINCIPAL')
    // Nothing was read from Databricks without a token.
    expect(job.emu.log.filter((e) => e.service.startsWith('databricks:'))).toEqual([])
  })
})
