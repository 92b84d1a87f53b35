// End-to-end: `node dist/index.js` with command: validate against fixture config files, as a runner runs it.
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, runAction, type Annotation } from '../emulators/runner.js'
import { escapeHtml as escape } from '../src/report/markdown.js'

const GOOD = join(ROOT, '__tests__', 'fixtures', 'config', 'good')
const BAD = join(ROOT, '__tests__', 'fixtures', 'config', 'bad')

const validate = (cwd: string, inputs: Record<string, string> = {}) =>
  runAction({ cwd, inputs: { command: 'validate', ...inputs } })

const failure = (errors: number): Annotation => ({
  level: 'error',
  message: `Config validation found ${errors} error(s); see the annotations and the job summary.`
})

describe('validate: good config', () => {
  test('a realistic file with two workspaces passes with a summary of what it holds', async () => {
    const run = await validate(GOOD, { config: 'databricks-identities.yml' })
    expect(run.stderr).toBe('')
    expect(run.annotations).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs).toEqual({ errors: '0', warnings: '0' })
    expect(run.summary).toContain('<h2>✅ Databricks identity config: valid</h2>')
    expect(run.summary).toContain('<p>1 file checked, 2 workspaces, 6 groups: 0 errors, 0 warnings.</p>')
    expect(run.summary).toContain(
      '<tr><td>analytics-prod</td><td>https://adb-6234138917436195.15.azuredatabricks.net</td><td>PAT from Key Vault</td><td>4</td><td>25</td><td>databricks-identities.yml:15</td></tr>'
    )
    expect(run.summary).toContain(
      '<tr><td>analytics-prod</td><td>Data Engineers</td><td>data-engineers</td><td>workspace-access, databricks-sql-access</td><td>remove-membership, flatten</td></tr>'
    )
    expect(run.summary).toContain('<td>Finance Analysts</td><td><em>members only</em></td>')
    expect(run.summary).toContain('Online check skipped: set <code>tenant-id</code> and <code>client-id</code>')
  })

  test('a glob across files that each own workspaces, with per-file defaults', async () => {
    const run = await validate(GOOD, { config: 'multi/*.yml' })
    expect(run.code).toBe(0)
    expect(run.summary).toContain('<p>2 files checked, 3 workspaces, 4 groups: 0 errors, 0 warnings.</p>')
    expect(run.summary).toContain('<li><code>multi/analytics.yml</code></li><li><code>multi/ml.yml</code></li>')
    // analytics.yml's defaults (deactivate, 5) do not leak into ml.yml's workspaces.
    expect(run.summary).toContain(
      '<td>analytics-prod</td><td>Analysts</td><td>Analysts</td><td>workspace-access</td><td>keep, flatten</td>'
    )
    expect(run.summary).toContain('<td>ml-prod</td><td>ML Engineers</td><td>ml-engineers</td>')
    expect(run.summary).toMatch(
      /<td>ml-prod<\/td><td>https:\/\/adb-7777777777777777\.7\.databricks\.azure\.us<\/td><td>Entra token<\/td><td>1<\/td><td>20%<\/td>/
    )
    expect(run.summary).toMatch(/<td>analytics-prod<\/td><td>[^<]+<\/td><td>Entra token<\/td><td>2<\/td><td>5<\/td>/)
  })

  test('workspace: account validates the account (sync accepts it, so validate does too)', async () => {
    const run = await validate(GOOD, { config: 'account.yml', workspace: 'account' })
    expect(run.annotations).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs).toEqual({ errors: '0', warnings: '0' })
  })

  test('workspace: account without an account block is an error that says how to fix it', async () => {
    const run = await validate(GOOD, { config: 'minimal.yml', workspace: 'account' })
    expect(run.code).toBe(1)
    expect(run.annotations[0]?.message).toMatch(
      /"account" selects the Databricks account, but no config file declares one/
    )
  })

  test('the workspace input narrows the check to the named workspaces', async () => {
    const run = await validate(GOOD, { config: 'multi/*.yml', workspace: 'ML-PROD' })
    expect(run.code).toBe(0)
    expect(run.summary).toContain('2 files checked, 1 workspace, 1 group')
  })
})

