// Runs `node dist/index.js` the way a GitHub runner does: INPUT_* variables (with action.yml defaults),
// GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files, OIDC request variables, and NODE_EXTRA_CA_CERTS.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse, stringify } from 'yaml'

/** The repository root (this file runs from emulators/ under ts-jest and from build/emulators/ when compiled). */
export const ROOT = findRoot(import.meta.dirname)

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'action.yml'))) return dir
    if (dirname(dir) === dir) throw new Error(`no action.yml above ${from}`)
  }
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  file?: string
  line?: number
  col?: number
  title?: string
  message: string
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
  annotations: Annotation[]
  /** stdout without the `::add-mask::` commands, which the runner consumes and never shows. */
  visibleLog: string
}

export interface RunOptions {
  inputs?: Record<string, string>
  /** Extra environment, e.g. startEmulators(...).env(). */
  env?: Record<string, string | undefined>
  /** GITHUB_WORKSPACE and working directory. */
  cwd?: string
  /** Where the summary and output files go (a new temporary folder by default). */
  tempDir?: string
  /** Called with the action's process once started (e.g. to send it SIGTERM as a cancelled workflow does). */
  onSpawn?: (child: ChildProcess) => void
}

const actionDefaults = (): Record<string, string> => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  // A runner expands expressions in defaults (github-token's `${{ github.token }}`); this harness has no contexts, so
  // they read as empty, and a test that needs a token passes one.
  return Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [k, String(v.default ?? '').replace(/\$\{\{[^}]*\}\}/g, '')])
  )
}

/**
 * The bundle a run executes: dist/index.js, or the file ACTION_BUNDLE names (a bundle of the working tree built
 * elsewhere, e.g. `npx ncc build src/index.ts -o /tmp/bundle`, to check a change before dist/ is rebuilt).
 */
export function actionBundle(): string {
  return process.env.ACTION_BUNDLE || join(ROOT, 'dist', 'index.js')
}

/** The config file an end-to-end job's working directory holds (what its `config` input names). */
export const CONFIG_FILE = 'databricks-identities.yml'

/** Writes `config` as the working directory's config file, replacing the one there. */
export function writeConfigFile(workdir: string, config: unknown): void {
  writeFileSync(join(workdir, CONFIG_FILE), stringify(config))
}

/** A job's working directory (GITHUB_WORKSPACE): a new temporary folder named after `prefix`, holding `config`. */
export function configWorkdir(prefix: string, config: unknown): string {
  const workdir = mkdtempSync(join(tmpdir(), prefix))
  writeConfigFile(workdir, config)
  return workdir
}

export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const temp = options.tempDir ?? mkdtempSync(join(tmpdir(), 'action-run-'))
  const summaryFile = join(temp, 'summary.md')
  const outputFile = join(temp, 'output.txt')
  writeFileSync(summaryFile, '')
  writeFileSync(outputFile, '')
  const inputs = { ...actionDefaults(), ...options.inputs }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: options.cwd ?? ROOT,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  const child = spawn(process.execPath, [actionBundle()], { cwd: options.cwd ?? ROOT, env })
  options.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)))
  return {
    code,
    stdout,
    stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    annotations: parseAnnotations(stdout),
    visibleLog: stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
  }
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!m) continue
    const [, name, delimiter] = m
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
    outputs[name as string] = value.join('\n')
  }
  return outputs
}

const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProperty = (s: string): string => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const annotation: Annotation = { level: m[1] as Annotation['level'], message: unescapeData(m[3] ?? '') }
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      const key = pair.slice(0, eq)
      const value = unescapeProperty(pair.slice(eq + 1))
      if (key === 'file') annotation.file = value
      else if (key === 'line') annotation.line = Number(value)
      else if (key === 'col') annotation.col = Number(value)
      else if (key === 'title') annotation.title = value
    }
    annotations.push(annotation)
  }
  return annotations
}

/** Every place a secret must never appear, with the name of the place it was found in. */
export function leaks(run: ActionRun, secrets: readonly string[]): string[] {
  const places: Record<string, string> = {
    log: run.visibleLog,
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs)
  }
  return secrets.flatMap((s) =>
    Object.entries(places)
      .filter(([, text]) => text.includes(s))
      .map(([place]) => `${place} contains ${s.slice(0, 4)}…`)
  )
}
