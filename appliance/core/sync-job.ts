/**
 * An outbox job's lifecycle (a stock push, a shipment confirmation, a refund), as a pure
 * state machine with the clock and the randomness passed in.
 *
 *   pending ─claim─► sending ─succeeded─► done
 *                       │  ├─failed (429, 5xx, timeout, network)─► retry ─claim─► sending …
 *                       │  ├─failed (any other 4xx, auth, contract, unknown) or too many tries─► dead
 *                       │  └─interrupted (the appliance restarted mid-send)─► retry
 *   dead ─replay (a person fixed the cause)─► pending        dead ─discard─► discarded
 *
 * Sending again is safe because every call carries an idempotency key derived from our
 * own ids (the channel applies it once) or is an absolute value computed at send time
 * (stock), so `interrupted` goes back to `retry` without a person.
 */
import { conflict } from './errors.js'

export const SyncJobStatus = {
  Pending: 'pending',
  Sending: 'sending',
  Done: 'done',
  Retry: 'retry',
  Dead: 'dead',
  Discarded: 'discarded',
} as const
export type SyncJobStatus = (typeof SyncJobStatus)[keyof typeof SyncJobStatus]

export type SyncJobEvent = 'claim' | 'succeeded' | 'retryable' | 'permanent' | 'interrupted' | 'replay' | 'discard'

/** The whole table: every (status, event) pair not listed is refused. */
export const SYNC_JOB_TRANSITIONS: Readonly<Record<SyncJobStatus, Partial<Record<SyncJobEvent, SyncJobStatus>>>> = Object.freeze({
  pending: { claim: 'sending' },
  sending: { succeeded: 'done', retryable: 'retry', permanent: 'dead', interrupted: 'retry' },
  retry: { claim: 'sending' },
  done: {},
  dead: { replay: 'pending', discard: 'discarded' },
  discarded: {},
})

export function nextSyncJobStatus(status: SyncJobStatus, event: SyncJobEvent): SyncJobStatus {
  const next = SYNC_JOB_TRANSITIONS[status][event]
  if (!next) throw conflict(`A ${status} sync job can't take "${event}"`, 'status')
  return next
}

/** Statuses still owed to the channel (the backlog). */
export const OUTSTANDING: ReadonlySet<SyncJobStatus> = new Set<SyncJobStatus>(['pending', 'sending', 'retry'])

export interface SyncRetryPolicy {
  /** Attempts before a retryable failure is given up and dead-lettered. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Up to this fraction added to a channel-requested delay, so clients don't wake together. */
  retryAfterJitter: number
}

export const DEFAULT_SYNC_RETRY: Readonly<SyncRetryPolicy> = Object.freeze({ maxAttempts: 12, baseDelayMs: 1000, maxDelayMs: 10 * 60_000, retryAfterJitter: 0.2 })

/** What sending a job came to, in the facts the machine needs (a ChannelError supplies them). */
export type SendOutcome =
  | { ok: true }
  | { ok: false; retryable: boolean; retryAfterMs?: number | undefined; message: string }

export interface JobState {
  status: SyncJobStatus
  /** Attempts made so far, including the one that just ended. */
  attempts: number
}

export interface JobUpdate {
  status: SyncJobStatus
  nextAttemptAt: Date | null
  lastError: string | null
}

/**
 * Where a job goes after the attempt that just ended (`job.status` is `sending`). Retries
 * wait the channel's Retry-After (plus jitter) when it named one, else exponential backoff
 * with equal jitter (half the capped delay fixed, half random).
 */
export function afterAttempt(job: JobState, outcome: SendOutcome, now: Date, random: () => number, policy: SyncRetryPolicy = DEFAULT_SYNC_RETRY): JobUpdate {
  if (outcome.ok) return { status: nextSyncJobStatus(job.status, 'succeeded'), nextAttemptAt: null, lastError: null }
  if (!outcome.retryable) return { status: nextSyncJobStatus(job.status, 'permanent'), nextAttemptAt: null, lastError: outcome.message }
  if (job.attempts >= policy.maxAttempts) {
    return { status: nextSyncJobStatus(job.status, 'permanent'), nextAttemptAt: null, lastError: `gave up after ${job.attempts} attempts: ${outcome.message}` }
  }
  const delay = retryDelayMs(job.attempts, outcome.retryAfterMs, random, policy)
  return { status: nextSyncJobStatus(job.status, 'retryable'), nextAttemptAt: new Date(now.getTime() + delay), lastError: outcome.message }
}

/** The wait before attempt `attempts + 1`. */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, random: () => number, policy: SyncRetryPolicy = DEFAULT_SYNC_RETRY): number {
  const r = clamp01(random())
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.ceil(retryAfterMs * (1 + policy.retryAfterJitter * r))
  const exponent = Math.min(Math.max(attempts - 1, 0), 30)
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent)
  return Math.round(cap / 2 + (cap / 2) * r)
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0)
