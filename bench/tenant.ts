// A deterministic synthetic tenant for the scale benchmark: users, service principals and groups nested up to four
// levels in Entra, and workspaces that each sync a window of the groups (neighbouring windows overlap). Built
// programmatically from a seeded PRNG, so the same scale and seed always give the same tenant.
import { normalizeFixture, stableGuid, type GroupFixture, type TenantFixture } from '../emulators/fixture.js'
import { prng } from '../emulators/server.js'

export const BENCH_TENANT_ID = '3b1f6c2a-9d4e-4f8a-b7c6-5e2d1a0f9c84'
export const SYNC_APP = 'b3e5c7a9-1d2f-4e6a-8b0c-2d4f6a8c0e12'
export const BENCH_REPOSITORY = 'bench/identities'
export const BENCH_REF = 'refs/heads/main'
/** The action's app registration in a bench tenant: its federated credential and the Graph read permissions. */
export const BENCH_SYNC_APP = {
  displayName: 'entra-databricks-sync',
  appId: SYNC_APP,
  federatedCredentials: [{ subject: `repo:${BENCH_REPOSITORY}:ref:${BENCH_REF}` }],
  graphPermissions: ['GroupMember.Read.All', 'User.Read.All', 'Application.Read.All']
}

/** Full scale; `scale` multiplies every count but the number of workspaces. */
export const FULL = { users: 20_000, servicePrincipals: 500, groups: 1_000, workspaces: 10, groupsPerWorkspace: 100 }
/** Share of the groups at each nesting level (level 1 = top); each lower-level group has one parent a level up. */
const LEVEL_SHARES = [0.04, 0.12, 0.24, 0.6]
/** Chance that a user is also a direct member of a second group (any level below the top). */
const SECOND_GROUP = 0.2
/** Workspaces sync groups from this level down (1 = top): department and team groups, not whole divisions. */
const SYNCED_FROM_LEVEL = 2

export interface BenchWorkspace {
  name: string
  /** Entra display names of the groups it syncs. */
  groups: string[]
}

export interface BenchTenant {
  scale: number
  seed: number
  fixture: TenantFixture
  workspaces: BenchWorkspace[]
  /** Group display names by level (index 0 = top level). */
  levels: string[][]
  /** UPNs of the users and display names of the service principals, for churn. */
  userNames: string[]
  servicePrincipalNames: string[]
}

export { prng }

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** `users` multiplies the users (and only them) again: the scaling curve's 2× users point. */
export function buildTenant(options: { scale?: number; seed?: number; users?: number } = {}): BenchTenant {
  const scale = options.scale ?? 1
  const seed = options.seed ?? 20_240_601
  const random = prng(seed)
  const count = (n: number, min: number): number => Math.max(min, Math.round(n * scale))
  const nUsers = count(FULL.users * (options.users ?? 1), 10)
  const nSps = count(FULL.servicePrincipals, 2)
  const nGroups = count(FULL.groups, 8)
  const perWorkspace = Math.min(nGroups, count(FULL.groupsPerWorkspace, 2))

  // Groups by level, each below the top nested in one group a level up.
  const levels: string[][] = []
  let made = 0
  for (const [i, share] of LEVEL_SHARES.entries()) {
    const n = i === LEVEL_SHARES.length - 1 ? nGroups - made : Math.max(1, Math.round(nGroups * share))
    levels.push(Array.from({ length: n }, (_, j) => `bench-l${i + 1}-${pad(made + j, 4)}`))
    made += n
  }
  const members = new Map<string, string[]>(levels.flat().map((g) => [g, []]))
  const add = (group: string, member: string): void => {
    const list = members.get(group) as string[]
    if (!list.includes(member)) list.push(member)
  }
  for (let level = 1; level < levels.length; level++) {
    for (const g of levels[level] as string[]) add(pick(random, levels[level - 1] as string[]), g)
  }

  const leaves = levels[levels.length - 1] as string[]
  const belowTop = levels.slice(1).flat()
  const userNames = Array.from({ length: nUsers }, (_, i) => `user${pad(i, 5)}@bench.example.com`)
  for (const upn of userNames) {
    add(pick(random, leaves), upn)
    if (random() < SECOND_GROUP) add(pick(random, belowTop), upn)
  }
  const lowerTwo = levels.slice(-2).flat()
  const servicePrincipalNames = Array.from({ length: nSps }, (_, i) => `bench-svc-${pad(i, 4)}`)
  for (const name of servicePrincipalNames) add(pick(random, lowerTwo), stableGuid('app', name))

  // No empty group: the action skips a workspace whose group reads empty (it never empties a workspace).
  for (const [group, list] of members) if (list.length === 0) add(group, pick(random, userNames))

  // Workspaces sync windows of a shuffled group list; neighbours share 30% of their groups.
  const shuffled = levels.slice(SYNCED_FROM_LEVEL - 1).flat()
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string]
  }
  const stride = Math.max(1, Math.round(perWorkspace * 0.7))
  const workspaces: BenchWorkspace[] = Array.from({ length: FULL.workspaces }, (_, w) => ({
    name: `bench-ws-${pad(w + 1, 2)}`,
    groups: Array.from({ length: perWorkspace }, (_, k) => shuffled[(w * stride + k) % shuffled.length] as string)
  }))

  const groups: GroupFixture[] = levels.flat().map((displayName) => ({
    displayName,
    members: members.get(displayName) as string[]
  }))
  const fixture = normalizeFixture({
    tenantId: BENCH_TENANT_ID,
    github: { repository: BENCH_REPOSITORY, ref: BENCH_REF },
    applications: [BENCH_SYNC_APP],
    users: userNames.map((upn, i) => ({
      userPrincipalName: upn,
      displayName: `Bench User ${pad(i, 5)}`,
      mail: upn
    })),
    servicePrincipals: servicePrincipalNames.map((displayName) => ({
      displayName,
      appId: stableGuid('app', displayName)
    })),
    groups,
    workspaces: workspaces.map((w) => ({ name: w.name, admins: [SYNC_APP] }))
  })
  return { scale, seed, fixture, workspaces, levels, userNames, servicePrincipalNames }
}
