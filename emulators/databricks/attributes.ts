// SCIM `attributes` / `excludedAttributes`: which top-level attributes a rendered resource includes.

/** Decides which top-level attributes (lower-case names) a rendering includes. */
export type AttributeSelector = (lowerName: string) => boolean
export const ALL_ATTRIBUTES: AttributeSelector = () => true

/** The selector for SCIM `attributes` / `excludedAttributes` query values (`id` and `schemas` always kept). */
export function attributeSelector(attributes?: string | null, excludedAttributes?: string | null): AttributeSelector {
  const names = (list: string): string[] =>
    list
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => {
        const bare = /^urn:/i.test(s) ? s.slice(s.lastIndexOf(':') + 1) : s
        return bare.split('.')[0]!.toLowerCase()
      })
  const include = attributes ? new Set(names(attributes)) : undefined
  // Only whole attributes can be excluded (`members`); sub-attribute exclusions are ignored.
  const exclude = excludedAttributes
    ? new Set(
        excludedAttributes
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '' && !s.includes('.'))
          .map((s) => (/^urn:/i.test(s) ? s.slice(s.lastIndexOf(':') + 1) : s).toLowerCase())
      )
    : undefined
  if (!include?.size && !exclude?.size) return ALL_ATTRIBUTES
  return (name) => {
    if (name === 'id' || name === 'schemas') return true
    if (include?.size && !include.has(name)) return false
    return !exclude?.has(name)
  }
}
