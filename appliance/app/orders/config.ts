/**
 * Where use cases get the order settings: inside a transaction (the import use case, which
 * the sync engine calls with nothing but the stores) or from a short-lived cache (the API's
 * hot paths), replaced at once when a manager changes the settings.
 */
import { DEFAULT_TIME_ZONE } from '../../core/orders/index.js'
import type { Actor, TxStores, UnitOfWork } from '../ports.js'
import type { LocationRecord } from './ports.js'
import { defaultOrderSettings, mergeOrderSettings, ORDER_SETTINGS_KEY, resolveOrderConfig, type OrderConfig, type OrderSettings } from './settings.js'

const FRESH_MS = 10_000

/** The store's zone, as the till settings keep it (the business day and the deadlines agree). */
function zoneOf(till: unknown): string {
  const zone = till && typeof till === 'object' ? (till as { timeZone?: unknown }).timeZone : undefined
  return typeof zone === 'string' && zone ? zone : DEFAULT_TIME_ZONE
}

/** Reads and resolves the settings in the current transaction. */
export async function loadOrderConfig(s: TxStores): Promise<OrderConfig> {
  const [stored, till, locations] = await Promise.all([s.settings.get(ORDER_SETTINGS_KEY), s.settings.get('till'), s.orders.locations()])
  return resolveOrderConfig(mergeOrderSettings(defaultOrderSettings(), stored), locations, zoneOf(till))
}

/** The read side the cache loads from. */
export interface OrderSettingsSource {
  setting(key: string): Promise<unknown>
  locations(): Promise<LocationRecord[]>
}

export class OrderSettingsCache {
  private cached: { config: OrderConfig; at: number } | undefined
  private loading: Promise<OrderConfig> | undefined

  constructor(
    private readonly source: OrderSettingsSource,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async current(): Promise<OrderConfig> {
    if (this.cached && this.clock() - this.cached.at < FRESH_MS) return this.cached.config
    this.loading ??= this.load().finally(() => (this.loading = undefined))
    return this.loading
  }

  /** Forget the cached copy (locations or settings changed). */
  invalidate(): void {
    this.cached = undefined
  }

  private async load(): Promise<OrderConfig> {
    const [stored, till, locations] = await Promise.all([this.source.setting(ORDER_SETTINGS_KEY), this.source.setting('till'), this.source.locations()])
    const config = resolveOrderConfig(mergeOrderSettings(defaultOrderSettings(), stored), locations, zoneOf(till))
    this.cached = { config, at: this.clock() }
    return config
  }

  /** Merges `patch` over the stored settings, checks the result, saves and audits it. */
  async update(uow: UnitOfWork, patch: Partial<OrderSettings>, actor: Actor, now: Date): Promise<OrderConfig> {
    await uow.run(async (s) => {
      const stored = mergeOrderSettings(defaultOrderSettings(), await s.settings.get(ORDER_SETTINGS_KEY))
      const next = mergeOrderSettings(stored, patch)
      resolveOrderConfig(next, await s.orders.locations(), zoneOf(await s.settings.get('till')))
      await s.settings.put(ORDER_SETTINGS_KEY, next)
      await s.audit.record({ action: 'settings.orders.updated', actor, entity: 'settings', entityId: ORDER_SETTINGS_KEY, occurredAt: now, details: { changed: patch } })
    })
    this.cached = undefined
    return this.current()
  }
}
