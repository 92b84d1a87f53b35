// Pacing of writes: requests of a paced method start at least 1/rate seconds apart (the account API's published
// limits: PATCH 2/s, POST/PUT/DELETE 5/s), concurrently or not; reads are not paced; a 429 still waits its
// Retry-After and holds the method's other requests. Timed on a virtual clock, plus one short real-time run.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { DATABRICKS_RESOURCE_ID } from '../emulators/databricks.js'
import { loadFixture } from '../emulators/fixture.js'
import { startEmulators, type Emulators } from '../emulators/index.js'
import { ensureTestCa, trustTestCa } from '../emulators/tls.js'
import { accountScimBase, PermissionAssignmentsClient } from '../src/targets/databricks/assignments-client.js'
import {
  ACCOUNT_RATES,
  ACCOUNT_WRITE_RATES,
  laneOf,
  PACING,
  Pacer,
  WORKSPACE_PROBE_RATES,
  type RateChange
} from '../src/targets/databricks/pacer.js'
import { ScimClient, type ScimClientOptions } from '../src/targets/databricks/scim-client.js'
import { removeMember } from '../src/targets/databricks/types.js'

/** A clock that only moves when everything else is waiting: each step jumps to the earliest pending sleep. */
function virtualClock(start = 1_000_000) {
  let t = start
  let seq = 0
  const timers: { at: number; seq: number; resolve: () => void }[] = []
  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      timers.push({ at: t + ms, seq: seq++, resolve })
    })
  async function run<T>(work: Promise<T>): Promise<T> {
    let done = false
    const settled = work.finally(() => {
      done = true
    })
    settled.catch(() => undefined)
    for (let idle = 0; !done;) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (done) break
      const next = timers.sort((a, b) => a.at - b.at || a.seq - b.seq).shift()
      if (!next) {
        if (++idle > 1000) throw new Error('virtual clock: nothing to wait for, and the work is not done')
        continue
      }
      idle = 0
      t = Math.max(t, next.at)
      next.resolve()
    }
    return settled
  }
  return { now: () => t, sleep, run, elapsed: () => t - start }
}

interface Call {
  method: string
  url: string
  at: number
}

/** A fetch that records when each request went out; `answer` picks the response (default 204, or 200 + JSON). */
function recordingFetch(now: () => number, answer?: (call: Call, index: number) => Response | undefined) {
  const calls: Call[] = []
  const fetchFn: typeof fetch = async (input, init) => {
    const call = { method: init?.method ?? 'GET', url: String(input), at: now() }
    calls.push(call)
    const custom = answer?.(call, calls.length - 1)
    if (custom) return custom
    if (call.method === 'GET' || call.method === 'POST' || call.method === 'PUT') {
      return new Response(JSON.stringify({ id: String(calls.length), Resources: [] }), {
        status: 200,
        headers: { 'content-type': 'application/json' }
      })
    }
    return new Response(null, { status: 204 })
  }
  return { calls, fetchFn }
}

const gaps = (calls: Call[]): number[] => calls.slice(1).map((c, i) => c.at - calls[i]!.at)

/** Start-to-start spacing at 2/s and 5/s. */
const PATCH_GAP = 500
const WRITE_GAP = 200

function scim(clock: ReturnType<typeof virtualClock>, fetchFn: typeof fetch, options: Partial<ScimClientOptions> = {}) {
  return new ScimClient({
    baseUrl: 'https://accounts.example.test/api/2.0/accounts/acc-1/scim/v2',
    token: async () => 'token-never-shown',
    workspace: 'account acc-1',
    level: 'account',
    writeRates: ACCOUNT_WRITE_RATES,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    fetch: fetchFn,
    ...options
  })
}

