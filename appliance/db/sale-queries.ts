/** The read side of sales on reader connections: stored sales, vouchers, parked baskets. */
import type { AppliedBasketDiscount, OrderLineRecord, SaleQueries, SaleRows } from '../app/sale/ports.js'
import type { Database } from './database.js'
import { toVoucher } from './sale-store.js'

interface OrderRow {
  id: string; channel: string; number: string; status: string; placed_at: Date; business_day: string | null; customer_id: string | null
  gross_minor: number; discount_minor: number; total_minor: number; vat_minor: number; paid_minor: number; change_minor: number
  discounts: string | null; till_id: string | null; till_session_id: string | null; station: string | null; staff_id: string | null
  approved_by: string | null; note: string | null; till_name: string | null; staff_name: string | null
  customer_name: string | null; customer_email: string | null; customer_phone: string | null
}

interface LineRow {
  line_no: number; kind: string; sku: string; name: string; barcode: string | null; quantity: number; weight_grams: number | null
  price_per_kg_minor: number | null; list_unit_price_minor: number; unit_price_minor: number; override_reason: string | null
  gross_minor: number; line_discount_minor: number; line_discount_reason: string | null; basket_discount_minor: number
  total_minor: number; vat_rate_bp: number | null; vat_minor: number; location: string | null; voucher_code: string | null
}

const toLine = (r: LineRow): OrderLineRecord => ({
  lineNo: r.line_no, kind: r.kind as OrderLineRecord['kind'], sku: r.sku, name: r.name, barcode: r.barcode, quantity: r.quantity,
  weightGrams: r.weight_grams, pricePerKgMinor: r.price_per_kg_minor, listUnitPriceMinor: r.list_unit_price_minor,
  unitPriceMinor: r.unit_price_minor, overrideReason: r.override_reason, grossMinor: r.gross_minor, lineDiscountMinor: r.line_discount_minor,
  lineDiscountReason: r.line_discount_reason, basketDiscountMinor: r.basket_discount_minor, totalMinor: r.total_minor,
  vatRateBp: r.vat_rate_bp, vatMinor: r.vat_minor, location: r.location, voucherCode: r.voucher_code,
})

export class DuckDbSaleQueries implements SaleQueries {
  constructor(private readonly db: Database) {}

  async byNumber(number: string): Promise<SaleRows | undefined> {
    const sql = this.db.reader
    const o = await sql.one<OrderRow>(
      `SELECT o.* EXCLUDE (discounts, business_day), o.discounts::VARCHAR AS discounts, o.business_day::VARCHAR AS business_day,
         t.name AS till_name, st.name AS staff_name, c.name AS customer_name, c.email AS customer_email, c.phone AS customer_phone
       FROM orders o LEFT JOIN tills t ON t.id = o.till_id LEFT JOIN staff st ON st.id = o.staff_id LEFT JOIN customers c ON c.id = o.customer_id
       WHERE o.number = ? AND o.channel = 'store'`,
      [number],
    )
    if (!o) return undefined
    const lines = await sql.all<LineRow>('SELECT * EXCLUDE (order_id) FROM order_lines WHERE order_id = ? ORDER BY line_no', [o.id])
    const payments = await sql.all<{ seq: number; method: string; amount_minor: number; applied_minor: number; reference: string | null }>(
      'SELECT seq, method, amount_minor, applied_minor, reference FROM payments WHERE order_id = ? ORDER BY seq',
      [o.id],
    )
    const vouchers = await sql.all<{ code: string; initial_minor: number; expires_at: Date | null }>(
      'SELECT code, initial_minor, expires_at FROM vouchers WHERE order_id = ? ORDER BY code',
      [o.id],
    )
    const byCode = new Map(vouchers.map((v) => [v.code, v]))
    const issuedOrder = lines.map((l) => l.voucher_code).filter((c): c is string => c !== null)
    return {
      order: {
        id: o.id, channel: o.channel, number: o.number, status: o.status, placedAt: o.placed_at, businessDay: o.business_day, customerId: o.customer_id,
        grossMinor: o.gross_minor, discountMinor: o.discount_minor, totalMinor: o.total_minor, vatMinor: o.vat_minor, paidMinor: o.paid_minor,
        changeMinor: o.change_minor, discounts: o.discounts ? (JSON.parse(o.discounts) as AppliedBasketDiscount[]) : [], tillId: o.till_id,
        tillSessionId: o.till_session_id, station: o.station, staffId: o.staff_id, approvedBy: o.approved_by, note: o.note,
      },
      lines: lines.map(toLine),
      payments: payments.map((p) => ({ seq: p.seq, method: p.method, amountMinor: p.amount_minor, appliedMinor: p.applied_minor, reference: p.reference })),
      customer: o.customer_id ? { name: o.customer_name, email: o.customer_email, phone: o.customer_phone } : null,
      tillName: o.till_name,
      staffName: o.staff_name,
      vouchersIssued: issuedOrder.map((code) => ({ code, amountMinor: byCode.get(code)?.initial_minor ?? 0, expiresAt: byCode.get(code)?.expires_at ?? null })),
    }
  }

  async recent({ tillId, limit }: { tillId?: string; limit: number }) {
    const rows = await this.db.reader.all<{ number: string; placed_at: Date; total_minor: number; till_id: string | null; staff_name: string | null }>(
      `SELECT o.number, o.placed_at, o.total_minor, o.till_id, s.name AS staff_name FROM orders o LEFT JOIN staff s ON s.id = o.staff_id
       WHERE o.channel = 'store' AND (? IS NULL OR o.till_id = ?) ORDER BY o.placed_at DESC, o.number DESC LIMIT ?`,
      [tillId ?? null, tillId ?? null, limit],
    )
    return rows.map((r) => ({ receiptNumber: r.number, placedAt: r.placed_at, totalMinor: r.total_minor, tillId: r.till_id, staffName: r.staff_name }))
  }

  async voucher(code: string) {
    const row = await this.db.reader.one<Parameters<typeof toVoucher>[0]>('SELECT * FROM vouchers WHERE code = ?', [code])
    return row && toVoucher(row)
  }

  async parked() {
    const rows = await this.db.reader.all<{ id: string; parked_at: Date; till_id: string; staff_id: string | null; station: string | null; label: string | null; line_count: number; total_minor: number; staff_name: string | null }>(
      `SELECT p.id, p.parked_at, p.till_id, p.staff_id, p.station, p.label, p.line_count, p.total_minor, s.name AS staff_name
       FROM parked_baskets p LEFT JOIN staff s ON s.id = p.staff_id WHERE p.recalled_at IS NULL ORDER BY p.parked_at`,
    )
    return rows.map((r) => ({
      id: r.id, parkedAt: r.parked_at, tillId: r.till_id, staffId: r.staff_id, station: r.station, label: r.label,
      lineCount: r.line_count, totalMinor: r.total_minor, recalledAt: null, staffName: r.staff_name,
    }))
  }
}
