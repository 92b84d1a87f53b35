// The rules added for hostile input, at unit level: hosts and Key Vault ids with a port or credentials, group names
// with control characters or over Entra's length, wrong types of fixed-word keys, and action inputs that hide their
// host behind "user@" or carry a query. (e2e-hostile-input.test.ts runs the same cases through the action.)
import { describe, expect, test } from '@jest/globals'
import { hostIssue, loadConfigSources, secretIdIssue } from '../src/config/index.js'
import { InputError } from '../src/errors.js'
import { parseInputs } from '../src/inputs.js'

const HOST = 'https://adb-1111111111111111.1.azuredatabricks.net'

/** Problems of one inline file, as `line:column key: message` strings. */
function check(text: string): string[] {
  return loadConfigSources([{ file: 'c.yml', text }]).problems.map((p) => `${p.line}:${p.column} ${p.message}`)
}

const withGroups = (groups: string) =>
  `version: 1\nworkspaces:\n  - name: ws\n    host: ${HOST}\n    groups:\n${groups}\n`

describe('hosts: a port only on loopback', () => {
  test.each([
    [
      `${HOST}:8443`,
      'workspace',
      `"${HOST}:8443" has a port (8443), but Azure Databricks serves workspaces on the standard https port only; write "${HOST}"`
    ],
    [
      'https://accounts.azuredatabricks.net:444',
      'account',
      '"https://accounts.azuredatabricks.net:444" has a port (444), but Azure Databricks serves the account console on the standard https port only; write "https://accounts.azuredatabricks.net"'
    ],
    // With a path as well, the fix drops the port too.
    [
      `${HOST}:8443/?o=1`,
      'workspace',
      `"${HOST}:8443/?o=1" must be only the scheme and host, without path, query or fragment; write "${HOST}"`
    ]
  ] as const)('%s (%s)', (host, kind, message) => {
    expect(hostIssue(host, kind)).toBe(message)
  })

  test.each([`${HOST}:443`, 'https://127.0.0.1:8443', 'https://localhost:9', 'https://[::1]:8443'])(
    '%s is fine',
    (h) => {
      expect(hostIssue(h, 'workspace')).toBeUndefined()
    }
  )
})

describe('Key Vault secret ids: no credentials, a port only on loopback', () => {
  test('credentials before "@" are refused without being repeated', () => {
    const message = secretIdIssue('https://svc:hunter2@kv.vault.azure.net/secrets/pat')
    expect(message).toBe(
      'the value has a user name or password before "@"; the action reads Key Vault with its own Entra sign-in, so remove them and use a Key Vault secret id, e.g. https://kv.vault.azure.net/secrets/<name>'
    )
    // Also when the rest is wrong too: the credentials are what is reported, never shown.
    for (const id of ['http://u:hunter2@kv.vault.azure.net/secrets/pat', 'https://u:hunter2@evil.example/secrets/x']) {
      expect(secretIdIssue(id)).toContain('user name or password')
      expect(secretIdIssue(id)).not.toContain('hunter2')
    }
  })

  test('a port is refused on Key Vault, kept on loopback', () => {
    expect(secretIdIssue('https://kv.vault.azure.net:8443/secrets/pat')).toBe(
      '"https://kv.vault.azure.net:8443/secrets/pat" has a port (8443), but Key Vault answers on the standard https port only; use https://kv.vault.azure.net/secrets/<name>'
    )
    expect(secretIdIssue('https://kv.vault.azure.net:443/secrets/pat')).toBeUndefined()
    expect(secretIdIssue('https://127.0.0.1:8444/secrets/pat')).toBeUndefined()
  })
})