describe('Pacer', () => {
  /** Takes a slot, records the start, "sends" for `latency` ms, then frees the slot. */
  const sender = (pacer: Pacer, clock: ReturnType<typeof virtualClock>, log: string[]) => {
    return async (method: string, latency = 0, name = method) => {
      const release = await pacer.acquire(method)
      log.push(`${name}@${clock.now()}`)
      if (latency > 0) await clock.sleep(latency)
      release()
    }
  }

  test('spaces the starts of one method by 1/rate, whatever the concurrency', async () => {
    const clock = virtualClock(0)
    const pacer = new Pacer({ PATCH: 2, POST: 5 }, clock.now, clock.sleep)
    const log: string[] = []
    const go = sender(pacer, clock, log)
    await clock.run(Promise.all([go('PATCH'), go('PATCH'), go('PATCH'), go('PATCH')]))
    expect(log).toEqual(['PATCH@0', 'PATCH@500', 'PATCH@1000', 'PATCH@1500'])
    expect(pacer.waitedMs).toBe(500 + 1000 + 1500)
  })

  test('methods are paced independently; unpaced ones never wait', async () => {
    const clock = virtualClock(0)
    const pacer = new Pacer({ PATCH: 2, POST: 5 }, clock.now, clock.sleep)
    const log: string[] = []
    const go = sender(pacer, clock, log)
    await clock.run(Promise.all([go('PATCH'), go('POST'), go('PATCH'), go('POST'), go('GET'), go('GET')]))
    expect(log.sort()).toEqual(['GET@0', 'GET@0', 'PATCH@0', 'PATCH@500', 'POST@0', 'POST@200'])
    expect(pacer.paces('GET')).toBe(false)
    expect(pacer.paces('PATCH')).toBe(true)
  })

  test('a request after a quiet spell does not wait', async () => {
    const clock = virtualClock(0)
    const pacer = new Pacer({ DELETE: 5 }, clock.now, clock.sleep)
    const log: string[] = []
    const go = sender(pacer, clock, log)
    await clock.run(go('DELETE'))
    await clock.run(clock.sleep(1000))
    await clock.run(go('DELETE'))
    expect(log).toEqual(['DELETE@0', 'DELETE@1000'])
    expect(pacer.waitedMs).toBe(0)
  })

  test('a slow answer keeps its place in the window: no window of the service sees more than the rate', async () => {
    // 2/s: the first answer takes 300 ms (a cold connection), so it may have reached the service as late as 300;
    // the third request waits until 1300 rather than start at 1000, the fourth until b (ended 510) left the window.
    const clock = virtualClock(0)
    const pacer = new Pacer({ PATCH: 2 }, clock.now, clock.sleep)
    const log: string[] = []
    const go = sender(pacer, clock, log)
    await clock.run(
      Promise.all([go('PATCH', 300, 'a'), go('PATCH', 10, 'b'), go('PATCH', 10, 'c'), go('PATCH', 10, 'd')])
    )
    expect(log).toEqual(['a@0', 'b@500', 'c@1300', 'd@1510'])
  })

  test('a request still in flight counts against the window until it ends', async () => {
    const clock = virtualClock(0)
    const pacer = new Pacer({ PATCH: 2 }, clock.now, clock.sleep)
    const log: string[] = []
    const go = sender(pacer, clock, log)
    // a is in flight for 5 s and takes one of the two places throughout; b ends at 510, so c may go at 1510;
    // c ends at 1520, so d goes at 2520.
    await clock.run(
      Promise.all([go('PATCH', 5000, 'a'), go('PATCH', 10, 'b'), go('PATCH', 10, 'c'), go('PATCH', 10, 'd')])
    )
    expect(log).toEqual(['a@0', 'b@500', 'c@1510', 'd@2520'])
  })

  test('a rate under one per second: one request per 1/rate window', async () => {
    const clock = virtualClock(0)
    const pacer = new Pacer({ PUT: 0.5 }, clock.now, clock.sleep)
    const log: string[] = []
    const go = sender(pacer, clock, log)
    await clock.run(Promise.all([go('PUT', 100), go('PUT', 100), go('PUT', 100)]))
    expect(log).toEqual(['PUT@0', 'PUT@2100', 'PUT@4200'])
  })

  test('releasing twice frees one slot only', async () => {
    const clock = virtualClock(0)
    const pacer = new Pacer({ PATCH: 1 }, clock.now, clock.sleep)
    const release = await clock.run(pacer.acquire('PATCH'))
    release()
    release()
    const log: string[] = []
    await clock.run(Promise.all([sender(pacer, clock, log)('PATCH'), sender(pacer, clock, log)('PATCH')]))
    expect(log).toEqual(['PATCH@1000', 'PATCH@2000'])
  })

  test('holdUntil keeps the method waiting until then', async () => {
    const clock = virtualClock(0)
    const pacer = new Pacer({ PATCH: 2 }, clock.now, clock.sleep)
    pacer.holdUntil('PATCH', 3000)
    pacer.holdUntil('GET', 9000) // not paced, but held after a 429 all the same
    const log: string[] = []
    const go = sender(pacer, clock, log)
    await clock.run(go('PATCH'))
    await clock.run(go('GET'))
    await clock.run(go('DELETE'))
    expect(log).toEqual(['PATCH@3000', 'GET@9000', 'DELETE@9000'])
  })

  test('rejects a rate that is not a positive number', () => {
    const clock = virtualClock(0)
    expect(() => new Pacer({ PATCH: 0 }, clock.now, clock.sleep)).toThrow(/PATCH must be a number > 0/)
    expect(() => new Pacer({ PUT: -1 }, clock.now, clock.sleep)).toThrow(RangeError)
    expect(() => new Pacer({ POST: Number.NaN }, clock.now, clock.sleep)).toThrow(RangeError)
  })

  test('the published account rates', () => {
    expect(ACCOUNT_WRITE_RATES).toEqual({ PATCH: 2, POST: 5, PUT: 5, DELETE: 5 })
  })
})

