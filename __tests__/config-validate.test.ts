import { describe, expect, test } from '@jest/globals'
import {
  formatProblem,
  hasErrors,
  hostIssue,
  loadConfigSources,
  maxDeletionsIssue,
  secretIdIssue,
  selectTargets,
  selectWorkspaces,
  splitPatterns,
  workspaceIdFromHost,
  type ConfigProblem,
  type LoadedConfig
} from '../src/config/index.js'
import { didYouMean } from '../src/config/text.js'

const HOST = 'https://adb-1111111111111111.1.azuredatabricks.net'

/** Problems of one inline file, as `line:column key: message` strings. */
function check(text: string, file = 'c.yml'): string[] {
  return loadConfigSources([{ file, text }]).problems.map(
    (p) => `${p.line}:${p.column} ${p.severity === 'warning' ? 'warning ' : ''}${p.message}`
  )
}

function workspace(extra: string, groups = '      - Data Engineers'): string {
  return `version: 1\nworkspaces:\n  - name: ws\n    host: ${HOST}\n${extra}${extra ? '\n' : ''}    groups:\n${groups}\n`
}

describe('hosts', () => {
  test.each([
    HOST,
    `${HOST}/`,
    'https://ADB-1.1.AzureDatabricks.net',
    'https://adb-1.1.databricks.azure.us',
    'https://adb-1.1.databricks.azure.cn',
    'https://127.0.0.1:9443',
    'https://localhost',
    'https://[::1]:8443/'
  ])('workspace host %s is fine', (host) => {
    expect(hostIssue(host, 'workspace')).toBeUndefined()
  })

  test.each([
    [
      'adb-1.1.azuredatabricks.net',
      '"adb-1.1.azuredatabricks.net" must be an https URL; write "https://adb-1.1.azuredatabricks.net"'
    ],
    [
      'http://localhost:8080',
      '"http://localhost:8080" must be an https URL of a Databricks workspace (https://adb-<id>.<n>.azuredatabricks.net)'
    ],
    [
      'https://azuredatabricks.net',
      '"https://azuredatabricks.net" is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)'
    ],
    [
      'https://adb-1.azuredatabricks.net.contoso.com',
      '"https://adb-1.azuredatabricks.net.contoso.com" is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)'
    ],
    [
      'https://accounts.azuredatabricks.net',
      '"https://accounts.azuredatabricks.net" is the account console, not a workspace; set the workspace URL (https://adb-<id>.<n>.azuredatabricks.net) here and put the account console under account.host'
    ],
    [
      'https://me:secret@adb-1.azuredatabricks.net',
      'has a user name or password before "@"; the action signs in with tokens, never with credentials in a URL: write "https://adb-1.azuredatabricks.net"'
    ],
    [
      'https://adb-1.azuredatabricks.net/#/setting',
      '"https://adb-1.azuredatabricks.net/#/setting" must be only the scheme and host, without path, query or fragment; write "https://adb-1.azuredatabricks.net"'
    ],
    ['not a url', '"not a url" is not a URL; set the workspace URL, e.g. https://adb-<id>.<n>.azuredatabricks.net'],
    [null, 'the value is empty; set the workspace URL, e.g. https://adb-<id>.<n>.azuredatabricks.net'],
    [42, 'must be the workspace URL (a string), not a number (42); e.g. https://adb-<id>.<n>.azuredatabricks.net']
  ])('workspace host %p', (host, message) => {
    expect(hostIssue(host, 'workspace')).toBe(message)
  })

  test('account host: only the account console or loopback', () => {
    expect(hostIssue('https://accounts.azuredatabricks.net/', 'account')).toBeUndefined()
    expect(hostIssue('https://127.0.0.1:7443', 'account')).toBeUndefined()
    expect(hostIssue(HOST, 'account')).toBe(
      `"${HOST}" is not the Azure Databricks account console; use https://accounts.azuredatabricks.net`
    )
    expect(hostIssue('http://accounts.azuredatabricks.net', 'account')).toBe(
      '"http://accounts.azuredatabricks.net" must be an https URL of the Databricks account console (https://accounts.azuredatabricks.net)'
    )
  })
})

