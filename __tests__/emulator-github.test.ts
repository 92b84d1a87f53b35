// The GitHub REST stand-in, driven by @actions/github's Octokit over HTTPS: issue comments (pages and Link headers,
// create, update, the 65,536-character limit), labels, and GitHub's answers to a read-only token and a bad one.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { readFileSync } from 'node:fs'
import {
  ACTIONS_BOT,
  COMMENT_BODY_LIMIT,
  DEMO_REPO,
  startGithubApi,
  type GithubApiEmulator
} from '../emulators/github/index.js'
import { trustTestCa } from '../emulators/tls.js'
import { commentMarker, composeComment, syncSection } from '../src/report/pr-comment.js'

let gh: GithubApiEmulator
const [owner, repo] = DEMO_REPO.split('/') as [string, string]
const where = { owner, repo, issue_number: 9 }
const client = (token: string) => getOctokit(token, { baseUrl: gh.url })

beforeAll(async () => {
  gh = await startGithubApi()
  trustTestCa(readFileSync(gh.env().NODE_EXTRA_CA_CERTS as string, 'utf8'))
})
afterAll(async () => gh?.stop())
beforeEach(() => {
  gh.state.comments.clear()
  gh.state.labels.clear()
})

const refusal = async (call: Promise<unknown>) => {
  const error = (await call.catch((e: unknown) => e)) as {
    status: number
    response: { data: unknown; headers: Record<string, string> }
  }
  return { status: error.status, body: error.response.data, headers: error.response.headers }
}

describe('issue comments', () => {
  test('lists 30 a page by default and at most 100, oldest first, with the Link header paginate follows', async () => {
    for (let i = 0; i < 130; i++) gh.state.addComment(DEMO_REPO, 9, `c${i}`)
    const octokit = client(gh.writeToken)
    const first = await octokit.rest.issues.listComments(where)
    expect(first.data.map((c) => c.body)).toEqual(Array.from({ length: 30 }, (_, i) => `c${i}`))
    expect(first.headers.link).toMatch(/[?&]page=2[^>]*>; rel="next", <[^>]*[?&]page=5[^>]*>; rel="last"/)
    const big = await octokit.rest.issues.listComments({ ...where, per_page: 500 })
    expect(big.data).toHaveLength(100)
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...where, per_page: 100 })
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 130 }, (_, i) => `c${i}`))
  })

  test('creates (201, as the workflow bot) and updates a comment', async () => {
    const octokit = client(gh.writeToken)
    const created = await octokit.rest.issues.createComment({ ...where, body: 'hello' })
    expect(created.status).toBe(201)
    expect(created.data.user?.login).toBe(ACTIONS_BOT)
    const updated = await octokit.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: 'again' })
    expect(updated.data.body).toBe('again')
    expect(gh.state.commentsOf(DEMO_REPO, 9).map((c) => c.body)).toEqual(['again'])
  })

  test('refuses a body over 65,536 characters (counted as characters) with 422; takes one at the limit', async () => {
    const octokit = client(gh.writeToken)
    const tooLong = await refusal(
      octokit.rest.issues.createComment({ ...where, body: 'x'.repeat(COMMENT_BODY_LIMIT + 1) })
    )
    expect(tooLong.status).toBe(422)
    expect(tooLong.body).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', message: 'Body is too long (maximum is 65536 characters)' }]
    })
    // Emoji are one character each, though two UTF-16 units and four bytes.
    expect((await octokit.rest.issues.createComment({ ...where, body: '✅'.repeat(COMMENT_BODY_LIMIT) })).status).toBe(
      201
    )
  })

  test("the action's body for a plan too large for one comment is accepted", async () => {
    const operations = Array.from({ length: 400 }, (_, g) => ({
      kind: 'add-members' as const,
      group: `Group ${g}`,
      members: Array.from({ length: 30 }, (_, m) => ({
        kind: 'user' as const,
        key: `u${m}@contoso.com`,
        display: `User ${m} 👩‍💻`
      }))
    }))
    const result = {
      dryRun: true,
      workspaces: [
        {
          workspace: 'analytics-prod',
          host: 'https://adb-1.1.azuredatabricks.net',
          steps: [
            {
              step: 'identities' as const,
              status: 'planned' as const,
              plan: {
                step: 'identities' as const,
                operations,
                skips: [],
                breaker: {
                  removals: 0,
                  base: 1,
                  limit: 1,
                  maxDeletions: { kind: 'count' as const, value: 1 },
                  tripped: false
                }
              },
              results: operations.map((operation) => ({ operation, status: 'planned' as const }))
            }
          ]
        }
      ]
    }
    const marker = commentMarker({ workflow: 'w', job: 'j', workspaces: '', config: 'c' })
    const { body } = composeComment(marker, syncSection(result), {
      runId: '1',
      runAttempt: '1',
      runUrl: 'https://github.com/o/r/actions/runs/1'
    })
    // Cut (the summary's budget counts UTF-8 bytes, so wide characters leave room unused, never too little).
    expect(body).toContain('✂️')
    expect(body.length).toBeGreaterThan(COMMENT_BODY_LIMIT / 2)
    expect((await client(gh.writeToken).rest.issues.createComment({ ...where, body })).status).toBe(201)
  })
})

describe('tokens', () => {
  test("a read-only token reads, and every write gets GitHub's 403 and the permissions it needs", async () => {
    const existing = gh.state.addComment(DEMO_REPO, 9, 'by a reviewer')
    const octokit = client(gh.readOnlyToken)
    expect((await octokit.rest.issues.listComments(where)).data).toHaveLength(1)
    for (const call of [
      octokit.rest.issues.createComment({ ...where, body: 'x' }),
      octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: 'x' }),
      octokit.rest.issues.addLabels({ ...where, labels: ['a'] })
    ]) {
      const answer = await refusal(call)
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({ message: 'Resource not accessible by integration', status: '403' })
      expect(answer.headers['x-accepted-github-permissions']).toBe('issues=write; pull_requests=write')
    }
    expect(gh.state.commentsOf(DEMO_REPO, 9).map((c) => c.body)).toEqual(['by a reviewer'])
  })

  test('an unknown token gets 401 Bad credentials', async () => {
    expect(await refusal(client('ghs_nope').rest.issues.listComments(where))).toMatchObject({
      status: 401,
      body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }
    })
  })
})

describe('labels', () => {
  test('added once each, listed, removed; removing one the pull request does not have is a 404', async () => {
    const octokit = client(gh.writeToken)
    await octokit.rest.issues.addLabels({ ...where, labels: ['identities:changes'] })
    await octokit.rest.issues.addLabels({ ...where, labels: ['identities:changes', 'b'] })
    expect((await octokit.rest.issues.listLabelsOnIssue(where)).data.map((l) => l.name)).toEqual([
      'identities:changes',
      'b'
    ])
    await octokit.rest.issues.removeLabel({ ...where, name: 'identities:changes' })
    expect((await octokit.rest.issues.listLabelsOnIssue(where)).data.map((l) => l.name)).toEqual(['b'])
    expect((await refusal(octokit.rest.issues.removeLabel({ ...where, name: 'identities:changes' }))).status).toBe(404)
  })
})
