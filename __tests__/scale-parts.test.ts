// The pieces that keep requests near the minimum, unit-tested: one token request per scope however many callers
// ask at once, one PATCH for a group that gains and loses members, and the state file's checks.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import type { AccessToken, TokenCredential } from '@azure/identity'
import { SharedTokenCredential, singleFlight, TOKEN_REFRESH_MARGIN_MS } from '../src/auth/token-cache.js'
import type { ScimApi, ScimPatchOp, ScimResourceType } from '../src/targets/databricks/types.js'
import { checkState, loadState, saveState, STATE_VERSION, type DeltaState } from '../src/sources/entra/state-file.js'
import { applyPlan } from '../src/run/apply.js'
import type { Operation } from '../src/core/operations.js'
import type { StepPlan } from '../src/core/results.js'
import { databricksWriters, fakeScim } from './fake-scim.js'

describe('SharedTokenCredential', () => {
  function counting(expiresInMs: number, fail = false) {
    let now = 1_000_000
    const calls: string[] = []
    const inner: TokenCredential = {
      getToken: async (scopes) => {
        calls.push(String(scopes))
        await new Promise((r) => setTimeout(r, 5))
        if (fail) throw new Error('sign-in failed')
        return { token: `t${calls.length}`, expiresOnTimestamp: now + expiresInMs } satisfies AccessToken
      }
    }
    const shared = new SharedTokenCredential(inner, () => now)
    return { shared, calls, advance: (ms: number) => (now += ms) }
  }

  test('callers asking at the same time share one request; later callers reuse the token', async () => {
    const { shared, calls } = counting(3_600_000)
    const tokens = await Promise.all(Array.from({ length: 10 }, () => shared.getToken('https://graph/.default')))
    expect(new Set(tokens.map((t) => t?.token))).toEqual(new Set(['t1']))
    expect((await shared.getToken('https://graph/.default'))?.token).toBe('t1')
    expect(calls).toEqual(['https://graph/.default'])
  })

  test('each scope has its own token', async () => {
    const { shared, calls } = counting(3_600_000)
    await Promise.all([shared.getToken('a/.default'), shared.getToken('b/.default'), shared.getToken(['a/.default'])])
    expect(calls.sort()).toEqual(['a/.default', 'b/.default'])
  })

  test('a token close to expiry is renewed', async () => {
    const { shared, calls, advance } = counting(TOKEN_REFRESH_MARGIN_MS + 60_000)
    await shared.getToken('s')
    advance(30_000)
    await shared.getToken('s')
    expect(calls).toHaveLength(1)
    advance(31_000)
    expect((await shared.getToken('s'))?.token).toBe('t2')
  })

  test('a failure is shared by the callers waiting on it, and not remembered', async () => {
    const { shared, calls } = counting(3_600_000, true)
    const results = await Promise.allSettled([shared.getToken('s'), shared.getToken('s')])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    await expect(shared.getToken('s')).rejects.toThrow('sign-in failed')
    expect(calls).toHaveLength(2)
  })

  test('a claims challenge bypasses the cache', async () => {
    const { shared, calls } = counting(3_600_000)
    await shared.getToken('s')
    await shared.getToken('s', { claims: '{"access_token":{}}' })
    expect(calls).toHaveLength(2)
  })

  test('singleFlight runs one load at a time and starts again once it settled', async () => {
    let loads = 0
    const once = singleFlight(async () => {
      loads++
      await new Promise((r) => setTimeout(r, 5))
      return loads
    })
    expect(await Promise.all([once(), once(), once()])).toEqual([1, 1, 1])
    expect(await once()).toBe(2)
  })
})

