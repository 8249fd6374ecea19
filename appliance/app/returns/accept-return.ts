/**
 * Taking a return at the desk against an order of any channel (found by id, receipt barcode
 * or order number), in ONE transaction: core plans it (`planReturn`: never more than sold
 * less returned, refunds apportioned and capped by what was paid, the return window), a
 * manager approves what needs approving, the stock moves once per returned unit, the refund
 * is paid out (cash from this station's open till, card, voucher re-credit, the channel's
 * payment through the sync outbox, store credit) or spent on an exchange sold in the same
 * transaction; the order's lines, status and refunded total, its timeline, the audit log and
 * the refund receipt are written with it. The caller runs it inside `runIdempotent` and
 * spends the approval token after commit.
 */
import { randomUUID } from 'node:crypto'
import { conflict, invalid } from '../../core/errors.js'
import {
  canTransition,
  planReturn,
  splitToTenders,
  type OrderStatus,
  type PaidTender,
  type PaidTenderKind,
  type RefundMethod,
  type ReturnCondition,
  type ReturnLineRequest,
  type ReturnPlan,
} from '../../core/orders/index.js'
import type { Minor } from '../../core/money.js'
import type { RandomBytes } from '../../core/sale/voucher.js'
import type { Approvals } from '../auth.js'
import { Timeline } from '../orders/timeline.js'
import type { OrderConfig } from '../orders/settings.js'
import type { Actor, TxStores } from '../ports.js'
import { queueReceipt, type PrintEncoder } from '../print-queue.js'
import type { TenderRequest } from '../sale/complete-sale.js'
import type { PricedSale } from '../sale/quote.js'
import type { ShopDetails, TillSettings } from '../till/settings.js'
import { sellExchange } from './exchange.js'
import { resolveOrderRef } from './find-order.js'
import { payOut, type Payout, type PayoutContext } from './payouts.js'
import type { RefundRecord, ReturnRecord, SoldOrderRows } from './ports.js'
import { refundReceipt } from './refund-receipt.js'
import { approveReturn, checkLocations, moveReturnedStock, remapField, returnNumber, tillForReturn } from './return-steps.js'
import { returnSummary, type ReturnSummary } from './return-view.js'

export interface ReturnLineInput {
  sku: string
  quantity: number
  reason: string
  condition: ReturnCondition
  location?: string | undefined
  /** Without a receipt: the value credited per unit (at most the shelf price). */
  unitValueMinor?: number | undefined
}

export interface RefundInput {
  method: 'original' | 'store-credit' | 'exchange'
  /** Only back to this kind of tender (must be one the order was paid with). */
  tender?: PaidTenderKind | undefined
  /** The till whose drawer pays cash (default: this station's). */
  till?: string | undefined
  /** Exchange: what happens to credit the new items don't use. */
  balance?: 'original' | 'store-credit' | undefined
}

export interface ReturnInput {
  /** An order id, receipt number or channel order number; null for a return without a receipt. */
  order: string | null
  lines: ReturnLineInput[]
  refund: RefundInput
  /** The new items of an exchange, priced, and what the customer pays towards them. */
  exchange?: { sale: PricedSale; tenders: TenderRequest[] } | undefined
  overrideWindow?: boolean | undefined
  approvalToken?: string | undefined
  note?: string | undefined
}

export interface ReturnContext {
  actor: Actor
  staffName: string
  now: Date
  config: OrderConfig
  tillSettings: TillSettings
  shop: ShopDetails
  approvals: Approvals
  randomBytes: RandomBytes
  encoder: PrintEncoder
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Orders a return can be taken against: the goods have reached the customer (or left us). */
const RETURNABLE: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['completed', 'partially_shipped', 'shipped', 'delivered', 'lost', 'partially_returned'])

function checkReturnable(status: OrderStatus, number: string): void {
  if (RETURNABLE.has(status)) return
  if (status === 'cancelled' || status === 'refunded') throw conflict(`Order ${number} is ${status}: there is nothing to return or refund`, 'order')
  if (status === 'returned') throw conflict(`Everything on order ${number} has been returned already`, 'order')
  throw conflict(`Order ${number} hasn't been sent yet (${status.replace('_', ' ')}): cancel it instead of taking a return`, 'order')
}

