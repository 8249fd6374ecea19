/**
 * What each channel is told it may sell, per SKU: the channel's stock rule applied to our
 * levels at the locations that fulfil for it. Computed at send time, never queued as a
 * number, so a push that waited out a rate limit still sends today's figure.
 *
 * - buffer: on hand − allocated − buffer (the shop's default; buffer 0 = everything free)
 * - fixed:  a set figure whatever the shelf says (made to order, or a channel held to N)
 * - share:  a percentage of (on hand − allocated), rounded down (two channels sharing scarce stock)
 * Never below zero: oversold stock is advertised as 0, not a negative the channel refuses.
 */
import { invalid } from './errors.js'

export type StockRule =
  | { kind: 'buffer'; buffer: number }
  | { kind: 'fixed'; quantity: number }
  | { kind: 'share'; percent: number }

export interface ChannelStockRules {
  /** Applies to every SKU without its own rule. */
  default: StockRule
  /** Per-SKU rules, by our SKU. */
  skus: Readonly<Record<string, StockRule>>
  /** `all`: every SKU we stock is pushed (the channel answers "not listed" for the rest); `mapped`: only SKUs in the SKU map. */
  scope: 'all' | 'mapped'
}

export const DEFAULT_STOCK_RULES: ChannelStockRules = Object.freeze({ default: { kind: 'buffer', buffer: 0 }, skus: {}, scope: 'all' }) as ChannelStockRules

export interface PooledLevel {
  onHand: number
  allocated: number
}

export const ruleFor = (rules: ChannelStockRules, sku: string): StockRule => rules.skus[sku] ?? rules.default

/** The quantity to advertise for one SKU, from its levels summed over the channel's locations. */
export function channelAvailable(level: PooledLevel, rule: StockRule): number {
  const free = level.onHand - level.allocated
  let value: number
  switch (rule.kind) {
    case 'buffer':
      value = free - rule.buffer
      break
    case 'fixed':
      value = rule.quantity
      break
    case 'share':
      value = Math.floor((Math.max(0, free) * rule.percent) / 100)
      break
  }
  return Math.max(0, Math.trunc(value))
}

/** Sums levels at several locations into one pool. */
export function poolLevels(levels: readonly PooledLevel[]): PooledLevel {
  return levels.reduce((sum, l) => ({ onHand: sum.onHand + l.onHand, allocated: sum.allocated + l.allocated }), { onHand: 0, allocated: 0 })
}

/** Checks one rule's numbers (the API validates shapes; this validates sense). */
export function checkRule(rule: StockRule, field: string): void {
  if (rule.kind === 'buffer' && (!Number.isInteger(rule.buffer) || rule.buffer < 0)) throw invalid('A buffer is a whole number of units, 0 or more', field)
  if (rule.kind === 'fixed' && (!Number.isInteger(rule.quantity) || rule.quantity < 0)) throw invalid('A fixed figure is a whole number, 0 or more', field)
  if (rule.kind === 'share' && (!Number.isFinite(rule.percent) || rule.percent < 0 || rule.percent > 100)) throw invalid('A share is a percentage from 0 to 100', field)
}
