/**
 * Demo mode in one call: starts all four channel simulators on loopback, optionally with
 * simulated customers, and returns connectors already pointed at them — exactly as the
 * appliance would build them for real channels, only with the simulators' URLs and secrets.
 */
import { AmazonConnector } from '../channels/amazon/connector.js'
import { EbayConnector } from '../channels/ebay/connector.js'
import { ShopifyConnector } from '../channels/shopify/connector.js'
import { WooCommerceConnector } from '../channels/woocommerce/connector.js'
import type { ChannelId } from '../channel-id.js'
import type { ChannelConnector } from '../connector.js'
import { SimulatedAmazon } from './amazon/simulator.js'
import { SimulatedEbay } from './ebay/simulator.js'
import { SimulatedShopify } from './shopify/simulator.js'
import type { ChannelSimulator } from './simulator.js'
import { SimulatedWooCommerce } from './woocommerce/simulator.js'

export interface DemoChannels {
  simulators: Record<ChannelId, ChannelSimulator>
  connectors: Record<ChannelId, ChannelConnector>
  urls: Record<ChannelId, string>
  stop(): Promise<void>
}

export interface DemoOptions {
  /** Place random orders every `intervalMs` on each channel (off when omitted). */
  customers?: { intervalMs?: number; seed?: number }
  /** Where the simulators send signed webhooks, per channel (Amazon has none). */
  webhookUrls?: Partial<Record<Exclude<ChannelId, 'amazon'>, string>>
  /** Offsets the simulators' order ids (see BaseSimulatorOptions.idOffset). */
  idOffset?: number
}

export async function startDemoChannels(options: DemoOptions = {}): Promise<DemoChannels> {
  const idOffset = options.idOffset
  const shopify = new SimulatedShopify({ webhookUrl: options.webhookUrls?.shopify, idOffset })
  const woocommerce = new SimulatedWooCommerce({ webhookUrl: options.webhookUrls?.woocommerce, idOffset })
  const amazon = new SimulatedAmazon({ idOffset })
  const ebay = new SimulatedEbay({ webhookUrl: options.webhookUrls?.ebay, idOffset })
  const simulators = { shopify, woocommerce, amazon, ebay }
  const urls = {
    shopify: (await shopify.start()).url,
    woocommerce: (await woocommerce.start()).url,
    amazon: (await amazon.start()).url,
    ebay: (await ebay.start()).url,
  }
  const connectors: Record<ChannelId, ChannelConnector> = {
    shopify: new ShopifyConnector({ baseUrl: urls.shopify, accessToken: shopify.accessToken, webhookSecret: shopify.webhookSecret }),
    woocommerce: new WooCommerceConnector({ baseUrl: urls.woocommerce, consumerKey: woocommerce.consumerKey, consumerSecret: woocommerce.consumerSecret, webhookSecret: woocommerce.webhookSecret }),
    amazon: new AmazonConnector({ baseUrl: urls.amazon, authUrl: urls.amazon, clientId: amazon.clientId, clientSecret: amazon.clientSecret, refreshToken: amazon.refreshToken, sellerId: amazon.sellerId, marketplaceId: amazon.marketplaceId }),
    ebay: new EbayConnector({ baseUrl: urls.ebay, clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken }),
  }
  if (options.customers) {
    const { intervalMs = 5000, seed = 1 } = options.customers
    Object.values(simulators).forEach((sim, i) => sim.startCustomers({ intervalMs, seed: seed + i }))
  }
  return {
    simulators,
    connectors,
    urls,
    stop: async () => {
      await Promise.all(Object.values(simulators).map((sim) => sim.stop()))
    },
  }
}
