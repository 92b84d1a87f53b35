// The identity side of the emulators — GitHub OIDC, Entra ID and Key Vault — started on their own ports.
// index.ts adds Graph and the Databricks workspaces on top; tests of the identity flows can use this alone.
import {
  createEntra,
  createGithubOidc,
  entraServerError,
  entraThrottled,
  githubError,
  githubThrottled
} from './entra.js'
import type { Entra, GithubOidc } from './entra.js'
import { loadFixture, normalizeFixture, type TenantFixture } from './fixture.js'
import { createVault, vaultServerError, vaultThrottled, type Vault } from './keyvault.js'
import { startServer, type EmulatorServer, type RequestLogEntry, type ServerOptions } from './server.js'
import { ensureTestCa } from './tls.js'

export interface StartOptions {
  /** A tenant fixture, or the path of a YAML fixture file. */
  fixture: TenantFixture | string
  /** Where the test CA lives (default .emulators). */
  caDir?: string
  /** Latency added to every request of every service. */
  latencyMs?: number
  /** Listen address (default 127.0.0.1). */
  host?: string
}

export interface IdentityEmulators {
  fixture: TenantFixture
  caFile: string
  /** Combined request log of all servers started through `serverOptions()`. */
  log: RequestLogEntry[]
  /** Values never to appear in the log (client secrets, PATs, vault values, the OIDC request token). */
  sensitive: Set<string>
  /** Servers by service name. */
  servers: Record<string, EmulatorServer>
  /** TLS, latency, log and redaction settings shared by every server; add the service's error formats. */
  serverOptions(): ServerOptions
  github: GithubOidc
  entra: Entra
  vault: Vault
  authorityHost: string
  vaultUrl: string
  /** Set once the Graph emulator listens: its origin is a Graph audience for Entra tokens (roles claim). */
  setGraphAudience(origin: string): void
  stop(): Promise<void>
}

export async function startIdentityEmulators(opts: StartOptions): Promise<IdentityEmulators> {
  const fixture = normalizeFixture(typeof opts.fixture === 'string' ? loadFixture(opts.fixture) : opts.fixture)
  const { caFile, cert, key } = await ensureTestCa(opts.caDir)
  const log: RequestLogEntry[] = []
  const sensitive = new Set<string>()
  for (const app of fixture.applications) if (app.clientSecret) sensitive.add(app.clientSecret)
  for (const ws of fixture.workspaces) for (const pat of ws.pats ?? []) sensitive.add(pat)
  for (const value of Object.values(fixture.vault?.secrets ?? {})) sensitive.add(value)

  const servers: Record<string, EmulatorServer> = {}
  const serverOptions = (): ServerOptions => ({
    cert,
    key,
    host: opts.host ?? '127.0.0.1',
    ...(opts.latencyMs ? { latencyMs: opts.latencyMs } : {}),
    sensitive,
    onLog: (e) => log.push(e)
  })
  const stop = async () => {
    await Promise.all(Object.values(servers).map((s) => s.stop()))
  }

  try {
    const github = await createGithubOidc(fixture)
    servers.github = await startServer('github', github.handler, {
      ...serverOptions(),
      throttledResponse: githubThrottled,
      errorResponse: githubError
    })
    github.state.issuer = servers.github.url
    sensitive.add(github.state.requestToken)

    const graphAudiences: string[] = []
    const entra = await createEntra(fixture, { github, graphAudiences: () => graphAudiences })
    servers.entra = await startServer('entra', entra.handler, {
      ...serverOptions(),
      throttledResponse: entraThrottled,
      errorResponse: entraServerError
    })
    const authorityHost = servers.entra.url

    const vault = createVault(fixture.vault, entra.tokens, {
      tenantId: fixture.tenantId,
      authority: () => authorityHost,
      onSecretValue: (v) => sensitive.add(v)
    })
    servers.keyvault = await startServer('keyvault', vault.handler, {
      ...serverOptions(),
      throttledResponse: vaultThrottled,
      errorResponse: vaultServerError
    })

    return {
      fixture,
      caFile,
      log,
      sensitive,
      servers,
      serverOptions,
      github,
      entra,
      vault,
      authorityHost,
      vaultUrl: servers.keyvault.url,
      setGraphAudience: (origin) => void graphAudiences.push(origin),
      stop
    }
  } catch (e) {
    await stop()
    throw e
  }
}
