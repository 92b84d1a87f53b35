// The HTTPS transport of the Databricks clients: node:https with a keep-alive agent per client. A first sync sends
// tens of thousands of small SCIM requests; fetch (undici, web streams) allocates several times more per request,
// which at that rate is most of the action's memory. Same certificate store (NODE_EXTRA_CA_CERTS), same errors
// (error.code: ECONNRESET, ENOTFOUND, CERT_…), and an aborted signal fails the request as fetch does.
import { Agent, request } from 'node:https'

/** What the clients need of an answer (fetch's Response has it too, so tests may pass fetch). */
export interface HttpAnswer {
  status: number
  headers: { get(name: string): string | null }
  text(): Promise<string>
}

export interface HttpRequestInit {
  method: string
  headers: Record<string, string>
  body?: string
  /** Redirects are never followed (a token must not go to another host): the 3xx is the answer. */
  redirect: 'manual'
  signal: AbortSignal
}

export type HttpTransport = (url: string, init: HttpRequestInit) => Promise<HttpAnswer>

/** Connections kept open per host: a client's writes in flight plus its reads. */
const SOCKETS_PER_HOST = 16

export function httpsTransport(): HttpTransport {
  const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS_PER_HOST })
  return (url, init) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const target = new URL(url)
      if (target.protocol !== 'https:') {
        reject(
          Object.assign(new TypeError(`only https is allowed (got ${target.protocol})`), { code: 'ERR_INVALID_URL' })
        )
        return
      }
      const headers: Record<string, string | number> = { ...init.headers }
      if (init.body !== undefined) headers['Content-Length'] = Buffer.byteLength(init.body)
      const req = request(target, { method: init.method, headers, agent, signal: init.signal }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: res.statusCode ?? 0,
            headers: {
              get: (name) => {
                const value = res.headers[name.toLowerCase()]
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value
              }
            },
            text: () => Promise.resolve(text)
          })
        })
      })
      req.on('error', (error: Error) => {
        // An abort carries the signal's reason (a TimeoutError), as fetch reports it.
        reject(init.signal.aborted && init.signal.reason instanceof Error ? init.signal.reason : error)
      })
      req.end(init.body)
    })
}
