// The workspace credentials the connector app should have, and the marker tag that says on the app which ones it
// has: Graph never returns a saved token, so the tag (a fingerprint, never of the token) is how a re-run knows
// whether to save again — not at all, because the Key Vault version changed, or because the settings changed.
import { createHash } from 'node:crypto'
import type { Credential, CredentialsReason } from './types.js'

/**
 * The service principal tag that records which credentials were saved, since Graph never returns the token:
 * `<prefix><settings>:<saved>`, two 16-hex sha256 prefixes — of the settings (base address, SyncAll,
 * notifications), and of the settings plus the Key Vault secret id and version. Never of the token.
 */
export const CREDENTIALS_TAG_PREFIX = 'entra-databricks-sync:credentials:'

/** The connector's SCIM endpoint of a workspace. */
export function scimBaseAddress(host: string): string {
  return `${host.replace(/\/+$/, '')}/api/2.0/preview/scim`
}

/** The credentials the connector should have: only assigned groups are provisioned (SyncAll false). */
export function desiredCredentials(host: string, notificationEmail: string | undefined, token: string): Credential[] {
  const notifications = {
    Enabled: Boolean(notificationEmail),
    Recipients: notificationEmail ?? '',
    DeleteThresholdEnabled: false
  }
  return [
    { key: 'BaseAddress', value: scimBaseAddress(host) },
    { key: 'SecretToken', value: token },
    { key: 'SyncAll', value: 'false' },
    { key: 'SyncNotificationSettings', value: JSON.stringify(notifications) }
  ]
}

/** The credentials validateCredentials tries: the address and the token. */
export function loginCredentials(credentials: Credential[]): Credential[] {
  return credentials.filter((c) => c.key === 'BaseAddress' || c.key === 'SecretToken')
}

/** The marker tag for these credentials, read from Key Vault secret `secretId` at `version`. */
export function credentialsTag(credentials: Credential[], secretId: string, version: string): string {
  const settings = credentials
    .filter((c) => c.key !== 'SecretToken')
    .map((c) => `${c.key}=${c.value}`)
    .join('|')
  return `${CREDENTIALS_TAG_PREFIX}${hash16(settings)}:${hash16(`${settings}|${secretId}|${version}`)}`
}

/** What the tags on the app say about the credentials it has, compared with `tag`. */
export function credentialsState(tags: string[], tag: string): 'unchanged' | CredentialsReason {
  const current = tags.find((t) => t.startsWith(CREDENTIALS_TAG_PREFIX))
  if (!current) return 'new'
  if (current === tag) return 'unchanged'
  const settingsOf = (t: string) => t.slice(CREDENTIALS_TAG_PREFIX.length).split(':')[0]
  return settingsOf(current) === settingsOf(tag) ? 'token-rotated' : 'settings-changed'
}

/** The app's tags with `tag` in place of any earlier marker, its other tags kept in order. */
export function withCredentialsTag(tags: string[], tag: string): string[] {
  return [...tags.filter((t) => !t.startsWith(CREDENTIALS_TAG_PREFIX)), tag]
}

function hash16(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}
