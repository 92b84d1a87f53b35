// Workspace assignments: the pure planner (assign, change permission, unassign only managed groups, problems),
// the account API client (paths, bodies, list parsing, errors and retries) and apply running them in order.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import { DATABRICKS_RESOURCE_ID } from '../emulators/databricks.js'
import { loadFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'
import {
  accountApiBase,
  accountScimBase,
  PermissionAssignmentsClient,
  type AssignmentsApi,
  type PermissionAssignmentsClientOptions
} from '../src/targets/databricks/assignments-client.js'
import { ScimNotFoundError, ScimRequestError } from '../src/targets/databricks/errors.js'
import { ScimClient } from '../src/targets/databricks/scim-client.js'
import type {
  NewGroup,
  ScimApi,
  ScimGroup,
  ScimPatchOp,
  ScimResourceType,
  ScimServicePrincipal,
  ScimUser
} from '../src/targets/databricks/types.js'
import { addSyncSummary } from '../src/report/sync-summary.js'
import { applyPlan } from '../src/run/apply.js'
import { databricksWriters, fakeScim as fakeScimApi } from './fake-scim.js'
import { planAssignments, type AssignmentInput, type AssignmentWorkspace } from '../src/core/assignments.js'
import { describeOperation, OPERATION_ORDER, type Operation } from '../src/core/operations.js'
import type { StepPlan, StepResult, SyncResult, TargetResult } from '../src/core/results.js'

// ---- planner

const ws = (name: string, workspaceId: string, groups: [string, 'USER' | 'ADMIN'][], removalAllows = true) =>
  ({
    name,
    workspaceId,
    accountGroups: groups.map(([group, permission]) => ({ group, permission })),
    removalAllows
  }) satisfies AssignmentWorkspace

const group = (principalId: string, groupName: string, ...permissions: string[]) => ({
  principalId,
  groupName,
  permissions
})

function input(extra: Partial<AssignmentInput> & Pick<AssignmentInput, 'workspaces'>): AssignmentInput {
  return {
    current: new Map(),
    accountGroups: new Map([
      ['data engineers', { id: '101' }],
      ['data analysts', { id: '102' }],
      ['finance', { id: '103' }],
      ['platform admins', { id: '104' }]
    ]),
    managedGroupNames: new Set(['Data Engineers', 'Data Analysts', 'Platform Admins', 'New Team']),
    ...extra
  }
}

const brief = (ops: Operation[]): string[] =>
  ops.map((op) =>
    op.kind === 'assign-to-workspace'
      ? `assign ${op.group}(${op.groupId ?? 'new'}) -> ${op.workspace}/${op.workspaceId} ${op.permission}`
      : op.kind === 'unassign-from-workspace'
        ? `unassign ${op.group}(${op.groupId}) <- ${op.workspace}/${op.workspaceId}`
        : op.kind
  )

describe('planAssignments', () => {
  test('assigns what is missing, with the configured permission, in a stable order', () => {
    const plan = planAssignments(
      input({
        workspaces: [
          ws('prod', '222', [
            ['Data Engineers', 'USER'],
            ['Platform Admins', 'ADMIN']
          ]),
          ws('dev', '111', [
            ['Finance', 'USER'],
            ['Data Analysts', 'USER']
          ])
        ]
      })
    )
    expect(brief(plan.operations)).toEqual([
      'assign Data Analysts(102) -> dev/111 USER',
      'assign Finance(103) -> dev/111 USER',
      'assign Data Engineers(101) -> prod/222 USER',
      'assign Platform Admins(104) -> prod/222 ADMIN'
    ])
    expect(plan.problems).toEqual([])
  })

  test('nothing to do when the assignments are there; a permission change is a PUT of the new one', () => {
    const current = new Map([
      [
        '111',
        [
          group('101', 'Data Engineers', 'USER'),
          group('102', 'Data Analysts', 'USER'),
          group('104', 'Platform Admins', 'USER', 'ADMIN')
        ]
      ]
    ])
    const plan = planAssignments(
      input({
        current,
        workspaces: [
          ws('dev', '111', [
            ['data engineers', 'USER'],
            ['Data Analysts', 'ADMIN'],
            ['Platform Admins', 'ADMIN']
          ])
        ]
      })
    )
    expect(brief(plan.operations)).toEqual(['assign Data Analysts(102) -> dev/111 ADMIN'])
    // ADMIN -> USER is a change too.
    const down = planAssignments(
      input({
        current: new Map([['111', [group('104', 'Platform Admins', 'ADMIN')]]]),
        workspaces: [ws('dev', '111', [['Platform Admins', 'USER']])]
      })
    )
    expect(brief(down.operations)).toEqual(['assign Platform Admins(104) -> dev/111 USER'])
  })

  test('a managed group created in this run is assigned without an id (apply resolves it)', () => {
    const plan = planAssignments(input({ workspaces: [ws('dev', '111', [['New Team', 'USER']])] }))
    expect(plan.operations).toEqual([
      { kind: 'assign-to-workspace', workspace: 'dev', workspaceId: '111', group: 'New Team', permission: 'USER' }
    ])
    // Also when the caller lists it without id.
    const listed = input({ workspaces: [ws('dev', '111', [['New Team', 'USER']])] })
    ;(listed.accountGroups as Map<string, { id?: string }>).set('new team', {})
    expect(planAssignments(listed).operations).toEqual(plan.operations)
  })

  test('unassigns managed groups no longer listed, only where removal allows it', () => {
    const current = new Map([
      [
        '111',
        [
          group('101', 'Data Engineers', 'USER'),
          group('102', 'Data Analysts', 'USER'),
          group('103', 'Finance', 'USER'), // not managed: left alone
          group('900', 'Someone Else’s Group', 'ADMIN'), // not managed: left alone
          { principalId: '7', permissions: ['USER'] }, // a user: never touched
          { principalId: '8', permissions: ['ADMIN'] } // a service principal: never touched
        ]
      ]
    ])
    const plan = planAssignments(input({ current, workspaces: [ws('dev', '111', [['Data Engineers', 'USER']])] }))
    expect(brief(plan.operations)).toEqual(['unassign Data Analysts(102) <- dev/111'])
    const kept = planAssignments(
      input({ current, workspaces: [ws('dev', '111', [['Data Engineers', 'USER']], false)] })
    )
    expect(kept.operations).toEqual([])
  })

  test('a workspace that lists nothing loses the managed groups it had', () => {
    const current = new Map([
      ['111', [group('101', 'Data Engineers', 'USER'), group('104', 'platform admins', 'ADMIN')]]
    ])
    const plan = planAssignments(input({ current, workspaces: [ws('dev', '111', [])] }))
    expect(brief(plan.operations)).toEqual([
      'unassign Data Engineers(101) <- dev/111',
      'unassign platform admins(104) <- dev/111'
    ])
  })

  test('an unknown account group is a problem, not an operation; the rest goes on', () => {
    const plan = planAssignments(
      input({
        workspaces: [
          ws('dev', '111', [
            ['Data Engineers', 'USER'],
            ['Ghosts', 'USER']
          ])
        ]
      })
    )
    expect(brief(plan.operations)).toEqual(['assign Data Engineers(101) -> dev/111 USER'])
    expect(plan.problems).toEqual([
      'workspace dev: account group "Ghosts" does not exist in the account and no account.groups mapping creates it, so it was not assigned; check the name, or add the Entra group to account.groups.'
    ])
  })

  test('a workspace without id is a problem when it lists groups; a group listed twice gets the higher permission', () => {
    const plan = planAssignments(
      input({
        workspaces: [
          ws('no-id', ' ', [['Data Engineers', 'USER']]),
          ws('empty', '', []),
          ws('dev', '111', [
            ['Data Engineers', 'USER'],
            ['DATA ENGINEERS', 'ADMIN']
          ])
        ]
      })
    )
    expect(brief(plan.operations)).toEqual(['assign Data Engineers(101) -> dev/111 ADMIN'])
    expect(plan.problems).toEqual([
      'workspace no-id: no workspace id, so its account groups were not assigned; set workspace-id in the config.'
    ])
  })

  test('same input, same plan, whatever the order of current assignments', () => {
    const a = [
      group('101', 'Data Engineers', 'USER'),
      group('102', 'Data Analysts', 'USER'),
      group('104', 'Platform Admins', 'USER')
    ]
    const one = planAssignments(
      input({ current: new Map([['111', a]]), workspaces: [ws('dev', '111', [['Finance', 'ADMIN']])] })
    )
    const two = planAssignments(
      input({ current: new Map([['111', [...a].reverse()]]), workspaces: [ws('dev', '111', [['Finance', 'ADMIN']])] })
    )
    expect(two).toEqual(one)
    expect(brief(one.operations)).toEqual([
      'assign Finance(103) -> dev/111 ADMIN',
      'unassign Data Analysts(102) <- dev/111',
      'unassign Data Engineers(101) <- dev/111',
      'unassign Platform Admins(104) <- dev/111'
    ])
  })

  test('assignments sit between add-members and deactivations in the operation order', () => {
    const rank = (k: Operation['kind']) => OPERATION_ORDER.indexOf(k)
    expect(rank('assign-to-workspace')).toBeGreaterThan(rank('add-members'))
    expect(rank('assign-to-workspace')).toBeLessThan(rank('remove-members'))
    expect(rank('unassign-from-workspace')).toBeGreaterThan(rank('remove-members'))
    expect(rank('unassign-from-workspace')).toBeLessThan(rank('deactivate'))
  })
})

// ---- client

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-token-value'

interface Sent {
  method: string
  url: string
  body?: unknown
  headers: Record<string, string>
}

function fakeFetch(answers: (sent: Sent, index: number) => Response) {
  const sent: Sent[] = []
  const fetchFn: typeof fetch = async (input, init) => {
    const s: Sent = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: init?.headers as Record<string, string>,
      ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {})
    }
    sent.push(s)
    return answers(s, sent.length - 1)
  }
  return { sent, fetchFn }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

