// The action runs in a worker thread of its own process, with a small young generation. V8 otherwise sizes the young
// generation for throughput: under a first sync's tens of thousands of requests it grows to tens of megabytes per
// semi-space, which was about a quarter of the action's peak memory. Node flags cannot be given to an action
// (`runs.using: node24` starts `node dist/index.js`), but a worker's resource limits can.
import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort, SHARE_ENV, Worker } from 'node:worker_threads'

/** Young generation of the worker (V8 splits it into semi-spaces); measured in `npm run bench`. */
export const YOUNG_GENERATION_MB = 3
/**
 * Old generation of the worker. Below V8's default limit (2 GB and more on a 64-bit machine with enough memory) V8
 * lets the heap grow by a factor of 1.3 to 2.0 between full collections, scaled with the limit, instead of 4
 * (v8 src/heap/heap-controller.cc, MaxGrowingFactor): at 1 GB about 1.6. At full benchmark scale the live heap
 * peaks near 60 MB and garbage made the rest of a 130 MB heap; with this limit the steady state's peak RSS went from
 * 264–288 MB to 207–228 MB at the same speed (bench/memory.ts; 512 MB was slower, 2 GB no smaller). 1 GB is about
 * 15 times the full scale's live heap.
 */
export const OLD_GENERATION_MB = 1024

const SIGNALS = ['SIGINT', 'SIGTERM'] as const
type CancelSignal = (typeof SIGNALS)[number]

/** In the main thread: starts this file again as a worker that runs `work`, and ends with its exit code. */
export async function runInWorker(work: () => Promise<void>): Promise<void> {
  if (!isMainThread) {
    await work()
    return
  }
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