/**
 * A service with a sliding-window limit (`limit` per `windowMs`), answering 429 with a whole-second Retry-After until
 * the oldest admitted request leaves the window, as the emulators (and Databricks' one-second Retry-After) do.
 */
function windowService(limit: number, windowMs: number) {
  const admitted: number[] = []
  return (t: number): { status: number; retryAfterMs?: number } => {
    while (admitted.length && admitted[0]! <= t - windowMs) admitted.shift()
    if (admitted.length < limit) {
      admitted.push(t)
      return { status: 200 }
    }
    return { status: 429, retryAfterMs: Math.max(1, Math.ceil((admitted[0]! + windowMs - t) / 1000)) * 1000 }
  }
}

/** `n` requests through one lane of `pacer`, `concurrency` at a time, each answered by `service` halfway through. */
async function drive(
  pacer: Pacer,
  clock: ReturnType<typeof virtualClock>,
  lane: string,
  service: ReturnType<typeof windowService>,
  n: number,
  { concurrency = 4, latency = 20 } = {}
): Promise<{ throttled: number; elapsed: number }> {
  let throttled = 0
  let taken = 0
  const start = clock.now()
  const worker = async (): Promise<void> => {
    while (taken < n) {
      taken++
      for (;;) {
        const release = await pacer.acquire(lane)
        const sentAt = clock.now()
        await clock.sleep(latency / 2)
        const answer = service(clock.now())
        await clock.sleep(latency / 2)
        release(answer.status)
        if (answer.status !== 429) break
        throttled++
        pacer.throttled(lane, answer.retryAfterMs!, sentAt)
        await clock.sleep(answer.retryAfterMs!)
      }
    }
  }
  await clock.run(Promise.all(Array.from({ length: concurrency }, worker)))
  return { throttled, elapsed: clock.now() - start }
}

