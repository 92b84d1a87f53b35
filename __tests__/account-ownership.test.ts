// The account target's ownership rule: membership of the ownership group, read back on each run and written by the
// target after every create (or after finding what its own lost create made); never after a 409 (someone else's).
// Also the groups it leaves to an identity provider (an externalId it did not create) and the group itself.
import { describe, expect, test } from '@jest/globals'
import type { ActualPrincipal } from '../src/core/model.js'
import type { Operation } from '../src/core/operations.js'
import { applyPlan } from '../src/run/apply.js'
import { ScimConflictError, ScimRequestError } from '../src/targets/databricks/errors.js'
import { OWNERSHIP_GROUP } from '../src/targets/databricks/ownership.js'
import { AccountIdentityTarget, KEPT_BY_IDENTITY_PROVIDER } from '../src/targets/databricks/targets.js'
import type { ScimApi, ScimGroup, ScimPatchOp, ScimUser } from '../src/targets/databricks/types.js'
import { fakeScim } from './fake-scim.js'

const ENTRA_ID = '0f0e0d0c-0b0a-4909-8807-060504030201'

interface Account {
  users: ScimUser[]
  groups: ScimGroup[]
  log: string[]
  scim: ScimApi
}

/** An account SCIM API over arrays: creates get ids `<n>`, every write is logged. */
function account(
  seed: { users?: ScimUser[]; groups?: ScimGroup[] } = {},
  hooks: { createUser?: (userName: string) => void; patch?: (id: string, ops: ScimPatchOp[]) => void } = {}
): Account {
  const users = [...(seed.users ?? [])]
  const groups = [...(seed.groups ?? [])]
  const log: string[] = []
  let next = 100
  const group = (id: string) => {
    const g = groups.find((x) => x.id === id)
    if (!g) throw new Error(`no group ${id}`)
    return g
  }
  const scim = fakeScim({
    level: 'account',
    selfApplicationId: 'self-app',
    listUsers: async <T>(each?: (u: ScimUser) => T) => users.map((u) => (each ? each({ ...u }) : ({ ...u } as T))),
    listServicePrincipals: async () => [],
    listGroups: async () => groups.map(({ members: _, ...g }) => g),
    getGroup: async (id) => structuredClone(group(id)),
    findUser: async (userName) => users.find((u) => u.userName === userName),
    findGroup: async (name) => groups.find((g) => g.displayName === name),
    createUser: async (u) => {
      hooks.createUser?.(u.userName)
      if (users.some((x) => x.userName === u.userName)) {
        throw new ScimConflictError({
          workspace: 'account',
          method: 'POST',
          path: '/Users',
          status: 409,
          detail: `User with username ${u.userName} already exists.`,
          message: 'conflict'
        })
      }
      const created = { id: String(next++), userName: u.userName }
      users.push(created)
      log.push(`POST Users ${u.userName}`)
      return created
    },
    createGroup: async (g) => {
      const created: ScimGroup = {
        id: String(next++),
        displayName: g.displayName,
        ...(g.externalId ? { externalId: g.externalId } : {}),
        members: []
      }
      groups.push(created)
      log.push(`POST Groups ${g.displayName}`)
      return created
    },
    patch: async (_type, id, ops) => {
      hooks.patch?.(id, ops)
      const g = group(id)
      for (const op of ops) {
        if (op.op === 'add' && op.path === 'members') g.members = [...(g.members ?? []), ...op.value]
      }
      log.push(
        `PATCH ${g.displayName} ${ops.map((o) => ('value' in o && Array.isArray(o.value) ? o.value.map((v) => v.value).join(',') : o.op)).join(' ')}`
      )
    }
  })
  return { users, groups, log, scim }
}

const marker = (...memberIds: string[]): ScimGroup => ({
  id: '9',
  displayName: OWNERSHIP_GROUP,
  members: memberIds.map((value) => ({ value }))
})
const person = (id: string, userName: string): ScimUser => ({ id, userName, active: true })
const asActual = (u: ScimUser): ActualPrincipal => ({
  kind: 'user',
  id: u.id,
  key: u.userName,
  active: true,
  entitlements: []
})
const createUser = (userName: string): Operation => ({
  kind: 'create-user',
  userName,
  displayName: userName,
  externalId: ENTRA_ID,
  entitlements: []
})
const planOf = (operations: Operation[]) => ({ operations })

