// Graph's "limited information" members at the reader level, against the Graph emulator with the real Graph client:
// an app that may list group members (GroupMember.Read.All) but not read users (User.Read.All) or service
// principals (Application.Read.All) gets them with only @odata.type and id. No reader may treat such a member as
// absent (that reads as "left the group"): full reads, $batch reads and incremental reads fail naming the
// permission, and the state file never keeps them.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { ClientSecretCredential } from '@azure/identity'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ActionError, describeError } from '../src/errors.js'
import { DeltaDirectory } from '../src/sources/entra/delta-directory.js'
import { GraphBatcher, type GraphReader } from '../src/sources/entra/graph-batch.js'
import { createGraphClient, GraphDirectory } from '../src/sources/entra/graph.js'
import { EntraSource } from '../src/sources/entra/source.js'
import { checkState, loadState, type DeltaState } from '../src/sources/entra/state-file.js'
import { loadFixture, type TenantFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
/** GroupMember.Read.All only. */
const GROUPS_ONLY_APP = '3e1d2c4b-5a69-4788-9a6b-5c4d3e2f1a01'
/** GroupMember.Read.All and User.Read.All: users are read, service principals are not. */
const NO_APPLICATION_READ_APP = '3e1d2c4b-5a69-4788-9a6b-5c4d3e2f1a02'
const ETL_SP_NAME = 'etl-orchestrator'

let emu: Emulators

beforeAll(async () => {
  const demo = loadFixture(`${ROOT}/emulators/fixtures/demo-tenant.yml`)
  const fixture: TenantFixture = {
    ...demo,
    applications: [
      ...demo.applications,
      {
        displayName: 'groups-only',
        appId: GROUPS_ONLY_APP,
        clientSecret: 'emu~GroupsOnly.NotReal-0123456789',
        graphPermissions: ['GroupMember.Read.All']
      },
      {
        displayName: 'no-application-read',
        appId: NO_APPLICATION_READ_APP,
        clientSecret: 'emu~NoApplicationRead.NotReal-0123456789',
        graphPermissions: ['GroupMember.Read.All', 'User.Read.All']
      }
    ]
  }
  emu = await startEmulators({ fixture })
})

afterAll(async () => {
  await emu?.stop()
})

beforeEach(() => {
  emu.clearLog()
})

function connect(appId: string) {
  const secret = emu.fixture.applications.find((a) => a.appId === appId)?.clientSecret as string
  const credential = new ClientSecretCredential(emu.tenantId, appId, secret, {
    authorityHost: emu.authorityHost,
    disableInstanceDiscovery: true
  })
  return createGraphClient(credential, emu.graphEndpoint)
}

/** The reader the action uses: GETs gathered into $batch requests. */
const batcher = (appId: string): GraphReader =>
  new GraphBatcher(connect(appId).client, { policy: { baseDelayMs: 1, maxDelayMs: 5 } })

/** A directory signed in as `appId`, reading through `reader` (batched by default). */
function directory(appId: string, reader: GraphReader = batcher(appId)): GraphDirectory {
  return new GraphDirectory(connect(appId), `app ${appId}`, reader)
}

/** The error a read failed with, as the job log shows it (message and fix). */
async function failure(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ActionError)
  return describeError(error)
}

const graphRequests = () => emu.log.filter((e) => e.service === 'graph').map((e) => `${e.method} ${e.path}`)

describe('full reads', () => {
  test('$batch reads: every group read fails naming User.Read.All and Application.Read.All, with the fix', async () => {
    const dir = directory(GROUPS_ONLY_APP)
    const [engineers, analysts] = await Promise.all([
      failure(dir.readGroup('Data Engineers', 'flatten')),
      failure(dir.readGroup('Data Analysts', 'direct'))
    ])
    // The member pages went out as $batch steps.
    expect(graphRequests()).toContain('POST /v1.0/$batch')
    expect(graphRequests().filter((r) => /members$/i.test(r))).toEqual([])
    const engineersGroup = emu.graph.group('Data Engineers')!
    expect(engineers).toContain(
      `while reading the transitive members of Entra group "Data Engineers" (${engineersGroup.id})`
    )
    for (const text of [engineers, analysts]) {
      expect(text).toMatch(/user\(s\) \(.+\) and 1 service principal\(s\)/)
      expect(text).toContain('not read users (User.Read.All) or service principals (Application.Read.All)')
      expect(text).toContain('nothing was removed')
      expect(text).toContain(
        `Fix: Grant app ${GROUPS_ONLY_APP} the Microsoft Graph application permission User.Read.All and Application.Read.All (or Directory.Read.All) with admin consent`
      )
    }
    // Through the source the sync plans from: the read fails, it never yields a smaller member list.
    await expect(new EntraSource(directory(GROUPS_ONLY_APP)).readGroup('Data Analysts', 'flatten')).rejects.toThrow(
      /User\.Read\.All/
    )
  })

  test('plain GETs: a service principal the app may not read fails the read, naming Application.Read.All only', async () => {
    const connection = connect(NO_APPLICATION_READ_APP)
    const plain: GraphReader = { get: (url) => connection.client.api(url).get() as Promise<unknown> }
    const text = await failure(directory(NO_APPLICATION_READ_APP, plain).readGroup('Data Engineers', 'direct'))
    const etl = emu.graph.servicePrincipal(ETL_SP_NAME)!
    expect(text).toContain(`returned 1 service principal(s) (${etl.id}) with only an object id`)
    expect(text).toContain('Application.Read.All')
    expect(text).not.toContain('User.Read.All')
    expect(graphRequests().some((r) => r.startsWith('POST'))).toBe(false)
    // A group of users only is read in full with User.Read.All.
    const read = await directory(NO_APPLICATION_READ_APP, plain).readGroup('Databricks-Group-Test', 'flatten')
    expect(read.members.map((m) => m.userPrincipalName).sort()).toEqual([
      'adele.vance@contoso.com',
      'alex.wilber@contoso.com',
      'megan.bowen@contoso.com'
    ])
  })
})

