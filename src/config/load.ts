// Finds the config files, reads them and returns the typed configuration with every problem of every file.
import { readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { glob, isDynamicPattern } from 'tinyglobby'
import { normalizeFiles } from './normalize.js'
import { schemaProblems } from './schema.js'
import { MAX_CONFIG_FILE_BYTES, parseSource, tooLarge, type ParsedFile } from './source.js'
import type { ConfigProblem, LoadedConfig } from './types.js'
import { hasUnsupportedVersion, isForeign, validateFiles } from './validate.js'

export const DEFAULT_CONFIG_PATH = '.github/databricks-identities.yml'

/** Config files one run reads at most: an estate of hundreds of workspaces fits; a glob gone wrong does not. */
export const MAX_CONFIG_FILES = 500
/** Bytes of config one run reads at most (every file is also at most MAX_CONFIG_FILE_BYTES). */
export const MAX_CONFIG_TOTAL_BYTES = 4 * 1024 * 1024

export interface ConfigSource {
  /** Path as shown to users, relative to the working directory. */
  file: string
  text: string
}

export interface LoadResult {
  /** Only to be acted on when `problems` holds no error. */
  config: LoadedConfig
  /** Sorted by file, line and column. */
  problems: ConfigProblem[]
}

/** Splits the config input on commas and newlines, but not on the commas of a `{a,b}` glob. */
export function splitPatterns(input: string): string[] {
  const patterns: string[] = []
  let current = ''
  let depth = 0
  for (const char of input) {
    if (char === '{') depth++
    if (char === '}') depth = Math.max(0, depth - 1)
    if ((char === ',' && depth === 0) || char === '\n' || char === '\r') {
      patterns.push(current)
      current = ''
    } else {
      current += char
    }
  }
  patterns.push(current)
  return patterns.map((p) => p.trim()).filter((p) => p !== '')
}

function inputProblem(message: string): ConfigProblem {
  return { file: '', line: 0, column: 0, key: 'config', message: `config: ${message}`, severity: 'error' }
}

function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute)
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative
  return shown.split(path.sep).join('/')
}

const GLOB_OPTIONS = {
  absolute: true,
  dot: true,
  onlyFiles: true,
  expandDirectories: false,
  followSymbolicLinks: false,
  ignore: ['**/node_modules/**', '**/.git/**']
} as const

/** Absolute paths of the files one pattern names: a file, a directory (its .yml/.yaml files) or a glob. */
async function expand(pattern: string, cwd: string): Promise<string[]> {
  if (!isDynamicPattern(pattern)) {
    const absolute = path.resolve(cwd, pattern)
    const info = await stat(absolute).catch(() => undefined)
    if (info?.isFile()) return [absolute]
    if (!info?.isDirectory()) return []
    return glob(['**/*.yml', '**/*.yaml'], { ...GLOB_OPTIONS, cwd: absolute })
  }
  return glob([pattern], { ...GLOB_OPTIONS, cwd })
}

/** The sorted, de-duplicated files the config input names (relative to cwd), and a problem per pattern that names none. */
export async function findConfigFiles(
  input: string,
  cwd: string
): Promise<{ files: string[]; problems: ConfigProblem[] }> {
  const patterns = splitPatterns(input)
  if (patterns.length === 0) patterns.push(DEFAULT_CONFIG_PATH)
  const found = new Set<string>()
  const unmatched: string[] = []
  for (const pattern of patterns) {
    const matches = await expand(pattern, cwd)
    if (matches.length === 0) unmatched.push(pattern)
    for (const match of matches) found.add(displayPath(cwd, match))
  }
  const files = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const problems: ConfigProblem[] = []
  const fix = `create it (the default is ${DEFAULT_CONFIG_PATH}) or set the action's config input to the path or glob of your config files, relative to the repository root; if the files are in the repository, check that the job runs actions/checkout first`
  if (files.length === 0) {
    const named = patterns.map((p) => `"${p}"`).join(', ')
    problems.push(inputProblem(`no config file matches ${named}; ${fix}`))
  } else {
    for (const pattern of unmatched) {
      problems.push(
        inputProblem(`no file matches "${pattern}" (other patterns matched ${files.length}); fix or remove the pattern`)
      )
    }
  }
  return { files, problems }
}

