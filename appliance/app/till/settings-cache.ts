/**
 * The till settings and shop details as every sale needs them, without a database read
 * per sale: loaded lazily, kept for a few seconds (so a change made elsewhere is seen
 * soon), and replaced at once when changed through `update`.
 */
import type { Actor, UnitOfWork } from '../ports.js'
import type { TillQueries } from './ports.js'
import { checkTillSettings, defaultTillSettings, mergeTillSettings, readShopDetails, type ShopDetails, type TillSettings } from './settings.js'

export const TILL_SETTINGS_KEY = 'till'
const SHOP_KEY = 'shop'
const FRESH_MS = 10_000

export interface TillConfig {
  settings: TillSettings
  shop: ShopDetails
}

export class TillSettingsCache {
  private cached: { config: TillConfig; at: number } | undefined
  private loading: Promise<TillConfig> | undefined

  constructor(
    private readonly queries: TillQueries,
    private readonly defaultTimeZone: string,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get defaults(): TillSettings {
    return defaultTillSettings(this.defaultTimeZone)
  }

  async current(): Promise<TillConfig> {
    if (this.cached && this.clock() - this.cached.at < FRESH_MS) return this.cached.config
    this.loading ??= this.load().finally(() => (this.loading = undefined))
    return this.loading
  }

  private async load(): Promise<TillConfig> {
    const [stored, shop] = await Promise.all([this.queries.setting(TILL_SETTINGS_KEY), this.queries.setting(SHOP_KEY)])
    const config = { settings: mergeTillSettings(this.defaults, stored), shop: readShopDetails(shop) }
    this.cached = { config, at: this.clock() }
    return config
  }

  /** Merges `patch` over the current settings, checks the result, saves and audits it. */
  async update(uow: UnitOfWork, patch: Partial<TillSettings>, actor: Actor, now: Date): Promise<TillSettings> {
    const current = (await this.current()).settings
    const next = mergeTillSettings(current, patch)
    checkTillSettings(next)
    await uow.run(async (s) => {
      const stored = mergeTillSettings(defaultTillSettings(this.defaultTimeZone), await s.settings.get(TILL_SETTINGS_KEY))
      await s.settings.put(TILL_SETTINGS_KEY, mergeTillSettings(stored, patch))
      await s.audit.record({ action: 'settings.till.updated', actor, entity: 'settings', entityId: TILL_SETTINGS_KEY, occurredAt: now, details: { changed: patch } })
    })
    this.cached = undefined
    return (await this.current()).settings
  }
}
