// The request handler: sign-in, /v1.0/ path and query parsing, routing ($batch included), errors as Graph bodies.
import { randomUUID } from 'node:crypto'
import { ODataQueryError } from '../odata-filter.js'
import type { EmulatorRequest, EmulatorResponse, Handler } from '../types.js'
import { batch } from './batch.js'
import { badSegment, GraphHttpError } from './errors.js'
import { errorResponse, header, parseQuery, type Ctx } from './http.js'
import { authenticate, type Caller } from './permissions.js'
import { route } from './routes.js'
import type { GraphService } from './service.js'

export function createHandler(svc: GraphService): Handler {
  /** Handles a request; `auth` is set for requests inside a $batch (already authenticated by the outer request). */
  async function dispatch(req: EmulatorRequest, auth?: Caller): Promise<EmulatorResponse> {
    const requestId = randomUUID()
    const clientRequestId = header(req, 'client-request-id') ?? requestId
    const ids = { requestId, clientRequestId }
    try {
      const origin = req.url.origin
      svc.provisioning.tick()
      let caller = auth
      if (!caller) {
        const signedIn = await authenticate(svc.tokens, req, ids, svc.options.audiences)
        if ('status' in signedIn) return signedIn
        caller = signedIn
      }
      const path = req.url.pathname.split('/').filter((s, i) => i > 0 || s !== '')
      while (path.length && path[path.length - 1] === '') path.pop()
      const [version, ...rawSegs] = path
      if (version !== 'v1.0') {
        throw new GraphHttpError(
          400,
          'BadRequest',
          `Invalid version: '${version ?? ''}'. The Graph emulator serves v1.0.`
        )
      }
      let segs: string[]
      try {
        segs = rawSegs.map((s) => decodeURIComponent(s))
      } catch {
        throw new GraphHttpError(400, 'BadRequest', 'The request URL is not valid.')
      }
      if (segs.length === 0 || segs.some((s) => s === '')) throw badSegment(segs.find((s) => s === '') ?? '')
      const consistency = header(req, 'consistencylevel')
      const ctx: Ctx = {
        req,
        origin,
        requestId,
        clientRequestId,
        query: parseQuery(req.url),
        advanced: consistency?.toLowerCase() === 'eventual',
        roles: caller.roles,
        appId: caller.appId
      }
      if (segs.length === 1 && segs[0]?.toLowerCase() === '$batch') return await batch(ctx, svc.options, dispatch)
      return await route(svc, ctx, segs)
    } catch (e) {
      if (e instanceof GraphHttpError) return errorResponse(ids, e.status, e.code, e.message, e.headers)
      if (e instanceof ODataQueryError) return errorResponse(ids, e.status, e.code, e.message)
      const message = e instanceof Error ? e.message : String(e)
      return errorResponse(ids, 500, 'UnknownError', `Graph emulator failure: ${message}`)
    }
  }

  return (req) => dispatch(req)
}