describe('reading the account', () => {
  test('owns what the ownership group holds; the group itself is never part of what the planner sees', async () => {
    const a = account({
      users: [person('1', 'made@contoso.com'), person('2', 'by-hand@contoso.com')],
      groups: [
        marker('1', '11'),
        { id: '11', displayName: 'data-engineers', externalId: ENTRA_ID, members: [{ value: '1' }] },
        { id: '12', displayName: 'by-hand', members: [] }
      ]
    })
    const target = new AccountIdentityTarget(a.scim)
    const actual = await target.read([
      { sourceId: ENTRA_ID, name: 'data-engineers' },
      { sourceId: 'other', name: 'by-hand' }
    ])
    expect(actual.groups.map((g) => [g.displayName, g.external])).toEqual([
      ['data-engineers', undefined],
      ['by-hand', undefined]
    ])
    expect(target.owns(asActual(a.users[0]!))).toBe(true)
    expect(target.owns(asActual(a.users[1]!))).toBe(false)
    expect(target.owns.rule).toBe(`not a member of the account group ${OWNERSHIP_GROUP}, which marks what it created`)
    // Every group still counts against the account's group limit.
    expect(actual.groupCount).toBe(3)
  })

  test('a group with an externalId the action did not create is kept by its identity provider (AIM)', async () => {
    const a = account({
      groups: [marker(), { id: '11', displayName: 'Data Engineers', externalId: ENTRA_ID, members: [] }]
    })
    const actual = await new AccountIdentityTarget(a.scim).read([{ sourceId: ENTRA_ID, name: 'Data Engineers' }])
    expect(actual.groups).toEqual([
      expect.objectContaining({ displayName: 'Data Engineers', external: KEPT_BY_IDENTITY_PROVIDER })
    ])
    expect(KEPT_BY_IDENTITY_PROVIDER.fix).toMatch(/^manage it with Databricks automatic identity management/)
    expect(KEPT_BY_IDENTITY_PROVIDER.fix).toContain(OWNERSHIP_GROUP)
  })

  test('a mapping onto the ownership group is refused with the fix; an account without one owns nothing', async () => {
    const a = account({ users: [person('1', 'someone@contoso.com')], groups: [marker('1')] })
    const mapped = await new AccountIdentityTarget(a.scim).read([{ sourceId: ENTRA_ID, name: OWNERSHIP_GROUP }])
    expect(mapped.groups).toEqual([
      expect.objectContaining({
        displayName: OWNERSHIP_GROUP,
        external: {
          reason: `it is the account group that marks what this action created (${OWNERSHIP_GROUP})`,
          fix: 'map the Entra group to another Databricks group name'
        }
      })
    ])
    const none = new AccountIdentityTarget(account({ users: [person('1', 'someone@contoso.com')] }).scim)
    await none.read([])
    expect(none.owns(asActual(person('1', 'someone@contoso.com')))).toBe(false)
  })
})

