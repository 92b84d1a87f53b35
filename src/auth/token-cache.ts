// One token request per scope at a time, and a token reused until shortly before it expires. The SDK credentials
// cache tokens too, but only once a request has finished: the workspaces a sync starts together would each send
// their own token request (and fetch their own GitHub assertion) before the first answer arrives.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity'

/** A cached token is renewed when it has less than this left (the SDKs' own refresh margin). */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000

export class SharedTokenCredential implements TokenCredential {
  private readonly tokens = new Map<string, AccessToken>()
  private readonly pending = new Map<string, Promise<AccessToken | null>>()

  constructor(
    private readonly inner: TokenCredential,
    private readonly now: () => number = Date.now
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    // Claims challenges and tenant overrides are rare, one-off requests: never shared.
    if (options?.claims || options?.tenantId) return this.inner.getToken(scopes, options)
    const key = `${[scopes].flat().sort().join(' ')}${options?.enableCae ? ' cae' : ''}`
    const cached = this.tokens.get(key)
    if (cached && this.fresh(cached)) return cached
    const running = this.pending.get(key)
    if (running) return running
    const request = this.inner.getToken(scopes, options).then(
      (token) => {
        if (token) this.tokens.set(key, token)
        return token
      },
      (error: unknown) => {
        // A failure is not remembered: the next caller tries again.
        this.tokens.delete(key)
        throw error
      }
    )
    this.pending.set(key, request)
    try {
      return await request
    } finally {
      if (this.pending.get(key) === request) this.pending.delete(key)
    }
  }

  private fresh(token: AccessToken): boolean {
    const now = this.now()
    if (token.refreshAfterTimestamp !== undefined && now >= token.refreshAfterTimestamp) return false
    return token.expiresOnTimestamp - now > TOKEN_REFRESH_MARGIN_MS
  }
}

/** One call in flight at a time: callers that arrive meanwhile share its result. */
export function singleFlight<T>(load: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined
  return () => {
    running ??= load().finally(() => {
      running = undefined
    })
    return running
  }
}
