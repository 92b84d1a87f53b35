// The Actions cache keys of state-file: auto: one prefix per tenant, Graph endpoint, selection, account and config
// (so matrix jobs and tenants never restore each other's state), one key per run and attempt (entries are immutable),
// and the prefix never a prefix of another scope's keys.
import { describe, expect, test } from '@jest/globals'
import { stateCacheKeys, type StateCacheScope } from '../src/github/state-cache.js'
import { parseInputs } from '../src/inputs.js'

const SCOPE: StateCacheScope = {
  tenantId: '0F8E3C52-1D2B-4E6F-8A9B-1C2D3E4F5A6B',
  graphEndpoint: 'https://graph.microsoft.com',
  workspaces: ['analytics-prod', 'analytics-dev'],
  account: false,
  config: '.github/databricks-identities.yml',
  formatVersion: 2
}
const RUN = { GITHUB_RUN_ID: '1234567', GITHUB_RUN_ATTEMPT: '2' }

describe('stateCacheKeys', () => {
  test('the key is the prefix, the run id and the attempt; the prefix names the format version and the tenant', () => {
    const { prefix, key } = stateCacheKeys(SCOPE, RUN)
    expect(prefix).toMatch(/^entra-databricks-sync-state-v2-0f8e3c52-1d2b-4e6f-8a9b-1c2d3e4f5a6b-[0-9a-f]{16}-$/)
    expect(key).toBe(`${prefix}1234567-2`)
    expect(stateCacheKeys(SCOPE, { ...RUN, GITHUB_RUN_ATTEMPT: '3' }).key).not.toBe(key)
  })

  test.each<[string, Partial<StateCacheScope>]>([
    ['another tenant', { tenantId: '11111111-2222-4333-8444-555555555555' }],
    ['another Graph endpoint', { graphEndpoint: 'https://graph.microsoft.us' }],
    ['one workspace of a matrix', { workspaces: ['analytics-prod'] }],
    ['the other workspace of a matrix', { workspaces: ['analytics-dev'] }],
    ['the account too', { account: true }],
    ['another config file', { config: 'identities/*.yml' }],
    ['another state format', { formatVersion: 3 }]
  ])('%s: another prefix, and neither is a prefix of the other', (_, change) => {
    const a = stateCacheKeys(SCOPE, RUN).prefix
    const b = stateCacheKeys({ ...SCOPE, ...change }, RUN).prefix
    expect(b).not.toBe(a)
    expect(a.startsWith(b) || b.startsWith(a)).toBe(false)
  })

  test('the same selection in another order, or the same patterns spelled apart, is the same scope', () => {
    const a = stateCacheKeys(SCOPE, RUN).prefix
    expect(stateCacheKeys({ ...SCOPE, workspaces: ['analytics-dev', 'analytics-prod'] }, RUN).prefix).toBe(a)
    const two = { ...SCOPE, config: 'a.yml, b.yml' }
    expect(stateCacheKeys({ ...SCOPE, config: 'b.yml\na.yml' }, RUN).prefix).toBe(stateCacheKeys(two, RUN).prefix)
  })

  test('outside a runner (no run id) each run still gets a key of its own under the same prefix', () => {
    const a = stateCacheKeys(SCOPE, {})
    expect(a.key.startsWith(a.prefix)).toBe(true)
    expect(a.key).toMatch(/-local\d+-1$/)
  })
})

describe('the state-file input', () => {
  const read =
    (values: Record<string, string>) =>
    (name: string): string =>
      values[name] ?? ''
  test('auto (any case) keeps the state in the Actions cache; anything else is a path', () => {
    for (const value of ['auto', 'AUTO', ' Auto ']) {
      const inputs = parseInputs(read({ 'state-file': value }))
      expect([inputs.stateCache, inputs.stateFile]).toEqual([true, undefined])
    }
    const path = parseInputs(read({ 'state-file': './auto' }))
    expect([path.stateCache, path.stateFile]).toEqual([undefined, './auto'])
    expect(parseInputs(read({})).stateCache).toBeUndefined()
  })
})
