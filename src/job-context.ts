// What the runner says about the job, read once from its environment next to the inputs (nothing below main.ts reads
// GITHUB_* variables): the run and commit the summary links to, and the event that started the workflow.

export interface JobContext {
  /** e.g. pull_request, push, schedule; undefined outside a runner. */
  eventName?: string
  /** The run's page (attempt included when it is a re-run), when the runner says where it is. */
  runUrl?: string
  /** The commit's page and its sha. */
  commit?: { sha: string; url?: string }
}

/** Events whose workflow runs with the pull request's code: a token there should not be able to write. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

export const isPullRequestEvent = (context: JobContext): boolean =>
  context.eventName !== undefined && PULL_REQUEST_EVENTS.has(context.eventName)

/**
 * GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_SHA and GITHUB_EVENT_NAME (GitHub
 * docs, "Variables reference"). A value of an unexpected shape is left out rather than linked to.
 */
export function parseJobContext(env: Record<string, string | undefined>): JobContext {
  const server = httpsOrigin(env.GITHUB_SERVER_URL)
  const repository = /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY ?? '') ? env.GITHUB_REPOSITORY : undefined
  const runId = /^\d+$/.test(env.GITHUB_RUN_ID ?? '') ? env.GITHUB_RUN_ID : undefined
  const attempt = /^\d+$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? Number(env.GITHUB_RUN_ATTEMPT) : 1
  const sha = /^[0-9a-f]{40}$/i.test(env.GITHUB_SHA ?? '') ? env.GITHUB_SHA : undefined
  const eventName = /^[a-z_]+$/.test(env.GITHUB_EVENT_NAME ?? '') ? env.GITHUB_EVENT_NAME : undefined
  const repo = server && repository ? `${server}/${repository}` : undefined
  return {
    ...(eventName ? { eventName } : {}),
    ...(repo && runId ? { runUrl: `${repo}/actions/runs/${runId}${attempt > 1 ? `/attempts/${attempt}` : ''}` } : {}),
    ...(sha ? { commit: { sha, ...(repo ? { url: `${repo}/commit/${sha}` } : {}) } } : {})
  }
}

function httpsOrigin(value: string | undefined): string | undefined {
  try {
    const url = new URL(value ?? '')
    return url.protocol === 'https:' && !url.username && !url.password ? url.origin : undefined
  } catch {
    return undefined
  }
}
