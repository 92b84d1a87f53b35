// Checks beyond the schema, pure: URLs and ids that must be of a particular kind, settings that need each other,
// and what must be unique across all config files (workspace names and hosts, groups, the account).
import { isLoopbackHost } from '../net.js'
import { isReservedGroup } from '../core/text.js'
import { ACCOUNT_TARGET } from './select.js'
import { isGuid } from '../util/guid.js'
import { azureResourceIdIssue } from './azure-resource-id.js'
import { aimProblems } from './validate-aim.js'
import { formatMaxDeletions, parseMaxDeletions } from './max-deletions.js'
import { rateLimitIssues } from './rate-limits.js'
import { locate, problemAt, scalarSource, type ParsedFile } from './source.js'
import { at, describeValue, formatPath, kindOf, type PathSegment } from './text.js'
import type { ConfigProblem, MaxDeletions, SourcePosition } from './types.js'

export const SUPPORTED_VERSIONS = [1] as const
export const WORKSPACE_DOMAINS = ['azuredatabricks.net', 'databricks.azure.us', 'databricks.azure.cn'] as const
export const ACCOUNT_HOSTS = ['accounts.azuredatabricks.net'] as const
export const DEFAULT_ACCOUNT_HOST = 'https://accounts.azuredatabricks.net'
export const KEY_VAULT_DOMAINS = [
  'vault.azure.net',
  'vault.azure.cn',
  'vault.usgovcloudapi.net',
  'vault.microsoftazure.de'
] as const

const WORKSPACE_EXAMPLE = 'https://adb-<id>.<n>.azuredatabricks.net'
const SECRET_EXAMPLE = 'https://<vault>.vault.azure.net/secrets/<name>'
const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/
const SECRET_VERSION = /^[0-9A-Za-z]{1,64}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const DIGITS = /^[0-9]+$/
/** adb-<workspace id>.<n>.<domain>: per-workspace URLs carry the id the account API needs. */
const WORKSPACE_ID_HOST = /^adb-([0-9]+)\.[0-9]+\.(?:azuredatabricks\.net|databricks\.azure\.us|databricks\.azure\.cn)$/

type Mapping = Record<string, unknown>
const isRecord = (value: unknown): value is Mapping =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const onDomain = (hostname: string, domains: readonly string[]): boolean =>
  domains.some((d) => hostname.endsWith(`.${d}`) && hostname.length > d.length + 1)

/** `https://Host:443/` -> `https://host`; undefined when it is not a URL. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    return new URL(value.trim()).origin
  } catch {
    return undefined
  }
}

/**
 * What makes two workspace hosts the same workspace: the origin, with every loopback name (localhost, 127.x, ::1)
 * one machine, so `https://localhost:8443` and `https://127.0.0.1:8443` are one emulator, not two workspaces.
 */
function hostKey(value: string): string | undefined {
  const url = parseUrl(value)
  if (!url) return undefined
  return isLoopbackHost(url.hostname) ? `${url.protocol}//loopback:${url.port || '443'}` : url.origin
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value.trim())
  } catch {
    return undefined
  }
}

