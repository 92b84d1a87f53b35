// The pull-request comment's body: its marker, its sections (kept per run, in order), the summary's folding, and
// GitHub's limit of 65,536 characters per comment (fold, then cut at a block with a link to the run).
import { describe, expect, test } from '@jest/globals'
import type { ConfigProblem, ValidationResult } from '../src/config/types.js'
import type { PrincipalRef } from '../src/core/model.js'
import type { Operation } from '../src/core/operations.js'
import { countChanges, type SyncResult, type TargetResult } from '../src/core/results.js'
import {
  COMMENT_LIMIT,
  commentMarker,
  composeComment,
  cutAtBlock,
  keptSections,
  syncSection,
  validationSection,
  type CommentRun
} from '../src/report/pr-comment.js'

const RUN: CommentRun = {
  runId: '4242',
  runAttempt: '1',
  runUrl: 'https://github.com/contoso/data-platform/actions/runs/4242',
  headSha: 'a1b2c3d4e5f60718'
}
const MARKER = commentMarker({ workflow: 'Databricks identities', job: 'plan', workspaces: '', config: 'x.yml' })

const user = (i: number): PrincipalRef => ({
  kind: 'user',
  key: `user.${i}@contoso.com`,
  display: `User Number ${i} of the Very Large Group With A Long Name`,
  id: `id-${i}`
})

/** A dry-run of `workspaces` workspaces, each adding `members` members to each of `groups` groups. */
function dryRun(workspaces: number, groups: number, members: number): SyncResult {
  const target = (w: number): TargetResult => {
    const operations: Operation[] = Array.from({ length: groups }, (_, g) => ({
      kind: 'add-members',
      group: `Group ${g} of workspace ${w}`,
      members: Array.from({ length: members }, (_, m) => user(m))
    }))
    return {
      workspace: `analytics-${w}`,
      host: `https://adb-${w}.1.azuredatabricks.net`,
      steps: [
        {
          step: 'identities',
          status: 'planned',
          plan: {
            step: 'identities',
            operations,
            skips: [],
            breaker: { removals: 0, base: 10, limit: 1, maxDeletions: { kind: 'count', value: 1 }, tripped: false }
          },
          results: operations.map((operation) => ({ operation, status: 'planned' as const }))
        }
      ]
    }
  }
  return { dryRun: true, workspaces: Array.from({ length: workspaces }, (_, w) => target(w)) }
}

function validation(problems: number): ValidationResult {
  const list: ConfigProblem[] = Array.from({ length: problems }, (_, i) => ({
    file: '.github/databricks-identities.yml',
    line: i + 1,
    column: 5,
    key: `workspaces[0].groups[${i}].entra`,
    message: `Entra group "Group ${i}" is listed twice in workspace analytics-prod; remove one of the entries.`,
    severity: 'error'
  }))
  return { files: ['.github/databricks-identities.yml'], workspaces: [], problems: list }
}

describe('the comment body', () => {
  test('starts with the hidden marker, and holds the section between its own markers with a footer linking the run', () => {
    const { body, cut } = composeComment(MARKER, validationSection(validation(2)), RUN)
    expect(body.startsWith(`${MARKER}\n<!-- entra-databricks-sync:section validate run=4242.1 -->\n<h2>❌`)).toBe(true)
    expect(body).toContain('<p>1 file checked, 0 workspaces: 2 errors, 0 warnings.</p>')
    expect(body).toContain('\n<!-- entra-databricks-sync:end -->\n')
    expect(body).toContain(`Updated for a1b2c3d by <a href="${RUN.runUrl}">run 4242</a>`)
    expect(cut).toBe(false)
  })

  test('the marker cannot be closed early by a workflow or job name', () => {
    const marker = commentMarker({ workflow: 'a --> b', job: 'x', workspaces: 'w1,w2', config: '' })
    expect(marker).toBe('<!-- entra-databricks-sync:comment a%20--%3E%20b/x/w1%2Cw2/ -->')
    expect(marker.indexOf('-->')).toBe(marker.length - 3)
  })

  test("keeps the other command's section of the same run, in order (config problems first); drops an older run's", () => {
    const first = composeComment(MARKER, validationSection(validation(1)), RUN).body
    const both = composeComment(MARKER, syncSection(dryRun(1, 1, 2)), RUN, first).body
    expect(keptSections(both, RUN, 'sync').map((s) => s.command)).toEqual(['validate'])
    expect(both.indexOf('section validate')).toBeLessThan(both.indexOf('section sync'))
    expect(both).toContain('Entra ID → Databricks sync (dry run)')

    const next = { ...RUN, runId: '4243' }
    const later = composeComment(MARKER, syncSection(dryRun(1, 1, 2)), next, both).body
    expect(later).not.toContain('section validate')
    expect(keptSections(later, next, 'validate').map((s) => s.command)).toEqual(['sync'])
  })
})

