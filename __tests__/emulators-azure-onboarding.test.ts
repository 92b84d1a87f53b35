// The workspace emulator lets in an Entra service principal it does not know only as Azure Databricks does: a request
// with its Azure Resource Manager token and the workspace's resource id, from a Contributor of the workspace resource.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { decodeJwt } from 'jose'
import {
  ARM_AUDIENCE,
  DATABRICKS_RESOURCE_ID,
  SCIM_SCHEMAS,
  SP_MANAGEMENT_TOKEN_HEADER,
  WORKSPACE_RESOURCE_ID_HEADER
} from '../emulators/databricks.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { NEW_WORKSPACE, newWorkspaceFixture, OTHER_APP, SYNC_APP } from './onboarding-fixture.js'

const PROD = NEW_WORKSPACE
const DEV = 'analytics-dev'

let emu: Emulators
const tokens: Record<string, string> = {}

beforeAll(async () => {
  emu = await startEmulators({ fixture: newWorkspaceFixture() })
  for (const app of [SYNC_APP, OTHER_APP]) {
    tokens[`${app} databricks`] = await emu.entra.issueAccessToken(app, DATABRICKS_RESOURCE_ID)
    tokens[`${app} arm`] = await emu.entra.issueAccessToken(app, ARM_AUDIENCE)
  }
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  for (const ws of Object.values(emu.workspaces)) ws.reset()
})