describe('adaptive pacing (AIMD on a virtual clock)', () => {
  test('lanes: LIST is a GET of a SCIM collection, GET of one resource apart', () => {
    expect(laneOf('GET', '/Users')).toBe('LIST')
    expect(laneOf('GET', '/Groups?filter=displayName%20eq%20%22a%22')).toBe('LIST')
    expect(laneOf('get', '/ServicePrincipals/')).toBe('LIST')
    expect(laneOf('GET', '/Groups/123')).toBe('GET')
    expect(laneOf('GET', '/workspaces/1/permissionassignments')).toBe('GET')
    expect(laneOf('patch', '/Groups/123')).toBe('PATCH')
  })

  test('the published account limits: GET 20/s, LIST 240 a minute, PATCH 2/s, POST/PUT/DELETE 5/s', () => {
    expect(ACCOUNT_RATES).toEqual({ GET: 20, LIST: 4, PATCH: 2, POST: 5, PUT: 5, DELETE: 5 })
    expect(WORKSPACE_PROBE_RATES.PATCH).toBeCloseTo(100 / 60)
    expect(WORKSPACE_PROBE_RATES.GET).toBeCloseTo(255 / 60)
  })

  test('a known limit: no 429 and the floor’s time (account PATCH 2/s against a 2-per-second window)', async () => {
    const clock = virtualClock(0)
    const pacer = new Pacer({ PATCH: 2 }, clock.now, clock.sleep)
    const { throttled, elapsed } = await drive(pacer, clock, 'PATCH', windowService(2, 1000), 40)
    expect(throttled).toBe(0)
    expect(elapsed).toBeLessThanOrEqual(1.1 * (40 / 2) * 1000)
  })

  test('a known limit with a long round trip: a finished request counts from its estimated arrival, not its end', async () => {
    // 10 a second against a sliding one-second window, round trips of 100 ms (50 each way). Counting each request until
    // its answer came back costs every window 100 ms (21.9 s for 200); counting it from half the least round trip before
    // that (when it reached the service at the latest, the way back as long as the way there) costs 50 ms, and no 429.
    const clock = virtualClock(0)
    const pacer = new Pacer({ POST: 10 }, clock.now, clock.sleep)
    const { throttled, elapsed } = await drive(pacer, clock, 'POST', windowService(10, 1000), 200, { latency: 100 })
    expect(throttled).toBe(0)
    expect(elapsed).toBeLessThanOrEqual(1.06 * (200 / 10) * 1000)
  })

  test('a probing lane doubles its rate while requests wait for it, until the first 429', async () => {
    const clock = virtualClock(0)
    const changes: RateChange[] = []
    const pacer = new Pacer({}, clock.now, clock.sleep, { probe: { PATCH: 1 }, onChange: (c) => changes.push(c) })
    // Two requests: the second waits for its slot (1 s at 1/s) and the rate grows meanwhile, so it starts sooner.
    const log: number[] = []
    await clock.run(
      Promise.all(
        [0, 1].map(async () => {
          const release = await pacer.acquire('PATCH')
          log.push(clock.now())
          release(200)
        })
      )
    )
    expect(log[0]).toBe(0)
    expect(log[1]).toBeLessThan(500)
    expect(changes.length).toBeGreaterThan(0)
    expect(changes.every((c) => c.reason === 'probe' && c.to > c.from)).toBe(true)
    expect(pacer.rate('PATCH')).toBeGreaterThan(2)
  })

  test('a 429 sets the rate to what the service admitted over its Retry-After; later 429s of that burst do not cut again', () => {
    const clock = virtualClock(0)
    const changes: RateChange[] = []
    const pacer = new Pacer({}, clock.now, clock.sleep, { probe: { POST: 100 }, onChange: (c) => changes.push(c) })
    // 30 requests admitted over the last second (started 0…870 ms), then 429s with Retry-After 1 s.
    const admitted = async (at: number) => {
      const release = await pacer.acquire('POST')
      expect(clock.now()).toBe(at)
      release(201)
    }
    return clock.run(
      (async () => {
        for (let i = 0; i < 30; i++) {
          await admitted(clock.now())
          await clock.sleep(30)
        }
        pacer.throttled('POST', 1000, clock.now() - 5)
        pacer.throttled('POST', 1000, clock.now() - 10)
        expect(changes.filter((c) => c.reason === 'throttled')).toHaveLength(1)
        // 30 admitted within the last second (those at 100…970 ms and before: the window is ≥ 1 s): ≈ 30/s, less the
        // safety margin.
        const rate = pacer.rate('POST')!
        expect(rate).toBeLessThanOrEqual(30 * PACING.safety + 1e-9)
        expect(rate).toBeGreaterThan(25)
      })()
    )
  })

  test('the 429 that ends the probing ramp is trusted: probing above it is slow, no second 429 in the run', async () => {
    // POST 50 a second, unknown, probed up from 350 a minute: the ramp ends in one 429 episode that measures 50/s.
    // Probing above it at the unconfirmed pace would meet a second 429 (a Retry-After waited out) a few seconds later.
    const clock = virtualClock(0)
    const changes: RateChange[] = []
    const pacer = new Pacer({}, clock.now, clock.sleep, {
      probe: { POST: WORKSPACE_PROBE_RATES.POST! },
      onChange: (c) => changes.push(c)
    })
    const { elapsed } = await drive(pacer, clock, 'POST', windowService(50, 1000), 2000)
    expect(changes.filter((c) => c.reason === 'throttled')).toHaveLength(1)
    expect(elapsed).toBeLessThanOrEqual(1.05 * (2000 / 50) * 1000)
  })

  test('a cancelled run stops waiting for a slot', async () => {
    const clock = virtualClock(0)
    let stopped = false
    const pacer = new Pacer({ PATCH: 0.1 }, clock.now, clock.sleep, { stopped: () => stopped })
    const first = await clock.run(pacer.acquire('PATCH'))
    first(200)
    // The next slots are 10 s and 20 s away; once the run is cancelled, neither is waited for (DatabricksHttp then
    // sends nothing: it checks the cancellation after the slot).
    stopped = true
    const second = await clock.run(pacer.acquire('PATCH'))
    const third = await clock.run(pacer.acquire('PATCH'))
    expect(clock.now()).toBe(0)
    second()
    third()
  })

  test('429s with nothing admitted to learn from (a storm, a fault) halve the rate, not below half the start', () => {
    const clock = virtualClock(0)
    const changes: RateChange[] = []
    const pacer = new Pacer({}, clock.now, clock.sleep, { probe: { POST: 0.5 }, onChange: (c) => changes.push(c) })
    for (let i = 0; i < 5; i++) pacer.throttled('POST', 0)
    expect(pacer.rate('POST')).toBe(0.25)
    expect(changes.map((c) => c.to)).toEqual([0.25])
    // Still probing: a request waiting for its slot makes the rate grow again.
    return clock.run(
      (async () => {
        const first = await pacer.acquire('POST')
        first(201)
        const second = await pacer.acquire('POST')
        second(201)
        expect(pacer.rate('POST')).toBeGreaterThan(0.25)
        expect(changes.at(-1)?.reason).toBe('probe')
      })()
    )
  })

  test('after a 429 the rate recovers by small steps, never above a known limit', async () => {
    const clock = virtualClock(0)
    const changes: RateChange[] = []
    const pacer = new Pacer({ PUT: 10 }, clock.now, clock.sleep, { onChange: (c) => changes.push(c) })
    pacer.throttled('PUT', 1000)
    expect(pacer.rate('PUT')).toBe(5)
    const go = async () => {
      const release = await pacer.acquire('PUT')
      release(200)
    }
    await clock.run(Promise.all(Array.from({ length: 600 }, go)))
    const recovered = changes.filter((c) => c.reason === 'recover')
    expect(recovered.length).toBeGreaterThan(100)
    for (const c of recovered) expect(c.to - c.from).toBeLessThanOrEqual(10 * PACING.recover + 1e-9)
    expect(pacer.rate('PUT')).toBe(10)
  })

  // The kinds of limit the benchmark runs under: a lane's requests must take ≤ 1.1× the time the limit allows
  // (n requests at limit/window), with under 1% of them throttled; the unknown ones start from the workspace guess.
  test.each([
    ['unknown generous limit (PATCH 20/s), probed up from 10 a minute', { probe: { PATCH: 10 / 60 } }, 20, 1000, 2000],
    [
      'unknown strict limit (PATCH 10 a minute), probed from 10 a minute',
      { probe: { PATCH: 10 / 60 } },
      10,
      60_000,
      600
    ],
    [
      'unknown strict limit (POST 35 a minute), probed from 35 a minute',
      { probe: { POST: 35 / 60 } },
      35,
      60_000,
      1000
    ],
    ['unknown workspace GET 255 a minute, probed from it', { probe: { GET: 255 / 60 } }, 255, 60_000, 3000],
    ['account LIST 240 a minute, known', { known: { LIST: 4 } }, 240, 60_000, 800]
  ] as const)('%s: ≤ 1.1× the floor, < 1%% throttled', async (_, rates, limit, windowMs, n) => {
    const clock = virtualClock(0)
    const lane = Object.keys('known' in rates ? rates.known : rates.probe)[0]!
    const pacer = new Pacer('known' in rates ? rates.known : {}, clock.now, clock.sleep, {
      ...('probe' in rates ? { probe: rates.probe } : {})
    })
    const { throttled, elapsed } = await drive(pacer, clock, lane, windowService(limit, windowMs), n)
    const floorMs = (n * windowMs) / limit
    expect(throttled / n).toBeLessThan(0.01)
    expect(elapsed).toBeLessThanOrEqual(1.1 * floorMs)
  })
})