const onlyOrigin = (url: URL): boolean =>
  (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password

/**
 * Why a workspace (or, with `account`, the account console) host is not acceptable; undefined when it is.
 * The text follows the value and names the fix.
 */
export function hostIssue(value: unknown, kind: 'workspace' | 'account'): string | undefined {
  const example = kind === 'workspace' ? WORKSPACE_EXAMPLE : DEFAULT_ACCOUNT_HOST
  const what = kind === 'workspace' ? 'the workspace URL' : 'the account console URL'
  if (value === null || value === undefined || value === '') return `the value is empty; set ${what}, e.g. ${example}`
  if (typeof value !== 'string') return `must be ${what} (a string), not ${kindOf(value)}; e.g. ${example}`
  const text = value.trim()
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? parseUrl(text) : undefined
  if (!url) {
    const guess = parseUrl(`https://${text}`)
    return guess && /^[\w.-]+(:\d+)?\/?$/.test(text)
      ? `${describeValue(value)} must be an https URL; write "https://${text.replace(/\/$/, '')}"`
      : `${describeValue(value)} is not a URL; set ${what}, e.g. ${example}`
  }
  const loopback = isLoopbackHost(url.hostname)
  if (url.username || url.password) {
    // The value is not repeated: what comes before the "@" may be a password.
    return `has a user name or password before "@"; the action signs in with tokens, never with credentials in a URL: write "https://${url.host}"`
  }
  if (url.protocol !== 'https:') {
    return kind === 'workspace'
      ? `${describeValue(value)} must be an https URL of a Databricks workspace (${example})`
      : `${describeValue(value)} must be an https URL of the Databricks account console (${example})`
  }
  if (kind === 'workspace' && !loopback) {
    if ((ACCOUNT_HOSTS as readonly string[]).includes(url.hostname)) {
      return `${describeValue(value)} is the account console, not a workspace; set the workspace URL (${example}) here and put the account console under account.host`
    }
    if (!onDomain(url.hostname, WORKSPACE_DOMAINS)) {
      return `${describeValue(value)} is not an Azure Databricks workspace URL; the host must end in .azuredatabricks.net, .databricks.azure.us or .databricks.azure.cn (a loopback address is allowed for local testing)`
    }
  }
  if (kind === 'account' && !loopback && !(ACCOUNT_HOSTS as readonly string[]).includes(url.hostname)) {
    return `${describeValue(value)} is not the Azure Databricks account console; use ${DEFAULT_ACCOUNT_HOST}`
  }
  // Azure Databricks answers on the standard https port only; a loopback emulator has its own port.
  const suggested = loopback ? url.origin : `https://${url.hostname}`
  if (!onlyOrigin(url)) {
    return `${describeValue(value)} must be only the scheme and host, without path, query or fragment; write "${suggested}"`
  }
  if (!loopback && url.port !== '') {
    const served = kind === 'workspace' ? 'workspaces' : 'the account console'
    return `${describeValue(value)} has a port (${url.port}), but Azure Databricks serves ${served} on the standard https port only; write "${suggested}"`
  }
  return undefined
}

/** Why a value is not a Key Vault secret id; undefined when it is. */
export function secretIdIssue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') {
    return `the value is empty; set the Key Vault secret id, e.g. ${SECRET_EXAMPLE}`
  }
  if (typeof value !== 'string')
    return `must be a Key Vault secret id (a string), not ${kindOf(value)}; e.g. ${SECRET_EXAMPLE}`
  const url = parseUrl(value)
  if (!url || !/^[a-z]+:\/\//i.test(value.trim())) {
    return `${describeValue(value)} is not a Key Vault secret id; use ${SECRET_EXAMPLE}`
  }
  const loopback = isLoopbackHost(url.hostname)
  const vault = !loopback && onDomain(url.hostname, KEY_VAULT_DOMAINS)
  // Key Vault answers on the standard https port only; a loopback emulator has its own port.
  const example =
    vault || loopback ? `${loopback ? url.origin : `https://${url.hostname}`}/secrets/<name>` : SECRET_EXAMPLE
  if (url.username || url.password) {
    // The value is not repeated: what comes before the "@" may be a password.
    return `the value has a user name or password before "@"; the action reads Key Vault with its own Entra sign-in, so remove them and use a Key Vault secret id, e.g. ${example}`
  }
  if (url.protocol !== 'https:')
    return `${describeValue(value)} must be an https Key Vault secret id, e.g. ${SECRET_EXAMPLE}`
  if (!loopback && !vault) {
    return `${describeValue(value)} is not a Key Vault URL; the host must be <vault>.vault.azure.net (or .vault.azure.cn, .vault.usgovcloudapi.net, .vault.microsoftazure.de), e.g. ${SECRET_EXAMPLE}`
  }
  if (!loopback && url.port !== '') {
    return `${describeValue(value)} has a port (${url.port}), but Key Vault answers on the standard https port only; use ${example}`
  }
  const parts = url.pathname.replace(/\/$/, '').split('/').slice(1)
  const collection = parts[0]?.toLowerCase()
  if (collection === 'keys' || collection === 'certificates') {
    const noun = collection === 'keys' ? 'key' : 'certificate'
    return `${describeValue(value)} is a Key Vault ${noun} id, not a secret id; store the Databricks token as a secret and use its id, e.g. ${example}`
  }
  const [, name, version, ...rest] = parts
  const valid =
    collection === 'secrets' &&
    name !== undefined &&
    SECRET_NAME.test(name) &&
    (version === undefined || SECRET_VERSION.test(version)) &&
    rest.length === 0 &&
    !url.search &&
    !url.hash
  return valid
    ? undefined
    : `${describeValue(value)} is not a Key Vault secret id; use ${example} (optionally /<version>)`
}

/** The problems of a `rate-limits` block under `path`, each at the key (or the block) it is about. */
function rateLimitProblems(parsed: ParsedFile, path: PathSegment[], value: unknown): ConfigProblem[] {
  const block = [...path, 'rate-limits']
  return rateLimitIssues(value).map(({ key, at: target, message }) =>
    problemAt(parsed, key === undefined ? block : [...block, key], target, message)
  )
}

