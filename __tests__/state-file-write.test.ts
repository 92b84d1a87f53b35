// The state file is written piece by piece (a large tenant's state is tens of megabytes as one string), and what is
// written is exactly JSON.stringify of the state, which loadState reads back.
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadState, saveState, stateJson, STATE_VERSION, type DeltaState } from '../src/sources/entra/state-file.js'

const TENANT = '11111111-1111-1111-1111-111111111111'
const GRAPH = 'https://graph.example'
const id = (n: number): string => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`

function bigState(principals: number): DeltaState {
  const state: DeltaState = {
    version: STATE_VERSION,
    tenantId: TENANT,
    graphEndpoint: GRAPH,
    savedAt: '2026-12-04T00:00:00.000Z',
    fullReadAt: '2026-12-04T00:00:00.000Z',
    links: {
      groups: `${GRAPH}/v1.0/groups/delta?$deltatoken=a`,
      users: `${GRAPH}/v1.0/users/delta?$deltatoken=b`,
      servicePrincipals: `${GRAPH}/v1.0/servicePrincipals/delta?$deltatoken=c`
    },
    groups: {},
    principals: {},
    others: { [id(900_000)]: { type: '#microsoft.graph.device', displayName: 'Kiosk “Ω”' } },
    names: { 'all staff': id(1) }
  }
  state.groups[id(1)] = { displayName: 'All staff', members: [] }
  for (let n = 10; n < 10 + principals; n++) {
    state.principals[id(n)] = {
      kind: 'user',
      id: id(n),
      displayName: `User ${n} — Ærø`,
      userPrincipalName: `user${n}@example.com`,
      mail: null,
      accountEnabled: n % 7 !== 0
    }
    state.groups[id(1)]?.members.push(id(n))
  }
  return state
}

describe('state file writing', () => {
  test('writes exactly JSON.stringify of the state, never as one string', () => {
    const state = bigState(3000)
    const whole = JSON.stringify(state)
    const pieces = [...stateJson(state)]
    expect(pieces.join('')).toBe(whole)
    // The longest piece is the group with its 3,000 member ids; a principal is one piece of its own.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 3)
    expect(pieces.length).toBeGreaterThan(3000)
  })

  test('a saved state reads back as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'state-write-'))
    const path = join(dir, 'state.json')
    const state = bigState(5000)
    saveState(path, state)
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(state))
    const loaded = loadState(path, { tenantId: TENANT, graphEndpoint: GRAPH, now: Date.parse('2026-12-04T01:00:00Z') })
    expect(loaded).toEqual({ ok: true, state })
  })
})
