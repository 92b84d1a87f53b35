// Reads Databricks PATs from Key Vault secrets with the action's Entra credential.
import type { TokenCredential } from '@azure/identity'
import { parseKeyVaultSecretIdentifier, SecretClient } from '@azure/keyvault-secrets'
import { ActionError } from '../errors.js'
import { isLoopbackHost, untrustedCertificateFix } from '../net.js'
import type { SecretMasker } from './credential.js'
import { RequestGuard, type GuardedService } from './request-guard.js'

export interface SecretValue {
  value: string
  /** Version id of the secret read; lets later runs notice a rotation. */
  version: string
}

/** The one thing the action needs from Key Vault. */
export interface SecretReader {
  read(secretId: string): Promise<SecretValue>
}

export class KeyVaultSecretReader implements SecretReader {
  private readonly clients = new Map<string, SecretClient>()
  private readonly cache = new Map<string, Promise<SecretValue>>()

  constructor(
    private readonly credential: TokenCredential,
    private readonly mask: SecretMasker,
    private readonly identity: string,
    /** Every request to a vault goes through it: no redirect, a timeout, retries in its budget, cancellation. */
    private readonly guard: RequestGuard = new RequestGuard()
  ) {}

  read(secretId: string): Promise<SecretValue> {
    let pending = this.cache.get(secretId)
    if (!pending) {
      // Kept whether it succeeds or fails: the guard already retried what a retry can fix, and a workspace's
      // requests (paced, so they ask one after another) must not each read the vault again after a refusal.
      pending = this.fetch(secretId)
      pending.catch(() => undefined)
      this.cache.set(secretId, pending)
    }
    return pending
  }

  private async fetch(secretId: string): Promise<SecretValue> {
    const { vaultUrl, name, version } = parseSecretId(secretId)
    let client = this.clients.get(vaultUrl)
    if (!client) {
      client = new SecretClient(vaultUrl, this.credential, {
        // The emulator's challenge names Key Vault's real resource, not the loopback host.
        disableChallengeResourceVerification: isLoopbackHost(new URL(vaultUrl).hostname),
        ...this.guard.sdkOptions(vaultService(vaultUrl))
      })
      this.clients.set(vaultUrl, client)
    }
    let secret
    try {
      secret = await client.getSecret(name, version ? { version } : {})
    } catch (error) {
      throw explainKeyVaultError(error, secretId, this.identity)
    }
    if (!secret.value) {
      throw new ActionError(
        `Key Vault secret ${secretId} has no value.`,
        'Store the Databricks token as the secret value.'
      )
    }
    this.mask(secret.value)
    return { value: secret.value, version: secret.properties.version ?? '' }
  }
}

/** A vault, as the request guard names it. */
function vaultService(vaultUrl: string): GuardedService {
  return {
    name: `Key Vault ${new URL(vaultUrl).host}`,
    redirectFix:
      "Check token-secret in the config: it must be the vault's own address " +
      '(https://<vault>.vault.azure.net/secrets/<name>), and no proxy between the runner and Key Vault may rewrite ' +
      'its answers.'
  }
}

/** parseKeyVaultSecretIdentifier accepts any collection; a key or certificate id must be refused here. */
export function parseSecretId(secretId: string): { vaultUrl: string; name: string; version?: string } {
  let url: URL
  try {
    url = new URL(secretId)
  } catch {
    throw new ActionError(
      `"${secretId}" is not a Key Vault secret id.`,
      'Use https://<vault>.vault.azure.net/secrets/<name>.'
    )
  }
  const collection = url.pathname.split('/')[1]
  if (url.protocol !== 'https:' || collection !== 'secrets') {
    throw new ActionError(
      `"${secretId}" is not a Key Vault secret id${collection && collection !== 'secrets' ? ` (it names a ${collection.replace(/s$/, '')})` : ''}.`,
      'Use https://<vault>.vault.azure.net/secrets/<name>, the secret that holds the Databricks token.'
    )
  }
  const parsed = parseKeyVaultSecretIdentifier(secretId)
  return { vaultUrl: parsed.vaultUrl, name: parsed.name, ...(parsed.version ? { version: parsed.version } : {}) }
}

function explainKeyVaultError(error: unknown, secretId: string, identity: string): Error {
  if (error instanceof ActionError) return error
  const status = (error as { statusCode?: number }).statusCode
  const code = (error as { code?: string }).code
  const vault = new URL(secretId).host
  if (status === 403) {
    return new ActionError(
      `Key Vault ${vault} refused to let ${identity} read secret ${secretId} (403 ${code ?? 'Forbidden'}).`,
      `Grant ${identity} the "Key Vault Secrets User" role on the vault (RBAC), or a "get" secret permission in its access policy.`
    )
  }
  if (status === 404) {
    return new ActionError(
      `Key Vault ${vault} has no secret ${secretId} (404 ${code ?? 'SecretNotFound'}).`,
      'Check token-secret in the config: vault name, secret name and version.'
    )
  }
  if (status === 401) {
    return new ActionError(`Key Vault ${vault} did not accept the Entra token of ${identity} (401).`)
  }
  const message = error instanceof Error ? error.message : String(error)
  const tls = untrustedCertificateFix(error)
  return new ActionError(`Reading Key Vault secret ${secretId} failed: ${message.split('\n')[0]}`, tls)
}
