/**
 * From an account to a connector. The engine's outbox does the patient retrying (hours,
 * durably, visible on the status screen), so connectors are built to retry only briefly
 * inside one call.
 */
import { AmazonConnector } from '../../sync/channels/amazon/connector.js'
import { EbayConnector } from '../../sync/channels/ebay/connector.js'
import { ShopifyConnector } from '../../sync/channels/shopify/connector.js'
import { WooCommerceConnector } from '../../sync/channels/woocommerce/connector.js'
import type { ChannelConnector } from '../../sync/connector.js'
import type { HttpOptions } from '../../sync/http.js'
import { checkSettings } from '../app/sync/connectors.js'
import type { ChannelAccount, ConnectorFactory } from '../app/sync/ports.js'
import { invalid } from '../core/errors.js'

/** Short in-call retries: anything longer is the outbox's and the scheduler's job. */
export const DEFAULT_CONNECTOR_HTTP: HttpOptions = { timeoutMs: 15_000, retry: { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 2000, maxRetryAfterMs: 5000 } }

export function connectorFactory(http: HttpOptions = DEFAULT_CONNECTOR_HTTP): ConnectorFactory {
  return (account, credentials) => buildConnector(account, credentials, http)
}

export function buildConnector(account: ChannelAccount, c: Record<string, string>, http: HttpOptions): ChannelConnector {
  const s = account.settings
  const need = (key: string) => {
    const value = c[key]
    if (!value) throw invalid(`The ${account.kind} account ${account.id} has no ${key}: enter the credentials again`, `credentials.${key}`)
    return value
  }
  switch (account.kind) {
    case 'shopify':
      return new ShopifyConnector({
        ...http, baseUrl: account.baseUrl, accessToken: need('accessToken'), webhookSecret: need('webhookSecret'),
        ...(s.apiVersion ? { apiVersion: s.apiVersion } : {}), ...(account.locationMap.channelLocation ? { locationId: account.locationMap.channelLocation } : {}),
      })
    case 'woocommerce':
      return new WooCommerceConnector({ ...http, baseUrl: account.baseUrl, consumerKey: need('consumerKey'), consumerSecret: need('consumerSecret'), webhookSecret: need('webhookSecret') })
    case 'amazon':
      checkSettings('amazon', s)
      return new AmazonConnector({
        ...http, baseUrl: account.baseUrl, clientId: need('clientId'), clientSecret: need('clientSecret'), refreshToken: need('refreshToken'),
        sellerId: s.sellerId ?? '', marketplaceId: s.marketplaceId ?? '', ...(s.authUrl ? { authUrl: s.authUrl } : {}),
        ...(s.pacing === false ? { rateLimits: false as const } : {}),
      })
    case 'ebay':
      return new EbayConnector({ ...http, baseUrl: account.baseUrl, clientId: need('clientId'), clientSecret: need('clientSecret'), refreshToken: need('refreshToken'), ...(s.authUrl ? { identityUrl: s.authUrl } : {}) })
  }
}
