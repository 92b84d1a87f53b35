// Adaptive pacing of a target's requests, per lane (a method, and LIST apart from GET of one resource): starts at
// known limits (or probes up from a conservative guess), learns the service's limit from a 429 and its Retry-After,
// backs off multiplicatively and recovers slowly. Independent of HTTP: it hands out slots against an injected clock
// and sleep, and reports its rate changes (`onChange`) so tests can watch them.
import { insertSorted } from '../../util/sorted.js'

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'
/** A pacing lane: a method, or LIST (a GET of a collection: SCIM Users, Groups, ServicePrincipals). */
export type Lane = WriteMethod | 'GET' | 'LIST'
export const LANES: readonly Lane[] = ['GET', 'LIST', 'POST', 'PUT', 'PATCH', 'DELETE']
/** Requests per second allowed to start, by lane; a lane left out is not paced. */
export type RequestRates = Partial<Record<Lane, number>>
/** Requests per second by write method (the older name: a write method's lane). */
export type WriteRates = RequestRates

/** The account API's published write limits (PATCH 2/s, POST, PUT and DELETE 5/s). */
export const ACCOUNT_WRITE_RATES: Readonly<Record<WriteMethod, number>> = Object.freeze({
  PATCH: 2,
  POST: 5,
  PUT: 5,
  DELETE: 5
})

/**
 * The account SCIM API's published limits, reads too: GET of one resource 20/s, LIST 240 a minute (4/s), PATCH 2/s,
 * POST/PUT/DELETE 5/s (Databricks "Resource limits", API rate limits: Account SCIM API).
 */
export const ACCOUNT_RATES: Readonly<RequestRates> = Object.freeze({ ...ACCOUNT_WRITE_RATES, GET: 20, LIST: 4 })

/** The account's SCIM lanes: the published limits, with those the config gives (`rate-limits`) instead. */
export const accountRates = (configured: RequestRates = {}): RequestRates => ({ ...ACCOUNT_RATES, ...configured })

/** Workspace permission assignments: PUT and DELETE at the account's write limits (or the config's). */
export function assignmentRates(configured: RequestRates = {}): RequestRates {
  const rates = accountRates(configured)
  return { PUT: rates.PUT, DELETE: rates.DELETE }
}

/**
 * Where pacing of a workspace's SCIM starts when its limits are not known, probing up from there. GET 255 a minute is
 * the one published workspace SCIM figure. Writes have none: a third-party connector spaces group PATCHes 6 s apart
 * (Privacera's Group Update Delay), but starting that low costs every small run seconds per workspace, so writes start
 * at ten times that (PATCH 100, POST/PUT/DELETE 350 a minute): a stricter workspace answers 429 within the first
 * window and the lane drops to what it admitted (e2e-pacing bounds that at a few 429s per workspace).
 */
export const WORKSPACE_PROBE_RATES: Readonly<RequestRates> = Object.freeze({
  GET: 255 / 60,
  LIST: 255 / 60,
  PATCH: 100 / 60,
  POST: 350 / 60,
  PUT: 350 / 60,
  DELETE: 350 / 60
})

/** The lane of a request: LIST for a GET of a SCIM collection (`/Users`, `/Groups`, `/ServicePrincipals`). */
export function laneOf(method: string, path: string): string {
  const m = method.toUpperCase()
  if (m !== 'GET') return m
  const bare = path.split('?')[0] ?? ''
  return /^\/(?:Users|Groups|ServicePrincipals)\/?$/.test(bare) ? 'LIST' : 'GET'
}

/** Tuning of the adaptation (exported for the tests that check it). */
export const PACING = Object.freeze({
  /** While probing (no 429 yet), a lane waiting for its slot doubles its rate this often. */
  doublingMs: 200,
  /** How often a probing lane's waiting request looks again at the (growing) rate. */
  probeTickMs: 50,
  /** After a 429 the rate is this share of the learned limit. */
  safety: 0.98,
  /** The least rate a 429 leads to (requests per second): one every ten minutes. */
  minRate: 1 / 600,
  /**
   * Recovery per paced success, as a share of the learned limit: fast below it, slow probing above it; each 429
   * that confirms the learned limit (an estimate within 10% of it) makes that probing ten times slower.
   */
  recover: 0.002,
  probe: 0.00005,
  confirmSlowdown: 10,
  /** The estimate after a 429 looks back at least this many requests' time at the current rate. */
  estimateRequests: 4,
  /** Successes remembered for the estimate (start times, per lane). */
  lookbackMs: 120_000,
  /** Probing stops growing here (requests per second); a 429 below it teaches the real limit. */
  probeMax: 1000,
  /** Round trips remembered per lane, and how many it takes before the least of them is trusted (the window guard). */
  roundTrips: 32,
  roundTripsTrusted: 8
})

