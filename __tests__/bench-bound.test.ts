// The benchmark's lower bound (bench/bound.ts) and the writes it takes from a plan (bench/scenarios.ts planCounts),
// on cases small enough to count the best client's requests by hand.
import { describe, expect, test } from '@jest/globals'
import { graphRequests, syncLowerBound, workspaceReads } from '../bench/bound.js'
import { planCounts } from '../bench/scenarios.js'

describe('the lower bound of a sync', () => {
  test('Graph: 20 reads to a $batch, never fewer requests than the longest chain of dependent reads', () => {
    // 45 groups of 10 members: 45 lookups + 45 first pages = 90 reads. By hand, 5 batches do it, each full but the
    // last: [L1–20], [P1–15, L21–25], [P16–25, L26–35], [P26–35, L36–45], [P36–45].
    expect(graphRequests(90, 2)).toBe(5)
    // One group of 1,000 members: its lookup, then page 1 (999), then page 2: three requests, one after the other.
    expect(graphRequests(3, 3)).toBe(3)
    // A state file's three delta links (groups, users, service principals): one $batch.
    expect(graphRequests(3, 1)).toBe(1)
    expect(graphRequests(0, 0)).toBe(0)
  })

  test('SCIM: list pages of 100 and one GET per group whose members are read', () => {
    // 250 users: 3 pages; no service principal: still 1 (empty) page; 4 groups: 1 page; 3 groups read.
    expect(workspaceReads({ users: 250, servicePrincipals: 0, groups: 4, managedGroups: 3 })).toBe(8)
  })

  test('a whole run, counted by hand', () => {
    const bound = syncLowerBound({
      // Groups of 5, 999 and 1,000 members: 3 lookups + 1 + 1 + 2 pages = 7 reads; the 1,000 group's chain is 3.
      graph: [5, 999, 1000],
      workspaces: [
        { users: 250, servicePrincipals: 0, groups: 4, managedGroups: 3 },
        { users: 0, servicePrincipals: 101, groups: 0, managedGroups: 0 }
      ],
      writes: 7
    })
    // 3 sign-in requests (GitHub OIDC, Entra for Graph, Entra for Databricks) + Graph max(⌈7/20⌉, 3) = 3
    // + SCIM (3 + 1 + 1 + 3) + (1 + 2 + 1 + 0) = 12 + 7 writes.
    expect(bound).toBe(3 + 3 + 12 + 7)
    expect(syncLowerBound({ graph: 'delta', workspaces: [], writes: 0 })).toBe(3 + 1)
  })

  test('writes from a plan: one per created identity, one per changed group (adds and removals together)', () => {
    const counts = planCounts({
      workspaces: [
        {
          workspace: 'a',
          status: 'ok',
          operations: [
            { kind: 'create-user', status: 'done' },
            { kind: 'create-service-principal', status: 'done' },
            { kind: 'add-members', group: 'Team', members: [1, 2, 3], status: 'done' },
            { kind: 'remove-members', group: 'team', members: [4], status: 'done' },
            { kind: 'add-members', group: 'Other', members: [5], status: 'done' },
            { kind: 'deactivate-user', status: 'done' }
          ]
        },
        // The same group name in another workspace is another group.
        {
          workspace: 'b',
          status: 'ok',
          operations: [{ kind: 'add-members', group: 'Team', members: [1], status: 'done' }]
        }
      ]
    })
    expect(counts).toEqual({
      changes: 2 + 3 + 1 + 1 + 1 + 1,
      creates: 2,
      changedGroups: 3,
      writes: 2 + 3 + 1,
      operations: 7
    })
  })
})
