// Sign-in as the managed identity of a self-hosted runner on an Azure VM (Azure/login's auth-type: IDENTITY), with
// @azure/identity's ManagedIdentityCredential. On a VM its tokens come from the Instance Metadata Service (IMDS,
// http://169.254.169.254/metadata/identity/oauth2/token; MSAL's Imds source, which AZURE_POD_IDENTITY_AUTHORITY_HOST
// points elsewhere). Its requests go through a guard of their own (no redirect, a short timeout per attempt, the run's
// cancellation) that makes one attempt: retries are the SDK's, as it does them for IMDS (404 and 410 while IMDS
// updates, 429 and 5xx, a refused connection), so a runner without IMDS fails in seconds with the fix.
import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity'
import { ActionError } from '../errors.js'
import type { ManagedIdentitySignIn } from './credential.js'
import { GuardedRequestError, type GuardedService, type RequestGuard } from './request-guard.js'

export const IMDS: GuardedService = {
  name: 'the Azure Instance Metadata Service (managed identity)',
  redirectFix:
    'IMDS never redirects: check that no proxy on the runner intercepts 169.254.169.254 (add it to NO_PROXY) and that ' +
    'AZURE_POD_IDENTITY_AUTHORITY_HOST is not set by a step of the workflow.'
}

/** Per attempt: IMDS is on the VM's own link, so an answer that takes longer will not come. */
export const IMDS_TIMEOUT_MS = 10_000
/** Attempts per token request, the SDK's retries included. */
export const IMDS_ATTEMPTS = 3

const GITHUB_HOSTED =
  'auth-type: IDENTITY works on a self-hosted runner on an Azure VM or scale set that has a managed identity; on ' +
  'GitHub-hosted runners use auth-type: SERVICE_PRINCIPAL with a federated credential (client-id).'

export function managedIdentityCredential(
  settings: ManagedIdentitySignIn,
  guard: RequestGuard
): { credential: TokenCredential; explain: (error: unknown) => Error } {
  const credential = new ManagedIdentityCredential({
    ...(settings.clientId ? { clientId: settings.clientId } : {}),
    ...guard.sdkOptions(IMDS),
    retryOptions: { maxRetries: IMDS_ATTEMPTS - 1 }
  })
  return { credential, explain: (error) => explainManagedIdentityError(error, settings) }
}

/** A failure of the managed identity's sign-in, as what to fix. */
export function explainManagedIdentityError(error: unknown, settings: ManagedIdentitySignIn): Error {
  if (error instanceof ActionError) {
    // The guard's own failures: nothing answered at the IMDS address, or it answered with a redirect.
    if (error instanceof GuardedRequestError && error.kind === 'timeout') {
      return new ActionError(`No managed identity on this runner: ${error.message}`, GITHUB_HOSTED)
    }
    return error
  }
  const message = error instanceof Error ? error.message : String(error)
  const who = settings.clientId
    ? `the user-assigned managed identity ${settings.clientId}`
    : 'a system-assigned managed identity'
  if (/identity not found/i.test(message)) {
    return new ActionError(
      `The Instance Metadata Service of this runner's VM has no ${who.replace(/^an? |^the /, '')} (Identity not found).`,
      settings.clientId
        ? 'Assign that identity to the VM (az vm identity assign -g <group> -n <vm> --identities <identity resource id>), or set client-id to the client id of one it has.'
        : 'Turn on the VM’s system-assigned identity (az vm identity assign -g <group> -n <vm>), or set client-id to the client id of a user-assigned identity the VM has.'
    )
  }
  if (/network unreachable|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT/i.test(message)) {
    return new ActionError(
      `No managed identity on this runner: the Instance Metadata Service did not answer.`,
      GITHUB_HOSTED
    )
  }
  const detail = (message.split('\n').find((l) => l.trim()) ?? message).replace(/^ManagedIdentityCredential:\s*/, '')
  return new ActionError(
    `Sign-in as ${who} failed: ${detail}`,
    `Check that ${who} exists in tenant ${settings.tenantId} and is assigned to the runner's VM.`
  )
}
