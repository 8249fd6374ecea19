/**
 * A token bucket with the clock passed in: `capacity` tokens, refilled at `ratePerSecond`.
 * Amazon's per-operation limits are exactly this (rate, burst); Shopify's GraphQL cost limit
 * is the same shape (maximumAvailable, restoreRate). Used by simulators to enforce limits and
 * by clients to pace themselves below them.
 */
export class TokenBucket {
  private tokens: number
  private at: number

  constructor(readonly capacity: number, readonly ratePerSecond: number, now: number, initial = capacity) {
    if (!(capacity > 0) || !(ratePerSecond > 0)) throw new RangeError('capacity and ratePerSecond must be positive')
    this.tokens = Math.min(capacity, initial)
    this.at = now
  }

  /** Tokens available at `now`. */
  available(now: number): number {
    this.refill(now)
    return this.tokens
  }

  /** Takes `cost` tokens if there are enough; otherwise takes none. */
  tryTake(now: number, cost = 1): boolean {
    this.refill(now)
    if (this.tokens + 1e-9 < cost) return false
    this.tokens -= cost
    return true
  }

  /** Gives tokens back (Shopify refunds requested - actual cost), never above capacity. */
  refund(now: number, amount: number): void {
    this.refill(now)
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, amount))
  }

  /** Milliseconds until `cost` tokens will be available (0 if they are now). */
  waitMs(now: number, cost = 1): number {
    this.refill(now)
    const missing = cost - this.tokens
    return missing <= 0 ? 0 : Math.ceil((missing / this.ratePerSecond) * 1000)
  }

  /** Overwrites the level from what the server reported (client-side pacing). */
  observe(now: number, tokens: number): void {
    this.tokens = Math.min(this.capacity, Math.max(0, tokens))
    this.at = now
  }

  /** A bucket with a new rate (from a rate-limit header), keeping the current level. */
  retuned(now: number, ratePerSecond: number, capacity = this.capacity): TokenBucket {
    return new TokenBucket(capacity, ratePerSecond, now, this.available(now))
  }

  private refill(now: number): void {
    if (now > this.at) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.ratePerSecond)
      this.at = now
    }
  }
}
