// End-to-end: `node dist/index.js` on pull_request events against the GitHub REST stand-in: validate and a sync
// dry-run put their result in one comment, found again by its marker and updated on each push; a fork's read-only
// token warns and stays green; comment: never and non-PR events make no GitHub call; labels follow the changes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { ACTIONS_BOT, DEMO_REPO, startGithubApi, type GithubApiEmulator } from '../emulators/github/index.js'
import { demoWorkspaces, startJob, type EmulatedJob } from '../emulators/index.js'
import { ROOT, leaks, runAction, type ActionRun } from '../emulators/runner.js'

const CONFIGS = join(ROOT, '__tests__', 'fixtures', 'config')
const PR = 7

let gh: GithubApiEmulator

beforeAll(async () => {
  gh = await startGithubApi()
})

afterAll(async () => {
  await gh?.stop()
})

beforeEach(() => {
  gh.state.comments.clear()
  gh.state.labels.clear()
  gh.server.clearLog()
})

const comments = () => gh.state.commentsOf(DEMO_REPO, PR)
const requests = () => gh.server.log.map((e) => `${e.method} ${e.path} ${e.status}`)

function validate(
  dir: string,
  config: string,
  inputs: Record<string, string> = {},
  run: Parameters<GithubApiEmulator['env']>[0] = {}
): Promise<ActionRun> {
  return runAction({
    cwd: dir.startsWith('/') ? dir : join(CONFIGS, dir),
    inputs: { command: 'validate', config, 'github-token': gh.writeToken, ...inputs },
    env: gh.env({ number: PR, ...run })
  })
}

describe('validate on a pull request', () => {
  test('creates one comment with the problems on the first push and updates it on the next', async () => {
    const first = await validate('bad', 'group-twice.yml', {}, { runId: 101, headSha: 'aaaaaaa1111' })
    expect(first.code).toBe(1)
    expect(comments()).toHaveLength(1)
    const [created] = comments()
    expect(created?.user.login).toBe(ACTIONS_BOT)
    expect(created?.body).toMatch(
      /^<!-- entra-databricks-sync:comment Databricks%20identities\/identities\/\/group-twice\.yml -->\n/
    )
    expect(created?.body).toContain('<h2>❌ Databricks identity config: invalid</h2>')
    expect(created?.body).toContain('<td>❌ error</td><td>group-twice.yml</td>')
    expect(created?.body).toContain(
      'Updated for aaaaaaa by <a href="https://github.com/contoso/data-platform/actions/runs/101">run 101</a>'
    )
    expect(first.stdout).toContain(`Pull request #${PR}: comment created.`)

    const second = await validate('bad', 'group-twice.yml', {}, { runId: 102, headSha: 'bbbbbbb2222' })
    expect(second.code).toBe(1)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]?.id).toBe(created?.id)
    expect(comments()[0]?.body).toContain('Updated for bbbbbbb by')
    expect(requests()).toEqual([
      `GET /repos/${DEMO_REPO}/issues/${PR}/comments 200`,
      `POST /repos/${DEMO_REPO}/issues/${PR}/comments 201`,
      `GET /repos/${DEMO_REPO}/issues/${PR}/comments 200`,
      `PATCH /repos/${DEMO_REPO}/issues/comments/${created?.id} 200`
    ])
    // The token never reaches the log, the summary, the outputs or the comment.
    expect(leaks(second, [gh.writeToken])).toEqual([])
    expect(JSON.stringify(comments())).not.toContain(gh.writeToken)
  })

  test("finds its comment among a reviewer's, past the first page", async () => {
    await validate('bad', 'group-twice.yml')
    const [mine] = comments()
    for (let i = 0; i < 130; i++) gh.state.addComment(DEMO_REPO, PR, `review note ${i}`)
    await validate('bad', 'group-twice.yml', {}, { runId: 2 })
    expect(comments()).toHaveLength(131)
    expect(requests().slice(2)).toEqual([
      `GET /repos/${DEMO_REPO}/issues/${PR}/comments 200`,
      `GET /repos/${DEMO_REPO}/issues/${PR}/comments 200`,
      `PATCH /repos/${DEMO_REPO}/issues/comments/${mine?.id} 200`
    ])
  })

  test('on-change with nothing to report: no new comment; an existing one is updated to say so', async () => {
    const clean = await validate('good', 'minimal.yml')
    expect(clean.code).toBe(0)
    expect(comments()).toEqual([])
    expect(requests()).toEqual([`GET /repos/${DEMO_REPO}/issues/${PR}/comments 200`])
    expect(clean.stdout).toContain(`Pull request #${PR}: nothing to report, no comment.`)

    // A push with a problem, then one that fixes it: the comment stays, and says the config is valid now.
    const dir = mkdtempSync(join(tmpdir(), 'e2e-pr-comment-'))
    const write = (from: string) =>
      writeFileSync(join(dir, 'identities.yml'), readFileSync(join(CONFIGS, from), 'utf8'))
    write('bad/group-twice.yml')
    expect((await validate(dir, 'identities.yml', {}, { runId: 11 })).code).toBe(1)
    write('good/minimal.yml')
    expect((await validate(dir, 'identities.yml', {}, { runId: 12 })).code).toBe(0)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]?.body).toContain('<h2>✅ Databricks identity config: valid</h2>')
    expect(comments()[0]?.body).not.toContain('❌')
    expect(requests().slice(-1)).toEqual([`PATCH /repos/${DEMO_REPO}/issues/comments/${comments()[0]?.id} 200`])
  })

  test('always: a clean result is commented too', async () => {
    const run = await validate('good', 'minimal.yml', { comment: 'always' })
    expect(run.code).toBe(0)
    expect(comments()[0]?.body).toContain('<h2>✅ Databricks identity config: valid</h2>')
  })

  test('a read-only token (a pull request from a fork): a warning and a note in the summary, and the run stays green', async () => {
    const run = await validate('good', 'minimal.yml', { comment: 'always', 'github-token': gh.readOnlyToken })
    expect(run.code).toBe(0)
    expect(comments()).toEqual([])
    expect(requests()).toEqual([
      `GET /repos/${DEMO_REPO}/issues/${PR}/comments 200`,
      `POST /repos/${DEMO_REPO}/issues/${PR}/comments 403`
    ])
    const warning = run.annotations.find((a) => a.level === 'warning')?.message ?? ''
    expect(warning).toContain(`Could not comment on pull request #${PR}: the token may not write to it`)
    expect(warning).toContain('GitHub asks for issues=write; pull_requests=write')
    expect(warning).toContain('A pull request from a fork gets a read-only workflow token')
    expect(run.summary).toContain(`<p>💬 Could not comment on pull request #${PR}`)
    expect(leaks(run, [gh.readOnlyToken])).toEqual([])
  })

  test('comment: never makes no GitHub call', async () => {
    const run = await validate('bad', 'group-twice.yml', { comment: 'never' })
    expect(run.code).toBe(1)
    expect(requests()).toEqual([])
  })

  test('a push (not a pull request) makes no GitHub call', async () => {
    const run = await validate('bad', 'group-twice.yml', {}, { event: 'push' })
    expect(run.code).toBe(1)
    expect(requests()).toEqual([])
  })

  test('a bad comment input is refused with the values it takes', async () => {
    const run = await validate('good', 'minimal.yml', { comment: 'sometimes' })
    expect(run.code).toBe(1)
    expect(run.annotations[0]?.message).toContain('Input "comment" is "sometimes"; use always, on-change or never.')
    expect(requests()).toEqual([])
  })
})

