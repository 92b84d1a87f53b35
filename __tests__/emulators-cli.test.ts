// The emulators started from the command line, as `npm run emulators` does (build/ is compiled by npm test).
import { expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { ROOT } from '../emulators/runner.js'

test('cli.js starts every service, writes the runner environment and stops on SIGTERM', async () => {
  const envFile = join(mkdtempSync(join(tmpdir(), 'emu-cli-')), 'env')
  const child = spawn(process.execPath, [join(ROOT, 'build', 'emulators', 'cli.js'), '--write-env', envFile], {
    cwd: ROOT,
    stdio: 'ignore'
  })
  try {
    for (let i = 0; i < 100 && !existsSync(envFile); i++) await sleep(100)
    const env = Object.fromEntries(
      readFileSync(envFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
    )
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'ACTIONS_ID_TOKEN_REQUEST_URL',
        'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
        'NODE_EXTRA_CA_CERTS',
        'EMULATOR_AUTHORITY_HOST',
        'EMULATOR_GRAPH_ENDPOINT',
        'EMULATOR_VAULT_URL',
        'EMULATOR_WORKSPACE_ANALYTICS_PROD',
        'EMULATOR_WORKSPACE_ANALYTICS_DEV'
      ])
    )
    const metadata = await fetch(
      `${env.EMULATOR_AUTHORITY_HOST}/${env.EMULATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`
    )
    expect(((await metadata.json()) as { issuer: string }).issuer).toBe(
      `${env.EMULATOR_AUTHORITY_HOST}/${env.EMULATOR_TENANT_ID}/v2.0`
    )
    const oidc = await fetch(`${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api://AzureADTokenExchange`, {
      headers: { Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
    })
    expect(oidc.status).toBe(200)
    const scim = await fetch(`${env.EMULATOR_WORKSPACE_ANALYTICS_PROD}/api/2.0/preview/scim/v2/Users`)
    expect(scim.status).toBe(401)
  } finally {
    child.kill('SIGTERM')
  }
  const code =
    child.exitCode ?? child.signalCode ?? (await new Promise<number | null>((done) => child.on('exit', (c) => done(c))))
  expect(code).toBe(0)
})