describe('token-secret', () => {
  test.each([
    'https://kv-data.vault.azure.net/secrets/dbx-prod-pat',
    'https://kv-data.vault.azure.net/secrets/dbx-prod-pat/',
    'https://kv-data.vault.azure.net/secrets/dbx-prod-pat/0123456789abcdef0123456789abcdef',
    'https://kv.vault.azure.cn/secrets/pat',
    'https://kv.vault.usgovcloudapi.net/secrets/pat',
    'https://kv.vault.microsoftazure.de/secrets/pat',
    'https://127.0.0.1:8444/secrets/pat',
    'https://localhost:8444/secrets/pat/1'
  ])('%s is a secret id', (id) => {
    expect(secretIdIssue(id)).toBeUndefined()
  })

  test.each([
    [
      'https://kv.vault.azure.net/certificates/dbx',
      '"https://kv.vault.azure.net/certificates/dbx" is a Key Vault certificate id, not a secret id; store the Databricks token as a secret and use its id, e.g. https://kv.vault.azure.net/secrets/<name>'
    ],
    [
      'https://kv.vault.azure.net/keys/dbx/abc',
      '"https://kv.vault.azure.net/keys/dbx/abc" is a Key Vault key id, not a secret id; store the Databricks token as a secret and use its id, e.g. https://kv.vault.azure.net/secrets/<name>'
    ],
    [
      'http://kv.vault.azure.net/secrets/pat',
      '"http://kv.vault.azure.net/secrets/pat" must be an https Key Vault secret id, e.g. https://<vault>.vault.azure.net/secrets/<name>'
    ],
    [
      'https://vault.contoso.com/secrets/pat',
      '"https://vault.contoso.com/secrets/pat" is not a Key Vault URL; the host must be <vault>.vault.azure.net (or .vault.azure.cn, .vault.usgovcloudapi.net, .vault.microsoftazure.de), e.g. https://<vault>.vault.azure.net/secrets/<name>'
    ],
    [
      'https://kv.vault.azure.net/secrets/',
      '"https://kv.vault.azure.net/secrets/" is not a Key Vault secret id; use https://kv.vault.azure.net/secrets/<name> (optionally /<version>)'
    ],
    [
      'https://kv.vault.azure.net/secrets/dbx_pat',
      '"https://kv.vault.azure.net/secrets/dbx_pat" is not a Key Vault secret id; use https://kv.vault.azure.net/secrets/<name> (optionally /<version>)'
    ],
    [
      'https://kv.vault.azure.net/secrets/pat?api-version=7.4',
      '"https://kv.vault.azure.net/secrets/pat?api-version=7.4" is not a Key Vault secret id; use https://kv.vault.azure.net/secrets/<name> (optionally /<version>)'
    ],
    [
      'kv-data/dbx-pat',
      '"kv-data/dbx-pat" is not a Key Vault secret id; use https://<vault>.vault.azure.net/secrets/<name>'
    ],
    [null, 'the value is empty; set the Key Vault secret id, e.g. https://<vault>.vault.azure.net/secrets/<name>']
  ])('%p', (id, message) => {
    expect(secretIdIssue(id)).toBe(message)
  })
})

describe('max-deletions', () => {
  test.each([0, 25, '25', '0%', '10%', '2.5%', '100%'])('%p is fine', (value) => {
    expect(maxDeletionsIssue(value)).toBeUndefined()
  })
  test.each([
    [-1, '-1 must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'],
    [2.5, '2.5 must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'],
    ['101%', '"101%" must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'],
    ['ten', '"ten" must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'],
    [true, 'a boolean (true) must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'],
    [null, 'the value is empty; set a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)']
  ])('%p', (value, message) => {
    expect(maxDeletionsIssue(value)).toBe(message)
  })

  test('a workspace overrides the file default', () => {
    const text = workspace('    max-deletions: 0').replace(
      'version: 1\n',
      'version: 1\ndefaults:\n  max-deletions: 50\n'
    )
    const { config, problems } = loadConfigSources([{ file: 'c.yml', text }])
    expect(problems).toEqual([])
    expect(config.workspaces[0]?.maxDeletions).toEqual({ kind: 'count', value: 0 })
  })
})

describe('schema problems', () => {
  test('an unknown top-level key, with a suggestion', () => {
    expect(check(`version: 1\nworkspace:\n  - name: ws\n`)).toEqual([
      '1:1 the file declares no workspaces; add a "workspaces:" list (or an "account:" block)',
      '2:1 unknown key "workspace"; did you mean "workspaces"?'
    ])
    expect(check(`version: 1\nteam: data\nworkspaces: []\n`)).toEqual([
      '2:1 unknown key "team"; the keys allowed here are version, defaults, account and workspaces (and x-… keys for YAML anchors)',
      '3:1 warning workspaces: the list is empty, so this file manages nothing; add workspaces'
    ])
  })

  test('camelCase and snake_case spellings point at the kebab-case key', () => {
    expect(check(workspace('    tokenSecret: https://kv.vault.azure.net/secrets/pat'))).toEqual([
      '5:5 workspaces[0]: unknown key "tokenSecret"; did you mean "token-secret"?'
    ])
    expect(check(workspace('    max_deletions: 5'))).toEqual([
      '5:5 workspaces[0]: unknown key "max_deletions"; did you mean "max-deletions"?'
    ])
  })

  test('an unknown key with nothing close lists the allowed keys', () => {
    expect(check(workspace('    colour: blue'))).toEqual([
      '5:5 workspaces[0]: unknown key "colour"; the keys allowed here are name, host, workspace-id, auth, token-secret, azure-resource-id, max-deletions, rate-limits, groups, account-groups, account-service-principals and provisioning'
    ])
  })

  test('missing version points at the top of the file', () => {
    expect(check(`# comment\nworkspaces:\n  - name: ws\n    host: ${HOST}\n    groups: [a]\n`)).toEqual([
      '2:1 missing required key "version"; add "version: 1" at the top of the file'
    ])
  })

  test('version as a string', () => {
    expect(check(workspace('').replace('version: 1', 'version: "1"'))).toEqual([
      '1:10 version: must be the number 1, not a string; write version: 1 without quotes'
    ])
  })

  test('enum values get the allowed list', () => {
    expect(check(workspace('    auth: oauth'))).toEqual([
      '5:11 workspaces[0].auth: "oauth" is not a valid value; use one of: entra, pat'
    ])
    expect(check(workspace('', '      - entra: a\n        removal: remove'))).toEqual([
      '7:18 workspaces[0].groups[0].removal: "remove" is not a valid value; did you mean "remove-membership"? Use one of: remove-membership, deactivate, delete, keep'
    ])
  })

  test('an entitlement listed twice', () => {
    expect(
      check(workspace('', '      - entra: a\n        entitlements: [workspace-access, workspace-access]'))
    ).toEqual([
      '7:42 workspaces[0].groups[0].entitlements[1]: "workspace-access" is already listed (item 1 of entitlements); list each value once'
    ])
  })

  test('empty names, wrong scalar types', () => {
    expect(check(workspace('', '      - entra: ""\n      - entra: 123\n        databricks: true'))).toEqual([
      '6:16 workspaces[0].groups[0].entra: must not be empty',
      '7:16 workspaces[0].groups[1].entra: must be a string, not a number (123); put it in quotes: "123"',
      '8:21 workspaces[0].groups[1].databricks: must be a string, not a boolean (true); put it in quotes: "true"'
    ])
  })

  test('a group mapping without entra', () => {
    expect(check(workspace('', '      - databricks: engineers'))).toEqual([
      `6:9 workspaces[0].groups[0]: missing required key "entra"; add the Entra group's display name or object id, e.g. "entra: Data Engineers"`
    ])
  })

  test('workspace names', () => {
    expect(check(workspace('').replace('name: ws', 'name: analytics prod'))).toEqual([
      '3:11 workspaces[0].name: "analytics prod" may contain only letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit), because it is used in the workspace input and as the matrix job name; e.g. analytics-prod'
    ])
    expect(check(workspace('').replace('name: ws', 'name: 2024'))).toEqual([
      '3:11 workspaces[0].name: must be a string, not a number (2024); put it in quotes: "2024"'
    ])
  })

  test('a workspace that is a string', () => {
    expect(check('version: 1\nworkspaces:\n  - analytics-prod\n')).toEqual([
      '3:5 workspaces[0]: must be a mapping (indented "key: value" lines), not a string ("analytics-prod"); write the entry as indented "key: value" lines'
    ])
  })

  test('account block', () => {
    expect(check('version: 1\naccount:\n  host: https://accounts.azuredatabricks.net\n')).toEqual([
      '3:3 account: missing required key "id"; add the Databricks account id, a GUID, e.g. "id: 00000000-0000-0000-0000-000000000000"'
    ])
  })
})

