// Turns checked files into the typed configuration: defaults applied per group, hosts as origins, positions kept.
// It is lenient (anything malformed is skipped or defaulted), so the result is only to be acted on when loading
// reported no errors.
import { locate, type ParsedFile, type Target } from './source.js'
import { rateLimitsOf } from './rate-limits.js'
import { formatPath, type PathSegment } from './text.js'
import type {
  Account,
  AccountGroupAssignment,
  AccountPrincipal,
  AccountServicePrincipalAssignment,
  DenyEntry,
  DenyKind,
  Defaults,
  Entitlement,
  GroupMapping,
  LoadedConfig,
  Nested,
  Provisioning,
  Removal,
  SourcePosition,
  Workspace,
  WorkspaceAuth,
  WorkspacePermission
} from './types.js'
import {
  configMaxDeletions,
  configWorkspaceId,
  DEFAULT_ACCOUNT_HOST,
  hasUnsupportedVersion,
  normalizeOrigin,
  workspaceIdFromHost
} from './validate.js'

export const REMOVALS: readonly Removal[] = ['remove-membership', 'deactivate', 'delete', 'keep']
export const NESTED: readonly Nested[] = ['flatten', 'direct']
export const WORKSPACE_PERMISSIONS: readonly WorkspacePermission[] = ['USER', 'ADMIN']
export const ENTITLEMENTS: readonly Entitlement[] = [
  'workspace-access',
  'databricks-sql-access',
  'allow-cluster-create',
  'allow-instance-pool-create'
]

/** The built-in defaults, used where a file's `defaults` says nothing. */
export const BUILTIN_DEFAULTS: Readonly<Defaults> = Object.freeze<Defaults>({
  removal: 'remove-membership',
  nested: 'flatten',
  maxDeletions: { kind: 'percent', value: 10 },
  entitlements: ['workspace-access']
})

type Mapping = Record<string, unknown>

/** Where an item is, with its key path for messages that point at it. */
function where(parsed: ParsedFile, path: PathSegment[], target: Target = 'value'): SourcePosition {
  return { ...locate(parsed, path, target), key: formatPath(path) }
}
const isRecord = (value: unknown): value is Mapping =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback
}

function entitlements(value: unknown, fallback: Entitlement[]): Entitlement[] {
  if (!Array.isArray(value)) return [...fallback]
  const known = value.filter((e): e is Entitlement => (ENTITLEMENTS as readonly unknown[]).includes(e))
  return [...new Set(known)]
}

function fileDefaults(data: Mapping): Defaults {
  const d = isRecord(data.defaults) ? data.defaults : {}
  return {
    removal: oneOf(d.removal, REMOVALS, BUILTIN_DEFAULTS.removal),
    nested: oneOf(d.nested, NESTED, BUILTIN_DEFAULTS.nested),
    maxDeletions: configMaxDeletions(d['max-deletions']) ?? { ...BUILTIN_DEFAULTS.maxDeletions },
    entitlements: entitlements(d.entitlements, BUILTIN_DEFAULTS.entitlements)
  }
}

/**
 * A workspace group, or (`account`) an account group: the same, except that entitlements do not apply in the account
 * (they are per workspace) and an account group is always made (no members-only).
 */
function group(
  parsed: ParsedFile,
  value: unknown,
  path: PathSegment[],
  defaults: Defaults,
  scope: 'workspace' | 'account' = 'workspace'
): GroupMapping | undefined {
  const at = where(parsed, path)
  const account = scope === 'account'
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined
    return {
      entra: value.trim(),
      databricks: value.trim(),
      entitlements: account ? [] : [...defaults.entitlements],
      membersOnly: false,
      removal: defaults.removal,
      nested: defaults.nested,
      at
    }
  }
  if (!isRecord(value) || typeof value.entra !== 'string' || value.entra.trim() === '') return undefined
  const entra = value.entra.trim()
  const databricks = typeof value.databricks === 'string' && value.databricks.trim() ? value.databricks.trim() : entra
  return {
    entra,
    databricks,
    entitlements: account ? [] : entitlements(value.entitlements, defaults.entitlements),
    membersOnly: !account && value['members-only'] === true,
    removal: oneOf(value.removal, REMOVALS, defaults.removal),
    nested: oneOf(value.nested, NESTED, defaults.nested),
    at
  }
}

