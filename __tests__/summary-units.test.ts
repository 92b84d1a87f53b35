// One unit for "changes" (the headline, the overview's Changes column and the `changes` output count the same), no
// literal backtick in a summary's HTML (GitHub renders no markdown there: `code` becomes <code>), and the run links.
import { beforeEach, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import type { PrincipalRef } from '../src/core/model.js'
import type { Operation } from '../src/core/operations.js'
import { countChanges, type StepResult, type SyncResult, type TargetResult } from '../src/core/results.js'
import { parseJobContext } from '../src/job-context.js'
import { addProvisioningSummary } from '../src/report/provisioning-summary.js'
import { addFailure, addProblemsTable, addRunLinks } from '../src/report/summary.js'
import { addSyncSummary } from '../src/report/sync-summary.js'

const user = (key: string): PrincipalRef => ({ kind: 'user', key, display: key, id: `id-${key}` })
const BREAKER = { removals: 0, base: 10, limit: 1, maxDeletions: { kind: 'count' as const, value: 1 }, tripped: false }

function step(name: StepResult['step'], status: StepResult['status'], operations: Operation[], error?: string) {
  return {
    step: name,
    status,
    plan: { step: name, operations, skips: [], breaker: BREAKER },
    results: operations.map((operation) => ({
      operation,
      status: status === 'planned' ? ('planned' as const) : ('done' as const)
    })),
    ...(error ? { error } : {})
  }
}

const render = (add: () => void): string => {
  core.summary.emptyBuffer()
  add()
  return core.summary.stringify()
}

beforeEach(() => {
  core.summary.emptyBuffer()
})

describe('one unit for changes', () => {
  // Identities (2 created), memberships (3 added to one group, 1 removed) and an assignment: 7 changes in 5 operations.
  const identities: Operation[] = [
    { kind: 'create-user', userName: 'a@contoso.com', displayName: 'A', externalId: 'e1', entitlements: [] },
    { kind: 'create-user', userName: 'b@contoso.com', displayName: 'B', externalId: 'e2', entitlements: [] },
    { kind: 'add-members', group: 'G', groupId: 'g', members: [user('a'), user('b'), user('c')] },
    { kind: 'remove-members', group: 'G', groupId: 'g', members: [user('d')] }
  ]
  const assignment: Operation = {
    kind: 'assign-to-workspace',
    workspace: 'analytics-prod',
    workspaceId: '1',
    group: 'data-engineers',
    groupId: 'g2',
    permission: 'USER'
  }
  const target = (status: 'changed' | 'planned'): TargetResult => ({
    workspace: 'analytics-prod',
    host: 'https://adb-1.azuredatabricks.net',
    steps: [step('identities', status, identities), step('assignments', status, [assignment])]
  })

  test.each([
    ['applied', false, 'changed', '7 changes made'],
    ['dry-run', true, 'planned', '7 changes planned']
  ] as const)('%s: the headline, the Changes column and the changes output all say 7', (_, dryRun, status, line) => {
    const result: SyncResult = { dryRun, workspaces: [target(status)] }
    const html = render(() => addSyncSummary(core.summary, result))
    expect(countChanges(result)).toBe(7)
    expect(html).toContain(line)
    const head = /<tr><th>Workspace<\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? ''
    const row = /<tr><td>analytics-prod<\/td>(.*?)<\/tr>/.exec(html)?.[1] ?? ''
    const headers = ['Workspace', ...[...head.matchAll(/<th>(.*?)<\/th>/g)].map((m) => m[1])]
    const cells = ['analytics-prod', ...[...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1])]
    const column = (name: string) => cells[headers.indexOf(name)]
    expect(column('Changes')).toBe('7')
    // The breakdown columns add up to it with the one assignment.
    expect([column('Created'), column('Members added'), column('Members removed')]).toEqual(['2', '3', '1'])
    expect(column('Workspace assignments')).toBe('1')
  })
})

