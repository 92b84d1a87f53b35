// `node build/emulators/cli.js [--fixture file] [--env-file path | --write-env path] [--latency ms] [--ca-dir dir]`
// Starts every emulator seeded from a tenant fixture, prints the URLs and the runner environment,
// and runs until SIGINT/SIGTERM.
// Node 24 itself checks a `--env-file` argument even after the script name and exits with code 9 when the file
// does not exist (nodejs/node#54232), so `--write-env` is the same option under a name Node leaves alone.
import { existsSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startEmulators } from './index.js'

function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return process.cwd()
  }
}

const { values } = parseArgs({
  options: {
    fixture: { type: 'string' },
    'env-file': { type: 'string' },
    'write-env': { type: 'string' },
    latency: { type: 'string' },
    'ca-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' }
  }
})

if (values.help) {
  console.log(
    'Usage: node build/emulators/cli.js [--fixture file] [--write-env path] [--latency ms] [--ca-dir dir]\n' +
      'Starts the Entra ID, GitHub OIDC, Graph, Key Vault and Databricks (workspace and account) emulators on loopback HTTPS.'
  )
  process.exit(0)
}

const root = repoRoot(import.meta.dirname)
const fixtureFile = resolve(values.fixture ?? join(root, 'emulators', 'fixtures', 'demo-tenant.yml'))
const emulators = await startEmulators({
  fixture: fixtureFile,
  caDir: values['ca-dir'] ?? join(root, '.emulators'),
  ...(values.latency ? { latencyMs: Number(values.latency) } : {})
})

const env: Record<string, string> = {
  ...emulators.env(),
  EMULATOR_TENANT_ID: emulators.tenantId,
  EMULATOR_AUTHORITY_HOST: emulators.authorityHost,
  EMULATOR_GRAPH_ENDPOINT: emulators.graphEndpoint,
  EMULATOR_VAULT_URL: emulators.vaultUrl,
  ...(emulators.accountHost && emulators.accountId
    ? { EMULATOR_ACCOUNT_HOST: emulators.accountHost, EMULATOR_ACCOUNT_ID: emulators.accountId }
    : {}),
  ...Object.fromEntries(
    Object.entries(emulators.workspaceHosts).map(([name, url]) => [
      `EMULATOR_WORKSPACE_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`,
      url
    ])
  )
}

const pad = (s: string) => s.padEnd(28)
console.log(`Emulators for tenant ${emulators.tenantId} (fixture ${fixtureFile})`)
console.log(`${pad('Entra ID (authority-host)')}${emulators.authorityHost}`)
console.log(`${pad('Graph (graph-endpoint)')}${emulators.graphEndpoint}`)
console.log(`${pad('Key Vault')}${emulators.vaultUrl}`)
console.log(`${pad('GitHub OIDC')}${emulators.githubOidc.requestUrl}`)
for (const [name, url] of Object.entries(emulators.workspaceHosts)) console.log(`${pad(`Databricks ${name}`)}${url}`)
if (emulators.accountHost) {
  console.log(`${pad('Databricks account')}${emulators.accountHost} (account ${emulators.accountId})`)
}
console.log('\nEnvironment:')
for (const [k, v] of Object.entries(env)) console.log(`  ${k}=${v}`)
const envFile = values['write-env'] ?? values['env-file']
if (envFile) {
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join('')
  )
  console.log(`\nWrote ${envFile}`)
}
console.log('\nPress Ctrl+C to stop.')

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping emulators`)
  emulators.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e)
      process.exit(1)
    }
  )
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