/** The config's max-deletions value, or undefined when it is neither a count nor a percentage. */
export function configMaxDeletions(value: unknown): MaxDeletions | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? { kind: 'count', value } : undefined
  }
  if (typeof value === 'string') return parseMaxDeletions(value)
  return undefined
}

export function maxDeletionsIssue(value: unknown): string | undefined {
  if (configMaxDeletions(value) !== undefined) return undefined
  const fix = 'a count (e.g. 25) or a percentage from 0% to 100% (e.g. 10%)'
  if (value === null || value === undefined) return `the value is empty; set ${fix}`
  return `${typeof value === 'string' || typeof value === 'number' ? describeValue(value) : kindOf(value)} must be ${fix}`
}

function workspaceNameIssue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') {
    return 'the value is empty; give the workspace a short unique name, e.g. analytics-prod'
  }
  if (typeof value !== 'string') {
    return typeof value === 'number' || typeof value === 'boolean'
      ? `must be a string, not ${kindOf(value)}; put it in quotes: "${String(value)}"`
      : `must be a short name (a string), not ${kindOf(value)}; e.g. analytics-prod`
  }
  if (value.trim().toLowerCase() === ACCOUNT_TARGET) {
    return `"${value}" is reserved: the workspace input uses it to select the Databricks account; give the workspace another name, e.g. ${value}-workspace`
  }
  if (!WORKSPACE_NAME.test(value)) {
    return `${describeValue(value)} may contain only letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit), because it is used in the workspace input and as the matrix job name; e.g. analytics-prod`
  }
  return undefined
}

function versionIssue(value: unknown): string | undefined {
  if ((SUPPORTED_VERSIONS as readonly unknown[]).includes(value)) return undefined
  const supported = `supported versions: ${SUPPORTED_VERSIONS.join(', ')}`
  if (typeof value === 'number') {
    return `${value} is not supported by this version of the action (${supported}); set version: 1`
  }
  if (typeof value === 'string' && (SUPPORTED_VERSIONS as readonly number[]).includes(Number(value))) {
    return `must be the number ${value}, not a string; write version: ${value} without quotes`
  }
  return `${value === null ? 'the value is empty' : `must be a number, not ${kindOf(value)}`}; set version: 1 (${supported})`
}

/** A YAML file that is not a config file at all (a glob matched a workflow, say): one problem is enough. */
export function isForeign(parsed: ParsedFile): boolean {
  const data = parsed.data
  return data !== undefined && !['version', 'workspaces', 'account', 'defaults'].some((k) => k in data)
}

/** A file whose version is a number this action does not know: its other keys cannot be judged. */
export function hasUnsupportedVersion(parsed: ParsedFile): boolean {
  const version = parsed.data?.version
  return typeof version === 'number' && !(SUPPORTED_VERSIONS as readonly number[]).includes(version)
}

function where(first: SourcePosition, current: ParsedFile): string {
  return first.file === current.file ? `line ${first.line}` : `${first.file}:${first.line}`
}

interface Seen {
  position: SourcePosition
  label: string
}