describe('incremental reads (state file)', () => {
  const options = (previous?: DeltaState) => ({
    tenantId: emu.tenantId,
    graphEndpoint: emu.graphEndpoint,
    ...(previous ? { previous } : {}),
    log: () => undefined
  })

  /**
   * The delta links answered for the sync app, member lists as Graph answers an app without User.Read.All and
   * Application.Read.All: the guard inside the incremental reader, whatever let the delta links through.
   */
  function limitedMemberLists(): GraphDirectory {
    const full = batcher(SYNC_APP)
    const limited = batcher(GROUPS_ONLY_APP)
    const reader: GraphReader = {
      get: (url) => (/^\/groups\/[^/?]+\/members\?/.test(url) ? limited.get(url) : full.get(url))
    }
    return directory(SYNC_APP, reader)
  }

  test('an app without User.Read.All: Graph refuses users/delta, the read fails naming it, and no state is made', async () => {
    const dir = new DeltaDirectory(directory(GROUPS_ONLY_APP), `app ${GROUPS_ONLY_APP}`, options())
    const text = await failure(dir.readGroup('Data Engineers', 'flatten'))
    expect(text).toContain('403')
    expect(text).toContain('User.Read.All')
    expect(dir.snapshot()).toBeUndefined()
  })

  test('first run: limited members fail the read and are never kept in the state', async () => {
    const dir = new DeltaDirectory(limitedMemberLists(), `app ${SYNC_APP}`, options())
    const text = await failure(dir.readGroup('Data Engineers', 'flatten'))
    expect(text).toContain('not read users (User.Read.All) or service principals (Application.Read.All)')
    const state = dir.snapshot()
    expect(state?.groups).toEqual({})
    expect(state?.principals).toEqual({})
  })

  test('a later run: a group read again (it gained an unknown member) with limited members fails, and no state is made', async () => {
    const first = new DeltaDirectory(directory(SYNC_APP), `app ${SYNC_APP}`, options())
    await first.readGroup('Data Analysts', 'flatten')
    const previous = JSON.parse(JSON.stringify(first.snapshot())) as DeltaState
    expect(checkState(previous)).toBeUndefined()

    emu.graph.addUser({ userPrincipalName: 'new.analyst@contoso.com', displayName: 'New Analyst' })
    emu.graph.addMember('Data Analysts', 'new.analyst@contoso.com')
    const next = new DeltaDirectory(limitedMemberLists(), `app ${SYNC_APP}`, options(previous))
    expect(await failure(next.readGroup('Data Analysts', 'flatten'))).toContain('User.Read.All')
    expect(next.snapshot()).toBeUndefined()
  })

  test('a state file holding a member without its key is not used (the run reads everything)', async () => {
    const dir = new DeltaDirectory(directory(SYNC_APP), `app ${SYNC_APP}`, options())
    await dir.readGroup('Data Engineers', 'direct')
    const state = JSON.parse(JSON.stringify(dir.snapshot())) as DeltaState
    const user = Object.values(state.principals).find((p) => p.kind === 'user')!
    const sp = Object.values(state.principals).find((p) => p.kind === 'servicePrincipal')!

    const withoutUpn = structuredClone(state)
    delete withoutUpn.principals[user.id]!.userPrincipalName
    expect(checkState(withoutUpn)).toBe(`principal ${user.id} has no userPrincipalName`)
    const withoutAppId = structuredClone(state)
    withoutAppId.principals[sp.id]!.appId = ''
    expect(checkState(withoutAppId)).toBe(`principal ${sp.id} has no appId`)

    const file = join(mkdtempSync(join(tmpdir(), 'limited-state-')), 'state.json')
    writeFileSync(file, JSON.stringify(withoutUpn))
    expect(loadState(file, { tenantId: emu.tenantId, graphEndpoint: emu.graphEndpoint })).toEqual({
      ok: false,
      reason: `principal ${user.id} has no userPrincipalName`,
      replace: true
    })
  })
})
