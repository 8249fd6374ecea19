/**
 * Returns by post: a return authorisation (RMA) for an order of any channel — a shop
 * purchase too — checked like a desk return (quantities, reasons, the window at the date it
 * is authorised), with a 4×6 returns label queued for the station's label printer (ZPL or
 * TSPL, whichever it speaks). When the parcel arrives it is received at the desk: the same
 * transaction as a desk return (stock once per unit, refund, timeline), against the units
 * authorised.
 */
import { randomUUID } from 'node:crypto'
import type { ShippingLabel } from '../../../drivers/printer/label/label-types.js'
import { conflict, invalid, notFound } from '../../core/errors.js'
import { planReturn, type PaidTender, type ReturnCondition } from '../../core/orders/index.js'
import type { Minor } from '../../core/money.js'
import { readShopDetails } from '../till/settings.js'
import { queueLabel } from '../print-queue.js'
import { Timeline } from '../orders/timeline.js'
import type { Actor, TxStores } from '../ports.js'
import { acceptOrderReturn, type RefundInput, type ReturnContext } from './accept-return.js'
import { resolveOrderRef } from './find-order.js'
import type { ReturnRecord } from './ports.js'
import { remapField, returnNumber } from './return-steps.js'
import { returnSummary, type ReturnSummary } from './return-view.js'

/** Turns a returns label into the label printer's language. */
export interface ReturnsLabelEncoder {
  encode(label: ShippingLabel, format: 'zpl' | 'tspl'): Uint8Array
}

export interface PostalAddressInput {
  name: string
  line1: string
  line2?: string | undefined
  city: string
  postcode: string
  country?: string | undefined
}

export interface AuthoriseInput {
  order: string
  lines: Array<{ sku: string; quantity: number; reason: string }>
  /** Where the parcel comes from; default the order's delivery address. */
  address?: PostalAddressInput | undefined
  overrideWindow?: boolean | undefined
  note?: string | undefined
}

export interface Authorised extends ReturnSummary {
  label: { format: 'zpl' | 'tspl'; text: string } | null
}

async function fromAddress(s: TxStores, orderId: string, given: PostalAddressInput | undefined) {
  if (given) return { name: given.name, lines: [given.line1, ...(given.line2 ? [given.line2] : []), given.city], postcode: given.postcode, ...(given.country ? { country: given.country } : {}) }
  const shipping = (await s.returns.addresses(orderId)).find((a) => a.kind === 'shipping') ?? null
  if (!shipping?.postcode) throw invalid('Give the customer\u2019s address for the returns label: the order has no delivery address', 'address')
  return { name: shipping.name ?? 'Customer', lines: [shipping.line1, shipping.line2, shipping.city].filter((l): l is string => !!l), postcode: shipping.postcode, ...(shipping.country ? { country: shipping.country } : {}) }
}

