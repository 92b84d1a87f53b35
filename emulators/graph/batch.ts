// $batch: up to 20 steps run in order through the handler, with dependsOn and a per-step throttle hook.
import type { EmulatorRequest, EmulatorResponse } from '../types.js'
import { GraphHttpError } from './errors.js'
import { baseHeaders, errorResponse, header, type Ctx } from './http.js'
import type { Caller } from './permissions.js'
import type { GraphOptions } from './service.js'

const BATCH_MAX = 20

/** Handles a request inside a $batch for a caller already signed in. */
export type InnerDispatch = (req: EmulatorRequest, caller: Caller) => Promise<EmulatorResponse>

export async function batch(ctx: Ctx, options: GraphOptions, dispatch: InnerDispatch): Promise<EmulatorResponse> {
  if (ctx.req.method.toUpperCase() !== 'POST') {
    throw new GraphHttpError(405, 'Request_BadRequest', 'Use POST for $batch.')
  }
  let payload = ctx.req.body
  if (payload === undefined && ctx.req.rawBody) {
    try {
      payload = JSON.parse(ctx.req.rawBody) as unknown
    } catch {
      payload = undefined
    }
  }
  const requests = (payload as { requests?: unknown } | undefined)?.requests
  if (!Array.isArray(requests)) throw new GraphHttpError(400, 'BadRequest', 'Invalid batch payload format.')
  if (requests.length > BATCH_MAX) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Number of batch request steps exceeds the maximum of ${BATCH_MAX}. (${requests.length} requests were sent.)`
    )
  }
  interface Step {
    id: string
    method: string
    url: string
    headers?: Record<string, string>
    body?: unknown
    dependsOn?: string[]
  }
  const steps: Step[] = []
  const ids = new Set<string>()
  for (const r of requests as unknown[]) {
    const s = r as Partial<Step> | null
    if (
      !s ||
      typeof s !== 'object' ||
      typeof s.id !== 'string' ||
      !s.id ||
      typeof s.method !== 'string' ||
      typeof s.url !== 'string'
    ) {
      throw new GraphHttpError(400, 'BadRequest', 'Invalid batch payload format.')
    }
    if (ids.has(s.id)) throw new GraphHttpError(400, 'BadRequest', `Batch request contains duplicate id '${s.id}'.`)
    ids.add(s.id)
    steps.push(s as Step)
  }
  for (const s of steps) {
    for (const d of s.dependsOn ?? []) {
      if (!ids.has(d)) throw new GraphHttpError(400, 'BadRequest', `Request '${s.id}' depends on unknown id '${d}'.`)
    }
  }
  const statuses = new Map<string, number>()
  const responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> = []
  for (const s of steps) {
    const failedDep = (s.dependsOn ?? []).find((d) => {
      const st = statuses.get(d)
      return st === undefined || st >= 400
    })
    let res: EmulatorResponse
    if (/^\/?\$batch/i.test(s.url)) {
      res = errorResponse(ctx, 400, 'BadRequest', 'Nested $batch requests are not supported.')
    } else if (failedDep !== undefined) {
      res = errorResponse(
        ctx,
        424,
        'FailedDependency',
        `Request failed because request '${failedDep}' it depends on failed.`
      )
    } else {
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(s.headers ?? {})) headers[k.toLowerCase()] = String(v)
      const auth = header(ctx.req, 'authorization')
      if (auth !== undefined) headers.authorization = auth
      const rel = s.url.startsWith('/') ? s.url : `/${s.url}`
      let url: URL
      try {
        url = new URL(`${ctx.origin}/v1.0${rel}`)
      } catch {
        url = new URL(`${ctx.origin}/v1.0/%20`)
      }
      const innerReq: EmulatorRequest = {
        method: s.method.toUpperCase(),
        url,
        headers,
        body: s.body,
        rawBody: s.body === undefined ? '' : JSON.stringify(s.body)
      }
      res = options.innerThrottle?.(innerReq) ?? (await dispatch(innerReq, { roles: ctx.roles, appId: ctx.appId }))
    }
    statuses.set(s.id, res.status)
    const outHeaders: Record<string, string> = {}
    for (const [k, v] of Object.entries(res.headers ?? {})) {
      if (k === 'request-id' || k === 'client-request-id') continue
      outHeaders[k === 'content-type' ? 'Content-Type' : k === 'retry-after' ? 'Retry-After' : k] = v
    }
    responses.push({
      id: s.id,
      status: res.status,
      headers: outHeaders,
      ...(res.body !== undefined ? { body: res.body } : {})
    })
  }
  return { status: 200, headers: baseHeaders(ctx), body: { responses } }
}