async function call(
  workspace: string,
  app: string,
  azure: { resourceId?: string; managementToken?: string } = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${tokens[`${app} databricks`]}` }
  if (azure.resourceId !== undefined) headers[WORKSPACE_RESOURCE_ID_HEADER] = azure.resourceId
  if (azure.managementToken !== undefined) headers[SP_MANAGEMENT_TOKEN_HEADER] = azure.managementToken
  const response = await fetch(`${emu.workspaceHosts[workspace]}/api/2.0/preview/scim/v2/Users?count=1`, { headers })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const onboarding = (workspace = PROD) => emu.workspaces[workspace]!.onboarding.map((e) => `${e.appId} ${e.outcome}`)
const headersOf = (app: string, workspace = PROD) => ({
  resourceId: emu.workspaces[workspace]!.azureResourceId,
  managementToken: tokens[`${app} arm`]!
})

describe('a service principal the workspace does not know', () => {
  test('is refused with 403 "User not authorized." on a bare Entra token, and not added', async () => {
    const r = await call(PROD, SYNC_APP)
    expect(r).toEqual({
      status: 403,
      body: { schemas: [SCIM_SCHEMAS.error], detail: 'User not authorized.', status: '403' }
    })
    expect(emu.workspaces[PROD]!.servicePrincipal(SYNC_APP)).toBeUndefined()
    expect(onboarding()).toEqual([`${SYNC_APP} not in the workspace, no management token`])
  })

  test('is added as a workspace admin by a request with its ARM token and the workspace resource id', async () => {
    expect((await call(PROD, SYNC_APP, headersOf(SYNC_APP))).status).toBe(200)
    const ws = emu.workspaces[PROD]!
    expect(ws.servicePrincipal(SYNC_APP)).toMatchObject({ applicationId: SYNC_APP, active: true })
    expect(ws.group('admins')!.memberNames).toContain(SYNC_APP)
    expect(onboarding()).toEqual([`${SYNC_APP} added as workspace admin`])
    // Known from then on: a bare token will do.
    expect((await call(PROD, SYNC_APP)).status).toBe(200)
    expect(onboarding()).toHaveLength(1)
  })

  test.each([
    ['without the resource id', { resourceId: undefined }, 'not in the workspace, no workspace resource id'],
    [
      'with the resource id of another workspace',
      {
        resourceId: `${'/subscriptions/8f2e1c4a-6b3d-4e5f-9a7b-1c2d3e4f5a6b'}/resourceGroups/rg/providers/Microsoft.Databricks/workspaces/other`
      },
      'resource id of another workspace'
    ],
    [
      'with a Databricks token as the management token',
      { managementToken: 'databricks' },
      'management token for another audience'
    ],
    [
      'with another app’s ARM token',
      { managementToken: 'other' },
      'management token of another service principal or tenant'
    ],
    ['with a token that is no JWT', { managementToken: 'not-a-token' }, 'management token invalid']
  ])('is refused %s', async (_, change, outcome) => {
    const azure: { resourceId?: string; managementToken?: string } = { ...headersOf(SYNC_APP) }
    if ('resourceId' in change) {
      if (change.resourceId === undefined) delete azure.resourceId
      else azure.resourceId = change.resourceId
    }
    if ('managementToken' in change) {
      azure.managementToken =
        change.managementToken === 'databricks'
          ? tokens[`${SYNC_APP} databricks`]
          : change.managementToken === 'other'
            ? tokens[`${OTHER_APP} arm`]
            : change.managementToken
    }
    expect((await call(PROD, SYNC_APP, azure)).status).toBe(403)
    expect(emu.workspaces[PROD]!.servicePrincipal(SYNC_APP)).toBeUndefined()
    expect(onboarding()).toEqual([`${SYNC_APP} ${outcome}`])
  })

  test('is refused without the Contributor (or Owner) role on the workspace resource', async () => {
    expect((await call(PROD, OTHER_APP, headersOf(OTHER_APP))).status).toBe(403)
    expect(onboarding()).toEqual([
      `${OTHER_APP} not in the workspace, no Contributor or Owner role on the workspace resource`
    ])
    emu.workspaces[PROD]!.contributors.add(OTHER_APP)
    expect((await call(PROD, OTHER_APP, headersOf(OTHER_APP))).status).toBe(200)
  })

  test('is added once when its first requests arrive together', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => call(PROD, SYNC_APP, headersOf(SYNC_APP))))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    expect(emu.workspaces[PROD]!.servicePrincipals().filter((sp) => sp.applicationId === SYNC_APP)).toHaveLength(1)
  })
})

describe('a service principal the workspace knows', () => {
  test('needs no header, and the headers it sends must be right (stricter than documented)', async () => {
    expect((await call(DEV, SYNC_APP)).status).toBe(200)
    expect((await call(DEV, SYNC_APP, headersOf(SYNC_APP, DEV))).status).toBe(200)
    expect(
      (await call(DEV, SYNC_APP, { ...headersOf(SYNC_APP, DEV), resourceId: emu.workspaces[PROD]!.azureResourceId }))
        .status
    ).toBe(403)
    expect(onboarding(DEV)).toEqual([`${SYNC_APP} resource id of another workspace`])
  })

  test('is not made an admin by the headers when it is a plain member', async () => {
    emu.workspaces[DEV]!.addServicePrincipal({ applicationId: OTHER_APP })
    emu.workspaces[DEV]!.contributors.add(OTHER_APP)
    const r = await call(DEV, OTHER_APP, headersOf(OTHER_APP, DEV))
    expect(r.status).toBe(403)
    expect(r.body.detail).toBe('User is not an admin.')
  })
})

describe('Entra issues ARM tokens', () => {
  test('with the audience the scope names, a trailing slash kept (//.default)', async () => {
    expect(decodeJwt(tokens[`${SYNC_APP} arm`]!).aud).toBe('https://management.core.windows.net/')
    const res = await fetch(`${emu.authorityHost}/${emu.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: SYNC_APP,
        client_secret: emu.fixture.applications[0]!.clientSecret!,
        scope: 'https://management.core.windows.net//.default'
      })
    })
    expect(decodeJwt(((await res.json()) as { access_token: string }).access_token).aud).toBe(
      'https://management.core.windows.net/'
    )
    // One slash: the audience has none, and the workspace does not take it.
    const bare = await emu.entra.issueAccessToken(SYNC_APP, 'https://management.core.windows.net')
    expect(decodeJwt(bare).aud).toBe('https://management.core.windows.net')
    expect((await call(PROD, SYNC_APP, { ...headersOf(SYNC_APP), managementToken: bare })).status).toBe(403)
  })
})
