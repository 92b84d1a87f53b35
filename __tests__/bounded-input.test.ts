// Found by an adversarial run: config globs could read (and annotations quote) files outside the repository, a
// glob over thousands of files wrote thousands of annotations and a summary over GitHub's 1 MiB, and 100 files of
// 1 MB took minutes and gigabytes. Paths are kept inside the workspace, and the work one run takes on is bounded.
import { describe, expect, jest, test } from '@jest/globals'
import * as core from '@actions/core'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, loadConfigSources, MAX_CONFIG_FILES, MAX_CONFIG_TOTAL_BYTES } from '../src/config/load.js'
import type { ConfigProblem } from '../src/config/types.js'
import { annotate, MAX_ANNOTATIONS } from '../src/report/annotations.js'
import { addProblemsTable, MAX_PROBLEM_ROWS } from '../src/report/summary.js'

const CONFIG = `version: 1
workspaces:
  - name: analytics-prod
    host: https://adb-1.1.azuredatabricks.net
    groups: [Data Engineers]
`

function layout(): { root: string; repo: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'bounded-'))
  const repo = join(root, 'repo')
  const outside = join(root, 'outside')
  mkdirSync(join(repo, '.github'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(join(repo, '.github', 'databricks-identities.yml'), CONFIG)
  writeFileSync(join(outside, 'secret.yml'), 'password: hunter2-do-not-quote\n')
  return { root, repo, outside }
}

const messages = (problems: ConfigProblem[]) => problems.map((p) => p.message)

describe('config paths stay inside the workspace', () => {
  test('../, an absolute path and a symbolic link out are refused unread; the files inside load', async () => {
    const { repo, outside } = layout()
    symlinkSync(outside, join(repo, 'linked'))
    for (const pattern of ['../outside/*.yml', join(outside, 'secret.yml'), 'linked/secret.yml']) {
      const { config, problems } = await loadConfig(`.github/databricks-identities.yml, ${pattern}`, { cwd: repo })
      expect(config.workspaces.map((w) => w.name)).toEqual(['analytics-prod'])
      expect(messages(problems)).toEqual([
        expect.stringMatching(
          /^config: ".*secret\.yml" is outside the repository checkout .*, so it was not read; .*allow-paths-outside-workspace: true/
        )
      ])
      expect(JSON.stringify(problems)).not.toContain('hunter2')
    }
  })

  test('allow-paths-outside-workspace reads them', async () => {
    const { repo, outside } = layout()
    const { problems } = await loadConfig(join(outside, 'secret.yml'), { cwd: repo, allowOutside: true })
    expect(messages(problems).join('\n')).not.toContain('outside the repository')
  })
})

describe('the work one run takes on is bounded', () => {
  test(`more than ${MAX_CONFIG_FILES} files: one problem, nothing parsed`, async () => {
    const { repo } = layout()
    mkdirSync(join(repo, 'many'))
    for (let i = 0; i <= MAX_CONFIG_FILES; i++) writeFileSync(join(repo, 'many', `f${i}.yml`), CONFIG)
    const { config, problems } = await loadConfig('many/*.yml', { cwd: repo })
    expect(config.workspaces).toEqual([])
    expect(messages(problems)).toEqual([
      `config: the config input matches ${MAX_CONFIG_FILES + 1} files, over the limit of ${MAX_CONFIG_FILES}; narrow the pattern to the config files (e.g. .github/identities/*.yml)`
    ])
  })

  test('more than 4 MiB of config in all: one problem, nothing parsed', async () => {
    const { repo } = layout()
    mkdirSync(join(repo, 'big'))
    const filler = `# ${'x'.repeat(1000)}\n`.repeat(1000)
    const files = Math.ceil(MAX_CONFIG_TOTAL_BYTES / filler.length) + 1
    for (let i = 0; i < files; i++)
      writeFileSync(join(repo, 'big', `f${String(i).padStart(2, '0')}.yml`), CONFIG + filler)
    const { config, problems } = await loadConfig('big/*.yml', { cwd: repo })
    expect(config.workspaces).toEqual([])
    expect(messages(problems)).toEqual([expect.stringMatching(/^config: the config files add up to more than 4 MiB/)])
  })

  test(`annotations stop at ${MAX_ANNOTATIONS} per severity, with one line saying how many more`, () => {
    const problems: ConfigProblem[] = Array.from({ length: 250 }, (_, i) => ({
      file: 'c.yml',
      line: i + 1,
      column: 1,
      key: 'k',
      message: `problem ${i}`,
      severity: i % 5 === 0 ? 'warning' : 'error'
    }))
    const written = { error: [] as string[], warning: [] as string[] }
    annotate(problems, { error: (m) => written.error.push(m), warning: (m) => written.warning.push(m) })
    expect(written.error).toHaveLength(MAX_ANNOTATIONS + 1)
    expect(written.error.at(-1)).toBe('… and 100 more error(s); the job summary lists them.')
    expect(written.warning).toHaveLength(50)
  })

  test(`the summary lists the first ${MAX_PROBLEM_ROWS} problems and stays under 1 MiB`, () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const problems: ConfigProblem[] = Array.from({ length: 10_000 }, (_, i) => ({
      file: `configs/file-${i}.yml`,
      line: 1,
      column: 1,
      key: 'workspaces[0].groups[0].entra',
      message: `workspaces[0].groups[0].entra: ${'x'.repeat(300)} is not a valid group reference; fix it`,
      severity: 'error'
    }))
    core.summary.emptyBuffer()
    addProblemsTable(core.summary, problems)
    const html = core.summary.stringify()
    core.summary.emptyBuffer()
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024)
    expect(html).toContain(`The first ${MAX_PROBLEM_ROWS} of 10000 problems are listed`)
    expect(html).toContain('configs/file-999.yml')
    expect(html).not.toContain('configs/file-1000.yml')
  })
})