/** Per-file checks that the schema cannot express; pure. */
function fileProblems(parsed: ParsedFile): ConfigProblem[] {
  const data = parsed.data
  if (!data) return []
  const problems: ConfigProblem[] = []
  const check = (path: PathSegment[], issue: string | undefined, target: 'key' | 'value' = 'value'): void => {
    if (issue) problems.push(problemAt(parsed, path, target, issue))
  }

  if ('version' in data) check(['version'], versionIssue(data.version))
  if (isRecord(data.defaults) && 'max-deletions' in data.defaults) {
    check(['defaults', 'max-deletions'], maxDeletionsIssue(data.defaults['max-deletions']))
  }
  if (isRecord(data.account)) {
    const account = data.account
    if ('id' in account) {
      const id = account.id
      check(
        ['account', 'id'],
        typeof id === 'string' && isGuid(id)
          ? undefined
          : `${typeof id === 'string' ? describeValue(id) : kindOf(id)} must be the Databricks account id, a GUID like 00000000-0000-0000-0000-000000000000 (shown in the account console under your user name)`
      )
    }
    if ('host' in account) check(['account', 'host'], hostIssue(account.host, 'account'))
    if ('max-deletions' in account) check(['account', 'max-deletions'], maxDeletionsIssue(account['max-deletions']))
    if ('rate-limits' in account) problems.push(...rateLimitProblems(parsed, ['account'], account['rate-limits']))
  }
  if (!('workspaces' in data) && !('account' in data)) {
    problems.push(
      problemAt(
        parsed,
        [],
        'value',
        'the file declares no workspaces; add a "workspaces:" list (or an "account:" block)',
        'error'
      )
    )
  }
  if (Array.isArray(data.workspaces) && data.workspaces.length === 0) {
    problems.push(
      problemAt(
        parsed,
        ['workspaces'],
        'key',
        'the list is empty, so this file manages nothing; add workspaces',
        'warning'
      )
    )
  }

  const workspaces = Array.isArray(data.workspaces) ? data.workspaces : []
  for (const [w, workspace] of workspaces.entries()) {
    if (!isRecord(workspace)) continue
    const path = ['workspaces', w]
    if ('name' in workspace) check([...path, 'name'], workspaceNameIssue(workspace.name))
    if ('host' in workspace) check([...path, 'host'], hostIssue(workspace.host, 'workspace'))
    if ('max-deletions' in workspace) check([...path, 'max-deletions'], maxDeletionsIssue(workspace['max-deletions']))
    if ('rate-limits' in workspace) problems.push(...rateLimitProblems(parsed, path, workspace['rate-limits']))
    const hasSecret = 'token-secret' in workspace
    if (hasSecret) check([...path, 'token-secret'], secretIdIssue(workspace['token-secret']))
    if ('azure-resource-id' in workspace) problems.push(...azureResourceIdProblems(parsed, workspace, path))
    if (workspace.auth === 'pat' && !hasSecret) {
      check(
        [...path, 'auth'],
        `"pat" needs token-secret, the Key Vault secret id of the workspace's personal access token; add token-secret: ${SECRET_EXAMPLE}`
      )
    }
    if ('provisioning' in workspace && !hasSecret) {
      check(
        [...path, 'provisioning'],
        `provision-app needs the workspace's personal access token; add token-secret: ${SECRET_EXAMPLE} to this workspace`,
        'key'
      )
    }
    const provisioning = workspace.provisioning
    if (isRecord(provisioning) && 'notification-email' in provisioning) {
      const email = provisioning['notification-email']
      check(
        [...path, 'provisioning', 'notification-email'],
        typeof email === 'string' && EMAIL.test(email.trim())
          ? undefined
          : `${typeof email === 'string' ? describeValue(email) : kindOf(email)} is not a valid email address; e.g. platform@contoso.com`
      )
    }
    problems.push(...workspaceIdProblems(parsed, workspace, path))
    problems.push(...assignmentProblems(parsed, workspace, path))
    problems.push(...emptyWorkspaceProblems(parsed, workspace, path))
    problems.push(...groupListProblems(parsed, workspace.groups, [...path, 'groups'], newGroupSeen(), 'workspace'))
  }
  return problems
}

/** azure-resource-id: the shape of a workspace's Azure resource id, and of use only with auth: entra. */
function azureResourceIdProblems(parsed: ParsedFile, workspace: Mapping, path: PathSegment[]): ConfigProblem[] {
  const idPath = [...path, 'azure-resource-id']
  const issue = azureResourceIdIssue(workspace['azure-resource-id'])
  if (issue) return [problemAt(parsed, idPath, 'value', issue)]
  if (workspace.auth !== 'pat') return []
  return [
    problemAt(
      parsed,
      idPath,
      'key',
      'is used only with auth: entra (the action then sends Databricks an Azure token of its service principal, so Databricks adds it as a workspace admin); with auth: pat it is ignored: remove it, or use auth: entra',
      'warning'
    )
  ]
}

/** The number in adb-<id>.<n>.azuredatabricks.net (or .databricks.azure.us, .databricks.azure.cn); else undefined. */
export function workspaceIdFromHost(host: string): string | undefined {
  const url = parseUrl(host)
  return url ? WORKSPACE_ID_HOST.exec(url.hostname)?.[1] : undefined
}

/**
 * A workspace-id value as its digits, or undefined when it is not one. A number is read as written in the file,
 * because ids of 16 digits can be larger than a JavaScript number holds exactly.
 */
export function configWorkspaceId(
  parsed: ParsedFile,
  path: readonly PathSegment[],
  value: unknown
): string | undefined {
  if (typeof value === 'string') return DIGITS.test(value.trim()) ? value.trim() : undefined
  if (typeof value !== 'number') return undefined
  const source = scalarSource(parsed, path)?.trim()
  if (source !== undefined) return DIGITS.test(source) ? source : undefined
  return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined
}

