// The config of accounts with automatic identity management (account.identity: aim): the keys, what they normalize
// to, and the checks validate makes (keys that need AIM, keys AIM refuses, each principal once, the denylist).
import { describe, expect, test } from '@jest/globals'
import { loadConfigSources } from '../src/config/index.js'

const ACCOUNT_ID = '5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b'
const HOST = 'https://adb-1111111111111111.1.azuredatabricks.net'

function load(text: string, more: { file: string; text: string }[] = []) {
  return loadConfigSources([{ file: 'c.yml', text }, ...more])
}

/** Problems as `line:column message` strings (warnings marked). */
function check(text: string, more: { file: string; text: string }[] = []): string[] {
  return load(text, more).problems.map(
    (p) =>
      `${p.file === 'c.yml' ? '' : `${p.file} `}${p.line}:${p.column} ${p.severity === 'warning' ? 'warning ' : ''}${p.message}`
  )
}

const aimConfig = (account: string, workspace = ''): string =>
  `version: 1\naccount:\n  id: ${ACCOUNT_ID}\n${account}workspaces:\n  - name: ws\n    host: ${HOST}\n${workspace || '    account-groups: [Data Engineers]\n'}`

describe('account.identity: aim', () => {
  test('a complete config normalizes every key', () => {
    const { config, problems } = load(
      aimConfig(
        '  identity: aim\n  groups: [Data Engineers]\n  service-principals:\n    - etl-orchestrator\n    - entra: 0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b\n      removal: keep\n  users: [adele.vance@contoso.com]\n  deny:\n    - group: Contractors\n    - user: mallory@contoso.com\n      remove: true\n',
        '    account-groups:\n      - group: Data Engineers\n        permission: ADMIN\n        entitlements: [workspace-access, databricks-sql-access]\n    account-service-principals:\n      - etl-orchestrator\n      - service-principal: 0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b\n        permission: ADMIN\n'
      )
    )
    expect(problems).toEqual([])
    const account = config.account!
    expect(account.identity).toBe('aim')
    expect(account.groups.map((g) => g.entra)).toEqual(['Data Engineers'])
    expect(account.servicePrincipals?.map((p) => [p.entra, p.removal])).toEqual([
      ['etl-orchestrator', 'remove-membership'],
      ['0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b', 'keep']
    ])
    expect(account.users?.map((p) => p.entra)).toEqual(['adele.vance@contoso.com'])
    expect(account.deny?.map((d) => [d.kind, d.entra, d.remove])).toEqual([
      ['group', 'Contractors', false],
      ['user', 'mallory@contoso.com', true]
    ])
    const ws = config.workspaces[0]!
    expect(ws.accountGroups.map((a) => [a.group, a.permission, a.entitlements])).toEqual([
      ['Data Engineers', 'ADMIN', ['workspace-access', 'databricks-sql-access']]
    ])
    expect(ws.accountServicePrincipals?.map((a) => [a.servicePrincipal, a.permission])).toEqual([
      ['etl-orchestrator', 'USER'],
      ['0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b', 'ADMIN']
    ])
  })

  test('without identity: aim, the AIM keys are errors that say how to turn it on', () => {
    expect(
      check(
        aimConfig(
          '  service-principals: [etl]\n  deny:\n    - group: Contractors\n',
          '    account-groups:\n      - group: a\n        entitlements: [workspace-access]\n    account-service-principals: [etl]\n'
        )
      )
    ).toEqual([
      '4:3 account.service-principals: is used only when the account uses automatic identity management: add "identity: aim" to the account block (when Databricks syncs Entra ID itself), or remove it',
      '5:3 account.deny: is used only when the account uses automatic identity management: add "identity: aim" to the account block (when Databricks syncs Entra ID itself), or remove it',
      '12:9 workspaces[0].account-groups[0].entitlements: is used only when the account uses automatic identity management: add "identity: aim" to the account block (when Databricks syncs Entra ID itself), or remove it',
      '13:5 workspaces[0].account-service-principals: is used only when the account uses automatic identity management: add "identity: aim" to the account block (when Databricks syncs Entra ID itself), or remove it'
    ])
  })

  test('with identity: aim, workspace SCIM groups and renamed account groups are refused', () => {
    const problems = check(
      aimConfig(
        '  identity: aim\n  groups:\n    - entra: Data Engineers\n      databricks: data-engineers\n      nested: direct\n',
        '    groups: [Data Analysts]\n    account-groups: [Data Engineers]\n'
      )
    )
    expect(problems).toEqual([
      '7:19 account.groups[0].databricks: cannot rename the group: with identity: aim, Databricks brings the Entra group under its Entra name; remove "databricks" and use the Entra name in account-groups',
      '8:7 warning account.groups[0].nested: has no effect with identity: aim: Databricks keeps the group’s members, nested groups included, itself; remove it',
      '12:5 workspaces[0].groups: cannot be used when the account uses automatic identity management (account.identity: aim): Databricks brings users and group membership from Entra itself, and this action writes none through SCIM; list the Entra group under account.groups and assign it here with account-groups'
    ])
  })

  test('service principals assigned must be listed in the account, each once; principals listed once', () => {
    expect(
      check(
        aimConfig(
          '  identity: aim\n  service-principals: [etl, ETL]\n  users: [a@contoso.com, a@contoso.com]\n',
          '    account-service-principals: [etl, other, etl]\n'
        )
      )
    ).toEqual([
      '5:29 account.service-principals[1]: service principal "ETL" is already listed at line 5 (account.service-principals[0]); list each once',
      '6:26 account.users[1]: user "a@contoso.com" is already listed at line 6 (account.users[0]); list each once',
      '10:39 workspaces[0].account-service-principals[1]: "other" is not listed under account.service-principals; add it there (as written here) so the account resolves it',
      '10:46 workspaces[0].account-service-principals[2]: service principal "etl" is already listed at line 10 (workspaces[0].account-service-principals[0]); list each once'
    ])
  })

  test('deny entries name exactly one principal, once; at most 100 rules', () => {
    expect(
      check(
        aimConfig(
          '  identity: aim\n  deny:\n    - remove: true\n    - group: A\n      user: b@contoso.com\n    - group: A\n    - group: a\n'
        )
      )
    ).toEqual([
      '6:7 account.deny[0]: names no principal; write exactly one of "group: <Entra group>", "user: <user principal name>" or "service-principal: <name or application id>"',
      '7:7 account.deny[1]: names "group" and "user"; a rule denies one principal, so write one entry per principal',
      '10:14 account.deny[3].group: group "a" is already in the denylist at line 9 (account.deny[2]); list each once'
    ])
    const many = Array.from({ length: 101 }, (_, i) => `    - user: u${i}@contoso.com\n`).join('')
    const problems = check(
      aimConfig(`  identity: aim\n  deny:\n${many}    - user: gone@contoso.com\n      remove: true\n`)
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(
      /account\.deny\[100\]: is the 101st rule of the denylist, and a Databricks account holds at most 100/
    )
  })

  test('the identity is the account’s, whichever file says it; two files that disagree are an error', () => {
    const other = { file: 'd.yml', text: `version: 1\naccount:\n  id: ${ACCOUNT_ID}\n  identity: scim\n` }
    expect(check(aimConfig('  identity: aim\n  groups: [Data Engineers]\n'), [other])).toEqual([
      'd.yml 4:13 account.identity: "scim" differs from the account\'s identity "aim" set at c.yml:4; set it in one file only'
    ])
    const more = { file: 'd.yml', text: `version: 1\naccount:\n  id: ${ACCOUNT_ID}\n  service-principals: [etl]\n` }
    const { config, problems } = load(aimConfig('  identity: aim\n'), [more])
    expect(problems).toEqual([])
    expect(config.account?.servicePrincipals?.map((p) => p.entra)).toEqual(['etl'])
  })

  test('the schema offers the keys and words, and refuses unknown ones', () => {
    expect(check(aimConfig('  identity: automatic\n'))).toEqual([
      '4:13 account.identity: "automatic" is not a valid value; use one of: scim, aim'
    ])
    expect(check(aimConfig('  identity: aim\n  deny:\n    - group: A\n      reason: left\n'))).toEqual([
      '7:7 account.deny[0]: unknown key "reason"; the keys allowed here are group, user, service-principal and remove'
    ])
  })
})