/** Why a lane's rate changed: probing up, a 429 (decrease), or recovery after one. */
export interface RateChange {
  lane: string
  from: number
  to: number
  reason: 'probe' | 'throttled' | 'recover'
  at: number
}

interface LaneState {
  rate: number
  /** The rate it started at (known, or the guess it probes up from). */
  start: number
  /** Never above this (a known limit); Infinity when the limit is being probed for. */
  cap: number
  /** No 429 yet and the limit unknown: the rate grows while requests wait for it. */
  probing: boolean
  /** The limit learned from the latest 429 (Infinity before one). */
  learned: number
  /** Probing above the learned limit, per paced success (a share of it). */
  probeStep: number
  /** The slot given to the latest request (starts are spaced from it). */
  prevSlot: number
  /** No request starts before this (a Retry-After). */
  hold: number
  /** When the rate last went down: a 429 to a request sent before that is no news. */
  cutAt: number
  inFlight: number
  /**
   * When the latest finished requests reached the service at the latest (ascending, at most the window limit): the
   * end of each, less half the lane's least recent round trip once that is known (the answer's way back).
   */
  ends: number[]
  /** The latest round trips (ms), oldest first. */
  roundTrips: number[]
  /** Start times of the requests the service admitted, within the lookback. */
  admitted: number[]
  /** Requests waiting for their turn (the first is the head, which waits for its slot). */
  queue: (() => void)[]
  /** Woken when a request finishes (the window guard). */
  waiters: (() => void)[]
}

/** Frees a pacing slot once the request's answer came (its HTTP status; none for a failure to get one). */
export type PaceRelease = (status?: number) => void

const NO_PACING: PaceRelease = () => undefined

export interface PacerOptions {
  /** Lanes whose limit is not known: they start at these rates and probe upward until the first 429. */
  probe?: RequestRates
  /** Told about every change of a lane's rate. */
  onChange?: (change: RateChange) => void
  /** True once the run is cancelled: a waiting request stops waiting (and is not sent, see DatabricksHttp). */
  stopped?: () => boolean
}

/**
 * Requests paced per lane, two rules together:
 * - spaced starts: requests of a lane start at least 1/rate apart, one after the other in the order they asked,
 *   so the service sees an even flow instead of bursts;
 * - a window guard: a request starts only while fewer than `limit` others are in flight or finished within the
 *   last window. A request reaches the service before its answer comes back, so however much the latency varies,
 *   no window of the service ever sees more than the rate: sliding or fixed. Once a few round trips are known, a
 *   finished request counts from half the least of them before its end (its way back), not from its end.
 * And the rate adapts: a 429 sets it to what the service admitted over its Retry-After (the requests it let through
 * in the last Retry-After seconds, per second) when that is lower, then it recovers by small steps per request;
 * a lane whose limit is unknown starts at a conservative guess and doubles while requests wait, until the first 429.
 */
export class Pacer {
  private readonly lanes = new Map<string, LaneState>()
  /** Lanes without a rate: no new request starts before this time after a 429 (the Retry-After). */
  private readonly holds = new Map<string, number>()
  private readonly onChange: ((change: RateChange) => void) | undefined
  private readonly stopped: () => boolean
  /** Milliseconds requests spent waiting for their slot, all together. */
  waitedMs = 0

