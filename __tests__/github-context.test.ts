// The pull request of a run (from the runner's environment and the event payload) and the comment inputs.
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pullRequestContext } from '../src/github/context.js'
import { InputError } from '../src/errors.js'
import { parseInputs } from '../src/inputs.js'

const dir = mkdtempSync(join(tmpdir(), 'github-context-'))
function payload(body: unknown): string {
  const path = join(dir, `event-${Math.random()}.json`)
  writeFileSync(path, JSON.stringify(body))
  return path
}

const RUNNER = {
  GITHUB_REPOSITORY: 'contoso/data-platform',
  GITHUB_RUN_ID: '99',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_WORKFLOW: 'Databricks identities',
  GITHUB_JOB: 'plan',
  GITHUB_SERVER_URL: 'https://github.example.com/',
  GITHUB_API_URL: 'https://github.example.com/api/v3'
}

describe('pullRequestContext', () => {
  test.each(['pull_request', 'pull_request_target'])('%s: the number and head commit from the payload', (event) => {
    const env = {
      ...RUNNER,
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: payload({ number: 12, pull_request: { number: 12, head: { sha: 'abc1234def' } } })
    }
    expect(pullRequestContext(env)).toEqual({
      owner: 'contoso',
      repo: 'data-platform',
      number: 12,
      headSha: 'abc1234def',
      apiUrl: 'https://github.example.com/api/v3',
      runUrl: 'https://github.example.com/contoso/data-platform/actions/runs/99',
      runId: '99',
      runAttempt: '2',
      workflow: 'Databricks identities',
      job: 'plan'
    })
  })

  test('no pull request: other events, a missing or unreadable payload, a payload without a number', () => {
    const pr = payload({ pull_request: { number: 3 } })
    expect(pullRequestContext({ ...RUNNER, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: pr })).toBeUndefined()
    expect(pullRequestContext({ ...RUNNER, GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: pr })).toBeUndefined()
    expect(pullRequestContext({ ...RUNNER, GITHUB_EVENT_NAME: 'pull_request' })).toBeUndefined()
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{')
    expect(
      pullRequestContext({ ...RUNNER, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: broken })
    ).toBeUndefined()
    expect(
      pullRequestContext({ ...RUNNER, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payload({ number: 3 }) })
    ).toBeUndefined()
  })

  test('GitHub.com by default', () => {
    const env = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: payload({ pull_request: { number: 1 } }),
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_RUN_ID: '5'
    }
    expect(pullRequestContext(env)).toMatchObject({
      apiUrl: 'https://api.github.com',
      runUrl: 'https://github.com/o/r/actions/runs/5',
      runAttempt: '1'
    })
  })
})

describe('the comment inputs', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? ''

  test('mode, token and labels', () => {
    expect(
      parseInputs(
        read({ comment: 'ALWAYS', 'github-token': ' ghs_x ', 'labels-on-change': 'identities:changes,\nneeds review' })
      )
    ).toMatchObject({ comment: 'always', githubToken: 'ghs_x', labelsOnChange: ['identities:changes', 'needs review'] })
    expect(parseInputs(read({}))).toMatchObject({ comment: 'on-change', labelsOnChange: [] })
    expect(parseInputs(read({})).githubToken).toBeUndefined()
  })

  test('an unknown mode names the three', () => {
    expect(() => parseInputs(read({ comment: 'yes' }))).toThrow(InputError)
    expect(() => parseInputs(read({ comment: 'yes' }))).toThrow(
      'Input "comment" is "yes"; use always, on-change or never.'
    )
  })
})
