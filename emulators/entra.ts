// Entra ID (OIDC metadata + client-credentials token endpoint) and GitHub Actions OIDC token emulators.
// Entra verifies GitHub OIDC assertions against the application's federated credentials the way the real
// service does, answers in Entra's error format (AADSTS codes), and issues RS256 access tokens that the
// other emulators check through TokenService.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import {
  SignJWT,
  calculateJwkThumbprint,
  compactVerify,
  decodeJwt,
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWK
} from 'jose'
import type { ApplicationFixture, TenantFixture } from './fixture.js'
import { stableGuid } from './fixture.js'
import type {
  AccessTokenClaims,
  BearerCheck,
  EmulatorRequest,
  EmulatorResponse,
  Handler,
  TokenService
} from './types.js'

export const GRAPH_RESOURCE = 'https://graph.microsoft.com'
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'
export const DATABRICKS_RESOURCE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d'
export const VAULT_RESOURCE = 'https://vault.azure.net'
export const VAULT_APP_ID = 'cfa8b339-82a2-471a-a3c9-0fc0be7a4093'
export const OIDC_DEFAULT_AUDIENCE = 'api://AzureADTokenExchange'
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>

async function newSigningKey(): Promise<{ keys: KeyPair; jwk: JWK; kid: string }> {
  const keys = await generateKeyPair('RS256', { extractable: true })
  const jwk = await exportJWK(keys.publicKey)
  const kid = await calculateJwkThumbprint(jwk)
  return { keys, jwk: { ...jwk, kid, use: 'sig', alg: 'RS256' }, kid }
}

function bearerToken(authorization: string | string[] | undefined): string | undefined {
  const value = Array.isArray(authorization) ? authorization[0] : authorization
  const m = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null
  return m?.[1]
}

function json(status: number, body: unknown, headers?: Record<string, string>): EmulatorResponse {
  return { status, body, ...(headers ? { headers } : {}) }
}

// ---------------------------------------------------------------------------------------------------------------
// GitHub Actions OIDC

export interface MintedOidcToken {
  /** The token itself (the JWT the action received), so tests can look for it in what the action wrote. */
  token: string
  audience: string
  subject: string
  expired: boolean
  at: string
}

export interface GithubOidcState {
  /** The ACTIONS_ID_TOKEN_REQUEST_TOKEN value the endpoint accepts. */
  requestToken: string
  /** Issuer (this server's origin); set once the server listens. */
  issuer: string
  /** `sub` of minted tokens; defaults from fixture.github. Change it to test a non-matching federated credential. */
  subject: string
  repository: string
  ref: string
  /** When true, minted tokens are already expired (tests AADSTS700024 handling). */
  issueExpired: boolean
  /** Token lifetime in seconds (GitHub: 5 minutes). */
  lifetimeSeconds: number
  /** Every token minted, oldest first. */
  minted: MintedOidcToken[]
}

export interface GithubOidc {
  handler: Handler
  state: GithubOidcState
  /** Verifies a token minted here (signature only; callers check claims). */
  verify(jwt: string): Promise<Record<string, unknown>>
  /** The request URL for ACTIONS_ID_TOKEN_REQUEST_URL (already contains `?`). */
  requestUrl(): string
}

