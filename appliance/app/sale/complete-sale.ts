/**
 * Completing a till sale: ONE transaction writes the order, its lines and payments, the
 * voucher redemptions and gift cards sold, a stock movement per line and the audit entry;
 * `stock.changed` and `sale.completed` are published only after it commits. The caller
 * runs this inside `runIdempotent`, so a retried or double-tapped POST gets the first
 * answer back and never a second sale or movement.
 *
 * A sale that takes the last unit (or one that wasn't there) succeeds by default — the
 * goods are in the customer's hand — and the level goes negative and is flagged for a
 * count; a shop that prefers to refuse sets `negativeStock: 'refuse'`.
 */
import { randomUUID } from 'node:crypto'
import type { Minor } from '../../core/money.js'
import { DomainError, ErrorCode, conflict, invalid, notFound } from '../../core/errors.js'
import {
  formatReceiptNumber,
  generateVoucherCode,
  normalizeVoucherCode,
  planRedemption,
  tenderState,
  type RandomBytes,
  type Tender,
  type TenderKind,
} from '../../core/sale/index.js'
import { MovementKind } from '../../core/stock-ledger.js'
import type { Actor, MovementRecord, TxStores } from '../ports.js'
import { businessDay } from '../till/business-day.js'
import type { TillRecord, TillSessionRecord } from '../till/ports.js'
import type { ShopDetails, TillSettings } from '../till/settings.js'
import type { CustomerDetails, OrderLineRecord, OrderRecord, PaymentRecord, SaleRows } from './ports.js'
import type { PricedSale } from './quote.js'
import { saleSummary, type SaleSummary } from './sale-view.js'

export interface TenderRequest {
  method: TenderKind
  amountMinor: number
  reference?: string
}

export interface SaleContext {
  actor: Actor
  staffName: string
  now: Date
  settings: TillSettings
  shop: ShopDetails
  randomBytes: RandomBytes
  /** The manager who approved the reductions (or the actor, a manager); null when none needed approval. */
  approvedBy: string | null
}

export interface SaleOrder {
  till: string
  tenders: readonly TenderRequest[]
  customer?: Partial<CustomerDetails>
  note?: string
}

/** The till and its open session; refuses a closed till or a session left open from an earlier business day. */
export async function requireOpenTill(s: TxStores, tillId: string, now: Date, timeZone: string): Promise<{ till: TillRecord; session: TillSessionRecord }> {
  const found = await s.tills.get(tillId)
  if (!found || !found.till.active) throw notFound(`There is no till "${tillId}"`, 'till')
  const { till, session } = found
  if (!session) throw conflict(`${till.name} is closed: open it with a float before selling`, 'till')
  const today = businessDay(now, timeZone)
  if (session.businessDay !== today) {
    throw new DomainError(ErrorCode.Conflict, `${till.name} was opened for ${session.businessDay} and that business day is over: close it with a Z report, then open it again`, 'till', { reason: 'session_expired', businessDay: session.businessDay })
  }
  return { till, session }
}

/** Core tenders from the request; voucher codes are read forgivingly into their canonical form. */
export function toTenders(requests: readonly TenderRequest[]): Tender[] {
  return requests.map((t, i) => ({
    kind: t.method,
    amountMinor: t.amountMinor as Minor,
    ...(t.method === 'voucher' ? { reference: normalizeVoucherCode(t.reference ?? '', `tenders.${i}.reference`) } : t.reference !== undefined ? { reference: t.reference } : {}),
  }))
}

/** Payment rows: each tender's amount and what of it went towards the sale (cash less change). */
export function paymentRows(totalMinor: number, tenders: readonly Tender[]): PaymentRecord[] {
  let due = totalMinor
  return tenders.map((t, i) => {
    const applied = Math.min(t.amountMinor, due)
    due -= applied
    return { seq: i + 1, method: t.kind, amountMinor: t.amountMinor, appliedMinor: applied, reference: t.reference ?? null }
  })
}

async function redeemVouchers(s: TxStores, payments: readonly PaymentRecord[], ctx: SaleContext, orderId: string): Promise<void> {
  const balances = new Map<string, number>()
  for (const [i, p] of payments.entries()) {
    if (p.method !== 'voucher' || !p.reference) continue
    const voucher = await s.vouchers.get(p.reference)
    if (!voucher) throw notFound(`There is no voucher ${p.reference}`, `tenders.${i}.reference`)
    const balance = (balances.get(p.reference) ?? voucher.balanceMinor) as Minor
    let plan
    try {
      plan = planRedemption({ balanceMinor: balance, expiresAt: voucher.expiresAt }, p.appliedMinor as Minor, ctx.now, p.appliedMinor as Minor)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      throw new DomainError(error.code, error.message, error.field === 'code' ? `tenders.${i}.reference` : `tenders.${i}.amountMinor`)
    }
    balances.set(p.reference, plan.balanceAfterMinor)
    await s.vouchers.change({ code: p.reference, kind: 'redeem', amountMinor: -plan.redeemMinor, balanceAfterMinor: plan.balanceAfterMinor, orderId, actor: ctx.actor, occurredAt: ctx.now })
  }
}

async function moveStock(s: TxStores, lines: readonly OrderLineRecord[], till: TillRecord, ctx: SaleContext, reference: string): Promise<void> {
  const taken = new Map<string, number>()
  const moves: MovementRecord[] = []
  for (const line of lines) {
    if (line.kind !== 'goods') continue
    const quantity = line.weightGrams === null ? line.quantity : 1
    if (ctx.settings.negativeStock === 'refuse') {
      const level = await s.stock.level(line.sku, till.location)
      const already = taken.get(line.sku) ?? 0
      if (level.onHand - already - quantity < 0) {
        throw new DomainError(ErrorCode.InsufficientStock, `Only ${Math.max(0, level.onHand - already)} of ${line.name} on hand at ${till.location}`, `lines.${line.lineNo - 1}.quantity`)
      }
      taken.set(line.sku, already + quantity)
    }
    moves.push({ sku: line.sku, location: till.location, quantity: -quantity, kind: MovementKind.Sale, reason: 'sale', reference, actor: ctx.actor, occurredAt: ctx.now })
  }
  // All lines in one go, merged with the other sales committing with this one: one append and one UPDATE.
  await s.stock.moveAndPublish(moves)
}

