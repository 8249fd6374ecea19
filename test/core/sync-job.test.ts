import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { afterAttempt, DEFAULT_SYNC_RETRY, nextSyncJobStatus, retryDelayMs, SyncJobStatus, type SyncJobEvent } from '../../appliance/core/sync-job.js'
import { channelAvailable, checkRule, type StockRule } from '../../appliance/core/sync-stock-rule.js'

const EVENTS: SyncJobEvent[] = ['claim', 'succeeded', 'retryable', 'permanent', 'interrupted', 'replay', 'discard']
const now = new Date('2026-03-01T10:00:00Z')

describe('sync job lifecycle', () => {
  it('has exactly these transitions; every other pair is refused', () => {
    const allowed: string[] = []
    for (const status of Object.values(SyncJobStatus)) {
      for (const event of EVENTS) {
        try {
          allowed.push(`${status} --${event}--> ${nextSyncJobStatus(status, event)}`)
        } catch (error) {
          expect((error as Error).message).toMatch(/can't take/)
        }
      }
    }
    expect(allowed).toEqual([
      'pending --claim--> sending',
      'sending --succeeded--> done',
      'sending --retryable--> retry',
      'sending --permanent--> dead',
      'sending --interrupted--> retry',
      'retry --claim--> sending',
      'dead --replay--> pending',
      'dead --discard--> discarded',
    ])
  })

  it('done and discarded are final; only a person brings a dead job back', () => {
    for (const status of ['done', 'discarded'] as const) for (const event of EVENTS) expect(() => nextSyncJobStatus(status, event)).toThrow()
    expect(nextSyncJobStatus('dead', 'replay')).toBe('pending')
  })

  it('after an attempt: done, retry later, or dead with the reason', () => {
    const sending = { status: 'sending' as const, attempts: 1 }
    expect(afterAttempt(sending, { ok: true }, now, () => 0.5)).toEqual({ status: 'done', nextAttemptAt: null, lastError: null })
    expect(afterAttempt(sending, { ok: false, retryable: false, message: '400 bad sku' }, now, () => 0.5)).toEqual({ status: 'dead', nextAttemptAt: null, lastError: '400 bad sku' })
    const retry = afterAttempt(sending, { ok: false, retryable: true, retryAfterMs: 30_000, message: '429' }, now, () => 0)
    expect(retry).toEqual({ status: 'retry', nextAttemptAt: new Date(now.getTime() + 30_000), lastError: '429' })
    const gaveUp = afterAttempt({ status: 'sending', attempts: DEFAULT_SYNC_RETRY.maxAttempts }, { ok: false, retryable: true, message: '503' }, now, () => 0)
    expect(gaveUp.status).toBe('dead')
    expect(gaveUp.lastError).toMatch(/^gave up after 12 attempts: 503/)
  })

  it('honours Retry-After (plus at most 20% jitter) and otherwise backs off exponentially with equal jitter', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: undefined }), (attempts, r, retryAfter) => {
      const delay = retryDelayMs(attempts, retryAfter, () => r)
      if (retryAfter !== undefined) {
        expect(delay).toBeGreaterThanOrEqual(retryAfter)
        expect(delay).toBeLessThanOrEqual(Math.ceil(retryAfter * 1.2))
      } else {
        const cap = Math.min(DEFAULT_SYNC_RETRY.maxDelayMs, DEFAULT_SYNC_RETRY.baseDelayMs * 2 ** Math.min(attempts - 1, 30))
        expect(delay).toBeGreaterThanOrEqual(cap / 2)
        expect(delay).toBeLessThanOrEqual(cap)
      }
    }))
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, undefined, () => 1))).toEqual([1000, 2000, 4000, 8000])
  })
})

describe('channel stock rules', () => {
  const level = { onHand: 20, allocated: 5 }
  it.each<[StockRule, number]>([
    [{ kind: 'buffer', buffer: 0 }, 15],
    [{ kind: 'buffer', buffer: 3 }, 12],
    [{ kind: 'buffer', buffer: 40 }, 0],
    [{ kind: 'fixed', quantity: 7 }, 7],
    [{ kind: 'share', percent: 50 }, 7],
    [{ kind: 'share', percent: 100 }, 15],
  ])('%o → %i', (rule, want) => expect(channelAvailable(level, rule)).toBe(want))

  it('never advertises a negative figure, whatever the levels', () => {
    fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 }), (onHand, allocated, n) => {
      for (const rule of [{ kind: 'buffer', buffer: n }, { kind: 'share', percent: n }, { kind: 'fixed', quantity: n }] as StockRule[]) {
        const value = channelAvailable({ onHand, allocated }, rule)
        expect(value).toBeGreaterThanOrEqual(0)
        expect(Number.isInteger(value)).toBe(true)
      }
    }))
  })

  it('refuses rules that make no sense', () => {
    expect(() => checkRule({ kind: 'buffer', buffer: -1 }, 'r')).toThrow(/buffer/)
    expect(() => checkRule({ kind: 'share', percent: 101 }, 'r')).toThrow(/percentage/)
    expect(() => checkRule({ kind: 'fixed', quantity: 1.5 }, 'r')).toThrow(/fixed/)
  })
})
