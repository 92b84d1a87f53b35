// The port an identity source offers accounts with automatic identity management (Entra ID today): principals by
// config reference and by object id, without their members.
import type { SourceEntry } from '../core/aim.js'
import type { AimKind } from '../core/model.js'

export interface PrincipalDirectory {
  /**
   * Exactly one principal of `kind` for a config reference (group: display name or object id; service principal:
   * display name, application id or object id; user: user principal name or object id). Throws, naming the reference
   * and the fix, when there is none or several.
   */
  find(kind: AimKind, ref: string): Promise<SourceEntry>
  /** Objects by object id (lower-cased keys); ids of no user, service principal or group are absent. */
  byIds(ids: readonly string[]): Promise<Map<string, SourceEntry>>
  /**
   * Objects by key, keyed `${kind}:${lower-cased key}`: users by user principal name, service principals by
   * application id, groups by display name (several when names repeat); keys of nothing are absent.
   */
  byKeys(keys: readonly { kind: AimKind; key: string }[]): Promise<Map<string, SourceEntry[]>>
}
