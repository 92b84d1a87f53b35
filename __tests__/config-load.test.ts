import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig, type ConfigProblem, type GroupMapping, type LoadedConfig } from '../src/config/index.js'

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'config')
const load = (pattern: string) => loadConfig(pattern, { cwd: fixtures })

type Row = [file: string, line: number, column: number, key: string, message: string]
type WarningRow = [file: string, line: number, column: number, key: string, severity: 'warning', message: string]

const asProblem = (row: Row | WarningRow): ConfigProblem =>
  row.length === 5
    ? { file: `bad/${row[0]}`, line: row[1], column: row[2], key: row[3], message: row[4], severity: 'error' }
    : { file: `bad/${row[0]}`, line: row[1], column: row[2], key: row[3], message: row[5], severity: row[4] }

// Each bad file holds one mistake; these are the exact problems users (and the end-to-end tests) see.
const BAD: Array<[pattern: string, problems: Array<Row | WarningRow>]> = [
  [
    'unknown-key.yml',
    [
      [
        'unknown-key.yml',
        8,
        9,
        'workspaces[0].groups[1].entitlement',
        'workspaces[0].groups[1]: unknown key "entitlement"; did you mean "entitlements"?'
      ]
    ]
  ],
  [
    'misplaced-key.yml',
    [
      [
        'misplaced-key.yml',
        5,
        5,
        'workspaces[0].removal',
        'workspaces[0]: unknown key "removal" in a workspace; "removal" can be set in defaults or a group entry'
      ]
    ]
  ],
  [
    'http-host.yml',
    [
      [
        'http-host.yml',
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: "http://adb-6234138917436195.15.azuredatabricks.net" must be an https URL of a Databricks workspace (https://adb-<id>.<n>.azuredatabricks.net)'
      ]
    ]
  ],
  [
    'non-databricks-host.yml',
    [
      [
        'non-databricks-host.yml',
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: "https://databricks.contoso.com" is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)'
      ]
    ]
  ],
  [
    'host-with-path.yml',
    [
      [
        'host-with-path.yml',
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: "https://adb-6234138917436195.15.azuredatabricks.net/?o=6234138917436195" must be only the scheme and host, without path, query or fragment; write "https://adb-6234138917436195.15.azuredatabricks.net"'
      ]
    ]
  ],
  [
    'pat-without-secret.yml',
    [
      [
        'pat-without-secret.yml',
        5,
        11,
        'workspaces[0].auth',
        `workspaces[0].auth: "pat" needs token-secret, the Key Vault secret id of the workspace's personal access token; add token-secret: https://<vault>.vault.azure.net/secrets/<name>`
      ]
    ]
  ],
  [
    'provisioning-without-secret.yml',
    [
      [
        'provisioning-without-secret.yml',
        7,
        5,
        'workspaces[0].provisioning',
        `workspaces[0].provisioning: provision-app needs the workspace's personal access token; add token-secret: https://<vault>.vault.azure.net/secrets/<name> to this workspace`
      ]
    ]
  ],
  [
    'secret-is-key-id.yml',
    [
      [
        'secret-is-key-id.yml',
        6,
        19,
        'workspaces[0].token-secret',
        'workspaces[0].token-secret: "https://kv-data.vault.azure.net/keys/dbx-prod-pat" is a Key Vault key id, not a secret id; store the Databricks token as a secret and use its id, e.g. https://kv-data.vault.azure.net/secrets/<name>'
      ]
    ]
  ],
  [
    'bad-max-deletions.yml',
    [
      [
        'bad-max-deletions.yml',
        3,
        18,
        'defaults.max-deletions',
        'defaults.max-deletions: "150%" must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'
      ]
    ]
  ],
  [
    'duplicate-name',
    [
      [
        'duplicate-name/ml.yml',
        7,
        11,
        'workspaces[1].name',
        'workspaces[1].name: workspace "Analytics-Prod" is already declared at bad/duplicate-name/analytics.yml:3; workspace names must be unique (ignoring case) across all config files, so rename or remove one'
      ]
    ]
  ],
  [
    'duplicate-host.yml',
    [
      [
        'duplicate-host.yml',
        8,
        11,
        'workspaces[1].host',
        'workspaces[1].host: "https://ADB-6234138917436195.15.azuredatabricks.net/" is already the host of workspace "analytics-prod" (line 4); declare each workspace once'
      ]
    ]
  ],
  [
    'group-twice.yml',
    [
      [
        'group-twice.yml',
        8,
        16,
        'workspaces[0].groups[2].entra',
        'workspaces[0].groups[2].entra: Entra group "data engineers" is already listed at line 6 (workspaces[0].groups[0]); list each group once per workspace'
      ]
    ]
  ],
  [
    'same-target.yml',
    [
      [
        'same-target.yml',
        9,
        21,
        'workspaces[0].groups[1].databricks',
        'workspaces[0].groups[1].databricks: Databricks group "Engineers" is already the target of workspaces[0].groups[0] (line 7); one Databricks group can be fed by one Entra group only, so give one of them another "databricks:" name'
      ]
    ]
  ],
  [
    'version-2.yml',
    [
      [
        'version-2.yml',
        1,
        10,
        'version',
        'version: 2 is not supported by this version of the action (supported versions: 1); set version: 1'
      ]
    ]
  ],
  [
    'syntax-error.yml',
    [
      [
        'syntax-error.yml',
        5,
        5,
        '',
        'YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]; check the indentation, quotes and brackets on this line and the line before'
      ]
    ]
  ],
  [
    'duplicate-key.yml',
    [
      [
        'duplicate-key.yml',
        7,
        5,
        'workspaces[0].host',
        'workspaces[0]: duplicate key "host" (first at line 4); a key may appear only once in a mapping, remove one of them'
      ]
    ]
  ],
  [
    'groups-string.yml',
    [
      [
        'groups-string.yml',
        5,
        13,
        'workspaces[0].groups',
        'workspaces[0].groups: must be a list, not a string ("Data Engineers"); write each group on its own line starting with "- "'
      ]
    ]
  ],
  [
    'group-wrong-type.yml',
    [
      [
        'group-wrong-type.yml',
        7,
        9,
        'workspaces[0].groups[1]',
        'workspaces[0].groups[1]: must be an Entra group name (a string) or a mapping with "entra", not a number (42)'
      ],
      [
        'group-wrong-type.yml',
        9,
        23,
        'workspaces[0].groups[2].members-only',
        'workspaces[0].groups[2].members-only: must be true or false, not a string ("yes"); write true or false'
      ]
    ]
  ],
  [
    'missing-name.yml',
    [
      [
        'missing-name.yml',
        3,
        5,
        'workspaces[0].name',
        'workspaces[0]: missing required key "name"; add a short unique name for the workspace, e.g. "name: analytics-prod"'
      ]
    ]
  ],
  [
    'alias-bomb.yml',
    [
      [
        'alias-bomb.yml',
        3,
        8,
        '',
        'YAML aliases expand to too much data (more than 100 alias expansions; this looks like an alias bomb); use fewer aliases (*name) or write the values out'
      ]
    ]
  ],
  [
    'not-a-mapping.yml',
    [
      [
        'not-a-mapping.yml',
        1,
        1,
        '',
        'the file is a list; a config file is a mapping that starts with "version: 1" and lists "workspaces"'
      ]
    ]
  ],
  [
    'multiple-documents.yml',
    [
      [
        'multiple-documents.yml',
        7,
        1,
        '',
        'the file holds 2 YAML documents separated by "---"; keep one document per file (split the others into their own config files)'
      ]
    ]
  ],
  [
    'bad-account-id.yml',
    [
      [
        'bad-account-id.yml',
        3,
        7,
        'account.id',
        'account.id: "my-databricks-account" must be the Databricks account id, a GUID like 00000000-0000-0000-0000-000000000000 (shown in the account console under your user name)'
      ]
    ]
  ],
  [
    'bad-entitlement.yml',
    [
      [
        'bad-entitlement.yml',
        3,
        36,
        'defaults.entitlements[1]',
        'defaults.entitlements[1]: "sql-access" is not a valid entitlement; did you mean "databricks-sql-access"? Use one of: workspace-access, databricks-sql-access, allow-cluster-create, allow-instance-pool-create'
      ]
    ]
  ],
  [
    'bad-email.yml',
    [
      [
        'bad-email.yml',
        9,
        27,
        'workspaces[0].provisioning.notification-email',
        'workspaces[0].provisioning.notification-email: "platform-team" is not a valid email address; e.g. platform@contoso.com'
      ]
    ]
  ],
  [
    'admins-group.yml',
    [
      [
        'admins-group.yml',
        7,
        21,
        'workspaces[0].groups[0].databricks',
        'workspaces[0].groups[0].databricks: "admins" is a built-in Databricks group that this action never changes; set databricks: to another group name'
      ]
    ]
  ],
  [
    'empty-groups.yml',
    [
      [
        'empty-groups.yml',
        5,
        5,
        'workspaces[0].groups',
        'warning',
        'workspaces[0].groups: the list is empty, so nothing is synced into this workspace; add the Entra groups to sync'
      ]
    ]
  ],
  [
    'account-groups-without-account.yml',
    [
      [
        'account-groups-without-account.yml',
        5,
        5,
        'workspaces[0].account-groups',
        'workspaces[0].account-groups: assigning account groups needs the Databricks account, and no config file declares it; add an "account:" block with the account id (id: <GUID shown in the account console>) to a config file, or remove account-groups'
      ]
    ]
  ],
  [
    'bad-permission.yml',
    [
      [
        'bad-permission.yml',
        9,
        21,
        'workspaces[0].account-groups[0].permission',
        'workspaces[0].account-groups[0].permission: "admin" is not a valid permission; did you mean "ADMIN"? Use one of: USER, ADMIN'
      ]
    ]
  ],
  [
    'workspace-id-loopback.yml',
    [
      [
        'workspace-id-loopback.yml',
        5,
        5,
        'workspaces[0].workspace-id',
        'workspaces[0]: workspace-id is needed to assign account groups; the host does not contain it (add workspace-id: <number from the workspace URL ?o=…>)'
      ]
    ]
  ],
  [
    'account-group-entitlements.yml',
    [
      [
        'account-group-entitlements.yml',
        7,
        7,
        'account.groups[1].entitlements',
        `account.groups[1]: "entitlements" cannot be set on an account group: entitlements are per workspace; remove it (to give entitlements, sync the Entra group into a workspace under that workspace's "groups")`
      ]
    ]
  ],
  [
    'duplicate-account-group.yml',
    [
      [
        'duplicate-account-group.yml',
        9,
        16,
        'workspaces[0].account-groups[1].group',
        'workspaces[0].account-groups[1].group: account group "Data-Engineers" is already assigned at line 8 (workspaces[0].account-groups[0]); assign each account group once per workspace, with one permission (USER or ADMIN)'
      ]
    ]
  ]
]

