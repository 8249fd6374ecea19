/**
 * A thin WooCommerce REST v3 client: `{baseUrl}/wp-json/wc/v3/...` with HTTP Basic auth
 * (consumer key and secret). Some hosts strip the Authorization header; `authInQuery` sends
 * the key and secret as query parameters instead (HTTPS only, as WooCommerce requires).
 * WooCommerce core has no rate limit, but hosts and security plugins do: 429s and
 * Retry-After are honoured by the shared retry policy.
 */
import { ChannelHttp, joinUrl, type HttpOptions, type HttpResponse } from '../../http.js'

export interface WooClientOptions extends HttpOptions {
  /** The WordPress site URL, e.g. https://shop.example.co.uk (or a simulator's URL). */
  baseUrl: string
  consumerKey: string
  consumerSecret: string
  authInQuery?: boolean
}

export type Query = Record<string, string | number | undefined>

export class WooClient {
  readonly http: ChannelHttp
  private readonly authorization: string

  constructor(private readonly options: WooClientOptions) {
    if (!options.baseUrl) throw new TypeError('WooCommerce baseUrl is required')
    if (!options.consumerKey || !options.consumerSecret) throw new TypeError('WooCommerce consumerKey and consumerSecret are required')
    this.http = new ChannelHttp('woocommerce', options)
    this.authorization = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`
  }

  get(path: string, query: Query = {}): Promise<HttpResponse> {
    return this.send('GET', path, query, undefined, true)
  }

  /** PUT of absolute values: safe to repeat. */
  put(path: string, body: unknown): Promise<HttpResponse> {
    return this.send('PUT', path, {}, body, true)
  }

  /** POST: `idempotent` only when repeating it cannot duplicate anything (batch stock sets). */
  post(path: string, body: unknown, idempotent: boolean): Promise<HttpResponse> {
    return this.send('POST', path, {}, body, idempotent)
  }

  private send(method: 'GET' | 'PUT' | 'POST', path: string, query: Query, body: unknown, idempotent: boolean): Promise<HttpResponse> {
    const auth = this.options.authInQuery ? { consumer_key: this.options.consumerKey, consumer_secret: this.options.consumerSecret } : {}
    return this.http.request({
      method,
      url: joinUrl(this.options.baseUrl, `/wp-json/wc/v3${path}`, { ...query, ...auth }),
      headers: this.options.authInQuery ? {} : { authorization: this.authorization },
      body,
      idempotent,
    })
  }
}