/** Units that reached the customer: a till sale's quantity, or what we (or the channel) shipped. */
const soldUnits = (rows: SoldOrderRows, line: SoldOrderRows['lines'][number]): number => (rows.header.channel === 'store' ? line.quantity : line.shippedQuantity)

/** Each requested SKU against the first of the order's lines with that SKU that has units left. */
function matchLines(rows: SoldOrderRows, lines: readonly ReturnLineInput[]): ReturnLineRequest[] {
  const taken = new Map<number, number>()
  return lines.map((l, i) => {
    const candidates = rows.lines.filter((o) => o.sku === l.sku)
    if (candidates.length === 0) throw invalid(`${l.sku} is not on order ${rows.header.number}`, `lines.${i}.sku`)
    const left = (o: (typeof candidates)[number]) => soldUnits(rows, o) - o.returnedQuantity - (taken.get(o.lineNo) ?? 0)
    const line = candidates.find((o) => left(o) >= l.quantity) ?? candidates.find((o) => left(o) > 0) ?? candidates[0]!
    taken.set(line.lineNo, (taken.get(line.lineNo) ?? 0) + l.quantity)
    return { lineNo: line.lineNo, quantity: l.quantity, reason: l.reason, condition: l.condition, location: l.location ?? null }
  })
}

const tenderKind = (method: string): PaidTenderKind => (method === 'cash' || method === 'card' || method === 'voucher' || method === 'channel' ? method : 'card')

function tendersOf(rows: SoldOrderRows): PaidTender[] {
  return rows.payments.map((p) => ({
    kind: tenderKind(p.method), appliedMinor: Math.max(0, p.appliedMinor) as Minor,
    refundedMinor: (rows.refundedByTender.get(p.seq) ?? 0) as Minor, reference: p.reference,
  }))
}

/** Sends the refund back to one kind of tender only (the one asked for), or explains why not. */
function onlyTo(plan: ReturnPlan, tenders: readonly PaidTender[], kind: PaidTenderKind): ReturnPlan {
  if (!tenders.some((t) => t.kind === kind && t.appliedMinor > 0)) {
    const used = [...new Set(tenders.filter((t) => t.appliedMinor > 0).map((t) => t.kind))]
    throw invalid(`This order wasn't paid by ${kind}${used.length ? `: it was paid by ${used.join(' and ')}` : ''}`, 'refund.tender')
  }
  const back = plan.refund.payments.reduce((s, p) => s + p.amountMinor, 0) as Minor
  if (back === 0) return plan
  const payments = remapField(() => splitToTenders(back, tenders.map((t) => (t.kind === kind ? t : { ...t, appliedMinor: t.refundedMinor }))), { refund: 'refund.tender' })
  return { ...plan, refund: { ...plan.refund, payments } }
}

function refundMethod(input: ReturnInput): RefundMethod {
  if (input.refund.method !== 'exchange') return { kind: input.refund.method }
  if (!input.exchange) throw invalid('An exchange needs the new items', 'exchange')
  return { kind: 'exchange', newItemsTotalMinor: input.exchange.sale.totalMinor, balanceMethod: input.refund.balance ?? 'original' }
}

/** An authorised return being received: its record and, per request line, the authorised line it fills. */
export interface Receiving {
  record: ReturnRecord
  seqs: number[]
}

