// The action runs with the heap and allocator settings of isolate.ts (the bundle, started as a runner starts it): on
// Linux in the process started again in place with V8 flags and MALLOC_ARENA_MAX, and where execve is missing in a
// worker with the same heap limits (README "Where the memory goes").
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from '../emulators/runner.js'
import { allocatorEnv, HEAP_GROWING_PERCENT, OLD_GENERATION_MB, REEXEC_MARKER, reexecFlags } from '../src/isolate.js'

type Path = 're-exec' | 'worker'

/** What the preload saw each time it was loaded: in each image of the process, and in a worker. */
interface Load {
  pid: number
  mainThread: boolean
  marker?: string
  allocator: Record<string, string | undefined>
  execArgv: string[]
  argv: string[]
  cwd: string
  heapLimit: number
}

/**
 * Runs the bundle as a runner does (a `validate` that fails early, with one argument) with a preload that records
 * each load, then runs `extra` (module source; `action` is true where the action runs). On the worker path the
 * preload first takes process.execve away, as on a platform without it. The loads, and stdout.
 */
function run(path: Path, extra = ''): { loads: Load[]; stdout: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'isolate-limits-'))
  const file = join(dir, 'preload.mjs')
  const log = join(dir, 'loads.jsonl')
  writeFileSync(
    file,
    "import { appendFileSync } from 'node:fs'\nimport { getHeapStatistics, setFlagsFromString } from 'node:v8'\n" +
      "import { runInNewContext } from 'node:vm'\nimport { isMainThread } from 'node:worker_threads'\n" +
      `const marker = process.env.${REEXEC_MARKER}\n` +
      `appendFileSync(${JSON.stringify(log)}, JSON.stringify({ pid: process.pid, mainThread: isMainThread, marker, ` +
      'allocator: { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX, MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ }, execArgv: process.execArgv, argv: process.argv, cwd: process.cwd(), ' +
      "heapLimit: getHeapStatistics().heap_size_limit }) + '\\n')\n" +
      (path === 'worker' ? 'if (isMainThread) process.execve = undefined\n' : '') +
      `const action = ${path === 'worker' ? '!isMainThread' : "marker === '1'"}\n` +
      extra
  )
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'index.js'), 'an-argument'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: `--import ${pathToFileURL(file).href}`,
      INPUT_COMMAND: 'validate'
    },
    encoding: 'utf8'
  })
  const loads = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Load)
  return { loads, stdout: result.stdout, dir }
}

/** The load where the action ran. */
const actionLoad = (path: Path, loads: Load[]): Load =>
  loads.find((l) => (path === 'worker' ? !l.mainThread : l.marker === '1')) as Load

describe('the action process on Linux', () => {
  test('starts itself again once in place, with the V8 flags and malloc settings, the same argv and cwd, no worker', () => {
    const { loads, stdout, dir } = run('re-exec')
    expect(loads).toHaveLength(2)
    const [first, second] = loads as [Load, Load]
    expect(second.pid).toBe(first.pid)
    expect(loads.every((l) => l.mainThread)).toBe(true)
    expect(first.marker).toBeUndefined()
    expect(first.allocator).toEqual({})
    expect(second.marker).toBe('1')
    expect(second.allocator).toEqual(allocatorEnv())
    expect(second.execArgv).toEqual(reexecFlags())
    expect(second.argv).toEqual(first.argv)
    expect(second.argv.slice(2)).toEqual(['an-argument'])
    expect(second.cwd).toBe(first.cwd)
    expect(second.cwd).toBe(dir)
    // The new image's output reaches the runner.
    expect(stdout).toContain('Config validation found 1 error(s)')
  })

  test('hides its marker from the action', () => {
    const { stdout } = run(
      're-exec',
      `if (action) process.on('exit', () => console.log('marker at exit: ' + String(process.env.${REEXEC_MARKER})))\n`
    )
    expect(stdout).toContain('marker at exit: undefined')
  })
})

describe.each<Path>(['re-exec', 'worker'])('the action (%s)', (path) => {
  test('runs with the old generation limit of isolate.ts, below V8 default', () => {
    const { loads } = run(path)
    const limitMb = actionLoad(path, loads).heapLimit / 1024 / 1024
    // heap_size_limit is the old generation plus the young generation's (small) reservation.
    expect(limitMb).toBeGreaterThanOrEqual(OLD_GENERATION_MB)
    expect(limitMb).toBeLessThan(OLD_GENERATION_MB + 64)
  })

  test('grows its heap by HEAP_GROWING_PERCENT between full collections, not by the factor V8 would choose', () => {
    // V8 traces each full collection's growing factor (--trace-gc-verbose, a process-wide flag, set in the thread
    // that runs first); where the action runs, one full collection.
    const { stdout } = run(
      path,
      "setFlagsFromString('--trace-gc-verbose')\nif (action) { setFlagsFromString('--expose-gc'); runInNewContext('gc')() }\n"
    )
    // V8 prints the factor with one decimal.
    const factors = [...stdout.matchAll(/\[HeapController\] factor ([\d.]+)/g)].map((m) => m[1])
    expect(factors.length).toBeGreaterThan(0)
    expect(new Set(factors)).toEqual(new Set([(1 + HEAP_GROWING_PERCENT / 100).toFixed(1)]))
  })
})