/** `source`: how a number is written in the file (1.5e3, not 1500). */
function workspaceIdIssue(value: unknown, id: string | undefined, source: string | undefined): string | undefined {
  if (id !== undefined) return undefined
  const fix = `set the workspace's numeric id, only digits, e.g. 6234138917436195 (the number after ?o= in the workspace URL)`
  if (value === null || value === undefined || value === '') return `the value is empty; ${fix}`
  const shown =
    typeof value === 'number'
      ? (source ?? String(value))
      : typeof value === 'string'
        ? describeValue(value)
        : kindOf(value)
  return `${shown} is not a workspace id; ${fix}`
}

const hasItems = (value: unknown): boolean => Array.isArray(value) && value.length > 0

/** workspace-id: digits, the same as the host's when the host has one, and there when account groups need it. */
function workspaceIdProblems(parsed: ParsedFile, workspace: Mapping, path: PathSegment[]): ConfigProblem[] {
  const host = workspace.host
  const hostOk = typeof host === 'string' && hostIssue(host, 'workspace') === undefined
  const fromHost = hostOk ? workspaceIdFromHost(host) : undefined
  const idPath = [...path, 'workspace-id']
  if ('workspace-id' in workspace) {
    const value = workspace['workspace-id']
    const id = configWorkspaceId(parsed, idPath, value)
    const issue = workspaceIdIssue(value, id, scalarSource(parsed, idPath)?.trim())
    if (issue) return [problemAt(parsed, idPath, 'value', issue)]
    if (id !== undefined && fromHost !== undefined && BigInt(id) !== BigInt(fromHost)) {
      return [
        problemAt(
          parsed,
          idPath,
          'value',
          `${id} differs from the workspace id ${fromHost} in the host; remove workspace-id (it is taken from the host) or correct it`
        )
      ]
    }
    return []
  }
  const assigns = hasItems(workspace['account-groups']) || hasItems(workspace['account-service-principals'])
  if (!hostOk || fromHost !== undefined || !assigns) return []
  return [
    {
      ...locate(parsed, path, 'value'),
      key: formatPath(idPath),
      message: at(
        path,
        'workspace-id is needed to assign account groups; the host does not contain it (add workspace-id: <number from the workspace URL ?o=…>)'
      ),
      severity: 'error'
    }
  ]
}

interface Assignment {
  name: string
  /** Where the name is: the entry, or its `group` value. */
  namePath: PathSegment[]
  itemPath: PathSegment[]
}

/** The account-groups entries of a workspace that name a group. */
function assignments(workspace: Mapping, path: PathSegment[]): Assignment[] {
  const list = workspace['account-groups']
  if (!Array.isArray(list)) return []
  const found: Assignment[] = []
  for (const [i, entry] of list.entries()) {
    const itemPath = [...path, 'account-groups', i]
    if (typeof entry === 'string' && entry.trim() !== '') {
      found.push({ name: entry.trim(), namePath: itemPath, itemPath })
    } else if (isRecord(entry) && typeof entry.group === 'string' && entry.group.trim() !== '') {
      found.push({ name: entry.group.trim(), namePath: [...itemPath, 'group'], itemPath })
    }
  }
  return found
}

/** An account group is assigned once per workspace. */
function assignmentProblems(parsed: ParsedFile, workspace: Mapping, path: PathSegment[]): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const seen = new Map<string, Seen>()
  for (const { name, namePath, itemPath } of assignments(workspace, path)) {
    const key = name.toLowerCase()
    const first = seen.get(key)
    if (first) {
      problems.push(
        problemAt(
          parsed,
          namePath,
          'value',
          `account group ${describeValue(name)} is already assigned at ${where(first.position, parsed)} (${first.label}); assign each account group once per workspace, with one permission (USER or ADMIN)`
        )
      )
    } else {
      seen.set(key, { position: locate(parsed, namePath, 'value'), label: formatPath(itemPath) })
    }
  }
  return problems
}

