/**
 * The order book's shop-wide settings, kept as one JSON value under the `orders` key of
 * the `settings` table, over defaults (a new shop works at once): shipping rules and the
 * working calendar for deadlines, escalation rules for late orders, which locations fulfil
 * online orders and how backorders are refilled, and the returns policy. Locations default
 * from the `locations` table (fulfils_online, sellable, kind = quarantine).
 */
import { DomainError, invalid } from '../../core/errors.js'
import type { Minor } from '../../core/money.js'
import {
  checkEscalationRules,
  checkReturnPolicy,
  checkShippingRules,
  DEFAULT_RETURN_REASONS,
  DEFAULT_RETURN_WINDOWS,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  MONDAY_TO_FRIDAY,
  workingCalendar,
  type EscalationRule,
  type ReallocationPolicy,
  type ReturnPolicy,
  type ReturnWindow,
  type ShippingRule,
  type WorkingCalendar,
} from '../../core/orders/index.js'
import type { LocationRecord } from './ports.js'

export const ORDER_SETTINGS_KEY = 'orders'

export interface OrderSettings {
  /** Weekdays the shop despatches on (0 = Sunday). */
  workingDays: number[]
  /** Local dates (YYYY-MM-DD) with no despatch. */
  bankHolidays: string[]
  shippingRules: ShippingRule[]
  escalations: EscalationRule[]
  /** Locations that fulfil online orders, in priority order; null: the locations marked so, in walk order. */
  fulfilmentLocations: string[] | null
  reallocation: ReallocationPolicy
  returns: {
    reasons: string[]
    windows: Record<string, ReturnWindow>
    noReceiptLimitMinor: number
    /** Null: every sellable location, in walk order. */
    sellableLocations: string[] | null
    /** Null: the first location of kind `quarantine`. */
    quarantineLocation: string | null
  }
}

export function defaultOrderSettings(): OrderSettings {
  return {
    workingDays: [...MONDAY_TO_FRIDAY],
    bankHolidays: [...ENGLAND_AND_WALES_BANK_HOLIDAYS],
    shippingRules: [
      { channel: '*', method: '*', cutOff: '15:00', handlingDays: 0, transitDays: 2 },
      { channel: '*', method: 'next day', cutOff: '15:00', handlingDays: 0, transitDays: 1 },
      { channel: 'phone', method: '*', cutOff: '15:00', handlingDays: 1, transitDays: 2 },
    ],
    escalations: [
      { when: 'amber', at: '14:00', actions: ['notify-managers'] },
      { when: 'red', actions: ['notify-managers', 'tag:late'] },
    ],
    fulfilmentLocations: null,
    reallocation: 'placed',
    returns: {
      reasons: [...DEFAULT_RETURN_REASONS],
      windows: { ...DEFAULT_RETURN_WINDOWS },
      noReceiptLimitMinor: 2000,
      sellableLocations: null,
      quarantineLocation: null,
    },
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Stored JSON over the defaults, one level deep (so `{returns: {noReceiptLimitMinor: 0}}` keeps the other return settings). */
export function mergeOrderSettings(base: OrderSettings, stored: unknown): OrderSettings {
  if (!isPlainObject(stored)) return base
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in base) || value === undefined) continue
    const current = out[key]
    out[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value
  }
  return out as unknown as OrderSettings
}

/** Everything the use cases need, resolved against the shop's locations. */
export interface OrderConfig {
  settings: OrderSettings
  timeZone: string
  calendar: WorkingCalendar
  fulfilmentLocations: string[]
  returnPolicy: ReturnPolicy
}

function checkLocationList(ids: readonly string[], known: ReadonlySet<string>, field: string): void {
  ids.forEach((id, i) => {
    if (!known.has(id)) throw invalid(`There is no stock location "${id}"`, `${field}.${i}`)
  })
}

/** Runs a core check whose errors name `from.N…`, naming the setting `to.N…` instead. */
function renamed(from: string, to: string, check: () => void): void {
  try {
    check()
  } catch (error) {
    if (error instanceof DomainError && error.field?.startsWith(from)) throw new DomainError(error.code, error.message, to + error.field.slice(from.length), error.details)
    throw error
  }
}

/** Resolves and validates settings. Throws `invalid_input` naming the setting at fault. */
export function resolveOrderConfig(settings: OrderSettings, locations: readonly LocationRecord[], timeZone: string): OrderConfig {
  const byWalk = [...locations].sort((a, b) => a.walkOrder - b.walkOrder || a.id.localeCompare(b.id))
  const known = new Set(locations.map((l) => l.id))
  const calendar = workingCalendar({ timeZone, workingDays: settings.workingDays, bankHolidays: settings.bankHolidays })
  renamed('rules', 'shippingRules', () => checkShippingRules(settings.shippingRules))
  checkEscalationRules(settings.escalations)
  const fulfilment = settings.fulfilmentLocations ?? byWalk.filter((l) => l.fulfilsOnline).map((l) => l.id)
  if (settings.fulfilmentLocations) checkLocationList(settings.fulfilmentLocations, known, 'fulfilmentLocations')
  if (settings.reallocation !== 'placed' && settings.reallocation !== 'despatch-by') throw invalid('Refill backorders by order placed or by despatch deadline', 'reallocation')
  const r = settings.returns
  const quarantine = r.quarantineLocation ?? byWalk.find((l) => l.kind === 'quarantine')?.id ?? 'quarantine'
  const sellable = r.sellableLocations ?? byWalk.filter((l) => l.sellable && l.id !== quarantine).map((l) => l.id)
  if (r.sellableLocations) checkLocationList(r.sellableLocations, known, 'returns.sellableLocations')
  const returnPolicy: ReturnPolicy = {
    reasons: r.reasons,
    windows: r.windows,
    sellableLocations: sellable.length ? sellable : ['floor'],
    quarantineLocation: quarantine,
    noReceiptLimitMinor: r.noReceiptLimitMinor as Minor,
    timeZone,
  }
  checkReturnPolicy(returnPolicy)
  return { settings, timeZone, calendar, fulfilmentLocations: fulfilment.length ? fulfilment : sellable, returnPolicy }
}