describe('applyPlan: one PATCH per group that gains and loses members', () => {
  const ref = (key: string, id?: string) => ({ kind: 'user' as const, key, display: key, ...(id ? { id } : {}) })
  const plan = (operations: Operation[]): StepPlan => ({
    step: 'identities',
    operations,
    skips: [],
    breaker: { removals: 0, base: 0, limit: 10, maxDeletions: { kind: 'count', value: 10 }, tripped: false }
  })
  function scim(log: string[], failPatch = false): ScimApi {
    return fakeScim({
      createUser: async (u) => {
        if (u.userName === 'broken@contoso.com') throw new Error('create refused')
        log.push(`create ${u.userName}`)
        return { id: `id-${u.userName}`, userName: u.userName }
      },
      patch: async (type: ScimResourceType, id: string, ops: ScimPatchOp[]) => {
        log.push(`patch ${type}/${id} ${ops.map((o) => `${o.op}:${'path' in o ? o.path : ''}`).join(' ')}`)
        if (failPatch) throw new Error('patch refused')
      }
    })
  }

  test('adds and removes of an existing group go in one request; both operations are done', async () => {
    const log: string[] = []
    const ops: Operation[] = [
      { kind: 'create-user', userName: 'new@contoso.com', displayName: 'New', externalId: 'e', entitlements: [] },
      { kind: 'add-members', group: 'Team', groupId: 'g1', members: [ref('new@contoso.com'), ref('a', 'u-a')] },
      { kind: 'remove-members', group: 'Team', groupId: 'g1', members: [ref('b', 'u-b')] },
      { kind: 'remove-members', group: 'Other', groupId: 'g2', members: [ref('c', 'u-c')] }
    ]
    const results = await applyPlan(plan(ops), databricksWriters(scim(log)), { concurrency: 1 })
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done'])
    expect(log).toEqual([
      'create new@contoso.com',
      'patch Groups/g1 add:members remove:members[value eq "u-b"]',
      // A group that only loses members keeps its removal in the last phase.
      'patch Groups/g2 remove:members[value eq "u-c"]'
    ])
  })

  test('a failed combined PATCH fails both operations (a re-run retries them)', async () => {
    const log: string[] = []
    const ops: Operation[] = [
      { kind: 'add-members', group: 'Team', groupId: 'g1', members: [ref('a', 'u-a')] },
      { kind: 'remove-members', group: 'Team', groupId: 'g1', members: [ref('b', 'u-b')] }
    ]
    const results = await applyPlan(plan(ops), databricksWriters(scim(log, true)), { concurrency: 1 })
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['failed', 'patch refused'],
      ['failed', 'patch refused']
    ])
    expect(log).toHaveLength(1)
  })

  test('a member whose creation failed fails the addition only; the removal in the same PATCH is done', async () => {
    const log: string[] = []
    const ops: Operation[] = [
      { kind: 'create-user', userName: 'broken@contoso.com', displayName: 'B', externalId: 'e', entitlements: [] },
      { kind: 'add-members', group: 'Team', groupId: 'g1', members: [ref('broken@contoso.com'), ref('a', 'u-a')] },
      { kind: 'remove-members', group: 'Team', groupId: 'g1', members: [ref('b', 'u-b')] }
    ]
    const results = await applyPlan(plan(ops), databricksWriters(scim(log)), { concurrency: 1 })
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'done'])
    expect(results[1]?.error).toMatch(
      /1 member\(s\) could not be added because creating them failed: broken@contoso.com/
    )
    expect(log).toEqual(['patch Groups/g1 add:members remove:members[value eq "u-b"]'])
  })

  test('once the run is cancelled, no operation starts; those not started stay planned', async () => {
    const log: string[] = []
    const cancel = new AbortController()
    const ops: Operation[] = [
      { kind: 'create-user', userName: 'new@contoso.com', displayName: 'New', externalId: 'e', entitlements: [] },
      { kind: 'create-user', userName: 'other@contoso.com', displayName: 'O', externalId: 'f', entitlements: [] },
      { kind: 'add-members', group: 'Team', groupId: 'g1', members: [ref('a', 'u-a')] }
    ]
    const api = scim(log)
    const create = api.createUser.bind(api)
    // The first create is in flight when the signal comes: it finishes, nothing after it starts.
    api.createUser = async (u) => {
      const made = await create(u)
      cancel.abort()
      return made
    }
    const results = await applyPlan(plan(ops), databricksWriters(api), { concurrency: 1, signal: cancel.signal })
    expect(results.map((r) => r.status)).toEqual(['done', 'planned', 'planned'])
    expect(log).toEqual(['create new@contoso.com'])
  })

  test('removals too large for one PATCH keep their own requests', async () => {
    const log: string[] = []
    const many = Array.from({ length: 3 }, (_, i) => ref(`r${i}`, `u-r${i}`))
    const ops: Operation[] = [
      { kind: 'add-members', group: 'Team', groupId: 'g1', members: [ref('a', 'u-a')] },
      { kind: 'remove-members', group: 'Team', groupId: 'g1', members: many }
    ]
    await applyPlan(plan(ops), databricksWriters(scim(log), undefined, { removeBatch: 2 }), { concurrency: 1 })
    expect(log).toEqual([
      'patch Groups/g1 add:members',
      'patch Groups/g1 remove:members[value eq "u-r0"] remove:members[value eq "u-r1"]',
      'patch Groups/g1 remove:members[value eq "u-r2"]'
    ])
  })
})