// Found by an adversarial run: each of these validated with exit 0 and then did nothing, or failed later invisibly.
describe('silent config becomes an error at its line', () => {
  const load = (
    groups: string,
    hosts: [string, string] = ['https://adb-1.1.azuredatabricks.net', 'https://adb-2.2.azuredatabricks.net']
  ) =>
    loadConfigSources([
      {
        file: 'c.yml',
        text: `version: 1
workspaces:
  - name: one
    host: ${hosts[0]}
    groups: ${groups}
  - name: two
    host: ${hosts[1]}
    groups: [Data Engineers]
`
      }
    ]).problems.map((p) => `${p.line}: ${p.message}`)

  test('a group name of only whitespace', () => {
    expect(load('["   "]')).toEqual([
      '5: workspaces[0].groups[0]: is only whitespace; a group name needs its visible characters: use the exact Entra display name or the object id'
    ])
    expect(load('[{ entra: "\\u00a0\\t " }]')).toEqual([expect.stringContaining('workspaces[0].groups[0].entra: ')])
  })

  test('a name with the invisible line separator U+2028 (or U+2029)', () => {
    expect(load('["Data\\u2028Engineers"]')).toEqual([
      expect.stringContaining('has the invisible line separator U+2028 in it (often pasted from a document)')
    ])
    expect(load('[{ entra: "Data Engineers", databricks: "data\\u2029eng" }]')).toEqual([
      expect.stringContaining('U+2029')
    ])
  })

  test('localhost:P and 127.0.0.1:P are one workspace host', () => {
    expect(load('[Data Engineers]', ['https://localhost:8443', 'https://127.0.0.1:8443'])).toEqual([
      expect.stringMatching(
        /^7: workspaces\[1\]\.host: "https:\/\/127\.0\.0\.1:8443" is already the host of workspace "one"/
      )
    ])
    expect(load('[Data Engineers]', ['https://localhost:8443', 'https://127.0.0.1:8444'])).toEqual([])
  })
})
