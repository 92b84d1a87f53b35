// Key Vault secrets emulator: the challenge flow SecretClient expects (anonymous first request -> 401 with
// WWW-Authenticate), RBAC-style 403 for callers not in `readers`, versions, and Key Vault's error format.
import { createHash } from 'node:crypto'
import type { VaultFixture } from './fixture.js'
import { VAULT_RESOURCE } from './entra.js'
import type { EmulatorResponse, Handler, TokenService } from './types.js'

export interface SecretVersion {
  version: string
  value: string
  enabled: boolean
  contentType?: string
  tags: Record<string, string>
  /** Unix seconds. */
  created: number
  updated: number
}

export interface VaultState {
  /** appIds allowed to read (and write) secrets; any authenticated application when undefined. */
  readers: string[] | undefined
  /** Sets a secret value as a new version (rotation) and returns the version id. */
  setSecret(name: string, value: string, opts?: { contentType?: string; tags?: Record<string, string> }): string
  /** Latest version (or the given version) of a secret. */
  getSecret(name: string, version?: string): SecretVersion | undefined
  /** All versions, oldest first. */
  versions(name: string): SecretVersion[]
  /** Enables or disables the latest version (a disabled secret answers 403 SecretDisabled). */
  setEnabled(name: string, enabled: boolean): void
  deleteSecret(name: string): boolean
  names(): string[]
}

export interface Vault {
  handler: Handler
  state: VaultState
}

export interface VaultOptions {
  tenantId: string
  /** Origin of the Entra emulator (for the WWW-Authenticate challenge). */
  authority: () => string
  /** Called with every value stored, so the request log can scrub it. */
  onSecretValue?: (value: string) => void
}

export function vaultError(status: number, code: string, message: string, inner?: string): EmulatorResponse {
  return { status, body: { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } } }
}

export function vaultThrottled(retryAfterSeconds: number): EmulatorResponse {
  return vaultError(
    429,
    'Throttled',
    `Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached. Retry after ${retryAfterSeconds} seconds.`
  )
}

export function vaultServerError(status: number, message: string): EmulatorResponse {
  return vaultError(status, status === 503 ? 'ServiceUnavailable' : 'InternalServerError', message)
}

/** A stable 32-hex version id from the secret name and its version number. */
function versionId(name: string, n: number): string {
  return createHash('sha256').update(`kv-version:${name.toLowerCase()}:${n}`).digest('hex').slice(0, 32)
}

const NAME = /^[0-9a-zA-Z-]{1,127}$/

