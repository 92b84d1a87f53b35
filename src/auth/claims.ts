// Reads the public claims of a JWT for error messages. Never logs or returns the token itself.

export interface PublicClaims {
  iss?: string
  sub?: string
  aud?: string
  /** Expiry, seconds since the epoch. */
  exp?: number
  /** App roles granted to the app (Microsoft Graph application permissions in a Graph token). */
  roles?: string[]
}

export function publicClaims(jwt: string): PublicClaims {
  const payload = jwt.split('.')[1]
  if (!payload) return {}
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
    const text = (v: unknown): string | undefined =>
      typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(',') : undefined
    return {
      iss: text(claims.iss),
      sub: text(claims.sub),
      aud: text(claims.aud),
      ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
      ...(Array.isArray(claims.roles) ? { roles: claims.roles.filter((r): r is string => typeof r === 'string') } : {})
    }
  } catch {
    return {}
  }
}