/** A workspace that gets neither groups nor account groups is worth a warning. */
function emptyWorkspaceProblems(parsed: ParsedFile, workspace: Mapping, path: PathSegment[]): ConfigProblem[] {
  const assigned = workspace['account-groups']
  // A non-empty list, or something that is not a list at all (the schema reports that).
  if (hasItems(assigned) || ('account-groups' in workspace && !Array.isArray(assigned))) return []
  if (hasItems(workspace['account-service-principals'])) return []
  if (!('groups' in workspace)) {
    return [
      problemAt(
        parsed,
        path,
        'value',
        'no groups are listed, so nothing is synced into this workspace; add "groups:" with the Entra groups to sync',
        'warning'
      )
    ]
  }
  const groups = workspace.groups
  if (Array.isArray(groups) && groups.length === 0) {
    return [
      problemAt(
        parsed,
        [...path, 'groups'],
        'key',
        'the list is empty, so nothing is synced into this workspace; add the Entra groups to sync',
        'warning'
      )
    ]
  }
  return []
}

/** The Entra groups and target groups already listed (in one workspace, or in the account across files). */
interface GroupSeen {
  entra: Map<string, Seen>
  target: Map<string, Seen>
}
const newGroupSeen = (): GroupSeen => ({ entra: new Map(), target: new Map() })

/**
 * One list of groups (a workspace's `groups`, or `account.groups`): each Entra group once, each target fed by one
 * Entra group, never a built-in group.
 */
function groupListProblems(
  parsed: ParsedFile,
  groups: unknown,
  listPath: PathSegment[],
  seen: GroupSeen,
  scope: 'workspace' | 'account'
): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  if (!Array.isArray(groups)) return problems
  const targetNoun = scope === 'workspace' ? 'Databricks group' : 'account group'
  const once = scope === 'workspace' ? 'list each group once per workspace' : 'list each group once in account.groups'
  for (const [g, group] of groups.entries()) {
    const itemPath = [...listPath, g]
    let entra: string | undefined
    let target: string | undefined
    let entraPath = itemPath
    let targetPath = itemPath
    let membersOnly = false
    if (typeof group === 'string') {
      entra = group
      target = group
    } else if (isRecord(group)) {
      if (typeof group.entra === 'string') {
        entra = group.entra
        entraPath = [...itemPath, 'entra']
      }
      // members-only is not a key of account groups: the schema reports it there.
      membersOnly = scope === 'workspace' && group['members-only'] === true
      if (typeof group.databricks === 'string') {
        target = group.databricks
        targetPath = [...itemPath, 'databricks']
        if (membersOnly) {
          problems.push(
            problemAt(
              parsed,
              targetPath,
              'value',
              'is ignored because members-only is true (no Databricks group is made); remove it or set members-only: false',
              'warning'
            )
          )
        }
      } else {
        target = entra
        targetPath = entraPath
      }
    }
    if (entra === undefined || entra.trim() === '') continue

    const entraKey = entra.trim().toLowerCase()
    const firstEntra = seen.entra.get(entraKey)
    if (firstEntra) {
      problems.push(
        problemAt(
          parsed,
          entraPath,
          'value',
          `Entra group ${describeValue(entra)} is already listed at ${where(firstEntra.position, parsed)} (${firstEntra.label}); ${once}`
        )
      )
      continue
    }
    seen.entra.set(entraKey, { position: locate(parsed, entraPath, 'value'), label: formatPath(entraPath) })
    if (membersOnly || target === undefined || target.trim() === '') continue

    const targetKey = target.trim().toLowerCase()
    if (isReservedGroup(targetKey)) {
      problems.push(
        problemAt(
          parsed,
          targetPath,
          'value',
          targetPath === entraPath
            ? `${describeValue(target)} would sync into the built-in Databricks group of that name, which this action never changes; ${typeof group === 'string' ? `write the entry as "entra: ${target}" with "databricks: <another name>"` : 'add "databricks: <another name>" to this entry'}`
            : `${describeValue(target)} is a built-in Databricks group that this action never changes; set databricks: to another group name`
        )
      )
      continue
    }
    const firstTarget = seen.target.get(targetKey)
    if (firstTarget) {
      problems.push(
        problemAt(
          parsed,
          targetPath,
          'value',
          `${targetNoun} ${describeValue(target)} is already the target of ${firstTarget.label} (${where(firstTarget.position, parsed)}); one ${targetNoun} can be fed by one Entra group only, so give one of them another "databricks:" name`
        )
      )
      continue
    }
    seen.target.set(targetKey, { position: locate(parsed, targetPath, 'value'), label: formatPath(itemPath) })
  }
  return problems
}

/** What the files say about the account, merged: for the checks of the workspaces' account-groups. */
interface AccountFacts {
  /** Some file has an `account` block (even one with a wrong id, which is reported on its own). */
  declared: boolean
  /** Entra name (lower case) -> the account.groups entry that syncs it into a group of another name. */
  renamed: Map<string, Seen & { target: string }>
  /** Target names (lower case) of account.groups. */
  targets: Set<string>
}

