// Checks of the keys of accounts with automatic identity management (account.identity: aim), across files: which keys
// need it, which it refuses (workspace SCIM groups: AIM brings users and memberships itself), each principal listed
// once, service principals assigned to workspaces listed in the account, and the denylist's shape and limit.
import { MAX_ACCOUNT_DENY_RULES } from '../core/deny-rules.js'
import { locate, problemAt, type ParsedFile } from './source.js'
import { describeValue, formatPath, type PathSegment } from './text.js'
import type { ConfigProblem, SourcePosition } from './types.js'

type Mapping = Record<string, unknown>
const isRecord = (value: unknown): value is Mapping =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** Account keys that mean something only with identity: aim. */
const AIM_ACCOUNT_KEYS = ['service-principals', 'users', 'deny'] as const

const DENY_KEYS = ['group', 'user', 'service-principal'] as const

const NEEDS_AIM =
  'is used only when the account uses automatic identity management: add "identity: aim" to the account block (when Databricks syncs Entra ID itself), or remove it'

interface Seen {
  position: SourcePosition
  label: string
}

function where(first: SourcePosition, current: ParsedFile): string {
  return first.file === current.file ? `line ${first.line}` : `${first.file}:${first.line}`
}

/** The reference of an entry that is a string or a mapping with `key`. */
function refOf(entry: unknown, key: string): { ref: string; path: PathSegment[] } | undefined {
  if (typeof entry === 'string' && entry.trim() !== '') return { ref: entry.trim(), path: [] }
  if (isRecord(entry) && typeof entry[key] === 'string' && (entry[key] as string).trim() !== '') {
    return { ref: (entry[key] as string).trim(), path: [key] }
  }
  return undefined
}

/** Each reference once in a list (`label` names what is listed). */
function onceEach(
  parsed: ParsedFile,
  list: unknown,
  listPath: PathSegment[],
  key: string,
  seen: Map<string, Seen>,
  label: string
): ConfigProblem[] {
  if (!Array.isArray(list)) return []
  const problems: ConfigProblem[] = []
  for (const [i, entry] of list.entries()) {
    const found = refOf(entry, key)
    if (!found) continue
    const path = [...listPath, i, ...found.path]
    const first = seen.get(found.ref.toLowerCase())
    if (first) {
      problems.push(
        problemAt(
          parsed,
          path,
          'value',
          `${label} ${describeValue(found.ref)} is already listed at ${where(first.position, parsed)} (${first.label}); list each once`
        )
      )
    } else {
      seen.set(found.ref.toLowerCase(), { position: locate(parsed, path, 'value'), label: formatPath(path) })
    }
  }
  return problems
}

/** The identity the files give the account: the first `identity`, and a problem for each file that says otherwise. */
function accountIdentity(files: readonly ParsedFile[]): { aim: boolean; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = []
  let first: { value: string; position: SourcePosition } | undefined
  for (const parsed of files) {
    const block = parsed.data?.account
    if (!isRecord(block) || typeof block.identity !== 'string') continue
    if (!first) first = { value: block.identity, position: locate(parsed, ['account', 'identity'], 'value') }
    else if (first.value !== block.identity) {
      problems.push(
        problemAt(
          parsed,
          ['account', 'identity'],
          'value',
          `${describeValue(block.identity)} differs from the account's identity "${first.value}" set at ${where(first.position, parsed)}; set it in one file only`
        )
      )
    }
  }
  return { aim: first?.value === 'aim', problems }
}

function denyProblems(parsed: ParsedFile, list: unknown, seen: Map<string, Seen>, count: { rules: number }) {
  const problems: ConfigProblem[] = []
  if (!Array.isArray(list)) return problems
  for (const [i, entry] of list.entries()) {
    if (!isRecord(entry)) continue
    const path = ['account', 'deny', i]
    const keys = DENY_KEYS.filter((k) => k in entry)
    if (keys.length !== 1) {
      problems.push(
        problemAt(
          parsed,
          path,
          'value',
          keys.length === 0
            ? 'names no principal; write exactly one of "group: <Entra group>", "user: <user principal name>" or "service-principal: <name or application id>"'
            : `names ${keys.map((k) => `"${k}"`).join(' and ')}; a rule denies one principal, so write one entry per principal`
        )
      )
      continue
    }
    const key = keys[0] as string
    const ref = entry[key]
    if (typeof ref !== 'string' || ref.trim() === '') continue
    const id = `${key}:${ref.trim().toLowerCase()}`
    const first = seen.get(id)
    if (first) {
      problems.push(
        problemAt(
          parsed,
          [...path, key],
          'value',
          `${key} ${describeValue(ref)} is already in the denylist at ${where(first.position, parsed)} (${first.label}); list each once`
        )
      )
      continue
    }
    seen.set(id, { position: locate(parsed, [...path, key], 'value'), label: formatPath(path) })
    if (entry.remove === true) continue
    count.rules++
    if (count.rules === MAX_ACCOUNT_DENY_RULES + 1) {
      problems.push(
        problemAt(
          parsed,
          path,
          'value',
          `is the ${MAX_ACCOUNT_DENY_RULES + 1}st rule of the denylist, and a Databricks account holds at most ${MAX_ACCOUNT_DENY_RULES}; deny a group that holds these principals instead of each one`
        )
      )
    }
  }
  return problems
}

