// Account limits: users + service principals (10,000), groups (5,000) and direct memberships per principal (1,500)
// after the plan, at the limit, just over and far over it.
import { describe, expect, test } from '@jest/globals'
import { ACCOUNT_LIMITS, checkAccountLimits } from '../src/core/account-limits.js'
import type { ActualGroup, ActualPrincipal, ActualState, PrincipalRef } from '../src/core/model.js'
import type { Operation } from '../src/core/operations.js'
import type { StepPlan } from '../src/core/results.js'

const users = (n: number, prefix = 'u'): ActualPrincipal[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'user',
    id: `${prefix}${i}`,
    key: `${prefix}${i}@contoso.com`,
    displayName: `User ${prefix}${i}`,
    active: true,
    entitlements: []
  }))
const sps = (n: number): ActualPrincipal[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'servicePrincipal',
    id: `sp${i}`,
    key: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    active: true,
    entitlements: []
  }))
const groups = (n: number, memberIds: (i: number) => string[] = () => []): ActualGroup[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `g${i}`,
    displayName: `Group ${i}`,
    entitlements: [],
    memberIds: memberIds(i)
  }))

const actual = (extra: Partial<ActualState> = {}): ActualState => ({
  users: [],
  servicePrincipals: [],
  groups: [],
  ...extra
})

const plan = (operations: Operation[]): StepPlan => ({
  step: 'identities',
  operations,
  skips: [],
  breaker: { removals: 0, base: 0, limit: 0, maxDeletions: { kind: 'count', value: 0 }, tripped: false }
})

const createUsers = (n: number): Operation[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'create-user',
    userName: `new${i}@contoso.com`,
    displayName: `New ${i}`,
    externalId: `e${i}`,
    entitlements: []
  }))
const createSps = (n: number): Operation[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'create-service-principal',
    applicationId: `app-${i}`,
    displayName: `App ${i}`,
    externalId: `e${i}`,
    entitlements: []
  }))
const createGroups = (n: number): Operation[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'create-group',
    displayName: `New group ${i}`,
    externalId: `x${i}`,
    entitlements: []
  }))
const ref = (p: ActualPrincipal): PrincipalRef => ({
  kind: p.kind,
  key: p.key,
  id: p.id,
  display: p.displayName ?? p.key
})
const deleteOf = (p: ActualPrincipal): Operation => ({ kind: 'delete', principal: ref(p) })

describe('users and service principals', () => {
  test('at the limit: no violation', () => {
    const a = actual({ users: users(9_000), servicePrincipals: sps(990) })
    expect(checkAccountLimits(plan([...createUsers(6), ...createSps(4)]), a)).toEqual([])
  })

  test('one over: a violation with the count, the limit and what to do', () => {
    const a = actual({ users: users(9_000), servicePrincipals: sps(990) })
    const violations = checkAccountLimits(plan([...createUsers(6), ...createSps(5)]), a)
    expect(violations).toEqual([
      {
        limit: 'principals',
        count: 10_001,
        max: 10_000,
        message:
          "the account would hold 10,001 users and service principals after this sync, over Databricks' limit of " +
          '10,000: nothing was changed. Remove groups from account.groups or sync the largest ones at workspace level.'
      }
    ])
  })

  test('far over', () => {
    const a = actual({ users: users(9_500) })
    const [v] = checkAccountLimits(plan(createUsers(714)), a)
    expect(v?.message).toMatch(/^the account would hold 10,214 users and service principals after this sync/)
    expect(checkAccountLimits(plan(createUsers(25_000)), actual())[0]?.count).toBe(25_000)
  })

  test('deletes make room; deactivations do not', () => {
    const existing = users(10_000)
    const a = actual({ users: existing })
    const deletes = existing.slice(0, 3).map(deleteOf)
    expect(checkAccountLimits(plan([...createUsers(3), ...deletes]), a)).toEqual([])
    const deactivates: Operation[] = existing.slice(0, 3).map((p) => ({ kind: 'deactivate', principal: ref(p) }))
    expect(checkAccountLimits(plan([...createUsers(3), ...deactivates]), a).map((v) => v.count)).toEqual([10_003])
  })

  test('an account already over the limit with nothing created still reports it', () => {
    expect(checkAccountLimits(plan([]), actual({ users: users(10_001) }))[0]?.limit).toBe('principals')
  })
})

