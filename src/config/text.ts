// Small helpers for human messages: key paths, value descriptions and "did you mean".
import { closest, distance } from 'fastest-levenshtein'

export type PathSegment = string | number

/** `['workspaces', 0, 'groups', 1, 'entra']` -> `workspaces[0].groups[1].entra` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out ? `.${segment}` : segment
  }
  return out
}

/** `key: message`, or the message alone at the top level. */
export function at(path: readonly PathSegment[], message: string): string {
  const key = formatPath(path)
  return key ? `${key}: ${message}` : message
}

const MAX_SHOWN = 80

/** A value as it appears in a message: strings quoted (and shortened), collections named. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value'
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value
    // JSON keeps the Unicode line separators raw: shown as escapes, they are visible and cannot cut a log line.
    return JSON.stringify(shown).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
  }
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}

/** What kind of YAML value it is, for "must be X, not Y". */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `a string (${describeValue(value)})`
  if (typeof value === 'boolean') return `a boolean (${String(value)})`
  if (typeof value === 'number') return `a number (${String(value)})`
  return typeof value
}

const squash = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '')

/** The candidate the user most likely meant, if one is close enough. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value === '') return undefined
  const wanted = squash(value)
  // token_secret, tokenSecret, Token-Secret, ...
  const same = candidates.find((c) => squash(c) === wanted)
  if (same) return same
  const lower = value.toLowerCase()
  const best = closest(lower, [...candidates])
  const limit = Math.max(2, Math.floor(best.length / 3))
  if (distance(lower, best) <= limit) return best
  // sql-access -> databricks-sql-access
  const containing = candidates.filter((c) => lower.length >= 4 && (c.includes(lower) || lower.includes(c)))
  return containing.length === 1 ? containing[0] : undefined
}

/** `"a", "b" and "c"` */
export function listOf(values: readonly string[], quote = false): string {
  const shown = values.map((v) => (quote ? `"${v}"` : v))
  if (shown.length <= 1) return shown.join('')
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}
