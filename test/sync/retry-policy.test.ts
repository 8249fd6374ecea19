import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChannelError, ChannelErrorKind } from '../../sync/channel-error.js'
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, delayFromHeaders, parseRetryAfter, type RetryPolicy } from '../../sync/engine/retry-policy.js'

const kinds = fc.constantFrom(...Object.values(ChannelErrorKind))
const policies = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 10 }),
  baseDelayMs: fc.integer({ min: 1, max: 2000 }),
  maxDelayMs: fc.integer({ min: 2000, max: 60_000 }),
  maxRetryAfterMs: fc.integer({ min: 0, max: 300_000 }),
  retryAfterJitter: fc.double({ min: 0, max: 0.5, noNaN: true }),
}) satisfies fc.Arbitrary<RetryPolicy>
const unit = fc.double({ min: 0, max: 1, noNaN: true })
const errorOf = (kind: ChannelErrorKind, retryAfterMs?: number) => new ChannelError(kind, 'shopify', 'x', { retryAfterMs })

describe('retry policy', () => {
  it('never retries what a retry cannot fix (auth, 4xx, contract, unsupported)', () => {
    fc.assert(fc.property(kinds, fc.integer({ min: 1, max: 20 }), policies, unit, (kind, attempt, policy, r) => {
      const decision = decideRetry(errorOf(kind), attempt, policy, () => r)
      expect(decision.retry).toBe(['rate_limited', 'server', 'timeout', 'network'].includes(kind) && attempt < policy.maxAttempts)
    }))
  })

  it('keeps backoff within [cap/2, cap] and never above maxDelayMs', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), policies, unit, (attempt, policy, r) => {
      const delay = backoffDelay(attempt, policy, r)
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30))
      expect(delay).toBeGreaterThanOrEqual(Math.floor(cap / 2))
      expect(delay).toBeLessThanOrEqual(Math.ceil(cap))
      expect(delay).toBeLessThanOrEqual(policy.maxDelayMs)
    }))
  })

  it('backoff caps grow with the attempt number', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), policies, (attempt, policy) => {
      expect(backoffDelay(attempt + 1, policy, 1)).toBeGreaterThanOrEqual(backoffDelay(attempt, policy, 1))
    }))
  })

  it('honours a channel-requested wait: at least that long, at most the jitter more', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 1, max: 9 }), policies, unit, (wait, attempt, policy, r) => {
      const decision = decideRetry(errorOf('rate_limited', wait), attempt, { ...policy, maxAttempts: 10 }, () => r)
      if (wait > policy.maxRetryAfterMs) {
        expect(decision.retry).toBe(false)
        return
      }
      if (!decision.retry) throw new Error('expected a retry')
      expect(decision.delayMs).toBeGreaterThanOrEqual(wait)
      expect(decision.delayMs).toBeLessThanOrEqual(Math.ceil(wait * (1 + policy.retryAfterJitter)))
    }))
  })

  it('stops after maxAttempts whatever the error', () => {
    fc.assert(fc.property(kinds, policies, (kind, policy) => {
      expect(decideRetry(errorOf(kind), policy.maxAttempts, policy).retry).toBe(false)
    }))
  })

  it('survives a broken random source', () => {
    for (const r of [NaN, -1, 2, Infinity]) {
      const decision = decideRetry(errorOf('server'), 1, DEFAULT_RETRY_POLICY, () => r)
      expect(decision.retry && decision.delayMs >= 0 && decision.delayMs <= DEFAULT_RETRY_POLICY.maxDelayMs).toBe(true)
    }
  })
})

describe('Retry-After and rate-limit headers', () => {
  const now = Date.parse('2025-03-01T10:00:00Z')

  it('reads delta-seconds, whole or fractional', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 86_400 }), (s) => {
      expect(parseRetryAfter(String(s), now)).toBe(s * 1000)
    }))
    expect(parseRetryAfter('1.5', now)).toBe(1500)
  })

  it('reads an HTTP-date as the time until then, never negative', () => {
    fc.assert(fc.property(fc.integer({ min: -86_400, max: 86_400 }), (s) => {
      const at = new Date(now + s * 1000).toUTCString()
      expect(parseRetryAfter(at, now)).toBe(Math.max(0, s * 1000))
    }))
  })

  it('ignores garbage', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1e3', '0x10']) expect(parseRetryAfter(value, now)).toBeUndefined()
  })

  it('falls back to RateLimit-Reset and Amazon x-amzn-RateLimit-Limit', () => {
    expect(delayFromHeaders(new Headers({ 'retry-after': '3', 'x-amzn-ratelimit-limit': '0.5' }), now)).toBe(3000)
    expect(delayFromHeaders(new Headers({ 'ratelimit-reset': '7' }), now)).toBe(7000)
    expect(delayFromHeaders(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 12) }), now)).toBe(12_000)
    expect(delayFromHeaders(new Headers({ 'x-amzn-ratelimit-limit': '0.0167' }), now)).toBe(59_881)
    expect(delayFromHeaders(new Headers({ 'x-amzn-ratelimit-limit': '0' }), now)).toBeUndefined()
    expect(delayFromHeaders(new Headers(), now)).toBeUndefined()
  })
})
