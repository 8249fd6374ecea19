/**
 * Small pieces every channel mapping needs: instants to ISO UTC, payload parsing with zod
 * into `contract` errors, the totals reconciliation check and stock-update validation.
 */
import type { z } from 'zod'
import type { Minor } from '../appliance/core/money.js'
import { ChannelError } from './channel-error.js'
import type { ChannelId } from './channel-id.js'
import type { StockPushResult, StockUpdate } from './connector.js'
import type { ChannelOrderLine, ChannelOrderTotals } from './order.js'

/**
 * An instant from the channel as ISO UTC. `assumeUtc` handles WooCommerce's `*_gmt` fields,
 * which are UTC but carry no zone ("2025-03-01T10:15:00"): parsed naively they would be local.
 */
export function isoUtc(text: string, channel: ChannelId, field: string, assumeUtc = false): string {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text)
  const ms = Date.parse(zoned || !assumeUtc ? text : `${text}Z`)
  if (!zoned && !assumeUtc) throw new ChannelError('contract', channel, `${field} "${text}" has no time zone`, { field })
  if (Number.isNaN(ms)) throw new ChannelError('contract', channel, `${field} "${text}" is not a date`, { field })
  return new Date(ms).toISOString()
}

export const isoUtcOrNull = (text: string | null | undefined, channel: ChannelId, field: string, assumeUtc = false) =>
  text ? isoUtc(text, channel, field, assumeUtc) : null

/** Parses a channel payload; a mismatch is a `contract` error naming the first bad field. */
export function parsePayload<T extends z.ZodType>(schema: T, data: unknown, channel: ChannelId, what: string): z.infer<T> {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue ? issue.path.join('.') : ''
  throw new ChannelError('contract', channel, `${what} does not match the contract${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`, {
    field: path || undefined,
    cause: result.error,
  })
}

/**
 * The totals check: lines + shipping - order discount (+ tax when not included) must equal
 * the channel's total to the penny. Returns an issue sentence, or nothing.
 */
export function reconcileTotals(totals: ChannelOrderTotals, taxIncluded: boolean): string[] {
  const expected = totals.subtotalMinor + totals.shippingMinor - totals.discountMinor + (taxIncluded ? 0 : totals.taxMinor)
  if (expected === totals.totalMinor) return []
  return [`totals do not reconcile: lines + shipping - discount${taxIncluded ? '' : ' + tax'} = ${expected}, channel total = ${totals.totalMinor}`]
}

/** Builds a line from a gross (pre-discount) amount, discount and tax, all minor units. */
export function line(parts: {
  channelLineId: string
  sku: string | null | undefined
  title: string
  quantity: number
  unitPriceMinor: Minor
  grossMinor: number
  discountMinor: number
  taxMinor: number
}): ChannelOrderLine {
  return {
    channelLineId: parts.channelLineId,
    sku: parts.sku ? parts.sku : null,
    title: parts.title,
    quantity: parts.quantity,
    unitPriceMinor: parts.unitPriceMinor,
    grossMinor: parts.grossMinor as Minor,
    discountMinor: parts.discountMinor as Minor,
    totalMinor: (parts.grossMinor - parts.discountMinor) as Minor,
    taxMinor: parts.taxMinor as Minor,
  }
}

/**
 * Splits stock updates into ones we may send and results for ones we refuse before sending:
 * negative, fractional or absurd quantities, empty SKUs, and the same SKU twice in one call.
 */
export function screenStockUpdates(channel: ChannelId, updates: readonly StockUpdate[]): { valid: StockUpdate[]; refused: StockPushResult[] } {
  const valid: StockUpdate[] = []
  const refused: StockPushResult[] = []
  const skus = new Set<string>()
  for (const update of updates) {
    const problem = stockProblem(update, skus)
    if (problem) {
      refused.push({ sku: update.sku, status: 'rejected', error: new ChannelError('invalid', channel, `${update.sku || '(no sku)'}: ${problem}`, { field: 'available' }) })
      continue
    }
    skus.add(update.sku)
    valid.push(update)
  }
  return { valid, refused }
}

function stockProblem(update: StockUpdate, skus: Set<string>): string | undefined {
  if (!update.sku || update.sku.trim() !== update.sku) return 'SKU is empty or has surrounding spaces'
  if (skus.has(update.sku)) return 'SKU appears twice in one push'
  if (!Number.isSafeInteger(update.available)) return `quantity ${update.available} is not a whole number`
  if (update.available < 0) return `quantity ${update.available} is negative (push 0 for oversold stock)`
  if (update.available > 1_000_000) return `quantity ${update.available} is implausibly large`
  if (update.expectedAvailable != null && !Number.isSafeInteger(update.expectedAvailable)) return 'expectedAvailable is not a whole number'
  return undefined
}

/** Orders results like the input (refused ones interleaved back in place). */
export function inInputOrder(updates: readonly StockUpdate[], results: readonly StockPushResult[]): StockPushResult[] {
  const pending = [...results]
  return updates.map((update) => {
    const index = pending.findIndex((r) => r.sku === update.sku)
    const [found] = index >= 0 ? pending.splice(index, 1) : []
    return found ?? { sku: update.sku, status: 'rejected', error: new ChannelError('contract', 'sync', `no result for ${update.sku}`) }
  })
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
