// The cloud input sets the Entra authority and Microsoft Graph together; authority-host and graph-endpoint override
// it within the same cloud; inputs from two clouds are an error naming the fix. auth-type: IDENTITY's rules.
import { describe, expect, test } from '@jest/globals'
import { managementScope } from '../src/auth/azure-workspace-headers.js'
import { InputError } from '../src/errors.js'
import { parseInputs } from '../src/inputs.js'
import { signInSettings } from '../src/wiring.js'

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47'
const CLIENT = '11111111-2222-3333-4444-555555555555'
const parse = (values: Record<string, string>) => parseInputs((name) => values[name] ?? '')
const failure = (values: Record<string, string>): string => {
  try {
    parse(values)
  } catch (error) {
    if (error instanceof InputError) return error.describe()
    throw error
  }
  throw new Error('no error')
}

describe('cloud', () => {
  test.each([
    ['', 'AzureCloud', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    ['AzureCloud', 'AzureCloud', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    ['AzureUSGovernment', 'AzureUSGovernment', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    ['azurechinacloud', 'AzureChinaCloud', 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn']
  ])('cloud "%s" sets both endpoints', (cloud, name, authorityHost, graphEndpoint) => {
    expect(parse({ cloud })).toMatchObject({ cloud: name, authorityHost, graphEndpoint })
  })

  test('an endpoint input overrides its endpoint within the cloud (US Government L5 Graph, a private authority)', () => {
    expect(parse({ cloud: 'AzureUSGovernment', 'graph-endpoint': 'https://dod-graph.microsoft.us' })).toMatchObject({
      authorityHost: 'https://login.microsoftonline.us',
      graphEndpoint: 'https://dod-graph.microsoft.us'
    })
    expect(
      parse({ 'authority-host': 'https://127.0.0.1:8443', 'graph-endpoint': 'https://127.0.0.1:9443' })
    ).toMatchObject({
      cloud: 'AzureCloud',
      authorityHost: 'https://127.0.0.1:8443',
      graphEndpoint: 'https://127.0.0.1:9443'
    })
  })

  test("without a cloud input, a known endpoint picks its cloud, so the other endpoint is the same cloud's", () => {
    expect(parse({ 'authority-host': 'https://login.microsoftonline.us' })).toMatchObject({
      cloud: 'AzureUSGovernment',
      graphEndpoint: 'https://graph.microsoft.us'
    })
    expect(parse({ 'graph-endpoint': 'https://microsoftgraph.chinacloudapi.cn' })).toMatchObject({
      cloud: 'AzureChinaCloud',
      authorityHost: 'https://login.chinacloudapi.cn'
    })
  })

  test('inputs of two clouds are an error that names both and the fix', () => {
    expect(failure({ cloud: 'AzureUSGovernment', 'authority-host': 'https://login.microsoftonline.com' })).toBe(
      'Inputs from two Azure clouds: "cloud" is AzureUSGovernment, but "authority-host" https://login.microsoftonline.com belongs to AzureCloud.\n' +
        'Fix: Set only cloud (AzureCloud, AzureUSGovernment, AzureChinaCloud), which sets authority-host and graph-endpoint together; use those two inputs only for endpoints of the same cloud or a private one.'
    )
    expect(
      failure({ 'authority-host': 'https://login.chinacloudapi.cn', 'graph-endpoint': 'https://graph.microsoft.com' })
    ).toContain('"authority-host" https://login.chinacloudapi.cn belongs to AzureChinaCloud, but "graph-endpoint"')
    expect(failure({ cloud: 'AzureGermanCloud' })).toBe(
      'Input "cloud" is "AzureGermanCloud", which is not an Azure cloud this action knows.\n' +
        'Fix: Use one of AzureCloud, AzureUSGovernment, AzureChinaCloud; for another cloud set authority-host and graph-endpoint instead.'
    )
  })

  test("the workspace onboarding headers' management scope follows the cloud for hosts in no known zone", () => {
    const settings = signInSettings(parse({ cloud: 'AzureChinaCloud', 'tenant-id': TENANT, 'client-id': CLIENT }))
    expect(settings?.cloud).toBe('AzureChinaCloud')
    expect(managementScope('https://127.0.0.1:9443', settings?.cloud)).toBe(
      'https://management.core.chinacloudapi.cn//.default'
    )
    // A host of a known zone keeps its own cloud's.
    expect(managementScope('https://adb-1.2.azuredatabricks.net', 'AzureChinaCloud')).toBe(
      'https://management.core.windows.net//.default'
    )
  })
})

describe('auth-type', () => {
  test('IDENTITY: tenant-id alone is the system-assigned identity; with client-id a user-assigned one', () => {
    expect(signInSettings(parse({ 'auth-type': 'identity', 'tenant-id': TENANT }))).toEqual({
      kind: 'managed-identity',
      cloud: 'AzureCloud',
      tenantId: TENANT,
      authorityHost: 'https://login.microsoftonline.com'
    })
    expect(signInSettings(parse({ 'auth-type': 'IDENTITY', 'tenant-id': TENANT, 'client-id': CLIENT }))).toMatchObject({
      kind: 'managed-identity',
      clientId: CLIENT
    })
  })

  test('IDENTITY needs tenant-id, takes no client-secret; an unknown auth-type names both', () => {
    expect(failure({ 'auth-type': 'IDENTITY' })).toContain('"auth-type" is IDENTITY, but "tenant-id" is not set')
    expect(failure({ 'auth-type': 'IDENTITY', 'tenant-id': TENANT, 'client-secret': 's3cret' })).toContain(
      'a managed identity has no secret'
    )
    expect(failure({ 'auth-type': 'OIDC' })).toContain(
      'Input "auth-type" is "OIDC"; use SERVICE_PRINCIPAL or IDENTITY.'
    )
  })
})
