/**
 * A return without a receipt (and no order to be found): store credit only, valued at the
 * shelf price or a lower figure the desk enters, up to the policy's limit, always with a
 * manager's approval (`return.no_receipt`). The stock goes where any return's goes. One
 * transaction, audited; the refund receipt carries the store-credit code.
 */
import { randomUUID } from 'node:crypto'
import { invalid, notFound } from '../../core/errors.js'
import { planNoReceiptReturn } from '../../core/orders/index.js'
import type { Minor } from '../../core/money.js'
import { queueReceipt } from '../print-queue.js'
import type { TxStores } from '../ports.js'
import type { ReturnContext, ReturnInput } from './accept-return.js'
import { payOut } from './payouts.js'
import type { ReturnRecord } from './ports.js'
import { refundReceipt } from './refund-receipt.js'
import { approveReturn, checkLocations, moveReturnedStock, remapField, returnNumber } from './return-steps.js'
import { returnSummary, type ReturnSummary } from './return-view.js'

export type ShelfPrice = (sku: string) => Promise<{ name: string; priceMinor: number; vatRateBp: number } | undefined>

export async function acceptNoReceiptReturn(s: TxStores, input: ReturnInput, ctx: ReturnContext & { shelfPrice: ShelfPrice }): Promise<ReturnSummary> {
  const { actor, now, config } = ctx
  const products = await Promise.all(input.lines.map((l) => ctx.shelfPrice(l.sku)))
  const lines = input.lines.map((l, i) => {
    const product = products[i]
    if (!product) throw notFound(`There is no product with SKU "${l.sku}"`, `lines.${i}.sku`)
    const unit = l.unitValueMinor ?? product.priceMinor
    if (unit > product.priceMinor) throw invalid(`Without a receipt an item is worth at most its shelf price (${product.priceMinor} pence)`, `lines.${i}.unitValueMinor`)
    return { sku: l.sku, quantity: l.quantity, unitValueMinor: unit as Minor, reason: l.reason, condition: l.condition, location: l.location ?? null }
  })
  const plan = remapField(() => planNoReceiptReturn({ lines, method: input.refund.method, at: now }, config.returnPolicy), { method: 'refund.method' })
  const approvedBy = approveReturn(plan.approvals, actor, input.approvalToken, ctx.approvals, now)
  await checkLocations(s, plan.lines.map((l) => l.location))
  const id = randomUUID()
  const number = returnNumber(await s.orders.nextNumber('returns'))
  await moveReturnedStock(s, plan.movements, new Map(plan.lines.map((l) => [l.lineNo, l.reason])), number, actor, now)
  const refundPlan = { valueMinor: plan.storeCreditMinor, cappedMinor: 0 as Minor, creditedMinor: plan.storeCreditMinor, payments: [], storeCreditMinor: plan.storeCreditMinor, exchange: null, refundMinor: plan.storeCreditMinor }
  const payout = await payOut(s, refundPlan, {
    actor, now, returnId: id, returnNumber: number, order: null, payments: [], till: null, voucherValidityDays: ctx.tillSettings.voucherValidityDays,
    randomBytes: ctx.randomBytes, channelLines: [], reason: 'no receipt',
  })
  const record: ReturnRecord = {
    id, number, orderId: null, kind: 'desk', status: 'completed', channel: null, valueMinor: plan.storeCreditMinor, refundMinor: plan.storeCreditMinor,
    creditedMinor: plan.storeCreditMinor, method: 'store-credit', exchangeOrderId: null, windowLastDay: null, windowOverridden: false, approvedBy,
    tillId: null, tillSessionId: null, staffId: actor.staffId, station: actor.station, note: input.note?.trim() || null, createdAt: now, completedAt: now,
  }
  const rows = plan.lines.map((l, i) => ({
    seq: i + 1, orderLineNo: null, sku: l.sku, quantity: l.quantity, receivedQuantity: l.quantity, reason: l.reason, condition: l.condition,
    location: l.location, valueMinor: l.valueMinor,
  }))
  await s.returns.insert(record, rows)
  await s.returns.addRefunds(payout.refunds)
  await s.audit.record({
    action: 'return.no_receipt', actor, entity: 'return', entityId: id, occurredAt: now, ...(input.note ? { reason: input.note } : {}),
    details: { number, approvedBy, storeCreditMinor: plan.storeCreditMinor, voucher: payout.storeCredit?.code ?? null, lines: rows.map((r) => ({ sku: r.sku, quantity: r.quantity, condition: r.condition, location: r.location, valueMinor: r.valueMinor })) },
  })
  const document = refundReceipt({
    number, orderNumber: null, refunds: payout.refunds, creditedMinor: plan.storeCreditMinor, exchangeNumber: null, staffName: ctx.staffName, station: actor.station, at: now,
    lines: plan.lines.map((l, i) => ({ name: products[i]?.name ?? l.sku, quantity: l.quantity, valueMinor: l.valueMinor, vatRateBp: products[i]?.vatRateBp ?? null })),
  }, ctx.shop, config.timeZone)
  const printJobId = await queueReceipt(s, ctx.encoder, { station: actor.station, document, reference: number }, actor, now)
  s.publish({ type: 'return.completed', id, number, orderId: null, refundMinor: record.refundMinor, station: actor.station })
  return returnSummary({
    record, lines: rows.map((r, i) => ({ ...r, name: products[i]?.name ?? null })), refunds: payout.refunds, orderNumber: null, exchangeNumber: null,
    staffName: ctx.staffName, labelPrintJobId: null,
  }, printJobId)
}
