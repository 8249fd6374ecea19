/**
 * The channel-sync tests' rig: the four simulators on loopback, an appliance (real DuckDB
 * file, real HTTP server) that can be stopped and started again on the same data directory,
 * the simulators' products in its catalogue with stock, and accounts created through the API.
 * Timings are shortened (debounce, retry backoff) and connectors retry only once in-call,
 * so the outbox's own retries are what the tests watch.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChannelAccountDto, ChannelAccountRequest, ChannelKind } from '../../appliance/api/contract.js'
import type { Actor } from '../../appliance/app/ports.js'
import { receiveStock } from '../../appliance/app/stock.js'
import { loadConfig } from '../../appliance/config.js'
import { connectorFactory } from '../../appliance/jobs/sync-connectors.js'
import type { SyncTiming } from '../../appliance/jobs/sync-runner.js'
import { startAppliance, type RunningAppliance } from '../../appliance/start.js'
import type { HttpOptions } from '../../sync/http.js'
import { SimulatedAmazon, type SimulatedAmazonOptions } from '../../sync/simulators/amazon/simulator.js'
import { SimulatedEbay, type SimulatedEbayOptions } from '../../sync/simulators/ebay/simulator.js'
import { DEMO_PRODUCTS } from '../../sync/simulators/shared/catalogue.js'
import { SimulatedShopify, type SimulatedShopifyOptions } from '../../sync/simulators/shopify/simulator.js'
import { SimulatedWooCommerce, type SimulatedWooCommerceOptions } from '../../sync/simulators/woocommerce/simulator.js'
import { signIn, type Client } from '../support/appliance.js'

export const TEST_TIMING: Partial<SyncTiming> = {
  pushDebounceMs: 10,
  safetyTickMs: 250,
  reconcileIntervalMs: 3600_000,
  importRetryMaxMs: 500,
  retry: { maxAttempts: 6, baseDelayMs: 40, maxDelayMs: 400, retryAfterJitter: 0.1 },
}
export const TEST_HTTP: HttpOptions = { timeoutMs: 1500, retry: { maxAttempts: 1 } }

export const SKUS = DEMO_PRODUCTS.map((p) => p.sku)
/** What the appliance holds of each simulator product: on hand on the shop floor (where the tills sell from). */
export const ON_HAND = 50

export interface Sims {
  shopify: SimulatedShopify
  woocommerce: SimulatedWooCommerce
  amazon: SimulatedAmazon
  ebay: SimulatedEbay
  urls: Record<ChannelKind, string>
  stop(): Promise<void>
}

export async function startSims(options: {
  shopify?: SimulatedShopifyOptions
  woocommerce?: SimulatedWooCommerceOptions
  amazon?: SimulatedAmazonOptions
  ebay?: SimulatedEbayOptions
} = {}): Promise<Sims> {
  const shopify = new SimulatedShopify({ rateLimit: false, ...options.shopify })
  const woocommerce = new SimulatedWooCommerce(options.woocommerce)
  const amazon = new SimulatedAmazon({ rateLimits: false, listingDelayMs: 0, ...options.amazon })
  const ebay = new SimulatedEbay(options.ebay)
  const urls = {
    shopify: (await shopify.start()).url,
    woocommerce: (await woocommerce.start()).url,
    amazon: (await amazon.start()).url,
    ebay: (await ebay.start()).url,
  }
  return {
    shopify, woocommerce, amazon, ebay, urls,
    async stop() {
      await Promise.all([shopify, woocommerce, amazon, ebay].map((s) => s.stop()))
    },
  }
}

