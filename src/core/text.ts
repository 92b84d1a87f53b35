// Ordering and naming shared by the planners and the reports: one total, case-insensitive order, and one way to
// name a principal.

/** Case-insensitive order, ties broken by the exact text (so it is total and deterministic). */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase()
  const lb = b.toLowerCase()
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0
}

/** Text for the summary: `Display Name (key)`, or the key alone when there is no other name. */
export function describePrincipal(displayName: string | undefined, key: string): string {
  const name = displayName?.trim()
  return name && name.toLowerCase() !== key.toLowerCase() ? `${name} (${key})` : key
}

/** Databricks' admins group: its members are never removed. */
export const ADMINS_GROUP = 'admins'

/** Databricks' own groups: never planned on, never a config target. */
export const RESERVED_GROUP_NAMES = [ADMINS_GROUP, 'users'] as const

export const isReservedGroup = (name: string): boolean =>
  (RESERVED_GROUP_NAMES as readonly string[]).includes(name.trim().toLowerCase())
