/**
 * A phone or manual order taken by staff: catalogue prices (VAT-inclusive, VAT per rate by
 * core's rounding rule), the customer and delivery address, any payment taken (a card over
 * the phone), then the same path as every order to be shipped — deadlines, allocation,
 * timeline — in one transaction, audited. The caller runs it inside `runIdempotent`.
 */
import { randomUUID } from 'node:crypto'
import { invalid } from '../../core/errors.js'
import { normaliseEmail, normalisePhone } from '../../core/orders/index.js'
import type { Minor } from '../../core/money.js'
import { analyseVat } from '../../core/sale/vat.js'
import type { Actor, ProductRecord, TxStores } from '../ports.js'
import type { PaymentRecord } from '../sale/ports.js'
import { placeOrder } from './place-order.js'
import type { AddressRecord, NewOrderLine } from './ports.js'
import type { OrderConfig } from './settings.js'
import { Timeline } from './timeline.js'

export interface ManualOrderInput {
  channel: 'phone' | 'manual'
  customer: { name: string; email?: string | undefined; phone?: string | undefined }
  shippingAddress: Omit<AddressRecord, 'kind'>
  shippingMethod?: string | undefined
  shippingMinor?: number | undefined
  lines: Array<{ sku: string; quantity: number }>
  payments?: Array<{ method: 'card' | 'cash' | 'bank-transfer' | 'other'; amountMinor: number; reference?: string | undefined }> | undefined
  note?: string | undefined
}

export type ProductBySku = (sku: string) => Promise<ProductRecord | undefined>

export interface PlacedOrder {
  id: string
  number: string
  status: string
}

async function priceLines(input: ManualOrderInput, bySku: ProductBySku): Promise<NewOrderLine[]> {
  const products = await Promise.all(input.lines.map((l) => bySku(l.sku)))
  const lines = input.lines.map((l, i) => {
    const p = products[i]
    if (!p) throw invalid(`There is no product with SKU "${l.sku}"`, `lines.${i}.sku`)
    if (p.priceMinor <= 0) throw invalid(`${p.name} has no shelf price: it is sold by weight or label at the till`, `lines.${i}.sku`)
    return { p, quantity: l.quantity, total: p.priceMinor * l.quantity }
  })
  const vat = analyseVat(lines.map((l) => ({ vatRateBp: l.p.vatRateBp, totalMinor: l.total as Minor })))
  return lines.map((l, i) => ({
    lineNo: i + 1, sku: l.p.sku, name: l.p.name, quantity: l.quantity, unitPriceMinor: l.p.priceMinor, grossMinor: l.total,
    discountMinor: 0, totalMinor: l.total, vatRateBp: l.p.vatRateBp, vatMinor: vat.lineVat[i] ?? 0, channelLineId: null,
    knownSku: true, backordered: l.quantity, shippedQuantity: 0, cancelledQuantity: 0,
  }))
}

export async function createManualOrder(
  s: TxStores,
  input: ManualOrderInput,
  ctx: { actor: Actor; now: Date; config: OrderConfig; bySku: ProductBySku },
): Promise<PlacedOrder> {
  const { actor, now, config } = ctx
  const lines = await priceLines(input, ctx.bySku)
  const shipping = input.shippingMinor ?? 0
  const goods = lines.reduce((sum, l) => sum + l.totalMinor, 0)
  const total = goods + shipping
  const vat = lines.reduce((sum, l) => sum + l.vatMinor, 0)
  const paid = (input.payments ?? []).reduce((sum, p) => sum + p.amountMinor, 0)
  if (paid > total) throw invalid(`The payments come to more than the order's ${total} pence`, 'payments')
  const email = input.customer.email ? normaliseEmail(input.customer.email) : null
  if (input.customer.email && !email) throw invalid('That email address looks wrong', 'customer.email')
  const phoneKey = input.customer.phone ? normalisePhone(input.customer.phone) : null
  if (input.customer.phone && !phoneKey) throw invalid('That phone number looks wrong: give a UK number or +country code', 'customer.phone')
  const customerId = await s.orders.customerFor({ name: input.customer.name, email, phone: input.customer.phone ?? null, phoneKey }, now)
  const seq = await s.orders.nextNumber('orders')
  const number = `${input.channel === 'phone' ? 'P' : 'M'}-${String(seq).padStart(6, '0')}`
  const id = randomUUID()
  const payments: PaymentRecord[] = (input.payments ?? []).map((p, i) => ({ seq: i + 1, method: p.method, amountMinor: p.amountMinor, appliedMinor: p.amountMinor, reference: p.reference ?? null }))
  const timeline = new Timeline(actor, now)
  timeline.add(id, {
    kind: 'created',
    summary: `${input.channel === 'phone' ? 'Phone' : 'Manual'} order taken by ${actor.staffId} at ${actor.station}${paid > 0 ? `, ${paid} pence paid` : ', not paid yet'}`,
    details: { lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), totalMinor: total },
  })
  const status = await placeOrder(s, {
    order: {
      id, channel: input.channel, channelOrderId: null, number, status: 'pending', placedAt: now, customerId, currency: 'GBP',
      grossMinor: total, discountMinor: 0, totalMinor: total, vatMinor: vat, paidMinor: paid, shippingMethod: input.shippingMethod ?? null,
      shippingMinor: shipping, fulfilledBy: 'merchant', channelStatus: null, channelUpdatedAt: null, shippedAt: null, cancelledAt: null,
      replacementOf: null, flags: [], station: actor.station, staffId: actor.staffId, note: input.note?.trim() || null,
    },
    lines,
    payments,
    addresses: [{ ...input.shippingAddress, kind: 'shipping' }],
    allocate: true,
  }, config, timeline, now)
  await timeline.write(s)
  await s.audit.record({ action: 'order.created', actor, entity: 'order', entityId: id, occurredAt: now, details: { number, channel: input.channel, totalMinor: total, paidMinor: paid, status } })
  return { id, number, status }
}
