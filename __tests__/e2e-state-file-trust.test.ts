// `node dist/index.js` (command: sync, state-file) with a state file someone changed: the file comes from a cache that
// anyone who can write the default branch's caches can replace, so it is untrusted. A member injected into a tracked
// group is never added (Graph is asked first), a delta link to another host or path makes the run warn and read
// everything (never fail forever), a file whose last full read is over a day old (or claims one in the future) is
// read in full, and a FIFO, directory or symbolic link at the path is neither read (no hang) nor replaced.
import { describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ActionRun } from '../emulators/runner.js'
import type { DeltaState } from '../src/sources/entra/state-file.js'
import {
  cappedSyncRun,
  databricksWrites,
  DEMO,
  emulatorsPerTest,
  expectCleanOutcome,
  groupId,
  userId,
  workdir
} from './fault-helpers.js'

const emulators = emulatorsPerTest()
const e = emulators.get

const MALLORY = '6a6a6a6a-0000-4000-8000-000000000666'
const DAY = 24 * 60 * 60 * 1000

interface Session {
  file: string
  /** Runs sync with the state file; a run still going after `capMs` is killed (a hang fails, it does not time out). */
  run(capMs?: number): Promise<ActionRun>
}

async function session(): Promise<Session> {
  const emu = await emulators.start({ fixture: DEMO })
  const dir = workdir(emu)
  const file = join(dir, '.entra-sync', 'state.json')
  return {
    file,
    async run(capMs = 60_000) {
      return (await cappedSyncRun(e(), dir, { 'state-file': file }, { capMs })).run
    }
  }
}

const readState = (file: string): DeltaState => JSON.parse(readFileSync(file, 'utf8')) as DeltaState

function edit(file: string, change: (state: DeltaState) => void): void {
  const state = readState(file)
  change(state)
  writeFileSync(file, JSON.stringify(state))
}

const warnings = (run: ActionRun): string =>
  run.annotations
    .filter((a) => a.level === 'warning')
    .map((a) => a.message)
    .join('\n')

const members = (workspace: string, group: string): string[] =>
  e()
    .workspaces[workspace]?.group(group)
    ?.memberNames.map((m) => m.toLowerCase()) ?? []

/** Whether the run started fresh delta links (a full read) rather than reading the file's. */
const readInFull = (): boolean => JSON.stringify(e().servers.graph?.log ?? []).includes('deltatoken=latest')

/** A first run: everything synced, the state file written. */
async function synced(s: Session): Promise<void> {
  const first = await s.run()
  expectCleanOutcome(first)
  expect(first.code).toBe(0)
  e().clearLog()
}

test('a member injected into a tracked group in the file is not added: Graph is asked, and the next run reads all', async () => {
  const s = await session()
  await synced(s)
  const engineers = groupId(DEMO, 'Data Engineers')
  const lynne = userId(DEMO, 'lynne.robbins@contoso.com')
  edit(s.file, (state) => {
    // A real user of another group, and one who is no one in Entra.
    state.groups[engineers]?.members.push(lynne, MALLORY)
    state.principals[MALLORY] = {
      kind: 'user',
      id: MALLORY,
      displayName: 'Mallory',
      userPrincipalName: 'mallory@attacker.example',
      mail: 'mallory@attacker.example',
      userType: 'Member',
      accountEnabled: true
    }
  })
  const run = await s.run()
  expectCleanOutcome(run)
  expect(run.code).toBe(0)
  expect(run.stdout).toContain('incremental read from the state file')
  // Nothing to do: neither is added anywhere.
  expect(databricksWrites(e())).toEqual([])
  for (const ws of ['analytics-prod', 'analytics-dev']) {
    expect(members(ws, 'data-engineers')).not.toContain('lynne.robbins@contoso.com')
    expect(
      e()
        .workspaces[ws]?.users()
        .map((u) => u.userName)
    ).not.toContain('mallory@attacker.example')
  }
  expect(warnings(run)).toMatch(
    /the state file listed 2 member\(s\) of "Data Engineers" .* that Microsoft Graph does not confirm; they were not added/
  )
  // Graph was asked: the group's members were read again.
  expect(JSON.stringify(e().servers.graph?.log)).toContain(`/groups/${engineers}/members`)
  // The file Graph contradicted is replaced, and the next run reads everything.
  expect(readState(s.file).groups[engineers]?.members).not.toContain(MALLORY)
  e().clearLog()
  const next = await s.run()
  expect(next.code).toBe(0)
  expect(readInFull()).toBe(true)
  expect(databricksWrites(e())).toEqual([])
})

