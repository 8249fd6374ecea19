/**
 * Paying for a sale with one or more tenders (split payment).
 *
 * Tenders are taken in the order the till recorded them, each against what is still
 * due at that moment:
 * - card and voucher take at most what is due (a card terminal or voucher never gives change);
 * - cash may take more than is due: the excess is the change, and so change only ever comes
 *   out of cash;
 * - once nothing is due, no further tender is accepted;
 * - the sale completes only when what is due reaches zero.
 */
import { invalid } from '../errors.js'
import { MAX_MINOR, type Minor } from '../money.js'

export const TenderKind = { Cash: 'cash', Card: 'card', Voucher: 'voucher' } as const
export type TenderKind = (typeof TenderKind)[keyof typeof TenderKind]
export const TENDER_KINDS: readonly TenderKind[] = Object.values(TenderKind)

export interface Tender {
  readonly kind: TenderKind
  /** What the customer handed over or the terminal took; for cash it may exceed what is due. */
  readonly amountMinor: Minor
  /** Card terminal reference or the voucher code; required for vouchers. */
  readonly reference?: string
}

export interface TenderState {
  readonly totalMinor: Minor
  /** Σ tender amounts (cash as handed over). */
  readonly paidMinor: Minor
  /** Still to pay; 0 once complete. */
  readonly remainingMinor: Minor
  /** Cash to hand back; only ever non-zero when complete. */
  readonly changeMinor: Minor
  readonly complete: boolean
}

export const MAX_TENDERS = 20

const LABEL: Record<TenderKind, string> = { cash: 'Cash', card: 'Card', voucher: 'Voucher' }

function checkTender(tender: Tender, field: string): void {
  if (!TENDER_KINDS.includes(tender.kind)) throw invalid('A payment is cash, card or voucher', `${field}.kind`)
  const amount = tender.amountMinor
  if (!Number.isSafeInteger(amount)) throw invalid('A payment is a whole number of pence', `${field}.amountMinor`)
  if (amount <= 0) throw invalid('A payment must be more than zero', `${field}.amountMinor`)
  if (amount > MAX_MINOR) throw invalid('That payment is too large', `${field}.amountMinor`)
  if (tender.reference !== undefined && (typeof tender.reference !== 'string' || tender.reference.length > 100)) {
    throw invalid('A payment reference is text of at most 100 characters', `${field}.reference`)
  }
  if (tender.kind === TenderKind.Voucher && (tender.reference ?? '').trim() === '') {
    throw invalid('Enter or scan the voucher code', `${field}.reference`)
  }
}

/**
 * Where a sale's payment stands after `tenders`, which may not yet cover the total (the
 * till screen shows `remainingMinor`). Throws `invalid_input` naming the tender at fault.
 */
export function tenderState(totalMinor: Minor, tenders: readonly Tender[]): TenderState {
  if (!Number.isSafeInteger(totalMinor) || totalMinor < 0) throw invalid('A sale total is a whole number of pence, zero or more', 'totalMinor')
  if (tenders.length > MAX_TENDERS) throw invalid(`A sale can be split across at most ${MAX_TENDERS} payments`, 'tenders')
  let remaining: number = totalMinor
  let paid = 0
  let change = 0
  tenders.forEach((tender, i) => {
    const field = `tenders.${i}`
    checkTender(tender, field)
    if (remaining === 0) throw invalid('The sale is already paid in full', `${field}.amountMinor`)
    if (tender.amountMinor > remaining) {
      if (tender.kind !== TenderKind.Cash) {
        throw invalid(`${LABEL[tender.kind]} payments can't be more than the amount due`, `${field}.amountMinor`)
      }
      change = tender.amountMinor - remaining
    }
    paid += tender.amountMinor
    remaining = Math.max(0, remaining - tender.amountMinor)
  })
  return {
    totalMinor,
    paidMinor: paid as Minor,
    remainingMinor: remaining as Minor,
    changeMinor: change as Minor,
    complete: remaining === 0,
  }
}

/**
 * Settles a sale: the tenders must cover the total exactly, except for cash change.
 * Returns what was paid and the change to give; throws when anything is still due.
 */
export function settleTenders(totalMinor: Minor, tenders: readonly Tender[]): { paidMinor: Minor; changeMinor: Minor } {
  const state = tenderState(totalMinor, tenders)
  if (!state.complete) {
    throw invalid(`The sale is not fully paid: ${state.remainingMinor} pence still due`, 'tenders')
  }
  return { paidMinor: state.paidMinor, changeMinor: state.changeMinor }
}

/** UK notes, the default round amounts offered as quick-cash buttons. */
export const UK_NOTES: readonly Minor[] = [500, 1000, 2000, 5000] as Minor[]

/**
 * Quick-cash buttons for an amount due: the exact amount, then the next multiple of each
 * denomination at or above it (£5, £10, £20, £50 by default), without repeats, ascending.
 * E.g. £12.34 → £12.34, £15, £20, £50; £20.00 → £20, £50. Nothing is offered when nothing is due.
 */
export function quickCashAmounts(dueMinor: Minor, denominations: readonly Minor[] = UK_NOTES): Minor[] {
  if (!Number.isSafeInteger(dueMinor) || dueMinor <= 0) return []
  const amounts = new Set<number>([dueMinor])
  for (const note of denominations) {
    if (!Number.isSafeInteger(note) || note <= 0) throw new RangeError('denominations are positive whole pence')
    const over = dueMinor % note
    amounts.add(over === 0 ? dueMinor : dueMinor - over + note)
  }
  return [...amounts].sort((a, b) => a - b) as Minor[]
}