describe('group names', () => {
  test('control characters and line breaks are refused wherever a group is named', () => {
    const text = [
      'version: 1',
      'account:',
      '  id: 5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
      '  groups:',
      '    - "Data\\tEngineers"',
      '    - entra: Analysts',
      '      databricks: "analysts\\u0085"',
      'workspaces:',
      '  - name: ws',
      `    host: ${HOST}`,
      '    groups:',
      '      - entra: "Data\\rScientists"',
      '    account-groups:',
      '      - "data\\u007f"',
      '      - group: "ops\\ninfra"'
    ].join('\n')
    expect(check(text)).toEqual([
      '5:7 account.groups[0]: "Data\\tEngineers" has the control character U+0009 in it; a group name cannot contain control characters, so remove it',
      '7:19 account.groups[1].databricks: "analysts\u0085" has the control character U+0085 in it; a group name cannot contain control characters, so remove it',
      '12:16 workspaces[0].groups[0].entra: "Data\\rScientists" has a line break in it; a group name is one line, so remove the line break (a "|" or ">" block, or \\n in double quotes, makes one)',
      '14:9 workspaces[0].account-groups[0]: "data\u007f" has the control character U+007F in it; a group name cannot contain control characters, so remove it',
      '15:16 workspaces[0].account-groups[1].group: "ops\\ninfra" has a line break in it; a group name is one line, so remove the line break (a "|" or ">" block, or \\n in double quotes, makes one)'
    ])
  })

  test('quotes, backslashes, unicode and filter metacharacters are names like any other', () => {
    const names = [`O'Brien's team`, 'the "core" team', 'ops\\infra', 'Données équipe ✓', 'a&b', '(eq)', 'and or not']
    expect(check(withGroups(names.map((n) => `      - ${JSON.stringify(n)}`).join('\n')))).toEqual([])
  })

  test('an Entra name is at most 256 characters; a Databricks name is not limited here', () => {
    expect(check(withGroups(`      - ${'a'.repeat(256)}`))).toEqual([])
    expect(check(withGroups(`      - ${'é'.repeat(257)}`))).toEqual([
      "6:9 workspaces[0].groups[0]: is 257 characters long; an Entra group name has at most 256 characters, so use the group's exact display name or its object id"
    ])
    expect(check(withGroups(`      - entra: Data Engineers\n        databricks: ${'d'.repeat(300)}`))).toEqual([])
  })
})

describe('keys that take one of a few words', () => {
  test('a value of the wrong type is answered with the words, not with "put it in quotes"', () => {
    const text = withGroups('      - entra: Data Engineers\n        removal: 5\n        nested: [flatten]').replace(
      '    groups:',
      '    auth: true\n    groups:'
    )
    expect(check(text)).toEqual([
      '5:11 workspaces[0].auth: must be one of entra or pat, not a boolean (true)',
      '8:18 workspaces[0].groups[0].removal: must be one of remove-membership, deactivate, delete or keep, not a number (5)',
      '9:17 workspaces[0].groups[0].nested: must be one of flatten or direct, not a list'
    ])
  })
})

describe('inputs: an origin is an origin', () => {
  const parse = (values: Record<string, string>) => () => parseInputs((name) => values[name] ?? '')

  test.each([
    ['authority-host', 'https://login.microsoftonline.com@evil.example'],
    ['authority-host', 'https://user:hunter2@login.microsoftonline.com'],
    ['graph-endpoint', 'https://graph.microsoft.com:hunter2@graph.microsoft.com']
  ])('%s %s: credentials before "@" are refused and not repeated', (name, value) => {
    const run = parse({ [name]: value })
    expect(run).toThrow(InputError)
    expect(run).toThrow(`Input "${name}" has a user name or password before "@", so the host it names is`)
    const message = (() => {
      try {
        run()
        return ''
      } catch (error) {
        return (error as Error).message
      }
    })()
    expect(message).not.toContain('hunter2')
  })

  test('the host it really names is shown', () => {
    expect(parse({ 'authority-host': 'https://login.microsoftonline.com@evil.example' })).toThrow(
      'so the host it names is evil.example.'
    )
  })

  test.each([
    ['graph-endpoint', 'https://graph.microsoft.com/?$filter=x'],
    ['authority-host', 'https://login.microsoftonline.com#frag']
  ])('%s %s: a query or fragment is refused', (name, value) => {
    expect(parse({ [name]: value })).toThrow(
      `Input "${name}" must be an origin without a query or fragment (got "${value}").`
    )
  })
})
