/**
 * The one error a channel connector throws. Its `kind` is the thing a caller can act on:
 * retry later (`rate_limited`, `server`, `timeout`, `network`), fix credentials (`auth`),
 * dead-letter for a person (`invalid`, `not_found`, `contract`, `unsupported`) or re-read and
 * try again (`conflict`). The underlying error or response is kept as `cause`.
 */
import type { ChannelId } from './channel-id.js'

export const ChannelErrorKind = {
  /** 429, Shopify THROTTLED, Amazon QuotaExceeded: wait `retryAfterMs` and retry. */
  RateLimited: 'rate_limited',
  /** 5xx: the channel failed; retry with backoff. */
  Server: 'server',
  /** No answer within the client's timeout; the request may or may not have been applied. */
  Timeout: 'timeout',
  /** Connection refused, reset or DNS failure. */
  Network: 'network',
  /** 401/403, bad or expired credentials, bad webhook signature. */
  Auth: 'auth',
  /** Any other 4xx, or input the connector refuses before sending (negative stock). */
  Invalid: 'invalid',
  /** The order, SKU or listing does not exist on the channel. */
  NotFound: 'not_found',
  /** Compare-and-set failed: the channel holds a different value than we expected. */
  Conflict: 'conflict',
  /** The channel answered with something the contract does not allow (bad JSON, unknown currency). */
  Contract: 'contract',
  /** The channel cannot do this at all (Amazon refunds through the Orders API, Amazon webhooks). */
  Unsupported: 'unsupported',
} as const
export type ChannelErrorKind = (typeof ChannelErrorKind)[keyof typeof ChannelErrorKind]

const RETRYABLE: ReadonlySet<ChannelErrorKind> = new Set(['rate_limited', 'server', 'timeout', 'network'])

export interface ChannelErrorDetails {
  /** HTTP status, when the error came from a response. */
  status?: number
  /** How long the channel asked us to wait (Retry-After, THROTTLED cost, x-amzn-RateLimit-Limit). */
  retryAfterMs?: number
  /** The channel's own error code (`CHANGE_FROM_QUANTITY_STALE`, `QuotaExceeded`, `invalid_grant`). */
  code?: string
  /** Where in the request or payload, e.g. `orders[3].currency` or the SKU. */
  field?: string
  cause?: unknown
}

export class ChannelError extends Error {
  override readonly name = 'ChannelError'
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined
  readonly code: string | undefined
  readonly field: string | undefined

  constructor(
    readonly kind: ChannelErrorKind,
    readonly channel: ChannelId | 'sync',
    message: string,
    details: ChannelErrorDetails = {},
  ) {
    super(`${channel}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause })
    this.status = details.status
    this.retryAfterMs = details.retryAfterMs
    this.code = details.code
    this.field = details.field
  }

  /** True for the kinds a retry with backoff can fix. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind)
  }
}

export const isChannelError = (error: unknown): error is ChannelError => error instanceof ChannelError

/** The error kind for an HTTP status that is not 2xx. */
export function kindForStatus(status: number): ChannelErrorKind {
  if (status === 429) return 'rate_limited'
  if (status === 401 || status === 403) return 'auth'
  if (status === 404) return 'not_found'
  if (status === 409 || status === 412) return 'conflict'
  if (status >= 500) return 'server'
  return 'invalid'
}