/**
 * The account across files: one id and host, one max-deletions, and `groups` merged as one list (each Entra group
 * once, each account group fed by one Entra group).
 */
function accountProblems(files: readonly ParsedFile[]): { problems: ConfigProblem[]; facts: AccountFacts } {
  const problems: ConfigProblem[] = []
  const facts: AccountFacts = { declared: false, renamed: new Map(), targets: new Set() }
  let account: { id: string; host: string; position: SourcePosition } | undefined
  let max: { value: MaxDeletions; position: SourcePosition } | undefined
  const seen = new Map<string, GroupSeen>()

  for (const parsed of files) {
    const block = parsed.data?.account
    if (!isRecord(block)) continue
    facts.declared = true
    // A wrong id is reported by the file's own checks; such a block is checked on its own.
    const id = typeof block.id === 'string' && isGuid(block.id) ? block.id.trim().toLowerCase() : undefined
    const host = typeof block.host === 'string' ? (normalizeOrigin(block.host) ?? '') : DEFAULT_ACCOUNT_HOST
    if (id !== undefined && !account) {
      account = { id, host, position: locate(parsed, ['account'], 'key') }
    } else if (id !== undefined && account && account.id !== id) {
      problems.push(
        problemAt(
          parsed,
          ['account', 'id'],
          'value',
          `${describeValue(block.id)} differs from the account id "${account.id}" declared at ${where(account.position, parsed)}; all config files must name the same Databricks account (declare it once)`
        )
      )
    } else if (id !== undefined && account && account.host !== host) {
      problems.push(
        problemAt(
          parsed,
          ['account', 'host'],
          'value',
          `${describeValue(host)} differs from the account host "${account.host}" declared at ${where(account.position, parsed)}; declare the account once`
        )
      )
    }
    const same = id !== undefined && account?.id === id

    const value = same ? configMaxDeletions(block['max-deletions']) : undefined
    if (value && !max) {
      max = { value, position: locate(parsed, ['account', 'max-deletions'], 'value') }
    } else if (value && max && (value.kind !== max.value.kind || value.value !== max.value.value)) {
      problems.push(
        problemAt(
          parsed,
          ['account', 'max-deletions'],
          'value',
          `${formatMaxDeletions(value)} differs from the account's max-deletions ${formatMaxDeletions(max.value)} set at ${where(max.position, parsed)}; set the account's max-deletions in one file only`
        )
      )
    }

    const key = same ? id : `file:${parsed.file}`
    const groupSeen = seen.get(key) ?? newGroupSeen()
    seen.set(key, groupSeen)
    problems.push(...groupListProblems(parsed, block.groups, ['account', 'groups'], groupSeen, 'account'))
    // With automatic identity management a group keeps its Entra name (validate-aim.ts refuses another).
    if (!same || !Array.isArray(block.groups) || block.identity === 'aim') continue
    for (const [g, group] of block.groups.entries()) {
      const entra = typeof group === 'string' ? group : isRecord(group) ? group.entra : undefined
      if (typeof entra !== 'string' || entra.trim() === '') continue
      const target = isRecord(group) && typeof group.databricks === 'string' ? group.databricks.trim() : entra.trim()
      facts.targets.add(target.toLowerCase())
      if (target.toLowerCase() !== entra.trim().toLowerCase() && !facts.renamed.has(entra.trim().toLowerCase())) {
        const path = ['account', 'groups', g]
        facts.renamed.set(entra.trim().toLowerCase(), {
          position: locate(parsed, path, 'value'),
          label: formatPath(path),
          target
        })
      }
    }
  }
  return { problems, facts }
}

/** A workspace's account-groups need the account; an Entra name where the account group has another name is a slip. */
function assignmentAccountProblems(
  parsed: ParsedFile,
  workspace: Mapping,
  path: PathSegment[],
  facts: AccountFacts
): ConfigProblem[] {
  if (!hasItems(workspace['account-groups'])) return []
  if (!facts.declared) {
    return [
      problemAt(
        parsed,
        [...path, 'account-groups'],
        'key',
        'assigning account groups needs the Databricks account, and no config file declares it; add an "account:" block with the account id (id: <GUID shown in the account console>) to a config file, or remove account-groups'
      )
    ]
  }
  const problems: ConfigProblem[] = []
  for (const { name, namePath } of assignments(workspace, path)) {
    const key = name.toLowerCase()
    const mapping = facts.renamed.get(key)
    if (!mapping || facts.targets.has(key)) continue
    problems.push(
      problemAt(
        parsed,
        namePath,
        'value',
        `${describeValue(name)} is the Entra name of ${mapping.label} (${where(mapping.position, parsed)}), which is synced into the account group "${mapping.target}"; to assign that group write "${mapping.target}" (account-groups names account groups; if an account group named ${describeValue(name)} exists apart from this config, ignore this warning)`,
        'warning'
      )
    )
  }
  return problems
}

