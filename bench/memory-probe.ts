// Preload for the action's process (NODE_OPTIONS=--import <this file>), used by bench/memory.ts. It runs in the main
// thread and in the action's worker (Node runs --import preloads in workers too) and samples, every 50 ms, the
// process's RSS and this thread's V8 heap. On exit each thread writes its samples at its peak next to the RSS file
// (BENCH_RSS_FILE, the only variable the benchmark passes), as <file>.thread-<id>.json. When a file named
// heap-snapshot exists beside it, the worker also writes a heap snapshot (<file>.<n>.heapsnapshot) each time
// its used heap passes the last snapshot's by 10% — the last one is taken near the peak, and each is logged with the live heap after it. A snapshot stops the thread
// and costs memory: never measure RSS in a run that takes them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8'
import { isMainThread, threadId } from 'node:worker_threads'

const base = process.env.BENCH_RSS_FILE
/** The thread that runs the action: the worker, or the main thread of the image that src/isolate.ts re-executed. */
const action = !isMainThread || process.env.ENTRA_DATABRICKS_SYNC_REEXEC === '1'
const snapshots = !!base && action && existsSync(join(dirname(base), 'heap-snapshot'))

interface Sample {
  atMs: number
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
  /**
   * The process's resident memory by kind (Linux /proc/self/status), kB: anonymous (heaps, allocator) and
   * file-backed (the node binary's pages).
   */
  rssAnonKb?: number
  rssFileKb?: number
}

/** RssAnon and RssFile of /proc/self/status, where there is one. */
function rssKinds(): { rssAnonKb?: number; rssFileKb?: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8')
    const kb = (name: string): number | undefined => {
      const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)
      return m ? Number(m[1]) : undefined
    }
    const anon = kb('RssAnon')
    const file = kb('RssFile')
    return { ...(anon !== undefined ? { rssAnonKb: anon } : {}), ...(file !== undefined ? { rssFileKb: file } : {}) }
  } catch {
    return {}
  }
}

if (base) {
  const start = performance.now()
  let peakRss: Sample | undefined
  let peakHeap: Sample | undefined
  let peakSpaces: Record<string, number> = {}
  let snapshotAt = 32 * 1024 * 1024
  let taken = 0
  let ticks = 0
  /** Every 500 ms: [ms, rss, heap used]. */
  const timeline: [number, number, number][] = []
  const snapshotLog: (Sample & { live: number })[] = []
  const sample = (): void => {
    const m = process.memoryUsage()
    const s: Sample = {
      atMs: Math.round(performance.now() - start),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers
    }
    if (ticks++ % 10 === 0) timeline.push([s.atMs, s.rss, s.heapUsed])
    if (!peakRss || s.rss > peakRss.rss) peakRss = { ...s, ...rssKinds() }
    if (!peakHeap || s.heapUsed > peakHeap.heapUsed) {
      peakHeap = s
      peakSpaces = Object.fromEntries(getHeapSpaceStatistics().map((x) => [x.space_name, x.space_used_size]))
    }
    if (snapshots && s.heapUsed > snapshotAt) {
      writeHeapSnapshot(`${base}.${++taken}.heapsnapshot`)
      snapshotLog.push({ ...s, live: process.memoryUsage().heapUsed })
      snapshotAt = s.heapUsed * 1.1
    }
  }
  setInterval(sample, 50).unref()
  process.on('exit', () => {
    sample()
    writeFileSync(
      `${base}.thread-${threadId}.json`,
      JSON.stringify({
        thread: isMainThread ? 'main' : 'worker',
        action,
        peakRss,
        peakHeap,
        peakSpaces,
        snapshotLog,
        timeline,
        // The whole process's CPU time (all threads, GC helpers too): contention for the cores inflates it far less
        // than wall time.
        ...(isMainThread ? { cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000) } : {})
      })
    )
  })
}