export async function authoriseReturn(s: TxStores, input: AuthoriseInput, ctx: ReturnContext & { labels: ReturnsLabelEncoder }): Promise<Authorised> {
  const { actor, now, config } = ctx
  const orderId = await resolveOrderRef(s, input.order)
  const rows = await s.returns.soldOrder(orderId)
  if (!rows) throw notFound(`There is no order ${input.order}`, 'order')
  const order = rows.header
  if (!['completed', 'shipped', 'delivered', 'partially_shipped', 'partially_returned'].includes(order.status)) throw conflict(`Order ${order.number} is ${order.status.replace('_', ' ')}: there is nothing to send back`, 'order')
  const sold = (l: (typeof rows.lines)[number]) => (order.channel === 'store' ? l.quantity : l.shippedQuantity)
  const requests = input.lines.map((l, i) => {
    const line = rows.lines.find((o) => o.sku === l.sku && sold(o) - o.returnedQuantity > 0) ?? rows.lines.find((o) => o.sku === l.sku)
    if (!line) throw invalid(`${l.sku} is not on order ${order.number}`, `lines.${i}.sku`)
    return { lineNo: line.lineNo, quantity: l.quantity, reason: l.reason, condition: 'sellable' as ReturnCondition }
  })
  const tenders: PaidTender[] = rows.payments.map((p) => ({ kind: 'card', appliedMinor: Math.max(0, p.appliedMinor) as Minor, refundedMinor: 0 as Minor, reference: null }))
  // A dry run of the desk's rules: quantities, reasons and the window (the refund is decided when the parcel arrives).
  const plan = remapField(() => planReturn(
    { channel: order.channel, placedAt: order.placedAt, deliveredAt: order.deliveredAt, tenders, refundedMinor: 0 as Minor,
      lines: rows.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, kind: l.kind, quantity: sold(l), totalMinor: Math.round(l.totalMinor * sold(l) / Math.max(1, l.quantity)) as Minor, returnedQuantity: Math.min(l.returnedQuantity, sold(l)), location: l.location })) },
    { lines: requests, method: { kind: 'store-credit' }, at: now, overrideWindow: input.overrideWindow === true },
    config.returnPolicy,
  ), {})
  if (plan.approvals.length && actor.role !== 'manager' && actor.role !== 'admin') {
    throw invalid('Only a manager can authorise a return outside its window', 'overrideWindow')
  }
  const from = await fromAddress(s, orderId, input.address)
  const id = randomUUID()
  const number = returnNumber(await s.orders.nextNumber('returns'))
  const record: ReturnRecord = {
    id, number, orderId, kind: 'rma', status: 'authorised', channel: order.channel, valueMinor: plan.refund.valueMinor, refundMinor: 0, creditedMinor: 0,
    method: null, exchangeOrderId: null, windowLastDay: plan.windowLastDay, windowOverridden: plan.approvals.length > 0,
    approvedBy: plan.approvals.length ? actor.staffId : null, tillId: null, tillSessionId: null, staffId: actor.staffId, station: actor.station,
    note: input.note?.trim() || null, createdAt: now, completedAt: null,
  }
  const lines = plan.lines.map((l, i) => ({ seq: i + 1, orderLineNo: l.lineNo, sku: l.sku, quantity: l.quantity, receivedQuantity: 0, reason: l.reason, condition: null, location: null, valueMinor: l.valueMinor }))
  await s.returns.insert(record, lines)
  const shop = readShopDetails(await s.settings.get('shop'))
  const label: ShippingLabel = {
    from, to: { name: shop.name, lines: shop.address.slice(0, -1), postcode: shop.address[shop.address.length - 1] ?? 'UNKNOWN' },
    carrier: 'Royal Mail', service: 'Tracked Returns 48', trackingNumber: number, reference: `${number} for ${order.number}`,
  }
  const printer = await s.printing.printerFor(actor.station, 'label')
  const format: 'zpl' | 'tspl' = printer?.profile === 'tspl' ? 'tspl' : 'zpl'
  const bytes = ctx.labels.encode(label, format)
  const labelJob = printer ? await queueLabel(s, { station: actor.station, format, bytes, reference: number, document: label }, actor, now) : null
  const names = new Map(rows.lines.map((l) => [l.lineNo, l.name]))
  await new Timeline(actor, now).add(orderId, {
    kind: 'return_authorised', summary: `Return ${number} authorised by post: ${plan.lines.map((l) => `${l.quantity} × ${names.get(l.lineNo ?? 0) ?? l.sku} (${l.reason})`).join('; ')}${labelJob ? '; returns label printed' : ''}`,
    details: { returnId: id, number, labelPrintJobId: labelJob },
  }).write(s)
  await s.audit.record({ action: 'return.authorised', actor, entity: 'order', entityId: orderId, occurredAt: now, details: { returnId: id, number, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, reason: l.reason })) } })
  const summary = returnSummary({ record, lines: lines.map((l) => ({ ...l, name: names.get(l.orderLineNo ?? 0) ?? null })), refunds: [], orderNumber: order.number, exchangeNumber: null, staffName: ctx.staffName, labelPrintJobId: labelJob })
  return { ...summary, label: { format, text: format === 'zpl' ? new TextDecoder().decode(bytes) : new TextDecoder('latin1').decode(bytes) } }
}

export interface ReceiveInput {
  lines: Array<{ sku: string; quantity: number; condition: ReturnCondition; location?: string | undefined; reason?: string | undefined }>
  refund: RefundInput
  approvalToken?: string | undefined
  note?: string | undefined
}

/** Receives an authorised return at the desk: stock and refund exactly as a desk return. */
export async function receiveReturn(s: TxStores, rmaId: string, input: ReceiveInput, ctx: ReturnContext, actor: Actor = ctx.actor): Promise<ReturnSummary> {
  const found = await s.returns.get(rmaId)
  if (!found || found.record.kind !== 'rma') throw notFound(`There is no return authorisation ${rmaId}`, 'id')
  const { record, lines: authorised } = found
  if (record.status !== 'authorised') throw conflict(`Return ${record.number} is ${record.status}: it has been received already`, 'id')
  const left = new Map(authorised.map((l) => [l.seq, l.quantity]))
  const seqs: number[] = []
  const lines = input.lines.map((l, i) => {
    const match = authorised.find((a) => a.sku === l.sku && (left.get(a.seq) ?? 0) >= l.quantity)
    if (!match) throw conflict(`${l.quantity} × ${l.sku} was not authorised on return ${record.number}`, `lines.${i}.quantity`)
    left.set(match.seq, (left.get(match.seq) ?? 0) - l.quantity)
    seqs.push(match.seq)
    return { sku: l.sku, quantity: l.quantity, reason: l.reason ?? match.reason, condition: l.condition, location: l.location }
  })
  return acceptOrderReturn(s, { order: record.orderId ?? '', lines, refund: input.refund, approvalToken: input.approvalToken, note: input.note, overrideWindow: record.windowOverridden }, { ...ctx, actor }, { record, seqs })
}
