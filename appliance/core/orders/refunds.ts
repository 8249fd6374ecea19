/**
 * How much a return gives back, and how.
 *
 * VALUE. A line's paid total (after line and basket discounts) is shared over its units by
 * `apportion` (largest remainder): £10.00 for 3 → 334p, 333p, 333p. Units are returned in
 * that order, so however a line comes back — one at a time or all at once — the refunds of
 * all its units add up to exactly the line total, never a penny more or less.
 *
 * CAP. A refund never exceeds what was paid for the order less everything refunded
 * already (any method). A value over that is refunded up to it; the rest is reported as
 * `cappedMinor` for the staff to see.
 *
 * METHODS.
 * - `original`: back over the tenders that paid, in proportion to what each can still take
 *   (applied less already refunded to it), again by `apportion` — so a tender never gets back
 *   more than it paid, and a tender that was not used gets nothing: card back to card, cash
 *   from the drawer only for the cash part, a voucher re-credited, a channel order back
 *   through the channel. A cash refund of a card sale cannot come out of this.
 * - `store-credit`: a new store-credit voucher for the amount.
 * - `exchange`: the return pays towards new items priced elsewhere: difference = new
 *   total − refund; positive → the customer pays it; negative → the difference comes back
 *   by `balanceMethod`.
 */
import { invalid } from '../errors.js'
import { MAX_MINOR, type Minor } from '../money.js'
import { apportion } from '../sale/rounding.js'
import type { TenderKind } from '../sale/tenders.js'

/** How an order was paid: the till's tenders, or `channel` for a marketplace or web payment. */
export type PaidTenderKind = TenderKind | 'channel'

export interface PaidTender {
  readonly kind: PaidTenderKind
  /** What went towards the order (cash less change). */
  readonly appliedMinor: Minor
  /** Refunded to this tender already. */
  readonly refundedMinor: Minor
  /** Card terminal reference, voucher code, channel payment id. */
  readonly reference?: string | null
}

export type RefundMethod =
  | { readonly kind: 'original' }
  | { readonly kind: 'store-credit' }
  | { readonly kind: 'exchange'; readonly newItemsTotalMinor: Minor; readonly balanceMethod: 'original' | 'store-credit' }

/** Money going back to one of the order's tenders (cash out of the drawer, card refund, voucher re-credit, channel refund). */
export interface RefundPayment {
  readonly kind: PaidTenderKind
  readonly amountMinor: Minor
  readonly reference: string | null
  /** Index of the tender in the order's list. */
  readonly tenderIndex: number
}

export interface RefundPlan {
  /** The returned goods' value (apportioned unit refunds). */
  readonly valueMinor: Minor
  /** Value not given back because it would take refunds past what was paid. */
  readonly cappedMinor: Minor
  /**
   * What this return refunds against the original order (value − capped), exchange credit
   * included: add it to the order's refunded total.
   */
  readonly creditedMinor: Minor
  /** Back to the original tenders. */
  readonly payments: RefundPayment[]
  /** A new store-credit voucher for this much (0: none). */
  readonly storeCreditMinor: Minor
  /** Set for an exchange. */
  readonly exchange: {
    readonly newItemsTotalMinor: Minor
    /** Of the refund, what pays for the new items. */
    readonly creditAppliedMinor: Minor
    /** Still to pay for the new items (0 when the return covers them). */
    readonly customerPaysMinor: Minor
  } | null
  /** Σ payments + store credit: what leaves the shop as money or credit. */
  readonly refundMinor: Minor
}

/**
 * The refund for `quantity` units of a line of `lineQuantity` units with paid total
 * `lineTotalMinor`, of which `alreadyReturned` came back before.
 */
export function unitsRefundMinor(lineTotalMinor: Minor, lineQuantity: number, alreadyReturned: number, quantity: number): Minor {
  if (alreadyReturned < 0 || quantity < 0 || alreadyReturned + quantity > lineQuantity) throw new RangeError('returned units out of range')
  const shares = apportion(lineTotalMinor, new Array<number>(lineQuantity).fill(1))
  return shares.slice(alreadyReturned, alreadyReturned + quantity).reduce((s, v) => s + v, 0) as Minor
}

