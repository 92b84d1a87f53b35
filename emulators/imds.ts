// A stand-in for the Azure Instance Metadata Service's managed identity endpoint, as a self-hosted runner on an Azure
// VM sees it: plain http (IMDS is http on the VM's link-local address), GET /metadata/identity/oauth2/token with the
// `Metadata: true` header, api-version, resource, and client_id for a user-assigned identity (the request MSAL's Imds
// source sends). Tokens are the Entra emulator's, so Graph, Key Vault and Databricks accept them. Point the action at it
// with AZURE_POD_IDENTITY_AUTHORITY_HOST=<url> (MSAL's Imds source then sends its requests there).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ImdsOptions {
  /** Mints an access token of an application (the Entra emulator's issueAccessToken). */
  issue(appId: string, resource: string): Promise<string>
  /** The appId of the VM's system-assigned identity; absent: the VM has none. */
  systemAssigned?: string
  /** appIds (client ids) of the user-assigned identities assigned to the VM. */
  userAssigned?: readonly string[]
  /** Token lifetime in seconds (default 3600 less a few seconds, as IMDS answers a cached token). */
  lifetimeSeconds?: number
}

export interface ImdsRequest {
  path: string
  metadataHeader: string | undefined
  apiVersion: string | null
  resource: string | null
  clientId: string | null
}

export interface Imds {
  /** http://127.0.0.1:<port>, the value of AZURE_POD_IDENTITY_AUTHORITY_HOST. */
  url: string
  requests: ImdsRequest[]
  /** Tokens issued, so tests can look for them where they must never appear. */
  issued: string[]
  stop(): Promise<void>
}

const TOKEN_PATH = '/metadata/identity/oauth2/token'

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

export async function startImds(options: ImdsOptions): Promise<Imds> {
  const requests: ImdsRequest[] = []
  const issued: string[] = []
  const lifetime = options.lifetimeSeconds ?? 3600
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://imds')
    const metadata = req.headers.metadata
    const seen: ImdsRequest = {
      path: url.pathname,
      metadataHeader: Array.isArray(metadata) ? metadata.join(',') : metadata,
      apiVersion: url.searchParams.get('api-version'),
      resource: url.searchParams.get('resource'),
      clientId: url.searchParams.get('client_id')
    }
    requests.push(seen)
    // MSAL's URL handling adds a trailing slash to the path.
    if (url.pathname.replace(/\/$/, '') !== TOKEN_PATH) return answer(res, 404, { error: 'not_found' })
    if (req.method !== 'GET') return answer(res, 405, { error: 'invalid_request', error_description: 'GET only' })
    // IMDS refuses requests without the header (a guard against server-side request forgery).
    if (seen.metadataHeader !== 'true') {
      return answer(res, 400, { error: 'invalid_request', error_description: 'Required metadata header not specified' })
    }
    if (!seen.apiVersion) {
      return answer(res, 400, {
        error: 'invalid_request',
        error_description: 'Required query variable api-version is missing'
      })
    }
    if (!seen.resource) {
      return answer(res, 400, {
        error: 'invalid_request',
        error_description: 'Required query variable resource is missing'
      })
    }
    const appId = seen.clientId
      ? options.userAssigned?.find((id) => id.toLowerCase() === seen.clientId?.toLowerCase())
      : options.systemAssigned
    if (!appId) return answer(res, 400, { error: 'invalid_request', error_description: 'Identity not found' })
    const token = await options.issue(appId, seen.resource)
    issued.push(token)
    const now = Math.floor(Date.now() / 1000)
    // IMDS gives the numbers as strings.
    return answer(res, 200, {
      access_token: token,
      client_id: appId,
      expires_in: String(lifetime - 1),
      expires_on: String(now + lifetime - 1),
      ext_expires_in: String(lifetime - 1),
      not_before: String(now),
      resource: seen.resource,
      token_type: 'Bearer'
    })
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      answer(res, 500, { error: 'server_error', error_description: String(error) })
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    issued,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