describe('a delta link that is not a delta link of the configured Graph', () => {
  test.each([
    {
      what: 'another host',
      link: 'groups' as const,
      to: (): string => 'https://attacker.example/v1.0/groups/delta?$deltatoken=x'
    },
    {
      what: 'another path of the Graph endpoint',
      link: 'users' as const,
      to: (): string => `${e().graphEndpoint}/v1.0/groups/delta?$deltatoken=x`
    }
  ])('($what): the file is not used, with a warning; the run reads everything and succeeds', async ({ link, to }) => {
    const s = await session()
    await synced(s)
    edit(s.file, (state) => {
      state.links[link] = to()
    })
    const run = await s.run()
    expectCleanOutcome(run)
    expect(run.code).toBe(0)
    expect(warnings(run)).toMatch(new RegExp(`The state file .* is not used: its ${link} delta link`))
    expect(readInFull()).toBe(true)
    expect(databricksWrites(e())).toEqual([])
    // A fresh file: the next run is incremental again.
    e().clearLog()
    const next = await s.run()
    expect(next.code).toBe(0)
    expect(next.stdout).toContain('incremental read from the state file')
  })
})

describe('the last full read', () => {
  test('over a day ago: the run reads everything (and so sees what the file left out)', async () => {
    const s = await session()
    await synced(s)
    const analysts = groupId(DEMO, 'Data Analysts')
    const lynne = userId(DEMO, 'lynne.robbins@contoso.com')
    const old = new Date(Date.now() - DAY - 60_000).toISOString()
    edit(s.file, (state) => {
      state.fullReadAt = old
      state.savedAt = old
      // A member left out of the file: only a full read puts her back, else she would be removed.
      const group = state.groups[analysts]
      if (group) group.members = group.members.filter((m) => m !== lynne)
    })
    const started = Date.now()
    const run = await s.run()
    expectCleanOutcome(run)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`the state file's last full read was at ${old}, over a day ago; reading everything`)
    expect(readInFull()).toBe(true)
    expect(databricksWrites(e())).toEqual([])
    expect(members('analytics-prod', 'data-analysts')).toContain('lynne.robbins@contoso.com')
    expect(Date.parse(readState(s.file).fullReadAt)).toBeGreaterThanOrEqual(started - 1000)
  })

  test('claimed in the future: the file is not used, with a warning; the run reads everything', async () => {
    const s = await session()
    await synced(s)
    edit(s.file, (state) => {
      state.fullReadAt = '2999-01-01T00:00:00.000Z'
    })
    const run = await s.run()
    expectCleanOutcome(run)
    expect(run.code).toBe(0)
    expect(warnings(run)).toContain('it claims a full read at 2999-01-01T00:00:00.000Z, which is in the future')
    expect(readInFull()).toBe(true)
    expect(Date.parse(readState(s.file).fullReadAt)).toBeLessThanOrEqual(Date.now())
  })
})

describe('not a regular file at the state-file path', () => {
  test.each([
    { what: 'a named pipe (FIFO)', make: (path: string) => execFileSync('mkfifo', [path]), is: 'isFIFO' as const },
    { what: 'a directory', make: (path: string) => mkdirSync(path), is: 'isDirectory' as const },
    {
      what: 'a symbolic link',
      make: (path: string) => {
        // To a file inside the checkout (a link out is refused before anything is read).
        writeFileSync(join(dirname(path), 'elsewhere.json'), '{}')
        symlinkSync('elsewhere.json', path)
      },
      is: 'isSymbolicLink' as const
    }
  ])(
    '$what: neither read (no hang) nor replaced; the run reads everything and succeeds',
    async ({ make, is, what }) => {
      const s = await session()
      mkdirSync(dirname(s.file), { recursive: true })
      make(s.file)
      const started = Date.now()
      const run = await s.run(45_000)
      expect(Date.now() - started).toBeLessThan(40_000)
      expectCleanOutcome(run)
      expect(run.code).toBe(0)
      expect(warnings(run)).toContain(
        `is not used: it is ${what}, not a regular file. This run reads everything and leaves it as it is`
      )
      expect(lstatSync(s.file)[is]()).toBe(true)
    }
  )
})
