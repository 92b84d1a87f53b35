// The pull request a run belongs to, read from the runner's environment: the event name, its payload file
// (pull_request.number), the repository, the run and the job. Anything else than a pull_request or
// pull_request_target event is no pull request: then the action makes no GitHub call at all.
import { existsSync, readFileSync } from 'node:fs'

/** Events whose payload carries the pull request (and whose workflow token can comment on it). */
export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'] as const

export interface PullRequestContext {
  owner: string
  repo: string
  number: number
  /** The head commit the run checked (the payload's pull_request.head.sha), for the comment's footer. */
  headSha?: string
  /** REST API origin (GITHUB_API_URL; GitHub Enterprise Server has its own). */
  apiUrl: string
  /** Link to this run's page, where the job summary is. */
  runUrl: string
  runId: string
  runAttempt: string
  workflow: string
  job: string
}

type Env = Record<string, string | undefined>

/** The pull request of this run, or undefined when the run is not for one. */
export function pullRequestContext(env: Env = process.env): PullRequestContext | undefined {
  const event = env.GITHUB_EVENT_NAME ?? ''
  if (!(PULL_REQUEST_EVENTS as readonly string[]).includes(event)) return undefined
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  const pr = payload?.pull_request
  const number = typeof pr?.number === 'number' ? pr.number : undefined
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (number === undefined || !owner || !repo) return undefined
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const runId = env.GITHUB_RUN_ID ?? ''
  const headSha = typeof pr?.head?.sha === 'string' ? pr.head.sha : undefined
  return {
    owner,
    repo,
    number,
    ...(headSha ? { headSha } : {}),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}`,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? ''
  }
}

interface Payload {
  pull_request?: { number?: unknown; head?: { sha?: unknown } }
}

function readPayload(path: string | undefined): Payload | undefined {
  if (!path || !existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Payload
  } catch {
    return undefined
  }
}
