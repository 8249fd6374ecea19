/**
 * A small fixed trading month (March 2024, plus one April sale and one sale "today") on the
 * demo shop, with every figure of every report worked out by hand in report-figures.test.ts.
 * Own products (RPT-*) and an own location (rpt-store) keep it apart from the demo data;
 * the demo shop's `shop` setting puts the shop in region LA.
 *
 *   products   RPT-A Report Bear   Toys    £10.00 cost £4.00  VAT 20%
 *              RPT-B Report Trowel Garden  £5.00  cost £2.00  VAT 20%
 *              RPT-C Report Atlas  Books   £20.00 cost £12.00 VAT 0%
 *   o1 store    2024-03-04  A×2 £20.00 (VAT 3.33) + B×1 £5.00 (VAT 0.83)   at rpt-store
 *   o2 shopify  2024-03-04  C×1 £20.00, to M1 1AA; despatch by 03-05 16:00, shipped 10:00 (on time)
 *   o3 amazon   2024-03-05  A×1 £9.00 after £1.00 off (VAT 1.50), to Paris; shipped 03-06 09:00 (late)
 *   o4 shopify  2024-03-05  B×3 — cancelled (not a sale)
 *   o5 store    2024-04-02  A×1 £10.00 (VAT 1.67)                         at rpt-store
 *   o6 store    today       C×1 £20.00                                    at rpt-store
 *   return of o2 (C, faulty, £20.00) on 03-10, refunded £20.00 to the channel
 *   expenses    rent £500.00 in March and in April
 *   targets     March: Toys £50.00, Garden £10.00
 *   issues      delivery/high on o2 (answered in 30 min, closed in 240), delivery/high on o3
 *               (answered in 60 min, open), product/low (unanswered, open)
 *   picks       03-05 fin C×1 08:00, fin A×1 10:00 (wrong item), ash A×1 11:00; packs fin o2, ash o3
 *   stock       rpt-store: A 5, B 0, C 2
 */
import { appendRows } from '../../appliance/db/appender.js'
import type { Database } from '../../appliance/db/database.js'

const T = (s: string) => `${s}:00Z`.replace(' ', 'T')

interface Line { sku: string; name: string; quantity: number; unit: number; discount?: number; vatBp: number; location: string }

function order(id: string, channel: string, status: string, placedAt: string, lines: Line[], extra: Record<string, string | number | null> = {}) {
  const rows = lines.map((l, i) => {
    const gross = l.unit * l.quantity
    const total = gross - (l.discount ?? 0)
    const vat = total - Math.round((total * 10000) / (10000 + l.vatBp))
    return {
      order_id: id, line_no: i + 1, kind: 'goods', sku: l.sku, name: l.name, quantity: l.quantity, list_unit_price_minor: l.unit, unit_price_minor: l.unit,
      gross_minor: gross, line_discount_minor: l.discount ?? 0, basket_discount_minor: 0, total_minor: total, vat_rate_bp: l.vatBp, vat_minor: vat, location: l.location,
    }
  })
  const sum = (k: 'gross_minor' | 'line_discount_minor' | 'total_minor' | 'vat_minor') => rows.reduce((s, r) => s + r[k], 0)
  const header = {
    id, channel, number: `#${id.toUpperCase()}`, status, placed_at: T(placedAt), business_day: channel === 'store' ? placedAt.slice(0, 10) : null,
    currency: 'GBP', gross_minor: sum('gross_minor'), discount_minor: sum('line_discount_minor'), total_minor: sum('total_minor'), vat_minor: sum('vat_minor'),
    paid_minor: sum('total_minor'), change_minor: 0, created_at: T(placedAt), updated_at: T(placedAt), ...extra,
  }
  return { header, rows }
}