async function issueGiftCards(s: TxStores, lines: OrderLineRecord[], ctx: SaleContext, orderId: string): Promise<SaleRows['vouchersIssued']> {
  const issued: SaleRows['vouchersIssued'] = []
  const days = ctx.settings.voucherValidityDays
  const expiresAt = days === null ? null : new Date(ctx.now.getTime() + days * 86_400_000)
  for (const line of lines) {
    if (line.kind !== 'gift_card') continue
    const code = generateVoucherCode(ctx.randomBytes)
    line.voucherCode = code
    await s.vouchers.issue({ code, kind: 'gift_card', initialMinor: line.totalMinor, balanceMinor: line.totalMinor, issuedAt: ctx.now, expiresAt, orderId, issuedBy: ctx.actor.staffId, reason: 'sold' }, ctx.actor)
    issued.push({ code, amountMinor: line.totalMinor, expiresAt })
  }
  return issued
}

function cleanCustomer(c: Partial<CustomerDetails> | undefined): CustomerDetails | null {
  const name = c?.name?.trim() || null
  const email = c?.email?.trim().toLowerCase() || null
  const phone = c?.phone?.trim() || null
  return name || email || phone ? { name, email, phone } : null
}

/** Writes a priced sale. Everything it checks throws before anything is kept (the transaction rolls back). */
export async function completeSale(s: TxStores, sale: PricedSale, order: SaleOrder, ctx: SaleContext): Promise<SaleSummary> {
  const tenders = toTenders(order.tenders)
  const state = tenderState(sale.totalMinor, tenders)
  if (!state.complete) throw invalid(`The payments don't cover the total: ${state.remainingMinor} pence still to pay`, 'tenders')
  const today = businessDay(ctx.now, ctx.settings.timeZone)
  const claimed = await s.tills.claimReceipt(order.till, today)
  if (!claimed) {
    await requireOpenTill(s, order.till, ctx.now, ctx.settings.timeZone)
    throw conflict(`Till ${order.till} can't sell right now: reload the till screen`, 'till')
  }
  const { till } = claimed
  const session = { id: till.sessionId!, businessDay: today }
  const orderId = randomUUID()
  const payments = paymentRows(sale.totalMinor, tenders)
  await redeemVouchers(s, payments, ctx, orderId)
  const number = formatReceiptNumber({ kind: 'S', station: till.number, seq: claimed.seq })
  const lines = sale.lines.map((l) => ({ ...l, location: l.kind === 'goods' ? till.location : null }))
  await moveStock(s, lines, till, ctx, number)
  const vouchersIssued = await issueGiftCards(s, lines, ctx, orderId)
  const customer = cleanCustomer(order.customer)
  const record: OrderRecord = {
    id: orderId, channel: 'store', number, status: 'completed', placedAt: ctx.now, businessDay: session.businessDay,
    customerId: customer ? await s.sales.customerFor(customer, ctx.now) : null,
    grossMinor: sale.priced.grossMinor + (sale.totalMinor - sale.priced.totalMinor), discountMinor: sale.priced.discountTotalMinor,
    totalMinor: sale.totalMinor, vatMinor: sale.priced.vatTotalMinor, paidMinor: state.paidMinor, changeMinor: state.changeMinor,
    discounts: sale.discounts, tillId: till.id, tillSessionId: session.id, station: ctx.actor.station, staffId: ctx.actor.staffId,
    approvedBy: ctx.approvedBy, note: order.note?.trim() || null,
  }
  await s.sales.insert(record, lines, payments, ctx.now)
  await s.audit.record({
    action: 'sale.completed', actor: ctx.actor, entity: 'order', entityId: orderId, occurredAt: ctx.now,
    details: {
      receiptNumber: number, till: till.id, totalMinor: sale.totalMinor, changeMinor: state.changeMinor,
      tenders: payments.map((p) => ({ method: p.method, amountMinor: p.amountMinor, reference: p.reference })),
      ...(sale.needs.length || record.discountMinor || lines.some((l) => l.overrideReason) ? {
        reductions: {
          discountMinor: record.discountMinor,
          lines: lines.filter((l) => l.lineDiscountMinor > 0 || l.overrideReason).map((l) => ({ lineNo: l.lineNo, sku: l.sku, discountMinor: l.lineDiscountMinor, reason: l.lineDiscountReason, listUnitPriceMinor: l.listUnitPriceMinor, unitPriceMinor: l.unitPriceMinor, overrideReason: l.overrideReason })),
          basket: sale.discounts,
          approvalNeeded: sale.needs.map((n) => n.field),
          approvedBy: ctx.approvedBy,
        },
      } : {}),
      ...(vouchersIssued.length ? { giftCards: vouchersIssued.map((v) => ({ code: v.code, amountMinor: v.amountMinor })) } : {}),
    },
  })
  s.publish({ type: 'sale.completed', till: till.id, receiptNumber: number, totalMinor: sale.totalMinor, station: ctx.actor.station })
  const rows: SaleRows = { order: record, lines, payments, customer, tillName: till.name, staffName: ctx.staffName, vouchersIssued }
  return saleSummary(rows, ctx.shop, ctx.settings.timeZone)
}