export async function createGithubOidc(
  fixture: TenantFixture,
  opts: { requestToken?: string } = {}
): Promise<GithubOidc> {
  const { keys, jwk, kid } = await newSigningKey()
  const repository = fixture.github?.repository ?? 'contoso/repo'
  const ref = fixture.github?.ref ?? 'refs/heads/main'
  const state: GithubOidcState = {
    requestToken: opts.requestToken ?? `ghoidc_${randomBytes(24).toString('hex')}`,
    issuer: '',
    subject: fixture.github?.subject ?? `repo:${repository}:ref:${ref}`,
    repository,
    ref,
    issueExpired: false,
    lifetimeSeconds: 300,
    minted: []
  }
  const issuerOf = (req: EmulatorRequest) => state.issuer || req.url.origin

  const handler: Handler = async (req) => {
    const path = req.url.pathname
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      const issuer = issuerOf(req)
      return json(200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'repository', 'repository_owner'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid']
      })
    }
    if (req.method === 'GET' && path === '/.well-known/jwks') return json(200, { keys: [jwk] })
    if (path !== '/_apis/oidc/token') return json(404, { message: 'Not Found' })
    if (req.method !== 'GET') return json(405, { message: 'Method Not Allowed' })
    if (bearerToken(req.headers.authorization) !== state.requestToken) {
      return json(401, { message: 'Unauthorized: invalid or missing ACTIONS_ID_TOKEN_REQUEST_TOKEN' })
    }
    const audience = req.url.searchParams.get('audience') || OIDC_DEFAULT_AUDIENCE
    const now = Math.floor(Date.now() / 1000)
    const iat = state.issueExpired ? now - 2 * state.lifetimeSeconds : now
    const [owner] = repository.split('/')
    const value = await new SignJWT({
      ref,
      sha: createHash('sha1').update(repository).digest('hex'),
      repository,
      repository_owner: owner,
      repository_id: String(parseInt(createHash('sha1').update(repository).digest('hex').slice(0, 7), 16)),
      run_id: '1',
      run_number: '1',
      run_attempt: '1',
      actor: 'octocat',
      workflow: 'entra-databricks-sync',
      event_name: 'workflow_dispatch',
      ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      job_workflow_ref: `${repository}/.github/workflows/sync.yml@${ref}`,
      runner_environment: 'github-hosted'
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setIssuer(issuerOf(req))
      .setSubject(state.subject)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + state.lifetimeSeconds)
      .sign(keys.privateKey)
    state.minted.push({
      token: value,
      audience,
      subject: state.subject,
      expired: state.issueExpired,
      at: new Date().toISOString()
    })
    return json(200, { count: 1, value })
  }

  return {
    handler,
    state,
    async verify(jwt) {
      const { payload } = await compactVerify(jwt, keys.publicKey, { algorithms: ['RS256'] })
      return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>
    },
    requestUrl: () => `${state.issuer}/_apis/oidc/token?api-version=2.0`
  }
}

/** Throttled answer in GitHub's format. */
export function githubThrottled(retryAfterSeconds: number): EmulatorResponse {
  return json(429, { message: `API rate limit exceeded. Retry after ${retryAfterSeconds} seconds.` })
}

export function githubError(status: number, message: string): EmulatorResponse {
  return json(status, { message })
}

// ---------------------------------------------------------------------------------------------------------------
// Entra ID

export interface IssuedAccessToken {
  /** The access token itself, so tests can look for it in what the action wrote. */
  token: string
  appId: string
  aud: string
  grant: 'client_secret' | 'client_assertion'
  at: string
}

export interface EntraState {
  tenantId: string
  /** Applications known to the tenant (from the fixture; tests may add or change them). */
  applications: ApplicationFixture[]
  /** appIds whose sign-in is blocked (AADSTS7000112). */
  disabledApps: Set<string>
  /** Access token lifetime in seconds (default 3600; expires_in is one less). */
  tokenLifetimeSeconds: number
  /** Every access token issued, oldest first. */
  issued: IssuedAccessToken[]
  /** Every failed token request, oldest first (AADSTS code and message). */
  failures: { code: number; error: string; description: string; at: string }[]
}

export interface EntraOptions {
  /** Verifies GitHub OIDC assertions (signature); from the GitHub OIDC emulator. */
  github: Pick<GithubOidc, 'verify' | 'state'>
  /** Extra resources treated as Microsoft Graph (e.g. the Graph emulator's origin): roles = graphPermissions. */
  graphAudiences?: () => string[]
}

export interface Entra {
  handler: Handler
  state: EntraState
  tokens: TokenService
  /** Issues an access token directly (for tests), as the token endpoint would. */
  issueAccessToken(appId: string, resource: string): Promise<string>
  /** Service principal object id of an application (the oid of its tokens). */
  servicePrincipalId(appId: string): string
}

