// Turns checked files into the typed configuration: defaults applied per group, hosts as origins, positions kept.
// It is lenient (anything malformed is skipped or defaulted), so the result is only to be acted on when loading
// reported no errors.
import { locate, type ParsedFile, type Target } from './source.js'
import { formatPath, type PathSegment } from './text.js'
import type {
  Account,
  Defaults,
  Entitlement,
  GroupMapping,
  LoadedConfig,
  Nested,
  Provisioning,
  Removal,
  SourcePosition,
  Workspace,
  WorkspaceAuth
} from './types.js'
import { configMaxDeletions, DEFAULT_ACCOUNT_HOST, hasUnsupportedVersion, normalizeOrigin } from './validate.js'

export const REMOVALS: readonly Removal[] = ['remove-membership', 'deactivate', 'delete', 'keep']
export const NESTED: readonly Nested[] = ['flatten', 'direct']
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

function group(parsed: ParsedFile, value: unknown, path: PathSegment[], defaults: Defaults): GroupMapping | undefined {
  const at = where(parsed, path)
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined
    return {
      entra: value.trim(),
      databricks: value.trim(),
      entitlements: [...defaults.entitlements],
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
    entitlements: entitlements(value.entitlements, defaults.entitlements),
    membersOnly: value['members-only'] === true,
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
  const result: Workspace = {
    name,
    host: normalizeOrigin(value.host) ?? value.host.trim().replace(/\/+$/, ''),
    auth: oneOf<WorkspaceAuth>(value.auth, ['entra', 'pat'], 'entra'),
    groups,
    maxDeletions: configMaxDeletions(value['max-deletions']) ?? { ...defaults.maxDeletions },
    file: parsed.file,
    at: where(parsed, path)
  }
  if (typeof value['token-secret'] === 'string') result.tokenSecret = value['token-secret'].trim()
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

function account(parsed: ParsedFile, value: unknown): Account | undefined {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined
  const host =
    typeof value.host === 'string' ? (normalizeOrigin(value.host) ?? value.host.trim()) : DEFAULT_ACCOUNT_HOST
  return { id: value.id.trim().toLowerCase(), host, at: where(parsed, ['account'], 'key') }
}

/** The typed configuration of the files, in their order. Files that could not be parsed contribute nothing. */
export function normalizeFiles(files: readonly ParsedFile[]): LoadedConfig {
  const config: LoadedConfig = { files: files.map((f) => f.file), workspaces: [] }
  for (const parsed of files) {
    const data = parsed.data
    if (!data || hasUnsupportedVersion(parsed)) continue
    const defaults = fileDefaults(data)
    const workspaces = Array.isArray(data.workspaces) ? data.workspaces : []
    for (const [i, w] of workspaces.entries()) {
      const normalized = workspace(parsed, w, i, defaults)
      if (normalized) config.workspaces.push(normalized)
    }
    if (!config.account) {
      const a = account(parsed, data.account)
      if (a) config.account = a
    }
  }
  return config
}
