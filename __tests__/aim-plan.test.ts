// The pure planners of accounts with automatic identity management: resolve (what the account lacks), workspace
// access (assignments, entitlements, removals, drift), the denylist and the readiness report.
import { describe, expect, test } from '@jest/globals'
import { planAimAssignments } from '../src/core/aim-assignments.js'
import { planResolve, principalFor, type AccountEntry, type AimWanted, type SourceEntry } from '../src/core/aim.js'
import { circuitBreaker } from '../src/core/breaker.js'
import { MAX_ACCOUNT_DENY_RULES, planDenyRules } from '../src/core/deny-rules.js'
import type { Entitlement } from '../src/core/model.js'
import { describeOperation } from '../src/core/operations.js'
import { readinessFindings } from '../src/core/readiness.js'

const ENGINEERS: SourceEntry = {
  kind: 'group',
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  displayName: 'Data Engineers'
}
const ANALYSTS: SourceEntry = {
  kind: 'group',
  id: 'aaaaaaaa-0000-4000-8000-000000000002',
  displayName: 'Data Analysts'
}
const ETL: SourceEntry = {
  kind: 'servicePrincipal',
  id: 'aaaaaaaa-0000-4000-8000-000000000003',
  displayName: 'etl',
  key: '0b6f3a8e-2c41-4d9b-8e7a-5f1c2d3e4a5b'
}
const ADA: SourceEntry = {
  kind: 'user',
  id: 'aaaaaaaa-0000-4000-8000-000000000004',
  displayName: 'Ada',
  key: 'ada@contoso.com'
}

const wanted = (found: SourceEntry, ref = found.displayName, removal: AimWanted['removal'] = 'remove-membership') =>
  ({ kind: found.kind, ref, removal, found }) satisfies AimWanted

describe('resolve', () => {
  test('resolves only what the account lacks: groups by externalId, users and service principals also by key', () => {
    const account: AccountEntry[] = [
      { kind: 'group', id: '9007199254740993', name: 'Data Engineers', externalId: ENGINEERS.id.toUpperCase() },
      // A local group of the same name is not the Entra group.
      { kind: 'group', id: '9007199254740995', name: 'Data Analysts' },
      // Account SCIM keeps no externalId on users: the user name is the match.
      { kind: 'user', id: '9007199254740997', name: 'ada@contoso.com', key: 'ADA@contoso.com' }
    ]
    const plan = planResolve(
      [wanted(ENGINEERS), wanted(ANALYSTS), wanted(ETL), wanted(ADA, 'ada@contoso.com')],
      account
    )
    expect(plan.operations.map(describeOperation)).toEqual([
      `resolve group Data Analysts (${ANALYSTS.id}) in the account`,
      `resolve service principal etl (${ETL.id}) in the account`
    ])
    expect(plan.principals.map((p) => [p.name, p.id, p.present])).toEqual([
      ['Data Engineers', '9007199254740993', true],
      ['Data Analysts', undefined, false],
      ['etl', undefined, false],
      ['ada@contoso.com', '9007199254740997', true]
    ])
  })

  test('one principal named twice is resolved once; keep on either entry keeps it', () => {
    const plan = planResolve([wanted(ETL, 'etl'), wanted(ETL, ETL.id, 'keep')], [])
    expect(plan.operations).toHaveLength(1)
    expect(plan.principals).toHaveLength(1)
    expect(plan.principals[0]).toMatchObject({ refs: ['etl', ETL.id], removal: 'keep' })
    // A workspace entry finds it by either reference, its application id, or its Entra name.
    for (const ref of ['etl', ETL.id, ETL.key as string, 'ETL']) {
      expect(principalFor(plan.principals, 'servicePrincipal', ref)?.externalId).toBe(ETL.id)
    }
    expect(principalFor(plan.principals, 'group', 'etl')).toBeUndefined()
  })
})