export function createVault(fixture: VaultFixture | undefined, tokens: TokenService, opts: VaultOptions): Vault {
  const secrets = new Map<string, { name: string; versions: SecretVersion[] }>()
  const key = (name: string) => name.toLowerCase()

  const state: VaultState = {
    readers: fixture?.readers,
    setSecret(name, value, o = {}) {
      if (!NAME.test(name)) throw new Error(`invalid secret name ${name}`)
      let s = secrets.get(key(name))
      if (!s) secrets.set(key(name), (s = { name, versions: [] }))
      const now = Math.floor(Date.now() / 1000)
      const version = versionId(name, s.versions.length + 1)
      s.versions.push({
        version,
        value,
        enabled: true,
        tags: o.tags ?? {},
        created: now,
        updated: now,
        ...(o.contentType ? { contentType: o.contentType } : {})
      })
      opts.onSecretValue?.(value)
      return version
    },
    getSecret(name, version) {
      const s = secrets.get(key(name))
      if (!s) return undefined
      return version ? s.versions.find((v) => v.version === version.toLowerCase()) : s.versions.at(-1)
    },
    versions: (name) => [...(secrets.get(key(name))?.versions ?? [])],
    setEnabled(name, enabled) {
      const v = secrets.get(key(name))?.versions.at(-1)
      if (!v) throw new Error(`no secret ${name}`)
      v.enabled = enabled
      v.updated = Math.floor(Date.now() / 1000)
    },
    deleteSecret: (name) => secrets.delete(key(name)),
    names: () => [...secrets.values()].map((s) => s.name)
  }
  for (const [name, value] of Object.entries(fixture?.secrets ?? {})) state.setSecret(name, value)

  const bundle = (origin: string, name: string, v: SecretVersion) => ({
    value: v.value,
    ...(v.contentType ? { contentType: v.contentType } : {}),
    id: `${origin}/secrets/${name}/${v.version}`,
    attributes: {
      enabled: v.enabled,
      created: v.created,
      updated: v.updated,
      recoveryLevel: 'Recoverable+Purgeable',
      recoverableDays: 90
    },
    tags: v.tags
  })

  const notFound = (id: string) =>
    vaultError(
      404,
      'SecretNotFound',
      `A secret with (name/id) ${id} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`
    )

  const handler: Handler = async (req) => {
    const challenge = {
      'WWW-Authenticate': `Bearer authorization="${opts.authority()}/${opts.tenantId}", resource="${VAULT_RESOURCE}"`
    }
    const apiVersion = req.url.searchParams.get('api-version')
    if (!apiVersion) {
      return vaultError(400, 'BadParameter', 'The request URI contains an invalid api-version: missing api-version.')
    }
    if (!req.headers.authorization) {
      return {
        ...vaultError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.'),
        headers: challenge
      }
    }
    const check = await tokens.verifyBearer(req.headers.authorization, [VAULT_RESOURCE])
    if (!check.ok) {
      return { ...vaultError(401, 'Unauthorized', `AKV10022: Invalid token: ${check.reason}.`), headers: challenge }
    }
    const parts = req.url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    if (parts[0] !== 'secrets' || parts.length < 2 || parts.length > 3) {
      return vaultError(404, 'NotFound', `The requested path ${req.url.pathname} was not found.`)
    }
    const [, name, version] = parts as [string, string, string | undefined]
    const action = req.method === 'GET' ? 'getSecret' : 'setSecret'
    if (state.readers && !state.readers.some((r) => r.toLowerCase() === check.claims.appid.toLowerCase())) {
      return vaultError(
        403,
        'Forbidden',
        `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=${check.claims.appid};oid=${check.claims.oid};iss=${check.claims.iss}\r\nAction: 'Microsoft.KeyVault/vaults/secrets/${action}/action'\r\nResource: '/secrets/${name}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null\r\nVault: ${req.url.host};location=westeurope\r\n`,
        'ForbiddenByRbac'
      )
    }
    if (req.method === 'GET') {
      if (version === 'versions') {
        const list = state.versions(name)
        if (list.length === 0) return notFound(name)
        return {
          status: 200,
          body: {
            value: list.map((v) => {
              const { value: _value, ...rest } = bundle(req.url.origin, name, v)
              return rest
            }),
            nextLink: null
          }
        }
      }
      const v = state.getSecret(name, version)
      if (!v) return notFound(version ? `${name}/${version}` : name)
      if (!v.enabled)
        return vaultError(403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled')
      return { status: 200, body: bundle(req.url.origin, name, v) }
    }
    if (req.method === 'PUT' && !version) {
      const body = req.body as { value?: unknown; contentType?: string; tags?: Record<string, string> } | undefined
      if (typeof body?.value !== 'string') return vaultError(400, 'BadParameter', 'The parameter value is required.')
      if (!NAME.test(name)) return vaultError(400, 'BadParameter', `The secret name '${name}' is invalid.`)
      const ver = state.setSecret(name, body.value, {
        ...(body.contentType ? { contentType: body.contentType } : {}),
        ...(body.tags ? { tags: body.tags } : {})
      })
      return { status: 200, body: bundle(req.url.origin, name, state.getSecret(name, ver)!) }
    }
    return vaultError(
      405,
      'MethodNotAllowed',
      `The requested method ${req.method} is not allowed on ${req.url.pathname}.`
    )
  }

  return { handler, state }
}