describe('state file', () => {
  const G1 = '0a1b2c3d-0000-4000-8000-000000000001'
  const U1 = '0a1b2c3d-0000-4000-8000-000000000002'
  const state = (): DeltaState => ({
    version: STATE_VERSION,
    tenantId: 'tenant-1',
    graphEndpoint: 'https://graph.microsoft.com',
    savedAt: '2026-11-23T00:00:00.000Z',
    fullReadAt: '2026-11-23T00:00:00.000Z',
    links: {
      groups: 'https://graph.microsoft.com/v1.0/groups/delta?$deltatoken=a',
      users: 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=b',
      servicePrincipals: 'https://graph.microsoft.com/v1.0/servicePrincipals/delta?$deltatoken=c'
    },
    groups: { [G1]: { displayName: 'Team', members: [U1] } },
    principals: { [U1]: { kind: 'user', id: U1, displayName: 'U', userPrincipalName: 'u@contoso.com' } },
    others: {},
    names: { team: G1 }
  })
  const dir = mkdtempSync(join(tmpdir(), 'state-'))
  const scope = { tenantId: 'tenant-1', graphEndpoint: 'https://graph.microsoft.com' }

  test('saved and loaded whole; a missing file is a first run', () => {
    const file = join(dir, 'nested', 'state.json')
    expect(loadState(file, scope)).toBeUndefined()
    saveState(file, state())
    expect(loadState(file, scope)).toEqual({ ok: true, state: state() })
  })

  test.each([
    ['not JSON', '{"version":', /not JSON/],
    ['another version', JSON.stringify({ ...state(), version: 1 }), /version is 1/],
    ['a missing delta link', JSON.stringify({ ...state(), links: { groups: 'x' } }), /delta link is missing/],
    [
      'a malformed group',
      JSON.stringify({ ...state(), groups: { [G1]: { displayName: 'Team', members: [1] } } }),
      new RegExp(`group ${G1} has a member that is not an object id`)
    ],
    [
      'a principal under another id',
      JSON.stringify({ ...state(), principals: { [U1]: { kind: 'user', id: G1, displayName: 'U' } } }),
      new RegExp(`principal ${U1} is malformed`)
    ],
    ['a name of no group', JSON.stringify({ ...state(), names: { team: U1 } }), /points to no tracked group/],
    ['another tenant', JSON.stringify({ ...state(), tenantId: 'tenant-2' }), /belongs to tenant tenant-2/],
    [
      'another Graph endpoint',
      JSON.stringify({ ...state(), graphEndpoint: 'https://graph.microsoft.us' }),
      /made against https:\/\/graph.microsoft.us/
    ]
  ])('a state with %s is not used, and says why', (_, text, reason) => {
    const file = join(dir, 'bad.json')
    writeFileSync(file, text)
    const loaded = loadState(file, scope)
    expect(loaded?.ok).toBe(false)
    expect(loaded && !loaded.ok ? loaded.reason : '').toMatch(reason)
  })

  test('checkState accepts what saveState writes', () => {
    const file = join(dir, 'round.json')
    saveState(file, state())
    expect(checkState(JSON.parse(readFileSync(file, 'utf8')))).toBeUndefined()
  })
})
