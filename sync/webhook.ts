/**
 * Webhook plumbing shared by the connectors: case-insensitive header lookup, HMAC checks over
 * the raw bytes in constant time, and a bounded in-memory deduper for replays. The durable
 * dedupe (a table of event ids) belongs to the appliance; this one keeps a single process
 * from handling the same delivery twice in a burst.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { ChannelError } from './channel-error.js'
import type { ChannelId } from './channel-id.js'
import type { WebhookHeaders } from './connector.js'

export function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue
    return Array.isArray(value) ? value[0] : value
  }
  return undefined
}

export function rawBytes(rawBody: Uint8Array | string): Buffer {
  return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength)
}

/** base64(HMAC-SHA256(secret, body)): what Shopify and WooCommerce put in their signature headers. */
export function hmacBase64(secret: string, body: Uint8Array | string): string {
  return createHmac('sha256', secret).update(rawBytes(body)).digest('base64')
}

/** Throws `auth` unless `signature` is the base64 HMAC-SHA256 of the raw body. */
export function assertHmac(channel: ChannelId, secret: string, body: Uint8Array | string, signature: string | undefined, header: string): void {
  if (!signature) throw new ChannelError('auth', channel, `webhook has no ${header} header`, { code: 'missing_signature' })
  const expected = Buffer.from(hmacBase64(secret, body), 'base64')
  const given = Buffer.from(signature.trim(), 'base64')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ChannelError('auth', channel, `webhook ${header} does not match the body`, { code: 'bad_signature' })
  }
}

/** JSON of a verified body; a body that is not JSON is a `contract` error. */
export function parseWebhookJson(channel: ChannelId, body: Uint8Array | string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(rawBytes(body).toString('utf8')) as unknown
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>
  } catch (cause) {
    throw new ChannelError('contract', channel, 'webhook body is not JSON', { cause })
  }
  throw new ChannelError('contract', channel, 'webhook body is not a JSON object')
}

/**
 * Remembers event ids for `ttlMs` (bounded by `capacity`), so `firstTime(id)` is true once.
 * `now` is injected for tests.
 */
export class WebhookDeduper {
  private readonly seen = new Map<string, number>()

  constructor(private readonly options: { ttlMs?: number; capacity?: number; now?: () => number } = {}) {}

  /** True the first time an id is offered within the window; false for a duplicate or replay. */
  firstTime(eventId: string): boolean {
    const now = (this.options.now ?? Date.now)()
    const ttl = this.options.ttlMs ?? 24 * 3600_000
    const expires = this.seen.get(eventId)
    if (expires !== undefined && expires > now) return false
    this.seen.delete(eventId)
    this.seen.set(eventId, now + ttl)
    const capacity = this.options.capacity ?? 10_000
    while (this.seen.size > capacity) {
      const oldest = this.seen.keys().next().value
      if (oldest === undefined) break
      this.seen.delete(oldest)
    }
    return true
  }
}
