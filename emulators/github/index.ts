// The GitHub REST stand-in on its own HTTPS port, with the runner environment that points the action at it: a
// pull_request event (its payload file), the repository, the run, and GITHUB_API_URL.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { githubError, githubThrottled } from '../entra.js'
import { startServer, type EmulatorServer } from '../server.js'
import { ensureTestCa } from '../tls.js'
import { createGithubApi, type GithubApiState } from './rest.js'

export { ACTIONS_BOT, COMMENT_BODY_LIMIT, type GithubComment } from './rest.js'

export interface GithubApiEmulator {
  server: EmulatorServer
  state: GithubApiState
  url: string
  /** A token that may write comments and labels (a workflow token with pull-requests: write). */
  writeToken: string
  /** A read-only token (the workflow token of a pull request from a fork). */
  readOnlyToken: string
  /** The runner environment of a workflow run on `event` for pull request `number` of `repo`. */
  env(options?: PullRequestRun): Record<string, string>
  stop(): Promise<void>
}

export interface PullRequestRun {
  event?: string
  repo?: string
  number?: number
  runId?: number
  runAttempt?: number
  workflow?: string
  job?: string
  headSha?: string
}

export const DEMO_REPO = 'contoso/data-platform'

export async function startGithubApi(options: { caDir?: string } = {}): Promise<GithubApiEmulator> {
  const { cert, key, caFile } = await ensureTestCa(options.caDir)
  const api = createGithubApi()
  const writeToken = 'ghs_standInWriteToken0123456789abcdefABCDEF'
  const readOnlyToken = 'ghs_standInReadOnlyToken0123456789abcdefAB'
  api.state.tokens.set(writeToken, 'write')
  api.state.tokens.set(readOnlyToken, 'read')
  const server = await startServer('github-api', api.handler, {
    cert,
    key,
    sensitive: new Set([writeToken, readOnlyToken]),
    throttledResponse: githubThrottled,
    errorResponse: githubError
  })
  const eventDir = mkdtempSync(join(tmpdir(), 'github-event-'))
  return {
    server,
    state: api.state,
    url: server.url,
    writeToken,
    readOnlyToken,
    env(run = {}) {
      const repo = run.repo ?? DEMO_REPO
      const number = run.number ?? 7
      const event = run.event ?? 'pull_request'
      const payload = event.startsWith('pull_request')
        ? { action: 'synchronize', number, pull_request: { number, head: { sha: run.headSha ?? 'a1b2c3d4e5f6' } } }
        : { ref: 'refs/heads/main' }
      const path = join(eventDir, `${event}-${number}-${run.runId ?? 1}.json`)
      writeFileSync(path, JSON.stringify(payload))
      return {
        GITHUB_EVENT_NAME: event,
        GITHUB_EVENT_PATH: path,
        GITHUB_REPOSITORY: repo,
        GITHUB_API_URL: server.url,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: String(run.runId ?? 1),
        GITHUB_RUN_ATTEMPT: String(run.runAttempt ?? 1),
        GITHUB_WORKFLOW: run.workflow ?? 'Databricks identities',
        GITHUB_JOB: run.job ?? 'identities',
        GITHUB_SHA: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
        NODE_EXTRA_CA_CERTS: caFile
      }
    },
    stop: () => server.stop()
  }
}