function workspace(parsed: ParsedFile, value: unknown, index: number, defaults: Defaults): Workspace | undefined {
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.host !== 'string') return undefined
  const path = ['workspaces', index]
  const name = value.name.trim()
  const groups = (Array.isArray(value.groups) ? value.groups : [])
    .map((g, i) => group(parsed, g, [...path, 'groups', i], defaults))
    .filter((g): g is GroupMapping => g !== undefined)
  const host = normalizeOrigin(value.host) ?? value.host.trim().replace(/\/+$/, '')
  const result: Workspace = {
    name,
    host,
    auth: oneOf<WorkspaceAuth>(value.auth, ['entra', 'pat'], 'entra'),
    groups,
    maxDeletions: configMaxDeletions(value['max-deletions']) ?? { ...defaults.maxDeletions },
    accountGroups: (Array.isArray(value['account-groups']) ? value['account-groups'] : [])
      .map((a, i) => assignment(parsed, a, [...path, 'account-groups', i]))
      .filter((a): a is AccountGroupAssignment => a !== undefined),
    file: parsed.file,
    at: where(parsed, path)
  }
  const servicePrincipals = (
    Array.isArray(value['account-service-principals']) ? value['account-service-principals'] : []
  )
    .map((a, i) => servicePrincipalAssignment(parsed, a, [...path, 'account-service-principals', i]))
    .filter((a): a is AccountServicePrincipalAssignment => a !== undefined)
  if (servicePrincipals.length > 0) result.accountServicePrincipals = servicePrincipals
  const rateLimits = rateLimitsOf(value['rate-limits'])
  if (rateLimits) result.rateLimits = rateLimits
  const workspaceId =
    'workspace-id' in value
      ? configWorkspaceId(parsed, [...path, 'workspace-id'], value['workspace-id'])
      : workspaceIdFromHost(host)
  if (workspaceId !== undefined) result.workspaceId = workspaceId
  if (typeof value['token-secret'] === 'string') result.tokenSecret = value['token-secret'].trim()
  if (typeof value['azure-resource-id'] === 'string') result.azureResourceId = value['azure-resource-id'].trim()
  if (isRecord(value.provisioning) || value.provisioning === null) {
    const p: Mapping = isRecord(value.provisioning) ? value.provisioning : {}
    const provisioning: Provisioning = {
      appName:
        typeof p['app-name'] === 'string' && p['app-name'].trim()
          ? p['app-name'].trim()
          : `Azure Databricks SCIM - ${name}`,
      at: where(parsed, [...path, 'provisioning'], 'key')
    }
    if (typeof p['notification-email'] === 'string') provisioning.notificationEmail = p['notification-email'].trim()
    result.provisioning = provisioning
  }
  return result
}

/** An account-groups entry: a name (USER) or `{ group, permission }`. */
function assignment(parsed: ParsedFile, value: unknown, path: PathSegment[]): AccountGroupAssignment | undefined {
  if (typeof value === 'string') {
    return value.trim() === '' ? undefined : { group: value.trim(), permission: 'USER', at: where(parsed, path) }
  }
  if (!isRecord(value) || typeof value.group !== 'string' || value.group.trim() === '') return undefined
  return {
    group: value.group.trim(),
    permission: oneOf(value.permission, WORKSPACE_PERMISSIONS, 'USER'),
    ...(Array.isArray(value.entitlements) ? { entitlements: entitlements(value.entitlements, []) } : {}),
    at: where(parsed, path)
  }
}

/** An account-service-principals entry: a reference (USER) or `{ service-principal, permission, entitlements }`. */
function servicePrincipalAssignment(
  parsed: ParsedFile,
  value: unknown,
  path: PathSegment[]
): AccountServicePrincipalAssignment | undefined {
  if (typeof value === 'string') {
    return value.trim() === ''
      ? undefined
      : { servicePrincipal: value.trim(), permission: 'USER', at: where(parsed, path) }
  }
  const ref = isRecord(value) ? value['service-principal'] : undefined
  if (!isRecord(value) || typeof ref !== 'string' || ref.trim() === '') return undefined
  return {
    servicePrincipal: ref.trim(),
    permission: oneOf(value.permission, WORKSPACE_PERMISSIONS, 'USER'),
    ...(Array.isArray(value.entitlements) ? { entitlements: entitlements(value.entitlements, []) } : {}),
    at: where(parsed, path)
  }
}

/** An account.service-principals or account.users entry: a reference, or `{ entra, removal }`. */
function accountPrincipals(parsed: ParsedFile, value: unknown, key: string, defaults: Defaults): AccountPrincipal[] {
  return (Array.isArray(value) ? value : []).flatMap((entry, i): AccountPrincipal[] => {
    const at = where(parsed, ['account', key, i])
    if (typeof entry === 'string') return entry.trim() ? [{ entra: entry.trim(), removal: defaults.removal, at }] : []
    if (!isRecord(entry) || typeof entry.entra !== 'string' || entry.entra.trim() === '') return []
    return [{ entra: entry.entra.trim(), removal: oneOf(entry.removal, REMOVALS, defaults.removal), at }]
  })
}

