/**
 * Ports of the sale side of the till: orders (a till sale is an order with channel
 * `store`), customers, vouchers and parked baskets. db/ implements them on DuckDB.
 */
import type { Actor } from '../ports.js'

export interface CustomerDetails {
  name: string | null
  email: string | null
  phone: string | null
}

/** One row of `orders`. Store sales are written `completed`; channels' orders will use more statuses. */
export interface OrderRecord {
  id: string
  channel: string
  number: string
  status: string
  placedAt: Date
  businessDay: string | null
  customerId: string | null
  grossMinor: number
  discountMinor: number
  totalMinor: number
  vatMinor: number
  paidMinor: number
  changeMinor: number
  /** Basket discounts as applied. */
  discounts: AppliedBasketDiscount[]
  tillId: string | null
  tillSessionId: string | null
  station: string | null
  staffId: string | null
  approvedBy: string | null
  note: string | null
}

export interface AppliedBasketDiscount {
  kind: 'percent' | 'amount'
  percentBp: number | null
  amountMinor: number
  reason: string
}

export type OrderLineKind = 'goods' | 'gift_card'

export interface OrderLineRecord {
  lineNo: number
  kind: OrderLineKind
  sku: string
  name: string
  barcode: string | null
  quantity: number
  weightGrams: number | null
  pricePerKgMinor: number | null
  listUnitPriceMinor: number
  unitPriceMinor: number
  overrideReason: string | null
  grossMinor: number
  lineDiscountMinor: number
  lineDiscountReason: string | null
  basketDiscountMinor: number
  totalMinor: number
  /** Null: outside the scope of VAT (a gift card is money, not goods). */
  vatRateBp: number | null
  vatMinor: number
  location: string | null
  voucherCode: string | null
}

export interface PaymentRecord {
  seq: number
  method: string
  /** As handed over; cash may exceed what was due. */
  amountMinor: number
  /** Towards the order: cash less change. */
  appliedMinor: number
  reference: string | null
}

export interface SaleStore {
  /** Writes the order, its lines and payments (set-based). */
  insert(order: OrderRecord, lines: readonly OrderLineRecord[], payments: readonly PaymentRecord[], now: Date): Promise<void>
  /** The customer with this email, or a new one; returns its id. */
  customerFor(details: CustomerDetails, now: Date): Promise<string>
}

export type VoucherKind = 'gift_card' | 'store_credit'

export interface VoucherRecord {
  code: string
  kind: VoucherKind
  initialMinor: number
  balanceMinor: number
  issuedAt: Date
  expiresAt: Date | null
  orderId: string | null
  issuedBy: string | null
  reason: string | null
}

export interface VoucherChange {
  code: string
  kind: 'issue' | 'redeem' | 'refund'
  /** Signed change of balance. */
  amountMinor: number
  balanceAfterMinor: number
  orderId: string | null
  actor: Actor
  occurredAt: Date
}

export interface VoucherStore {
  get(code: string): Promise<VoucherRecord | undefined>
  /** A new voucher and its `issue` movement. */
  issue(voucher: VoucherRecord, actor: Actor): Promise<void>
  /** Sets the balance and appends the movement. */
  change(change: VoucherChange): Promise<void>
}

export interface ParkedBasketRecord {
  id: string
  parkedAt: Date
  tillId: string
  staffId: string | null
  station: string | null
  label: string | null
  /** The sale request's lines, discounts and customer, as the till sent them. */
  basket: unknown
  lineCount: number
  totalMinor: number
  recalledAt: Date | null
}

export interface ParkedStore {
  park(basket: ParkedBasketRecord): Promise<void>
  get(id: string): Promise<ParkedBasketRecord | undefined>
  markRecalled(id: string, by: { staffId: string; tillId: string; at: Date }): Promise<void>
}

export interface SaleQueries {
  /** A completed store sale by its receipt number (human form, `S-01-000123`). */
  byNumber(number: string): Promise<SaleRows | undefined>
  recent(options: { tillId?: string; limit: number }): Promise<Array<{ receiptNumber: string; placedAt: Date; totalMinor: number; tillId: string | null; staffName: string | null }>>
  voucher(code: string): Promise<VoucherRecord | undefined>
  parked(): Promise<Array<Omit<ParkedBasketRecord, 'basket'> & { staffName: string | null }>>
}

/** A sale as stored, for reading it back. */
export interface SaleRows {
  order: OrderRecord
  lines: OrderLineRecord[]
  payments: PaymentRecord[]
  customer: CustomerDetails | null
  tillName: string | null
  staffName: string | null
  vouchersIssued: Array<{ code: string; amountMinor: number; expiresAt: Date | null }>
}
