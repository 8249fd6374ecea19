/**
 * Demo channels: the four channel simulators on loopback with simulated customers, and one
 * appliance account per channel pointed at them, so a newcomer watches online orders arrive,
 * get allocated and wait for picking, and sees every channel's stock follow the shop's.
 * The simulators' products join the demo catalogue (with stock in the backroom) the first
 * time; the accounts are created once and re-pointed at each start (simulators listen on
 * new ports every time).
 */
import { startDemoChannels, type DemoChannels } from '../../sync/simulators/demo.js'
import { DEMO_PRODUCTS } from '../../sync/simulators/shared/catalogue.js'
import type { SimulatedAmazon } from '../../sync/simulators/amazon/simulator.js'
import type { SimulatedEbay } from '../../sync/simulators/ebay/simulator.js'
import type { SimulatedShopify } from '../../sync/simulators/shopify/simulator.js'
import type { SimulatedWooCommerce } from '../../sync/simulators/woocommerce/simulator.js'
import type { Actor, Clock, UnitOfWork } from '../app/ports.js'
import { receiveStock } from '../app/stock.js'
import { createAccount, updateAccount, type AccountInput, type CredentialBox } from '../app/sync/accounts.js'
import type { StockRule } from '../core/sync-stock-rule.js'

export interface DemoSyncOptions {
  uow: UnitOfWork
  clock: Clock
  box: CredentialBox
  /** The appliance's own address: the simulators send their webhooks there. */
  applianceUrl: string
  /** A simulated customer orders on each channel this often (default 20 s). */
  customerIntervalMs?: number
}

const SYSTEM: Actor = { staffId: 'system', role: 'admin', station: 'appliance' }
const ZERO_VAT = new Set(['TEA-BREAKFAST-250', 'TEA-EARLGREY-250', 'HONEY-WILD-340'])

export const demoAccountId = (kind: string) => `demo-${kind}`

export async function startDemoSync(options: DemoSyncOptions): Promise<DemoChannels> {
  const { uow, clock, box } = options
  const hook = (kind: string) => `${options.applianceUrl}/api/webhooks/${demoAccountId(kind)}`
  // Ids move on with the clock, so orders of this run never reuse ids an earlier run's orders were imported under.
  const idOffset = Math.max(0, Math.floor(clock.now().getTime() / 1000) - 1_750_000_000)
  const demo = await startDemoChannels({ webhookUrls: { shopify: hook('shopify'), woocommerce: hook('woocommerce'), ebay: hook('ebay') }, idOffset })
  const { shopify, woocommerce, amazon, ebay } = demo.simulators as { shopify: SimulatedShopify; woocommerce: SimulatedWooCommerce; amazon: SimulatedAmazon; ebay: SimulatedEbay }
  const skuMap = Object.fromEntries(DEMO_PRODUCTS.map((p) => [p.sku, p.sku]))
  const rules = (rule: StockRule) => ({ default: rule, skus: {}, scope: 'mapped' as const })
  const accounts: AccountInput[] = [
    { kind: 'shopify', name: 'Demo Shopify shop', baseUrl: demo.urls.shopify, credentials: { accessToken: shopify.accessToken, webhookSecret: shopify.webhookSecret }, rules: rules({ kind: 'buffer', buffer: 0 }), importIntervalSeconds: 10 },
    { kind: 'woocommerce', name: 'Demo WooCommerce site', baseUrl: demo.urls.woocommerce, credentials: { consumerKey: woocommerce.consumerKey, consumerSecret: woocommerce.consumerSecret, webhookSecret: woocommerce.webhookSecret }, rules: rules({ kind: 'buffer', buffer: 1 }), importIntervalSeconds: 10 },
    {
      kind: 'amazon', name: 'Demo Amazon seller', baseUrl: demo.urls.amazon, credentials: { clientId: amazon.clientId, clientSecret: amazon.clientSecret, refreshToken: amazon.refreshToken },
      settings: { sellerId: amazon.sellerId, marketplaceId: amazon.marketplaceId, authUrl: demo.urls.amazon }, rules: rules({ kind: 'share', percent: 50 }), importIntervalSeconds: 60,
    },
    { kind: 'ebay', name: 'Demo eBay shop', baseUrl: demo.urls.ebay, credentials: { clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken }, settings: { authUrl: demo.urls.ebay }, rules: rules({ kind: 'buffer', buffer: 0 }), importIntervalSeconds: 10 },
  ]
  try {
    await uow.run(async (s) => {
      const now = clock.now()
      const missing = []
      for (const p of DEMO_PRODUCTS) if (!(await s.catalogue.exists(p.sku))) missing.push(p)
      const products = missing.map((p) => ({
        sku: p.sku, handle: p.sku.toLowerCase(), name: p.title, category: ZERO_VAT.has(p.sku) ? 'Grocery' : 'Homeware',
        priceMinor: p.priceMinor, costMinor: Math.round(p.priceMinor * 0.45), vatRateBp: ZERO_VAT.has(p.sku) ? 0 : 2000, barcodes: [],
      }))
      if (products.length) {
        await s.catalogue.upsertMany(products, now)
        s.publish({ type: 'catalogue.changed', products })
        for (const p of missing) await receiveStock(s, { sku: p.sku, location: 'backroom', quantity: p.stock * 3, reference: 'demo channels' }, SYSTEM, now)
      }
      for (const input of accounts) {
        const id = demoAccountId(input.kind)
        if (await s.sync.account(id)) await updateAccount(s, box, id, { baseUrl: input.baseUrl, credentials: input.credentials, settings: input.settings }, SYSTEM, now)
        else await createAccount(s, box, { ...input, id, skuMap }, SYSTEM, now)
      }
    })
  } catch (error) {
    await demo.stop()
    throw error
  }
  const interval = options.customerIntervalMs ?? 20_000
  Object.values(demo.simulators).forEach((sim, i) => sim.startCustomers({ intervalMs: interval, seed: idOffset + i }))
  return demo
}