describe('ScimClient with writeRates', () => {
  test('N PATCHes sent at once go out at least 500 ms apart', async () => {
    const clock = virtualClock()
    const { calls, fetchFn } = recordingFetch(clock.now)
    const client = scim(clock, fetchFn)
    const n = 6
    await clock.run(
      Promise.all(Array.from({ length: n }, (_, i) => client.patch('Groups', `g${i}`, [removeMember(`u${i}`)])))
    )
    expect(calls).toHaveLength(n)
    for (const gap of gaps(calls)) expect(gap).toBeGreaterThanOrEqual(500)
    expect(clock.elapsed()).toBe((n - 1) * PATCH_GAP)
    expect(client.pacedMs).toBe(PATCH_GAP * ((n * (n - 1)) / 2))
    // Pacing is not a retry: the summary's waited time stays for Retry-After and backoff.
    expect(client.stats()).toMatchObject({ retries: 0, waitedMs: 0, throttled: 0 })
  })

  test('sequential PATCHes are spaced too; POSTs 200 ms apart; reads are not paced', async () => {
    const clock = virtualClock()
    const { calls, fetchFn } = recordingFetch(clock.now)
    const client = scim(clock, fetchFn)
    await clock.run(
      (async () => {
        for (let i = 0; i < 3; i++)
          await client.patch('Users', `u${i}`, [{ op: 'replace', path: 'active', value: [{ value: 'false' }] }])
        for (let i = 0; i < 3; i++) await client.createGroup({ displayName: `g${i}` })
        for (let i = 0; i < 5; i++) await client.getGroup(`g${i}`)
      })()
    )
    const by = (method: string) => calls.filter((c) => c.method === method)
    expect(gaps(by('PATCH'))).toEqual([PATCH_GAP, PATCH_GAP])
    expect(gaps(by('POST'))).toEqual([WRITE_GAP, WRITE_GAP])
    expect(gaps(by('GET'))).toEqual([0, 0, 0, 0])
  })

  test('without writeRates nothing waits', async () => {
    const clock = virtualClock()
    const { calls, fetchFn } = recordingFetch(clock.now)
    const client = scim(clock, fetchFn, { writeRates: {} })
    await clock.run(Promise.all([1, 2, 3].map((i) => client.delete('Users', `u${i}`))))
    expect(calls.map((c) => c.at - calls[0]!.at)).toEqual([0, 0, 0])
  })

  test('a 429 waits its Retry-After, holds the queued PATCHes too and halves the rate (no evidence of the limit)', async () => {
    const clock = virtualClock()
    const { calls, fetchFn } = recordingFetch(clock.now, (_, index) =>
      index === 0
        ? new Response(JSON.stringify({ detail: 'Too many requests' }), {
            status: 429,
            headers: { 'Retry-After': '3' }
          })
        : undefined
    )
    const changes: RateChange[] = []
    const client = scim(clock, fetchFn, { onRateChange: (c) => changes.push(c) })
    const started = clock.now()
    await clock.run(
      Promise.all([
        client.patch('Groups', 'g1', [removeMember('u1')]),
        client.patch('Groups', 'g2', [removeMember('u2')]),
        client.patch('Groups', 'g3', [removeMember('u3')])
      ])
    )
    // g1 at 0 (429, Retry-After 3): nothing was admitted to learn from, so PATCH goes from 2/s to 1/s; g2 and g3,
    // queued behind it, start after the Retry-After, 1 s apart; the retry of g1 queues behind them.
    const at = calls.map((c) => `${c.url.split('/').pop()}@${c.at - started}`)
    expect(at.slice(0, 3)).toEqual(['g1@0', 'g2@3000', 'g3@4000'])
    expect(at[3]).toMatch(/^g1@/)
    expect(calls[3]!.at - calls[2]!.at).toBeGreaterThan(990)
    expect(changes[0]).toMatchObject({ lane: 'PATCH', from: 2, to: 1, reason: 'throttled' })
    expect(client.stats()).toMatchObject({ throttled: 1, retries: 1, waitedMs: 3000 })
  })

  test('requests queued after a 429 start after its Retry-After, still spaced', async () => {
    const clock = virtualClock()
    const { calls, fetchFn } = recordingFetch(clock.now, (_, index) =>
      index === 0 ? new Response('{}', { status: 429, headers: { 'Retry-After': '2' } }) : undefined
    )
    const client = scim(clock, fetchFn)
    const started = clock.now()
    await clock.run(
      (async () => {
        const first = client.patch('Groups', 'g1', [removeMember('u1')])
        // Let the first answer (429) arrive before the next PATCH asks for its slot.
        await clock.sleep(100)
        await Promise.all([first, client.patch('Groups', 'g2', [removeMember('u2')])])
      })()
    )
    // The rate went from 2/s to 1/s with the 429: the retry of g1 goes 1 s after g2.
    const at = calls.map((c) => `${c.url.split('/').pop()}@${c.at - started}`)
    expect(at).toEqual(['g1@0', 'g2@2000', 'g1@3000'])
  })
})

