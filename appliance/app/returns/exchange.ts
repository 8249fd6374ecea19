/**
 * An exchange: the return's credit pays towards new items sold at the same till in the same
 * transaction. The credit travels as a store-credit voucher issued and redeemed at once, so
 * the till's own sale path (receipt number, stock out, tenders, receipt, audit) is used
 * unchanged and the voucher trail shows where the credit went; the customer pays any
 * difference with the usual tenders.
 */
import { randomUUID } from 'node:crypto'
import { DomainError } from '../../core/errors.js'
import type { TxStores } from '../ports.js'
import { queueReceipt } from '../print-queue.js'
import { completeSale, type TenderRequest } from '../sale/complete-sale.js'
import type { PricedSale } from '../sale/quote.js'
import type { ReturnContext } from './accept-return.js'
import { issueStoreCredit, type OpenTill, type PayoutContext } from './payouts.js'
import type { RefundRecord } from './ports.js'

export interface ExchangeSale {
  orderId: string
  receiptNumber: string
  refund: RefundRecord | null
  printJobId: number | null
}

export async function sellExchange(
  s: TxStores,
  input: { credit: number; sale: PricedSale; tenders: readonly TenderRequest[]; till: OpenTill; returnNumber: string },
  payout: PayoutContext,
  ctx: ReturnContext,
): Promise<ExchangeSale> {
  const tenders: TenderRequest[] = [...input.tenders]
  if (input.credit > 0) {
    const credit = await issueStoreCredit(s, payout, input.credit, `exchange ${input.returnNumber}`)
    tenders.unshift({ method: 'voucher', amountMinor: input.credit, reference: credit.code })
  }
  let summary
  try {
    summary = await completeSale(s, input.sale, { till: input.till.id, tenders, note: `Exchange for return ${input.returnNumber}` }, {
      actor: ctx.actor, staffName: ctx.staffName, now: ctx.now, settings: ctx.tillSettings, shop: ctx.shop, randomBytes: ctx.randomBytes, approvedBy: null,
    })
  } catch (error) {
    if (!(error instanceof DomainError) || !error.field) throw error
    const field = error.field.startsWith('tenders') ? `exchange.${error.field}` : error.field.startsWith('lines') ? `exchange.${error.field}` : error.field
    throw new DomainError(error.code, error.message, field, error.details)
  }
  const printJobId = await queueReceipt(s, ctx.encoder, { station: ctx.actor.station, document: summary.receipt, reference: summary.receiptNumber, openDrawer: summary.tenders.some((t) => t.method === 'cash') }, ctx.actor, ctx.now)
  const refund: RefundRecord | null = input.credit > 0 ? {
    id: randomUUID(), returnId: payout.returnId, orderId: payout.order?.id ?? null, method: 'exchange', amountMinor: input.credit, tenderSeq: null,
    reference: summary.receiptNumber, status: 'completed', tillId: input.till.id, tillSessionId: input.till.sessionId, staffId: ctx.actor.staffId,
    station: ctx.actor.station, createdAt: ctx.now,
  } : null
  return { orderId: summary.id, receiptNumber: summary.receiptNumber, refund, printJobId }
}
