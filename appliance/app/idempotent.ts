/**
 * Runs a write once per idempotency key: the key and the first answer are saved in
 * the same transaction as the write, so a retry (a double tap, a dropped connection)
 * gets the first answer back and never a second sale or movement.
 */
import type { TxStores, UnitOfWork } from './ports.js'

export interface Answer<T> {
  status: number
  body: T
  /** True when this is the saved answer to an earlier request with the same key. */
  replayed: boolean
}

export async function runIdempotent<T>(
  uow: UnitOfWork,
  key: { scope: string; key: string | undefined; now: Date },
  status: number,
  work: (stores: TxStores) => Promise<T>,
): Promise<Answer<T>> {
  return uow.run(async (stores) => {
    if (key.key) {
      const prior = await stores.idempotency.find(key.scope, key.key)
      if (prior) return { status: prior.status, body: prior.body as T, replayed: true }
    }
    const body = await work(stores)
    if (key.key) await stores.idempotency.save(key.scope, key.key, status, body, key.now)
    return { status, body, replayed: false }
  })
}