describe('workspace access', () => {
  const managed = planResolve(
    [wanted(ENGINEERS), wanted(ANALYSTS), wanted(ETL, 'etl', 'keep')],
    [
      { kind: 'group', id: '11', name: 'Data Engineers', externalId: ENGINEERS.id },
      { kind: 'group', id: '13', name: 'Data Analysts', externalId: ANALYSTS.id },
      { kind: 'servicePrincipal', id: '15', name: 'etl', key: ETL.key, externalId: ETL.id }
    ]
  ).principals
  const ref = (name: string) => {
    const p = managed.find((m) => m.name === name)!
    return { kind: p.kind, externalId: p.externalId, name: p.name, ...(p.id ? { id: p.id } : {}) }
  }
  const workspace = { name: 'prod', workspaceId: '6234138917436195' }

  test('assigns, changes a permission, sets entitlements exactly, removes a listed group no longer assigned here', () => {
    const plan = planAimAssignments({
      workspace,
      wanted: [
        { principal: ref('Data Engineers'), permission: 'ADMIN', entitlements: ['workspace-access'] },
        { principal: ref('etl'), permission: 'USER', entitlements: [] }
      ],
      current: [
        { principalId: '11', groupName: 'Data Engineers', permissions: ['USER'] },
        { principalId: '13', groupName: 'Data Analysts', permissions: ['USER'] },
        { principalId: '21', userName: 'ada@contoso.com', displayName: 'Ada', permissions: ['USER'] },
        { principalId: '23', groupName: 'platform-admins', permissions: ['ADMIN'] }
      ],
      managed,
      entitlements: new Map<string, Entitlement[]>([['11', ['workspace-access', 'databricks-sql-access']]])
    })
    expect(plan.operations.map(describeOperation)).toEqual([
      'assign group Data Engineers to workspace prod as ADMIN',
      'assign service principal etl to workspace prod as USER',
      'set entitlements of group Data Engineers in workspace prod to workspace-access',
      'unassign group Data Analysts from workspace prod'
    ])
    // What the config does not mention is reported, never removed.
    expect(plan.drift.map((d) => d.subject)).toEqual(['group platform-admins', 'user Ada (ada@contoso.com)'])
    // The breaker's share is of the group and service principal assignments.
    expect(plan.base).toBe(3)
    expect(circuitBreaker(plan.operations, plan.base, { kind: 'count', value: 0 }).tripped).toBe(true)
  })

  test('nothing to do when it matches; removal: keep never unassigns', () => {
    const plan = planAimAssignments({
      workspace,
      wanted: [{ principal: ref('Data Engineers'), permission: 'USER', entitlements: ['workspace-access'] }],
      current: [
        { principalId: '11', groupName: 'Data Engineers', permissions: ['USER'] },
        { principalId: '15', servicePrincipalName: ETL.key as string, displayName: 'etl', permissions: ['USER'] }
      ],
      managed,
      entitlements: new Map([['11', ['workspace-access']]])
    })
    expect(plan.operations).toEqual([])
    expect(plan.drift).toEqual([])
  })

  test('a principal resolved in this run (no id yet) is assigned, with the entitlements it has none of yet', () => {
    const fresh = { kind: 'group' as const, externalId: 'bbbbbbbb-0000-4000-8000-000000000001', name: 'New' }
    const plan = planAimAssignments({
      workspace,
      wanted: [{ principal: fresh, permission: 'USER', entitlements: ['databricks-sql-access'] }],
      current: [],
      managed: [],
      entitlements: new Map()
    })
    expect(plan.operations.map((o) => o.kind)).toEqual(['assign-principal', 'set-workspace-entitlements'])
  })
})

