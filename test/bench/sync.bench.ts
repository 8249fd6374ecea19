/**
 * Sync benchmarks.
 *
 * 1. Importing orders from SimulatedShopify at its default GraphQL cost limit (bucket 1000,
 *    restoring 100 points/s: Shopify's standard plan) and at the Plus rate, against the
 *    least time the limit itself allows: (actual cost charged - the full bucket we start
 *    with + the last query's unrefunded reservation) / restore rate. Target: <= 1.2x.
 *    SYNC_BENCH_ORDERS / SYNC_BENCH_PLUS_ORDERS change the order counts.
 * 2. Stock push throughput to each simulator with its limits off (1,000 SKUs).
 */
import { AmazonConnector } from '../../sync/channels/amazon/connector.js'
import { EbayConnector } from '../../sync/channels/ebay/connector.js'
import { ShopifyConnector } from '../../sync/channels/shopify/connector.js'
import { WooCommerceConnector } from '../../sync/channels/woocommerce/connector.js'
import type { ChannelConnector } from '../../sync/connector.js'
import { SimulatedAmazon } from '../../sync/simulators/amazon/simulator.js'
import { SimulatedEbay } from '../../sync/simulators/ebay/simulator.js'
import { randomOrderSpec, type SimProduct } from '../../sync/simulators/shared/catalogue.js'
import { SeededRandom } from '../../sync/simulators/shared/rng.js'
import { SimulatedShopify } from '../../sync/simulators/shopify/simulator.js'
import type { ChannelSimulator } from '../../sync/simulators/simulator.js'
import { SimulatedWooCommerce } from '../../sync/simulators/woocommerce/simulator.js'
import type { Benchmark, Figure } from './harness.js'

const STANDARD = { maximumAvailable: 1000, restoreRate: 100 }
const PLUS = { maximumAvailable: 10_000, restoreRate: 1000 }

async function importAtLimit(label: string, orders: number, limit: { maximumAvailable: number; restoreRate: number }): Promise<Figure[]> {
  const sim = new SimulatedShopify({ rateLimit: limit })
  const { url } = await sim.start()
  try {
    const random = new SeededRandom(7)
    for (let i = 0; i < orders; i++) sim.placeOrder(randomOrderSpec(random))
    const connector = new ShopifyConnector({ baseUrl: url, accessToken: sim.accessToken, webhookSecret: sim.webhookSecret })
    const started = performance.now()
    let cursor: string | null = null
    let imported = 0
    for (;;) {
      const page = await connector.fetchOrders(cursor)
      imported += page.orders.length
      cursor = page.nextCursor
      if (page.done) break
    }
    const seconds = (performance.now() - started) / 1000
    if (imported !== orders) throw new Error(`imported ${imported} of ${orders}`)
    // The last query may start once everything before it has been paid for and its own
    // reservation fits: (sum of earlier actual costs + last requested - full bucket) / rate.
    const { actual, queries, throttled, lastRequested, lastActual } = sim.costs
    const allowed = Math.max(0, (actual - lastActual + lastRequested - limit.maximumAvailable) / limit.restoreRate)
    const perOrder = actual / orders
    return [
      {
        name: `Shopify import of ${orders} orders at ${label} (${limit.restoreRate} pts/s, bucket ${limit.maximumAvailable})`,
        values: { seconds: round(seconds), limitAllows: round(allowed), ratio: round(seconds / Math.max(allowed, 0.001)), queries, throttled },
        unit: 's',
        target: 'ratio <= 1.2',
      },
      {
        name: `Shopify cost per order and the import rate that limit allows (${label})`,
        values: { pointsPerOrder: round(perOrder), ordersPerSecond: round(limit.restoreRate / perOrder), minutesFor10k: round((10_000 * perOrder - limit.maximumAvailable) / limit.restoreRate / 60) },
        unit: 'per s',
      },
    ]
  } finally {
    await sim.stop()
  }
}

const PRODUCTS: SimProduct[] = Array.from({ length: 1000 }, (_, i) => ({ sku: `BENCH-${String(i).padStart(4, '0')}`, title: `Bench item ${i}`, priceMinor: 500 + i, stock: 10 }))

async function stockPush(name: string, sim: ChannelSimulator, connect: (url: string) => ChannelConnector): Promise<Figure> {
  const { url } = await sim.start()
  try {
    const connector = connect(url)
    const updates = PRODUCTS.map((p, i) => ({ sku: p.sku, available: (i * 7) % 50, idempotencyKey: `bench-${i}` }))
    await connector.pushStock(updates.slice(0, 10))
    const started = performance.now()
    const results = await connector.pushStock(updates)
    const seconds = (performance.now() - started) / 1000
    const ok = results.filter((r) => r.status === 'applied' || r.status === 'accepted').length
    if (ok !== updates.length) throw new Error(`${name}: ${updates.length - ok} updates failed`)
    return { name: `${name} stock push, ${updates.length} SKUs, no rate limit`, values: { updatesPerSecond: Math.round(updates.length / seconds), seconds: round(seconds) }, unit: 'per s' }
  } finally {
    await sim.stop()
  }
}

const round = (n: number) => Number(n.toFixed(2))
const env = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}

export const benchmarks: Benchmark[] = [
  {
    name: 'sync: Shopify order import at the rate limit',
    run: async () => [
      ...(await importAtLimit('the default (standard plan) limit', env('SYNC_BENCH_ORDERS', 300), STANDARD)),
      ...(await importAtLimit('the Plus plan limit', env('SYNC_BENCH_PLUS_ORDERS', 2000), PLUS)),
    ],
  },
  {
    name: 'sync: stock push throughput',
    run: async () => {
      const shopify = new SimulatedShopify({ rateLimit: false, products: PRODUCTS })
      const woo = new SimulatedWooCommerce({ products: PRODUCTS })
      const amazon = new SimulatedAmazon({ rateLimits: false, products: PRODUCTS, listingDelayMs: 0 })
      const ebay = new SimulatedEbay({ products: PRODUCTS })
      return [
        await stockPush('Shopify (inventorySetQuantities, 100 per mutation)', shopify, (url) => new ShopifyConnector({ baseUrl: url, accessToken: shopify.accessToken, webhookSecret: shopify.webhookSecret })),
        await stockPush('WooCommerce (products/batch, 100 per call)', woo, (url) => new WooCommerceConnector({ baseUrl: url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret, webhookSecret: woo.webhookSecret })),
        await stockPush('eBay (bulk_update_price_quantity, 25 per call)', ebay, (url) => new EbayConnector({ baseUrl: url, clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken })),
        await stockPush('Amazon (patchListingsItem, 1 per call)', amazon, (url) => new AmazonConnector({ rateLimits: false, baseUrl: url, authUrl: url, clientId: amazon.clientId, clientSecret: amazon.clientSecret, refreshToken: amazon.refreshToken, sellerId: amazon.sellerId, marketplaceId: amazon.marketplaceId })),
      ]
    },
  },
]
