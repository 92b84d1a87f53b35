// Reads one config file's text into a YAML document that remembers where every key and value is, and reports what
// keeps the file from being a single mapping: syntax errors, duplicate keys, several documents, alias bombs.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type YAMLError
} from 'yaml'
import type { ConfigProblem, SourcePosition } from './types.js'
import { at, formatPath, type PathSegment } from './text.js'

/** Files larger than this are refused unread: a config file is a few kilobytes. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024
/** Aliases resolved per document; far above what a config needs, far below an alias bomb. */
export const MAX_ALIAS_COUNT = 100

/** One config file, parsed. `data` is set only when the file is one YAML mapping that can be checked further. */
export interface ParsedFile {
  /** Path as shown to users (relative to the working directory). */
  file: string
  data?: Record<string, unknown>
  doc?: Document.Parsed
  lineCounter: LineCounter
}

export type Target = 'key' | 'value'

function problem(
  file: string,
  position: { line: number; column: number },
  key: string,
  message: string,
  severity: ConfigProblem['severity'] = 'error'
): ConfigProblem {
  return { file, line: position.line, column: position.column, key, message, severity }
}

export function positionOfOffset(parsed: ParsedFile, offset: number): SourcePosition {
  const { line, col } = parsed.lineCounter.linePos(offset)
  return { file: parsed.file, line, column: col }
}

function start(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0]
}

function scalarKey(pair: Pair): string | undefined {
  const key = pair.key
  // A `<<` merge key is a scalar holding Symbol('<<').
  if (isScalar(key)) return typeof key.value === 'symbol' ? (key.value.description ?? '') : String(key.value)
  if (key === null || key === undefined) return ''
  return typeof key === 'object' ? undefined : String(key)
}

/** The pair for `key` in a map, looking through `<<` merge keys too. */
function findPair(map: unknown, key: string, doc: Document, depth = 0): Pair | undefined {
  if (depth > 10) return undefined
  const resolved = isAlias(map) ? map.resolve(doc) : map
  if (!isMap(resolved)) return undefined
  const own = resolved.items.find((p) => scalarKey(p) === key)
  if (own) return own
  for (const p of resolved.items) {
    if (scalarKey(p) !== '<<') continue
    const sources = isSeq(p.value) ? p.value.items : [p.value]
    for (const source of sources) {
      const found = findPair(source, key, doc, depth + 1)
      if (found) return found
    }
  }
  return undefined
}

/**
 * Where `path` is in the file. `key` points at the key of the last map entry (or at a list item); `value` at its
 * value when there is one. A path that does not exist (a missing key) resolves to the deepest part that does.
 */
export function locate(parsed: ParsedFile, path: readonly PathSegment[], target: Target = 'value'): SourcePosition {
  const doc = parsed.doc
  if (!doc) return { file: parsed.file, line: 1, column: 1 }
  let current: unknown = doc.contents
  let keyOffset = start(current) ?? 0
  let valueOffset: number | undefined = keyOffset
  for (const segment of path) {
    const node = isAlias(current) ? current.resolve(doc) : current
    if (isMap(node)) {
      const pair = findPair(node, String(segment), doc)
      if (!pair) return positionOfOffset(parsed, valueOffset ?? keyOffset)
      keyOffset = start(pair.key) ?? keyOffset
      current = pair.value
      valueOffset = start(pair.value)
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      current = node.items[segment]
      keyOffset = start(current) ?? keyOffset
      valueOffset = keyOffset
    } else {
      return positionOfOffset(parsed, valueOffset ?? keyOffset)
    }
  }
  return positionOfOffset(parsed, target === 'key' ? keyOffset : (valueOffset ?? keyOffset))
}

/** The YAML node at `path`, looking through aliases and `<<` merge keys; undefined when there is none. */
export function nodeAt(parsed: ParsedFile, path: readonly PathSegment[]): unknown {
  const doc = parsed.doc
  if (!doc) return undefined
  let current: unknown = doc.contents
  for (const segment of path) {
    const node = isAlias(current) ? current.resolve(doc) : current
    if (isMap(node)) {
      const pair = findPair(node, String(segment), doc)
      if (!pair) return undefined
      current = pair.value
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      current = node.items[segment]
    } else {
      return undefined
    }
  }
  return isAlias(current) ? current.resolve(doc) : current
}

