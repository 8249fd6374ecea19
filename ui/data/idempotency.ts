/**
 * Idempotency keys for writes that move money or stock. A key belongs to one request body:
 * sending the same body again after a transient failure (network, 5xx, 429) reuses it, so
 * the appliance never applies it twice; a changed body, a success or a definitive refusal
 * starts a new key.
 */
export class IdempotencyKeys {
  #body: string | null = null
  #key: string | null = null
  readonly #newKey: () => string

  constructor(newKey: () => string = newIdempotencyKey) {
    this.#newKey = newKey
  }

  /** The key to send with this body. */
  keyFor(body: unknown): string {
    const serialised = JSON.stringify(body)
    if (this.#key === null || this.#body !== serialised) {
      this.#key = this.#newKey()
      this.#body = serialised
    }
    return this.#key
  }

  /** The request got a final answer: the next one, even with the same body, is a new write. */
  settle(): void {
    this.#key = null
    this.#body = null
  }
}

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts, and the appliance is
 * often reached over plain http on the shop's LAN, so fall back to `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