// One case per mistake: the exact annotation GitHub puts on the pull request diff.
const CASES: Array<[config: string, annotation: Required<Annotation>]> = [
  [
    'unknown-key.yml',
    {
      level: 'error',
      file: 'unknown-key.yml',
      line: 8,
      col: 9,
      title: 'workspaces[0].groups[1].entitlement',
      message: 'workspaces[0].groups[1]: unknown key "entitlement"; did you mean "entitlements"?'
    }
  ],
  [
    'http-host.yml',
    {
      level: 'error',
      file: 'http-host.yml',
      line: 4,
      col: 11,
      title: 'workspaces[0].host',
      message:
        'workspaces[0].host: "http://adb-6234138917436195.15.azuredatabricks.net" must be an https URL of a Databricks workspace (https://adb-<id>.<n>.azuredatabricks.net)'
    }
  ],
  [
    'non-databricks-host.yml',
    {
      level: 'error',
      file: 'non-databricks-host.yml',
      line: 4,
      col: 11,
      title: 'workspaces[0].host',
      message:
        'workspaces[0].host: "https://databricks.contoso.com" is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)'
    }
  ],
  [
    'pat-without-secret.yml',
    {
      level: 'error',
      file: 'pat-without-secret.yml',
      line: 5,
      col: 11,
      title: 'workspaces[0].auth',
      message: `workspaces[0].auth: "pat" needs token-secret, the Key Vault secret id of the workspace's personal access token; add token-secret: https://<vault>.vault.azure.net/secrets/<name>`
    }
  ],
  [
    'secret-is-key-id.yml',
    {
      level: 'error',
      file: 'secret-is-key-id.yml',
      line: 6,
      col: 19,
      title: 'workspaces[0].token-secret',
      message:
        'workspaces[0].token-secret: "https://kv-data.vault.azure.net/keys/dbx-prod-pat" is a Key Vault key id, not a secret id; store the Databricks token as a secret and use its id, e.g. https://kv-data.vault.azure.net/secrets/<name>'
    }
  ],
  [
    'bad-max-deletions.yml',
    {
      level: 'error',
      file: 'bad-max-deletions.yml',
      line: 3,
      col: 18,
      title: 'defaults.max-deletions',
      message: 'defaults.max-deletions: "150%" must be a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'
    }
  ],
  [
    'duplicate-name/*.yml',
    {
      level: 'error',
      file: 'duplicate-name/ml.yml',
      line: 7,
      col: 11,
      title: 'workspaces[1].name',
      message:
        'workspaces[1].name: workspace "Analytics-Prod" is already declared at duplicate-name/analytics.yml:3; workspace names must be unique (ignoring case) across all config files, so rename or remove one'
    }
  ],
  [
    'duplicate-host.yml',
    {
      level: 'error',
      file: 'duplicate-host.yml',
      line: 8,
      col: 11,
      title: 'workspaces[1].host',
      message:
        'workspaces[1].host: "https://ADB-6234138917436195.15.azuredatabricks.net/" is already the host of workspace "analytics-prod" (line 4); declare each workspace once'
    }
  ],
  [
    'group-twice.yml',
    {
      level: 'error',
      file: 'group-twice.yml',
      line: 8,
      col: 16,
      title: 'workspaces[0].groups[2].entra',
      message:
        'workspaces[0].groups[2].entra: Entra group "data engineers" is already listed at line 6 (workspaces[0].groups[0]); list each group once per workspace'
    }
  ],
  [
    'version-2.yml',
    {
      level: 'error',
      file: 'version-2.yml',
      line: 1,
      col: 10,
      title: 'version',
      message: 'version: 2 is not supported by this version of the action (supported versions: 1); set version: 1'
    }
  ],
  [
    'syntax-error.yml',
    {
      level: 'error',
      file: 'syntax-error.yml',
      line: 5,
      col: 5,
      title: 'config',
      message:
        'YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]; check the indentation, quotes and brackets on this line and the line before'
    }
  ],
  [
    'duplicate-key.yml',
    {
      level: 'error',
      file: 'duplicate-key.yml',
      line: 7,
      col: 5,
      title: 'workspaces[0].host',
      message:
        'workspaces[0]: duplicate key "host" (first at line 4); a key may appear only once in a mapping, remove one of them'
    }
  ],
  [
    'groups-string.yml',
    {
      level: 'error',
      file: 'groups-string.yml',
      line: 5,
      col: 13,
      title: 'workspaces[0].groups',
      message:
        'workspaces[0].groups: must be a list, not a string ("Data Engineers"); write each group on its own line starting with "- "'
    }
  ],
  [
    'missing-name.yml',
    {
      level: 'error',
      file: 'missing-name.yml',
      line: 3,
      col: 5,
      title: 'workspaces[0].name',
      message:
        'workspaces[0]: missing required key "name"; add a short unique name for the workspace, e.g. "name: analytics-prod"'
    }
  ],
  [
    'alias-bomb.yml',
    {
      level: 'error',
      file: 'alias-bomb.yml',
      line: 3,
      col: 8,
      title: 'config',
      message:
        'YAML aliases expand to too much data (more than 100 alias expansions; this looks like an alias bomb); use fewer aliases (*name) or write the values out'
    }
  ],
  [
    'not-a-mapping.yml',
    {
      level: 'error',
      file: 'not-a-mapping.yml',
      line: 1,
      col: 1,
      title: 'config',
      message: 'the file is a list; a config file is a mapping that starts with "version: 1" and lists "workspaces"'
    }
  ],
  [
    'admins-group.yml',
    {
      level: 'error',
      file: 'admins-group.yml',
      line: 7,
      col: 21,
      title: 'workspaces[0].groups[0].databricks',
      message:
        'workspaces[0].groups[0].databricks: "admins" is a built-in Databricks group that this action never changes; set databricks: to another group name'
    }
  ]
]

