// The GitHub REST client of the pull-request comment: @actions/github's Octokit on the run's API origin, with the
// action's network rules — no redirect is followed, and every request has a timeout. @actions/github is loaded only
// when a run comments (a dynamic import, so the bundle keeps it in a chunk of its own that other runs never load).
import type { getOctokit } from '@actions/github'
import { redirectTarget, requestTimeoutMs } from '../net.js'

export type GithubClient = ReturnType<typeof getOctokit>

export async function githubClient(token: string, apiUrl: string): Promise<GithubClient> {
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(token, { baseUrl: apiUrl })
  const timeoutMs = requestTimeoutMs(process.env)
  octokit.hook.wrap('request', async (request, options) => {
    // Changed in place: every hook of the chain is bound to this one options object.
    options.request = { ...options.request, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) }
    const response = await request(options)
    if (response.status >= 300 && response.status < 400) {
      const location = (response.headers as Record<string, string | undefined>).location
      throw new Error(
        `GitHub answered ${options.method} ${options.url} with a redirect (${response.status}) to ${redirectTarget(location, apiUrl)}, which the action does not follow.`
      )
    }
    return response
  })
  return octokit
}

/** The HTTP status and GitHub's permission header of a failed request, when it was answered. */
export function requestFailure(error: unknown): { status?: number; accepted?: string; message: string } {
  const e = error as { status?: unknown; message?: unknown; response?: { headers?: Record<string, unknown> } }
  const accepted = e?.response?.headers?.['x-accepted-github-permissions']
  return {
    ...(typeof e?.status === 'number' && e.status > 0 ? { status: e.status } : {}),
    ...(typeof accepted === 'string' ? { accepted } : {}),
    message: typeof e?.message === 'string' ? e.message : String(error)
  }
}