describe('YAML problems', () => {
  test('empty and comment-only files', () => {
    const message =
      '1:1 the file is empty; a config file is a mapping that starts with "version: 1" and lists "workspaces"'
    expect(check('')).toEqual([message])
    expect(check('# nothing yet\n')).toEqual([message])
    expect(check('~\n')).toEqual([message])
  })

  test('a YAML file that is not a config file gets one problem', () => {
    expect(check('# a workflow\nname: CI\non: [push]\njobs: {}\n')).toEqual([
      '2:1 this is not a config file: it has none of the keys version, workspaces and account; if the config input matches it by mistake, narrow the pattern'
    ])
  })

  test('a single value', () => {
    expect(check('hello\n')).toEqual([
      '1:1 the file is a single value; a config file is a mapping that starts with "version: 1" and lists "workspaces"'
    ])
  })

  test('tabs', () => {
    expect(check('version: 1\nworkspaces:\n\t- name: ws\n')).toEqual([
      '3:1 YAML syntax error: tabs are not allowed as indentation; indent with spaces, not tabs'
    ])
  })

  test('an alias without its anchor', () => {
    expect(check(workspace('', '      - *engineers'))).toEqual([
      '6:9 YAML error: unresolved alias (the anchor must be set before the alias): engineers; define the anchor (&name) before using the alias (*name)'
    ])
  })

  test('anchors and merge keys work, and problems point into the anchored mapping', () => {
    const text = `version: 1
x-common: &common
  entitlements: [workspace-access, sql]
workspaces:
  - name: ws
    host: ${HOST}
    groups:
      - entra: Data Engineers
        <<: *common
`
    const problems = loadConfigSources([{ file: 'c.yml', text }]).problems
    expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '3:36 workspaces[0].groups[0].entitlements[1]: "sql" is not a valid entitlement; use one of: workspace-access, databricks-sql-access, allow-cluster-create, allow-instance-pool-create'
    ])
  })

  test('merged group settings are normalized', () => {
    const text = `version: 1
workspaces:
  - name: ws
    host: ${HOST}
    groups:
      - &eng
        entra: Data Engineers
        entitlements: [databricks-sql-access]
        nested: direct
      - <<: *eng
        entra: Data Scientists
`
    const { config, problems } = loadConfigSources([{ file: 'c.yml', text }])
    expect(problems).toEqual([])
    expect(config.workspaces[0]?.groups.map((g) => [g.entra, g.nested, g.entitlements])).toEqual([
      ['Data Engineers', 'direct', ['databricks-sql-access']],
      ['Data Scientists', 'direct', ['databricks-sql-access']]
    ])
  })

  test('hostile nesting is a problem, not a crash', () => {
    expect(check(`version: 1\nworkspaces: ${'['.repeat(20000)}${']'.repeat(20000)}\n`)).toEqual([
      expect.stringMatching(/^2:\d+ the YAML is nested too deeply to read; a config file needs only a few levels$/)
    ])
  })

  test('__proto__ is just an unknown key', () => {
    expect(check('version: 1\n__proto__: { polluted: 1 }\nworkspaces: []\n')[0]).toBe(
      '2:1 unknown key "__proto__"; the keys allowed here are version, defaults, account and workspaces (and x-… keys for YAML anchors)'
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('a file over 1 MiB given as text is refused too', () => {
    expect(check(`version: 1\n#${'x'.repeat(1024 * 1024)}`)).toEqual([
      '1:1 the file is 1048588 bytes, over the 1 MiB (1048576 bytes) limit for config files; split the workspaces across several files'
    ])
  })
})

describe('groups', () => {
  test('no groups key, and groups with members-only and a target name', () => {
    expect(check(`version: 1\nworkspaces:\n  - name: ws\n    host: ${HOST}\n`)).toEqual([
      '3:5 warning workspaces[0]: no groups are listed, so nothing is synced into this workspace; add "groups:" with the Entra groups to sync'
    ])
    expect(check(workspace('', '      - entra: a\n        members-only: true\n        databricks: b'))).toEqual([
      '8:21 warning workspaces[0].groups[0].databricks: is ignored because members-only is true (no Databricks group is made); remove it or set members-only: false'
    ])
  })

  test('a plain string entry that would sync into admins', () => {
    expect(check(workspace('', '      - Admins'))).toEqual([
      '6:9 workspaces[0].groups[0]: "Admins" would sync into the built-in Databricks group of that name, which this action never changes; write the entry as "entra: Admins" with "databricks: <another name>"'
    ])
  })

  test('members-only entries may share a target, the same Entra group may not repeat', () => {
    expect(
      check(workspace('', '      - entra: a\n        members-only: true\n      - entra: A\n        members-only: true'))
    ).toEqual([
      '8:16 workspaces[0].groups[1].entra: Entra group "A" is already listed at line 6 (workspaces[0].groups[0].entra); list each group once per workspace'
    ])
    expect(check(workspace('', '      - a\n      - entra: b\n        databricks: A'))).toEqual([
      '8:21 workspaces[0].groups[1].databricks: Databricks group "A" is already the target of workspaces[0].groups[0] (line 6); one Databricks group can be fed by one Entra group only, so give one of them another "databricks:" name'
    ])
  })

  test('the same group in two workspaces is fine', () => {
    const text = `version: 1
workspaces:
  - name: a
    host: https://adb-1.1.azuredatabricks.net
    groups: [Data Engineers]
  - name: b
    host: https://adb-2.2.azuredatabricks.net
    groups: [Data Engineers]
`
    expect(check(text)).toEqual([])
  })
})

describe('across files', () => {
  const account = (id: string, host = 'https://accounts.azuredatabricks.net') =>
    `version: 1\naccount:\n  id: ${id}\n  host: ${host}\n`
  const A = '11111111-1111-1111-1111-111111111111'
  const B = '22222222-2222-2222-2222-222222222222'

  test('the same account in several files is fine; a different one is not', () => {
    const same = loadConfigSources([
      { file: 'a.yml', text: account(A) },
      { file: 'b.yml', text: account(A.toUpperCase()) }
    ])
    expect(same.problems).toEqual([])
    expect(same.config.account).toEqual({
      id: A,
      host: 'https://accounts.azuredatabricks.net',
      groups: [],
      maxDeletions: { kind: 'percent', value: 10 },
      file: 'a.yml',
      at: { file: 'a.yml', line: 2, column: 1, key: 'account' }
    })
    const different = loadConfigSources([
      { file: 'a.yml', text: account(A) },
      { file: 'b.yml', text: account(B) },
      { file: 'c.yml', text: account(A, 'https://127.0.0.1:7443') }
    ])
    expect(different.problems.map(formatProblem)).toEqual([
      `b.yml:3:7: account.id: "${B}" differs from the account id "${A}" declared at a.yml:2; all config files must name the same Databricks account (declare it once)`,
      `c.yml:4:9: account.host: "https://127.0.0.1:7443" differs from the account host "https://accounts.azuredatabricks.net" declared at a.yml:2; declare the account once`
    ])
  })

  test('the account host defaults to the account console', () => {
    const { config } = loadConfigSources([{ file: 'a.yml', text: `version: 1\naccount:\n  id: ${A}\n` }])
    expect(config.account?.host).toBe('https://accounts.azuredatabricks.net')
  })

  test('problems are sorted in file order, then line and column', () => {
    const { problems } = loadConfigSources([
      { file: 'z.yml', text: 'version: 3\n' },
      { file: 'a.yml', text: 'version: 1\nfoo: 1\nbar: 2\n' }
    ])
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual(['z.yml:1', 'a.yml:1', 'a.yml:2', 'a.yml:3'])
  })
})

describe('account-level sync', () => {
  const ID = '5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b'
  const ACCOUNT = `account:\n  id: ${ID}\n`
  /** A file with the account block (plus `account` lines) and one workspace (plus `ws` lines). */
  const file = (account: string, ws = '', host = HOST) =>
    `version: 1\n${ACCOUNT}${account}workspaces:\n  - name: ws\n    host: ${host}\n${ws}`

  test('account groups normalize like workspace groups, without entitlements or members-only', () => {
    const text = `version: 1
defaults:
  removal: keep
  nested: direct
  entitlements: [databricks-sql-access]
${ACCOUNT}  groups:
    - Data Engineers
    - entra: Data Analysts
      databricks: data-analysts
      removal: delete
`
    const { config, problems } = loadConfigSources([{ file: 'a.yml', text }])
    expect(problems).toEqual([])
    expect(config.account?.groups).toEqual([
      {
        entra: 'Data Engineers',
        databricks: 'Data Engineers',
        entitlements: [],
        membersOnly: false,
        removal: 'keep',
        nested: 'direct',
        at: { file: 'a.yml', line: 9, column: 7, key: 'account.groups[0]' }
      },
      {
        entra: 'Data Analysts',
        databricks: 'data-analysts',
        entitlements: [],
        membersOnly: false,
        removal: 'delete',
        nested: 'direct',
        at: { file: 'a.yml', line: 10, column: 7, key: 'account.groups[1]' }
      }
    ])
  })

  test('entitlements and members-only are not for account groups; other keys are unknown as usual', () => {
    expect(check(file('  groups:\n    - entra: a\n      members-only: true\n      removal: keep\n'))).toEqual([
      '6:7 account.groups[0]: "members-only" cannot be set on an account group: members-only means no group is made, and account.groups lists the groups to make in the account; remove it (to add only the members to a workspace, list the Entra group under that workspace\'s "groups" with members-only: true)',
      '9:5 warning workspaces[0]: no groups are listed, so nothing is synced into this workspace; add "groups:" with the Entra groups to sync'
    ])
    expect(check(file('  groups:\n    - entra: a\n      auth: pat\n', '    groups: [a]\n'))).toEqual([
      '6:7 account.groups[0]: unknown key "auth" in an account group entry; "auth" can be set in a workspace'
    ])
    expect(check(file('  groups:\n    - entra: a\n      databrick: b\n', '    groups: [a]\n'))).toEqual([
      '6:7 account.groups[0]: unknown key "databrick"; did you mean "databricks"?'
    ])
    expect(check(file('  groups:\n    - 42\n', '    groups: [a]\n'))).toEqual([
      '5:7 account.groups[0]: must be an Entra group name (a string) or a mapping with "entra", not a number (42)'
    ])
  })

  test('account groups: each Entra group once, each target once, never admins or users', () => {
    expect(check(file('  groups:\n    - a\n    - entra: A\n      databricks: b\n', '    groups: [a]\n'))).toEqual([
      '6:14 account.groups[1].entra: Entra group "A" is already listed at line 5 (account.groups[0]); list each group once in account.groups'
    ])
    expect(check(file('  groups:\n    - a\n    - entra: b\n      databricks: A\n', '    groups: [a]\n'))).toEqual([
      '7:19 account.groups[1].databricks: account group "A" is already the target of account.groups[0] (line 5); one account group can be fed by one Entra group only, so give one of them another "databricks:" name'
    ])
    expect(check(file('  groups:\n    - Users\n', '    groups: [a]\n'))).toEqual([
      '5:7 account.groups[0]: "Users" would sync into the built-in Databricks group of that name, which this action never changes; write the entry as "entra: Users" with "databricks: <another name>"'
    ])
    expect(
      check(file('  groups:\n    - entra: Platform Admins\n      databricks: admins\n', '    groups: [a]\n'))
    ).toEqual([
      '6:19 account.groups[0].databricks: "admins" is a built-in Databricks group that this action never changes; set databricks: to another group name'
    ])
  })

  test("max-deletions: the account's own, else the defaults of its file, else 10%", () => {
    const load = (text: string) => loadConfigSources([{ file: 'a.yml', text }]).config.account?.maxDeletions
    expect(load(`version: 1\n${ACCOUNT}  max-deletions: 5%\n`)).toEqual({ kind: 'percent', value: 5 })
    expect(load(`version: 1\ndefaults:\n  max-deletions: 3\n${ACCOUNT}`)).toEqual({ kind: 'count', value: 3 })
    expect(load(`version: 1\n${ACCOUNT}`)).toEqual({ kind: 'percent', value: 10 })
    expect(check(`version: 1\n${ACCOUNT}  max-deletions: lots\n`)).toEqual([
      '4:18 account.max-deletions: "lots" must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'
    ])
  })

  test("the same account in several files: groups merged with each file's defaults; duplicates across files are errors", () => {
    const a = `version: 1\ndefaults:\n  removal: keep\n${ACCOUNT}  groups: [Data Engineers]\n`
    const b = `version: 1\ndefaults:\n  max-deletions: 2\n${ACCOUNT}  max-deletions: 7\n  groups:\n    - entra: Data Analysts\n      databricks: data-analysts\n`
    const merged = loadConfigSources([
      { file: 'a.yml', text: a },
      { file: 'b.yml', text: b }
    ])
    expect(merged.problems).toEqual([])
    const account = merged.config.account
    expect(account?.file).toBe('a.yml')
    // a.yml sets no account.max-deletions, b.yml does: that one applies.
    expect(account?.maxDeletions).toEqual({ kind: 'count', value: 7 })
    expect(account?.groups.map((g) => `${g.entra}->${g.databricks} ${g.removal} ${g.at.file}:${g.at.line}`)).toEqual([
      'Data Engineers->Data Engineers keep a.yml:6',
      'Data Analysts->data-analysts remove-membership b.yml:8'
    ])

    const clash = loadConfigSources([
      {
        file: 'a.yml',
        text: `${a.replace('groups: [Data Engineers]', 'groups: [Data Engineers, data-analysts]')}  max-deletions: 5\n`
      },
      { file: 'b.yml', text: b.replace('Data Analysts', 'data engineers') }
    ])
    expect(clash.problems.map(formatProblem)).toEqual([
      "b.yml:6:18: account.max-deletions: 7 differs from the account's max-deletions 5 set at a.yml:7; set the account's max-deletions in one file only",
      'b.yml:8:14: account.groups[0].entra: Entra group "data engineers" is already listed at a.yml:6 (account.groups[0]); list each group once in account.groups'
    ])
    const target = loadConfigSources([
      { file: 'a.yml', text: a.replace('groups: [Data Engineers]', 'groups: [data-analysts]') },
      { file: 'b.yml', text: b }
    ])
    expect(target.problems.map(formatProblem)).toEqual([
      'b.yml:9:19: account.groups[0].databricks: account group "data-analysts" is already the target of account.groups[0] (a.yml:6); one account group can be fed by one Entra group only, so give one of them another "databricks:" name'
    ])
  })

  test("an account with a wrong id is reported once, not also as differing from another file's", () => {
    const { problems } = loadConfigSources([
      { file: 'a.yml', text: `version: 1\n${ACCOUNT}` },
      { file: 'b.yml', text: 'version: 1\naccount:\n  id: my-account\n' }
    ])
    expect(problems.map(formatProblem)).toEqual([
      'b.yml:3:7: account.id: "my-account" must be the Databricks account id, a GUID like 00000000-0000-0000-0000-000000000000 (shown in the account console under your user name)'
    ])
  })

  test('account-groups: a name is USER; a mapping has group and permission', () => {
    const ws =
      '    account-groups:\n      - data-engineers\n      - group: platform-admins\n        permission: ADMIN\n      - group: data-analysts\n'
    const { config, problems } = loadConfigSources([{ file: 'a.yml', text: file('', ws) }])
    expect(problems).toEqual([])
    expect(config.workspaces[0]?.workspaceId).toBe('1111111111111111')
    expect(config.workspaces[0]?.accountGroups).toEqual([
      {
        group: 'data-engineers',
        permission: 'USER',
        at: { file: 'a.yml', line: 8, column: 9, key: 'workspaces[0].account-groups[0]' }
      },
      {
        group: 'platform-admins',
        permission: 'ADMIN',
        at: { file: 'a.yml', line: 9, column: 9, key: 'workspaces[0].account-groups[1]' }
      },
      {
        group: 'data-analysts',
        permission: 'USER',
        at: { file: 'a.yml', line: 11, column: 9, key: 'workspaces[0].account-groups[2]' }
      }
    ])
  })

  test('account-groups entries of the wrong shape', () => {
    expect(check(file('', '    account-groups: data-engineers\n'))).toEqual([
      '7:21 workspaces[0].account-groups: must be a list, not a string ("data-engineers"); write each account group on its own line starting with "- "'
    ])
    expect(
      check(
        file('', '    account-groups:\n      - 7\n      - permission: USER\n      - group: a\n        role: ADMIN\n')
      )
    ).toEqual([
      '8:9 workspaces[0].account-groups[0]: must be an account group name (a string) or a mapping with "group", not a number (7)',
      '9:9 workspaces[0].account-groups[1]: missing required key "group"; add the account group\'s name, e.g. "group: data-engineers"',
      '11:9 workspaces[0].account-groups[2]: unknown key "role"; the keys allowed here are group, permission and entitlements'
    ])
  })

  test('a workspace with account-groups and no groups gets no warning; with neither it does', () => {
    expect(check(file('', '    account-groups: [data-engineers]\n'))).toEqual([])
    expect(check(file('', '    groups: []\n    account-groups: [data-engineers]\n'))).toEqual([])
    expect(check(file('', '    account-groups: []\n'))).toEqual([
      '5:5 warning workspaces[0]: no groups are listed, so nothing is synced into this workspace; add "groups:" with the Entra groups to sync'
    ])
  })

  test('account-groups needs an account block in some file; any file will do', () => {
    const ws = `version: 1\nworkspaces:\n  - name: ws\n    host: ${HOST}\n    account-groups: [data-engineers]\n`
    expect(check(ws)).toEqual([
      '5:5 workspaces[0].account-groups: assigning account groups needs the Databricks account, and no config file declares it; add an "account:" block with the account id (id: <GUID shown in the account console>) to a config file, or remove account-groups'
    ])
    const { problems } = loadConfigSources([
      { file: 'account.yml', text: `version: 1\n${ACCOUNT}` },
      { file: 'ws.yml', text: ws }
    ])
    expect(problems).toEqual([])
  })

  test('an Entra name in account-groups where the account group has another name is a warning', () => {
    const account = '  groups:\n    - entra: Data Analysts\n      databricks: data-analysts\n'
    expect(check(file(account, '    account-groups:\n      - Data Analysts\n'))).toEqual([
      '11:9 warning workspaces[0].account-groups[0]: "Data Analysts" is the Entra name of account.groups[0] (line 5), which is synced into the account group "data-analysts"; to assign that group write "data-analysts" (account-groups names account groups; if an account group named "Data Analysts" exists apart from this config, ignore this warning)'
    ])
    expect(check(file(account, '    account-groups:\n      - group: DATA-ANALYSTS\n'))).toEqual([])
  })

  test('the same account group twice in a workspace', () => {
    expect(
      check(file('', '    account-groups:\n      - a\n      - group: b\n      - group: A\n        permission: ADMIN\n'))
    ).toEqual([
      '10:16 workspaces[0].account-groups[2].group: account group "A" is already assigned at line 8 (workspaces[0].account-groups[0]); assign each account group once per workspace, with one permission (USER or ADMIN)'
    ])
  })
})

describe('workspace-id', () => {
  test.each([
    ['https://adb-6234138917436195.15.azuredatabricks.net', '6234138917436195'],
    ['https://ADB-6234138917436195.15.AzureDatabricks.net/', '6234138917436195'],
    ['https://adb-1234.5.databricks.azure.us', '1234'],
    ['https://adb-1234.5.databricks.azure.cn', '1234'],
    ['https://adb-1234.azuredatabricks.net', undefined],
    ['https://westeurope.azuredatabricks.net', undefined],
    ['https://127.0.0.1:8443', undefined],
    ['adb-1234.5.azuredatabricks.net', undefined]
  ])('from the host %s: %p', (host, id) => {
    expect(workspaceIdFromHost(host)).toBe(id)
  })

  const ws = (host: string, extra: string) =>
    `version: 1\naccount:\n  id: 5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b\nworkspaces:\n  - name: ws\n    host: ${host}\n${extra}    account-groups: [g]\n`
  const id = (text: string) => loadConfigSources([{ file: 'c.yml', text }]).config.workspaces[0]?.workspaceId

  test('given as a number (read as written) or as a string of digits', () => {
    expect(check(ws('https://127.0.0.1:8443', '    workspace-id: 9123456789012345678\n'))).toEqual([])
    expect(id(ws('https://127.0.0.1:8443', '    workspace-id: 9123456789012345678\n'))).toBe('9123456789012345678')
    expect(id(ws('https://localhost', '    workspace-id: "42"\n'))).toBe('42')
    expect(id(ws(HOST, '    workspace-id: 1111111111111111\n'))).toBe('1111111111111111')
  })

  test('not digits, or not the id in the host', () => {
    expect(check(ws('https://127.0.0.1:8443', '    workspace-id: 1.5e3\n'))).toEqual([
      "7:19 workspaces[0].workspace-id: 1.5e3 is not a workspace id; set the workspace's numeric id, only digits, e.g. 6234138917436195 (the number after ?o= in the workspace URL)"
    ])
    expect(check(ws('https://127.0.0.1:8443', '    workspace-id: adb-42\n'))).toEqual([
      '7:19 workspaces[0].workspace-id: "adb-42" is not a workspace id; set the workspace\'s numeric id, only digits, e.g. 6234138917436195 (the number after ?o= in the workspace URL)'
    ])
    expect(check(ws('https://127.0.0.1:8443', '    workspace-id:\n'))).toEqual([
      "7:18 workspaces[0].workspace-id: the value is empty; set the workspace's numeric id, only digits, e.g. 6234138917436195 (the number after ?o= in the workspace URL)"
    ])
    expect(check(ws(HOST, '    workspace-id: 2222\n'))).toEqual([
      '7:19 workspaces[0].workspace-id: 2222 differs from the workspace id 1111111111111111 in the host; remove workspace-id (it is taken from the host) or correct it'
    ])
  })

  test('not needed without account-groups; not reported again for a host that is wrong anyway', () => {
    expect(check(`version: 1\nworkspaces:\n  - name: ws\n    host: https://127.0.0.1:8443\n    groups: [a]\n`)).toEqual(
      []
    )
    expect(check(ws('https://databricks.contoso.com', ''))).toEqual([
      '6:11 workspaces[0].host: "https://databricks.contoso.com" is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)'
    ])
  })

  test('two workspaces with one id', () => {
    const text = `version: 1
workspaces:
  - name: a
    host: ${HOST}
    groups: [g]
  - name: b
    host: https://127.0.0.1:8443
    workspace-id: 1111111111111111
    groups: [g]
`
    expect(check(text)).toEqual([
      '8:19 workspaces[1].workspace-id: workspace id 1111111111111111 is already the id of workspace "a" (line 4); each workspace has its own id, so correct workspace-id'
    ])
  })
})

describe('selectWorkspaces', () => {
  const config: LoadedConfig = loadConfigSources([
    {
      file: 'c.yml',
      text: `version: 1
workspaces:
  - { name: analytics-prod, host: "https://adb-1.1.azuredatabricks.net", groups: [a] }
  - { name: analytics-dev, host: "https://adb-2.2.azuredatabricks.net", groups: [a] }
  - { name: ml-prod, host: "https://adb-3.3.azuredatabricks.net", groups: [a] }
`
    }
  ]).config
  const names = (input: string | string[]) => selectWorkspaces(config, input).workspaces.map((w) => w.name)

  test('empty, all or * select every workspace', () => {
    expect(names('')).toEqual(['analytics-prod', 'analytics-dev', 'ml-prod'])
    expect(names(' all ')).toEqual(['analytics-prod', 'analytics-dev', 'ml-prod'])
    expect(names([])).toEqual(['analytics-prod', 'analytics-dev', 'ml-prod'])
  })

  test('a comma list, ignoring case, in config order', () => {
    expect(names('ML-PROD, analytics-prod')).toEqual(['analytics-prod', 'ml-prod'])
    expect(names(['ml-prod'])).toEqual(['ml-prod'])
  })

  test('an unknown name lists the known ones', () => {
    const { workspaces, problems } = selectWorkspaces(config, 'analytics-prd, ml-prod, nope, nope')
    expect(workspaces.map((w) => w.name)).toEqual(['ml-prod'])
    expect(problems).toEqual([
      {
        file: '',
        line: 0,
        column: 0,
        key: 'workspace',
        message:
          'workspace: no workspace is named "analytics-prd"; did you mean "analytics-prod"? (the config declares analytics-prod, analytics-dev, ml-prod); set the workspace input to a comma-separated list of these names, or leave it empty for all',
        severity: 'error'
      },
      {
        file: '',
        line: 0,
        column: 0,
        key: 'workspace',
        message:
          'workspace: no workspace is named "nope" (the config declares analytics-prod, analytics-dev, ml-prod); set the workspace input to a comma-separated list of these names, or leave it empty for all',
        severity: 'error'
      }
    ])
  })
})

describe('helpers', () => {
  test('splitPatterns keeps {a,b} globs whole', () => {
    expect(splitPatterns(' a.yml, .github/{x,y}.yml\n\nc/*.yaml ,')).toEqual(['a.yml', '.github/{x,y}.yml', 'c/*.yaml'])
  })

  test('didYouMean', () => {
    expect(didYouMean('Host', ['name', 'host'])).toBe('host')
    expect(didYouMean('token_secret', ['token-secret'])).toBe('token-secret')
    expect(didYouMean('grups', ['groups', 'host'])).toBe('groups')
    expect(didYouMean('colour', ['name', 'host'])).toBeUndefined()
  })

  test('formatProblem and hasErrors', () => {
    const warning: ConfigProblem = {
      file: 'a.yml',
      line: 2,
      column: 3,
      key: 'k',
      message: 'k: hm',
      severity: 'warning'
    }
    const input: ConfigProblem = {
      file: '',
      line: 0,
      column: 0,
      key: 'config',
      message: 'config: no',
      severity: 'error'
    }
    expect(formatProblem(warning)).toBe('a.yml:2:3: warning: k: hm')
    expect(formatProblem(input)).toBe('config: no')
    expect(hasErrors([warning])).toBe(false)
    expect(hasErrors([warning, input])).toBe(true)
  })
})

// Found in review: validate refused `workspace: account` while sync accepted it, `all` left the account out, and a
// workspace could be named `account`. One selection (selectTargets) now serves validate, sync, provision-app, matrix.
describe('selectTargets: the workspace input selects workspaces and the account the same way for every command', () => {
  const ACCOUNT_BLOCK = `account:
  id: 5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b
  groups: [Data Engineers]
`
  const WORKSPACES = `workspaces:
  - { name: analytics-prod, host: "https://adb-1.1.azuredatabricks.net", groups: [a] }
  - { name: ml-prod, host: "https://adb-3.3.azuredatabricks.net", groups: [a] }
`
  const withAccount = loadConfigSources([{ file: 'c.yml', text: `version: 1\n${ACCOUNT_BLOCK}${WORKSPACES}` }]).config
  const withoutAccount = loadConfigSources([{ file: 'c.yml', text: `version: 1\n${WORKSPACES}` }]).config
  const pick = (config: LoadedConfig, input: string) => {
    const s = selectTargets(config, input)
    return { workspaces: s.workspaces.map((w) => w.name), account: s.includesAccount, problems: s.problems.length }
  }

  test('empty, all and * select every workspace and the account', () => {
    for (const input of ['', 'all', '*']) {
      expect(pick(withAccount, input)).toEqual({
        workspaces: ['analytics-prod', 'ml-prod'],
        account: true,
        problems: 0
      })
    }
  })

  test('account alone selects only the account; with names, the account and those workspaces', () => {
    expect(pick(withAccount, 'account')).toEqual({ workspaces: [], account: true, problems: 0 })
    expect(pick(withAccount, 'Account, ml-prod')).toEqual({ workspaces: ['ml-prod'], account: true, problems: 0 })
    expect(pick(withAccount, 'ml-prod')).toEqual({ workspaces: ['ml-prod'], account: false, problems: 0 })
  })

  test('the account block is there for assignments whatever is selected', () => {
    expect(selectTargets(withAccount, 'ml-prod').account?.id).toBe('5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b')
  })

  test('account named without an account block is an error with the fix, not a silent run of nothing', () => {
    const { workspaces, includesAccount, problems } = selectTargets(withoutAccount, 'account')
    expect(workspaces).toEqual([])
    expect(includesAccount).toBe(false)
    expect(problems).toEqual([
      {
        file: '',
        line: 0,
        column: 0,
        key: 'workspace',
        message:
          'workspace: "account" selects the Databricks account, but no config file declares one; add an "account:" block (id, host, groups) to a config file, or remove "account" from the workspace input',
        severity: 'error'
      }
    ])
  })

  test("a workspace named account is refused at its line: the name is the account's", () => {
    const { problems } = loadConfigSources([
      {
        file: 'c.yml',
        text: 'version: 1\nworkspaces:\n  - name: Account\n    host: https://adb-1.1.azuredatabricks.net\n    groups: [a]\n'
      }
    ])
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'c.yml',
        line: 3,
        key: 'workspaces[0].name',
        message: expect.stringContaining(
          '"Account" is reserved: the workspace input uses it to select the Databricks account'
        )
      })
    ])
  })
})
