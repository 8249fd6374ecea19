/**
 * Sends a completed basket to the appliance until it answers. A sale is sent with the
 * idempotency key it was given when payment completed (kept in local storage with the
 * basket), so however many times it is sent — after a dropped connection, a 5xx, a reload
 * — the appliance makes it once. Transient failures wait `Retry-After` when the appliance
 * gave one, else `retryMs`, or until the browser says it is back online; a definitive
 * refusal (a 4xx) ends it.
 */
import type { SaleResult } from '../../appliance/api/contract.js'
import { ApiError, type ApiClient } from '../data/api.js'
import type { PendingSale } from './basket.js'
import { completeSale } from './till-api.js'

export interface SaleSenderOptions {
  retryMs?: number
  /** Told when the sale starts or stops waiting for the appliance. */
  onWaiting?(waiting: boolean): void
  /** Where `online` events come from (the window). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
}

export class SaleSender {
  readonly #api: ApiClient
  readonly #retryMs: number
  readonly #onWaiting: (waiting: boolean) => void
  readonly #events: SaleSenderOptions['events']
  #stopped = false
  #wake: (() => void) | undefined

  constructor(api: ApiClient, { retryMs = 2000, onWaiting = () => {}, events }: SaleSenderOptions = {}) {
    this.#api = api
    this.#retryMs = retryMs
    this.#onWaiting = onWaiting
    this.#events = events
  }

  /** Resolves with the appliance's answer; rejects with its refusal, or when stopped. */
  async send(pending: PendingSale): Promise<SaleResult> {
    for (;;) {
      if (this.#stopped) throw new Error('The till screen was closed before the appliance answered; the sale will be sent again when it reopens.')
      try {
        const result = await completeSale(this.#api, pending.body, pending.key)
        this.#onWaiting(false)
        return result
      } catch (error) {
        if (!(error instanceof ApiError) || !error.retryable) {
          this.#onWaiting(false)
          throw error
        }
        this.#onWaiting(true)
        await this.#pause(error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : this.#retryMs)
      }
    }
  }

  /** Stops retrying (the screen went away); the pending sale stays in storage. */
  stop(): void {
    this.#stopped = true
    this.#wake?.()
  }

  /** Retries now (the network came back). */
  nudge(): void {
    this.#wake?.()
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#events?.removeEventListener('online', done)
        this.#wake = undefined
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.#events?.addEventListener('online', done)
      this.#wake = done
    })
  }
}