/** Entra's OAuth error body: AADSTS code, trace and correlation ids, timestamp. */
export function entraError(
  status: number,
  error: string,
  code: number,
  message: string,
  correlationId: string = randomUUID()
): EmulatorResponse {
  const traceId = randomUUID()
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z')
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`
  })
}

export function entraThrottled(retryAfterSeconds: number): EmulatorResponse {
  return entraError(
    429,
    'temporarily_unavailable',
    90055,
    `The request is being throttled. Please retry after ${retryAfterSeconds} seconds.`
  )
}

export function entraServerError(status: number, message: string): EmulatorResponse {
  return entraError(status, 'temporarily_unavailable', status === 503 ? 90033 : 90100, message)
}

const GRAPH_AUDIENCES = new Set([
  GRAPH_RESOURCE,
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn'
])
const KNOWN_RESOURCES = new Set([
  ...GRAPH_AUDIENCES,
  DATABRICKS_RESOURCE,
  VAULT_RESOURCE,
  'https://management.azure.com',
  'https://management.core.windows.net'
])
const LOOPBACK = /^https:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i
/**
 * Azure Resource Manager's resource ids. A token for one keeps the slash its scope ends the resource with:
 * `https://management.core.windows.net//.default` gives the audience `https://management.core.windows.net/`, which ARM
 * expects; `https://management.core.windows.net/.default` gives one without it (Microsoft identity platform docs,
 * "Scopes for a web API accepting v1.0 tokens").
 */
const ARM_RESOURCES = new Set(['https://management.core.windows.net', 'https://management.azure.com'])

function normalizeResource(resource: string): string {
  const r = resource.replace(/\/+$/, '')
  if (ARM_RESOURCES.has(r.toLowerCase())) return resource.endsWith('/') ? `${r}/` : r
  if (r.toLowerCase() === GRAPH_APP_ID) return GRAPH_RESOURCE
  if (r.toLowerCase() === VAULT_APP_ID) return VAULT_RESOURCE
  return r
}

export async function createEntra(fixture: TenantFixture, opts: EntraOptions): Promise<Entra> {
  const { keys, jwk, kid } = await newSigningKey()
  const tenantId = fixture.tenantId
  const stsIssuer = `https://sts.windows.net/${tenantId}/`
  const state: EntraState = {
    tenantId,
    applications: fixture.applications,
    disabledApps: new Set(),
    tokenLifetimeSeconds: 3600,
    issued: [],
    failures: []
  }

  const servicePrincipalId = (appId: string): string =>
    fixture.servicePrincipals.find((s) => s.appId.toLowerCase() === appId.toLowerCase())?.id ?? stableGuid('sp', appId)
  const findApp = (appId: string) => state.applications.find((a) => a.appId.toLowerCase() === appId.toLowerCase())
  const isGraph = (aud: string) => GRAPH_AUDIENCES.has(aud) || (opts.graphAudiences?.() ?? []).includes(aud)
  const knownResource = (aud: string) =>
    KNOWN_RESOURCES.has(aud.replace(/\/$/, '')) ||
    LOOPBACK.test(aud) ||
    isGraph(aud) ||
    state.applications.some((a) => aud === a.appId || aud === `api://${a.appId}`)

  async function mint(app: ApplicationFixture, aud: string, acr: '1' | '2'): Promise<string> {
    const now = Math.floor(Date.now() / 1000)
    const oid = servicePrincipalId(app.appId)
    const roles = isGraph(aud) ? (app.graphPermissions ?? []) : []
    return new SignJWT({
      tid: tenantId,
      appid: app.appId,
      azp: app.appId,
      appidacr: acr,
      idp: stsIssuer,
      idtyp: 'app',
      oid,
      ...(roles.length ? { roles } : {}),
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0'
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setAudience(aud)
      .setIssuer(stsIssuer)
      .setSubject(oid)
      .setIssuedAt(now)
      .setNotBefore(now - 300)
      .setExpirationTime(now + state.tokenLifetimeSeconds)
      .sign(keys.privateKey)
  }

  function metadata(req: EmulatorRequest, tenant: string): EmulatorResponse {
    const base = `${req.url.origin}/${tenant}`
    return json(200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${req.url.origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'oid', 'email'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net'
    })
  }

  async function token(req: EmulatorRequest): Promise<EmulatorResponse> {
    const correlationId = String(req.headers['client-request-id'] ?? randomUUID())
    const fail = (status: number, error: string, code: number, message: string): EmulatorResponse => {
      const r = entraError(status, error, code, message, correlationId)
      const body = r.body as { error_description: string }
      state.failures.push({ code, error, description: body.error_description, at: new Date().toISOString() })
      return r
    }
    const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string | undefined>
    const type = String(req.headers['content-type'] ?? '')
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return fail(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'."
      )
    }
    if (!form.grant_type) {
      return fail(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'."
      )
    }
    if (form.grant_type !== 'client_credentials') {
      return fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.')
    }
    const clientId = form.client_id
    if (!clientId) {
      return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.")
    }
    const scopes = (form.scope ?? '')
      .split(/\s+/)
      .filter((s) => s && !['openid', 'profile', 'offline_access'].includes(s))
    if (scopes.length === 0) return fail(400, 'invalid_request', 90014, "The required field 'scope' is missing.")
    const scope = scopes[0]!
    if (!scope.endsWith('/.default')) {
      return fail(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`
      )
    }
    const aud = normalizeResource(scope.slice(0, -'/.default'.length))
    const app = findApp(clientId)
    if (!app) {
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
      )
    }
    if (state.disabledApps.has(app.appId)) {
      return fail(400, 'unauthorized_client', 7000112, `Application '${app.appId}'(${app.displayName}) is disabled.`)
    }

    let grant: IssuedAccessToken['grant']
    if (form.client_assertion !== undefined || form.client_assertion_type !== undefined) {
      grant = 'client_assertion'
      if (form.client_assertion_type !== JWT_BEARER || !form.client_assertion) {
        return fail(
          401,
          'invalid_client',
          7000216,
          "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type."
        )
      }
      const problem = await checkAssertion(app, form.client_assertion)
      if (problem) return fail(problem.status, problem.error, problem.code, problem.message)
    } else if (form.client_secret !== undefined) {
      grant = 'client_secret'
      if (!app.clientSecret || form.client_secret !== app.clientSecret) {
        return fail(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`
        )
      }
    } else {
      return fail(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
      )
    }

    if (!knownResource(aud)) {
      return fail(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${aud} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`
      )
    }
    const accessToken = await mint(app, aud, grant === 'client_secret' ? '1' : '2')
    state.issued.push({ token: accessToken, appId: app.appId, aud, grant, at: new Date().toISOString() })
    return json(
      200,
      {
        token_type: 'Bearer',
        expires_in: state.tokenLifetimeSeconds - 1,
        ext_expires_in: state.tokenLifetimeSeconds - 1,
        access_token: accessToken
      },
      { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache', 'client-request-id': correlationId }
    )
  }

  async function checkAssertion(
    app: ApplicationFixture,
    assertion: string
  ): Promise<{ status: number; error: string; code: number; message: string } | undefined> {
    let claims: Record<string, unknown>
    try {
      claims = decodeJwt(assertion) as Record<string, unknown>
    } catch {
      return { status: 400, error: 'invalid_request', code: 50027, message: 'JWT token is invalid or malformed.' }
    }
    const iss = String(claims.iss ?? '')
    const sub = String(claims.sub ?? '')
    const auds = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud ?? '')]
    const githubIssuer = opts.github.state.issuer
    const match = (app.federatedCredentials ?? []).some(
      (fc) =>
        (fc.issuer ?? githubIssuer) === iss && fc.subject === sub && auds.includes(fc.audience ?? OIDC_DEFAULT_AUDIENCE)
    )
    if (!match) {
      return {
        status: 400,
        error: 'invalid_client',
        code: 70021,
        message: `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${auds.join(',')}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`
      }
    }
    try {
      await opts.github.verify(assertion)
    } catch {
      return {
        status: 401,
        error: 'invalid_client',
        code: 700027,
        message: 'Client assertion failed signature validation.'
      }
    }
    const now = Math.floor(Date.now() / 1000)
    const exp = typeof claims.exp === 'number' ? claims.exp : 0
    const nbf = typeof claims.nbf === 'number' ? claims.nbf : typeof claims.iat === 'number' ? claims.iat : 0
    if (exp <= now || nbf > now + 300) {
      const fmt = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
      return {
        status: 400,
        error: 'invalid_client',
        code: 700024,
        message: `Client assertion is not within its valid time range. Current time: ${fmt(now)}, assertion valid from ${fmt(nbf)}, expiry time of assertion ${fmt(exp)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`
      }
    }
    return undefined
  }

  const handler: Handler = async (req) => {
    const parts = req.url.pathname.split('/').filter(Boolean)
    const tenant = parts[0] ?? ''
    const rest = parts.slice(1).join('/')
    const known = tenant.toLowerCase() === tenantId.toLowerCase()
    const unknownTenant = (error: string) =>
      entraError(
        400,
        error,
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`
      )
    if (
      req.method === 'GET' &&
      (rest === 'v2.0/.well-known/openid-configuration' || rest === '.well-known/openid-configuration')
    ) {
      return known ? metadata(req, tenant) : unknownTenant('invalid_tenant')
    }
    if (req.method === 'GET' && (rest === 'discovery/v2.0/keys' || rest === 'discovery/keys')) {
      return json(200, { keys: [jwk] })
    }
    if (rest === 'oauth2/v2.0/token') {
      if (req.method !== 'POST') {
        return entraError(
          400,
          'invalid_request',
          900561,
          'The endpoint only accepts POST requests. Received a GET request.'
        )
      }
      return known ? token(req) : unknownTenant('invalid_request')
    }
    if (rest === 'oauth2/v2.0/authorize' || rest === 'oauth2/v2.0/devicecode' || rest === 'oauth2/v2.0/logout') {
      return entraError(400, 'invalid_request', 900144, 'The Entra emulator supports only the client credentials flow.')
    }
    return json(404, { error: 'not_found', error_description: `No such endpoint: ${req.url.pathname}` })
  }

  const tokens: TokenService = {
    async verifyBearer(authorization, audiences): Promise<BearerCheck> {
      const jwt = bearerToken(authorization)
      if (!jwt) return { ok: false, reason: authorization ? 'malformed Authorization header' : 'missing bearer token' }
      try {
        const { payload } = await jwtVerify(jwt, keys.publicKey, { algorithms: ['RS256'], issuer: stsIssuer })
        const aud = String(payload.aud)
        if (!audiences.includes(aud)) return { ok: false, reason: `token audience ${aud} is not accepted` }
        const claims: AccessTokenClaims = {
          aud,
          iss: String(payload.iss),
          tid: String(payload.tid),
          appid: String(payload.appid),
          azp: String(payload.azp),
          oid: String(payload.oid),
          sub: String(payload.sub),
          roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
          exp: Number(payload.exp),
          iat: Number(payload.iat)
        }
        return { ok: true, claims }
      } catch (e) {
        if (e instanceof errors.JWTExpired) return { ok: false, reason: 'token expired' }
        if (e instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: `invalid token: ${e.message}` }
        return { ok: false, reason: 'invalid token signature or format' }
      }
    }
  }

  return {
    handler,
    state,
    tokens,
    servicePrincipalId,
    async issueAccessToken(appId, resource) {
      const app = findApp(appId)
      if (!app) throw new Error(`entra emulator: unknown application ${appId}`)
      return mint(app, normalizeResource(resource), '1')
    }
  }
}
