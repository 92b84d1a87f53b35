// Contracts shared by the emulators: a service is a pure request handler; the server in server.ts
// adds TLS, latency, throttling, faults and the request log around it.
import type { IncomingHttpHeaders } from 'node:http'

export interface EmulatorRequest {
  method: string
  /** Full URL as the client sent it (scheme/host of the emulator). */
  url: URL
  headers: IncomingHttpHeaders
  /** Parsed body: JSON object for application/json, key/value record for form posts, else undefined. */
  body: unknown
  rawBody: string
  /** The body's bytes as sent (binary uploads, e.g. a blob). */
  bytes?: Buffer
}

export interface EmulatorResponse {
  status: number
  headers?: Record<string, string>
  /** An object is sent as JSON (content-type from headers, else application/json); a string or Buffer as-is. */
  body?: unknown
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>

/** Claims of an access token the Entra emulator issued. */
export interface AccessTokenClaims {
  aud: string
  iss: string
  tid: string
  /** Client (application) id of the caller. */
  appid: string
  azp: string
  oid: string
  sub: string
  roles: string[]
  exp: number
  iat: number
}

export type BearerCheck = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: string }

/** Implemented by the Entra emulator; used by Graph, Databricks and Key Vault to check bearer tokens. */
export interface TokenService {
  /** Verifies `Authorization: Bearer <jwt>` was issued by the Entra emulator, is unexpired and for one of the audiences. */
  verifyBearer(authorization: string | undefined, audiences: readonly string[]): Promise<BearerCheck>
}