describe("GitHub's limit of 65,536 characters", () => {
  test('a plan is folded as in the job summary: a table of over 25 rows, a list of over 25 members', () => {
    const { body, cut } = composeComment(MARKER, syncSection(dryRun(1, 30, 26)), RUN)
    expect(cut).toBe(false)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body).toContain('<details><summary>Would add members (30)</summary>')
    expect(body).toContain('<details><summary>26 members</summary>')
    expect(body).not.toContain('✂️')
  })

  test("a large plan is cut to fit by the summary's own budget, every workspace named, nothing left open", () => {
    const { body } = composeComment(MARKER, syncSection(dryRun(30, 40, 60)), RUN)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 5000)
    expect(body).toContain('<h3>analytics-29 — 📝 would change</h3>')
    expect(body).toMatch(/<h4>Would add members — first \d+ of 40<\/h4>/)
    expect(body).toContain('✂️')
    expect(body.split('<details').length).toBe(body.split('</details>').length)
    expect(body.split('<table').length).toBe(body.split('</table>').length)
  })

  test('a body that the section cannot bound itself is cut at a block, with the note and the link to the run', () => {
    const huge = {
      command: 'sync' as const,
      reportable: true,
      render: () =>
        Array.from(
          { length: 4000 },
          (_, i) => `<p>line ${i} ${'x'.repeat(40)}</p><details><summary>s</summary>\n\nin\n\n</details>`
        ).join('\n')
    }
    const { body, cut } = composeComment(MARKER, huge, RUN)
    expect(cut).toBe(true)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 3000)
    expect(body).toContain(`The whole result is in the <a href="${RUN.runUrl}">job summary of the run</a>`)
    expect(body.split('<details').length).toBe(body.split('</details>').length)
  })

  test('thousands of config problems: as many rows as fit, folded, and how many were left out', () => {
    const { body } = composeComment(MARKER, validationSection(validation(3000)), RUN)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    const listed = Number(/The first (\d+) of 3000 problems are listed here/.exec(body)?.[1])
    expect(listed).toBeGreaterThan(200)
    expect(body).toContain(`<details><summary>Problems (${listed})</summary>`)
    expect(body).toContain(`<td>${listed}:5</td>`)
    expect(body).not.toContain(`<td>${listed + 1}:5</td>`)
  })

  test('the room of a section is what the kept sections leave', () => {
    const big = composeComment(MARKER, validationSection(validation(3000)), RUN).body
    const { body } = composeComment(MARKER, syncSection(dryRun(30, 40, 60)), RUN, big)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body).toContain('section validate')
    expect(body).toContain('section sync')
  })
})

describe('cutAtBlock', () => {
  test('ends at a line break outside every table and <details>', () => {
    const html =
      '<p>a</p>\n<details><summary>x</summary>\n\n<table><tr><td>1</td></tr></table>\n\n</details>\n<p>b</p>\n'
    expect(cutAtBlock(html, html.indexOf('<p>b'))).toBe(
      '<p>a</p>\n<details><summary>x</summary>\n\n<table><tr><td>1</td></tr></table>\n\n</details>'
    )
    expect(cutAtBlock(html, html.indexOf('</details>'))).toBe('<p>a</p>')
  })
})

describe('what is worth a comment', () => {
  test('validate: a problem; sync: a change or a workspace that failed, stopped or was skipped', () => {
    expect(validationSection(validation(0)).reportable).toBe(false)
    expect(validationSection(validation(1)).reportable).toBe(true)
    expect(syncSection(dryRun(2, 0, 0))).toMatchObject({ reportable: false, changes: 0 })
    const planned = dryRun(1, 1, 3)
    expect(syncSection(planned)).toMatchObject({ reportable: true, changes: countChanges(planned) })
    expect(countChanges(planned)).toBeGreaterThan(0)
    const failed = dryRun(1, 0, 0)
    ;(failed.workspaces[0] as TargetResult).error = 'sign-in failed'
    expect(syncSection(failed).reportable).toBe(true)
  })
})
