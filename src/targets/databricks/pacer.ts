// Pacing of writes: requests per second by method, so a client stays under the account API's published rates
// instead of provoking 429s, and waits out a 429's Retry-After together with the other requests of its method.
// Independent of HTTP: it hands out slots against an injected clock and sleep.

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'
/** Requests per second allowed to start, by write method; a method left out is not paced. */
export type WriteRates = Partial<Record<WriteMethod, number>>

/** The account API's published write limits (PATCH 2/s, POST, PUT and DELETE 5/s). */
export const ACCOUNT_WRITE_RATES: Readonly<Record<WriteMethod, number>> = Object.freeze({
  PATCH: 2,
  POST: 5,
  PUT: 5,
  DELETE: 5
})

interface Lane {
  /** Milliseconds between starts: 1/rate. */
  interval: number
  /** Requests per window, and the window: `rate` per second as a whole number per window (2/s: 2 per 1000 ms). */
  limit: number
  windowMs: number
  /** Earliest start of the next request. */
  next: number
  inFlight: number
  /** When the latest requests finished (ascending, at most `limit`). */
  ends: number[]
  /** Woken when a request finishes. */
  waiters: (() => void)[]
}

/** Frees a pacing slot once the request's answer (or failure) came; calling it again does nothing. */
export type PaceRelease = () => void

const NO_PACING: PaceRelease = () => undefined

/**
 * Writes paced per method, two rules together:
 * - spaced starts: requests of a method start at least 1/rate apart, whatever their concurrency (the slot is
 *   taken synchronously, then waited for), so the service sees an even flow instead of bursts;
 * - a window guard: a request starts only while fewer than `limit` others are in flight or finished within the
 *   last window. A request reaches the service before its answer comes back, so however much the latency varies
 *   (a cold TLS connection, a slow answer), no window of the service ever sees more than the rate: sliding or fixed.
 */
export class Pacer {
  private readonly lanes = new Map<string, Lane>()
  /** Methods without a rate: no new request starts before this time after a 429 (the Retry-After). */
  private readonly holds = new Map<string, number>()
  /** Milliseconds requests spent waiting for their slot, all together. */
  waitedMs = 0

  constructor(
    rates: WriteRates,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>
  ) {
    for (const [method, rate] of Object.entries(rates)) {
      if (rate === undefined) continue
      if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`write rate of ${method} must be a number > 0`)
      const limit = Math.max(1, Math.floor(rate))
      this.lanes.set(method, {
        interval: 1000 / rate,
        limit,
        windowMs: (limit / rate) * 1000,
        next: -Infinity,
        inFlight: 0,
        ends: [],
        waiters: []
      })
    }
  }

  paces(method: string): boolean {
    return this.lanes.has(method)
  }

  /** Waits for a slot of `method` (at once when unpaced or free); call the answer when the request is over. */
  async acquire(method: string): Promise<PaceRelease> {
    const lane = this.lanes.get(method)
    if (!lane) {
      // Unpaced, but after a 429 the others wait too, instead of each meeting its own 429.
      const hold = (this.holds.get(method) ?? 0) - this.now()
      if (hold > 0) {
        await this.sleep(Math.ceil(hold))
        this.waitedMs += hold
      }
      return NO_PACING
    }
    const began = this.now()
    const start = Math.max(began, lane.next)
    lane.next = start + lane.interval
    if (start > began) await this.sleep(Math.ceil(start - began))
    for (;;) {
      const t = this.now()
      const recent = lane.ends.filter((end) => end > t - lane.windowMs)
      if (lane.inFlight + recent.length < lane.limit) break
      // Full: wait until the oldest recent request leaves the window, or one in flight finishes.
      const waits = [new Promise<void>((resolve) => lane.waiters.push(resolve))]
      const oldest = recent[0]
      if (oldest !== undefined) waits.push(this.sleep(Math.ceil(oldest + lane.windowMs - t)))
      await Promise.race(waits)
    }
    this.waitedMs += this.now() - began
    lane.inFlight++
    let released = false
    return () => {
      if (released) return
      released = true
      lane.inFlight--
      lane.ends.push(this.now())
      if (lane.ends.length > lane.limit) lane.ends.splice(0, lane.ends.length - lane.limit)
      for (const wake of lane.waiters.splice(0)) wake()
    }
  }

  /** The service throttled `method`: no new request of it starts before `until` (a retry's Retry-After). */
  holdUntil(method: string, until: number): void {
    const lane = this.lanes.get(method)
    if (lane) lane.next = Math.max(lane.next, until)
    else this.holds.set(method, Math.max(this.holds.get(method) ?? 0, until))
  }
}
