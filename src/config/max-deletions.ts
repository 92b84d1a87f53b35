import type { MaxDeletions } from './types.js'

/** Parses `25` (count) or `10%` (share); undefined when it is neither. */
export function parseMaxDeletions(value: string | number): MaxDeletions | undefined {
  const text = String(value).trim()
  const percent = /^(\d{1,3}(?:\.\d+)?)\s*%$/.exec(text)
  if (percent) {
    const share = Number(percent[1])
    return share <= 100 ? { kind: 'percent', value: share } : undefined
  }
  if (/^\d+$/.test(text)) return { kind: 'count', value: Number(text) }
  return undefined
}

export function formatMaxDeletions(max: MaxDeletions): string {
  return max.kind === 'percent' ? `${max.value}%` : String(max.value)
}