function compareProblems(order: Map<string, number>) {
  return (a: ConfigProblem, b: ConfigProblem): number =>
    (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
}

/** Sorts problems by file (in the given order), line and column, dropping exact duplicates. */
export function sortProblems(problems: readonly ConfigProblem[], files: readonly string[] = []): ConfigProblem[] {
  const order = new Map(files.map((f, i) => [f, i]))
  const seen = new Set<string>()
  return [...problems].sort(compareProblems(order)).filter((p) => {
    const id = JSON.stringify([p.file, p.line, p.column, p.key, p.message, p.severity])
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

/**
 * The files inside the workspace (after resolving symbolic links), and a problem for each one outside it: a pattern
 * such as `../**` or an absolute path must not make the action read, and quote in annotations, files it was not
 * given. The allow-paths-outside-workspace input lifts this.
 */
async function insideWorkspace(
  found: { files: string[]; problems: ConfigProblem[] },
  cwd: string
): Promise<{ files: string[]; problems: ConfigProblem[] }> {
  const root = await realpath(cwd).catch(() => path.resolve(cwd))
  const files: string[] = []
  const problems = [...found.problems]
  for (const file of found.files) {
    const real = await realpath(path.resolve(cwd, file)).catch(() => path.resolve(cwd, file))
    if (isInside(root, real)) files.push(file)
    else
      problems.push(
        inputProblem(
          `"${file}" is outside the repository checkout (${root}), so it was not read; put the config in the repository, or set allow-paths-outside-workspace: true if the file is meant to come from elsewhere`
        )
      )
  }
  return { files, problems }
}

/** Whether `target` is `root` or below it (both resolved). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/**
 * Loads config files already read into memory (in the order given). Pure: use it for text that does not come from
 * disk, and in tests.
 */
export function loadConfigSources(sources: readonly ConfigSource[], extra: readonly ConfigProblem[] = []): LoadResult {
  const problems: ConfigProblem[] = [...extra]
  const parsedFiles: ParsedFile[] = []
  for (const source of sources) {
    const { parsed, problems: parseProblems } = parseSource(source.file, source.text)
    problems.push(...parseProblems)
    parsedFiles.push(parsed)
  }
  for (const parsed of parsedFiles) {
    if (!hasUnsupportedVersion(parsed) && !isForeign(parsed)) problems.push(...schemaProblems(parsed))
  }
  problems.push(...validateFiles(parsedFiles))
  const config = normalizeFiles(parsedFiles)
  config.files = sources.map((s) => s.file)
  return { config, problems: sortProblems(problems, config.files) }
}

/**
 * Loads the config files that `pattern` names: a path, a directory or a glob, or several separated by commas or
 * newlines, relative to `opts.cwd`. Never throws for anything wrong in or with the files: that comes back as problems
 * (all of them, from all files).
 */
export async function loadConfig(pattern: string, opts: { cwd: string; allowOutside?: boolean }): Promise<LoadResult> {
  const found = await findConfigFiles(pattern, opts.cwd)
  const { files, problems } = opts.allowOutside ? found : await insideWorkspace(found, opts.cwd)
  const sources: ConfigSource[] = []
  const extra: ConfigProblem[] = [...problems]
  if (files.length > MAX_CONFIG_FILES) {
    extra.push(
      inputProblem(
        `the config input matches ${files.length} files, over the limit of ${MAX_CONFIG_FILES}; narrow the pattern to the config files (e.g. .github/identities/*.yml)`
      )
    )
    return { config: { files: [], workspaces: [] }, problems: extra }
  }
  let total = 0
  for (const file of files) {
    const absolute = path.resolve(opts.cwd, file)
    try {
      const info = await stat(absolute)
      if (info.size > MAX_CONFIG_FILE_BYTES) {
        extra.push(tooLarge(file, info.size))
        continue
      }
      total += info.size
      if (total > MAX_CONFIG_TOTAL_BYTES) {
        extra.push(
          inputProblem(
            `the config files add up to more than ${MAX_CONFIG_TOTAL_BYTES / 1024 / 1024} MiB (at ${file}); a config is a few kilobytes per workspace: narrow the config input to the config files`
          )
        )
        return { config: { files: [], workspaces: [] }, problems: extra }
      }
      sources.push({ file, text: await readFile(absolute, 'utf8') })
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))
      extra.push({
        file,
        line: 1,
        column: 1,
        key: '',
        message: `the file could not be read (${reason}); check that it exists and is readable`,
        severity: 'error'
      })
    }
  }
  const result = loadConfigSources(sources, extra)
  result.problems = sortProblems(result.problems, files)
  return result
}
