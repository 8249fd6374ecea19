/**
 * Orders in: one page of a connector's import (or one webhook's order) applied in the
 * caller's transaction — each order upserted through the order book's use case, its SKUs
 * translated to ours and marked for a stock push, refusals kept with their reason.
 */
import type { ChannelOrder, OrderPage, RejectedOrder } from '../../../sync/connector.js'
import { DomainError } from '../../core/errors.js'
import { loadOrderConfig } from '../orders/config.js'
import type { ChannelOrderInput, ImportOptions, ImportResult } from '../orders/import-order.js'
import type { TxStores, UnitOfWork } from '../ports.js'
import type { ChannelAccount } from './ports.js'

/** The order book's import use case (orders/import-order.ts `upsertChannelOrder`). */
export type UpsertChannelOrder = (s: TxStores, order: ChannelOrderInput, now: Date, options?: ImportOptions) => Promise<ImportResult>

export interface ImportTally {
  created: number
  updated: number
  unchanged: number
  stale: number
  rejected: number
}

export const emptyTally = (): ImportTally => ({ created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0 })

export function addTally(a: ImportTally, b: ImportTally): ImportTally {
  return { created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, stale: a.stale + b.stale, rejected: a.rejected + b.rejected }
}

/** The channel's SKUs on the order, as ours (the account's SKU map read backwards). */
export function withOurSkus(order: ChannelOrder, account: ChannelAccount): ChannelOrder {
  const entries = Object.entries(account.skuMap)
  if (entries.length === 0) return order
  const ours = new Map(entries.map(([our, theirs]) => [theirs, our]))
  return { ...order, lines: order.lines.map((l) => (l.sku !== null && ours.has(l.sku) ? { ...l, sku: ours.get(l.sku)! } : l)) }
}

const ISO_CURRENCY = /^[A-Z]{3}$/

/**
 * The appliance's own check at the border, behind the connectors' contracts: a reason to
 * refuse the order, or null. Refused orders are kept (with the reason) for a person, never
 * half-written into the order book.
 */
export function screenOrder(order: ChannelOrder): string | null {
  if (!ISO_CURRENCY.test(order.currency)) return `unknown currency "${order.currency}"`
  for (const [i, l] of order.lines.entries()) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 0) return `line ${i + 1} (${l.sku ?? l.title}) has quantity ${l.quantity}: quantities are whole numbers, never negative`
    for (const key of ['unitPriceMinor', 'grossMinor', 'discountMinor', 'totalMinor', 'taxMinor'] as const) {
      if (!Number.isSafeInteger(l[key])) return `line ${i + 1} has a ${key} that is not whole minor units`
    }
  }
  if (order.lines.length === 0) return 'the order has no lines'
  for (const [key, value] of Object.entries(order.totals)) if (!Number.isSafeInteger(value) || value < 0) return `the order's ${key} is ${value}`
  return null
}

/** Applies orders and refusals in the caller's transaction. Throws if any order fails (the caller retries them one by one). */
export async function applyOrders(
  s: TxStores,
  account: ChannelAccount,
  input: { orders: readonly ChannelOrder[]; rejected: readonly RejectedOrder[] },
  upsert: UpsertChannelOrder,
  now: Date,
): Promise<ImportTally> {
  const tally = emptyTally()
  const config = input.orders.length ? await loadOrderConfig(s) : undefined
  const touched = new Set<string>()
  for (const raw of input.orders) {
    const refused = screenOrder(raw)
    if (refused) {
      await s.sync.recordReject(account.id, raw.channelOrderId, refused, 'refused', now)
      await s.sync.markWebhooksProcessed(account.id, raw.channelOrderId, now)
      tally.rejected += 1
      continue
    }
    const order = withOurSkus(raw, account)
    const result = await upsert(s, order, now, { config, account: account.id })
    tally[result.action] += 1
    if (result.action === 'created' || result.action === 'updated') for (const line of order.lines) if (line.sku) touched.add(line.sku)
    await s.sync.resolveReject(account.id, order.channelOrderId, now)
    await s.sync.markWebhooksProcessed(account.id, order.channelOrderId, now)
  }
  // "Push again after each import": the channel changed its own figure when it sold.
  await s.sync.stockChanged(touched, now)
  for (const r of input.rejected) {
    await s.sync.recordReject(account.id, r.channelOrderId, r.error.message, r.error.code ?? r.error.kind, now)
    tally.rejected += 1
  }
  return tally
}

const BG = { background: true } as const

/**
 * One page of an import and its cursor in one transaction, so a restart resumes exactly
 * after the last page taken. If an order breaks the page, the orders go one by one and the
 * ones that fail are kept as refusals with the reason (one bad order never blocks the rest) —
 * unless none went through, when the database rather than the orders is the likely cause:
 * then nothing moves and the import is tried again later.
 */
export async function applyPage(uow: UnitOfWork, account: ChannelAccount, page: OrderPage, upsert: UpsertChannelOrder, now: () => Date): Promise<ImportTally> {
  try {
    return await uow.run(async (s) => {
      const tally = await applyOrders(s, account, page, upsert, now())
      await s.sync.saveCursor(account.id, 'orders', page.nextCursor, now())
      return tally
    }, BG)
  } catch (pageError) {
    let tally = emptyTally()
    let succeeded = 0
    const failures: Array<{ id: string; error: unknown }> = []
    for (const order of page.orders) {
      try {
        tally = addTally(tally, await uow.run((s) => applyOrders(s, account, { orders: [order], rejected: [] }, upsert, now()), BG))
        succeeded += 1
      } catch (error) {
        failures.push({ id: order.channelOrderId, error })
      }
    }
    if (failures.some((f) => !(f.error instanceof DomainError)) && succeeded === 0) throw pageError
    return uow.run(async (s) => {
      const rest = await applyOrders(s, account, { orders: [], rejected: page.rejected }, upsert, now())
      for (const f of failures) {
        const reason = f.error instanceof Error ? f.error.message : String(f.error)
        await s.sync.recordReject(account.id, f.id, reason, f.error instanceof DomainError ? f.error.code : 'import_failed', now())
      }
      await s.sync.saveCursor(account.id, 'orders', page.nextCursor, now())
      return addTally(addTally(tally, rest), { ...emptyTally(), rejected: failures.length })
    }, BG)
  }
}
