/**
 * X and Z reports. An X report is a reading taken at any time (it resets nothing); the Z
 * report is taken when the till closes, numbered per till, and kept. Both are built from
 * the same figures the database sums for the session (see TillStore.figures).
 *
 * Cash in the drawer: every figure under `cash` is a signed change of the drawer (sales +,
 * refunds −, paid in +, paid out −, bank drops −), so
 *
 *     expected = float + sales + refunds + paid in + paid out + bank drops
 *     over/short = counted − expected   (positive: over; negative: short)
 */
import { invalid } from '../../core/errors.js'
import type { TillFigures, TillRecord, TillSessionRecord } from './ports.js'

export interface CashCount {
  /** Pence value → how many, e.g. {"2000": 3, "100": 7}. */
  denominations?: Record<string, number>
  /** The total counted, when not counted by denomination (or as a check of it). */
  countedMinor?: number
}

export interface TillReport {
  kind: 'X' | 'Z'
  zNumber: number | null
  till: { id: string; name: string }
  sessionId: string
  businessDay: string
  openedAt: string
  openedBy: string
  closedAt: string | null
  closedBy: string | null
  generatedAt: string
  sales: TillFigures['sales']
  tenders: TillFigures['tenders']
  vat: Array<{ ratePercent: number; rateBp: number; grossMinor: number; netMinor: number; vatMinor: number }>
  refunds: TillFigures['refunds']
  voids: TillFigures['voids']
  discounts: TillFigures['discounts']
  priceOverrides: TillFigures['priceOverrides']
  giftCardsSold: TillFigures['giftCardsSold']
  cash: {
    floatMinor: number
    /** Signed changes of the drawer: sales +, refunds −, paid in +, paid out −, bank drops −. */
    salesMinor: number
    refundsMinor: number
    paidInMinor: number
    paidOutMinor: number
    bankDropMinor: number
    expectedMinor: number
    countedMinor: number | null
    denominations: Array<{ denominationMinor: number; count: number; amountMinor: number }> | null
    /** counted − expected: positive over, negative short; null until counted. */
    overShortMinor: number | null
  }
}

export const MAX_DENOMINATION_COUNT = 100_000

/** Adds up a cash count; denominations must be ones the shop counts. */
export function countCash(count: CashCount, allowed: readonly number[]): { countedMinor: number; denominations: TillReport['cash']['denominations'] } {
  if (count.denominations === undefined) {
    if (count.countedMinor === undefined) throw invalid('Count the cash: give the denominations or the total counted', 'denominations')
    return { countedMinor: count.countedMinor, denominations: null }
  }
  const rows: NonNullable<TillReport['cash']['denominations']> = []
  for (const [key, n] of Object.entries(count.denominations)) {
    const value = Number(key)
    if (!allowed.includes(value)) throw invalid(`${key}p is not a coin or note this shop counts (${allowed.join(', ')})`, `denominations.${key}`)
    if (!Number.isInteger(n) || n < 0 || n > MAX_DENOMINATION_COUNT) throw invalid('A count is a whole number, zero or more', `denominations.${key}`)
    if (n > 0) rows.push({ denominationMinor: value, count: n, amountMinor: value * n })
  }
  rows.sort((a, b) => b.denominationMinor - a.denominationMinor)
  const total = rows.reduce((s, r) => s + r.amountMinor, 0)
  if (count.countedMinor !== undefined && count.countedMinor !== total) {
    throw invalid(`The denominations add up to ${total} pence, not the ${count.countedMinor} given`, 'countedMinor')
  }
  return { countedMinor: total, denominations: rows }
}

export function expectedCash(floatMinor: number, cash: TillFigures['cash']): number {
  return floatMinor + cash.salesMinor + cash.refundsMinor + cash.paidInMinor + cash.paidOutMinor + cash.bankDropMinor
}

export function buildTillReport(
  kind: 'X' | 'Z',
  input: { till: TillRecord; session: TillSessionRecord; figures: TillFigures; now: Date; zNumber?: number; count?: ReturnType<typeof countCash> },
): TillReport {
  const { till, session, figures, now, count } = input
  const expected = expectedCash(session.floatMinor, figures.cash)
  return {
    kind,
    zNumber: input.zNumber ?? null,
    till: { id: till.id, name: till.name },
    sessionId: session.id,
    businessDay: session.businessDay,
    openedAt: session.openedAt.toISOString(),
    openedBy: session.openedBy,
    closedAt: kind === 'Z' ? now.toISOString() : null,
    closedBy: session.closedBy,
    generatedAt: now.toISOString(),
    sales: figures.sales,
    tenders: figures.tenders,
    vat: figures.vatRates.map((r) => ({ ratePercent: r.rateBp / 100, ...r })),
    refunds: figures.refunds,
    voids: figures.voids,
    discounts: figures.discounts,
    priceOverrides: figures.priceOverrides,
    giftCardsSold: figures.giftCardsSold,
    cash: {
      floatMinor: session.floatMinor,
      ...figures.cash,
      expectedMinor: expected,
      countedMinor: count?.countedMinor ?? null,
      denominations: count?.denominations ?? null,
      overShortMinor: count ? count.countedMinor - expected : null,
    },
  }
}
