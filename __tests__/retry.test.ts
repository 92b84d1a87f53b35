// Retry timing: Retry-After parsing, full-jitter backoff, the per-client wait budget and the retry decision.
import { describe, expect, test } from '@jest/globals'
import {
  backoffMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  RetryBudget,
  retryAfterMs,
  retryPolicy
} from '../src/util/retry.js'

const NOW = Date.parse('2025-10-21T07:28:00Z')

describe('retryAfterMs', () => {
  test('reads delay-seconds', () => {
    expect(retryAfterMs('0', NOW)).toBe(0)
    expect(retryAfterMs('7', NOW)).toBe(7000)
    expect(retryAfterMs(' 120 ', NOW)).toBe(120_000)
    expect(retryAfterMs('1.5', NOW)).toBe(1500)
  })

  test('reads HTTP dates in the three formats, relative to now, 0 when past', () => {
    expect(retryAfterMs('Tue, 21 Oct 2025 07:28:30 GMT', NOW)).toBe(30_000)
    expect(retryAfterMs('Tuesday, 21-Oct-25 07:29:00 GMT', NOW)).toBe(60_000)
    expect(retryAfterMs('Tue Oct 21 07:28:05 2025', NOW + new Date(NOW).getTimezoneOffset() * 60_000)).toBe(5000)
    expect(retryAfterMs('Tue, 21 Oct 2025 07:27:00 GMT', NOW)).toBe(0)
  })

  test('is undefined when absent or unreadable', () => {
    for (const v of [undefined, null, '', '  ', '-5', 'soon', '12abc', 'Tue, 99 Foo 2025 25:61:00 GMT']) {
      expect(retryAfterMs(v, NOW)).toBeUndefined()
    }
  })
})

describe('backoffMs', () => {
  const policy = retryPolicy()

  test('grows exponentially from the base, capped at maxDelayMs, with full jitter', () => {
    const top = () => 0.999999
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n, policy, top))).toEqual([
      499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999
    ])
    expect(backoffMs(3, policy, () => 0)).toBe(0)
    expect(backoffMs(3, policy, () => 0.5)).toBe(1000)
  })

  test('stays within [0, ceiling) for any random value', () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffMs(4, policy)
      expect(d).toBeGreaterThanOrEqual(0)
      expect(d).toBeLessThan(4000)
    }
  })
})

describe('retryPolicy', () => {
  test('defaults and overrides', () => {
    expect(retryPolicy()).toEqual({ ...DEFAULT_RETRY_POLICY })
    expect(DEFAULT_RETRY_POLICY).toMatchObject({
      maxAttempts: 6,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      budgetMs: 600_000
    })
    expect(retryPolicy({ maxAttempts: 2, budgetMs: 0 })).toMatchObject({
      maxAttempts: 2,
      budgetMs: 0,
      baseDelayMs: 500
    })
    expect(retryPolicy({ maxAttempts: 0 }).maxAttempts).toBe(1)
  })

  test('rejects negative or non-finite values', () => {
    expect(() => retryPolicy({ baseDelayMs: -1 })).toThrow('baseDelayMs must be a number >= 0')
    expect(() => retryPolicy({ budgetMs: Number.NaN })).toThrow('budgetMs')
  })
})

describe('RetryBudget', () => {
  test('sums sequential waits and refuses one that would go over', () => {
    let t = 0
    const budget = new RetryBudget(5000, () => t)
    expect(budget.reserve(2000)).toBe(true)
    t += 2000
    expect(budget.reserve(2000)).toBe(true)
    t += 2000
    expect(budget.usedMs).toBe(4000)
    expect(budget.reserve(2000)).toBe(false)
    expect(budget.usedMs).toBe(4000)
    expect(budget.reserve(1000)).toBe(true)
  })

  test('counts overlapping waits of concurrent requests once', () => {
    let t = 0
    const budget = new RetryBudget(10_000, () => t)
    expect(budget.reserve(3000)).toBe(true)
    expect(budget.reserve(3000)).toBe(true)
    t = 1000
    expect(budget.reserve(3000)).toBe(true)
    expect(budget.usedMs).toBe(4000)
    expect(budget.cost(1000)).toBe(0)
  })

  test('counts attempts that timed out, overlapping ones once, even past the budget; then it is spent', () => {
    let t = 0
    const budget = new RetryBudget(5000, () => t)
    expect(budget.spent).toBe(false)
    // Two requests sent at 0 and 1000 both time out, at 3000 and 4000: 4 s lost, not 5.
    t = 3000
    budget.spend(0)
    t = 4000
    budget.spend(1000)
    expect(budget.usedMs).toBe(4000)
    expect(budget.spent).toBe(false)
    // A wait that fits is reserved; a stalled attempt after it is charged whole, past the budget.
    expect(budget.reserve(500)).toBe(true)
    t = 7500
    budget.spend(4500)
    expect(budget.usedMs).toBe(7500)
    expect(budget.spent).toBe(true)
    expect(budget.reserve(0)).toBe(false)
  })

  test('a budget of 0 allows no wait but is not spent before anything was lost', () => {
    let t = 0
    const budget = new RetryBudget(0, () => t)
    expect(budget.spent).toBe(false)
    expect(budget.reserve(1)).toBe(false)
    t = 10
    budget.spend(0)
    expect(budget.spent).toBe(true)
  })
})

describe('decideRetry', () => {
  const policy = retryPolicy({ maxAttempts: 3, maxThrottledAttempts: 4, budgetMs: 60_000 })
  const half = () => 0.5

  test('honours Retry-After exactly, even above maxDelayMs', () => {
    const budget = new RetryBudget(policy.budgetMs, () => 0)
    expect(decideRetry('throttled', { throttled: 1, failed: 0 }, 45_000, policy, budget, half)).toEqual({
      retry: true,
      delayMs: 45_000
    })
  })

  test('backs off without Retry-After, by the retries made so far', () => {
    const budget = new RetryBudget(policy.budgetMs, () => 0)
    expect(decideRetry('failed', { throttled: 0, failed: 1 }, undefined, policy, budget, half)).toEqual({
      retry: true,
      delayMs: 250
    })
    expect(decideRetry('failed', { throttled: 1, failed: 1 }, undefined, policy, budget, half)).toEqual({
      retry: true,
      delayMs: 500
    })
  })

  test('stops after the attempts of each kind', () => {
    const budget = new RetryBudget(policy.budgetMs, () => 0)
    expect(decideRetry('failed', { throttled: 0, failed: 3 }, undefined, policy, budget, half)).toMatchObject({
      retry: false,
      reason: 'attempts'
    })
    expect(decideRetry('throttled', { throttled: 3, failed: 0 }, 1000, policy, budget, half).retry).toBe(true)
    expect(decideRetry('throttled', { throttled: 4, failed: 0 }, 1000, policy, budget, half)).toMatchObject({
      retry: false,
      reason: 'attempts'
    })
  })

  test('gives up when the wait would go over the remaining budget', () => {
    const budget = new RetryBudget(policy.budgetMs, () => 0)
    expect(decideRetry('throttled', { throttled: 1, failed: 0 }, 300_000, policy, budget, half)).toEqual({
      retry: false,
      reason: 'budget',
      delayMs: 300_000
    })
    expect(budget.usedMs).toBe(0)
  })
})