/** Takes a return against an order (see the module notes). */
export async function acceptOrderReturn(s: TxStores, input: ReturnInput & { order: string }, ctx: ReturnContext, receiving?: Receiving): Promise<ReturnSummary> {
  const rma = receiving?.record
  const { actor, now, config } = ctx
  // The order page and the returns screen send our own id: read it straight away; anything else is looked up.
  const direct = rma?.orderId ?? (UUID.test(input.order) ? input.order : null)
  let rows = direct ? await s.returns.soldOrder(direct) : undefined
  if (!rows) rows = await s.returns.soldOrder(await resolveOrderRef(s, input.order))
  if (!rows) throw invalid(`Order ${input.order} has no lines`, 'order')
  const orderId = rows.header.id
  const order = rows.header
  checkReturnable(order.status, order.number)
  const tenders = tendersOf(rows)
  const requests = matchLines(rows, input.lines)
  const soldLines = rows.lines.map((l) => ({
    lineNo: l.lineNo, sku: l.sku, kind: l.kind, quantity: soldUnits(rows, l), totalMinor: Math.round(l.totalMinor * (soldUnits(rows, l) / Math.max(1, l.quantity))) as Minor,
    returnedQuantity: Math.min(l.returnedQuantity, soldUnits(rows, l)), location: l.location,
  }))
  let plan = remapField(() => planReturn(
    { channel: order.channel, placedAt: order.placedAt, deliveredAt: order.deliveredAt, lines: soldLines, tenders, refundedMinor: order.refundedMinor as Minor },
    { lines: requests, method: refundMethod(input), at: rma?.createdAt ?? now, overrideWindow: input.overrideWindow === true },
    config.returnPolicy,
  ), { method: 'refund.method', refund: 'refund', 'method.newItemsTotalMinor': 'exchange' })
  if (input.refund.tender) plan = onlyTo(plan, tenders, input.refund.tender)
  // An RMA authorised outside its window was approved then; receiving it needs no second approval.
  const approvedBy = rma?.windowOverridden ? rma.approvedBy : approveReturn(plan.approvals, actor, input.approvalToken, ctx.approvals, now)
  await checkLocations(s, plan.lines.map((l) => l.location))
  const needsTill = plan.refund.payments.some((p) => p.kind === 'cash') || input.refund.method === 'exchange'
  const till = await tillForReturn(s, input.refund.till, actor, now, config.timeZone, needsTill)

  const id = rma?.id ?? randomUUID()
  const number = rma?.number ?? returnNumber(await s.orders.nextNumber('returns'))
  const reasons = new Map(plan.lines.map((l) => [l.lineNo, l.reason]))
  await moveReturnedStock(s, plan.movements, reasons, number, actor, now)
  const byLine = new Map<number, number>()
  for (const l of plan.lines) if (l.lineNo !== null) byLine.set(l.lineNo, (byLine.get(l.lineNo) ?? 0) + l.quantity)
  for (const [lineNo, quantity] of byLine) {
    const line = rows.lines.find((l) => l.lineNo === lineNo)!
    await s.orders.updateLine(orderId, lineNo, { returnedQuantity: line.returnedQuantity + quantity })
  }
  const payoutCtx: PayoutContext = {
    actor, now, returnId: id, returnNumber: number, order, payments: rows.payments, till, voucherValidityDays: ctx.tillSettings.voucherValidityDays,
    randomBytes: ctx.randomBytes, reason: `Return ${number}: ${[...new Set(plan.lines.map((l) => l.reason))].join(', ')}`,
    channelLines: plan.lines.flatMap((l) => {
      const channelLineId = rows.lines.find((o) => o.lineNo === l.lineNo)?.channelLineId
      return channelLineId ? [{ channelLineId, quantity: l.quantity, valueMinor: l.valueMinor }] : []
    }),
  }
  const payout: Payout = await payOut(s, plan.refund, payoutCtx)
  const exchange = plan.refund.exchange && input.exchange && till
    ? await sellExchange(s, { credit: plan.refund.exchange.creditAppliedMinor, sale: input.exchange.sale, tenders: input.exchange.tenders, till, returnNumber: number }, payoutCtx, ctx)
    : null
  const refunds: RefundRecord[] = [...payout.refunds, ...(exchange?.refund ? [exchange.refund] : [])]
  const everything = rows.lines.every((l) => l.kind !== 'goods' || soldUnits(rows, l) - l.returnedQuantity - (byLine.get(l.lineNo) ?? 0) <= 0)
  const target: OrderStatus = everything ? 'returned' : 'partially_returned'
  const status = target !== order.status && canTransition(order.status, target) ? target : order.status
  await s.orders.update(orderId, { status, refundedMinor: order.refundedMinor + plan.refund.creditedMinor }, now)

  const record: ReturnRecord = {
    id, number, orderId, kind: rma ? 'rma' : 'desk', status: 'completed', channel: order.channel, valueMinor: plan.refund.valueMinor,
    refundMinor: plan.refund.refundMinor, creditedMinor: plan.refund.creditedMinor, method: input.refund.method,
    exchangeOrderId: exchange?.orderId ?? null, windowLastDay: plan.windowLastDay, windowOverridden: plan.approvals.length > 0, approvedBy,
    tillId: till?.id ?? null, tillSessionId: till?.sessionId ?? null, staffId: actor.staffId, station: actor.station,
    note: input.note?.trim() || rma?.note || null, createdAt: rma?.createdAt ?? now, completedAt: now,
  }
  const lines = plan.lines.map((l, i) => ({
    seq: receiving?.seqs[i] ?? i + 1, orderLineNo: l.lineNo, sku: l.sku, quantity: l.quantity, receivedQuantity: l.quantity, reason: l.reason,
    condition: l.condition, location: l.location, valueMinor: l.valueMinor,
  }))
  if (rma) await s.returns.complete(record, lines)
  else await s.returns.insert(record, lines)
  await s.returns.addRefunds(refunds)

  const names = new Map(rows.lines.map((l) => [l.lineNo, l]))
  const timeline = new Timeline(actor, now)
  timeline.add(orderId, {
    kind: 'returned',
    summary: `Return ${number}: ${plan.lines.map((l) => `${l.quantity} × ${names.get(l.lineNo ?? 0)?.name ?? l.sku} (${l.reason}, ${l.condition}${l.location ? ` → ${l.location}` : ''})`).join('; ')}`,
    reason: [...new Set(plan.lines.map((l) => l.reason))].join(', '),
    details: { returnId: id, number, approvedBy, windowOverridden: record.windowOverridden, cappedMinor: plan.refund.cappedMinor, status },
  })
  for (const r of refunds) {
    timeline.add(orderId, {
      kind: r.method === 'exchange' ? 'exchanged' : 'refunded',
      summary: r.method === 'exchange' ? `${r.amountMinor} pence of credit spent on exchange ${r.reference ?? ''}`.trim()
        : `Refunded ${r.amountMinor} pence by ${r.method}${r.status === 'queued' ? `: queued for ${order.channel}` : ''}`,
      details: { returnId: id, method: r.method, amountMinor: r.amountMinor, reference: r.reference, status: r.status, till: r.tillId },
    })
  }
  await timeline.write(s)
  await s.audit.record({
    action: rma ? 'return.received' : 'return.completed', actor, entity: 'order', entityId: orderId, occurredAt: now, ...(input.note ? { reason: input.note } : {}),
    details: {
      returnId: id, number, lines: plan.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, condition: l.condition, location: l.location, valueMinor: l.valueMinor })),
      refunds: refunds.map((r) => ({ method: r.method, amountMinor: r.amountMinor, reference: r.reference, status: r.status })),
      cappedMinor: plan.refund.cappedMinor, approvedBy, windowOverridden: record.windowOverridden, till: till?.id ?? null,
    },
  })
  const receiptLines = plan.lines.map((l) => {
    const line = names.get(l.lineNo ?? 0)
    return { name: line?.name ?? l.sku, quantity: l.quantity, valueMinor: l.valueMinor, vatRateBp: line?.vatRateBp ?? null }
  })
  const document = refundReceipt({ number, orderNumber: order.number, lines: receiptLines, refunds, creditedMinor: plan.refund.creditedMinor, exchangeNumber: exchange?.receiptNumber ?? null, staffName: ctx.staffName, station: actor.station, at: now }, ctx.shop, config.timeZone)
  const printJobId = await queueReceipt(s, ctx.encoder, { station: actor.station, document, reference: number, openDrawer: refunds.some((r) => r.method === 'cash') }, actor, now)
  s.publish({ type: 'return.completed', id, number, orderId, refundMinor: record.refundMinor, station: actor.station })
  return returnSummary({
    record, lines: lines.map((l) => ({ ...l, name: names.get(l.orderLineNo ?? 0)?.name ?? null })), refunds, orderNumber: order.number,
    exchangeNumber: exchange?.receiptNumber ?? null, staffName: ctx.staffName, labelPrintJobId: null,
  }, printJobId)
}
