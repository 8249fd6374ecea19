/**
 * Small pieces every transport shares: typed listeners, an operation queue and
 * option checks.
 */
import { InvalidOptionsError } from '../../errors.js'

export class Listeners<T> {
  readonly #listeners = new Set<(value: T) => void>()

  add(listener: (value: T) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  emit(value: T): void {
    // A listener that throws is a bug in the caller; it must not break the driver,
    // but it must not vanish either: rethrow it on its own tick.
    for (const listener of this.#listeners) {
      try {
        listener(value)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
}

/** Runs operations one at a time, in call order; a failure does not block the next. */
export class OperationQueue {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation, operation)
    this.#tail = result.catch(() => undefined)
    return result
  }
}

export function positiveMs(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new InvalidOptionsError(`${name} must be a positive number of milliseconds, got ${value}`)
  return value
}

export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value))
}

export const hex = (bytes: Iterable<number>): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')
