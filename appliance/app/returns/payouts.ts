/**
 * Paying a return's refund plan out, in the return's transaction:
 * - cash comes out of the open till's drawer (a negative payment in its session, so the X/Z
 *   report and the expected cash agree);
 * - card is recorded against the terminal (and the till's session, when the refund is taken
 *   at a till);
 * - a voucher tender is re-credited;
 * - a channel's payment is refunded by the channel: recorded here as `queued` and written to
 *   the sync outbox in the same transaction (the sync engine pushes it, once, by its key);
 * - store credit is a new voucher.
 */
import { randomUUID } from 'node:crypto'
import { notFound } from '../../core/errors.js'
import type { RefundPlan } from '../../core/orders/index.js'
import type { Minor } from '../../core/money.js'
import { apportion } from '../../core/sale/rounding.js'
import { creditVoucher, generateVoucherCode, type RandomBytes } from '../../core/sale/voucher.js'
import type { Actor, TxStores } from '../ports.js'
import type { OrderHeader } from '../orders/ports.js'
import type { PaymentRecord } from '../sale/ports.js'
import { voucherView, type VoucherView } from '../sale/vouchers.js'
import type { RefundMethodName, RefundRecord } from './ports.js'

export interface OpenTill {
  id: string
  sessionId: string
}

export interface PayoutContext {
  actor: Actor
  now: Date
  returnId: string
  returnNumber: string
  order: OrderHeader | null
  payments: readonly PaymentRecord[]
  till: OpenTill | null
  /** Days a store-credit voucher lasts; null: no expiry. */
  voucherValidityDays: number | null
  randomBytes: RandomBytes
  /** The returned units per channel line, for a channel refund's lines. */
  channelLines: ReadonlyArray<{ channelLineId: string; quantity: number; valueMinor: number }>
  reason: string
}

export interface Payout {
  refunds: RefundRecord[]
  storeCredit: VoucherView | null
}

function refundRow(ctx: PayoutContext, method: RefundMethodName, amountMinor: number, extra: Partial<RefundRecord> = {}): RefundRecord {
  return {
    id: randomUUID(), returnId: ctx.returnId, orderId: ctx.order?.id ?? null, method, amountMinor, tenderSeq: null, reference: null,
    status: 'completed', tillId: null, tillSessionId: null, staffId: ctx.actor.staffId, station: ctx.actor.station, createdAt: ctx.now, ...extra,
  }
}

/** The channel's refund request (sync's RefundRequest): the lines' amounts add up to the amount. */
function channelRefund(ctx: PayoutContext, order: OrderHeader, amountMinor: number) {
  const lines = ctx.channelLines.filter((l) => l.quantity > 0)
  const shares = apportion(amountMinor, lines.map((l) => Math.max(1, l.valueMinor)))
  return {
    channelOrderId: order.channelOrderId ?? order.number,
    currency: order.currency,
    amountMinor,
    // We are the stock master: the returned units are booked here, so the channel must not restock them again.
    lines: lines.map((l, i) => ({ channelLineId: l.channelLineId, quantity: l.quantity, amountMinor: shares[i] ?? 0, restock: false })),
    reason: ctx.reason.slice(0, 200),
  }
}

/** Issues store credit for `amountMinor` (a refund as credit, or the credit an exchange spends). */
export async function issueStoreCredit(s: TxStores, ctx: PayoutContext, amountMinor: number, reason: string): Promise<VoucherView> {
  const days = ctx.voucherValidityDays
  const voucher = {
    code: generateVoucherCode(ctx.randomBytes), kind: 'store_credit' as const, initialMinor: amountMinor, balanceMinor: amountMinor, issuedAt: ctx.now,
    expiresAt: days === null ? null : new Date(ctx.now.getTime() + days * 86_400_000), orderId: ctx.order?.id ?? null, issuedBy: ctx.actor.staffId, reason,
  }
  await s.vouchers.issue(voucher, ctx.actor)
  return voucherView(voucher, ctx.now)
}

export async function payOut(s: TxStores, plan: RefundPlan, ctx: PayoutContext): Promise<Payout> {
  const refunds: RefundRecord[] = []
  let tillSeq = 0
  for (const p of plan.payments) {
    const tender = ctx.payments[p.tenderIndex]
    const tenderSeq = tender?.seq ?? null
    const atTill = ctx.till && (p.kind === 'cash' || p.kind === 'card') ? { tillId: ctx.till.id, tillSessionId: ctx.till.sessionId } : {}
    if (ctx.till && (p.kind === 'cash' || p.kind === 'card')) {
      await s.returns.addTillPayment({ returnId: ctx.returnId, seq: ++tillSeq, method: p.kind, amountMinor: p.amountMinor, reference: p.reference, tillSessionId: ctx.till.sessionId, at: ctx.now })
    }
    if (p.kind === 'voucher') {
      const code = p.reference ?? ''
      const voucher = await s.vouchers.get(code)
      if (!voucher) throw notFound(`The voucher ${code} that paid is no longer on file`, 'refund')
      const balanceAfterMinor = creditVoucher(voucher.balanceMinor as Minor, p.amountMinor)
      await s.vouchers.change({ code, kind: 'refund', amountMinor: p.amountMinor, balanceAfterMinor, orderId: ctx.order?.id ?? null, actor: ctx.actor, occurredAt: ctx.now })
    }
    const row = refundRow(ctx, p.kind, p.amountMinor, { tenderSeq, reference: p.reference, ...atTill, status: p.kind === 'channel' ? 'queued' : 'completed' })
    if (p.kind === 'channel' && ctx.order) {
      await s.outbox.enqueue({
        channel: ctx.order.channel, account: ctx.order.account, kind: 'refund', payload: channelRefund(ctx, ctx.order, p.amountMinor),
        idempotencyKey: `refund:${row.id}`, reference: ctx.returnId,
      }, ctx.now)
    }
    refunds.push(row)
  }
  let credit: VoucherView | null = null
  if (plan.storeCreditMinor > 0) {
    credit = await issueStoreCredit(s, ctx, plan.storeCreditMinor, `refund ${ctx.returnNumber}`)
    refunds.push(refundRow(ctx, 'store-credit', plan.storeCreditMinor, { reference: credit.code }))
  }
  return { refunds, storeCredit: credit }
}