const A = { sku: 'RPT-A', name: 'Report Bear', unit: 1000, vatBp: 2000 }
const B = { sku: 'RPT-B', name: 'Report Trowel', unit: 500, vatBp: 2000 }
const C = { sku: 'RPT-C', name: 'Report Atlas', unit: 2000, vatBp: 0 }

/** Inserts the fixture; `today` is the appliance clock's instant (for the sale that keeps C from being slow). */
export async function insertReportFixture(db: Database, today: Date): Promise<void> {
  const now = today.toISOString()
  const orders = [
    order('rpt-o1', 'store', 'completed', '2024-03-04 10:00', [{ ...A, quantity: 2, location: 'rpt-store' }, { ...B, quantity: 1, location: 'rpt-store' }], { staff_id: 'ash', till_id: 'till-1' }),
    order('rpt-o2', 'shopify', 'returned', '2024-03-04 12:00', [{ ...C, quantity: 1, location: 'backroom' }], {
      despatch_by: T('2024-03-05 16:00'), shipped_at: T('2024-03-05 10:00'), fulfilled_by: 'merchant', refunded_minor: 2000,
    }),
    order('rpt-o3', 'amazon', 'shipped', '2024-03-05 09:00', [{ ...A, quantity: 1, discount: 100, location: 'backroom' }], {
      despatch_by: T('2024-03-05 16:00'), shipped_at: T('2024-03-06 09:00'), fulfilled_by: 'merchant',
    }),
    order('rpt-o4', 'shopify', 'cancelled', '2024-03-05 11:00', [{ ...B, quantity: 3, location: 'backroom' }], { despatch_by: T('2024-03-06 16:00'), fulfilled_by: 'merchant' }),
    order('rpt-o5', 'store', 'completed', '2024-04-02 10:00', [{ ...A, quantity: 1, location: 'rpt-store' }]),
  ]
  const o6 = order('rpt-o6', 'store', 'completed', now.slice(0, 16).replace('T', ' '), [{ ...C, quantity: 1, location: 'rpt-store' }])
  o6.header.placed_at = now
  o6.header.created_at = now
  o6.header.updated_at = now
  orders.push(o6)

  await db.transaction(async (tx) => {
    const sql = tx.sql
    await sql.run("INSERT INTO locations VALUES ('rpt-store', 'Report shop', 'floor', true, false, 5)")
    await appendRows(sql, 'products', [
      { sku: 'RPT-A', handle: 'rpt-a', name: 'Report Bear', category: 'Toys', price_minor: 1000, cost_minor: 400, vat_rate_bp: 2000, active: true, updated_at: now },
      { sku: 'RPT-B', handle: 'rpt-b', name: 'Report Trowel', category: 'Garden', price_minor: 500, cost_minor: 200, vat_rate_bp: 2000, active: true, updated_at: now },
      { sku: 'RPT-C', handle: 'rpt-c', name: 'Report Atlas', category: 'Books', price_minor: 2000, cost_minor: 1200, vat_rate_bp: 0, active: true, updated_at: now },
    ])
    await appendRows(sql, 'stock_levels', [
      { id: 'RPT-A@rpt-store', sku: 'RPT-A', location: 'rpt-store', on_hand: 5, allocated: 0, needs_count: false, updated_at: now },
      { id: 'RPT-B@rpt-store', sku: 'RPT-B', location: 'rpt-store', on_hand: 0, allocated: 0, needs_count: false, updated_at: now },
      { id: 'RPT-C@rpt-store', sku: 'RPT-C', location: 'rpt-store', on_hand: 2, allocated: 0, needs_count: false, updated_at: now },
    ])
    await appendRows(sql, 'orders', orders.map((o) => o.header))
    await appendRows(sql, 'order_lines', orders.flatMap((o) => o.rows))
    await appendRows(sql, 'addresses', [
      { id: 'rpt-o2:shipping', order_id: 'rpt-o2', kind: 'shipping', name: 'Ann', postcode: 'M1 1AA', country: 'GB' },
      { id: 'rpt-o3:shipping', order_id: 'rpt-o3', kind: 'shipping', name: 'Luc', postcode: '75001', country: 'FR' },
    ])
    await appendRows(sql, 'returns', [{ id: 'rpt-r1', number: 'R-RPT1', order_id: 'rpt-o2', kind: 'rma', status: 'completed', channel: 'shopify', value_minor: 2000, refund_minor: 2000, credited_minor: 2000, method: 'original', created_at: T('2024-03-10 10:00'), completed_at: T('2024-03-10 10:00') }])
    await appendRows(sql, 'return_lines', [{ id: 'rpt-r1:1', return_id: 'rpt-r1', seq: 1, order_line_no: 1, sku: 'RPT-C', quantity: 1, received_quantity: 1, reason: 'faulty', value_minor: 2000 }])
    await appendRows(sql, 'refunds', [{ id: 'rpt-f1', return_id: 'rpt-r1', order_id: 'rpt-o2', method: 'channel', amount_minor: 2000, status: 'completed', created_at: T('2024-03-10 10:00') }])
    await appendRows(sql, 'expenses', [
      { id: 'rpt-e1', month: '2024-03-01', category: 'rent', amount_minor: 50000, created_at: now },
      { id: 'rpt-e2', month: '2024-04-01', category: 'rent', amount_minor: 50000, created_at: now },
    ])
    await appendRows(sql, 'sales_targets', [
      { id: '2024-03:Toys', month: '2024-03-01', category: 'Toys', target_minor: 5000, updated_at: now },
      { id: '2024-03:Garden', month: '2024-03-01', category: 'Garden', target_minor: 1000, updated_at: now },
    ])
    await appendRows(sql, 'customer_issues', [
      { id: 'rpt-i1', order_id: 'rpt-o2', category: 'delivery', priority: 'high', status: 'closed', summary: 'Late', notes: '[]', opened_at: T('2024-03-06 09:00'), first_response_at: T('2024-03-06 09:30'), closed_at: T('2024-03-06 13:00'), updated_at: now },
      { id: 'rpt-i2', order_id: 'rpt-o3', category: 'delivery', priority: 'high', status: 'open', summary: 'Where is it', notes: '[]', opened_at: T('2024-03-07 10:00'), first_response_at: T('2024-03-07 11:00'), closed_at: null, updated_at: now },
      { id: 'rpt-i3', order_id: null, category: 'product', priority: 'low', status: 'open', summary: 'Question', notes: '[]', opened_at: T('2024-03-08 10:00'), first_response_at: null, closed_at: null, updated_at: now },
    ])
    await appendRows(sql, 'pick_events', [
      { id: 'rpt-o2:1:1', order_id: 'rpt-o2', line_no: 1, sku: 'RPT-C', location: 'backroom', quantity: 1, picked_quantity: 1, error: null, staff_id: 'fin', picked_at: T('2024-03-05 08:00') },
      { id: 'rpt-o3:1:1', order_id: 'rpt-o3', line_no: 1, sku: 'RPT-A', location: 'backroom', quantity: 1, picked_quantity: 1, error: 'wrong-item', staff_id: 'fin', picked_at: T('2024-03-05 10:00') },
      { id: 'rpt-o3:1:2', order_id: 'rpt-o3', line_no: 1, sku: 'RPT-A', location: 'backroom', quantity: 1, picked_quantity: 1, error: null, staff_id: 'ash', picked_at: T('2024-03-05 11:00') },
    ])
    await appendRows(sql, 'pack_events', [
      { id: 'rpt-o2:1', order_id: 'rpt-o2', items: 1, parcels: 1, staff_id: 'fin', packed_at: T('2024-03-05 09:00') },
      { id: 'rpt-o3:1', order_id: 'rpt-o3', items: 1, parcels: 1, staff_id: 'ash', packed_at: T('2024-03-05 12:00') },
    ])
  })
}
