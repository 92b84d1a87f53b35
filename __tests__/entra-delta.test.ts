// Incremental Entra reads (state-file) against the Graph emulator with the real Graph client: after every kind
// of change in Entra, a run that starts from the previous run's state must read exactly what a full read reads,
// and a run with no change must cost only its delta requests.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { ClientSecretCredential } from '@azure/identity'
import type { Nested } from '../src/config/types.js'
import { DeltaDirectory } from '../src/sources/entra/delta-directory.js'
import { GraphBatcher } from '../src/sources/entra/graph-batch.js'
import { createGraphClient, GraphDirectory } from '../src/sources/entra/graph.js'
import { checkState, type DeltaState } from '../src/sources/entra/state-file.js'
import type { EntraGroupRead } from '../src/sources/entra/types.js'
import { loadFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'
import { prng } from '../emulators/server.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
/** Config references read each round: names and one object id, flattened and direct. */
const REFS: [string, Nested][] = [
  ['Data Engineers', 'flatten'],
  ['Data Engineers', 'direct'],
  ['Data Analysts', 'flatten'],
  ['Platform', 'flatten'],
  ['Platform', 'direct'],
  ['Databricks-Group-Test', 'flatten']
]

let emu: Emulators
let credential: ClientSecretCredential
let state: DeltaState | undefined
const logs: string[] = []

beforeAll(async () => {
  emu = await startEmulators({ fixture: loadFixture(`${ROOT}/emulators/fixtures/demo-tenant.yml`) })
  const secret = emu.fixture.applications.find((a) => a.appId === SYNC_APP)?.clientSecret as string
  credential = new ClientSecretCredential(emu.tenantId, SYNC_APP, secret, {
    authorityHost: emu.authorityHost,
    disableInstanceDiscovery: true
  })
  // Three levels of nesting: Platform > Data Engineers > Data Engineers - Contractors.
  emu.graph.addGroup({ displayName: 'Platform', members: ['Data Engineers', 'adele.vance@contoso.com'] })
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  emu.resetKnobs()
})

function graph(): GraphDirectory {
  const connection = createGraphClient(credential, emu.graphEndpoint)
  return new GraphDirectory(
    connection,
    `app ${SYNC_APP}`,
    new GraphBatcher(connection.client, { policy: { baseDelayMs: 1, maxDelayMs: 5 } })
  )
}

function incremental(previous: DeltaState | undefined): DeltaDirectory {
  return new DeltaDirectory(graph(), `app ${SYNC_APP}`, {
    tenantId: emu.tenantId,
    graphEndpoint: emu.graphEndpoint,
    ...(previous ? { previous } : {}),
    log: (m) => logs.push(m)
  })
}

/** A read in comparable form: members sorted by id, nested group names sorted; or the error message. */
async function readAll(dir: { readGroup(ref: string, nested: Nested): Promise<EntraGroupRead> }): Promise<unknown[]> {
  return Promise.all(
    REFS.map(async ([ref, nested]) => {
      try {
        const read = await dir.readGroup(ref, nested)
        return {
          ref,
          nested,
          id: read.id,
          displayName: read.displayName,
          members: [...read.members].sort((a, b) => a.id.localeCompare(b.id)),
          nestedGroups: [...read.nestedGroups].sort()
        }
      } catch (error) {
        return { ref, nested, error: (error as Error).message }
      }
    })
  )
}

/** Reads incrementally from the kept state, checks it against a full read, and keeps the new state (as JSON). */
async function roundMatches(): Promise<DeltaDirectory> {
  const dir = incremental(state)
  const [got, expected] = [await readAll(dir), await readAll(graph())]
  expect(got).toEqual(expected)
  const next = JSON.parse(JSON.stringify(dir.snapshot())) as DeltaState
  expect(checkState(next)).toBeUndefined()
  state = next
  return dir
}

describe('incremental reads match full reads after each change in Entra', () => {
  test('first run: no state, so everything is read and a state is made', async () => {
    const dir = await roundMatches()
    expect(dir.stats.mode).toBe('full')
    expect(Object.keys(state!.groups)).toHaveLength(5)
  })

  test('no change: only the three delta requests, in one $batch, and nothing read again', async () => {
    emu.clearLog()
    const dir = incremental(state)
    const got = await readAll(dir)
    expect(got).toEqual(await readAll(graph()))
    expect(dir.stats).toMatchObject({ mode: 'incremental', changedGroups: 0, changedPrincipals: 0, groupsRead: 0 })
    const incrementalRequests = emu.log.filter((e) => e.service === 'graph').slice(0, 1)
    expect(incrementalRequests.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /v1.0/$batch'])
    state = JSON.parse(JSON.stringify(dir.snapshot())) as DeltaState
  })

  test('a new user joins a nested group (the group is read again: its new member is unknown)', async () => {
    emu.graph.addUser({
      userPrincipalName: 'new.hire@contoso.com',
      displayName: 'New Hire',
      mail: 'new.hire@contoso.com'
    })
    emu.graph.addMember('Data Engineers - Contractors', 'new.hire@contoso.com')
    const dir = await roundMatches()
    expect(dir.stats.groupsRead).toBe(1)
  })

  test('a known user joins a nested group (no group read again)', async () => {
    emu.graph.addMember('Data Engineers - Contractors', 'lee.gu@contoso.com')
    const dir = await roundMatches()
    expect(dir.stats.groupsRead).toBe(0)
  })

  test('a known user leaves a group, and another known user joins one (no group read again)', async () => {
    emu.graph.removeMember('Data Analysts', 'johanna.lorenz@contoso.com')
    emu.graph.addMember('Data Analysts', 'diego.siciliani@contoso.com')
    const dir = await roundMatches()
    expect(dir.stats.groupsRead).toBe(0)
  })

  test("a user's UPN changes and another is disabled", async () => {
    emu.graph.setUser('grady.archie@contoso.com', { userPrincipalName: 'grady.archie2@contoso.com' })
    emu.graph.setUser('isaiah.langer@contoso.com', { accountEnabled: false })
    const dir = await roundMatches()
    expect(dir.stats.changedPrincipals).toBeGreaterThanOrEqual(2)
  })

  test('a service principal is renamed', async () => {
    emu.graph.setServicePrincipal('etl-orchestrator', { displayName: 'etl-orchestrator-v2' })
    await roundMatches()
  })

  test('a member user is deleted', async () => {
    emu.graph.deleteUser('alex.wilber@contoso.com')
    await roundMatches()
  })

  test('a nested group is added to a group, and its members come with it', async () => {
    emu.graph.addGroup({
      displayName: 'Interns',
      members: ['nestor.wilke@contoso.com', 'kim.akers_northwind.com#EXT#@contoso.onmicrosoft.com']
    })
    emu.graph.addMember('Data Analysts', 'Interns')
    await roundMatches()
  })

  test('a referenced group is renamed: the old name no longer resolves, in both reads', async () => {
    emu.graph.renameGroup('Databricks-Group-Test', 'Databricks-Group-Renamed')
    const dir = await roundMatches()
    expect(await dir.readGroup('Databricks-Group-Test', 'flatten').catch((e: Error) => e.message)).toMatch(
      /does not exist/
    )
  })

  test('a new group takes the name of a referenced group: both reads see the ambiguity', async () => {
    emu.graph.renameGroup('Databricks-Group-Renamed', 'Databricks-Group-Test')
    await roundMatches()
    emu.graph.addGroup({
      id: '0d7c6b1a-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      displayName: 'Data Analysts',
      members: ['megan.bowen@contoso.com']
    })
    const dir = incremental(state)
    const got = await readAll(dir)
    expect(got).toEqual(await readAll(graph()))
    expect(JSON.stringify(got)).toMatch(/matches 2 groups/)
    emu.graph.deleteGroup(
      emu.graph
        .groups()
        .filter((g) => g.displayName === 'Data Analysts')
        .at(-1)!.id
    )
    state = JSON.parse(JSON.stringify(dir.snapshot())) as DeltaState
    await roundMatches()
  })

  test('a nested group is deleted', async () => {
    emu.graph.deleteGroup('Data Engineers - Contractors')
    await roundMatches()
  })

  test('a delta link Graph refuses: the run starts over from a full read', async () => {
    const broken = {
      ...state!,
      links: { ...state!.links, groups: state!.links.groups.replace(/deltatoken=[^&]+/, 'deltatoken=bm90LWEtdG9rZW4') }
    }
    const dir = incremental(broken)
    expect(await readAll(dir)).toEqual(await readAll(graph()))
    expect(dir.stats.mode).toBe('full')
    expect(dir.stats.resynced).toMatch(/^400/)
    expect(logs.at(-1)).toMatch(/refused a delta link/)
  })

  test('a Graph outage during the delta read fails every read (nothing is guessed) and yields no state', async () => {
    emu.servers.graph!.setFaults({ rate: 1, kinds: ['503'], seed: 1 })
    const dir = new DeltaDirectory(
      new GraphDirectory(
        createGraphClient(credential, emu.graphEndpoint),
        `app ${SYNC_APP}`,
        new GraphBatcher(createGraphClient(credential, emu.graphEndpoint).client, {
          policy: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 }
        })
      ),
      `app ${SYNC_APP}`,
      { tenantId: emu.tenantId, graphEndpoint: emu.graphEndpoint, previous: state!, log: () => {} }
    )
    const reads = await readAll(dir)
    expect(reads.every((r) => typeof (r as { error?: string }).error === 'string')).toBe(true)
    expect(dir.snapshot()).toBeUndefined()
  })

  test('30 rounds of seeded random changes: every round matches a full read', async () => {
    // Starts clean: the outage test above left no state.
    state = undefined
    await roundMatches()
    const random = prng(20261123)
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T
    const groups = ['Data Engineers', 'Data Analysts', 'Platform', 'Interns', 'Databricks-Group-Test']
    for (let round = 0; round < 30; round++) {
      for (let change = 0; change < 1 + Math.floor(random() * 3); change++) {
        const users = emu.graph.users().map((u) => u.userPrincipalName)
        const user = pick(users)
        const kind = random()
        if (kind < 0.35) emu.graph.addMember(pick(groups), user)
        else if (kind < 0.7) emu.graph.removeMember(pick(groups), user)
        else if (kind < 0.8) emu.graph.setUser(user, { accountEnabled: random() < 0.5 })
        else if (kind < 0.9) emu.graph.setUser(user, { userPrincipalName: `r${round}.${user}` })
        else
          emu.graph.addUser({ userPrincipalName: `hire${round}.${change}@contoso.com`, displayName: `Hire ${round}` })
      }
      await roundMatches()
    }
  })
})

describe('confirm: what a plan would add is read from Graph, never taken from the state file alone', () => {
  const ids: Record<string, string> = {}
  const warnings: string[] = []

  beforeAll(() => {
    for (const name of ['c1', 'c2', 'c3']) {
      ids[name] = emu.graph.addUser({ userPrincipalName: `${name}@contoso.com`, displayName: name }).id
    }
    ids.inner = emu.graph.addGroup({ displayName: 'Confirm-Inner', members: ['c2@contoso.com'] }).id
    ids.outer = emu.graph.addGroup({ displayName: 'Confirm-Outer', members: ['c1@contoso.com', 'Confirm-Inner'] }).id
    ids.other = emu.graph.addGroup({ displayName: 'Confirm-Other', members: ['c3@contoso.com'] }).id
  })

  /** A state from a full read of the three groups. */
  async function freshState(): Promise<DeltaState> {
    const dir = incremental(undefined)
    for (const ref of ['Confirm-Outer', 'Confirm-Other']) await dir.readGroup(ref, 'flatten')
    return JSON.parse(JSON.stringify(dir.snapshot())) as DeltaState
  }

  function fromState(previous: DeltaState): DeltaDirectory {
    return new DeltaDirectory(graph(), `app ${SYNC_APP}`, {
      tenantId: emu.tenantId,
      graphEndpoint: emu.graphEndpoint,
      previous,
      log: (m) => logs.push(m),
      warn: (m) => warnings.push(m)
    })
  }

  const graphPaths = (): string => JSON.stringify(emu.log.filter((e) => e.service === 'graph'))
  const idsOf = (read: EntraGroupRead): string[] => read.members.map((m) => m.id).sort()

  test('a known user a delta answer adds to the group: only the user is read again, not the group', async () => {
    const previous = await freshState()
    emu.graph.addMember('Confirm-Outer', 'c3@contoso.com')
    const dir = fromState(previous)
    const read = await dir.readGroup('Confirm-Outer', 'flatten')
    expect(idsOf(read)).toEqual([ids.c1, ids.c2, ids.c3].sort())
    emu.clearLog()
    const confirmed = await dir.confirm('Confirm-Outer', 'flatten', new Set([ids.c3!]), new Set(idsOf(read)))
    expect(idsOf(confirmed)).toEqual(idsOf(read))
    expect(graphPaths()).toContain(`"/v1.0/users/${ids.c3}"`)
    expect(graphPaths()).not.toContain('/members')
    expect(dir.stats).toMatchObject({ confirmations: 1, refuted: 0 })
    emu.graph.removeMember('Confirm-Outer', 'c3@contoso.com')
  })

  test("a known user a delta answer adds to a nested group: the file's nesting is read again too", async () => {
    const previous = await freshState()
    emu.graph.addMember('Confirm-Inner', 'c3@contoso.com')
    const dir = fromState(previous)
    const read = await dir.readGroup('Confirm-Outer', 'flatten')
    emu.clearLog()
    const confirmed = await dir.confirm('Confirm-Outer', 'flatten', new Set([ids.c3!]), new Set(idsOf(read)))
    expect(idsOf(confirmed)).toEqual(idsOf(read))
    // Confirm-Outer lists Confirm-Inner on the file's word: it is read again (and so is Confirm-Inner, whose other
    // members are the file's).
    expect(graphPaths()).toContain(`/groups/${ids.outer}/members`)
    expect(dir.stats.refuted).toBe(0)
    emu.graph.removeMember('Confirm-Inner', 'c3@contoso.com')
  })

  test('a member the file put in a group is checked by reading the groups on its way, and left out', async () => {
    const previous = await freshState()
    // c3 is a member of Confirm-Other only; the file says Confirm-Inner (nested in Confirm-Outer) lists it too.
    previous.groups[ids.inner!]!.members.push(ids.c3!)
    const dir = fromState(previous)
    const read = await dir.readGroup('Confirm-Outer', 'flatten')
    expect(idsOf(read)).toContain(ids.c3)
    emu.clearLog()
    warnings.length = 0
    const confirmed = await dir.confirm('Confirm-Outer', 'flatten', new Set([ids.c3!]), new Set(idsOf(read)))
    expect(idsOf(confirmed)).toEqual([ids.c1, ids.c2].sort())
    // Both groups on the way were read again (Confirm-Outer lists Confirm-Inner only on the file's word too).
    expect(graphPaths()).toContain(`/groups/${ids.inner}/members`)
    expect(graphPaths()).toContain(`/groups/${ids.outer}/members`)
    expect(dir.stats.refuted).toBe(1)
    expect(warnings.join('\n')).toMatch(/listed 1 member\(s\) of "Confirm-Outer" .* Graph does not confirm/)
    // The state saved for the next run asks for a full read.
    expect(dir.snapshot()?.fullReadAt).toBe(new Date(0).toISOString())
  })

  test('a name the file maps to another group is resolved again through Graph', async () => {
    const previous = await freshState()
    previous.names['confirm-outer'] = ids.other!
    previous.groups[ids.other!]!.displayName = 'Confirm-Outer'
    const dir = fromState(previous)
    const read = await dir.readGroup('Confirm-Outer', 'flatten')
    expect(read.id).toBe(ids.other)
    const confirmed = await dir.confirm('Confirm-Outer', 'flatten', new Set([ids.c3!]), new Set(idsOf(read)))
    expect(confirmed.id).toBe(ids.outer)
    expect(idsOf(confirmed)).toEqual([ids.c1, ids.c2].sort())
    expect(dir.stats.refuted).toBeGreaterThanOrEqual(1)
  })

  test('a group read in full in this run needs no confirmation read', async () => {
    const dir = incremental(undefined)
    const read = await dir.readGroup('Confirm-Outer', 'flatten')
    emu.clearLog()
    const confirmed = await dir.confirm('Confirm-Outer', 'flatten', new Set(idsOf(read)), new Set(idsOf(read)))
    expect(idsOf(confirmed)).toEqual(idsOf(read))
    expect(emu.log.filter((e) => e.service === 'graph')).toEqual([])
  })
})