describe('denylist', () => {
  const contractors = { kind: 'group' as const, externalId: ANALYSTS.id, name: 'Contractors' }
  const mallory = { kind: 'user' as const, externalId: ADA.id, name: 'mallory@contoso.com' }

  test('adds what is missing, lifts only entries marked remove, reports rules made by hand', () => {
    const plan = planDenyRules(
      [
        { principal: contractors, remove: false },
        { principal: mallory, remove: true }
      ],
      [
        { externalId: ADA.id.toUpperCase(), principalType: 'USER' },
        { externalId: ETL.id, displayName: 'by hand', principalType: 'SERVICE_PRINCIPAL' }
      ]
    )
    expect(plan.operations.map((o) => o.kind)).toEqual(['add-deny-rule', 'remove-deny-rule'])
    expect(plan.findings.map((f) => f.subject)).toEqual(['service principal by hand'])
    expect(plan.problems).toEqual([])
    // Lifting a rule lets principals back in: the breaker counts it.
    expect(circuitBreaker(plan.operations, 2, { kind: 'count', value: 0 }).removals).toBe(1)
  })

  test('a plan that would go over the account limit of 100 rules stops', () => {
    const rules = Array.from({ length: MAX_ACCOUNT_DENY_RULES }, (_, i) => ({ externalId: `id-${i}` }))
    const plan = planDenyRules([{ principal: contractors, remove: false }], rules)
    expect(plan.problems).toEqual([expect.stringContaining('would hold 101 rules')])
  })
})

describe('readiness', () => {
  test('externalIds missing or wrong, duplicates, workspace-local groups shadowing account groups, each with its fix', () => {
    const findings = readinessFindings({
      account: [
        { kind: 'user', id: '1', name: 'ada@contoso.com', key: 'ada@contoso.com' },
        { kind: 'user', id: '3', name: 'gone@contoso.com', key: 'gone@contoso.com' },
        { kind: 'user', id: '5', name: 'bob@contoso.com', key: 'bob@contoso.com', externalId: ETL.id },
        { kind: 'servicePrincipal', id: '7', name: 'etl', key: ETL.key as string, externalId: ETL.id },
        { kind: 'group', id: '9', name: 'Data Analysts' },
        { kind: 'group', id: '11', name: 'Data Engineers', externalId: ENGINEERS.id },
        { kind: 'group', id: '13', name: 'data engineers', externalId: 'cccccccc-0000-4000-8000-000000000000' },
        { kind: 'group', id: '15', name: 'entra-databricks-sync-managed' },
        { kind: 'group', id: '17', name: 'local only' }
      ],
      byObjectId: new Map([
        [ETL.id, ETL],
        [ENGINEERS.id, ENGINEERS]
      ]),
      byKey: new Map([
        ['user:ada@contoso.com', [ADA]],
        ['group:data analysts', [ANALYSTS]],
        ['group:data engineers', [ENGINEERS]]
      ]),
      workspaces: [
        { name: 'prod', localGroups: ['Data Engineers', 'other'] },
        { name: 'dev', localGroups: [], error: 'HTTP 403' }
      ],
      ignoreGroups: ['entra-databricks-sync-managed']
    })
    expect(findings.map((f) => [f.check, f.subject])).toEqual([
      ['duplicate', 'group Data Engineers'],
      ['external-id-mismatch', 'group data engineers'],
      ['external-id-mismatch', 'user bob@contoso.com'],
      ['external-id-missing', 'group Data Analysts'],
      ['external-id-missing', 'user ada@contoso.com'],
      ['external-id-missing', 'user gone@contoso.com'],
      ['shadowing-group', 'workspace prod: group Data Engineers'],
      ['unchecked', 'workspace dev']
    ])
    const ada = findings.find((f) => f.subject === 'user ada@contoso.com')!
    expect(ada.fix).toContain(`set its externalId to ${ADA.id}`)
    expect(findings.find((f) => f.check === 'duplicate')?.fix).toContain('keep 11')
    // The right service principal is not reported; the user holding its object id is.
    expect(findings.find((f) => f.subject === 'user bob@contoso.com')?.detail).toContain('service principal')
  })
})
