// A fake token service for Graph emulator tests that run the handler without Entra: the bearer token is a name
// whose roles a table gives, and the claims are those of an app token for Microsoft Graph.
import type { AccessTokenClaims, TokenService } from '../emulators/types.js'

/** The claims of an app token for Microsoft Graph with these roles. */
export function graphClaims(roles: string[]): AccessTokenClaims {
  return {
    aud: 'https://graph.microsoft.com',
    iss: 'https://sts.windows.net/t/',
    tid: 't',
    appid: 'app',
    azp: 'app',
    oid: 'oid',
    sub: 'oid',
    roles,
    exp: 0,
    iat: 0
  }
}

/** Accepts `Bearer <name>` for each name of `rolesByToken`, with its roles; anything else is an invalid token. */
export function fakeGraphTokens(rolesByToken: Record<string, string[]>): TokenService {
  return {
    async verifyBearer(authorization) {
      const token = authorization?.replace(/^Bearer\s+/i, '')
      const roles = token ? rolesByToken[token] : undefined
      if (!roles) return { ok: false, reason: 'invalid token' }
      return { ok: true, claims: graphClaims(roles) }
    }
  }
}
