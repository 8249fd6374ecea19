/**
 * Runs a write once per idempotency key: the key and the first answer are saved in
 * the same transaction as the write, so a retry (a double tap, a dropped connection)
 * gets the first answer back and never a second sale or movement.
 *
 * Optimistic: retries are rare, so the key is not looked up before the write (a point
 * read costs about a millisecond here, on every sale). A reused key makes the write fail —
 * saving the key breaks its primary key, or the work itself refuses ("already returned")
 * — and only then is the key looked up and the first answer given back. Two requests with
 * one key never both commit: the primary key sees to that.
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
  const { scope, key: id, now } = key
  if (!id) return uow.run(async (stores) => ({ status, body: await work(stores), replayed: false }))
  try {
    return await uow.run(async (stores) => {
      const body = await work(stores)
      await stores.idempotency.save(scope, id, status, body, now)
      return { status, body, replayed: false }
    })
  } catch (error) {
    const prior = await uow.run((stores) => stores.idempotency.find(scope, id))
    if (prior) return { status: prior.status, body: prior.body as T, replayed: true }
    throw error
  }
}
