// The GitHub client of the pull-request comment keeps the action's network rules: a redirect is refused (and where it
// pointed named by its origin only), and a stalled request ends at the timeout.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startServer, type EmulatorServer } from '../emulators/server.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'
import { readFileSync } from 'node:fs'
import { githubClient, requestFailure } from '../src/github/client.js'

let server: EmulatorServer
const where = { owner: 'contoso', repo: 'data-platform', issue_number: 1 }

beforeAll(async () => {
  const { cert, key, caFile } = await ensureTestCa()
  trustTestCa(readFileSync(caFile, 'utf8'))
  server = await startServer(
    'github-redirect',
    () => ({ status: 301, headers: { location: 'https://elsewhere.example.com/secret/path?token=x' }, body: '' }),
    { cert, key }
  )
})
afterAll(async () => server?.stop())

describe('githubClient', () => {
  test('does not follow a redirect, and names only the origin it pointed to', async () => {
    const error = await (
      await githubClient('ghs_x', server.url)
    ).rest.issues
      .listComments(where)
      .catch((e: unknown) => e)
    expect(String((error as Error).message)).toBe(
      `GitHub answered GET /repos/{owner}/{repo}/issues/{issue_number}/comments with a redirect (301) to https://elsewhere.example.com, which the action does not follow.`
    )
    expect(server.log).toHaveLength(1)
  })

  test('a stalled request ends at the timeout', async () => {
    process.env.ENTRA_SYNC_HTTP_TIMEOUT_MS = '300'
    try {
      server.failNext(1, 'hang')
      const started = Date.now()
      const error = await (
        await githubClient('ghs_x', server.url)
      ).rest.issues
        .listComments(where)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Error)
      expect(Date.now() - started).toBeLessThan(10_000)
    } finally {
      delete process.env.ENTRA_SYNC_HTTP_TIMEOUT_MS
    }
  })
})

describe('requestFailure', () => {
  test("an answered request: its status and GitHub's permission header", () => {
    const error = Object.assign(new Error('Resource not accessible by integration'), {
      status: 403,
      response: { headers: { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' } }
    })
    expect(requestFailure(error)).toEqual({
      status: 403,
      accepted: 'issues=write; pull_requests=write',
      message: 'Resource not accessible by integration'
    })
    expect(requestFailure(new Error('fetch failed'))).toEqual({ message: 'fetch failed' })
  })
})
