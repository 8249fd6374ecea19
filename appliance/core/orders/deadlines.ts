/**
 * When an order must leave the building (despatch-by) and reach the customer (deliver-by).
 *
 * A marketplace that states its own deadline (Amazon LatestShipDate / LatestDeliveryDate,
 * eBay shipByDate) is obeyed as given: its metrics judge us by it. Otherwise the store's
 * rules decide, per channel and shipping method:
 *
 * 1. The order's *receipt day* is the local date it was placed, if that is a working day
 *    and it came in before the cut-off; otherwise the next working day (an order placed
 *    after the cut-off, at a weekend or on a bank holiday counts from the next working day).
 * 2. The despatch day is `handlingDays` working days after the receipt day (0: the same day).
 *    `despatchBy` is the cut-off time on it, local — the carrier's collection.
 * 3. The delivery day is `transitDays` working days after the despatch day (same calendar:
 *    carriers' non-delivery days are the shop's non-despatch days, near enough and never
 *    optimistic for a Monday–Friday shop). `deliverBy` is the end of that local day.
 *
 * Local times go through Intl in the store's zone, so both clock changes are handled.
 */
import { invalid } from '../errors.js'
import type { WorkingCalendar } from './working-calendar.js'
import { addWorkingDays, isWorkingDay, nextWorkingDay } from './working-calendar.js'
import { addDays, checkInstant, endOfLocalDay, localDate, localDateTime, parseClock, zonedInstant } from './zoned-time.js'

/** Matches any channel or any shipping method in a rule. */
export const WILDCARD = '*'

/** How one channel's shipping method is fulfilled. */
export interface ShippingRule {
  /** `store`, `shopify`, `amazon`, … or `*` for any channel. */
  readonly channel: string
  /** The channel's shipping method name (compared trimmed, ignoring case) or `*` for any. */
  readonly method: string
  /** Local time (`HH:MM`) orders must arrive by to count that day; also the time despatch is due. */
  readonly cutOff: string
  /** Working days from receipt to despatch; 0 = the same day when in before the cut-off. */
  readonly handlingDays: number
  /** Working days from despatch to delivery (1 = next working day). */
  readonly transitDays: number
}

/** The order facts deadlines are worked out from. */
export interface DeadlineInput {
  readonly placedAt: Date
  readonly channel: string
  readonly shippingMethod: string | null
  /** The channel's own despatch deadline, used as is when given. */
  readonly channelDespatchBy?: Date | null
  /** The channel's own delivery promise, used as is when given. */
  readonly channelDeliverBy?: Date | null
}

export type DeadlineSource = 'channel' | 'rules'

export interface Deadlines {
  readonly despatchBy: Date
  /** Null only when the channel set despatch-by and no rule covers this method. */
  readonly deliverBy: Date | null
  readonly despatchSource: DeadlineSource
  readonly deliverySource: DeadlineSource | null
  /** The shipping rule applied, if any. */
  readonly rule: ShippingRule | null
}

/** Most working days a rule may allow for handling or transit: a typo guard. */
export const MAX_RULE_DAYS = 60

/** Validates rules once when settings are saved. Throws `invalid_input` naming `rules.N.field`. */
export function checkShippingRules(rules: readonly ShippingRule[]): void {
  const seen = new Set<string>()
  rules.forEach((rule, i) => {
    const at = `rules.${i}`
    if (typeof rule.channel !== 'string' || rule.channel.trim() === '') throw invalid('Name the channel, or * for any', `${at}.channel`)
    if (typeof rule.method !== 'string' || rule.method.trim() === '') throw invalid('Name the shipping method, or * for any', `${at}.method`)
    if (parseClock(rule.cutOff) === undefined) throw invalid('A cut-off is a time HH:MM (24-hour)', `${at}.cutOff`)
    for (const key of ['handlingDays', 'transitDays'] as const) {
      const days = rule[key]
      if (!Number.isInteger(days) || days < 0 || days > MAX_RULE_DAYS) throw invalid(`Working days are a whole number from 0 to ${MAX_RULE_DAYS}`, `${at}.${key}`)
    }
    const key = `${rule.channel}\u0000${normaliseMethod(rule.method)}`
    if (seen.has(key)) throw invalid('Another rule already covers this channel and method', `${at}.method`)
    seen.add(key)
  })
}

