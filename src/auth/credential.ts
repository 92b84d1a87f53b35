// Entra ID sign-in: GitHub OIDC federated credential (preferred) or a client secret (fallback).
import {
  ClientAssertionCredential,
  ClientSecretCredential,
  type AccessToken,
  type GetTokenOptions,
  type TokenCredential
} from '@azure/identity'
import { ActionError } from '../errors.js'
import { publicClaims, type PublicClaims } from './claims.js'
import type { CloudName } from './clouds.js'
import { untrustedCertificateFix } from '../net.js'
import { IMDS, managedIdentityCredential } from './managed-identity.js'
import { noOidcToken } from './github-oidc.js'
import { RequestGuard, type GuardedService } from './request-guard.js'
import { SharedTokenCredential, singleFlight } from './token-cache.js'

/** An app registration: a GitHub OIDC federated credential, or a client secret. */
export interface ServicePrincipalSignIn {
  kind?: 'service-principal'
  /** The cloud input's cloud (default AzureCloud): hosts the config does not tie to a cloud are taken to be in it. */
  cloud?: CloudName
  tenantId: string
  clientId: string
  clientSecret?: string
  audience: string
  authorityHost: string
}

/** The managed identity of the runner's Azure VM: the user-assigned one of clientId, else the system-assigned one. */
export interface ManagedIdentitySignIn {
  kind: 'managed-identity'
  cloud?: CloudName
  tenantId: string
  clientId?: string
  authorityHost: string
}

export type SignInSettings = ServicePrincipalSignIn | ManagedIdentitySignIn

/** Who the action signs in as, in messages. */
export function signInIdentity(settings: SignInSettings): string {
  if (settings.kind !== 'managed-identity') return `app ${settings.clientId}`
  return settings.clientId ? `managed identity ${settings.clientId}` : "the runner's system-assigned managed identity"
}

/** Fetches a GitHub OIDC token for an audience (github-oidc.ts in the action). */
export type OidcTokenSource = (audience: string) => Promise<string>

/** Masks a secret in the job log (core.setSecret in the action). */
export type SecretMasker = (secret: string) => void

/** An assertion is reused only while it has more than this left before it expires. */
const ASSERTION_REUSE_MARGIN_MS = 2 * 60 * 1000

const PUBLIC_AUTHORITIES = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn'
])

/** Entra ID at the authority host, as the request guard names it. */
export function entraService(authorityHost: string): GuardedService {
  return {
    name: `Entra ID (${new URL(authorityHost).origin})`,
    redirectFix:
      "Check the authority-host input (https://login.microsoftonline.com, or your national cloud's) and that no " +
      'proxy between the runner and Entra ID rewrites its answers.'
  }
}

/**
 * The credential every Entra token request goes through. With OIDC, a token request presents a GitHub
 * assertion with minutes of validity left, fetching a fresh one when needed, so runs longer than an
 * assertion's lifetime never fail with AADSTS700024. Its requests (metadata and tokens) go through `guard`: no
 * redirect followed, a timeout per attempt, retries within the guard's budget, the run's cancellation.
 */
export function createCredential(
  settings: SignInSettings,
  oidcToken: OidcTokenSource,
  mask: SecretMasker,
  guard: RequestGuard = new RequestGuard(),
  imdsGuard: RequestGuard = guard
): TokenCredential {
  if (settings.kind === 'managed-identity') {
    const { credential, explain } = managedIdentityCredential(settings, imdsGuard)
    return new SharedTokenCredential(
      new ExplainingCredential(credential, explain, mask, { guard: imdsGuard, service: IMDS })
    )
  }
  const sp = settings
  const host = new URL(settings.authorityHost).hostname
  const entra = entraService(settings.authorityHost)
  const options = {
    authorityHost: settings.authorityHost,
    // Instance discovery only knows Microsoft's clouds; a private authority (or the emulator) must skip it.
    disableInstanceDiscovery: !PUBLIC_AUTHORITIES.has(host),
    ...guard.sdkOptions(entra)
  }
  const explain = (inner: TokenCredential, claims: () => PublicClaims | undefined): TokenCredential =>
    new SharedTokenCredential(
      new ExplainingCredential(inner, (error, scopes) => explainSignInError(error, sp, claims(), scopes), mask, {
        guard,
        service: entra
      })
    )
  if (sp.clientSecret) {
    mask(sp.clientSecret)
    return explain(new ClientSecretCredential(sp.tenantId, sp.clientId, sp.clientSecret, options), () => undefined)
  }
  let lastClaims: PublicClaims | undefined
  let current: { token: string; expiresAt: number } | undefined
  const fetchAssertion = singleFlight(async (): Promise<string> => {
    let token: string
    try {
      token = await oidcToken(sp.audience)
    } catch (error) {
      throw oidcUnavailable(error)
    }
    mask(token)
    lastClaims = publicClaims(token)
    current = { token, expiresAt: (lastClaims.exp ?? 0) * 1000 }
    return token
  })
  const getAssertion = async (): Promise<string> => {
    // MSAL asks for an assertion on every getToken, even when it answers from its cache: reuse one while
    // it stays valid for a while, and ask GitHub for a fresh one before it could expire mid-request.
    if (current && current.expiresAt - Date.now() > ASSERTION_REUSE_MARGIN_MS) return current.token
    return fetchAssertion()
  }
  return explain(new ClientAssertionCredential(sp.tenantId, sp.clientId, getAssertion, options), () => lastClaims)
}

