// `rate-limits` of a workspace or the account: the API limits Databricks gave that target (it raises them on
// request). The action's pacing starts there instead of at its guess (workspace SCIM) or the published limits
// (account), and still learns from a 429.
import { describeValue, kindOf } from './text.js'

/** A method, or LIST: a GET of a SCIM collection (Users, Groups, ServicePrincipals), limited apart from a GET of one. */
export const RATE_LIMIT_KEYS = ['GET', 'LIST', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type RateLimitKey = (typeof RATE_LIMIT_KEYS)[number]
/** Requests per second, by key. */
export type RateLimits = Partial<Record<RateLimitKey, number>>

const RATE = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|sec|second|min|minute)\s*$/i
const EXAMPLE = 'e.g. 10/min or 2/s'

/** Requests per second of `10/min`, `2/s` or a number (per second); undefined when it is none of them or not > 0. */
export function parseRate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined
  if (typeof value !== 'string') return undefined
  const m = RATE.exec(value)
  if (!m) return undefined
  const n = Number(m[1])
  if (!(n > 0)) return undefined
  return (m[2] as string).toLowerCase().startsWith('s') ? n : n / 60
}

/** The valid entries of a `rate-limits` block, per second; undefined when it has none. */
export function rateLimitsOf(value: unknown): RateLimits | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const out: RateLimits = {}
  for (const key of RATE_LIMIT_KEYS) {
    const rate = parseRate((value as Record<string, unknown>)[key])
    if (rate !== undefined) out[key] = rate
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/** One thing wrong with a `rate-limits` block: the block's value, or one of its keys (the key itself, or its value). */
export interface RateLimitIssue {
  key?: string
  at: 'key' | 'value'
  message: string
}

/** What is wrong with a `rate-limits` block. */
export function rateLimitIssues(value: unknown): RateLimitIssue[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [
      {
        at: 'value',
        message: `must be a mapping of method to rate, not ${kindOf(value)}; e.g. { PATCH: 10/min, GET: 255/min }`
      }
    ]
  }
  const issues: RateLimitIssue[] = []
  for (const [key, rate] of Object.entries(value as Record<string, unknown>)) {
    if (!(RATE_LIMIT_KEYS as readonly string[]).includes(key)) {
      const upper = key.toUpperCase()
      issues.push({
        key,
        at: 'key',
        message: (RATE_LIMIT_KEYS as readonly string[]).includes(upper)
          ? `write the method in capitals: ${upper}`
          : `"${key}" is not a limited request; use ${RATE_LIMIT_KEYS.join(', ')} (LIST: a GET of Users, Groups or ServicePrincipals)`
      })
      continue
    }
    if (parseRate(rate) === undefined) {
      issues.push({
        key,
        at: 'value',
        message:
          rate === null || rate === undefined
            ? `the value is empty; set the requests allowed per second or minute, ${EXAMPLE}`
            : `${typeof rate === 'string' || typeof rate === 'number' ? describeValue(rate) : kindOf(rate)} is not a rate above 0; write requests per second or minute, ${EXAMPLE}`
      })
    }
  }
  return issues
}
