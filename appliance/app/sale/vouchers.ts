/**
 * Vouchers outside a sale: a manager issues store credit (a goodwill gesture, a refund to
 * credit), and anyone can ask a voucher's balance. Gift cards are sold as sale lines and
 * redeemed as tenders (complete-sale.ts).
 */
import { formatVoucherCode, generateVoucherCode, type RandomBytes } from '../../core/sale/index.js'
import { invalid } from '../../core/errors.js'
import type { Actor, TxStores } from '../ports.js'
import type { TillSettings } from '../till/settings.js'
import { MAX_GIFT_CARD_MINOR } from './basket.js'
import type { VoucherKind, VoucherRecord } from './ports.js'

export interface VoucherView {
  code: string
  formatted: string
  kind: VoucherKind
  initialMinor: number
  balanceMinor: number
  issuedAt: string
  expiresAt: string | null
  expired: boolean
}

export function voucherView(v: VoucherRecord, now: Date): VoucherView {
  return {
    code: v.code, formatted: formatVoucherCode(v.code), kind: v.kind, initialMinor: v.initialMinor, balanceMinor: v.balanceMinor,
    issuedAt: v.issuedAt.toISOString(), expiresAt: v.expiresAt?.toISOString() ?? null, expired: v.expiresAt !== null && v.expiresAt <= now,
  }
}

export async function issueVoucher(
  s: TxStores,
  input: { kind: VoucherKind; amountMinor: number; reason: string },
  ctx: { actor: Actor; now: Date; settings: TillSettings; randomBytes: RandomBytes },
): Promise<VoucherView> {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw invalid('A voucher holds a whole number of pence, more than zero', 'amountMinor')
  if (input.amountMinor > MAX_GIFT_CARD_MINOR) throw invalid(`A voucher holds at most ${MAX_GIFT_CARD_MINOR / 100} pounds`, 'amountMinor')
  const days = ctx.settings.voucherValidityDays
  const voucher: VoucherRecord = {
    code: generateVoucherCode(ctx.randomBytes), kind: input.kind, initialMinor: input.amountMinor, balanceMinor: input.amountMinor,
    issuedAt: ctx.now, expiresAt: days === null ? null : new Date(ctx.now.getTime() + days * 86_400_000), orderId: null,
    issuedBy: ctx.actor.staffId, reason: input.reason,
  }
  await s.vouchers.issue(voucher, ctx.actor)
  await s.audit.record({ action: 'voucher.issued', actor: ctx.actor, entity: 'voucher', entityId: voucher.code, reason: input.reason, occurredAt: ctx.now, details: { kind: input.kind, amountMinor: input.amountMinor } })
  return voucherView(voucher, ctx.now)
}