/**
 * Problems that depend on the other files loaded with a file: duplicates across files, and an account-groups that
 * needs an account block, which another file (bad-account-id.yml) has.
 */
const CROSS_FILE =
  /already declared at|already the host of|needs the Databricks account, and no config file declares it/

describe('bad config files', () => {
  test.each(BAD)('%s', async (pattern, rows) => {
    const { problems } = await load(`bad/${pattern}`)
    expect(problems).toEqual(rows.map(asProblem))
  })

  test('every bad fixture is covered', async () => {
    const { glob } = await import('tinyglobby')
    const files = await glob(['bad/**/*.yml'], { cwd: fixtures })
    const covered = new Set(BAD.flatMap(([, rows]) => rows.map((r) => `bad/${r[0]}`)))
    covered.add('bad/duplicate-name/analytics.yml')
    expect(files.sort()).toEqual([...covered].sort())
  })

  test('all problems of all files come back in one run, sorted by file, line and column', async () => {
    const { problems, config } = await load('bad/*.yml')
    expect(config.files).toHaveLength(BAD.filter(([p]) => p.endsWith('.yml')).length)
    const expected = BAD.filter(([p]) => p.endsWith('.yml'))
      .flatMap(([, rows]) => rows.map(asProblem))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
    // One glob over all files changes the cross-file problems: names and hosts repeat from file to file, and
    // bad-account-id.yml declares an account for account-groups-without-account.yml.
    const own = problems.filter((p) => !CROSS_FILE.test(p.message))
    expect(own).toEqual(expected.filter((p) => !CROSS_FILE.test(p.message)))
    const keys = problems.map((p) => [p.file, p.line, p.column])
    expect(keys).toEqual(
      [...keys].sort((a, b) =>
        a[0]! < b[0]!
          ? -1
          : a[0]! > b[0]!
            ? 1
            : (a[1] as number) - (b[1] as number) || (a[2] as number) - (b[2] as number)
      )
    )
  })
})

