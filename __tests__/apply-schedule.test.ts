// Apply runs each operation once what it waits for has settled (core/dependencies.ts, run/schedule.ts), removals
// only after everything else; cancellation, pairs, held-back writes (settle) and the concurrency bound still hold.
import { describe, expect, test } from '@jest/globals'
import type { Operation } from '../src/core/operations.js'
import type { StepPlan } from '../src/core/results.js'
import type { IdRegistry, OperationOutcome, OperationWriter } from '../src/ports/writer.js'
import { applyPlan } from '../src/run/apply.js'
import type { ScimPatchOp, ScimResourceType } from '../src/targets/databricks/types.js'
import { databricksWriters, fakeScim } from './fake-scim.js'

const plan = (operations: Operation[]): Pick<StepPlan, 'operations'> => ({ operations })
const ref = (key: string, id?: string) => ({ kind: 'user' as const, key, display: key, ...(id ? { id } : {}) })
const user = (name: string): Operation => ({
  kind: 'create-user',
  userName: name,
  displayName: name,
  externalId: `e-${name}`,
  entitlements: []
})
const group = (name: string): Operation => ({
  kind: 'create-group',
  displayName: name,
  externalId: `e-${name}`,
  entitlements: []
})
const add = (name: string, members: string[], groupId?: string): Operation => ({
  kind: 'add-members',
  group: name,
  ...(groupId ? { groupId } : {}),
  members: members.map((m) => ref(m))
})

const label = (op: Operation): string => {
  switch (op.kind) {
    case 'create-user':
      return `create ${op.userName}`
    case 'create-group':
      return `create ${op.displayName}`
    case 'add-members':
      return `add ${op.group}`
    case 'remove-members':
      return `remove ${op.group}`
    case 'deactivate':
      return `deactivate ${op.principal.key}`
    default:
      return op.kind
  }
}

/**
 * A writer that logs when each operation starts and ends; `hold` keeps an operation (by label) in flight until its
 * promise resolves, `fail` fails it. Creates record their id, adds fail when a member has none (as SCIM's writer).
 */
function recorder(options: { hold?: Record<string, Promise<unknown>>; fail?: string[] } = {}) {
  const log: string[] = []
  let inFlight = 0
  let most = 0
  const writer: OperationWriter & { log: string[]; most: () => number } = {
    log,
    most: () => most,
    async write(operations: readonly Operation[], ids: IdRegistry): Promise<OperationOutcome[] | void> {
      const name = operations.map(label).join(' + ')
      inFlight++
      most = Math.max(most, inFlight)
      log.push(`start ${name}`)
      await (options.hold?.[name] ?? new Promise((r) => setTimeout(r, 1)))
      inFlight--
      log.push(`end ${name}`)
      if (options.fail?.includes(name)) throw new Error(`${name} refused`)
      for (const op of operations) {
        if (op.kind === 'create-user') ids.setPrincipal('user', op.userName, `id-${op.userName}`)
        if (op.kind === 'create-group') ids.setGroup(op.displayName, `id-${op.displayName}`)
        if (op.kind === 'add-members' && op.members.some((m) => !ids.principal(m))) throw new Error('member missing')
      }
    },
    async settle() {
      log.push('settle')
      return []
    }
  }
  return writer
}

/** A promise resolved from outside, and a flag that says whether it was. */
function gate() {
  let open!: () => void
  const promise = new Promise<void>((r) => (open = r))
  return { promise, open }
}

