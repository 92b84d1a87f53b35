// Graph's HTTP conventions: request context, headers, error bodies, paging tokens, links, $top and $select.
import type { PropertyDef } from '../odata-filter.js'
import type { EmulatorRequest, EmulatorResponse } from '../types.js'
import { GraphHttpError, methodNotAllowed } from './errors.js'

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'
export const PAGE_DEFAULT = 100
export const PAGE_MAX = 999
const SKIP_PREFIX = 'RFNwdAIA'

export interface Ctx {
  req: EmulatorRequest
  origin: string
  requestId: string
  clientRequestId: string
  /** Lower-cased query option names without the leading $ -> value. */
  query: Map<string, string>
  /** ConsistencyLevel: eventual (advanced query capabilities). */
  advanced: boolean
  roles: Set<string>
  /** Caller's appId (token appid claim). */
  appId: string | undefined
}

export function header(req: EmulatorRequest, name: string): string | undefined {
  const lower = name.toLowerCase()
  let v = req.headers[lower]
  // Node lower-cases header names; hand-built requests may not.
  if (v === undefined) v = Object.entries(req.headers).find(([k]) => k.toLowerCase() === lower)?.[1]
  return Array.isArray(v) ? v[0] : v
}

export function baseHeaders(ctx: Pick<Ctx, 'requestId' | 'clientRequestId'>): Record<string, string> {
  return {
    'content-type': JSON_TYPE,
    'request-id': ctx.requestId,
    'client-request-id': ctx.clientRequestId,
    'odata-version': '4.0',
    'cache-control': 'no-cache'
  }
}

export function errorResponse(
  ctx: Pick<Ctx, 'requestId' | 'clientRequestId'>,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {}
): EmulatorResponse {
  return {
    status,
    headers: { ...baseHeaders(ctx), ...extra },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': ctx.requestId,
          'client-request-id': ctx.clientRequestId
        }
      }
    }
  }
}

export function encodeToken(value: unknown): string {
  return SKIP_PREFIX + Buffer.from(JSON.stringify(value)).toString('base64url')
}

export function decodeToken(token: string, name: string): Record<string, unknown> {
  try {
    if (!token.startsWith(SKIP_PREFIX)) throw new Error('prefix')
    const v = JSON.parse(Buffer.from(token.slice(SKIP_PREFIX.length), 'base64url').toString('utf8')) as unknown
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('shape')
    return v as Record<string, unknown>
  } catch {
    throw new GraphHttpError(400, 'Request_BadRequest', `Invalid ${name} value: '${token}'.`)
  }
}

/** Builds a link back to this service keeping `$`-prefixed names readable, as Graph's links do. */
export function link(ctx: Ctx, path: string, params: Array<[string, string]>): string {
  const qs = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
  return `${ctx.origin}/v1.0/${path}${qs ? `?${qs}` : ''}`
}

export function parseQuery(url: URL): Map<string, string> {
  const q = new Map<string, string>()
  for (const [k, v] of url.searchParams) q.set(k.replace(/^\$/, '').toLowerCase(), v)
  return q
}

export function parseTop(ctx: Ctx): number {
  const raw = ctx.query.get('top')
  if (raw === undefined) return PAGE_DEFAULT
  if (!/^\d+$/.test(raw.trim())) {
    throw new GraphHttpError(400, 'BadRequest', `Invalid value '${raw}' for query option '$top'.`)
  }
  const n = Number(raw)
  if (n < 1 || n > PAGE_MAX) {
    throw new GraphHttpError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${raw}'. Must be between 1 and ${PAGE_MAX} inclusive.`
    )
  }
  return n
}

export function parseSelect(
  ctx: Ctx,
  allowed: ReadonlyMap<string, PropertyDef>,
  typeName: string
): string[] | undefined {
  const raw = ctx.query.get('select')
  if (raw === undefined || raw.trim() === '') return undefined
  const out: string[] = []
  for (const part of raw.split(',')) {
    const name = part.trim()
    if (!name) continue
    if (name === '*') {
      for (const p of allowed.values()) if (!out.includes(p.name)) out.push(p.name)
      continue
    }
    const def = allowed.get(name.toLowerCase())
    if (!def)
      throw new GraphHttpError(400, 'BadRequest', `Could not find a property named '${name}' on type '${typeName}'.`)
    if (!out.includes(def.name)) out.push(def.name)
  }
  return out
}

export function contextUrl(ctx: Ctx, set: string, select: string[] | undefined, entity = false): string {
  return `${ctx.origin}/v1.0/$metadata#${set}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`
}

export function requireGet(ctx: Ctx): void {
  if (ctx.req.method.toUpperCase() !== 'GET') throw methodNotAllowed(ctx.req.method.toUpperCase())
}