describe('PermissionAssignmentsClient pacing', () => {
  test('PUTs and DELETEs are paced to the account rates by default (5/s)', async () => {
    const clock = virtualClock()
    const { calls, fetchFn } = recordingFetch(clock.now)
    const client = new PermissionAssignmentsClient({
      host: 'https://accounts.example.test',
      accountId: 'acc-1',
      token: async () => 't',
      now: clock.now,
      sleep: clock.sleep,
      fetch: fetchFn
    })
    await clock.run(
      Promise.all([
        client.assign('101', 'g1', ['USER']),
        client.assign('101', 'g2', ['ADMIN']),
        client.unassign('101', 'g3'),
        client.unassign('101', 'g4'),
        client.list('101')
      ])
    )
    const by = (method: string) => calls.filter((c) => c.method === method)
    expect(gaps(by('PUT'))).toEqual([WRITE_GAP])
    expect(gaps(by('DELETE'))).toEqual([WRITE_GAP])
    expect(by('GET')[0]!.at).toBe(by('PUT')[0]!.at)
  })
})

describe('against the account emulator with the published rate limits', () => {
  const ROOT = join(import.meta.dirname, '..')
  const SYNC_APP = '5c3a1f0e-8d2b-4e6a-9f47-1b2c3d4e5f60'
  const PROD_ID = '6234138917436195'
  let emu: Emulators
  let token: string

  beforeAll(async () => {
    const ca = await ensureTestCa(join(ROOT, '.emulators'))
    if (process.env.NODE_EXTRA_CA_CERTS !== ca.caFile) trustTestCa(ca.ca)
    const fixture = loadFixture(join(ROOT, 'emulators', 'fixtures', 'demo-tenant.yml'))
    emu = await startEmulators({ fixture, caDir: join(ROOT, '.emulators'), accountLimits: true })
    token = await emu.entra.issueAccessToken(SYNC_APP, DATABRICKS_RESOURCE_ID)
  })

  afterAll(async () => {
    await emu?.stop()
  })

  test('a burst of paced PATCHes and PUTs gets no 429; the same PUTs unpaced do', async () => {
    const options = { host: emu.accountHost!, accountId: emu.accountId!, token: async () => token }
    const scimClient = new ScimClient({
      baseUrl: accountScimBase(emu.accountHost!, emu.accountId!),
      token: options.token,
      workspace: 'account',
      level: 'account',
      writeRates: ACCOUNT_WRITE_RATES
    })
    const paced = new PermissionAssignmentsClient(options)
    const unpaced = new PermissionAssignmentsClient({ ...options, writeRates: {} })
    const groupId = emu.account!.group('platform-admins')!.id
    const memberId = emu.account!.user('platform-admin@contoso.com')!.id
    const adele = emu.account!.user('adele.vance@contoso.com')!.id
    const grady = emu.account!.user('grady.archie@contoso.com')!.id

    await Promise.all([
      ...Array.from({ length: 5 }, () =>
        scimClient.patch('Groups', groupId, [{ op: 'add', path: 'members', value: [{ value: memberId }] }])
      ),
      ...Array.from({ length: 8 }, (_, i) => paced.assign(PROD_ID, adele, [i % 2 ? 'ADMIN' : 'USER']))
    ])
    expect(scimClient.stats()).toMatchObject({ requests: { PATCH: 5 }, throttled: 0 })
    expect(paced.stats()).toMatchObject({ requests: { PUT: 8 }, throttled: 0 })

    await Promise.all(Array.from({ length: 8 }, () => unpaced.assign(PROD_ID, grady, ['USER'])))
    expect(unpaced.stats().throttled).toBeGreaterThan(0)

    const assigned = await paced.list(PROD_ID)
    expect(assigned.find((a) => a.principalId === adele)?.permissions).toEqual(['ADMIN'])
    expect(assigned.find((a) => a.principalId === grady)?.permissions).toEqual(['USER'])
  })

  // Last: it leaves the LIST window full for a minute.
  test('the account LIST limit is 240 a minute: the 241st list page is a 429 that asks to wait the minute out', async () => {
    // Fresh windows: the earlier test's requests count no more.
    emu.resetKnobs()
    emu.account!.applyPublishedLimits()
    const list = () =>
      fetch(`${accountScimBase(emu.accountHost!, emu.accountId!)}/Groups?startIndex=1&count=1`, {
        headers: { Authorization: `Bearer ${token}` }
      })
    const answers = []
    for (let i = 0; i < 8; i++) answers.push(...(await Promise.all(Array.from({ length: 30 }, list))))
    expect(answers.every((r) => r.status === 200)).toBe(true)
    const over = await list()
    expect(over.status).toBe(429)
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(50)
    // A GET of one resource is limited apart.
    const group = emu.account!.group('platform-admins')!.id
    const one = await fetch(`${accountScimBase(emu.accountHost!, emu.accountId!)}/Groups/${group}`, {
      headers: { Authorization: `Bearer ${token}` }
    })
    expect(one.status).toBe(200)
  })
})