describe('good config files', () => {
  test('a realistic file with two workspaces and an account', async () => {
    const { config, problems } = await load('good/databricks-identities.yml')
    expect(problems).toEqual([])
    const file = 'good/databricks-identities.yml'
    const at = (line: number, column: number, key: string) => ({ file, line, column, key })
    const expected: LoadedConfig = {
      files: [file],
      account: {
        id: '5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
        host: 'https://accounts.azuredatabricks.net',
        groups: [],
        maxDeletions: { kind: 'percent', value: 10 },
        file,
        at: at(10, 1, 'account')
      },
      workspaces: [
        {
          name: 'analytics-prod',
          host: 'https://adb-6234138917436195.15.azuredatabricks.net',
          auth: 'pat',
          tokenSecret: 'https://kv-data.vault.azure.net/secrets/dbx-prod-pat',
          maxDeletions: { kind: 'count', value: 25 },
          workspaceId: '6234138917436195',
          accountGroups: [],
          file,
          at: at(15, 5, 'workspaces[0]'),
          groups: [
            {
              entra: 'Databricks-Group-Test',
              databricks: 'Databricks-Group-Test',
              entitlements: ['workspace-access'],
              membersOnly: false,
              removal: 'remove-membership',
              nested: 'flatten',
              at: at(21, 9, 'workspaces[0].groups[0]')
            },
            {
              entra: 'Data Engineers',
              databricks: 'data-engineers',
              entitlements: ['workspace-access', 'databricks-sql-access'],
              membersOnly: false,
              removal: 'remove-membership',
              nested: 'flatten',
              at: at(22, 9, 'workspaces[0].groups[1]')
            },
            {
              entra: 'Finance Analysts',
              databricks: 'Finance Analysts',
              entitlements: ['workspace-access'],
              membersOnly: true,
              removal: 'remove-membership',
              nested: 'flatten',
              at: at(25, 9, 'workspaces[0].groups[2]')
            },
            {
              entra: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
              databricks: 'platform-admins',
              entitlements: ['workspace-access'],
              membersOnly: false,
              removal: 'deactivate',
              nested: 'direct',
              at: at(27, 9, 'workspaces[0].groups[3]')
            }
          ],
          provisioning: {
            appName: 'Azure Databricks SCIM - analytics-prod',
            notificationEmail: 'platform@contoso.com',
            at: at(31, 5, 'workspaces[0].provisioning')
          }
        },
        {
          name: 'analytics-dev',
          host: 'https://adb-1111111111111111.1.azuredatabricks.net',
          auth: 'entra',
          maxDeletions: { kind: 'percent', value: 10 },
          workspaceId: '1111111111111111',
          accountGroups: [],
          file,
          at: at(35, 5, 'workspaces[1]'),
          groups: [
            {
              entra: 'Data Engineers',
              databricks: 'Data Engineers',
              entitlements: ['workspace-access'],
              membersOnly: false,
              removal: 'remove-membership',
              nested: 'flatten',
              at: at(38, 9, 'workspaces[1].groups[0]')
            },
            {
              entra: 'Data Scientists',
              databricks: 'Data Scientists',
              entitlements: ['workspace-access', 'allow-cluster-create'],
              membersOnly: false,
              removal: 'remove-membership',
              nested: 'flatten',
              at: at(39, 9, 'workspaces[1].groups[1]')
            }
          ]
        }
      ]
    }
    expect(config).toEqual(expected)
  })

  test('a minimal file gets the built-in defaults', async () => {
    const { config, problems } = await load('good/minimal.yml')
    expect(problems).toEqual([])
    expect(config.account).toBeUndefined()
    expect(config.workspaces).toEqual([
      {
        name: 'sandbox',
        host: 'https://adb-2222222222222222.2.azuredatabricks.net',
        auth: 'entra',
        maxDeletions: { kind: 'percent', value: 10 },
        workspaceId: '2222222222222222',
        accountGroups: [],
        file: 'good/minimal.yml',
        at: { file: 'good/minimal.yml', line: 3, column: 5, key: 'workspaces[0]' },
        groups: [
          {
            entra: 'Everyone',
            databricks: 'Everyone',
            entitlements: ['workspace-access'],
            membersOnly: false,
            removal: 'remove-membership',
            nested: 'flatten',
            at: { file: 'good/minimal.yml', line: 6, column: 9, key: 'workspaces[0].groups[0]' }
          }
        ]
      }
    ])
  })

  test('account-level sync: account groups with the file defaults, assigned to workspaces by id', async () => {
    const { config, problems } = await load('good/account.yml')
    expect(problems).toEqual([])
    const file = 'good/account.yml'
    const at = (line: number, column: number, key: string) => ({ file, line, column, key })
    const accountGroup = (
      entra: string,
      databricks: string,
      line: number,
      i: number,
      more: Partial<GroupMapping> = {}
    ): GroupMapping => ({
      entra,
      databricks,
      entitlements: [],
      membersOnly: false,
      removal: 'deactivate',
      nested: 'flatten',
      at: at(line, 7, `account.groups[${i}]`),
      ...more
    })
    const expected: LoadedConfig = {
      files: [file],
      account: {
        id: '5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
        host: 'https://accounts.azuredatabricks.net',
        // account.max-deletions wins over the file's defaults.max-deletions (20, which the workspaces get).
        maxDeletions: { kind: 'percent', value: 5 },
        file,
        at: at(9, 1, 'account'),
        groups: [
          accountGroup('Data Engineers', 'Data Engineers', 13, 0),
          accountGroup('Data Analysts', 'data-analysts', 14, 1, { removal: 'remove-membership', nested: 'direct' }),
          accountGroup('3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'platform-admins', 18, 2)
        ]
      },
      workspaces: [
        {
          name: 'analytics-prod',
          host: 'https://adb-6234138917436195.15.azuredatabricks.net',
          auth: 'entra',
          groups: [],
          maxDeletions: { kind: 'count', value: 20 },
          // From the host: adb-<id>.<n>.azuredatabricks.net.
          workspaceId: '6234138917436195',
          accountGroups: [
            { group: 'Data Engineers', permission: 'USER', at: at(25, 9, 'workspaces[0].account-groups[0]') },
            { group: 'data-analysts', permission: 'USER', at: at(26, 9, 'workspaces[0].account-groups[1]') },
            { group: 'platform-admins', permission: 'ADMIN', at: at(27, 9, 'workspaces[0].account-groups[2]') }
          ],
          file,
          at: at(22, 5, 'workspaces[0]')
        },
        {
          name: 'analytics-dev',
          host: 'https://adb-1111111111111111.1.azuredatabricks.net',
          auth: 'entra',
          groups: [
            {
              entra: 'Data Scientists',
              databricks: 'Data Scientists',
              entitlements: ['workspace-access'],
              membersOnly: false,
              removal: 'deactivate',
              nested: 'flatten',
              at: at(34, 9, 'workspaces[1].groups[0]')
            }
          ],
          maxDeletions: { kind: 'count', value: 20 },
          workspaceId: '1111111111111111',
          accountGroups: [
            { group: 'data-analysts', permission: 'USER', at: at(36, 9, 'workspaces[1].account-groups[0]') }
          ],
          file,
          at: at(30, 5, 'workspaces[1]')
        },
        {
          name: 'local-demo',
          host: 'https://127.0.0.1:8443',
          auth: 'entra',
          groups: [],
          maxDeletions: { kind: 'count', value: 20 },
          // Read as written: 9007199254740993 is beyond what a JavaScript number holds exactly.
          workspaceId: '9007199254740993',
          accountGroups: [
            { group: 'Data Engineers', permission: 'USER', at: at(43, 9, 'workspaces[2].account-groups[0]') }
          ],
          file,
          at: at(39, 5, 'workspaces[2]')
        }
      ]
    }
    expect(config).toEqual(expected)
  })

  test("several files each own workspaces; each file's defaults apply to its own groups only", async () => {
    const { config, problems } = await load('good/multi/*.yml')
    expect(problems).toEqual([])
    expect(config.files).toEqual(['good/multi/analytics.yml', 'good/multi/ml.yml'])
    const summary = config.workspaces.map((w) => ({
      name: w.name,
      file: w.file,
      host: w.host,
      max: w.maxDeletions,
      groups: w.groups.map((g) => `${g.entra}->${g.databricks} ${g.removal}/${g.nested} ${g.entitlements.join('+')}`)
    }))
    expect(summary).toEqual([
      {
        name: 'analytics-prod',
        file: 'good/multi/analytics.yml',
        host: 'https://adb-6234138917436195.15.azuredatabricks.net',
        max: { kind: 'count', value: 5 },
        groups: [
          'Data Engineers->Data Engineers deactivate/flatten workspace-access',
          'Analysts->Analysts keep/flatten workspace-access'
        ]
      },
      {
        name: 'ml-prod',
        file: 'good/multi/ml.yml',
        host: 'https://adb-7777777777777777.7.databricks.azure.us',
        max: { kind: 'percent', value: 20 },
        groups: [
          'ML Engineers->ml-engineers remove-membership/flatten workspace-access+allow-cluster-create+allow-instance-pool-create'
        ]
      },
      {
        name: 'local-demo',
        file: 'good/multi/ml.yml',
        host: 'https://127.0.0.1:8443',
        max: { kind: 'percent', value: 10 },
        groups: ['ML Engineers->ML Engineers remove-membership/flatten workspace-access']
      }
    ])
    expect(config.workspaces[2]?.tokenSecret).toBe(
      'https://localhost:8444/secrets/demo-pat/0123456789abcdef0123456789abcdef'
    )
  })

  test('several patterns, comma or newline separated, are merged, de-duplicated and sorted', async () => {
    const { config, problems } = await load('good/multi/ml.yml, good/minimal.yml\ngood/multi/{ml,analytics}.yml')
    expect(problems).toEqual([])
    expect(config.files).toEqual(['good/minimal.yml', 'good/multi/analytics.yml', 'good/multi/ml.yml'])
  })

  test('a directory stands for the YAML files in it', async () => {
    const { config, problems } = await load('good/multi')
    expect(problems).toEqual([])
    expect(config.files).toEqual(['good/multi/analytics.yml', 'good/multi/ml.yml'])
  })

  test('an absolute path works and is shown relative to cwd', async () => {
    const { config } = await load(path.join(fixtures, 'good/minimal.yml'))
    expect(config.files).toEqual(['good/minimal.yml'])
  })
})

describe('files that cannot be used', () => {
  test('no match names the pattern and the fix', async () => {
    const { config, problems } = await load('.github/databricks-identities.yml')
    expect(config).toEqual({ files: [], workspaces: [] })
    expect(problems).toEqual([
      {
        file: '',
        line: 0,
        column: 0,
        key: 'config',
        message:
          `config: no config file matches ".github/databricks-identities.yml"; create it (the default is .github/databricks-identities.yml) ` +
          `or set the action's config input to the path or glob of your config files, relative to the repository root; ` +
          'if the files are in the repository, check that the job runs actions/checkout first',
        severity: 'error'
      }
    ])
  })

  test('an empty input means the default path', async () => {
    const { problems } = await load('  ')
    expect(problems[0]?.message).toContain('no config file matches ".github/databricks-identities.yml"')
  })

  test('one pattern of several matching nothing is a problem too', async () => {
    const { config, problems } = await load('good/minimal.yml, good/typo-*.yml')
    expect(config.files).toEqual(['good/minimal.yml'])
    expect(problems).toEqual([
      {
        file: '',
        line: 0,
        column: 0,
        key: 'config',
        message: 'config: no file matches "good/typo-*.yml" (other patterns matched 1); fix or remove the pattern',
        severity: 'error'
      }
    ])
  })

  test('a file over 1 MiB is refused unread', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'config-'))
    mkdirSync(path.join(dir, '.github'))
    writeFileSync(path.join(dir, '.github/databricks-identities.yml'), `version: 1\n#${'x'.repeat(1024 * 1024)}\n`)
    const { config, problems } = await loadConfig('.github/databricks-identities.yml', { cwd: dir })
    expect(config.workspaces).toEqual([])
    expect(problems).toEqual([
      {
        file: '.github/databricks-identities.yml',
        line: 1,
        column: 1,
        key: '',
        message:
          'the file is 1048589 bytes, over the 1 MiB (1048576 bytes) limit for config files; split the workspaces across several files',
        severity: 'error'
      }
    ])
  })
})
