// `npm run demo`: runs the bundled action (dist/index.js) as a runner would, against the emulators seeded
// with the demo tenant, and prints its log and job summary.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { loadFixture } from '../emulators/fixture.js'
import { runAgainst, startEmulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'
import { summaryForTerminal } from './terminal.js'

const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const emulators = await startEmulators({ fixture })
try {
  const demoDir = join(ROOT, '.demo')
  mkdirSync(demoDir, { recursive: true })
  const config = demoConfig(emulators.workspaceHosts, emulators.vaultUrl)
  const configFile = join(demoDir, 'databricks-identities.yml')
  writeFileSync(configFile, config)
  const app = fixture.applications[0]
  if (!app) throw new Error('the demo tenant has no application')

  console.log(
    `Demo tenant ${fixture.tenantId}: emulators of Entra ID, GitHub OIDC, Graph, Key Vault and ${Object.keys(emulators.workspaceHosts).length} Databricks workspaces on loopback.`
  )
  console.log(`Config written to .demo/databricks-identities.yml:\n\n${config}`)
  const step = async (title: string, inputs: Record<string, string>, showSummary: boolean): Promise<number> => {
    console.log(`\n════ ${title} ════`)
    const run = await runAgainst(emulators, {
      cwd: ROOT,
      tempDir: demoDir,
      inputs: { config: '.demo/databricks-identities.yml', 'client-id': app.appId, ...inputs }
    })
    console.log('──── action log ────')
    console.log(run.visibleLog.replace(/^::debug::.*\n?/gm, '').trim())
    if (run.stderr.trim()) console.log(run.stderr.trim())
    if (showSummary) {
      console.log('\n──── job summary ────')
      console.log(summaryForTerminal(run.summary))
    }
    console.log(`\n──── outputs ────\n${JSON.stringify(run.outputs, null, 2)}\nexit code ${run.code}`)
    return run.code
  }

  const codes = [
    await step(
      '1. command: validate (PR check, online through GitHub OIDC -> Entra -> Graph)',
      { command: 'validate' },
      true
    ),
    await step(
      '2. command: sync, dry-run: true (the plan a merge would apply)',
      { command: 'sync', 'dry-run': 'true' },
      false
    ),
    await step('3. command: sync (apply)', { command: 'sync' }, true),
    await step('4. command: sync again (nothing changed in Entra: zero writes)', { command: 'sync' }, false)
  ]
  const writes = emulators.log.filter((e) => e.service.startsWith('databricks:') && e.method !== 'GET').length
  console.log(
    `\nDatabricks write requests over the whole demo: ${writes}. Summary file of the last step: .demo/summary.md`
  )
  process.exitCode = codes.some((c) => c !== 0) ? 1 : 0
} finally {
  await emulators.stop()
}

/** The demo config: the repository's example, pointed at the emulators' hosts. */
function demoConfig(hosts: Record<string, string>, vaultUrl: string): string {
  const template = parse(readFileSync(join(ROOT, 'emulators', 'fixtures', 'demo-config.yml'), 'utf8')) as {
    workspaces: { name: string; host: string; 'token-secret'?: string }[]
  }
  for (const ws of template.workspaces) {
    const host = hosts[ws.name]
    if (!host) throw new Error(`the demo tenant has no workspace ${ws.name}`)
    ws.host = host
    if (ws['token-secret']) ws['token-secret'] = `${vaultUrl}/secrets/${ws['token-secret'].split('/secrets/')[1] ?? ''}`
  }
  return `# yaml-language-server: $schema=../schema/config.schema.json\n${stringify(template)}`
}