const DENY_KEYS: ReadonlyArray<readonly [string, DenyKind]> = [
  ['group', 'group'],
  ['user', 'user'],
  ['service-principal', 'servicePrincipal']
]

/** account.deny entries with exactly one principal key (validation reports the others). */
function denyEntries(parsed: ParsedFile, value: unknown): DenyEntry[] {
  return (Array.isArray(value) ? value : []).flatMap((entry, i): DenyEntry[] => {
    if (!isRecord(entry)) return []
    const keys = DENY_KEYS.filter(([k]) => typeof entry[k] === 'string' && (entry[k] as string).trim() !== '')
    const [only] = keys
    if (keys.length !== 1 || !only) return []
    const [key, kind] = only
    return [
      {
        kind,
        entra: (entry[key] as string).trim(),
        remove: entry.remove === true,
        at: where(parsed, ['account', 'deny', i])
      }
    ]
  })
}

function accountGroups(parsed: ParsedFile, value: Mapping, defaults: Defaults): GroupMapping[] {
  return (Array.isArray(value.groups) ? value.groups : [])
    .map((g, i) => group(parsed, g, ['account', 'groups', i], defaults, 'account'))
    .filter((g): g is GroupMapping => g !== undefined)
}

function account(parsed: ParsedFile, value: unknown, defaults: Defaults): Account | undefined {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined
  const host =
    typeof value.host === 'string' ? (normalizeOrigin(value.host) ?? value.host.trim()) : DEFAULT_ACCOUNT_HOST
  const result: Account = {
    id: value.id.trim().toLowerCase(),
    host,
    groups: accountGroups(parsed, value, defaults),
    maxDeletions: configMaxDeletions(value['max-deletions']) ?? { ...defaults.maxDeletions },
    file: parsed.file,
    at: where(parsed, ['account'], 'key')
  }
  if (value.identity === 'aim') result.identity = 'aim'
  const rateLimits = rateLimitsOf(value['rate-limits'])
  if (rateLimits) result.rateLimits = rateLimits
  const servicePrincipals = accountPrincipals(parsed, value['service-principals'], 'service-principals', defaults)
  if (servicePrincipals.length > 0) result.servicePrincipals = servicePrincipals
  const users = accountPrincipals(parsed, value.users, 'users', defaults)
  if (users.length > 0) result.users = users
  const deny = denyEntries(parsed, value.deny)
  if (deny.length > 0) result.deny = deny
  return result
}

/** Another file's block of the same account: its lists join the first one's. */
function mergeAccount(into: Account, other: Account): void {
  into.groups.push(...other.groups)
  if (other.identity) into.identity ??= other.identity
  if (other.rateLimits) into.rateLimits ??= other.rateLimits
  for (const key of ['servicePrincipals', 'users', 'deny'] as const) {
    const more = other[key]
    if (more) (into[key] as unknown[] | undefined) = [...(into[key] ?? []), ...more]
  }
}

/** The typed configuration of the files, in their order. Files that could not be parsed contribute nothing. */
export function normalizeFiles(files: readonly ParsedFile[]): LoadedConfig {
  const config: LoadedConfig = { files: files.map((f) => f.file), workspaces: [] }
  /** Whether the account's max-deletions was set in its block (rather than taken from the file's defaults). */
  let maxFromFile = false
  for (const parsed of files) {
    const data = parsed.data
    if (!data || hasUnsupportedVersion(parsed)) continue
    const defaults = fileDefaults(data)
    const workspaces = Array.isArray(data.workspaces) ? data.workspaces : []
    for (const [i, w] of workspaces.entries()) {
      const normalized = workspace(parsed, w, i, defaults)
      if (normalized) config.workspaces.push(normalized)
    }
    const a = account(parsed, data.account, defaults)
    if (!a) continue
    if (!config.account) {
      config.account = a
      maxFromFile = isRecord(data.account) && configMaxDeletions(data.account['max-deletions']) !== undefined
    } else if (a.id === config.account.id) {
      // The same account in another file: its groups join (with that file's defaults), and an explicit
      // max-deletions counts when the first file had none (validation reports two that differ).
      mergeAccount(config.account, a)
      if (!maxFromFile && isRecord(data.account) && configMaxDeletions(data.account['max-deletions']) !== undefined) {
        config.account.maxDeletions = a.maxDeletions
        maxFromFile = true
      }
    }
  }
  return config
}
