/**
 * Planning a return against an order (with its receipt, or found by the order search):
 * validates what comes back, decides where the stock goes and what is refunded, and lists
 * the approvals a manager must give. Pure: the use case loads the order's lines, payments
 * and earlier returns, calls this, asks for approvals, then writes the plan in one
 * transaction. Rules:
 * - returnable per line = sold − already returned; asking for more is a `conflict`;
 * - gift card lines cannot be returned (the card's balance is the customer's money);
 * - every line needs a reason from the policy's list and a condition (see return-stock.ts);
 * - the return window (per channel, from delivery or sale) may be overridden only with the
 *   `overrideWindow` flag, which adds a manager approval (`return.refund`) to the plan;
 * - the refund is the apportioned value of the units (refunds.ts), capped by what is left of
 *   the payments, by the chosen method.
 */
import { conflict, invalid } from '../errors.js'
import type { Minor } from '../money.js'
import { MAX_QUANTITY } from '../stock-ledger.js'
import { type PaidTender, type RefundMethod, type RefundPlan, checkPayments, planRefund, unitsRefundMinor } from './refunds.js'
import { checkReason, checkReturnWindow, type ReturnCondition, type ReturnPolicy } from './return-policy.js'
import { planReturnStock, type ReturnMovement, type WrittenOff } from './return-stock.js'
import { checkInstant } from './zoned-time.js'

export interface SoldLine {
  readonly lineNo: number
  readonly sku: string
  readonly kind: 'goods' | 'gift_card'
  readonly quantity: number
  /** What the line was paid, after line and basket discounts (order_lines.total_minor). */
  readonly totalMinor: Minor
  /** Units of this line returned before. */
  readonly returnedQuantity: number
  /** The stock location the goods left (order_lines.location). */
  readonly location?: string | null
}

/** The order as a return needs it. */
export interface SoldOrder {
  readonly channel: string
  readonly placedAt: Date
  readonly deliveredAt: Date | null
  readonly lines: readonly SoldLine[]
  readonly tenders: readonly PaidTender[]
  /** Every refund so far, any method (tenders and store credit). */
  readonly refundedMinor: Minor
}

export interface ReturnLineRequest {
  readonly lineNo: number
  readonly quantity: number
  readonly reason: string
  readonly condition: ReturnCondition
  /** For sellable goods: where they go back to. */
  readonly location?: string | null
}

export interface ReturnRequest {
  readonly lines: readonly ReturnLineRequest[]
  readonly method: RefundMethod
  /** When the return is taken. */
  readonly at: Date
  /** Accept outside the window (needs a manager's approval). */
  readonly overrideWindow?: boolean
}

/** Approval actions, the same strings as app's `ApprovalAction`. */
export type ReturnApprovalAction = 'return.refund' | 'return.no_receipt'

export interface ReturnApprovalNeed {
  readonly action: ReturnApprovalAction
  readonly field: string
  readonly reason: string
}

export interface PlannedReturnLine {
  readonly lineNo: number | null
  readonly sku: string
  readonly quantity: number
  readonly reason: string
  readonly condition: ReturnCondition
  /** Where the stock goes; null for a write-off. */
  readonly location: string | null
  /** The apportioned value of these units. */
  readonly valueMinor: Minor
}

export interface ReturnPlan {
  readonly lines: PlannedReturnLine[]
  readonly movements: ReturnMovement[]
  readonly writtenOff: WrittenOff[]
  readonly refund: RefundPlan
  readonly approvals: ReturnApprovalNeed[]
  /** Last local date of the return window. */
  readonly windowLastDay: string
}

/** Units of each line that can still come back (sold − returned), by line number. */
export function returnableQuantities(lines: readonly SoldLine[]): Map<number, number> {
  return new Map(lines.map((l) => [l.lineNo, l.kind === 'gift_card' ? 0 : Math.max(0, l.quantity - l.returnedQuantity)]))
}

function checkSoldLines(lines: readonly SoldLine[]): void {
  lines.forEach((l, i) => {
    const at = `order.lines.${i}`
    if (!Number.isInteger(l.quantity) || l.quantity < 0 || l.quantity > MAX_QUANTITY) throw invalid('A sold quantity is a whole number', `${at}.quantity`)
    if (!Number.isInteger(l.returnedQuantity) || l.returnedQuantity < 0 || l.returnedQuantity > l.quantity) throw invalid('More of this line is recorded as returned than was sold', `${at}.returnedQuantity`)
    if (!Number.isSafeInteger(l.totalMinor) || l.totalMinor < 0) throw invalid('A line total is a whole number of pence, zero or more', `${at}.totalMinor`)
  })
}

/** Plans a return against `order`. Throws `invalid_input` / `conflict` naming the field (`lines.0.quantity`). */
export function planReturn(order: SoldOrder, request: ReturnRequest, policy: ReturnPolicy): ReturnPlan {
  checkInstant(order.placedAt, 'order.placedAt')
  if (order.deliveredAt !== null) checkInstant(order.deliveredAt, 'order.deliveredAt')
  checkSoldLines(order.lines)
  checkPayments(order.tenders, order.refundedMinor)
  if (request.lines.length === 0) throw invalid('Choose at least one item to return', 'lines')
  const window = checkReturnWindow(policy, order, request.at, request.overrideWindow === true)

  const byNo = new Map(order.lines.map((l) => [l.lineNo, l]))
  const returning = new Map<number, number>() // units of each line taken by earlier entries of this request
  const items = request.lines.map((req, i) => {
    const at = `lines.${i}`
    const sold = byNo.get(req.lineNo)
    if (!sold) throw invalid(`The order has no line ${req.lineNo}`, `${at}.lineNo`)
    if (sold.kind === 'gift_card') throw invalid('Gift cards cannot be returned', `${at}.lineNo`)
    if (!Number.isInteger(req.quantity) || req.quantity <= 0) throw invalid('Return a whole number of items, at least one', `${at}.quantity`)
    const before = sold.returnedQuantity + (returning.get(req.lineNo) ?? 0)
    const left = sold.quantity - before
    if (req.quantity > left) {
      throw conflict(left === 0 ? 'Everything on this line has been returned already' : `Only ${left} of this line can be returned`, `${at}.quantity`)
    }
    checkReason(policy, req.reason, `${at}.reason`)
    returning.set(req.lineNo, (returning.get(req.lineNo) ?? 0) + req.quantity)
    const valueMinor = unitsRefundMinor(sold.totalMinor, sold.quantity, before, req.quantity)
    return { sku: sold.sku, lineNo: sold.lineNo, quantity: req.quantity, condition: req.condition, location: req.location ?? null, soldFrom: sold.location ?? null, reason: req.reason, valueMinor }
  })
  const stock = planReturnStock(policy, items, (i) => `lines.${i}`)
  const lines = items.map((it, i): PlannedReturnLine => ({
    lineNo: it.lineNo, sku: it.sku, quantity: it.quantity, reason: it.reason, condition: it.condition,
    location: stock.locations[i] ?? null, valueMinor: it.valueMinor,
  }))
  const refund = planRefund(lines.reduce((s, l) => s + l.valueMinor, 0) as Minor, order.tenders, order.refundedMinor, request.method)
  const approvals: ReturnApprovalNeed[] = window.inside ? [] : [
    { action: 'return.refund', field: 'overrideWindow', reason: `The return window closed on ${window.lastDay}` },
  ]
  return { lines, movements: stock.movements, writtenOff: stock.writtenOff, refund, approvals, windowLastDay: window.lastDay }
}