/** A scalar as written in the file: `6234138917436195` exactly, where the number read from it may be rounded. */
export function scalarSource(parsed: ParsedFile, path: readonly PathSegment[]): string | undefined {
  const node = nodeAt(parsed, path)
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined
}

/** A problem at `path` in this file; the message is prefixed with the key path. */
export function problemAt(
  parsed: ParsedFile,
  path: readonly PathSegment[],
  target: Target,
  message: string,
  severity: ConfigProblem['severity'] = 'error'
): ConfigProblem {
  return problem(parsed.file, locate(parsed, path, target), formatPath(path), at(path, message), severity)
}

interface PairVisit {
  pair: Pair
  siblings: Pair[]
  path: PathSegment[]
}

/** Every map entry of the document with the path of its map (aliases are not followed). */
function* pairs(node: unknown, path: PathSegment[] = []): Generator<PairVisit> {
  if (isMap(node)) {
    for (const pair of node.items) {
      yield { pair, siblings: node.items, path }
      const key = scalarKey(pair)
      if (key !== undefined) yield* pairs(pair.value, [...path, key])
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) yield* pairs(item, [...path, index])
  } else if (isPair(node)) {
    yield* pairs(node.value, path)
  }
}

const SYNTAX_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_ALIAS: 'define the anchor (&name) before using the alias (*name)',
  BAD_DIRECTIVE: 'remove the % directive line',
  MULTIPLE_ANCHORS: 'give the node a single &anchor',
  MULTIPLE_TAGS: 'give the node a single !tag'
}
const DEFAULT_SYNTAX_HINT = 'check the indentation, quotes and brackets on this line and the line before'

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '')
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1)
}

/** An error found at the end of the file (an unclosed bracket or quote) is shown on the last line that has text. */
function clamp(text: string, offset: number): number {
  const end = text.trimEnd().length
  if (offset < end || end === 0) return offset
  const lineStart = text.lastIndexOf('\n', end - 1) + 1
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0].length ?? 0
  return lineStart + indent
}

function yamlProblem(
  parsed: ParsedFile,
  text: string,
  error: YAMLError,
  severity: ConfigProblem['severity']
): ConfigProblem {
  const position = positionOfOffset(parsed, clamp(text, error.pos[0]))
  if (error.code === 'DUPLICATE_KEY' && parsed.doc) {
    for (const visit of pairs(parsed.doc.contents)) {
      if (start(visit.pair.key) !== error.pos[0]) continue
      const name = scalarKey(visit.pair) ?? ''
      const first = visit.siblings.find((p) => p !== visit.pair && scalarKey(p) === name)
      const firstLine = first ? ` (first at line ${positionOfOffset(parsed, start(first.key) ?? 0).line})` : ''
      return problem(
        parsed.file,
        position,
        formatPath([...visit.path, name]),
        at(
          visit.path,
          `duplicate key "${name}"${firstLine}; a key may appear only once in a mapping, remove one of them`
        ),
        'error'
      )
    }
  }
  if (severity === 'warning') {
    return problem(parsed.file, position, '', `YAML warning: ${sentence(error.message)}`, 'warning')
  }
  if (/call stack/i.test(error.message)) {
    return problem(
      parsed.file,
      position,
      '',
      'the YAML is nested too deeply to read; a config file needs only a few levels'
    )
  }
  const hint = SYNTAX_HINTS[error.code] ?? DEFAULT_SYNTAX_HINT
  return problem(parsed.file, position, '', `YAML syntax error: ${sentence(error.message)}; ${hint}`, 'error')
}

/** Broken YAML can produce an error per character; the first few say enough. */
const MAX_YAML_ERRORS = 10

function yamlProblems(
  parsed: ParsedFile,
  text: string,
  errors: readonly YAMLError[],
  severity: ConfigProblem['severity']
): ConfigProblem[] {
  const all = errors.map((e) => yamlProblem(parsed, text, e, severity))
  const shown: ConfigProblem[] = []
  for (const p of all) {
    if (shown.length === MAX_YAML_ERRORS) break
    // One "nested too deeply" (reported at every level) is enough.
    if (!shown.some((s) => s.message === p.message && /nested too deeply/.test(p.message))) shown.push(p)
  }
  return shown
}

