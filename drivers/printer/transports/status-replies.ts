/**
 * Matches DLE EOT answers arriving on a byte stream to the requests waiting for them,
 * in order, and hands ASB blocks to a listener. For stream transports (TCP, the
 * in-process virtual printer).
 */
import { StatusStreamParser, type PrinterStatus, type StatusParseOptions } from '../status.js'

interface Waiter {
  count: number
  bytes: number[]
  resolve: (bytes: number[] | undefined) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
}

export class StatusReplies {
  readonly #parser: StatusStreamParser
  readonly #onAsb: (status: PrinterStatus) => void
  #waiters: Waiter[] = []

  constructor(onAsb: (status: PrinterStatus) => void, options: StatusParseOptions = {}) {
    this.#parser = new StatusStreamParser(options)
    this.#onAsb = onAsb
  }

  push(chunk: Uint8Array): void {
    for (const message of this.#parser.push(chunk)) {
      if (message.type === 'asb') this.#onAsb(message.status)
      else if (message.type === 'dle-eot') this.#answer(message.byte)
      // Other bytes (a printer's ID string, noise) are not status: nothing waits for them.
    }
  }

  /** Waits for `count` answers; resolves undefined if they do not all come in time. */
  expect(count: number, timeoutMs: number): Promise<number[] | undefined> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count, bytes: [], resolve, reject,
        timer: setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter)
          resolve(undefined)
        }, timeoutMs),
      }
      this.#waiters.push(waiter)
    })
  }

  failAll(error: Error): void {
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer)
      waiter.reject(error)
    }
    this.#waiters = []
  }

  #answer(byte: number): void {
    const waiter = this.#waiters[0]
    if (!waiter) return // a late answer after a timeout: the transport drops the link on timeouts
    waiter.bytes.push(byte)
    if (waiter.bytes.length < waiter.count) return
    clearTimeout(waiter.timer)
    this.#waiters.shift()
    waiter.resolve(waiter.bytes)
  }
}