function client(fetchFn: typeof fetch, options: Partial<PermissionAssignmentsClientOptions> = {}) {
  let t = 0
  return new PermissionAssignmentsClient({
    host: 'https://accounts.azuredatabricks.net/',
    accountId: 'a1b2c3d4-0000-4000-8000-000000000001',
    token: async () => TOKEN,
    fetch: fetchFn,
    now: () => t,
    sleep: async (ms) => {
      t += ms
    },
    random: () => 0.5,
    ...options
  })
}

const ACCOUNT = 'https://accounts.azuredatabricks.net/api/2.0/accounts/a1b2c3d4-0000-4000-8000-000000000001'

describe('PermissionAssignmentsClient', () => {
  test('account URLs', () => {
    expect(accountScimBase('https://accounts.azuredatabricks.net', 'acc')).toBe(
      'https://accounts.azuredatabricks.net/api/2.0/accounts/acc/scim/v2'
    )
    expect(accountScimBase('https://accounts.azuredatabricks.net/', 'acc')).toBe(
      'https://accounts.azuredatabricks.net/api/2.0/accounts/acc/scim/v2'
    )
    expect(accountApiBase('https://accounts.azuredatabricks.net', 'acc')).toBe(
      'https://accounts.azuredatabricks.net/api/2.0/accounts/acc'
    )
  })

  test('list reads group, user and service principal assignments; ids become strings', async () => {
    const { sent, fetchFn } = fakeFetch(() =>
      json(200, {
        permission_assignments: [
          {
            principal: { principal_id: 1001, display_name: 'Data Engineers', group_name: 'Data Engineers' },
            permissions: ['USER']
          },
          {
            principal: { principal_id: 1002, display_name: 'Adele', user_name: 'adele@contoso.com' },
            permissions: ['ADMIN']
          },
          {
            principal: {
              principal_id: '1003',
              display_name: 'etl',
              service_principal_name: '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
            },
            permissions: ['USER', 'ADMIN']
          },
          { error: 'PRINCIPAL_DELETED', principal: {} },
          'garbage'
        ]
      })
    )
    const list = await client(fetchFn).list('1234567890')
    expect(sent[0]).toMatchObject({ method: 'GET', url: `${ACCOUNT}/workspaces/1234567890/permissionassignments` })
    expect(sent[0]!.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' })
    expect(list).toEqual([
      { principalId: '1001', groupName: 'Data Engineers', displayName: 'Data Engineers', permissions: ['USER'] },
      { principalId: '1002', userName: 'adele@contoso.com', displayName: 'Adele', permissions: ['ADMIN'] },
      {
        principalId: '1003',
        servicePrincipalName: '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60',
        displayName: 'etl',
        permissions: ['USER', 'ADMIN']
      }
    ])
  })

  test('int64 principal ids above 2^53 are read and sent back with all their digits', async () => {
    // 9007199254740993 is 2^53 + 1: JSON.parse alone reads it as 9007199254740992, another principal's id.
    const text =
      '{"permission_assignments":[' +
      '{"principal":{"principal_id":9007199254740993,"group_name":"Data Engineers"},"permissions":["USER"]},' +
      '{"principal":{"principal_id":9876543210987654321,"user_name":"adele@contoso.com"},"permissions":["USER"]},' +
      '{"principal":{"principal_id":"9007199254740995","group_name":"As Text"},"permissions":["ADMIN"]}]}'
    const { sent, fetchFn } = fakeFetch((s) =>
      s.method === 'GET'
        ? new Response(text, { status: 200, headers: { 'content-type': 'application/json' } })
        : new Response('{}', { status: 200 })
    )
    const c = client(fetchFn)
    const list = await c.list('6234138917436195')
    expect(list.map((a) => a.principalId)).toEqual(['9007199254740993', '9876543210987654321', '9007199254740995'])
    await c.unassign('6234138917436195', list[0]!.principalId)
    expect(sent[1]!.url).toBe(
      `${ACCOUNT}/workspaces/6234138917436195/permissionassignments/principals/9007199254740993`
    )
  })

  test('an empty workspace lists nothing', async () => {
    expect(await client(fakeFetch(() => json(200, {})).fetchFn).list('1')).toEqual([])
    expect(await client(fakeFetch(() => new Response(null, { status: 200 })).fetchFn).list('1')).toEqual([])
  })

  test('an answer that is not a list is a clear error', async () => {
    const error = await client(fakeFetch(() => new Response('<html>login</html>', { status: 200 })).fetchFn)
      .list('1')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ScimRequestError)
    expect((error as ScimRequestError).message).toMatch(/not a permission assignment list/)
  })

  test('assign PUTs the permissions; unassign DELETEs', async () => {
    const { sent, fetchFn } = fakeFetch((s) =>
      s.method === 'PUT'
        ? json(200, { principal: { principal_id: 1001 }, permissions: ['ADMIN'] })
        : new Response(null, { status: 200 })
    )
    const c = client(fetchFn)
    await c.assign('1234567890', '1001', ['ADMIN'])
    await c.unassign('1234567890', '1001')
    expect(sent.map((s) => [s.method, s.url, s.body])).toEqual([
      ['PUT', `${ACCOUNT}/workspaces/1234567890/permissionassignments/principals/1001`, { permissions: ['ADMIN'] }],
      ['DELETE', `${ACCOUNT}/workspaces/1234567890/permissionassignments/principals/1001`, undefined]
    ])
    expect(sent[0]!.headers['Content-Type']).toBe('application/json')
    expect(c.stats().requests).toEqual({ PUT: 1, DELETE: 1 })
  })

  test('errors in {error_code, message} form name the request and the service’s words, never the token', async () => {
    const { fetchFn } = fakeFetch(() =>
      json(400, {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: 'Workspace 99 does not have identity federation enabled.'
      })
    )
    const error = (await client(fetchFn)
      .assign('99', '1001', ['USER'])
      .catch((e: unknown) => e)) as ScimRequestError
    expect(error).toBeInstanceOf(ScimRequestError)
    expect(error.status).toBe(400)
    expect(error.message).toBe(
      'Databricks account a1b2c3d4-0000-4000-8000-000000000001: PUT /workspaces/99/permissionassignments/principals/1001 ' +
        'answered 400: INVALID_PARAMETER_VALUE: Workspace 99 does not have identity federation enabled.'
    )
    expect(error.describe()).not.toContain(TOKEN)
    expect(JSON.stringify(error)).not.toContain(TOKEN)
  })

  test('401 and 403 say what the identity needs; a 404 on list names the workspace id', async () => {
    const fails = async (status: number, call: (c: PermissionAssignmentsClient) => Promise<unknown>) =>
      (await call(client(fakeFetch(() => json(status, { error_code: 'X', message: 'no' })).fetchFn)).catch(
        (e: unknown) => e
      )) as ScimRequestError
    expect((await fails(401, (c) => c.list('5'))).fix).toMatch(/token was refused by the account API/)
    expect((await fails(403, (c) => c.assign('5', '1', ['USER']))).fix).toMatch(/account admin/)
    const notFound = await fails(404, (c) => c.list('5'))
    expect(notFound).toBeInstanceOf(ScimNotFoundError)
    expect(notFound.fix).toMatch(/workspace id \(5\)/)
  })

  test('429 waits its Retry-After; a 503 on PUT is retried', async () => {
    const { sent, fetchFn } = fakeFetch((_, i) =>
      i === 0
        ? json(429, { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow down' }, { 'Retry-After': '4' })
        : i === 1
          ? json(503, { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' })
          : json(200, {})
    )
    const c = client(fetchFn)
    await c.assign('5', '1', ['USER'])
    expect(sent).toHaveLength(3)
    expect(c.stats()).toMatchObject({ throttled: 1, retries: 2 })
    expect(c.stats().waitedMs).toBeGreaterThanOrEqual(4000)
  })

  test('a DELETE whose answer was lost and then finds nothing counts as done', async () => {
    const { sent, fetchFn } = fakeFetch((_, i) => {
      if (i === 0)
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('closed'), { code: 'ECONNRESET' }) })
      return json(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Principal 1 has no permission assignment.' })
    })
    await client(fetchFn).unassign('5', '1')
    expect(sent).toHaveLength(2)
  })
})

// ---- apply

/** A ScimApi that records writes; creates get ids `new-<name>`; `failCreate` makes a create fail. */
function fakeScim(log: string[], failCreate = new Set<string>()): ScimApi {
  return fakeScimApi({
    createUser: async (u): Promise<ScimUser> => {
      log.push(`create-user ${u.userName}`)
      return { id: `new-${u.userName}`, userName: u.userName }
    },
    createServicePrincipal: async (sp): Promise<ScimServicePrincipal> => ({
      id: `new-${sp.applicationId}`,
      applicationId: sp.applicationId
    }),
    createGroup: async (g: NewGroup): Promise<ScimGroup> => {
      if (failCreate.has(g.displayName)) throw new Error(`create ${g.displayName} refused`)
      log.push(`create-group ${g.displayName}`)
      return { id: `new-${g.displayName}`, displayName: g.displayName }
    },
    patch: async (type: ScimResourceType, id: string, ops: ScimPatchOp[]) => {
      log.push(`patch ${type}/${id} ${ops.map((o) => o.op).join(',')}`)
    },
    delete: async (type: ScimResourceType, id: string) => {
      log.push(`delete ${type}/${id}`)
    }
  })
}

function fakeAssignments(log: string[]): AssignmentsApi {
  return {
    assign: async (workspaceId, principalId, permissions) => {
      log.push(`assign ${workspaceId} ${principalId} ${permissions.join(',')}`)
    },
    unassign: async (workspaceId, principalId) => {
      log.push(`unassign ${workspaceId} ${principalId}`)
    }
  }
}

const accountPlan = (operations: Operation[]): StepPlan => ({
  step: 'identities',
  operations,
  skips: [],
  breaker: { removals: 0, base: 0, limit: 10, maxDeletions: { kind: 'count', value: 10 }, tripped: false }
})

describe('applyPlan with workspace assignments', () => {
  const alice = { kind: 'user' as const, key: 'alice@contoso.com', id: 'u-alice', display: 'Alice' }
  const operations: Operation[] = [
    { kind: 'create-group', displayName: 'New Team', externalId: 'e1', entitlements: [] },
    { kind: 'add-members', group: 'New Team', members: [alice] },
    { kind: 'assign-to-workspace', workspace: 'dev', workspaceId: '111', group: 'New Team', permission: 'USER' },
    {
      kind: 'assign-to-workspace',
      workspace: 'prod',
      workspaceId: '222',
      group: 'Data Engineers',
      groupId: '101',
      permission: 'ADMIN'
    },
    { kind: 'remove-members', group: 'Data Engineers', groupId: '101', members: [alice] },
    { kind: 'unassign-from-workspace', workspace: 'dev', workspaceId: '111', group: 'Old Team', groupId: '105' },
    { kind: 'delete', principal: { kind: 'user', key: 'gone@contoso.com', id: 'u-gone', display: 'Gone' } }
  ]

  test('assigns after the members are in, resolving the id of a group created in this run; unassigns with removals', async () => {
    const log: string[] = []
    const results = await applyPlan(accountPlan(operations), databricksWriters(fakeScim(log), fakeAssignments(log)), {
      concurrency: 1
    })
    expect(results.map((r) => r.status)).toEqual(operations.map(() => 'done'))
    expect(log).toEqual([
      'create-group New Team',
      'patch Groups/new-New Team add',
      'assign 111 new-New Team USER',
      'assign 222 101 ADMIN',
      'patch Groups/101 remove',
      'unassign 111 105',
      'delete Users/u-gone'
    ])
  })

  test('a group whose creation failed is not assigned; the other assignments go on', async () => {
    const log: string[] = []
    const results = await applyPlan(
      accountPlan(operations),
      databricksWriters(fakeScim(log, new Set(['New Team'])), fakeAssignments(log)),
      { concurrency: 2 }
    )
    const status = (kind: string, group: string) =>
      results.find((r) => r.operation.kind === kind && 'group' in r.operation && r.operation.group === group)
    expect(status('assign-to-workspace', 'New Team')).toMatchObject({
      status: 'failed',
      error: 'group New Team has no Databricks id (its creation failed earlier in this run)'
    })
    expect(status('assign-to-workspace', 'Data Engineers')?.status).toBe('done')
    expect(log).toContain('assign 222 101 ADMIN')
    expect(log).toContain('unassign 111 105')
  })

  test('an assignment the API refuses fails that operation only', async () => {
    const log: string[] = []
    const assignments: AssignmentsApi = {
      ...fakeAssignments(log),
      assign: async (workspaceId) => {
        if (workspaceId === '222') throw new Error('PUT answered 400: INVALID_PARAMETER_VALUE')
        log.push(`assign ${workspaceId}`)
      }
    }
    const results = await applyPlan(accountPlan(operations), databricksWriters(fakeScim(log), assignments), {
      concurrency: 4
    })
    expect(results.filter((r) => r.status === 'failed').map((r) => r.error)).toEqual([
      'PUT answered 400: INVALID_PARAMETER_VALUE'
    ])
    expect(log).toContain('assign 111')
  })

  test('without an assignments client, assignment operations fail with a clear message and the rest is applied', async () => {
    const log: string[] = []
    const results = await applyPlan(accountPlan(operations), databricksWriters(fakeScim(log)), { concurrency: 1 })
    const failed = results.filter((r) => r.status === 'failed')
    expect(failed.map((r) => r.operation.kind)).toEqual([
      'assign-to-workspace',
      'assign-to-workspace',
      'unassign-from-workspace'
    ])
    expect(failed[0]?.error).toMatch(/need the account API/)
    expect(log).toContain('delete Users/u-gone')
  })
})

// ---- sync summary

describe('sync summary', () => {
  const assign: Operation = {
    kind: 'assign-to-workspace',
    workspace: 'analytics-prod',
    workspaceId: '222',
    group: 'Data <Engineers>',
    groupId: '101',
    permission: 'ADMIN'
  }
  const unassign: Operation = {
    kind: 'unassign-from-workspace',
    workspace: 'analytics-dev',
    workspaceId: '111',
    group: 'Old Team',
    groupId: '105'
  }
  const create: Operation = { kind: 'create-group', displayName: 'New Team', externalId: 'e', entitlements: [] }
  const account = (status: StepResult['status'], operations: Operation[]): TargetResult => ({
    workspace: 'account',
    host: 'https://accounts.azuredatabricks.net',
    steps: [
      {
        step: 'identities',
        status,
        plan: accountPlan(operations),
        results: operations.map((operation) => ({ operation, status: status === 'changed' ? 'done' : 'planned' }))
      }
    ],
    requests: { total: 9, throttled: 0, retries: 0, waitedMs: 0 }
  })
  const workspace: TargetResult = {
    workspace: 'analytics-dev',
    host: 'https://adb-1.azuredatabricks.net',
    steps: [{ step: 'identities', status: 'unchanged', plan: accountPlan([]), results: [] }]
  }
  const render = (result: SyncResult): string => {
    core.summary.emptyBuffer()
    addSyncSummary(core.summary, result)
    return core.summary.stringify()
  }

  test('a Workspace assignments table, and a column in the overview', () => {
    const html = render({ dryRun: false, workspaces: [account('changed', [create, assign, unassign]), workspace] })
    expect(html).toContain('<th>Deactivated / deleted</th><th>Workspace assignments</th><th>Skipped</th>')
    expect(html).toContain(
      '<tr><td>account</td><td>✅ changed</td><td>1</td><td>0</td><td>0</td><td>0</td><td>2 (1 unassigned)</td><td>0</td>'
    )
    expect(html).toContain(
      '<tr><td>analytics-dev</td><td>✅ unchanged</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>'
    )
    expect(html).toContain('<h4>Workspace assignments</h4>')
    expect(html).toContain('<tr><td>assigned Data &lt;Engineers&gt; to analytics-prod as ADMIN</td></tr>')
    expect(html).toContain('<tr><td>unassigned Old Team from analytics-dev</td></tr>')
    expect(html).toContain(
      '<p>2 workspaces: 1 changed, 1 unchanged, 0 failed, 0 stopped by the circuit breaker, 0 skipped. 3 changes made.</p>'
    )
  })

  test('dry run and tripped wording', () => {
    const dry = render({ dryRun: true, workspaces: [account('planned', [assign])] })
    expect(dry).toContain('<h4>Would change workspace assignments</h4>')
    expect(dry).toContain('<tr><td>assign Data &lt;Engineers&gt; to analytics-prod as ADMIN</td></tr>')
    expect(dry).toContain('<td>📝 would change</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td>')
    const tripped = render({ dryRun: false, workspaces: [account('tripped', [unassign])] })
    expect(tripped).toContain('<h4>Planned, not applied: change workspace assignments</h4>')
    expect(tripped).toContain('<tr><td>unassign Old Team from analytics-dev</td></tr>')
  })

  test('no assignment anywhere: no column', () => {
    const html = render({ dryRun: false, workspaces: [workspace] })
    expect(html).not.toContain('Workspace assignments')
  })

  test('a failed assignment is described in the failed operations', () => {
    expect(describeOperation(assign)).toBe('assign group Data <Engineers> to workspace analytics-prod as ADMIN')
    expect(describeOperation(unassign)).toBe('unassign group Old Team from workspace analytics-dev')
  })

  test('an account-limit skip has its label', () => {
    const ws = account('failed', [])
    ws.steps[0]!.plan!.skips.push({
      reason: 'account-limit' as never,
      subject: 'account',
      detail: 'the account would hold 10,001 users and service principals'
    })
    expect(render({ dryRun: false, workspaces: [ws] })).toContain('<td>Databricks account limit</td>')
  })
})

// ---- end to end against the account emulator

describe('against the account emulator', () => {
  const ROOT = join(import.meta.dirname, '..')
  const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
  const PROD = { name: 'analytics-prod', id: '6234138917436195' }
  const DEV = { name: 'analytics-dev', id: '1234567890123456' }
  let emu: Emulators
  let token: string

  beforeAll(async () => {
    const ca = await ensureTestCa(join(ROOT, '.emulators'))
    if (process.env.NODE_EXTRA_CA_CERTS !== ca.caFile) trustTestCa(ca.ca)
    const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
    emu = await startEmulators({ fixture, caDir: join(ROOT, '.emulators') })
    token = await emu.entra.issueAccessToken(SYNC_APP, DATABRICKS_RESOURCE_ID)
  })

  afterAll(async () => {
    await emu?.stop()
  })

  const view = (workspace: string) =>
    emu.account!.assignments(workspace).map((a) => `${a.principal}:${a.permissions.join('+')}`)

  test('list, plan, apply (with a group created in the same run), and the plan is empty after', async () => {
    const assignments = new PermissionAssignmentsClient({
      host: emu.accountHost!,
      accountId: emu.accountId!,
      token: async () => token,
      writeRates: {}
    })
    const scim = new ScimClient({
      baseUrl: accountScimBase(emu.accountHost!, emu.accountId!),
      token: async () => token,
      workspace: 'account',
      level: 'account'
    })
    const workspaces = [
      ws(PROD.name, PROD.id, [
        ['platform-admins', 'USER'],
        ['data-team', 'USER']
      ]),
      ws(DEV.name, DEV.id, [])
    ]
    const planNow = async () => {
      const groups = await scim.listGroups()
      return planAssignments({
        workspaces,
        current: new Map([
          [PROD.id, await assignments.list(PROD.id)],
          [DEV.id, await assignments.list(DEV.id)]
        ]),
        accountGroups: new Map(groups.map((g) => [g.displayName.toLowerCase(), { id: g.id }])),
        managedGroupNames: new Set(['platform-admins', 'data-team'])
      })
    }

    const first = await planNow()
    expect(first.problems).toEqual([])
    expect(brief(first.operations)).toEqual([
      `assign data-team(new) -> ${PROD.name}/${PROD.id} USER`,
      `assign platform-admins(${emu.account!.group('platform-admins')!.id}) -> ${PROD.name}/${PROD.id} USER`,
      `unassign platform-admins(${emu.account!.group('platform-admins')!.id}) <- ${DEV.name}/${DEV.id}`
    ])
    const create: Operation = { kind: 'create-group', displayName: 'data-team', externalId: 'e-data', entitlements: [] }
    const results = await applyPlan(accountPlan([create, ...first.operations]), databricksWriters(scim, assignments), {
      concurrency: 4
    })
    expect(results.map((r) => [r.operation.kind, r.status, r.error ?? ''])).toEqual([
      ['create-group', 'done', ''],
      ['assign-to-workspace', 'done', ''],
      ['assign-to-workspace', 'done', ''],
      ['unassign-from-workspace', 'done', '']
    ])
    // Users (adele, grady) are never touched.
    expect(view(PROD.name).sort()).toEqual(['adele.vance@contoso.com:USER', 'data-team:USER', 'platform-admins:USER'])
    expect(view(DEV.name)).toEqual(['grady.archie@contoso.com:USER'])

    const again = await planNow()
    expect(again).toEqual({ operations: [], problems: [] })
  })
})
