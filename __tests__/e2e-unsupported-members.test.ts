// `node dist/index.js` (command: sync) with Entra groups that hold members the action does not sync: a device and an
// organizational contact (a group may hold users, contacts, devices, service principals and groups:
// https://learn.microsoft.com/en-us/graph/api/group-list-members). Each is reported as skipped, with its reason, in the
// summary and the plan file, with full reads and with the state file; the users of the group sync as before.
import { afterEach, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { stableGuid, type TenantFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import type { ActionRun } from '../emulators/runner.js'
import { DEMO, expectCleanOutcome, readPlan, syncRun, workdir } from './fault-helpers.js'

let emu: Emulators | undefined

afterEach(async () => {
  await emu?.stop()
  emu = undefined
})

const KIOSK = stableGuid('device', 'KIOSK-01')
const VENDOR = stableGuid('contact', 'support@vendor.example')

/** The demo tenant with a device in Data Engineers and a contact in its nested group (flattened into it). */
const fixture: TenantFixture = {
  ...DEMO,
  devices: [{ displayName: 'KIOSK-01', operatingSystem: 'Windows' }],
  orgContacts: [{ displayName: 'Vendor Support', mail: 'support@vendor.example' }],
  groups: DEMO.groups.map((g) =>
    g.displayName === 'Data Engineers'
      ? { ...g, members: [...(g.members ?? []), 'KIOSK-01'] }
      : g.displayName === 'Data Engineers - Contractors'
        ? { ...g, members: [...(g.members ?? []), 'support@vendor.example'] }
        : g
  )
}

interface SkipEntry {
  reason: string
  subject: string
  group?: string
  detail: string
}

function skips(run: ActionRun, workspace: string): SkipEntry[] {
  const plan = readPlan(run)?.workspaces.find((w) => w.workspace === workspace) as unknown as
    { steps: { skips?: SkipEntry[] }[] } | undefined
  return (plan?.steps ?? []).flatMap((s) => s.skips ?? []).filter((s) => s.reason === 'unsupported-member')
}

test.each([{ stateFile: false }, { stateFile: true }])(
  'a device and a contact in a synced group are reported as skipped, never silently dropped (state-file: $stateFile)',
  async ({ stateFile }) => {
    emu = await startEmulators({ fixture })
    const dir = workdir(emu)
    const inputs: Record<string, string> = stateFile ? { 'state-file': join(dir, '.entra-sync', 'state.json') } : {}
    // With a state file, the second run answers from it (incremental): the skips are still there.
    for (const round of stateFile ? [1, 2] : [1]) {
      const run = await syncRun(emu, dir, inputs)
      expectCleanOutcome(run)
      expect(run.code).toBe(0)
      expect(run.stdout.includes('incremental read from the state file')).toBe(round === 2)
      // The sync app reads users and service principals, not devices or contacts: Graph gives their type and id.
      expect(skips(run, 'analytics-prod')).toEqual([
        {
          reason: 'unsupported-member',
          subject: `device ${KIOSK}`,
          group: 'data-engineers',
          detail: 'only users and service principals have a Databricks identity, so this device is not synced'
        },
        {
          reason: 'unsupported-member',
          subject: `organizational contact ${VENDOR}`,
          group: 'data-engineers',
          detail:
            'only users and service principals have a Databricks identity, so this organizational contact is not synced'
        }
      ])
      expect(run.summary).toContain('not a user or service principal')
      expect(run.summary).toContain(KIOSK)
      // The group's users still sync.
      expect(emu.workspaces['analytics-prod']?.group('data-engineers')?.memberNames.length).toBeGreaterThan(0)
    }
  }
)