const normaliseMethod = (method: string): string => method.trim().toLowerCase()

/**
 * The rule for a channel and method, most specific first: this channel and method, this
 * channel any method, any channel this method, then any channel any method.
 */
export function findShippingRule(rules: readonly ShippingRule[], channel: string, method: string | null): ShippingRule | undefined {
  const m = method === null ? null : normaliseMethod(method)
  const matches = (ruleChannel: string, ruleMethod: string | null) =>
    rules.find((r) => r.channel === ruleChannel && (ruleMethod === null ? r.method === WILDCARD : normaliseMethod(r.method) === ruleMethod))
  return (m !== null ? matches(channel, m) : undefined)
    ?? matches(channel, null)
    ?? (m !== null ? matches(WILDCARD, m) : undefined)
    ?? matches(WILDCARD, null)
}

/** The receipt day: the placed date if a working day before the cut-off, else the next working day. */
export function receiptDay(calendar: WorkingCalendar, placedAt: Date, cutOffMinutes: number): string {
  const local = localDateTime(placedAt, calendar.timeZone)
  if (isWorkingDay(calendar, local.date) && local.minutes < cutOffMinutes) return local.date
  return nextWorkingDay(calendar, addDays(local.date, 1))
}

function deliverByFromDespatchDay(calendar: WorkingCalendar, despatchDay: string, rule: ShippingRule): Date {
  return endOfLocalDay(addWorkingDays(calendar, despatchDay, rule.transitDays), calendar.timeZone)
}

/**
 * Despatch-by and deliver-by for an order (see the module notes for the rule).
 * Throws `invalid_input` on `shippingMethod` when no rule covers the order and the
 * channel gave no despatch deadline.
 */
export function computeDeadlines(input: DeadlineInput, rules: readonly ShippingRule[], calendar: WorkingCalendar): Deadlines {
  checkInstant(input.placedAt, 'placedAt')
  const channelDespatch = input.channelDespatchBy ?? null
  const channelDelivery = input.channelDeliverBy ?? null
  if (channelDespatch) checkInstant(channelDespatch, 'channelDespatchBy')
  if (channelDelivery) checkInstant(channelDelivery, 'channelDeliverBy')
  const rule = findShippingRule(rules, input.channel, input.shippingMethod) ?? null
  const zone = calendar.timeZone

  if (channelDespatch) {
    const deliverBy = channelDelivery
      ?? (rule ? deliverByFromDespatchDay(calendar, nextWorkingDay(calendar, localDate(channelDespatch, zone)), rule) : null)
    return { despatchBy: channelDespatch, deliverBy, despatchSource: 'channel', deliverySource: channelDelivery ? 'channel' : rule ? 'rules' : null, rule }
  }
  if (!rule) {
    throw invalid(`No shipping rule covers ${input.channel} orders sent by "${input.shippingMethod ?? 'no method'}": add one (or a * rule)`, 'shippingMethod')
  }
  const cutOff = parseClock(rule.cutOff)
  if (cutOff === undefined) throw invalid('A cut-off is a time HH:MM (24-hour)', 'rules.cutOff')
  const despatchDay = addWorkingDays(calendar, receiptDay(calendar, input.placedAt, cutOff), rule.handlingDays)
  return {
    despatchBy: zonedInstant(despatchDay, cutOff, zone),
    deliverBy: channelDelivery ?? deliverByFromDespatchDay(calendar, despatchDay, rule),
    despatchSource: 'rules',
    deliverySource: channelDelivery ? 'channel' : 'rules',
    rule,
  }
}