/** Checks across all files: unique workspace names and hosts, one account, account groups that can be assigned. */
function crossFileProblems(files: readonly ParsedFile[]): ConfigProblem[] {
  const { problems, facts } = accountProblems(files)
  const names = new Map<string, Seen>()
  const hosts = new Map<string, Seen & { workspace: string }>()
  const ids = new Map<string, Seen & { workspace: string }>()

  for (const parsed of files) {
    const data = parsed.data
    if (!data) continue
    const workspaces = Array.isArray(data.workspaces) ? data.workspaces : []
    for (const [w, workspace] of workspaces.entries()) {
      if (!isRecord(workspace)) continue
      problems.push(...assignmentAccountProblems(parsed, workspace, ['workspaces', w], facts))
      const name = workspace.name
      if (typeof name === 'string' && name.trim() !== '') {
        const key = name.trim().toLowerCase()
        const first = names.get(key)
        if (first) {
          problems.push(
            problemAt(
              parsed,
              ['workspaces', w, 'name'],
              'value',
              `workspace ${describeValue(name)} is already declared at ${where(first.position, parsed)}; workspace names must be unique (ignoring case) across all config files, so rename or remove one`
            )
          )
        } else {
          names.set(key, { position: locate(parsed, ['workspaces', w, 'name'], 'value'), label: name })
        }
      }
      const valid = typeof workspace.host === 'string' && hostIssue(workspace.host, 'workspace') === undefined
      const host = valid ? hostKey(workspace.host as string) : undefined
      const sameHost = host !== undefined && hosts.has(host)
      if (host) {
        const first = hosts.get(host)
        if (first) {
          problems.push(
            problemAt(
              parsed,
              ['workspaces', w, 'host'],
              'value',
              `${describeValue(workspace.host)} is already the host of workspace "${first.workspace}" (${where(first.position, parsed)}); declare each workspace once`
            )
          )
        } else {
          hosts.set(host, {
            position: locate(parsed, ['workspaces', w, 'host'], 'value'),
            label: host,
            workspace: typeof name === 'string' ? name : `workspaces[${w}]`
          })
        }
      }
      // The account API names workspaces by id: two workspaces with one id would get each other's account groups.
      const idPath = ['workspaces', w, 'workspace-id']
      const explicit = 'workspace-id' in workspace
      const id = explicit
        ? configWorkspaceId(parsed, idPath, workspace['workspace-id'])
        : host && workspaceIdFromHost(host)
      if (id && !sameHost) {
        const key = BigInt(id).toString()
        const first = ids.get(key)
        if (first) {
          problems.push(
            problemAt(
              parsed,
              explicit ? idPath : ['workspaces', w, 'host'],
              'value',
              `workspace id ${id} is already the id of workspace "${first.workspace}" (${where(first.position, parsed)}); each workspace has its own id, so correct workspace-id`
            )
          )
        } else {
          ids.set(key, {
            position: locate(parsed, explicit ? idPath : ['workspaces', w, 'host'], 'value'),
            label: id,
            workspace: typeof name === 'string' ? name : `workspaces[${w}]`
          })
        }
      }
    }
  }
  return problems
}

/**
 * Every check beyond the schema, for files already parsed (and in the order they were matched). Pure: it reads
 * nothing and throws nothing.
 */
export function validateFiles(files: readonly ParsedFile[]): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const checked: ParsedFile[] = []
  for (const parsed of files) {
    if (!parsed.data) continue
    if (isForeign(parsed)) {
      problems.push(
        problemAt(
          parsed,
          [],
          'value',
          'this is not a config file: it has none of the keys version, workspaces and account; if the config input matches it by mistake, narrow the pattern'
        )
      )
    } else if (hasUnsupportedVersion(parsed)) {
      // Another format: only say so, its other keys cannot be judged by version 1 rules.
      problems.push(problemAt(parsed, ['version'], 'value', versionIssue(parsed.data.version) ?? ''))
    } else {
      checked.push(parsed)
      problems.push(...fileProblems(parsed))
    }
  }
  return [...problems, ...crossFileProblems(checked), ...aimProblems(checked)]
}