/** What is left to refund on an order: paid less refunded, never below zero. */
export function refundableMinor(tenders: readonly PaidTender[], refundedMinor: Minor): Minor {
  const paid = tenders.reduce((s, t) => s + t.appliedMinor, 0)
  return Math.max(0, paid - refundedMinor) as Minor
}

/** Splits `amountMinor` back over the tenders by what each can still take (see the module notes). */
export function splitToTenders(amountMinor: Minor, tenders: readonly PaidTender[]): RefundPayment[] {
  const room = tenders.map((t) => Math.max(0, t.appliedMinor - t.refundedMinor))
  if (amountMinor > room.reduce((s, r) => s + r, 0)) throw invalid('That is more than the payments can take back', 'refund')
  return apportion(amountMinor, room)
    .map((share, tenderIndex) => ({ share, tenderIndex }))
    .filter(({ share }) => share > 0)
    .map(({ share, tenderIndex }) => {
      const t = tenders[tenderIndex]
      return { kind: t?.kind ?? 'cash', amountMinor: share as Minor, reference: t?.reference ?? null, tenderIndex }
    })
}

function checkMoney(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_MINOR) throw invalid('An amount is a whole number of pence, zero or more', field)
}

/** Validates an order's payments record: amounts, and refunds that never passed payments. */
export function checkPayments(tenders: readonly PaidTender[], refundedMinor: Minor, field = 'order'): void {
  let perTender = 0
  tenders.forEach((t, i) => {
    checkMoney(t.appliedMinor, `${field}.tenders.${i}.appliedMinor`)
    checkMoney(t.refundedMinor, `${field}.tenders.${i}.refundedMinor`)
    if (t.refundedMinor > t.appliedMinor) throw invalid('A payment cannot have more refunded than it paid', `${field}.tenders.${i}.refundedMinor`)
    perTender += t.refundedMinor
  })
  checkMoney(refundedMinor, `${field}.refundedMinor`)
  if (refundedMinor < perTender) throw invalid('The order\u2019s refunds are less than its payments\u2019 refunds', `${field}.refundedMinor`)
  if (refundedMinor > tenders.reduce((s, t) => s + t.appliedMinor, 0)) throw invalid('The order has more refunded than paid', `${field}.refundedMinor`)
}

/** The refund for goods worth `valueMinor` by `method`, capped by what is left of the payments. */
export function planRefund(valueMinor: Minor, tenders: readonly PaidTender[], refundedMinor: Minor, method: RefundMethod): RefundPlan {
  checkPayments(tenders, refundedMinor)
  checkMoney(valueMinor, 'valueMinor')
  const left = refundableMinor(tenders, refundedMinor)
  const credit = Math.min(valueMinor, left)
  const cappedMinor = (valueMinor - credit) as Minor
  let back = credit
  let how: 'original' | 'store-credit'
  let exchange: RefundPlan['exchange'] = null
  if (method.kind === 'exchange') {
    checkMoney(method.newItemsTotalMinor, 'method.newItemsTotalMinor')
    const applied = Math.min(credit, method.newItemsTotalMinor)
    exchange = { newItemsTotalMinor: method.newItemsTotalMinor, creditAppliedMinor: applied as Minor, customerPaysMinor: (method.newItemsTotalMinor - applied) as Minor }
    back = credit - applied
    how = method.balanceMethod
  } else {
    how = method.kind
  }
  if (how !== 'original' && how !== 'store-credit') throw invalid('Refund to the original payment, as store credit, or exchange', 'method')
  const payments = how === 'original' ? splitToTenders(back as Minor, tenders) : []
  const storeCreditMinor = (how === 'store-credit' ? back : 0) as Minor
  return { valueMinor, cappedMinor, creditedMinor: credit as Minor, payments, storeCreditMinor, exchange, refundMinor: back as Minor }
}
