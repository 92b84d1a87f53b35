// The lower bound of requests: what the best possible client must send for a run, counted from the state before
// it. Pure, so it can be checked by hand on a small case (__tests__/bench-bound.test.ts). A ratio (requests sent /
// this bound) is then ≥ 1 by construction and says how far a run is from the best client.

/**
 * Graph's largest page of directory objects ($top 1–999 on transitiveMembers) and its most requests in one
 * `$batch` (20); SCIM's largest page (the SCIM list references cap `count` at 100).
 */
export const GRAPH_PAGE = 999
export const GRAPH_BATCH = 20
export const SCIM_PAGE = 100
/**
 * Sign-in requests of a run: the GitHub OIDC token, then one Entra token per resource (Graph, Databricks). A
 * client that cached nothing between runs cannot do with fewer.
 */
export const TOKEN_REQUESTS = 3

export const pages = (n: number, size: number): number => Math.max(1, Math.ceil(n / size))

/**
 * The fewest requests that carry `reads` Graph GETs: 20 to a `$batch`, and never fewer than the longest chain of
 * reads that each need the answer of the one before (a group's id before its member pages, page k before k+1).
 */
export function graphRequests(reads: number, longestChain: number): number {
  if (reads <= 0) return 0
  return Math.max(Math.ceil(reads / GRAPH_BATCH), Math.min(reads, longestChain))
}

/** Graph reads of a full read: per distinct synced group, one lookup of its name and each page of its members. */
export function fullGraphReads(transitiveMemberCounts: readonly number[]): { reads: number; chain: number } {
  let reads = 0
  let chain = 0
  for (const n of transitiveMemberCounts) {
    const memberPages = pages(n, GRAPH_PAGE)
    reads += 1 + memberPages
    chain = Math.max(chain, 1 + memberPages)
  }
  return { reads, chain }
}

/** A workspace as the bound sees it before a run. */
export interface WorkspaceBefore {
  users: number
  servicePrincipals: number
  groups: number
  /**
   * Groups whose members the job needs, read one GET each (SCIM group lists carry no members): the synced groups
   * that already exist there, and `admins` (its members are never removed).
   */
  managedGroups: number
}

/** SCIM reads of one workspace: its user, service principal and group list pages, and one GET per group read. */
export const workspaceReads = (w: WorkspaceBefore): number =>
  pages(w.users, SCIM_PAGE) + pages(w.servicePrincipals, SCIM_PAGE) + pages(w.groups, SCIM_PAGE) + w.managedGroups

export interface SyncBoundInput {
  /**
   * Graph: 'delta' (a state file: one read per delta link — groups, users, service principals) or the member
   * counts of each distinct synced group (a full read).
   */
  graph: 'delta' | readonly number[]
  workspaces: readonly WorkspaceBefore[]
  /**
   * Writes: one per created identity, one per group whose members change (Databricks publishes no limit on a
   * PATCH's operations or members, so the best client sends a group's additions and removals in one), one per other
   * operation. 0 for a dry-run.
   */
  writes: number
}

export function syncLowerBound(input: SyncBoundInput): number {
  const graph = input.graph === 'delta' ? { reads: 3, chain: 1 } : fullGraphReads(input.graph)
  const scim = input.workspaces.reduce((n, w) => n + workspaceReads(w), 0)
  return TOKEN_REQUESTS + graphRequests(graph.reads, graph.chain) + scim + input.writes
}
