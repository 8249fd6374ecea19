/** The DuckDB side of the sale write ports: orders, customers, vouchers, parked baskets (inside one serial-writer transaction). */
import { randomUUID } from 'node:crypto'
import type { ParkedStore, SaleStore, VoucherRecord, VoucherStore } from '../app/sale/ports.js'
import { normalisePhone } from '../core/orders/search-text.js'
import { appendRows } from './appender.js'
import type { Tx } from './serial-writer.js'

export function saleStore(tx: Tx): SaleStore {
  return {
    async insert(o, lines, payments, now) {
      await appendRows(tx.sql, 'orders', [{
        id: o.id, channel: o.channel, number: o.number, status: o.status, placed_at: o.placedAt, business_day: o.businessDay,
        customer_id: o.customerId, gross_minor: o.grossMinor, discount_minor: o.discountMinor, total_minor: o.totalMinor,
        vat_minor: o.vatMinor, paid_minor: o.paidMinor, change_minor: o.changeMinor, discounts: JSON.stringify(o.discounts),
        till_id: o.tillId, till_session_id: o.tillSessionId, station: o.station, staff_id: o.staffId, approved_by: o.approvedBy,
        note: o.note, created_at: now,
      }])
      await appendRows(tx.sql, 'order_lines', lines.map((l) => ({
        order_id: o.id, line_no: l.lineNo, kind: l.kind, sku: l.sku, name: l.name, barcode: l.barcode, quantity: l.quantity,
        weight_grams: l.weightGrams, price_per_kg_minor: l.pricePerKgMinor, list_unit_price_minor: l.listUnitPriceMinor,
        unit_price_minor: l.unitPriceMinor, override_reason: l.overrideReason, gross_minor: l.grossMinor,
        line_discount_minor: l.lineDiscountMinor, line_discount_reason: l.lineDiscountReason, basket_discount_minor: l.basketDiscountMinor,
        total_minor: l.totalMinor, vat_rate_bp: l.vatRateBp, vat_minor: l.vatMinor, location: l.location, voucher_code: l.voucherCode,
      })))
      await appendRows(tx.sql, 'payments', payments.map((p) => ({
        order_id: o.id, seq: p.seq, method: p.method, amount_minor: p.amountMinor, applied_minor: p.appliedMinor,
        reference: p.reference, till_session_id: o.tillSessionId, occurred_at: now,
      })))
    },
    async customerFor(c, now) {
      // The phone, normalised, goes where the order search looks (customer_phones); only sales with a customer's phone pay for it.
      const phoneKey = c.phone ? normalisePhone(c.phone) : null
      const remember = async (id: string, fresh: boolean) => {
        if (!phoneKey || (!fresh && (await tx.sql.one('SELECT 1 AS x FROM customer_phones WHERE id = ?', [`${phoneKey} ${id}`])))) return
        await appendRows(tx.sql, 'customer_phones', [{ id: `${phoneKey} ${id}`, phone_key: phoneKey, customer_id: id }])
      }
      if (c.email) {
        const found = await tx.sql.one<{ id: string }>('SELECT id FROM customers WHERE email = ? LIMIT 1', [c.email])
        if (found) {
          await remember(found.id, false)
          return found.id
        }
      }
      const id = randomUUID()
      await tx.sql.run('INSERT INTO customers VALUES (?, ?, ?, ?, ?::TIMESTAMP)', [id, c.name, c.email, c.phone, now])
      await remember(id, true)
      return id
    },
  }
}

interface VoucherRow {
  code: string
  kind: string
  initial_minor: number
  balance_minor: number
  issued_at: Date
  expires_at: Date | null
  order_id: string | null
  issued_by: string | null
  reason: string | null
}

export const toVoucher = (r: VoucherRow): VoucherRecord => ({
  code: r.code, kind: r.kind as VoucherRecord['kind'], initialMinor: r.initial_minor, balanceMinor: r.balance_minor, issuedAt: r.issued_at,
  expiresAt: r.expires_at, orderId: r.order_id, issuedBy: r.issued_by, reason: r.reason,
})

export function voucherStore(tx: Tx): VoucherStore {
  return {
    async get(code) {
      const row = await tx.sql.one<VoucherRow>('SELECT * FROM vouchers WHERE code = ?', [code])
      return row && toVoucher(row)
    },
    async issue(v, actor) {
      await tx.sql.run('INSERT INTO vouchers VALUES (?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?, ?, ?)', [v.code, v.kind, v.initialMinor, v.balanceMinor, v.issuedAt, v.expiresAt, v.orderId, v.issuedBy, v.reason])
      await tx.sql.run('INSERT INTO voucher_movements VALUES (?, ?, ?::TIMESTAMP, ?, ?, ?, ?, ?, ?)', [randomUUID(), v.code, v.issuedAt, 'issue', v.initialMinor, v.balanceMinor, v.orderId, actor.staffId, actor.station])
    },
    async change(c) {
      await tx.sql.run('UPDATE vouchers SET balance_minor = ? WHERE code = ?', [c.balanceAfterMinor, c.code])
      await tx.sql.run('INSERT INTO voucher_movements VALUES (?, ?, ?::TIMESTAMP, ?, ?, ?, ?, ?, ?)', [randomUUID(), c.code, c.occurredAt, c.kind, c.amountMinor, c.balanceAfterMinor, c.orderId, c.actor.staffId, c.actor.station])
    },
  }
}

export function parkedStore(tx: Tx): ParkedStore {
  return {
    async park(p) {
      await tx.sql.run(
        'INSERT INTO parked_baskets VALUES (?, ?::TIMESTAMP, ?, ?, ?, ?, ?::JSON, ?, ?, NULL, NULL, NULL)',
        [p.id, p.parkedAt, p.tillId, p.staffId, p.station, p.label, JSON.stringify(p.basket), p.lineCount, p.totalMinor],
      )
    },
    async get(id) {
      const row = await tx.sql.one<{ id: string; parked_at: Date; till_id: string; staff_id: string | null; station: string | null; label: string | null; basket: string; line_count: number; total_minor: number; recalled_at: Date | null }>(
        'SELECT id, parked_at, till_id, staff_id, station, label, basket::VARCHAR AS basket, line_count, total_minor, recalled_at FROM parked_baskets WHERE id = ?',
        [id],
      )
      return row && {
        id: row.id, parkedAt: row.parked_at, tillId: row.till_id, staffId: row.staff_id, station: row.station, label: row.label,
        basket: JSON.parse(row.basket) as unknown, lineCount: row.line_count, totalMinor: row.total_minor, recalledAt: row.recalled_at,
      }
    },
    async markRecalled(id, by) {
      await tx.sql.run('UPDATE parked_baskets SET recalled_at = ?::TIMESTAMP, recalled_by = ?, recalled_till = ? WHERE id = ?', [by.at, by.staffId, by.tillId, id])
    },
  }
}
