/**
 * Fixtures for the order book's and the returns desk's integration tests: a clock that can
 * be set to any instant (deadlines, windows, escalations), channel orders built like a
 * connector's, imported through the real use case, and table counts for "nothing written".
 */
import type { Clock } from '../../appliance/app/ports.js'
import { upsertChannelOrder, type ChannelOrderInput, type ImportResult } from '../../appliance/app/orders/import-order.js'
import type { Minor } from '../../appliance/core/money.js'
import { vatFromGross } from '../../appliance/core/sale/vat.js'
import type { TestAppliance } from '../support/appliance.js'

export interface SettableClock extends Clock {
  /** Jumps to `iso`; time runs on from there. */
  set(iso: string): void
  advance(ms: number): void
}

export function settableClock(start = '2026-06-15T09:00:00Z'): SettableClock {
  let base = Date.parse(start)
  let from = Date.now()
  return {
    now: () => new Date(base + (Date.now() - from)),
    set: (iso) => {
      base = Date.parse(iso)
      from = Date.now()
    },
    advance: (ms) => {
      base += ms
    },
  }
}

let seq = 0

export interface LineSpec {
  sku: string | null
  quantity: number
  priceMinor: number
  vatRateBp?: number
  title?: string
}

/** A normalised channel order as a connector would produce it (VAT-inclusive, UK). */
export function channelOrder(channel: string, lines: readonly LineSpec[], extra: Partial<ChannelOrderInput> = {}): ChannelOrderInput {
  const n = ++seq
  const id = extra.channelOrderId ?? `${channel}-${process.pid}-${n}`
  const mapped = lines.map((l, i) => {
    const total = l.priceMinor * l.quantity
    return {
      channelLineId: `${id}-L${i + 1}`, sku: l.sku, title: l.title ?? l.sku ?? 'Item', quantity: l.quantity, unitPriceMinor: l.priceMinor,
      grossMinor: total, discountMinor: 0, totalMinor: total, taxMinor: vatFromGross(total as Minor, l.vatRateBp ?? 2000),
    }
  })
  const subtotal = mapped.reduce((s, l) => s + l.totalMinor, 0)
  const at = extra.createdAt ?? new Date(Date.now() - 3_600_000).toISOString()
  return {
    channel, channelOrderId: id, orderNumber: `#${9000 + n}`, status: 'ready_to_ship', channelStatus: 'PAID/UNFULFILLED', fulfilledBy: 'merchant',
    createdAt: at, updatedAt: at, currency: 'GBP', taxIncluded: true,
    customer: { name: `Customer ${n}`, email: `customer${n}.${process.pid}@example.com`, phone: null },
    shippingAddress: { name: `Customer ${n}`, company: null, line1: '1 Test Street', line2: null, city: 'Leeds', region: null, postcode: 'LS1 1AA', country: 'GB', phone: null },
    shippingMethod: 'Standard', lines: mapped,
    totals: { subtotalMinor: subtotal, shippingMinor: 0, discountMinor: 0, taxMinor: mapped.reduce((s, l) => s + l.taxMinor, 0), totalMinor: subtotal },
    despatchBy: null, deliverBy: null, cancelledAt: null, cancelReason: null, issues: [],
    ...extra,
  }
}

export async function importOrder(app: TestAppliance, order: ChannelOrderInput, now = app.deps.clock.now()): Promise<ImportResult> {
  return app.deps.uow.run((s) => upsertChannelOrder(s, order, now))
}

export async function level(app: TestAppliance, sku: string, location: string): Promise<{ onHand: number; allocated: number }> {
  const row = await app.db.reader.one<{ on_hand: number; allocated: number }>('SELECT on_hand, allocated FROM stock_levels WHERE id = ?', [`${sku}@${location}`])
  return { onHand: row?.on_hand ?? 0, allocated: row?.allocated ?? 0 }
}

/** Rows in every table an order or a return writes: a refused request must leave all of them unchanged. */
export async function orderTableCounts(app: TestAppliance): Promise<Record<string, number>> {
  const tables = ['orders', 'order_lines', 'payments', 'allocations', 'order_events', 'returns', 'return_lines', 'refunds', 'stock_movements', 'vouchers', 'voucher_movements', 'sync_outbox', 'idempotency_keys', 'print_jobs', 'notifications']
  const out: Record<string, number> = {}
  for (const t of tables) out[t] = (await app.db.reader.one<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n
  out['allocated'] = (await app.db.reader.one<{ n: number | null }>('SELECT sum(allocated) AS n FROM stock_levels'))!.n ?? 0
  out['on_hand'] = (await app.db.reader.one<{ n: number | null }>('SELECT sum(on_hand) AS n FROM stock_levels'))!.n ?? 0
  return out
}

/** Polls an async check until it holds (background work: the backorder watcher). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 25))
  }
}