describe('writing the account', () => {
  test('creates mark what they made; the first one creates the ownership group; marks share PATCHes', async () => {
    const a = account()
    const target = new AccountIdentityTarget(a.scim)
    await target.read([])
    const operations: Operation[] = [
      createUser('a@contoso.com'),
      createUser('b@contoso.com'),
      createUser('c@contoso.com'),
      createUser('d@contoso.com'),
      { kind: 'create-group', displayName: 'data-engineers', externalId: ENTRA_ID, entitlements: [] }
    ]
    const results = await applyPlan(planOf(operations), { identities: target.writer }, { concurrency: 5 })
    expect(results.map((r) => r.status)).toEqual(operations.map(() => 'done'))
    // The ownership group once, without an externalId (a local group, which AIM accounts allow too).
    expect(a.log.filter((l) => l.startsWith('POST Groups')).sort()).toEqual([
      'POST Groups data-engineers',
      `POST Groups ${OWNERSHIP_GROUP}`
    ])
    expect(a.groups.find((g) => g.displayName === OWNERSHIP_GROUP)!.externalId).toBeUndefined()
    const marks = a.log.filter((l) => l.startsWith(`PATCH ${OWNERSHIP_GROUP}`))
    expect(marks.length).toBeLessThan(5)
    const marked = a.groups.find((g) => g.displayName === OWNERSHIP_GROUP)!.members!.map((m) => m.value)
    const made = [...a.users.map((u) => u.id), a.groups.find((g) => g.displayName === 'data-engineers')!.id]
    expect([...marked].sort()).toEqual([...made].sort())

    // The next run reads it back: all of it is the action's.
    const next = new AccountIdentityTarget(a.scim)
    const actual = await next.read([{ sourceId: ENTRA_ID, name: 'data-engineers' }])
    expect(a.users.every((u) => next.owns(asActual(u)))).toBe(true)
    expect(actual.groups[0]!.external).toBeUndefined()
  })

  test('a create that meets someone else’s user (409) adopts it unmarked; one whose answer was lost marks it', async () => {
    let lose = true
    const a = account(
      { users: [person('1', 'by-hand@contoso.com')], groups: [marker()] },
      {
        createUser: (userName) => {
          if (userName !== 'lost@contoso.com' || !lose) return
          lose = false
          a.users.push(person('50', userName)) // created, but the answer never came
          throw new ScimRequestError({
            workspace: 'account',
            method: 'POST',
            path: '/Users',
            status: 0,
            detail: 'socket hang up',
            maybeApplied: true,
            message: 'no answer'
          })
        }
      }
    )
    const target = new AccountIdentityTarget(a.scim)
    await target.read([])
    const results = await applyPlan(
      planOf([createUser('by-hand@contoso.com'), createUser('lost@contoso.com')]),
      { identities: target.writer },
      { concurrency: 1 }
    )
    expect(results.map((r) => r.status)).toEqual(['done', 'done'])
    expect(a.groups[0]!.members!.map((m) => m.value)).toEqual(['50'])
    expect(target.owns(asActual(person('1', 'by-hand@contoso.com')))).toBe(false)
    expect(target.owns(asActual(person('50', 'lost@contoso.com')))).toBe(true)
  })

  test('a mark that fails fails the create, saying what it means and what to do', async () => {
    const a = account(
      { groups: [marker()] },
      {
        patch: (id) => {
          if (id === '9') throw new Error('PATCH /Groups/9 answered 403: forbidden')
        }
      }
    )
    const target = new AccountIdentityTarget(a.scim)
    await target.read([])
    const [result] = await applyPlan(
      planOf([createUser('a@contoso.com')]),
      { identities: target.writer },
      {
        concurrency: 1
      }
    )
    expect(result).toMatchObject({ status: 'failed' })
    expect(result!.error).toBe(
      `user a@contoso.com was created, but adding it to the account group ${OWNERSHIP_GROUP}, which marks what this ` +
        'action created, failed: PATCH /Groups/9 answered 403: forbidden. Until it is a member of that group the ' +
        'action never deactivates or deletes it; add it to the group by hand to hand it over.'
    )
    expect(target.owns(asActual(a.users[0]!))).toBe(false)
  })
})

describe('batched marks', () => {
  const users = (n: number) => Array.from({ length: n }, (_, i) => createUser(`u${i}@contoso.com`))
  const markPatches = (a: Account) => a.log.filter((l) => l.startsWith(`PATCH ${OWNERSHIP_GROUP}`))
  const markedIds = (a: Account) =>
    a.groups.find((g) => g.displayName === OWNERSHIP_GROUP)!.members!.map((m) => m.value)

  test('N created users cost ceil(N/1000) marking PATCHes, each within the member-add batch', async () => {
    const a = account({ groups: [marker()] })
    const target = new AccountIdentityTarget(a.scim)
    await target.read([])
    const results = await applyPlan(planOf(users(2500)), { identities: target.writer }, { concurrency: 8 })
    expect(results.every((r) => r.status === 'done')).toBe(true)
    expect(markPatches(a).map((l) => l.split(' ')[2]!.split(',').length)).toEqual([1000, 1000, 500])
    expect([...markedIds(a)].sort()).toEqual(a.users.map((u) => u.id).sort())
  })

  test('a run cancelled after some creates sends their marks before it stops; the next run owns them', async () => {
    const cancel = new AbortController()
    let created = 0
    const a = account(
      { groups: [marker()] },
      {
        createUser: () => {
          if (++created === 3) cancel.abort()
        }
      }
    )
    const target = new AccountIdentityTarget(a.scim)
    await target.read([])
    const plan = planOf(users(5))
    const results = await applyPlan(plan, { identities: target.writer }, { concurrency: 1, signal: cancel.signal })
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'planned', 'planned'])
    expect(markPatches(a)).toHaveLength(1)

    // The next run reads them back as the action's, and marks what it creates in turn.
    const next = new AccountIdentityTarget(a.scim)
    await next.read([])
    expect(a.users.map((u) => next.owns(asActual(u)))).toEqual([true, true, true])
    await applyPlan(planOf(plan.operations.slice(3)), { identities: next.writer }, { concurrency: 1 })
    expect(a.users.every((u) => next.owns(asActual(u)))).toBe(true)
    expect([...markedIds(a)].sort()).toEqual(a.users.map((u) => u.id).sort())
  })
})