describe('validate and a sync dry-run in one job', () => {
  const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
  let job: EmulatedJob

  beforeEach(async () => {
    job = await startJob('e2e-pr-comment-', { fixture }, (emu) => ({
      version: 1,
      defaults: { 'max-deletions': '50%' },
      workspaces: demoWorkspaces(
        emu,
        { auth: 'entra', groups: [{ entra: 'Data Engineers', databricks: 'data-engineers' }] },
        { groups: [{ entra: 'Data Engineers', databricks: 'data-engineers' }] }
      )
    }))
  })

  afterEach(async () => {
    await job?.emu.stop()
  })

  const step = (command: string, runId: number, inputs: Record<string, string> = {}) =>
    job.run({
      inputs: {
        command,
        'dry-run': 'true',
        'github-token': gh.writeToken,
        'labels-on-change': 'identities:changes',
        ...inputs
      },
      env: gh.env({ number: PR, runId })
    })

  test('one comment: config first, then the plan; the label follows the changes', async () => {
    expect((await step('validate', 301)).code).toBe(0)
    expect(comments()).toEqual([]) // nothing to report yet
    const plan = await step('sync', 301)
    expect(plan.code).toBe(0)
    expect(comments()).toHaveLength(1)
    const body = comments()[0]?.body ?? ''
    expect(body).toContain('Entra ID → Databricks sync (dry run)')
    expect(body).toContain('Would add members')
    expect(gh.state.labels.get(`${DEMO_REPO}#${PR}`)).toEqual(['identities:changes'])

    // The merge applies the plan; the next push's dry-run plans nothing: the comment says so, the label goes.
    const apply = await job.run({ inputs: { command: 'sync' } })
    expect(apply.code).toBe(0)
    await step('validate', 302, { comment: 'always' })
    const after = await step('sync', 302)
    expect(after.code).toBe(0)
    expect(comments()).toHaveLength(1)
    const updated = comments()[0]?.body ?? ''
    expect(updated.indexOf('section validate')).toBeGreaterThan(0)
    expect(updated.indexOf('section validate')).toBeLessThan(updated.indexOf('section sync'))
    expect(updated).toContain('Entra ID → Databricks sync (dry run)')
    expect(updated).not.toContain('Would add members')
    expect(gh.state.labels.get(`${DEMO_REPO}#${PR}`)).toEqual([])
  })

  test('a sync that writes is not commented', async () => {
    const run = await step('sync', 303, { 'dry-run': 'false' })
    expect(run.code).toBe(0)
    expect(requests()).toEqual([])
  })
})