/** The API body for an account on a simulator (credentials as the simulator expects them). */
export function accountFor(kind: ChannelKind, sims: Sims, extra: Partial<ChannelAccountRequest> = {}): ChannelAccountRequest {
  const base = { kind, baseUrl: sims.urls[kind], skuMap: Object.fromEntries(SKUS.map((s) => [s, s])), rules: { scope: 'mapped' as const }, importIntervalSeconds: 3600 }
  switch (kind) {
    case 'shopify':
      return { ...base, name: 'Test Shopify', credentials: { accessToken: sims.shopify.accessToken, webhookSecret: sims.shopify.webhookSecret }, ...extra }
    case 'woocommerce':
      return { ...base, name: 'Test Woo', credentials: { consumerKey: sims.woocommerce.consumerKey, consumerSecret: sims.woocommerce.consumerSecret, webhookSecret: sims.woocommerce.webhookSecret }, ...extra }
    case 'amazon':
      return {
        ...base, name: 'Test Amazon', credentials: { clientId: sims.amazon.clientId, clientSecret: sims.amazon.clientSecret, refreshToken: sims.amazon.refreshToken },
        settings: { sellerId: sims.amazon.sellerId, marketplaceId: sims.amazon.marketplaceId, authUrl: sims.urls.amazon, pacing: false }, ...extra,
      }
    case 'ebay':
      return { ...base, name: 'Test eBay', credentials: { clientId: sims.ebay.clientId, clientSecret: sims.ebay.clientSecret, refreshToken: sims.ebay.refreshToken }, settings: { authUrl: sims.urls.ebay }, ...extra }
  }
}

export interface SyncAppliance extends RunningAppliance {
  dataDir: string
  maya: Client
  /** Stops and starts again on the same data directory (a restart of the shop's mini-PC). */
  restart(): Promise<SyncAppliance>
  /** Stops and removes the data directory. */
  destroy(): Promise<void>
  createAccount(body: ChannelAccountRequest): Promise<ChannelAccountDto>
}

const SYSTEM: Actor = { staffId: 'maya', role: 'manager', station: 'test' }

export async function startSyncAppliance(options: { dataDir?: string; http?: HttpOptions; timing?: Partial<SyncTiming>; env?: Record<string, string> } = {}): Promise<SyncAppliance> {
  const fresh = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'appliance-sync-'))
  const config = loadConfig({ APPLIANCE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', APPLIANCE_DEMO: '1', DEMO_PRODUCTS: '20', ...options.env })
  const running = await startAppliance(config, { connectorFactory: connectorFactory(options.http ?? TEST_HTTP), syncTiming: { ...TEST_TIMING, ...options.timing }, demoChannels: false })
  if (fresh) await addSimProducts(running)
  const maya = await signIn(running.url, 'maya', '1111', 'back-office')
  const self: SyncAppliance = {
    ...running,
    dataDir,
    maya,
    async restart() {
      await running.stop()
      return startSyncAppliance({ ...options, dataDir })
    },
    async destroy() {
      await running.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
    async createAccount(body) {
      const res = await maya.post('/api/channels', body)
      if (res.status !== 201) throw new Error(`create account: ${res.status} ${await res.text()}`)
      return (await res.json()) as ChannelAccountDto
    },
  }
  return self
}

/** The simulators sell DEMO_PRODUCTS: put them in our catalogue with ON_HAND in the backroom. */
async function addSimProducts(app: RunningAppliance): Promise<void> {
  await app.deps.uow.run(async (s) => {
    const now = new Date()
    const products = DEMO_PRODUCTS.map((p) => ({ sku: p.sku, handle: p.sku.toLowerCase(), name: p.title, category: 'Homeware', priceMinor: p.priceMinor, costMinor: 100, vatRateBp: 2000, barcodes: [] }))
    await s.catalogue.upsertMany(products, now)
    s.publish({ type: 'catalogue.changed', products })
    for (const p of DEMO_PRODUCTS) await receiveStock(s, { sku: p.sku, location: 'floor', quantity: ON_HAND, reference: 'test' }, SYSTEM, now)
  })
}

/** Polls until `check` returns a value that is not undefined/false. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const started = Date.now()
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined && value !== false) return value
    } catch (error) {
      last = error
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** Available to sell of a SKU over the online locations (floor + backroom), as the buffer-0 rule pushes it. */
export async function ourAvailable(app: RunningAppliance, sku: string): Promise<number> {
  const row = await app.db.reader.one<{ free: number | null }>("SELECT sum(on_hand - allocated)::BIGINT AS free FROM stock_levels s JOIN locations l ON l.id = s.location WHERE s.sku = ? AND l.fulfils_online", [sku])
  return Math.max(0, row?.free ?? 0)
}
