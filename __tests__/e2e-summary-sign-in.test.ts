// End-to-end: a sign-in failure is reported once for the run, not once per target (the account and two
// workspaces here), and the job summary links to the run and the commit and holds no literal backtick.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { loadFixture } from '../emulators/fixture.js'
import { demoWorkspaces, startJob, type EmulatedJob } from '../emulators/index.js'
import { ROOT, type ActionRun } from '../emulators/runner.js'

const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
const SHA = 'c0ffee0123456789abcdef0123456789abcdef01'
const RUNNER = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'contoso/data-platform',
  GITHUB_RUN_ID: '9876543210',
  GITHUB_RUN_ATTEMPT: '3',
  GITHUB_SHA: SHA,
  GITHUB_EVENT_NAME: 'schedule'
}

let job: EmulatedJob

beforeEach(async () => {
  job = await startJob('e2e-sign-in-', { fixture }, (emu) => ({
    version: 1,
    defaults: { 'max-deletions': '50%' },
    account: {
      id: emu.accountId,
      host: emu.accountHost,
      groups: [{ entra: 'Data Engineers', databricks: 'data-engineers' }]
    },
    workspaces: demoWorkspaces(emu, { auth: 'entra', groups: ['Databricks-Group-Test'] }, { groups: ['Data Analysts'] })
  }))
})

afterEach(async () => {
  await job?.emu.stop()
})

const run = (env: Record<string, string | undefined>): Promise<ActionRun> =>
  job.run({ inputs: { command: 'sync' }, env: { ...RUNNER, ...env } })

const count = (text: string, part: string): number => text.split(part).length - 1

describe('a sign-in failure', () => {
  test('no OIDC token (no id-token: write): one error for the run, each target marked, outputs still written', async () => {
    const r = await run({ ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined })
    expect(r.code).toBe(1)
    const cause = 'GitHub did not give this job an OIDC token'
    // Once in the summary, once as the error annotation: never under each workspace.
    expect(count(r.summary, cause)).toBe(1)
    const errors = r.annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(count(errors[0]?.message ?? '', cause)).toBe(1)
    expect(errors[0]?.message).toMatch(/^Signing in failed, so nothing was read or changed: GitHub did not give/)
    expect(errors[0]?.message).toContain(
      ['account', 'analytics-prod', 'analytics-dev'].map((t) => `\n${t}: not synced (signing in failed)`).join('')
    )
    expect(r.summary).toContain('signing in failed')
    expect(count(r.summary, 'Not synced: signing in failed (the error is below)')).toBe(3)
    expect(r.outputs).toMatchObject({
      changes: '0',
      'has-changes': 'false',
      'failed-workspaces': 'account,analytics-prod,analytics-dev'
    })
    // Nothing was read.
    expect(job.emu.log.filter((e) => e.service !== 'github' && e.service !== 'entra')).toEqual([])
    // The fix's `code` is HTML, as everything else in the summary.
    expect(r.summary).not.toContain('`')
    expect(r.summary).toContain('<code>permissions: id-token: write</code>')
  })

  test('no federated credential for the subject: one token request, one error naming the subject', async () => {
    const app = job.emu.fixture.applications[0]
    if (!app) throw new Error('no app')
    const own = app.federatedCredentials
    app.federatedCredentials = [{ subject: 'repo:contoso/other:ref:refs/heads/main' }]
    const r = await run({}).finally(() => {
      app.federatedCredentials = own
    })
    expect(r.code).toBe(1)
    expect(count(r.summary, 'AADSTS70021')).toBe(1)
    expect(r.annotations.filter((a) => a.level === 'error' && a.message.includes('AADSTS70021'))).toHaveLength(1)
    expect(job.emu.entra.failures.filter((f) => f.code === 70021)).toHaveLength(1)
    expect(r.summary).not.toContain('`')
  })
})

describe('run links', () => {
  test('the summary ends with links to this run attempt and the commit', async () => {
    const r = await run({})
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([])
    expect(r.code).toBe(0)
    expect(r.summary).toContain(
      '<a href="https://github.com/contoso/data-platform/actions/runs/9876543210/attempts/3">this run</a>'
    )
    expect(r.summary).toContain(
      `<a href="https://github.com/contoso/data-platform/commit/${SHA}"><code>c0ffee0</code></a>`
    )
    expect(r.summary).not.toContain('`')
  })
})
