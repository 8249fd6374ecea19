/**
 * The sync library's public surface: the ChannelConnector port and its types, the four
 * connectors, the simulators (tests and demo mode), and the pure engine pieces (retry policy,
 * import cursor, token bucket) the appliance's outbox and scheduler build on.
 */
export * from './connector.js'
export type { ChannelErrorDetails } from './channel-error.js'
export { kindForStatus } from './channel-error.js'
export { CARRIERS, carrierNames } from './carriers.js'
export { CURRENCY_EXPONENTS, currencyExponent, formatMinor, parseMinor } from './money.js'
export { WebhookDeduper } from './webhook.js'
export type { HttpOptions, FetchLike } from './http.js'

export { DEFAULT_RETRY_POLICY, decideRetry, delayFromHeaders, parseRetryAfter, type RetryDecision, type RetryPolicy } from './engine/retry-policy.js'
export { DEFAULT_SWEEP_OPTIONS, decodeCursor, type SweepOptions } from './engine/sweep.js'
export { TokenBucket } from './engine/token-bucket.js'

export { ShopifyConnector, type ShopifyConnectorOptions } from './channels/shopify/connector.js'
export { WooCommerceConnector, type WooConnectorOptions } from './channels/woocommerce/connector.js'
export { AmazonConnector, type AmazonConnectorOptions } from './channels/amazon/connector.js'
export { EbayConnector, type EbayConnectorOptions } from './channels/ebay/connector.js'

export type { ChannelSimulator, PlacedOrder, SimOrderState } from './simulators/simulator.js'
export type { SimOrderSpec, SimProduct } from './simulators/shared/catalogue.js'
export type { Fault } from './simulators/shared/faults.js'
export { SimulatedShopify, type SimulatedShopifyOptions } from './simulators/shopify/simulator.js'
export { SimulatedWooCommerce, type SimulatedWooCommerceOptions } from './simulators/woocommerce/simulator.js'
export { SimulatedAmazon, type SimulatedAmazonOptions } from './simulators/amazon/simulator.js'
export { SimulatedEbay, type SimulatedEbayOptions } from './simulators/ebay/simulator.js'
export { startDemoChannels, type DemoChannels, type DemoOptions } from './simulators/demo.js'
