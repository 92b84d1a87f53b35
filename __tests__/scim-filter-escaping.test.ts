// SCIM filter string literals are JSON strings (RFC 7644 §3.4.2.2 takes them from RFC 7159): the client escapes
// quotes, backslashes and control characters, and the workspace emulator, like a strict server, refuses a control
// character sent raw. Before, scimString escaped only `"` and `\`, so a group name with a tab or line break went
// into the filter raw.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { ScimClient, scimString, workspaceScimBase } from '../src/targets/databricks/scim-client.js'
import { loadFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'
import { parseFilter, parsePath, quoteFilterValue, ScimFilterError } from '../emulators/scim-filter.js'

/** Names a Databricks group may have that are hard to put in a filter. */
const TRICKY = [
  `O'Brien's team`,
  'the "core" team',
  'ops\\infra',
  'ends with a backslash \\',
  '\\"',
  'Données équipe ✓',
  'emoji 🚀 team',
  'a&b',
  'x#y',
  'c+d',
  '50%',
  '(eq)',
  'a) or (b',
  'and or not',
  'members[value eq "1"]',
  'tab\there',
  'line\nbreak',
  'bell\u0007',
  'nul\u0000byte',
  'del\u007f and c1\u0085'
]

describe('scimString', () => {
  test('escapes control characters as JSON does, besides quotes and backslashes', () => {
    expect(scimString('He said "hi" \\o/')).toBe('"He said \\"hi\\" \\\\o/"')
    expect(scimString('tab\there')).toBe('"tab\\there"')
    expect(scimString('line\nbreak\r')).toBe('"line\\nbreak\\r"')
    expect(scimString('bell\u0007')).toBe('"bell\\u0007"')
    expect(scimString('Données équipe ✓')).toBe('"Données équipe ✓"')
  })

  test.each(TRICKY)('%j has no raw control character and parses back to itself', (name) => {
    const literal = scimString(name)
    expect([...literal].some((c) => c < ' ')).toBe(false)
    expect(parseFilter(`displayName eq ${literal}`)).toEqual({
      type: 'compare',
      op: 'eq',
      attr: { path: ['displayName'] },
      value: name
    })
    // The emulator's own quoting (used by tests) is the same.
    expect(quoteFilterValue(name)).toBe(literal)
  })
})

describe('the emulator parses filter strings as JSON strings', () => {
  test.each([['a\tb'], ['a\nb'], ['a\u0000b']])('refuses a raw control character in %j', (value) => {
    const raw = `displayName eq "${value}"`
    expect(() => parseFilter(raw)).toThrow(ScimFilterError)
    expect(() => parsePath(`members[display eq "${value}"]`)).toThrow(ScimFilterError)
  })

  test('accepts the same value escaped', () => {
    expect(parseFilter('displayName eq "a\\tb"')).toMatchObject({ value: 'a\tb' })
    expect(parseFilter('displayName eq "a\\u0000b"')).toMatchObject({ value: 'a\u0000b' })
  })
})

describe('findGroup against the workspace emulator', () => {
  const WS = 'analytics-dev'
  let emu: Emulators

  beforeAll(async () => {
    emu = await startEmulators({ fixture: loadFixture(`${ROOT}/emulators/fixtures/demo-tenant.yml`) })
  })

  afterAll(async () => {
    await emu?.stop()
  })

  beforeEach(() => {
    emu.workspaces[WS]!.reset()
    emu.clearLog()
  })

  const client = () =>
    new ScimClient({
      baseUrl: workspaceScimBase(emu.workspaceHosts[WS]!),
      token: async () => 'dapi8c1e5f27b94d0a63e8f1c42d7b95a06e-3',
      workspace: WS,
      auth: 'pat'
    })

  test('finds every tricky name exactly, and nothing for a name that differs by one character', async () => {
    const ids = new Map(TRICKY.map((name) => [name, emu.workspaces[WS]!.addGroup({ displayName: name }).id]))
    const scim = client()
    for (const name of TRICKY) {
      expect(await scim.findGroup(name)).toMatchObject({ id: ids.get(name), displayName: name })
    }
    expect(await scim.findGroup('ops\\\\infra')).toBeUndefined()
    expect(await scim.findGroup('the core team')).toBeUndefined()
    expect(await scim.findGroup('tab here')).toBeUndefined()
    // Every lookup was answered (none refused as a bad filter), and went out escaped.
    const lookups = emu.servers[`databricks:${WS}`]!.log.filter((e) => e.method === 'GET' && e.query.filter)
    expect(lookups.map((e) => e.status)).toEqual(lookups.map(() => 200))
    expect(lookups.find((e) => e.query.filter?.includes('tab'))?.query.filter).toBe('displayName eq "tab\\there"')
  })
})
