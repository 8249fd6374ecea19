/** The DuckDB side of the sale write ports: orders, customers, vouchers, parked baskets (inside one serial-writer transaction). */
import { randomUUID } from 'node:crypto'
import type { ParkedStore, SaleStore, VoucherRecord, VoucherStore } from '../app/sale/ports.js'
import type { Param } from './sql.js'
import type { Tx } from './serial-writer.js'

/** `(?, ?, ?), (?, ?, ?)` for a multi-row INSERT: one statement per table, not one per row. */
export function valuesList(rows: number, row: string): string {
  return Array.from({ length: rows }, () => row).join(', ')
}

const LINE_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
const PAYMENT_ROW = '(?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP)'

export function saleStore(tx: Tx): SaleStore {
  return {
    async insert(o, lines, payments, now) {
      await tx.sql.run(
        `INSERT INTO orders (id, channel, number, status, placed_at, business_day, customer_id, gross_minor, discount_minor, total_minor,
           vat_minor, paid_minor, change_minor, discounts, till_id, till_session_id, station, staff_id, approved_by, note, created_at)
         VALUES (?, ?, ?, ?, ?::TIMESTAMP, ?::DATE, ?, ?, ?, ?, ?, ?, ?, ?::JSON, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP)`,
        [o.id, o.channel, o.number, o.status, o.placedAt, o.businessDay, o.customerId, o.grossMinor, o.discountMinor, o.totalMinor,
          o.vatMinor, o.paidMinor, o.changeMinor, JSON.stringify(o.discounts), o.tillId, o.tillSessionId, o.station, o.staffId, o.approvedBy, o.note, now],
      )
      if (lines.length > 0) {
        const params: Param[] = lines.flatMap((l) => [
          o.id, l.lineNo, l.kind, l.sku, l.name, l.barcode, l.quantity, l.weightGrams, l.pricePerKgMinor, l.listUnitPriceMinor, l.unitPriceMinor,
          l.overrideReason, l.grossMinor, l.lineDiscountMinor, l.lineDiscountReason, l.basketDiscountMinor, l.totalMinor, l.vatRateBp, l.vatMinor,
          l.location, l.voucherCode,
        ])
        await tx.sql.run(`INSERT INTO order_lines VALUES ${valuesList(lines.length, LINE_ROW)}`, params)
      }
      if (payments.length > 0) {
        const params: Param[] = payments.flatMap((p) => [o.id, p.seq, p.method, p.amountMinor, p.appliedMinor, p.reference, o.tillSessionId, now])
        await tx.sql.run(`INSERT INTO payments VALUES ${valuesList(payments.length, PAYMENT_ROW)}`, params)
      }
    },
    async customerFor(c, now) {
      if (c.email) {
        const found = await tx.sql.one<{ id: string }>('SELECT id FROM customers WHERE email = ? LIMIT 1', [c.email])
        if (found) return found.id
      }
      const id = randomUUID()
      await tx.sql.run('INSERT INTO customers VALUES (?, ?, ?, ?, ?::TIMESTAMP)', [id, c.name, c.email, c.phone, now])
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
