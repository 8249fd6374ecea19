/**
 * When to retry a failed channel call, and after how long. Pure: the clock (`now`) and the
 * randomness (`random`) are arguments, so the policy is property-tested without timers.
 *
 * - Only retryable kinds retry (429, 5xx, timeout, network). Other 4xx, auth and contract
 *   errors go straight to the caller (and from there to the dead-letter list).
 * - A delay the channel asked for (Retry-After, THROTTLED cost, rate-limit headers) is
 *   honoured exactly, plus a little jitter so many clients do not wake together; one longer
 *   than `maxRetryAfterMs` is not slept here: we give up and let the scheduler come back.
 * - Otherwise exponential backoff with "equal jitter": half the capped delay fixed, half random.
 */
import type { ChannelError } from '../channel-error.js'

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Longest channel-requested wait we sleep through inside one call. */
  maxRetryAfterMs: number
  /** Extra random wait added to a channel-requested delay, as a fraction of it (0.1 = up to 10%). */
  retryAfterJitter: number
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  retryAfterJitter: 0.1,
})

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string }

/** The error facts the policy looks at (a ChannelError satisfies it). */
export type RetryableError = Pick<ChannelError, 'kind' | 'retryable' | 'retryAfterMs'>

/**
 * Decides whether attempt number `attempt + 1` should happen after `error` ended attempt
 * number `attempt` (1-based), and after how many milliseconds.
 */
export function decideRetry(
  error: RetryableError,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  if (!error.retryable) return { retry: false, reason: `${error.kind} is not retryable` }
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` }
  const r = clamp01(random())
  if (error.retryAfterMs !== undefined) {
    const wait = Math.max(0, error.retryAfterMs)
    if (wait > policy.maxRetryAfterMs) return { retry: false, reason: `channel asked to wait ${Math.ceil(wait / 1000)} s` }
    return { retry: true, delayMs: Math.ceil(wait + wait * policy.retryAfterJitter * r) }
  }
  return { retry: true, delayMs: backoffDelay(attempt, policy, r) }
}

/** Exponential backoff with equal jitter for the `attempt`-th failure: in [cap/2, cap]. */
export function backoffDelay(attempt: number, policy: RetryPolicy, r: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30)
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent)
  return Math.round(cap / 2 + (cap / 2) * clamp01(r))
}

/**
 * Parses a Retry-After header: delta-seconds ("120", "1.5") or an HTTP-date. Returns
 * milliseconds from `now` (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  if (!/[a-z]/i.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}

/** Header lookup, case-insensitive, as `Headers.get` does. */
export type HeaderGetter = { get(name: string): string | null }

/**
 * The wait a response's headers ask for, in ms: Retry-After first, then the common rate-limit
 * headers — `RateLimit-Reset` / `X-RateLimit-Reset` (delta seconds, or epoch seconds when
 * large) and Amazon's `x-amzn-RateLimit-Limit` (requests per second: one token's worth).
 */
export function delayFromHeaders(headers: HeaderGetter, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now)
  if (retryAfter !== undefined) return retryAfter
  for (const name of ['ratelimit-reset', 'x-ratelimit-reset']) {
    const raw = headers.get(name)
    if (raw === null || !/^\d+(\.\d+)?$/.test(raw.trim())) continue
    const n = Number(raw)
    return n > 1_000_000_000 ? Math.max(0, n * 1000 - now) : Math.round(n * 1000)
  }
  const amzn = headers.get('x-amzn-ratelimit-limit')
  if (amzn !== null) {
    const rate = Number(amzn)
    if (Number.isFinite(rate) && rate > 0) return Math.ceil(1000 / rate)
  }
  return undefined
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0)
