// The action's heap and allocator settings. V8 otherwise sizes the young generation for throughput: under a first
// sync's tens of thousands of requests it grows to tens of megabytes per semi-space, which was about a quarter of the
// action's peak memory. Node flags and variables cannot be given to an action (`runs.using: node24` starts
// `node dist/index.js`), so the entry starts itself again once, in place (process.execve: same pid, so the runner's
// wait and its SIGTERM on cancel still reach it), with the flags on its command line and glibc malloc's arenas capped
// (MALLOC_ARENA_MAX), and runs the action in its main thread. Where execve is missing (Windows) or fails, the action
// runs in a worker thread instead, whose resource limits give the same heap (not the allocator setting).
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { isMainThread, parentPort, SHARE_ENV, Worker } from 'node:worker_threads'

/** Young generation of the action's isolate (V8 splits it into semi-spaces); measured in `npm run bench`. */
export const YOUNG_GENERATION_MB = 3
/**
 * The same young generation as a command-line flag: V8 counts a young generation as three semi-spaces (both gave a
 * new space of at most 2 MB in Node 24).
 */
export const SEMI_SPACE_MB = YOUNG_GENERATION_MB / 3
/**
 * Old generation of the action's isolate. Below V8's default limit (2 GB and more on a 64-bit machine with enough memory) V8
 * lets the heap grow by a factor of 1.3 to 2.0 between full collections, scaled with the limit, instead of 4
 * (v8 src/heap/heap-controller.cc, MaxGrowingFactor): at 1 GB about 1.6. At full benchmark scale the live heap
 * peaks near 60 MB and garbage made the rest of a 130 MB heap; with this limit the steady state's peak RSS went from
 * 264–288 MB to 207–228 MB at the same speed (bench/memory.ts; 512 MB was slower, 2 GB no smaller). 1 GB is about
 * 15 times the full scale's live heap.
 */
export const OLD_GENERATION_MB = 1024
/**
 * How far the heap may grow past what a full collection left before the next one: 20% instead of the 1.6× of the
 * 1 GB limit (`--heap-growing-percent` replaces V8's factor, v8 src/heap/heap-controller.cc GrowingFactor; the limit
 * still grows by at least 8 MB, BoundAllocationLimit). The worker's peak heap went from 75–82 to 60 MB in the steady
 * state and from 127 to 100 MB in a first sync (bench/memory.ts); the cost is more full collections, 1–3 s of CPU
 * over a steady state's 7.5 (a first sync waits on rate limits, not on the CPU). 10% saved 5 MB more for as much
 * CPU again. A V8 flag is the process's: set before the worker's isolate starts, it holds there too.
 */
export const HEAP_GROWING_PERCENT = 20

/**
 * glibc malloc's arenas: by default each thread that allocates (the action's, libuv's pool, V8's GC helpers) may get
 * one, up to 8 per core, and each keeps the memory it freed (mallopt(3), M_ARENA_MAX). With 2 a first sync at full
 * benchmark scale peaked at 210–211 MB instead of 227–234 in the worker, and at 201 MB with the action in the main
 * thread (one isolate instead of two), at the same CPU time (bench/memory.ts --env). Other allocators ignore it.
 */
export const MALLOC_ARENA_MAX = 2
/**
 * Freed memory above this much at the top of an arena goes back to the system. Unset, glibc adjusts it as large
 * blocks are freed (to twice the mmap threshold, which follows the largest freed block up to 32 MB on 64-bit); set,
 * it stays put (glibc manual, Malloc Tunable Parameters; mallopt(3)). At 128 KB, glibc's starting value, a first sync
 * peaked at 192–197 MB instead of 201, at the same CPU time (bench/memory.ts --env).
 */
export const MALLOC_TRIM_THRESHOLD = 128 * 1024

/** The allocator settings of the re-executed image; a variable the runner's environment sets wins. */
export function allocatorEnv(): Record<string, string> {
  return { MALLOC_ARENA_MAX: String(MALLOC_ARENA_MAX), MALLOC_TRIM_THRESHOLD_: String(MALLOC_TRIM_THRESHOLD) }
}

/** Set in the environment of the image that re-exec started: it runs the action, and starts nothing again. */
export const REEXEC_MARKER = 'ENTRA_DATABRICKS_SYNC_REEXEC'

/** Node's command line for the re-executed image: the heap of the worker's resource limits, as V8 flags. */
export function reexecFlags(): string[] {
  return [
    `--max-semi-space-size=${SEMI_SPACE_MB}`,
    `--max-old-space-size=${OLD_GENERATION_MB}`,
    `--heap-growing-percent=${HEAP_GROWING_PERCENT}`
  ]
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const
type CancelSignal = (typeof SIGNALS)[number]

/**
 * Runs `work` with the heap and allocator settings above: in this image when re-exec started it, else after starting
 * this process again in place, else (no execve, or it failed) in a worker.
 */
export async function runIsolated(work: () => Promise<void>): Promise<void> {
  if (!isMainThread) return work()
  if (process.env[REEXEC_MARKER] === '1') {
    // The action and anything it starts see the runner's environment.
    delete process.env[REEXEC_MARKER]
    return work()
  }
  reexec()
  return runInWorker()
}

/**
 * Replaces this process with `node <flags> <the runner's node flags> <this script and its arguments>`, the runner's
 * environment plus the allocator setting, in the same working directory; returns only if that is not possible.
 */
function reexec(): void {
  if (typeof process.execve !== 'function') return
  const args = [process.execPath, ...reexecFlags(), ...process.execArgv, ...process.argv.slice(1)]
  const env = { ...allocatorEnv(), ...process.env, [REEXEC_MARKER]: '1' }
  try {
    process.execve(process.execPath, args, env)
  } catch {
    // execve(2) failed and left this process as it was (e.g. a sandbox that forbids it): the worker path below.
  }
}

/** In the main thread: starts this file again as a worker that runs the action, and ends with its exit code. */
async function runInWorker(): Promise<void> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
  const worker = new Worker(fileURLToPath(import.meta.url), {
    env: SHARE_ENV,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB }
  })
  // Signals reach the main thread only: the worker is told, and cancels as the action does (see onCancel).
  const forward = (signal: CancelSignal): void => worker.postMessage({ signal })
  for (const signal of SIGNALS) process.on(signal, forward)
  const code = await new Promise<number>((resolve) => {
    worker.on('error', (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 1
    })
    worker.on('exit', resolve)
  })
  for (const signal of SIGNALS) process.off(signal, forward)
  if (code !== 0) process.exitCode = code
  if (code === 130 || code === 143) process.exit(code)
}

/** Calls `handler` for each SIGINT/SIGTERM the process gets, in the main thread or in the action's worker. */
export function onCancel(handler: (signal: CancelSignal) => void): void {
  if (isMainThread || !parentPort) {
    for (const signal of SIGNALS) process.on(signal, handler)
    return
  }
  parentPort.on('message', (message: unknown) => {
    const signal = (message as { signal?: unknown } | null)?.signal
    if (signal === 'SIGINT' || signal === 'SIGTERM') handler(signal)
  })
  // The port must not keep the worker alive once the action is done.
  parentPort.unref()
}
