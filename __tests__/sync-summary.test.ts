// The sync job summary: headline, overview, one section per workspace, escaping, folding, dry-run wording,
// the size budget and redaction, rendered with the real @actions/core summary buffer.
import { beforeEach, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import { mask } from '../src/secrets.js'
import { addSyncSummary, breakerMessage, MEMBER_LIST_LIMIT, SUMMARY_BUDGET_BYTES } from '../src/report/sync-summary.js'
import type { CircuitBreaker, PrincipalRef, Skip } from '../src/core/model.js'
import type { Operation } from '../src/core/operations.js'
import type { OperationResult, StepResult, SyncResult, TargetResult } from '../src/core/results.js'
import { emptySummaryPerTest, section } from './summary-helpers.js'

const user = (key: string, display = key): PrincipalRef => ({ kind: 'user', key, display, id: `id-${key}` })
const sp = (key: string, display: string): PrincipalRef => ({ kind: 'servicePrincipal', key, display })
const BREAKER: CircuitBreaker = {
  removals: 1,
  base: 40,
  limit: 4,
  maxDeletions: { kind: 'percent', value: 10 },
  tripped: false
}
const REQUESTS = { total: 120, throttled: 3, retries: 3, waitedMs: 4200 }

function workspace(
  name: string,
  status: StepResult['status'],
  operations: Operation[],
  opts: { skips?: Skip[]; breaker?: Partial<CircuitBreaker>; results?: OperationResult[]; error?: string } = {}
): TargetResult {
  const resultStatus = status === 'planned' || status === 'tripped' ? 'planned' : 'done'
  return {
    workspace: name,
    host: `https://adb-${name.length}.azuredatabricks.net`,
    steps: [
      {
        step: 'identities',
        status,
        plan: { step: 'identities', operations, skips: opts.skips ?? [], breaker: { ...BREAKER, ...opts.breaker } },
        results: opts.results ?? operations.map((operation) => ({ operation, status: resultStatus })),
        ...(opts.error ? { error: opts.error } : {})
      }
    ],
    requests: REQUESTS
  }
}

/** One operation of every kind. */
const EVERY_KIND: Operation[] = [
  {
    kind: 'create-user',
    userName: 'lee.gu@contoso.com',
    displayName: 'Lee Gu',
    externalId: 'e1',
    entitlements: ['workspace-access']
  },
  {
    kind: 'create-service-principal',
    applicationId: '9d2e4f6a-7b8c-4d1e-a2f3-6c5b4a392817',
    displayName: 'powerbi-refresh',
    externalId: 'e2',
    entitlements: []
  },
  { kind: 'create-group', displayName: 'Data Analysts', externalId: 'e3', entitlements: ['databricks-sql-access'] },
  { kind: 'rename-group', groupId: 'g1', from: 'Data Eng', to: 'Data Engineers' },
  { kind: 'update-display-name', principal: user('megan.bowen@contoso.com'), from: 'Megan B', to: 'Megan Bowen' },
  {
    kind: 'add-members',
    group: 'Data Analysts',
    members: [user('lee.gu@contoso.com', 'Lee Gu'), sp('9d2e4f6a-7b8c-4d1e-a2f3-6c5b4a392817', 'powerbi-refresh')]
  },
  { kind: 'remove-members', group: 'Data Engineers', groupId: 'g1', members: [user('former.employee@contoso.com')] },
  { kind: 'set-group-entitlements', group: 'Data Analysts', add: ['databricks-sql-access'], remove: [] },
  { kind: 'add-entitlements', principal: user('adele.vance@contoso.com', 'Adele Vance'), add: ['workspace-access'] },
  { kind: 'reactivate', principal: user('alex.wilber@contoso.com', 'Alex Wilber') },
  { kind: 'deactivate', principal: user('nestor.wilke@contoso.com', 'Nestor Wilke') },
  { kind: 'delete', principal: user('old.account@contoso.com', 'Old Account') }
]

const SKIPS: Skip[] = [
  {
    reason: 'guest-without-mail',
    subject: 'Kim Akers (Northwind)',
    detail: 'a guest needs a mail address to be a Databricks user',
    group: 'Data Engineers'
  },
  { reason: 'nested-group', subject: 'Data Engineers - Contractors', detail: 'nested: direct', group: 'Data Engineers' }
]

let html: string

function render(result: SyncResult, budgetBytes?: number): string {
  core.summary.emptyBuffer()
  addSyncSummary(core.summary, result, budgetBytes === undefined ? {} : { budgetBytes })
  return core.summary.stringify()
}

emptySummaryPerTest()

describe('a sync that ran', () => {
  const failedOp: Operation = {
    kind: 'add-members',
    group: 'Data Engineers',
    groupId: 'g1',
    members: [user('diego.siciliani@contoso.com', 'Diego Siciliani')]
  }
  const notRun: Operation = { kind: 'deactivate', principal: user('x@contoso.com', 'X') }
  const result: SyncResult = {
    dryRun: false,
    workspaces: [
      workspace('analytics-prod', 'changed', EVERY_KIND, { skips: SKIPS }),
      workspace('analytics-dev', 'unchanged', []),
      workspace('analytics-qa', 'failed', [failedOp, notRun], {
        results: [
          { operation: failedOp, status: 'failed', error: 'SCIM answered 500: internal error' },
          { operation: notRun, status: 'planned' }
        ],
        error: '1 of 2 operation(s) failed; a re-run retries them.'
      }),
      workspace('finance', 'tripped', [{ kind: 'remove-members', group: 'Finance', groupId: 'g9', members: [] }], {
        breaker: { removals: 12, base: 40, limit: 4, tripped: true }
      }),
      {
        workspace: 'sandbox',
        host: 'https://adb-1.azuredatabricks.net',
        steps: [
          {
            step: 'identities',
            status: 'skipped',
            results: [],
            error:
              'Entra returned no members for "Sandbox Users"; the workspace was left unchanged rather than emptied.'
          }
        ]
      },
      {
        workspace: 'marketing',
        host: 'https://adb-2.azuredatabricks.net',
        steps: [
          {
            step: 'identities',
            status: 'failed',
            results: [],
            error: 'Reading Entra failed, so nothing was changed: Entra group "Marketing" does not exist.'
          }
        ]
      }
    ]
  }

  beforeEach(() => {
    html = render(result)
  })

  test('the headline says it failed and counts workspaces by status and the changes made', () => {
    expect(html).toContain('<h2>❌ Entra ID → Databricks sync: 3 workspaces failed or stopped</h2>')
    expect(html).toContain(
      '<p>6 workspaces: 1 changed, 1 unchanged, 2 failed, 1 stopped by the circuit breaker, 1 skipped. 13 changes made.</p>'
    )
  })

  test('the overview has a row per workspace with counts, errors and Databricks requests', () => {
    expect(html).toContain(
      '<th>Workspace</th><th>Status</th><th>Created</th><th>Members added</th><th>Members removed</th>' +
        '<th>Deactivated / deleted</th><th>Skipped</th><th>Errors</th><th>Changes</th><th>Databricks requests</th><th>429s</th>'
    )
    expect(html).toContain(
      '<tr><td>analytics-prod</td><td>✅ changed</td><td>3</td><td>2</td><td>1</td><td>2</td><td>2</td><td>0</td><td>13</td><td>120</td><td>3</td></tr>'
    )
    expect(html).toContain(
      '<tr><td>analytics-qa</td><td>❌ failed</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td>'
    )
    // Tripped: nothing changed, whatever was planned.
    expect(html).toContain('<tr><td>finance</td><td>⛔ circuit breaker</td><td>0</td><td>0</td><td>0</td><td>0</td>')
    expect(html).toContain(
      '<tr><td>marketing</td><td>❌ failed</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>—</td><td>—</td></tr>'
    )
  })

  test('every workspace has a section with its status line, host and requests', () => {
    for (const name of ['analytics-prod', 'analytics-dev', 'analytics-qa', 'finance', 'sandbox', 'marketing']) {
      expect(section(html, name)).toContain('azuredatabricks.net</code>')
    }
    expect(section(html, 'analytics-prod')).toContain('Changed: 12 operations applied.')
    expect(section(html, 'analytics-prod')).toContain(
      'Databricks: 120 requests, 3 throttled (429), 3 retries, 4.2 s waited.'
    )
    expect(section(html, 'analytics-dev')).toContain('Unchanged: Databricks already matches Entra.')
    expect(section(html, 'sandbox')).toContain(
      'Skipped: Entra returned no members for &quot;Sandbox Users&quot;; the workspace was left unchanged rather than emptied.'
    )
    expect(section(html, 'marketing')).toContain(
      '❌ Failed: Reading Entra failed, so nothing was changed: Entra group &quot;Marketing&quot; does not exist.'
    )
  })

  test('the changed workspace has a table for each kind of change, and one for skips', () => {
    const prod = section(html, 'analytics-prod')
    const headings = [...prod.matchAll(/<h4>(.*?)<\/h4>/g)].map((m) => m[1])
    expect(headings).toEqual([
      'Identities created',
      'Groups created',
      'Members added',
      'Members removed',
      'Entitlements changed',
      'Renamed',
      'Deactivated, deleted or reactivated',
      'Skipped'
    ])
    expect(prod).toContain('<tr><td>user</td><td>Lee Gu</td><td>lee.gu@contoso.com</td><td>workspace-access</td></tr>')
    expect(prod).toContain(
      '<tr><td>service principal</td><td>powerbi-refresh</td><td>9d2e4f6a-7b8c-4d1e-a2f3-6c5b4a392817</td><td>—</td></tr>'
    )
    expect(prod).toContain('<tr><td>Data Analysts</td><td>databricks-sql-access</td></tr>')
    expect(prod).toContain('<tr><td>Data Analysts</td><td>2</td><td>Lee Gu, powerbi-refresh</td></tr>')
    expect(prod).toContain('<tr><td>Data Engineers</td><td>1</td><td>former.employee@contoso.com</td></tr>')
    expect(prod).toContain('<tr><td>group Data Analysts</td><td>databricks-sql-access</td><td>—</td></tr>')
    expect(prod).toContain('<tr><td>user Adele Vance</td><td>workspace-access</td><td>—</td></tr>')
    expect(prod).toContain('<tr><td>group</td><td>Data Eng</td><td>Data Engineers</td></tr>')
    expect(prod).toContain('<tr><td>user megan.bowen@contoso.com</td><td>Megan B</td><td>Megan Bowen</td></tr>')
    expect(prod).toContain('<tr><td>deactivated</td><td>user Nestor Wilke</td></tr>')
    expect(prod).toContain('<tr><td>deleted</td><td>user Old Account</td></tr>')
    expect(prod).toContain('<tr><td>reactivated</td><td>user Alex Wilber</td></tr>')
    expect(prod).toContain(
      '<tr><td>Kim Akers (Northwind)</td><td>Data Engineers</td><td>guest without mail</td><td>a guest needs a mail address to be a Databricks user</td></tr>'
    )
    expect(prod).toContain('<td>nested group (nested: direct)</td>')
  })

  test('failed operations list their error, and operations not reached say so', () => {
    const qa = section(html, 'analytics-qa')
    expect(qa).toContain(
      '❌ Failed (1 of 2 operations failed, 0 done): 1 of 2 operation(s) failed; a re-run retries them.'
    )
    expect(qa).toContain('<h4>Failed operations</h4>')
    expect(qa).toContain(
      '<tr><td>add 1 member to group Data Engineers</td><td>SCIM answered 500: internal error</td></tr>'
    )
    expect(qa).toContain('<tr><td>deactivate user X</td><td><em>not run</em></td></tr>')
    // Nothing was done, so there is no table of changes.
    expect(qa).not.toContain('Members added')
  })

  test('a tripped workspace states the breaker and shows the plan as planned, not applied', () => {
    const finance = section(html, 'finance')
    expect(finance).toContain(
      '⛔ circuit breaker: 12 removals &gt; limit 4 (10% of 40 managed): nothing changed; raise max-deletions or check the Entra groups'
    )
    expect(finance).toContain('<h4>Planned, not applied: remove members</h4>')
    expect(finance).toContain('<tr><td>Finance</td><td>0</td><td>—</td></tr>')
  })

  test('no table cell is empty (the summary writer would leave the tag open)', () => {
    expect(html).not.toMatch(/<t[dh]>(<\/tr>|<t[dh]>)/)
  })

  test('the text added is valid for the summary buffer: it keeps what was there before', () => {
    core.summary.emptyBuffer().addRaw('<p>before</p>', true)
    addSyncSummary(core.summary, result)
    const out = core.summary.stringify()
    expect(out.startsWith('<p>before</p>\n<h2>❌ Entra ID → Databricks sync')).toBe(true)
    expect(out).toBe(`<p>before</p>\n${html}`)
  })
})

describe('breaker message', () => {
  test('names the removals, the limit and its setting when the plan records it', () => {
    expect(
      breakerMessage({ removals: 12, base: 40, limit: 4, tripped: true, maxDeletions: { kind: 'percent', value: 10 } })
    ).toBe(
      'circuit breaker: 12 removals > limit 4 (10% of 40 managed): nothing changed; raise max-deletions or check the Entra groups'
    )
  })
})

describe('dry run', () => {
  test('says "would" and "planned", and that nothing was written', () => {
    const out = render({
      dryRun: true,
      workspaces: [workspace('analytics-prod', 'planned', EVERY_KIND), workspace('analytics-dev', 'planned', [])]
    })
    expect(out).toContain('<h2>📝 Entra ID → Databricks sync (dry run)</h2>')
    expect(out).toContain(
      '<p>2 workspaces: 1 would change, 1 unchanged, 0 failed, 0 stopped by the circuit breaker, 0 skipped. 13 changes planned; nothing was written.</p>'
    )
    expect(out).toContain('<td>analytics-prod</td><td>📝 would change</td><td>3</td><td>2</td><td>1</td><td>2</td>')
    expect(out).toContain('<td>analytics-dev</td><td>📝 no changes</td>')
    const prod = section(out, 'analytics-prod')
    expect(prod).toContain('Dry run: 12 operations would be applied; nothing was written.')
    for (const heading of [
      'Would create identities',
      'Would create groups',
      'Would add members',
      'Would remove members',
      'Would change entitlements',
      'Would rename',
      'Would deactivate, delete or reactivate'
    ]) {
      expect(prod).toContain(`<h4>${heading}</h4>`)
    }
    expect(prod).toContain('<tr><td>deactivate</td><td>user Nestor Wilke</td></tr>')
    expect(prod).not.toMatch(/created|Members added|deactivated/)
    expect(section(out, 'analytics-dev')).toContain('Dry run: no changes needed.')
  })
})

describe('escaping and secrets', () => {
  test('names with <script>, | and " are escaped everywhere', () => {
    const evil = '<script>alert("x")</script>'
    const out = render({
      dryRun: false,
      workspaces: [
        workspace(evil, 'changed', [
          { kind: 'create-group', displayName: 'a|b', externalId: 'e', entitlements: [] },
          { kind: 'add-members', group: 'a|b', members: [user('q@contoso.com', '"Quoted" <b>bold</b>')] }
        ])
      ]
    })
    expect(out).not.toContain('<script>')
    expect(out).not.toContain('<b>bold')
    expect(out).toContain('<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>')
    expect(out).toContain('<h3>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; — ✅ changed</h3>')
    expect(out).toContain('<tr><td>a&#124;b</td><td>1</td><td>&quot;Quoted&quot; &lt;b&gt;bold&lt;/b&gt;</td></tr>')
  })

  test('a masked secret in an error or a name is replaced by ***', () => {
    const secret = 'dapi-SECRET-0123456789abcdef'
    mask(secret)
    const out = render({
      dryRun: false,
      workspaces: [
        workspace('analytics-prod', 'failed', [], {
          error: `Databricks refused the token ${secret}`
        }),
        workspace('analytics-dev', 'changed', [
          { kind: 'create-group', displayName: `group ${secret}`, externalId: 'e', entitlements: [] }
        ])
      ]
    })
    expect(out).not.toContain(secret)
    expect(out).toContain('Databricks refused the token ***')
    expect(out).toContain('<td>group ***</td>')
  })
})

describe('long lists', () => {
  test('more than 25 rows fold into <details> under the table title', () => {
    const creates: Operation[] = Array.from({ length: 30 }, (_, i) => ({
      kind: 'create-user',
      userName: `u${i}@contoso.com`,
      displayName: `User ${i}`,
      externalId: `e${i}`,
      entitlements: []
    }))
    const out = render({ dryRun: false, workspaces: [workspace('analytics-prod', 'changed', creates)] })
    expect(out).toContain('<details><summary>Identities created (30)</summary>')
    expect(out).toContain('<td>u29@contoso.com</td>')
  })

  test('a long member list folds inside its cell, and stops at the limit', () => {
    const members = Array.from({ length: MEMBER_LIST_LIMIT + 5 }, (_, i) => user(`m${i}@contoso.com`))
    const out = render({
      dryRun: false,
      workspaces: [
        workspace('analytics-prod', 'changed', [
          { kind: 'add-members', group: 'Everyone', members: members.slice(0, 30) },
          { kind: 'add-members', group: 'Huge', members }
        ])
      ]
    })
    expect(out).toContain('<td>Everyone</td><td>30</td><td><details><summary>30 members</summary>m0@contoso.com, ')
    expect(out).toContain(`<td>Huge</td><td>${MEMBER_LIST_LIMIT + 5}</td>`)
    expect(out).toContain(`m${MEMBER_LIST_LIMIT - 1}@contoso.com, <em>… and 5 more in the plan output file</em>`)
    expect(out).not.toContain(`m${MEMBER_LIST_LIMIT}@contoso.com`)
  })
})

describe('size budget', () => {
  // 50 groups of 1,000 new members each: 50,000 added members, far over GitHub's 1 MiB.
  const groups: Operation[] = Array.from({ length: 50 }, (_, g) => ({
    kind: 'add-members',
    group: `Group ${g}`,
    members: Array.from({ length: 1000 }, (_, i) =>
      user(`member.number${i}.of.group${g}@contoso.com`, `Member Number ${i} of Group ${g}`)
    )
  }))
  const result: SyncResult = {
    dryRun: false,
    workspaces: [
      workspace('big', 'changed', groups, { skips: SKIPS }),
      workspace('after', 'failed', [], { error: 'Databricks answered 403: not an admin' })
    ]
  }

  test('50,000 added members: the details are cut under the budget, with a note, and every status line stays', () => {
    const out = render(result)
    const size = Buffer.byteLength(out)
    expect(size).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    expect(size).toBeGreaterThan(SUMMARY_BUDGET_BYTES - 100 * 1024)
    expect(out).toContain(
      'The summary was cut at 900 KiB; the full plan and results are in the plan output file</strong>'
    )
    expect(out).toContain('The details of 1 workspace are shortened or left out')
    // Cut from the end: the first groups are there, the last are not, nor the skips after them.
    const big = section(out, 'big')
    expect(big).toContain('<td>Group 0</td>')
    expect(big).not.toContain('<td>Group 49</td>')
    expect(big).toMatch(/<h4>Members added — first \d+ of 50<\/h4>/)
    expect(big).not.toContain('<h4>Skipped</h4>')
    expect(big).toContain('Details cut to keep the summary under GitHub’s size limit')
    // The failed workspace after it still says why it failed.
    expect(section(out, 'after')).toContain('❌ Failed: Databricks answered 403: not an admin')
    // The overview still counts everything.
    expect(out).toContain('<tr><td>big</td><td>✅ changed</td><td>0</td><td>50000</td>')
  })

  test('a smaller budget cuts more; within budget nothing is cut', () => {
    const small = render(result, 64 * 1024)
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(64 * 1024)
    expect(small).toContain('The summary was cut at 64 KiB')
    const whole = render({ dryRun: false, workspaces: [workspace('small', 'changed', EVERY_KIND)] })
    expect(whole).not.toContain('was cut')
    expect(whole).not.toContain('Details cut')
  })
})