describe('groups', () => {
  test('at, just over and far over the limit', () => {
    expect(checkAccountLimits(plan(createGroups(2)), actual({ groups: groups(4_998) }))).toEqual([])
    const [over] = checkAccountLimits(plan(createGroups(3)), actual({ groups: groups(4_998) }))
    expect(over).toMatchObject({ limit: 'groups', count: 5_001, max: 5_000 })
    expect(over?.message).toBe(
      "the account would hold 5,001 groups after this sync, over Databricks' limit of 5,000: nothing was changed. " +
        'Remove groups from account.groups, or delete account groups that are no longer used.'
    )
    expect(checkAccountLimits(plan(createGroups(6_000)), actual())[0]?.count).toBe(6_000)
  })

  test('the account total counts when the caller read it (actual holds only the managed groups)', () => {
    const a = actual({ groups: groups(10) })
    expect(checkAccountLimits(plan(createGroups(5)), a, ACCOUNT_LIMITS, { groups: 4_995 })).toEqual([])
    expect(checkAccountLimits(plan(createGroups(6)), a, ACCOUNT_LIMITS, { groups: 4_995 })[0]?.count).toBe(5_001)
  })
})

describe('direct memberships per principal', () => {
  const limits = { ...ACCOUNT_LIMITS, membershipsPerPrincipal: 3 }
  const [alice, bob] = users(2) as [ActualPrincipal, ActualPrincipal]
  const add = (group: string, members: PrincipalRef[], groupId?: string): Operation => ({
    kind: 'add-members',
    group,
    ...(groupId ? { groupId } : {}),
    members
  })

  test('current memberships + adds - removes, at and over the limit', () => {
    // alice is in g0 and g1; bob in g0.
    const a = actual({
      users: [alice, bob],
      groups: groups(3, (i) => (i === 0 ? ['u0', 'u1'] : i === 1 ? ['u0'] : []))
    })
    expect(checkAccountLimits(plan([add('Group 2', [ref(alice)], 'g2')]), a, limits)).toEqual([])
    const over = checkAccountLimits(plan([add('Group 2', [ref(alice)], 'g2'), add('New', [ref(alice)])]), a, limits)
    expect(over).toEqual([
      {
        limit: 'membershipsPerPrincipal',
        count: 4,
        max: 3,
        subject: 'User u0',
        message:
          "User u0 would be a direct member of 4 groups after this sync, over Databricks' limit of 3 per principal: " +
          'nothing was changed. Sync fewer of its groups at account level, or sync some of them at workspace level.'
      }
    ])
    const remove: Operation = { kind: 'remove-members', group: 'Group 0', groupId: 'g0', members: [ref(alice)] }
    expect(
      checkAccountLimits(plan([add('Group 2', [ref(alice)], 'g2'), add('New', [ref(alice)]), remove]), a, limits)
    ).toEqual([])
  })

  test('a principal created in this run is counted by its key; a deleted one not at all', () => {
    const newcomer: PrincipalRef = { kind: 'user', key: 'New@contoso.com', display: 'New Person (new@contoso.com)' }
    const ops = ['A', 'B', 'C', 'D'].map((g) =>
      add(g, [{ ...newcomer, key: g === 'B' ? 'new@contoso.com' : newcomer.key }])
    )
    const [v] = checkAccountLimits(plan(ops), actual(), limits)
    expect(v).toMatchObject({ count: 4, subject: 'New Person (new@contoso.com)' })

    const a = actual({ users: [alice], groups: groups(5, () => ['u0']) })
    expect(checkAccountLimits(plan([]), a, limits).map((x) => x.subject)).toEqual(['User u0'])
    expect(checkAccountLimits(plan([deleteOf(alice)]), a, limits)).toEqual([])
  })

  test('groups nested in groups count too; the worst first', () => {
    const a = actual({
      users: [alice, bob],
      groups: [
        ...groups(5, () => ['u0', 'u1', 'g-nested']),
        { id: 'g-nested', displayName: 'Nested', entitlements: [], memberIds: [] }
      ]
    })
    const violations = checkAccountLimits(plan([add('X', [ref(bob)])]), a, limits)
    expect(violations.map((v) => `${v.subject}:${v.count}`)).toEqual(['User u1:6', 'User u0:5', 'group Nested:5'])
  })

  test('the default limit is 1,500', () => {
    const many = groups(1_500, () => ['u0'])
    const a = actual({ users: [alice], groups: many })
    expect(checkAccountLimits(plan([]), a)).toEqual([])
    const [v] = checkAccountLimits(plan([add('One more', [ref(alice)])]), a)
    expect(v?.message).toMatch(
      /^User u0 would be a direct member of 1,501 groups after this sync, over Databricks' limit of 1,500/
    )
  })
})

test('every limit broken at once: one violation each, principals first', () => {
  const a = actual({ users: users(10_000), groups: groups(5_000, () => ['u0']) })
  const violations = checkAccountLimits(
    plan([
      ...createUsers(1),
      ...createGroups(1),
      { kind: 'add-members', group: 'New group 0', members: [ref(users(1)[0]!)] }
    ]),
    a
  )
  expect(violations.map((v) => v.limit)).toEqual(['principals', 'groups', 'membershipsPerPrincipal'])
})