/** Every AIM check across the files (already parsed, of a supported version). Pure. */
export function aimProblems(files: readonly ParsedFile[]): ConfigProblem[] {
  const identity = accountIdentity(files)
  const problems = [...identity.problems]
  const aim = identity.aim
  const servicePrincipals = new Map<string, Seen>()
  const users = new Map<string, Seen>()
  const deny = new Map<string, Seen>()
  const count = { rules: 0 }

  for (const parsed of files) {
    const block = parsed.data?.account
    if (isRecord(block)) {
      for (const key of AIM_ACCOUNT_KEYS) {
        if (!aim && key in block) problems.push(problemAt(parsed, ['account', key], 'key', NEEDS_AIM))
      }
      if (aim) {
        problems.push(...accountGroupProblems(parsed, block.groups))
        problems.push(
          ...onceEach(
            parsed,
            block['service-principals'],
            ['account', 'service-principals'],
            'entra',
            servicePrincipals,
            'service principal'
          ),
          ...onceEach(parsed, block.users, ['account', 'users'], 'entra', users, 'user'),
          ...denyProblems(parsed, block.deny, deny, count)
        )
      }
    }
  }
  for (const parsed of files) {
    const workspaces = parsed.data?.workspaces
    if (!Array.isArray(workspaces)) continue
    for (const [w, workspace] of workspaces.entries()) {
      if (isRecord(workspace))
        problems.push(...workspaceProblems(parsed, workspace, ['workspaces', w], aim, servicePrincipals))
    }
  }
  return problems
}

/** With AIM, an account group is Entra's group under Entra's name: no other name, no nesting choice. */
function accountGroupProblems(parsed: ParsedFile, groups: unknown): ConfigProblem[] {
  if (!Array.isArray(groups)) return []
  const problems: ConfigProblem[] = []
  for (const [g, group] of groups.entries()) {
    if (!isRecord(group)) continue
    const path = ['account', 'groups', g]
    if (
      typeof group.databricks === 'string' &&
      group.databricks.trim().toLowerCase() !== String(group.entra).trim().toLowerCase()
    ) {
      problems.push(
        problemAt(
          parsed,
          [...path, 'databricks'],
          'value',
          'cannot rename the group: with identity: aim, Databricks brings the Entra group under its Entra name; remove "databricks" and use the Entra name in account-groups'
        )
      )
    }
    if ('nested' in group) {
      problems.push(
        problemAt(
          parsed,
          [...path, 'nested'],
          'key',
          'has no effect with identity: aim: Databricks keeps the group’s members, nested groups included, itself; remove it',
          'warning'
        )
      )
    }
  }
  return problems
}

function workspaceProblems(
  parsed: ParsedFile,
  workspace: Mapping,
  path: PathSegment[],
  aim: boolean,
  servicePrincipals: ReadonlyMap<string, Seen>
): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const assigned = workspace['account-service-principals']
  const groups = workspace['account-groups']
  if (!aim) {
    if ('account-service-principals' in workspace) {
      problems.push(problemAt(parsed, [...path, 'account-service-principals'], 'key', NEEDS_AIM))
    }
    if (Array.isArray(groups)) {
      for (const [i, entry] of groups.entries()) {
        if (isRecord(entry) && 'entitlements' in entry) {
          problems.push(problemAt(parsed, [...path, 'account-groups', i, 'entitlements'], 'key', NEEDS_AIM))
        }
      }
    }
    return problems
  }
  if (Array.isArray(workspace.groups) && workspace.groups.length > 0) {
    problems.push(
      problemAt(
        parsed,
        [...path, 'groups'],
        'key',
        'cannot be used when the account uses automatic identity management (account.identity: aim): Databricks brings users and group membership from Entra itself, and this action writes none through SCIM; list the Entra group under account.groups and assign it here with account-groups'
      )
    )
  }
  const seen = new Map<string, Seen>()
  problems.push(
    ...onceEach(
      parsed,
      assigned,
      [...path, 'account-service-principals'],
      'service-principal',
      seen,
      'service principal'
    )
  )
  if (Array.isArray(assigned)) {
    for (const [i, entry] of assigned.entries()) {
      const found = refOf(entry, 'service-principal')
      if (!found || servicePrincipals.has(found.ref.toLowerCase())) continue
      problems.push(
        problemAt(
          parsed,
          [...path, 'account-service-principals', i, ...found.path],
          'value',
          `${describeValue(found.ref)} is not listed under account.service-principals; add it there (as written here) so the account resolves it`
        )
      )
    }
  }
  return problems
}
