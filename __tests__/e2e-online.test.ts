// End-to-end: the OIDC chain GitHub OIDC -> Entra token -> Microsoft Graph, run as `node dist/index.js`
// against the emulators with the real @azure/identity and Graph client, and secret hygiene on every path.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { normalizeFixture, type TenantFixture } from '../emulators/fixture.js'
import { runAgainst, startEmulators, type Emulators } from '../emulators/index.js'
import { leaks, ROOT, type ActionRun } from '../emulators/runner.js'

const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
const NO_GRAPH_APP = '6d4b2a1f-9e3c-4f7b-a058-2c3d4e5f6a71'
const NO_GRAPH_SECRET = 'emu~NoGraphSecret.0123456789-abcdef'
const AMBIGUOUS_A = 'aaaaaaaa-0000-4000-8000-000000000001'
const AMBIGUOUS_B = 'aaaaaaaa-0000-4000-8000-000000000002'
const QUOTED = `O'Brien's "Quoted" Team`
const METACHARS = 'R&D + Ops #1 (50%)'

let emu: Emulators
let fixture: TenantFixture
let workdir: string
let secrets: string[]

beforeAll(async () => {
  const demo = parse(readFileSync(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'), 'utf8')) as TenantFixture
  fixture = normalizeFixture({
    ...demo,
    applications: [
      ...demo.applications,
      { displayName: 'no-graph-permissions', appId: NO_GRAPH_APP, clientSecret: NO_GRAPH_SECRET }
    ],
    groups: [
      ...demo.groups,
      { displayName: QUOTED, members: ['lee.gu@contoso.com'] },
      { displayName: METACHARS, members: ['lee.gu@contoso.com'] },
      { displayName: 'Analysts', id: AMBIGUOUS_A },
      { displayName: 'Analysts', id: AMBIGUOUS_B }
    ]
  })
  emu = await startEmulators({ fixture })
  workdir = mkdtempSync(join(tmpdir(), 'e2e-online-'))
  const app = fixture.applications.find((a) => a.appId === SYNC_APP)
  secrets = [
    app?.clientSecret ?? '',
    NO_GRAPH_SECRET,
    emu.githubOidc.requestToken,
    ...Object.values(fixture.vault?.secrets ?? {}),
    ...fixture.workspaces.flatMap((w) => w.pats ?? [])
  ]
})

afterAll(async () => {
  await emu?.stop()
})

afterEach(() => {
  emu.resetKnobs()
  emu.github.subject = 'repo:contoso/data-platform:ref:refs/heads/main'
  emu.clearLog()
})

function writeConfig(groups: unknown[]): string {
  const file = join(workdir, 'databricks-identities.yml')
  writeFileSync(
    file,
    stringify({
      version: 1,
      workspaces: [{ name: 'analytics-prod', host: emu.workspaceHosts['analytics-prod'], groups }]
    })
  )
  return 'databricks-identities.yml'
}

function validateOnline(inputs: Record<string, string> = {}, env: Record<string, string | undefined> = {}) {
  return runAgainst(emu, {
    cwd: workdir,
    inputs: { command: 'validate', config: 'databricks-identities.yml', ...inputs },
    env
  })
}

/** No secret and no JWT (OIDC token, access token) in the log, stderr, summary or outputs. */
function expectNoSecrets(run: ActionRun): void {
  expect(leaks(run, secrets)).toEqual([])
  const jwt = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/
  for (const [place, text] of Object.entries({
    log: run.visibleLog,
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs)
  })) {
    expect([place, jwt.test(text)]).toEqual([place, false])
  }
}

describe('validate online through GitHub OIDC', () => {
  test('GitHub OIDC token -> Entra token -> Graph lookups, every group resolved', async () => {
    writeConfig(['Databricks-Group-Test', { entra: 'data engineers', databricks: 'data-engineers' }, QUOTED, METACHARS])
    const run = await validateOnline()
    expect(run.annotations).toEqual([])
    expect(run.code).toBe(0)
    expect(run.summary).toContain(
      `Online check in tenant <code>${fixture.tenantId}</code>: 4 of 4 Entra groups resolved`
    )
    const quotedId = fixture.groups.find((g) => g.displayName === QUOTED)?.id ?? ''
    expect(run.summary).toContain(`<td>O'Brien's &quot;Quoted&quot; Team</td>`)
    expect(run.summary).toContain(`✅ <code>${quotedId}</code>`)

    // The chain, in order: GitHub mints an OIDC token, Entra exchanges it, Graph answers with that token.
    const services = emu.log.map((e) => `${e.service} ${e.method} ${e.path}`)
    const oidc = services.indexOf('github GET /_apis/oidc/token')
    const token = services.indexOf(`entra POST /${fixture.tenantId}/oauth2/v2.0/token`)
    const graph = services.findIndex((s) => s.startsWith('graph GET /v1.0/groups') || s === 'graph POST /v1.0/$batch')
    expect(oidc).toBeGreaterThanOrEqual(0)
    expect(token).toBeGreaterThan(oidc)
    expect(graph).toBeGreaterThan(token)
    expect(emu.entra.issued).toContainEqual(
      expect.objectContaining({ appId: SYNC_APP, grant: 'client_assertion', aud: emu.graphEndpoint })
    )
    // One sign-in serves every lookup; the assertion is reused, not minted per request.
    expect(emu.entra.issued).toHaveLength(1)
    expect(emu.github.minted.length).toBeLessThanOrEqual(2)
    // Quotes doubled for OData, the filter URL-encoded (& # + % would otherwise break the query), whether the lookup
    // went alone or as a step of a $batch (lookups started together are batched).
    const steps = emu.log
      .filter((e) => e.path === '/v1.0/$batch')
      .flatMap((e) => (e.body as { requests: { url: string }[] }).requests.map((r) => new URL(r.url, 'https://x')))
    const filters = [
      ...emu.log.filter((e) => e.path === '/v1.0/groups').map((e) => new URLSearchParams(e.query).get('$filter')),
      ...steps.filter((u) => u.pathname === '/groups').map((u) => u.searchParams.get('$filter'))
    ]
    expect(steps.length).toBeGreaterThan(0)
    expect(filters).toContain(`displayName eq 'O''Brien''s "Quoted" Team'`)
    expect(filters).toContain(`displayName eq 'R&D + Ops #1 (50%)'`)
    expectNoSecrets(run)
  })

  test('a group that does not exist and a name that matches two groups are errors at file:line', async () => {
    writeConfig(['Databricks-Group-Test', 'Data Enginers', { entra: 'Analysts', databricks: 'analysts' }])
    const run = await validateOnline()
    expect(run.code).toBe(1)
    expect(run.annotations).toEqual([
      {
        level: 'error',
        file: 'databricks-identities.yml',
        line: 7,
        col: 9,
        title: 'workspaces[0].groups[1]',
        message: `Entra group "Data Enginers" in tenant ${fixture.tenantId} does not exist (no group has this display name). Check the name in the config (Entra matches display names exactly, ignoring case), or use the group's object id.`
      },
      {
        level: 'error',
        file: 'databricks-identities.yml',
        line: 8,
        col: 9,
        title: 'workspaces[0].groups[2]',
        message: `Entra group name "Analysts" in tenant ${fixture.tenantId} matches 2 groups (${AMBIGUOUS_A}, ${AMBIGUOUS_B}): use the object id. Set \`entra:\` to the object id of the group meant, since Entra group names are not unique.`
      },
      { level: 'error', message: 'Config validation found 2 error(s); see the annotations and the job summary.' }
    ])
    expect(run.summary).toContain('1 of 3 Entra groups resolved')
    expect(run.outputs.errors).toBe('2')
  })

  test('an object id resolves to its group', async () => {
    writeConfig([AMBIGUOUS_B])
    const run = await validateOnline()
    expect(run.code).toBe(0)
    expect(run.summary).toContain(`✅ <code>${AMBIGUOUS_B}</code>`)
  })

  test('a transient Graph 503 is retried by the Graph client', async () => {
    writeConfig(['Databricks-Group-Test'])
    emu.servers.graph?.failNext(1, '503', { retryAfterSeconds: 1 })
    const run = await validateOnline()
    expect(run.code).toBe(0)
    expect(emu.log.filter((e) => e.service === 'graph').map((e) => e.status)).toEqual([503, 200])
  })
})

describe('sign-in failures say what to fix and leak nothing', () => {
  test('without `permissions: id-token: write` there is no OIDC token', async () => {
    writeConfig(['Databricks-Group-Test'])
    const run = await validateOnline(
      {},
      { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined }
    )
    expect(run.code).toBe(1)
    const failure = run.annotations.at(-1)?.message ?? ''
    expect(failure).toContain('GitHub did not give this job an OIDC token')
    expect(failure).toContain('Add `permissions: id-token: write` to the workflow or job.')
    // The file itself was still checked and summarised.
    expect(run.summary).toContain('1 file checked, 1 workspace, 1 group')
    expect(emu.log.filter((e) => e.service !== 'github')).toEqual([])
    expectNoSecrets(run)
  })

  test('a federated credential for another subject: the subject GitHub sent, and the one to add', async () => {
    writeConfig(['Databricks-Group-Test'])
    emu.github.subject = 'repo:contoso/data-platform:pull_request'
    const run = await validateOnline()
    expect(run.code).toBe(1)
    const failure = run.annotations.at(-1)?.message ?? ''
    expect(failure).toContain(
      `Entra ID found no federated credential on app ${SYNC_APP} in tenant ${fixture.tenantId} that matches this workflow (AADSTS70021).`
    )
    expect(failure).toContain(
      `The GitHub token presented: issuer "${emu.github.issuer}", subject "repo:contoso/data-platform:pull_request", audience "api://AzureADTokenExchange".`
    )
    expect(failure).toContain(
      'subject "repo:contoso/data-platform:pull_request" and audience "api://AzureADTokenExchange"'
    )
    expect(emu.log.filter((e) => e.service === 'graph')).toEqual([])
    expectNoSecrets(run)
  })

  test('client-secret fallback signs in without OIDC and masks the secret', async () => {
    writeConfig(['Databricks-Group-Test'])
    const secret = fixture.applications.find((a) => a.appId === SYNC_APP)?.clientSecret ?? ''
    const run = await validateOnline({ 'client-secret': secret }, { ACTIONS_ID_TOKEN_REQUEST_URL: undefined })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`::add-mask::${secret}`)
    expect(emu.log.filter((e) => e.service === 'github')).toEqual([])
    expect(emu.entra.issued).toContainEqual(expect.objectContaining({ appId: SYNC_APP, grant: 'client_secret' }))
    expectNoSecrets(run)
  })

  test('a wrong client secret is named as such, and never printed', async () => {
    writeConfig(['Databricks-Group-Test'])
    const wrong = 'emu~WrongSecret.zyxwvutsrqponm-987654'
    const run = await validateOnline({ 'client-secret': wrong }, { ACTIONS_ID_TOKEN_REQUEST_URL: undefined })
    expect(run.code).toBe(1)
    expect(run.annotations.at(-1)?.message).toContain(
      `Entra ID rejected the client secret of app ${SYNC_APP} in tenant ${fixture.tenantId} (AADSTS7000215).`
    )
    expect(leaks(run, [wrong])).toEqual([])
    expectNoSecrets(run)
  })

  test('an app without Graph permissions gets the permission to grant', async () => {
    writeConfig(['Databricks-Group-Test'])
    const run = await validateOnline(
      { 'client-id': NO_GRAPH_APP, 'client-secret': NO_GRAPH_SECRET },
      { ACTIONS_ID_TOKEN_REQUEST_URL: undefined }
    )
    expect(run.code).toBe(1)
    const failure = run.annotations.at(-1)?.message ?? ''
    expect(failure).toContain(
      'Microsoft Graph answered 403 Authorization_RequestDenied while looking up Entra group "Databricks-Group-Test"'
    )
    expect(failure).toContain(
      `Grant app ${NO_GRAPH_APP} the Microsoft Graph application permission GroupMember.Read.All`
    )
    expectNoSecrets(run)
  })
})
