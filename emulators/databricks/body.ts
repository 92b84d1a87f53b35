// Reading SCIM request bodies: attributes in any case, typed values, value lists, emails, names, PATCH paths.
import { parsePath, ScimFilterError, type PatchPath } from '../scim-filter.js'
import { KNOWN_ENTITLEMENTS, ScimError } from './protocol.js'
import type { ScimEmail, ScimName, UserRecord } from './records.js'

export function field(o: Record<string, unknown>, name: string): unknown {
  if (name in o) return o[name]
  const lower = name.toLowerCase()
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k]
  return undefined
}

export function asObject(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ScimError(400, `The ${what} must be a JSON object.`, 'invalidSyntax')
  }
  return v as Record<string, unknown>
}

export function requiredString(o: Record<string, unknown>, name: string): string {
  const v = field(o, name)
  if (typeof v !== 'string' || v.trim() === '') {
    throw new ScimError(400, `Request is missing the required attribute ${name}.`, 'invalidValue')
  }
  return v
}

export function optionalString(o: Record<string, unknown>, name: string): string | undefined {
  const v = field(o, name)
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw new ScimError(400, `${name} must be a string.`, 'invalidValue')
  return v
}

export function optionalBool(o: Record<string, unknown>, name: string): boolean | undefined {
  const v = field(o, name)
  return v === undefined || v === null ? undefined : toBool(v, name)
}

export function toBool(v: unknown, name: string): boolean {
  if (typeof v === 'boolean') return v
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'
  throw new ScimError(400, `${name} must be a boolean.`, 'invalidValue')
}

/** `[{value}]` lists (members, groups, entitlements, roles); undefined when absent. */
export function parseValueList(v: unknown, name: string): string[] | undefined {
  if (v === undefined || v === null) return undefined
  const arr = Array.isArray(v) ? v : [v]
  return arr.map((item) => {
    const x = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).value : undefined
    if (typeof x === 'string' && x !== '') return x
    if (typeof x === 'number') return String(x)
    throw new ScimError(400, `Each ${name} entry must be an object with a value.`, 'invalidValue')
  })
}

export function requiredValueList(v: unknown, name: string): string[] {
  const list = parseValueList(v, name)
  if (!list) throw new ScimError(400, `A value is required for ${name}.`, 'invalidValue')
  return list
}

export function parseEntitlements(v: unknown): string[] | undefined {
  const list = parseValueList(v, 'entitlements')
  if (list) validateEntitlements(list)
  return list && [...new Set(list)]
}

export function validateEntitlements(values: string[]): void {
  for (const e of values) {
    if (!KNOWN_ENTITLEMENTS.includes(e)) throw new ScimError(400, `Invalid entitlement value: ${e}.`, 'invalidValue')
  }
}

export function parseEmails(v: unknown): ScimEmail[] | undefined {
  if (v === undefined || v === null) return undefined
  if (!Array.isArray(v)) throw new ScimError(400, 'emails must be an array.', 'invalidValue')
  return v.map((e, i) => {
    const o = asObject(e, 'email')
    const value = requiredString(o, 'value')
    const type = optionalString(o, 'type') ?? 'work'
    const primary = optionalBool(o, 'primary') ?? i === 0
    return { value, type, primary }
  })
}

export function assertSameEmails(rec: UserRecord, emails: ScimEmail[]): void {
  const a = rec.emails.map((e) => e.value.toLowerCase()).sort()
  const b = emails.map((e) => e.value.toLowerCase()).sort()
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
    throw new ScimError(400, 'emails are immutable.', 'mutability')
  }
}

export function parseName(v: unknown): ScimName | undefined {
  if (v === undefined || v === null) return undefined
  const o = asObject(v, 'name')
  const name: ScimName = {}
  const given = optionalString(o, 'givenName')
  const family = optionalString(o, 'familyName')
  if (given !== undefined) name.givenName = given
  if (family !== undefined) name.familyName = family
  return Object.keys(name).length ? name : undefined
}

export function joinName(name: ScimName): string | undefined {
  const s = [name.givenName, name.familyName].filter((x) => x).join(' ')
  return s === '' ? undefined : s
}

export function toPatchPath(text: string): PatchPath {
  try {
    return parsePath(text)
  } catch (e) {
    if (e instanceof ScimFilterError) throw new ScimError(400, e.message, 'invalidPath')
    throw e
  }
}