/** Wraps a credential so its failures read as what to fix, with the token's public claims where they matter. */
class ExplainingCredential implements TokenCredential {
  constructor(
    private readonly inner: TokenCredential,
    private readonly explain: (error: unknown, scopes: string | string[]) => Error,
    private readonly mask: SecretMasker,
    private readonly requests: { guard: RequestGuard; service: GuardedService }
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    let token: AccessToken | null
    const mark = this.requests.guard.mark()
    try {
      token = await this.inner.getToken(scopes, options)
    } catch (error) {
      // MSAL wraps a failure of its network client in an error of its own: the guard kept what happened.
      const guarded = this.requests.guard.failureSince(mark, this.requests.service)
      throw this.explain(guarded ?? error, scopes)
    }
    if (!token) throw new ActionError(`Entra ID returned no token for ${String(scopes)}.`)
    this.mask(token.token)
    return token
  }
}

function oidcUnavailable(error: unknown): ActionError {
  if (error instanceof ActionError) return error
  const message = error instanceof Error ? error.message : String(error)
  if (message.includes('ACTIONS_ID_TOKEN_REQUEST_URL') || message.includes('ACTIONS_ID_TOKEN_REQUEST_TOKEN')) {
    return noOidcToken()
  }
  // @actions/core puts the cause after "Error Message:" on a later line; fetch puts it in `cause`.
  const inner = (error as { cause?: unknown }).cause
  const cause =
    /Error Message:\s*(.+)/.exec(message)?.[1]?.trim() ??
    (inner instanceof Error ? inner.message : undefined) ??
    firstLine(message)
  const tls = untrustedCertificateFix(error)
  if (tls) {
    return new ActionError(
      `Could not get an OIDC token from GitHub: the TLS certificate of the token service is not trusted (${cause}).`,
      tls
    )
  }
  return new ActionError(`Could not get an OIDC token from GitHub: ${cause}`)
}

export function explainSignInError(
  error: unknown,
  settings: ServicePrincipalSignIn,
  claims: PublicClaims | undefined,
  scopes: string | string[]
): Error {
  if (error instanceof ActionError) return error
  const message = error instanceof Error ? error.message : String(error)
  const inner = error instanceof Error && error.cause instanceof ActionError ? error.cause : undefined
  if (inner) return inner
  if (message.includes('id-token: write')) {
    return new ActionError(
      'GitHub did not give this job an OIDC token, so it cannot sign in to Entra ID without a secret.',
      'Add `permissions: id-token: write` to the workflow or job.'
    )
  }
  const code = /AADSTS(\d+)/.exec(message)?.[1]
  const app = `app ${settings.clientId} in tenant ${settings.tenantId}`
  const seen = claims
    ? ` The GitHub token presented: issuer "${claims.iss ?? '?'}", subject "${claims.sub ?? '?'}", audience "${claims.aud ?? '?'}".`
    : ''
  switch (code) {
    case '70021':
      return new ActionError(
        `Entra ID found no federated credential on ${app} that matches this workflow (AADSTS70021).${seen}`,
        `In the Entra admin center, open the app registration > Certificates & secrets > Federated credentials and add one with issuer "${claims?.iss ?? 'https://token.actions.githubusercontent.com'}", subject "${claims?.sub ?? 'repo:<owner>/<repo>:ref:refs/heads/<branch>'}" and audience "${settings.audience}".`
      )
    case '700024':
      return new ActionError(
        `Entra ID rejected the GitHub OIDC token as outside its valid time range (AADSTS700024).${seen}`,
        'Check the runner clock; the action asks GitHub for a fresh token on every sign-in.'
      )
    case '700016':
      return new ActionError(
        `Entra ID has no application ${settings.clientId} in tenant ${settings.tenantId} (AADSTS700016).`,
        'Check client-id and tenant-id: the app registration (or managed identity) must live in that tenant.'
      )
    case '7000215':
    case '7000222':
      return new ActionError(
        `Entra ID rejected the client secret of ${app} (AADSTS${code}).`,
        'The secret is wrong or expired. Prefer a federated credential (no secret); otherwise create a new secret and update the repository secret.'
      )
    case '90002':
      return new ActionError(
        `Entra ID has no tenant ${settings.tenantId} at ${settings.authorityHost} (AADSTS90002).`,
        'Check tenant-id, and authority-host for sovereign clouds.'
      )
    case '500011':
      return new ActionError(
        `Entra ID does not know the resource asked for (${String(scopes)}) in tenant ${settings.tenantId} (AADSTS500011).`,
        'For Azure Databricks, the tenant needs the AzureDatabricks first-party app; check authority-host and graph-endpoint for your cloud.'
      )
  }
  if (code) {
    return new ActionError(`Sign-in to Entra ID as ${app} failed: ${firstLine(stripTrace(message))}`)
  }
  const tls = untrustedCertificateFix(error)
  return new ActionError(
    `Sign-in to Entra ID as ${app} at ${settings.authorityHost} failed: ${firstLine(message)}`,
    tls ??
      'Check authority-host, and that the runner can reach it (behind a TLS-inspecting proxy, give Node its CA certificate with NODE_EXTRA_CA_CERTS).'
  )
}

function stripTrace(message: string): string {
  return message.replace(/\s*Trace ID:.*$/s, '')
}

function firstLine(message: string): string {
  return (message.split('\n').find((l) => l.trim()) ?? message).trim()
}