  constructor(
    known: RequestRates,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    options: PacerOptions = {}
  ) {
    this.onChange = options.onChange
    this.stopped = options.stopped ?? (() => false)
    const add = (lane: string, rate: number | undefined, probing: boolean): void => {
      if (rate === undefined) return
      if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`rate of ${lane} must be a number > 0`)
      this.lanes.set(lane, {
        rate,
        start: rate,
        cap: probing ? Math.max(rate, PACING.probeMax) : rate,
        probing,
        learned: probing ? Infinity : rate,
        probeStep: PACING.probe,
        prevSlot: -Infinity,
        hold: -Infinity,
        cutAt: -Infinity,
        inFlight: 0,
        ends: [],
        roundTrips: [],
        admitted: [],
        queue: [],
        waiters: []
      })
    }
    for (const [lane, rate] of Object.entries(options.probe ?? {})) if (!(lane in known)) add(lane, rate, true)
    for (const [lane, rate] of Object.entries(known)) add(lane, rate, false)
  }

  paces(lane: string): boolean {
    return this.lanes.has(lane)
  }

  /** The lane's current rate (requests per second), undefined when it is not paced. */
  rate(lane: string): number | undefined {
    return this.lanes.get(lane)?.rate
  }

  /** Waits for a slot of `lane` (at once when unpaced or free); call the answer when the request is over. */
  async acquire(lane: string): Promise<PaceRelease> {
    const state = this.lanes.get(lane)
    if (!state) {
      // Unpaced, but after a 429 the others wait too, instead of each meeting its own 429.
      const hold = (this.holds.get(lane) ?? 0) - this.now()
      if (hold > 0) {
        await this.sleep(Math.ceil(hold))
        this.waitedMs += hold
      }
      return NO_PACING
    }
    const began = this.now()
    // One at a time: the head of the queue waits for its slot, the others for their turn.
    const turn = new Promise<void>((resolve) => state.queue.push(resolve))
    if (state.queue.length === 1) state.queue[0]!()
    await turn
    const { start, waited } = await this.awaitSlot(lane, state, began)
    state.queue.shift()
    state.queue[0]?.()
    this.waitedMs += this.now() - began
    state.inFlight++
    let released = false
    return (status) => {
      if (released) return
      released = true
      state.inFlight--
      const end = this.now()
      insertSorted(state.ends, end - backLegMs(state, end - start), (t) => t)
      const limit = windowLimit(state.rate)
      if (state.ends.length > limit) state.ends.splice(0, state.ends.length - limit)
      if (status !== undefined && status !== 429 && status < 500) this.admitted(lane, state, start, end, waited)
      for (const wake of state.waiters.splice(0)) wake()
    }
  }

  /**
   * The service throttled a request of `lane` (sent at `sentAt`, when known) and asked to wait `retryAfterMs`: no
   * new request of it starts before then, and the lane's rate goes down to what the service admitted.
   */
  throttled(lane: string, retryAfterMs: number, sentAt?: number): void {
    const now = this.now()
    this.holdUntil(lane, now + retryAfterMs)
    const state = this.lanes.get(lane)
    // One decrease per episode: the 429s of requests sent before it say nothing new.
    if (!state || (sentAt !== undefined && sentAt < state.cutAt)) return
    // What the service let through over the Retry-After it asks for (at least a second, and long enough to hold a few
    // requests at the current rate): under a window limit that is its limit (a full window, then a wait until the
    // oldest request leaves it).
    const windowMs = Math.max(1000, retryAfterMs, (PACING.estimateRequests * 1000) / state.rate)
    const recent = state.admitted.filter((t) => t > now - windowMs).length
    const estimate = recent > 0 ? (recent * 1000) / windowMs : undefined
    if (estimate === undefined) {
      // Nothing admitted lately, so nothing to learn from (a 429 that is not about this client's rate, or a storm):
      // halve, but not below half the starting rate, and keep probing if it was.
      state.cutAt = now
      this.setRate(lane, state, Math.min(state.rate, Math.max(state.rate / 2, state.start / 2)), 'throttled')
      return
    }
    const known = state.learned !== Infinity
    // The 429 that ends the probing ramp measured a lane that sent as fast as the service let it (its requests were
    // waiting, which is what made it grow): as good as a confirmation, so probing above it starts slow. Otherwise each
    // lane would meet a second 429 (and wait a Retry-After out) within its first couple of thousand requests.
    if (state.probing || (known && estimate >= 0.9 * state.learned)) state.probeStep /= PACING.confirmSlowdown
    // A 429 near the learned limit (from probing above it) moves it a little: one estimate over a short look back
    // is noisy. One far below it (the limit went down) replaces it.
    const kept = known && estimate >= 0.5 * state.learned ? state.learned * PACING.safety : 0
    state.learned = Math.min(state.cap, Math.max(estimate, kept))
    const to = Math.min(state.cap, Math.max(PACING.minRate, Math.min(state.rate, state.learned * PACING.safety)))
    state.probing = false
    state.cutAt = now
    this.setRate(lane, state, to, 'throttled')
  }

  /** No new request of `lane` starts before `until` (a retry's Retry-After). */
  holdUntil(lane: string, until: number): void {
    const state = this.lanes.get(lane)
    if (state) state.hold = Math.max(state.hold, until)
    else this.holds.set(lane, Math.max(this.holds.get(lane) ?? 0, until))
  }

  /** Waits (as the head of the lane's queue) until the slot and the window allow a start; returns the start. */
  private async awaitSlot(lane: string, state: LaneState, began: number): Promise<{ start: number; waited: boolean }> {
    let waited = false
    for (;;) {
      const t = this.now()
      if (this.stopped()) return { start: t, waited }
      const slot = Math.max(began, state.prevSlot + 1000 / state.rate, state.hold)
      if (t < slot) {
        waited = true
        // A probing lane looks again soon: its rate grows while it waits.
        const ms = state.probing ? Math.min(slot - t, PACING.probeTickMs) : slot - t
        await this.sleep(Math.ceil(ms))
        if (state.probing && t >= state.hold) {
          const grown = state.rate * 2 ** ((this.now() - t) / PACING.doublingMs)
          this.setRate(lane, state, Math.min(state.cap, grown), 'probe')
        }
        continue
      }
      const limit = windowLimit(state.rate)
      const windowMs = (limit / state.rate) * 1000
      const recent = state.ends.filter((end) => end > t - windowMs)
      if (state.inFlight + recent.length < limit) {
        state.prevSlot = slot
        return { start: t, waited }
      }
      // Full: wait until the oldest recent request leaves the window, or one in flight finishes.
      const waits = [new Promise<void>((resolve) => state.waiters.push(resolve))]
      const oldest = recent[0]
      if (oldest !== undefined) waits.push(this.sleep(Math.ceil(oldest + windowMs - t)))
      waited = true
      await Promise.race(waits)
    }
  }

  /** The service admitted a request started at `start`: remembered for the estimate, and the rate recovers. */
  private admitted(lane: string, state: LaneState, start: number, end: number, paced: boolean): void {
    state.admitted.push(start)
    const old = end - PACING.lookbackMs
    let drop = 0
    while (drop < state.admitted.length && (state.admitted[drop] as number) <= old) drop++
    if (drop > 0) state.admitted.splice(0, drop)
    // Only a request that waited for its slot says the rate holds the lane back.
    if (!paced || state.probing || state.learned === Infinity) return
    const step = state.learned * (state.rate < state.learned ? PACING.recover : state.probeStep)
    const to = Math.min(state.cap, state.rate + step)
    if (to > state.rate) this.setRate(lane, state, to, 'recover')
  }

  private setRate(lane: string, state: LaneState, to: number, reason: RateChange['reason']): void {
    if (to === state.rate) return
    const from = state.rate
    state.rate = to
    this.onChange?.({ lane, from, to, reason, at: this.now() })
  }
}

/**
 * How long before its end a request of the lane reached the service at the latest: half the least of the lane's
 * recent round trips (`roundTrip` is the newest, remembered here), taking the way back to be at least as long as the
 * way there, as clock synchronisation (NTP) does. A limit counts a request when it arrives; counting it until its
 * answer is back costs every window a whole round trip (a tenth of a one-second window at 100 ms). Zero until a few
 * round trips are known: one slow first answer (a cold connection) counts until its end.
 */
function backLegMs(state: LaneState, roundTrip: number): number {
  const trips = state.roundTrips
  trips.push(roundTrip)
  if (trips.length > PACING.roundTrips) trips.shift()
  return trips.length < PACING.roundTripsTrusted ? 0 : Math.min(...trips) / 2
}

/** Requests per window of the window guard: the rate per second as a whole number (at least 1). */
const windowLimit = (rate: number): number => Math.max(1, Math.floor(rate))
