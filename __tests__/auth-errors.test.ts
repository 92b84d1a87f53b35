import { describe, expect, test } from '@jest/globals'
import { publicClaims } from '../src/auth/claims.js'
import { explainSignInError } from '../src/auth/credential.js'
import { parseSecretId } from '../src/auth/keyvault.js'
import { ActionError } from '../src/errors.js'

const settings = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '11111111-2222-3333-4444-555555555555',
  audience: 'api://AzureADTokenExchange',
  authorityHost: 'https://login.microsoftonline.com'
}
const claims = {
  iss: 'https://token.actions.githubusercontent.com',
  sub: 'repo:contoso/data:pull_request',
  aud: 'api://AzureADTokenExchange'
}

const jwt = (payload: object): string =>
  ['{"alg":"RS256"}', JSON.stringify(payload), 'signature'].map((p) => Buffer.from(p).toString('base64url')).join('.')

describe('sign-in errors read as what to fix', () => {
  test('AADSTS70021 names the subject GitHub presented and the credential to add', () => {
    const error = explainSignInError(
      new Error('AADSTS70021: No matching federated identity record found for presented assertion. Trace ID: x'),
      settings,
      claims,
      'https://graph.microsoft.com/.default'
    ) as ActionError
    expect(error.describe()).toBe(
      'Entra ID found no federated credential on app 11111111-2222-3333-4444-555555555555 in tenant 72f988bf-86f1-41af-91ab-2d7cd011db47 that matches this workflow (AADSTS70021). ' +
        'The GitHub token presented: issuer "https://token.actions.githubusercontent.com", subject "repo:contoso/data:pull_request", audience "api://AzureADTokenExchange".\n' +
        'Fix: In the Entra admin center, open the app registration > Certificates & secrets > Federated credentials and add one with issuer "https://token.actions.githubusercontent.com", subject "repo:contoso/data:pull_request" and audience "api://AzureADTokenExchange".'
    )
  })

  test.each([
    [
      'AADSTS700016: Application not found',
      'Entra ID has no application 11111111-2222-3333-4444-555555555555 in tenant'
    ],
    ['AADSTS7000215: Invalid client secret provided.', 'Entra ID rejected the client secret of app'],
    ['AADSTS90002: Tenant not found.', 'Entra ID has no tenant 72f988bf-86f1-41af-91ab-2d7cd011db47'],
    [
      'AADSTS700024: Client assertion is not within its valid time range.',
      'outside its valid time range (AADSTS700024)'
    ],
    ['AADSTS50000: Something else. Trace ID: abc', 'failed: AADSTS50000: Something else.'],
    ['getaddrinfo ENOTFOUND login.example', 'Check authority-host']
  ])('%s', (message, expected) => {
    expect(explainSignInError(new Error(message), settings, claims, 'scope')).toBeInstanceOf(ActionError)
    expect((explainSignInError(new Error(message), settings, claims, 'scope') as ActionError).describe()).toContain(
      expected
    )
  })

  test('a missing id-token permission says which permission to add', () => {
    const error = explainSignInError(new Error('… add `permissions: id-token: write` …'), settings, undefined, 's')
    expect((error as ActionError).fix).toBe('Add `permissions: id-token: write` to the workflow or job.')
  })

  test('publicClaims reads iss/sub/aud and nothing else', () => {
    expect(publicClaims(jwt({ ...claims, secret: 'x', aud: ['a', 'b'] }))).toEqual({ ...claims, aud: 'a,b' })
    expect(publicClaims('not-a-jwt')).toEqual({})
  })
})

describe('parseSecretId', () => {
  test('accepts secret ids with and without version', () => {
    expect(parseSecretId('https://kv-data.vault.azure.net/secrets/dbx-prod-pat')).toEqual({
      vaultUrl: 'https://kv-data.vault.azure.net',
      name: 'dbx-prod-pat'
    })
    expect(
      parseSecretId('https://kv-data.vault.azure.net/secrets/dbx-prod-pat/0123456789abcdef0123456789abcdef')
    ).toEqual({
      vaultUrl: 'https://kv-data.vault.azure.net',
      name: 'dbx-prod-pat',
      version: '0123456789abcdef0123456789abcdef'
    })
  })

  test.each([
    ['https://kv-data.vault.azure.net/keys/dbx', 'is not a Key Vault secret id (it names a key)'],
    ['https://kv-data.vault.azure.net/certificates/dbx', 'is not a Key Vault secret id (it names a certificate)'],
    ['http://kv-data.vault.azure.net/secrets/dbx', 'is not a Key Vault secret id'],
    ['kv-data/dbx', 'is not a Key Vault secret id']
  ])('refuses %s', (id, message) => {
    expect(() => parseSecretId(id)).toThrow(message)
  })
})