describe('no literal backtick inside the summary HTML', () => {
  const FIX = 'Add `permissions: id-token: write` to the workflow or job.'

  test('errors, skips, failed operations, findings, problems and the failure block: `code` becomes <code>', () => {
    const failing: TargetResult = {
      workspace: 'analytics-prod',
      host: 'https://adb-1.azuredatabricks.net',
      steps: [
        {
          ...step('identities', 'failed', [
            { kind: 'create-user', userName: 'a@contoso.com', displayName: 'A', externalId: 'e', entitlements: [] }
          ]),
          results: [
            {
              operation: {
                kind: 'create-user',
                userName: 'a@contoso.com',
                displayName: 'A',
                externalId: 'e',
                entitlements: []
              },
              status: 'failed',
              error: `refused: set \`azure-resource-id\``
            }
          ],
          error: FIX
        }
      ]
    }
    const findings: TargetResult = {
      workspace: 'account',
      host: 'https://accounts.azuredatabricks.net',
      steps: [
        {
          ...step('readiness', 'planned', []),
          plan: {
            step: 'readiness',
            operations: [],
            skips: [
              {
                subject: 'guest',
                reason: 'guest-without-mail',
                detail: 'set `mail` in Entra'
              }
            ],
            breaker: BREAKER,
            findings: [
              { kind: 'readiness', check: 'duplicate', subject: 'x', detail: 'see `x`', fix: 'remove `identity: aim`' }
            ]
          }
        }
      ]
    }
    const html = render(() => {
      addSyncSummary(core.summary, { dryRun: false, workspaces: [failing, findings, { ...failing, workspace: 'w`x' }] })
      addProblemsTable(core.summary, [
        { file: 'a.yml', line: 1, column: 1, key: 'k', message: 'use `entra:`', severity: 'error' }
      ])
      addProvisioningSummary(
        core.summary,
        [
          {
            workspace: 'analytics-prod',
            appName: 'app',
            status: 'failed',
            changes: [],
            assignedGroups: [],
            error: 'Add `provisioning:` to the workspace',
            notes: ['see `token-secret`']
          } as unknown as Parameters<typeof addProvisioningSummary>[1][number]
        ],
        false
      )
      addFailure(core.summary, FIX)
    })
    expect(html).not.toContain('`')
    expect(html).toContain('Add <code>permissions: id-token: write</code> to the workflow or job.')
    for (const code of ['azure-resource-id', 'mail', 'identity: aim', 'entra:', 'provisioning:', 'token-secret']) {
      expect(html).toContain(`<code>${code}</code>`)
    }
    // A backtick in a name is shown as itself, never as markup.
    expect(html).toContain('w&#96;x')
  })
})

describe('run links', () => {
  const SHA = '0123456789abcdef0123456789abcdef01234567'

  test('the run (this attempt) and the commit, from the runner variables', () => {
    const job = parseJobContext({
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'contoso/data-platform',
      GITHUB_RUN_ID: '123456',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_SHA: SHA,
      GITHUB_EVENT_NAME: 'pull_request'
    })
    expect(job).toEqual({
      eventName: 'pull_request',
      runUrl: 'https://github.com/contoso/data-platform/actions/runs/123456/attempts/2',
      commit: { sha: SHA, url: `https://github.com/contoso/data-platform/commit/${SHA}` }
    })
    const html = render(() => addRunLinks(core.summary, job))
    expect(html).toContain(
      '<a href="https://github.com/contoso/data-platform/actions/runs/123456/attempts/2">this run</a>'
    )
    expect(html).toContain(`<a href="https://github.com/contoso/data-platform/commit/${SHA}"><code>0123456</code></a>`)
  })

  test('a first attempt links the run itself; odd values are left out rather than linked', () => {
    expect(
      parseJobContext({
        GITHUB_SERVER_URL: 'https://ghe.contoso.com',
        GITHUB_REPOSITORY: 'contoso/data-platform',
        GITHUB_RUN_ID: '7',
        GITHUB_RUN_ATTEMPT: '1'
      }).runUrl
    ).toBe('https://ghe.contoso.com/contoso/data-platform/actions/runs/7')
    expect(
      parseJobContext({
        GITHUB_SERVER_URL: 'javascript:alert(1)',
        GITHUB_REPOSITORY: 'a/b"><script>',
        GITHUB_RUN_ID: '7',
        GITHUB_SHA: 'not-a-sha'
      })
    ).toEqual({})
    expect(render(() => addRunLinks(core.summary, {}))).toBe('')
  })
})
