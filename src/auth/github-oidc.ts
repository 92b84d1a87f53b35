// The GitHub OIDC token of the job, asked for the way @actions/core's getIDToken does (GET
// ACTIONS_ID_TOKEN_REQUEST_URL&audience=…, the runner's request token as bearer, the JWT in `value`), but through the
// request guard: @actions/http-client follows redirects and its bearer handler puts the request token back on every
// hop, whatever the host; here a redirect is refused, the request has a timeout and retries, and the run's
// cancellation ends it.
import { ActionError } from '../errors.js'
import type { OidcTokenSource, SecretMasker } from './credential.js'
import type { GuardedService, RequestGuard } from './request-guard.js'

export const GITHUB_OIDC: GuardedService = {
  name: "GitHub's OIDC token service",
  redirectFix:
    'ACTIONS_ID_TOKEN_REQUEST_URL is set by the runner: check that no step of the workflow overrides it and that no ' +
    'proxy between the runner and GitHub rewrites its answers.'
}

/** The job has no OIDC token (no `id-token: write`, a fork's pull request, a refused request token). */
export function noOidcToken(detail = ''): ActionError {
  return new ActionError(
    `GitHub did not give this job an OIDC token, so it cannot sign in to Entra ID without a secret.${detail}`,
    'Add `permissions: id-token: write` to the workflow or job. Pull requests from forks never get OIDC tokens: run validate without tenant-id/client-id there, or use client-secret.'
  )
}

/**
 * Fetches OIDC tokens with the runner's variables in `env`; every token is masked before it is returned. A request
 * that got no answer fails with the network's error (the credential explains it, TLS trust included).
 */
export function githubOidcToken(
  env: Record<string, string | undefined>,
  guard: RequestGuard,
  mask: SecretMasker
): OidcTokenSource {
  return async (audience) => {
    const base = env.ACTIONS_ID_TOKEN_REQUEST_URL
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    if (!base || !requestToken) throw noOidcToken()
    mask(requestToken)
    const url = audience ? `${base}&audience=${encodeURIComponent(audience)}` : base
    const answer = await guard.fetchText(GITHUB_OIDC, url, {
      Authorization: `Bearer ${requestToken}`,
      Accept: 'application/json'
    })
    const detail = errorDetail(answer.text.replaceAll(requestToken, '***'))
    if (answer.status === 401 || answer.status === 403) {
      throw noOidcToken(` The token service refused the job's request token (${answer.status}: ${detail}).`)
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new ActionError(
        `Could not get an OIDC token from GitHub: the token service answered ${answer.status}: ${detail}`
      )
    }
    let value: unknown
    try {
      value = (JSON.parse(answer.text) as { value?: unknown } | null)?.value
    } catch {
      value = undefined
    }
    if (typeof value !== 'string' || value === '') {
      throw new ActionError('Could not get an OIDC token from GitHub: its answer had no token (no `value`).')
    }
    mask(value)
    return value
  }
}

/** GitHub's error answers are `{ message }`; anything else is cut short. */
function errorDetail(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown } | null)?.message
    if (typeof message === 'string' && message !== '') return message
  } catch {
    // not JSON
  }
  const plain = text.replace(/\s+/g, ' ').trim()
  return plain === '' ? 'no detail' : plain.length > 200 ? `${plain.slice(0, 200)}…` : plain
}
