// `npm run demo`: runs the bundled action (dist/index.js) as a runner would, against the emulators seeded
// with the demo tenant, and prints its log and job summary.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { loadFixture, withAccount } from '../emulators/fixture.js'
import { DEMO_REPO, startGithubApi } from '../emulators/github/index.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { ROOT } from '../emulators/runner.js'
import { summaryForTerminal } from './terminal.js'

const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const demoDir = join(ROOT, '.demo')
mkdirSync(demoDir, { recursive: true })
const app = fixture.applications[0]
if (!app) throw new Error('the demo tenant has no application')
const emulators = await startEmulators({ fixture })
const codes: number[] = []
try {
  const config = demoConfig(emulators.workspaceHosts, emulators.vaultUrl)
  const configFile = join(demoDir, 'databricks-identities.yml')
  writeFileSync(configFile, config)

  console.log(
    `Demo tenant ${fixture.tenantId}: emulators of Entra ID, GitHub OIDC, Graph, Key Vault and ${Object.keys(emulators.workspaceHosts).length} Databricks workspaces on loopback.`
  )
  console.log(`Config written to .demo/databricks-identities.yml:\n\n${config}`)
  const step = demoStep(emulators, '.demo/databricks-identities.yml')
  codes.push(
    await step(
      '1. command: validate (PR check, online through GitHub OIDC -> Entra -> Graph)',
      { command: 'validate' },
      true
    ),
    await step(
      '2. command: sync, dry-run: true (the plan a merge would apply: what a reviewer sees)',
      { command: 'sync', 'dry-run': 'true' },
      true,
      'summary-dry-run.md'
    ),
    await pullRequestComment(emulators, '.demo/databricks-identities.yml'),
    await step('3. command: sync (apply)', { command: 'sync' }, true),
    await step('4. command: sync again (nothing changed in Entra: zero writes)', { command: 'sync' }, false)
  )
  const writes = emulators.log.filter((e) => e.service.startsWith('databricks:') && e.method !== 'GET').length
  console.log(`\nDatabricks workspace write requests over the first part: ${writes}.`)
} finally {
  await emulators.stop()
}

// Part two: the same workspaces in an account with automatic identity management (the demo tenant's aimAccount).
const aim = await startEmulators({ fixture: withAccount(fixture, fixture.aimAccount) })
try {
  const config = demoConfig(aim.workspaceHosts, aim.vaultUrl, 'demo-config-aim.yml', aim.accountHost)
  writeFileSync(join(demoDir, 'databricks-identities-aim.yml'), config)
  console.log(
    `\n\n════════ Accounts with automatic identity management ════════\nConfig written to .demo/databricks-identities-aim.yml:\n\n${config}`
  )
  const step = demoStep(aim, '.demo/databricks-identities-aim.yml')
  codes.push(
    await step(
      '5. command: sync, dry-run: true (readiness for automatic identity management, and the plan)',
      { command: 'sync', 'dry-run': 'true' },
      true
    ),
    await step(
      '6. command: sync (resolve Entra principals, assign them to workspaces, keep the denylist)',
      { command: 'sync' },
      true
    ),
    await step('7. command: sync again (zero writes)', { command: 'sync' }, false)
  )
  const writes = aim.log.filter((e) => e.service === 'databricks-account' && e.method !== 'GET')
  const scim = writes.filter((e) => e.path.includes('/scim/v2/')).length
  console.log(
    `\nAccount write requests over the second part: ${writes.length}, of which through SCIM: ${scim}. Summary file of the last step: .demo/summary.md`
  )
} finally {
  await aim.stop()
}
process.exitCode = codes.some((c) => c !== 0) ? 1 : 0

/** Runs the action once against `emu` with `config`, and prints its log, summary (when asked) and outputs. */
function demoStep(emu: Emulators, config: string) {
  return async (
    title: string,
    inputs: Record<string, string>,
    showSummary: boolean,
    // Kept under .demo/ for scripts/render-summary.ts (the README's picture of a job summary).
    saveSummaryAs?: string
  ): Promise<number> => {
    console.log(`\n════ ${title} ════`)
    const run = await runAgainst(emu, {
      cwd: ROOT,
      tempDir: demoDir,
      inputs: { config, 'client-id': app?.appId ?? '', ...inputs }
    })
    console.log('──── action log ────')
    console.log(run.visibleLog.replace(/^::debug::.*\n?/gm, '').trim())
    if (run.stderr.trim()) console.log(run.stderr.trim())
    if (saveSummaryAs) writeFileSync(join(demoDir, saveSummaryAs), run.summary)
    if (showSummary) {
      console.log('\n──── job summary ────')
      console.log(summaryForTerminal(run.summary))
    }
    console.log(`\n──── outputs ────\n${JSON.stringify(run.outputs, null, 2)}\nexit code ${run.code}`)
    return run.code
  }
}

/** The dry-run again as a pull_request run, against the GitHub REST stand-in: the comment reviewers read. */
async function pullRequestComment(emu: Emulators, config: string): Promise<number> {
  console.log('\n════ 2b. the same dry-run on a pull request: its comment (kept in .demo/pr-comment.md) ════')
  const github = await startGithubApi()
  try {
    const run = await runAgainst(emu, {
      cwd: ROOT,
      inputs: { command: 'sync', config, 'dry-run': 'true', 'github-token': github.writeToken },
      env: github.env({ number: 7 })
    })
    const body = github.state.commentsOf(DEMO_REPO, 7)[0]?.body ?? '(no comment was made)'
    writeFileSync(join(demoDir, 'pr-comment.md'), body)
    console.log(summaryForTerminal(body))
    return run.code
  } finally {
    await github.stop()
  }
}

/** The demo config: the repository's example, pointed at the emulators' hosts. */
function demoConfig(
  hosts: Record<string, string>,
  vaultUrl: string,
  file = 'demo-config.yml',
  accountHost?: string
): string {
  const template = parse(readFileSync(join(ROOT, 'emulators', 'fixtures', file), 'utf8')) as {
    account?: { host?: string }
    workspaces: { name: string; host: string; 'token-secret'?: string }[]
  }
  if (template.account && accountHost) template.account.host = accountHost
  for (const ws of template.workspaces) {
    const host = hosts[ws.name]
    if (!host) throw new Error(`the demo tenant has no workspace ${ws.name}`)
    ws.host = host
    if (ws['token-secret']) ws['token-secret'] = `${vaultUrl}/secrets/${ws['token-secret'].split('/secrets/')[1] ?? ''}`
  }
  return `# yaml-language-server: $schema=../schema/config.schema.json\n${stringify(template)}`
}