/** Waits until `ready` holds, failing after a second (a phase-by-phase apply never gets there). */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 1000
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`)
    await new Promise((r) => setTimeout(r, 1))
  }
}

const starts = (log: string[]) => log.filter((l) => l.startsWith('start ')).map((l) => l.slice(6))

describe('apply starts each operation once what it waits for has settled', () => {
  test('an add starts as soon as its group and members are created, while an unrelated create is still in flight', async () => {
    const slow = gate()
    const w = recorder({ hold: { 'create slow': slow.promise } })
    const running = applyPlan(
      plan([group('G'), user('a'), user('slow'), add('G', ['a'])]),
      { identities: w },
      {
        concurrency: 3
      }
    )
    // The add finishes while the slow create is held: a phase-by-phase apply would wait for it.
    const added = until(() => w.log.includes('end add G'), 'end add G')
    await added.catch(() => {})
    slow.open()
    const results = await running
    await added
    expect(w.log.indexOf('end add G')).toBeLessThan(w.log.indexOf('end create slow'))
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done'])
  })

  test('an add waits for the creates of its group and of every member', async () => {
    const w = recorder()
    await applyPlan(
      plan([group('G'), user('a'), user('b'), add('G', ['a', 'b'])]),
      { identities: w },
      { concurrency: 4 }
    )
    const adding = w.log.indexOf('start add G')
    for (const create of ['end create G', 'end create a', 'end create b'])
      expect(w.log.indexOf(create)).toBeLessThan(adding)
  })

  test('creates go in the order of the first group that needs them, so groups complete early', async () => {
    const w = recorder()
    const ops = [
      user('u1'),
      user('u2'),
      user('u3'),
      user('u4'),
      add('G1', ['u3', 'u4'], 'g1'),
      add('G2', ['u1', 'u2'], 'g2')
    ]
    await applyPlan(plan(ops), { identities: w }, { concurrency: 1 })
    expect(starts(w.log)).toEqual(['create u3', 'create u4', 'add G1', 'create u1', 'create u2', 'add G2'])
  })

  test('with both lanes ready, slots are shared between the phases: creates keep running while adds do', async () => {
    const w = recorder()
    const users = Array.from({ length: 6 }, (_, i) => `u${i}`)
    const ops = [...users.map(user), ...users.map((u, i) => add(`G${i}`, [u], `g${i}`))]
    await applyPlan(plan(ops), { identities: w }, { concurrency: 2 })
    // u0's add starts right after u0 exists, next to the second create, not after all six.
    expect(starts(w.log).slice(0, 4)).toEqual(['create u0', 'create u1', 'add G0', 'create u2'])
  })

  test('an operation whose dependency failed still runs, and its writer says what is missing', async () => {
    const w = recorder({ fail: ['create a'] })
    const results = await applyPlan(plan([user('a'), add('G', ['a'], 'g1')]), { identities: w }, { concurrency: 2 })
    expect(results.map((r) => [r.status, r.error])).toEqual([
      ['failed', 'create a refused'],
      ['failed', 'member missing']
    ])
  })

  test('never more operations in flight than the concurrency', async () => {
    const w = recorder()
    const users = Array.from({ length: 30 }, (_, i) => `u${i}`)
    const ops = [...users.map(user), ...users.map((u, i) => add(`G${i % 5}-${i}`, [u], `g${i}`))]
    await applyPlan(plan(ops), { identities: w }, { concurrency: 3 })
    expect(w.most()).toBe(3)
  })
})

describe('removals wait for everything else', () => {
  test('a removal starts only after every add and create has settled, failed ones included', async () => {
    const slow = gate()
    const w = recorder({ hold: { 'add G1': slow.promise }, fail: ['add G1'] })
    const ops: Operation[] = [
      user('a'),
      add('G1', ['a'], 'g1'),
      { kind: 'remove-members', group: 'G2', groupId: 'g2', members: [ref('x', 'u-x')] },
      { kind: 'deactivate', principal: ref('y', 'u-y') }
    ]
    const running = applyPlan(plan(ops), { identities: w }, { concurrency: 4 })
    await new Promise((r) => setTimeout(r, 20))
    expect(starts(w.log)).toEqual(['create a', 'add G1'])
    slow.open()
    const results = await running
    expect(results.map((r) => r.status)).toEqual(['done', 'failed', 'done', 'done'])
    // Held-back writes go out before the removals, and before the retirements.
    expect(w.log.slice(w.log.indexOf('end add G1'))).toEqual([
      'end add G1',
      'settle',
      'start remove G2',
      'end remove G2',
      'settle',
      'start deactivate y',
      'end deactivate y',
      'settle'
    ])
  })

  test('held-back writes are settled as soon as the creates have, while adds still run', async () => {
    const slow = gate()
    const w = recorder({ hold: { 'add G': slow.promise } })
    const running = applyPlan(
      plan([user('a'), user('b'), add('G', ['a'], 'g1')]),
      { identities: w },
      {
        concurrency: 2
      }
    )
    await until(() => w.log.includes('settle'), 'settle')
    expect(w.log).toContain('end create b')
    expect(w.log).not.toContain('end add G')
    slow.open()
    await running
  })

  test('an add carries its group’s removal in one PATCH; a group that only loses members waits for the rest', async () => {
    const log: string[] = []
    const slow = gate()
    const scim = fakeScim({
      createUser: async (u) => {
        if (u.userName === 'slow') await Promise.race([slow.promise, new Promise((r) => setTimeout(r, 1000))])
        log.push(`create ${u.userName}`)
        return { id: `id-${u.userName}`, userName: u.userName }
      },
      patch: async (type: ScimResourceType, id: string, ops: ScimPatchOp[]) => {
        log.push(`patch ${type}/${id} ${ops.map((o) => o.op).join(' ')}`)
        if (id === 'g1') slow.open()
      }
    })
    const ops: Operation[] = [
      user('new'),
      user('slow'),
      add('Team', ['new'], 'g1'),
      { kind: 'remove-members', group: 'Team', groupId: 'g1', members: [ref('b', 'u-b')] },
      { kind: 'remove-members', group: 'Other', groupId: 'g2', members: [ref('c', 'u-c')] }
    ]
    const results = await applyPlan(plan(ops), databricksWriters(scim), { concurrency: 3 })
    expect(results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done', 'done'])
    expect(log).toEqual(['create new', 'patch Groups/g1 add remove', 'create slow', 'patch Groups/g2 remove'])
  })
})

describe('cancellation', () => {
  test('once cancelled nothing starts; what is in flight finishes; the rest stays planned; held-back writes settle', async () => {
    const cancel = new AbortController()
    const slow = gate()
    const w = recorder({ hold: { 'add G': slow.promise } })
    const ops: Operation[] = [
      user('a'),
      add('G', ['a'], 'g1'),
      user('b'),
      user('c'),
      { kind: 'deactivate', principal: ref('y', 'u-y') }
    ]
    const running = applyPlan(plan(ops), { identities: w }, { concurrency: 2, signal: cancel.signal })
    await until(() => w.log.includes('start add G'), 'start add G')
    cancel.abort()
    slow.open()
    const results = await running
    const started = starts(w.log)
    expect(started).toContain('add G')
    expect(started).not.toContain('deactivate y')
    expect(results.map((r) => (started.includes(label(r.operation)) ? 'done' : 'planned'))).toEqual(
      results.map((r) => r.status)
    )
    expect(results.filter((r) => r.status === 'planned').length).toBeGreaterThan(0)
    expect(w.log.at(-1)).toBe('settle')
  })
})