describe('validate: bad config', () => {
  test.each(CASES)('%s', async (config, annotation) => {
    const run = await validate(BAD, { config })
    expect(run.annotations).toEqual([annotation, failure(1)])
    expect(run.code).toBe(1)
    expect(run.outputs).toEqual({ errors: '1', warnings: '0' })
    expect(run.summary).toContain('<h2>❌ Databricks identity config: invalid</h2>')
    expect(run.summary).toContain(
      `<tr><td>❌ error</td><td>${annotation.file}</td><td>${annotation.line}:${annotation.col}</td><td>${annotation.title === 'config' ? '—' : `<code>${escape(annotation.title)}</code>`}</td><td>${escape(annotation.message)}</td></tr>`
    )
  })

  test('every problem of every file is reported in one run, not the first only', async () => {
    const run = await validate(BAD, { config: '**/*.yml' })
    const errors = run.annotations.filter((a) => a.level === 'error' && a.file)
    const files = new Set(errors.map((a) => a.file))
    expect(files.size).toBeGreaterThanOrEqual(25)
    // Together the files also clash with each other (they all declare analytics-prod); the rest is unchanged.
    for (const [, annotation] of CASES.filter(([, a]) => !/already (declared|the host)/.test(a.message))) {
      expect(errors).toContainEqual(annotation)
    }
    expect(errors).toContainEqual(
      expect.objectContaining({ file: 'duplicate-name/ml.yml', line: 7, col: 11, title: 'workspaces[1].name' })
    )
    expect(run.annotations.at(-1)).toEqual(failure(errors.length))
    expect(run.outputs).toEqual({ errors: String(errors.length), warnings: '1' })
    expect(run.code).toBe(1)
    // GitHub shows 10 annotations per step on the diff; the summary lists all of them.
    expect(run.summary).toContain(
      `GitHub shows at most 10 error annotations per step on the pull request; all ${errors.length} errors are listed here.`
    )
    expect(run.summary).toContain(`<details><summary>Problems (${errors.length + 1})</summary>`)
  })

  test('a warning alone does not fail the check', async () => {
    const run = await validate(BAD, { config: 'empty-groups.yml' })
    expect(run.code).toBe(0)
    expect(run.annotations).toEqual([
      {
        level: 'warning',
        file: 'empty-groups.yml',
        line: 5,
        col: 5,
        title: 'workspaces[0].groups',
        message:
          'workspaces[0].groups: the list is empty, so nothing is synced into this workspace; add the Entra groups to sync'
      }
    ])
    expect(run.outputs).toEqual({ errors: '0', warnings: '1' })
  })
})

describe('validate: inputs', () => {
  test('a config pattern that matches nothing names the pattern and the fix', async () => {
    const run = await validate(GOOD, { config: '.github/databricks-identities.yml' })
    expect(run.code).toBe(1)
    const [problem] = run.annotations
    expect(problem?.level).toBe('error')
    expect(problem?.message).toContain('.github/databricks-identities.yml')
    expect(problem?.message).toContain('actions/checkout')
    expect(run.summary).toContain('0 files checked')
  })

  test('an unknown workspace name lists the known ones', async () => {
    const run = await validate(GOOD, { config: 'minimal.yml', workspace: 'sandbox,prod' })
    expect(run.code).toBe(1)
    expect(run.annotations[0]?.message).toMatch(/"prod".*sandbox/)
  })

  test('an unknown command fails with the allowed ones', async () => {
    const run = await runAction({ cwd: GOOD, inputs: { command: 'sink' } })
    expect(run.code).toBe(1)
    expect(run.annotations).toEqual([
      {
        level: 'error',
        message:
          'Input "command" is "sink", which is not a command of this action.\nFix: Use one of: validate, sync, provision-app, matrix.'
      }
    ])
    expect(run.summary).toContain(
      '<h3>❌ The action failed</h3>\n<pre>Input &quot;command&quot; is &quot;sink&quot;, which is not a command of this action.<br>Fix: Use one of: validate, sync, provision-app, matrix.</pre>'
    )
  })
})

// Found by an adversarial run: these validated with exit 0 and then synced nothing, or failed later invisibly.
describe('validate: silent config is an error at its line', () => {
  test('a whitespace-only group, a name with U+2028, and localhost / 127.0.0.1 as two workspaces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-validate-silent-'))
    writeFileSync(
      join(dir, 'c.yml'),
      [
        'version: 1',
        'workspaces:',
        '  - name: one',
        '    host: https://localhost:8443',
        '    groups: ["   ", "Data\u2028Engineers"]',
        '  - name: two',
        '    host: https://127.0.0.1:8443',
        '    groups: [Data Engineers]',
        ''
      ].join('\n')
    )
    const run = await validate(dir, { config: 'c.yml' })
    expect(run.code).toBe(1)
    expect(run.annotations.map((a) => `${a.line ?? 0}: ${a.message}`)).toEqual([
      expect.stringMatching(/^5: workspaces\[0\]\.groups\[0\]: is only whitespace/),
      expect.stringMatching(/^5: workspaces\[0\]\.groups\[1\]: .*invisible line separator U\+2028/),
      expect.stringMatching(/^7: workspaces\[1\]\.host: .* is already the host of workspace "one"/),
      expect.stringContaining('Config validation found 3 error(s)')
    ])
  })
})
