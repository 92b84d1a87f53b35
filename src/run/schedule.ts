// Runs a plan's operations as their dependencies allow (core/dependencies.ts): each starts once what it waits for
// has settled (done or failed: the writer of an operation whose dependency failed finds no id and says so), at
// most `concurrency` at a time. Slots are shared between phases: each phase with ready operations keeps one in
// flight, the rest go to the earliest phase (creates) — so the memberships (one request lane) go on while the creates
// (another, the busiest of a first sync) still run, and the creates keep most slots.
import type { OperationSchedule } from '../core/dependencies.js'
import { insertSorted } from '../util/sorted.js'

export interface ScheduleRun {
  concurrency: number
  /** Once aborted nothing more starts; what is in flight finishes. */
  signal?: AbortSignal
  /**
   * Runs one operation (by index); the indices it settled (itself, and any other it carried in the same request).
   * Never rejects.
   */
  run(index: number): Promise<readonly number[]>
  /**
   * Called when every operation of a phase and the phases before it has settled while others remain, taking a slot
   * while it runs (apply sends what writers held back: ownership marks). Never rejects.
   */
  phaseSettled?(phase: number): Promise<void>
}

/** Resolves when nothing is in flight and nothing more can start. */
export function runSchedule(schedule: OperationSchedule, options: ScheduleRun): Promise<void> {
  const { after, rank, phase } = schedule
  const count = after.length
  const phases = phase.reduce((n, p) => Math.max(n, p + 1), 0)
  const waitingFor = after.map((waits) => waits.length)
  const dependents: number[][] = after.map(() => [])
  after.forEach((waits, i) => waits.forEach((j) => dependents[j]!.push(i)))
  const unsettled = new Array<number>(phases).fill(0)
  for (const p of phase) unsettled[p]!++
  const hadAny = unsettled.map((n) => n > 0)
  // Ready operations by phase, sorted by rank from last to first (pop takes the first).
  const ready: number[][] = Array.from({ length: phases }, () => [])
  const inFlight = new Array<number>(phases).fill(0)
  const settled = new Uint8Array(count)
  const extra: (() => Promise<void>)[] = []
  let remaining = count
  let running = 0
  let prefix = 0

  // Descending rank, so pop takes the lowest.
  const enqueue = (i: number): void => insertSorted(ready[phase[i]!]!, i, (j) => -rank[j]!)
  const settle = (i: number): void => {
    if (settled[i]) return
    settled[i] = 1
    remaining--
    unsettled[phase[i]!]!--
    for (const d of dependents[i]!) if (--waitingFor[d]! === 0) enqueue(d)
  }
  const advance = (): void => {
    while (prefix < phases && unsettled[prefix] === 0) {
      const p = prefix++
      if (hadAny[p] && remaining > 0 && options.phaseSettled) extra.push(() => options.phaseSettled!(p))
    }
  }

  for (let i = 0; i < count; i++) if (waitingFor[i] === 0) ready[phase[i]!]!.push(i)
  for (const list of ready) list.sort((a, b) => rank[b]! - rank[a]!)
  advance()

  /**
   * A phase with ready operations and none in flight first (each request lane gets one); then the earliest phase with
   * ready ones (what later operations wait for), so its lane, the busiest of a first sync, keeps the other slots.
   */
  const nextPhase = (): number => {
    let p = -1
    for (let q = 0; q < phases; q++) {
      const list = ready[q]!
      if (list.length === 0) continue
      if (p < 0) p = q
      else if (inFlight[q] === 0 && inFlight[p]! > 0) p = q
      else if (inFlight[q] === 0 && rank[list.at(-1)!]! < rank[ready[p]!.at(-1)!]!) p = q
    }
    return p
  }

  return new Promise<void>((resolve) => {
    const pump = (): void => {
      while (running < options.concurrency && !options.signal?.aborted) {
        const task = extra.shift()
        if (task) {
          running++
          void task().then(() => {
            running--
            pump()
          })
          continue
        }
        const p = nextPhase()
        if (p < 0) break
        const i = ready[p]!.pop()!
        running++
        inFlight[p]!++
        void options.run(i).then((carried) => {
          running--
          inFlight[p]!--
          settle(i)
          carried.forEach(settle)
          advance()
          pump()
        })
      }
      if (running === 0) resolve()
    }
    pump()
  })
}
