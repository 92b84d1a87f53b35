// Graph paging, the one loop every Graph list read uses: it follows `@odata.nextLink` only within the configured
// Graph origin and version root, so a page can never send the bearer token (or the read) to another host.
import { ActionError } from '../../errors.js'

export interface GraphPage<T> {
  value: T[]
  '@odata.nextLink'?: string
  '@odata.deltaLink'?: string
}

/** A next or delta link as a URL relative to the version root; a link to another host is refused, never followed. */
export function relativeGraphLink(endpoint: string, link: string): string {
  const base = new URL(endpoint)
  const url = new URL(link, base)
  const version = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname)
  if (url.origin !== base.origin || !version) {
    throw new ActionError(`Microsoft Graph returned a next link outside ${base.origin}/v1.0; it was not followed.`)
  }
  return `${version[2]}${url.search}`
}

/**
 * Every page of a list or delta query, following `@odata.nextLink` to the end (the last page carries the
 * `@odata.deltaLink` of a delta query). A page without a value array is an error: a read is whole or it fails.
 */
export async function* graphPages<T>(
  get: (url: string) => Promise<unknown>,
  endpoint: string,
  url: string
): AsyncGenerator<GraphPage<T>> {
  let page = (await get(url)) as GraphPage<T>
  for (;;) {
    if (!Array.isArray(page?.value)) throw new ActionError('Microsoft Graph answered a list without a value array.')
    yield page
    const next = page['@odata.nextLink']
    if (!next) return
    page = (await get(relativeGraphLink(endpoint, next))) as GraphPage<T>
  }
}

/** All items of a list read. */
export async function readAllPages<T>(
  get: (url: string) => Promise<unknown>,
  endpoint: string,
  url: string
): Promise<T[]> {
  const all: T[] = []
  for await (const page of graphPages<T>(get, endpoint, url)) all.push(...page.value)
  return all
}
