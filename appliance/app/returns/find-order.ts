/**
 * Finding the order a return is against from what the desk has: the order's id, a scanned
 * receipt barcode (`S0100000123`), a printed receipt number (`S-01-000123`), or a channel's
 * order number (`#1001`, `202-1234567-1234567`) or id.
 */
import { DomainError, ErrorCode, notFound } from '../../core/errors.js'
import { searchKeys } from '../../core/orders/index.js'
import type { TxStores } from '../ports.js'

export async function resolveOrderRef(s: TxStores, ref: string, field = 'order'): Promise<string> {
  const text = ref.trim()
  const keys = searchKeys(text)
  const refs = [...new Set([text, ...keys.orderNumbers, ...(keys.receiptNumber ? [keys.receiptNumber] : [])])].filter(Boolean)
  const ids = await s.orders.idsByRef(refs)
  if (ids.length === 0) throw notFound(`There is no order or receipt "${text}": check the number, or find the order by the customer's email or phone`, field)
  if (ids.length > 1) throw new DomainError(ErrorCode.Conflict, `"${text}" matches ${ids.length} orders: choose one from the order search`, field, { matches: ids })
  return ids[0]!
}