function firstAliasOffset(node: unknown, doc: Document): number | undefined {
  if (isAlias(node)) return start(node)
  const items = isMap(node) || isSeq(node) ? (node.items as unknown[]) : isPair(node) ? [node.key, node.value] : []
  for (const item of items) {
    const found = firstAliasOffset(item, doc)
    if (found !== undefined) return found
  }
  return undefined
}

const TOP_LEVEL_HINT = 'a config file is a mapping that starts with "version: 1" and lists "workspaces"'

/** Parses one file's text. Never throws: whatever is wrong comes back as problems. */
export function parseSource(file: string, text: string): { parsed: ParsedFile; problems: ConfigProblem[] } {
  try {
    return parse(file, text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const message = /call stack/i.test(reason)
      ? 'the YAML is nested too deeply to read; a config file needs only a few levels'
      : `the file could not be read as YAML (${reason})`
    return {
      parsed: { file, lineCounter: new LineCounter() },
      problems: [problem(file, { line: 1, column: 1 }, '', message)]
    }
  }
}

function parse(file: string, text: string): { parsed: ParsedFile; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter()
  const parsed: ParsedFile = { file, lineCounter }
  const problems: ConfigProblem[] = []
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_CONFIG_FILE_BYTES) {
    problems.push(tooLarge(file, bytes))
    return { parsed, problems }
  }

  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
    strict: true,
    // Nothing on the console: every warning becomes a problem.
    logLevel: 'error'
  })
  const documents = Array.isArray(docs) ? docs : []
  const doc = documents[0]
  if (!doc || doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    if (doc) parsed.doc = doc
    problems.push(...yamlProblems(parsed, text, doc?.errors ?? [], 'error'))
    if (problems.length === 0) {
      problems.push(problem(file, { line: 1, column: 1 }, '', `the file is empty; ${TOP_LEVEL_HINT}`))
    }
    return { parsed, problems }
  }
  parsed.doc = doc

  problems.push(...yamlProblems(parsed, text, doc.errors, 'error'))
  problems.push(...yamlProblems(parsed, text, doc.warnings, 'warning'))
  if (documents.length > 1) {
    const second = documents[1]!
    problems.push(
      problem(
        file,
        positionOfOffset(parsed, second.range[0]),
        '',
        `the file holds ${documents.length} YAML documents separated by "---"; keep one document per file (split the others into their own config files)`
      )
    )
  }
  // Anything but duplicate keys leaves the tree unreliable: report the syntax errors only.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { parsed, problems }

  if (!isMap(doc.contents)) {
    const kind = isSeq(doc.contents) ? 'a list' : isAlias(doc.contents) ? 'an alias' : 'a single value'
    problems.push(
      problem(file, positionOfOffset(parsed, start(doc.contents) ?? 0), '', `the file is ${kind}; ${TOP_LEVEL_HINT}`)
    )
    return { parsed, problems }
  }

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const offset = firstAliasOffset(doc.contents, doc) ?? 0
    const explained = /excessive alias count/i.test(message)
      ? `YAML aliases expand to too much data (more than ${MAX_ALIAS_COUNT} alias expansions; this looks like an alias bomb); use fewer aliases (*name) or write the values out`
      : `YAML error: ${sentence(message)}; ${SYNTAX_HINTS.BAD_ALIAS}`
    problems.push(problem(file, positionOfOffset(parsed, offset), '', explained))
    return { parsed, problems }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push(problem(file, { line: 1, column: 1 }, '', `the file is not a mapping; ${TOP_LEVEL_HINT}`))
    return { parsed, problems }
  }
  parsed.data = data as Record<string, unknown>
  return { parsed, problems }
}

export function tooLarge(file: string, bytes: number): ConfigProblem {
  return problem(
    file,
    { line: 1, column: 1 },
    '',
    `the file is ${bytes} bytes, over the 1 MiB (${MAX_CONFIG_FILE_BYTES} bytes) limit for config files; split the workspaces across several files`
  )
}
