/**
 * A thin eBay REST client. OAuth2 at `{baseUrl}/identity/v1/oauth2/token` with the app's
 * client id and secret as Basic auth: the seller's refresh token buys two-hour user access
 * tokens (Sell APIs); the client-credentials grant buys an application token (Notification
 * API public keys). Tokens are renewed a minute early and once more on a 401. eBay limits by
 * daily quotas and answers 429 without Retry-After: the retry policy backs off.
 */
import { z } from 'zod'
import { ChannelError } from '../../channel-error.js'
import { ChannelHttp, joinUrl, type HttpOptions, type HttpResponse } from '../../http.js'
import { parsePayload } from '../../mapping-support.js'

export interface EbayClientOptions extends HttpOptions {
  /** https://api.ebay.com (or the sandbox, or a simulator). */
  baseUrl: string
  /** Where the Identity API lives; default apiz.ebay.com for eBay's hosts, else baseUrl. */
  identityUrl?: string
  clientId: string
  clientSecret: string
  /** The seller's OAuth refresh token (18 months). */
  refreshToken: string
  scopes?: string[]
  /** X-EBAY-C-MARKETPLACE-ID, e.g. EBAY_GB. */
  marketplaceId?: string
}

export interface EbayRequest {
  method: 'GET' | 'POST'
  path: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  idempotent: boolean
  /** Use the application token (client credentials) instead of the seller's. */
  app?: boolean
  identity?: boolean
}

const DEFAULT_SCOPES = ['https://api.ebay.com/oauth/api_scope/sell.fulfillment', 'https://api.ebay.com/oauth/api_scope/sell.inventory', 'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly']
const Token = z.object({ access_token: z.string(), expires_in: z.number() })

export class EbayClient {
  readonly http: ChannelHttp
  private readonly tokens = new Map<'user' | 'app', { value: string; expires: number }>()

  constructor(private readonly options: EbayClientOptions) {
    for (const key of ['baseUrl', 'clientId', 'clientSecret', 'refreshToken'] as const) if (!options[key]) throw new TypeError(`eBay ${key} is required`)
    this.http = new ChannelHttp('ebay', options)
  }

  async request(request: EbayRequest): Promise<HttpResponse> {
    try {
      return await this.send(request)
    } catch (error) {
      if (!(error instanceof ChannelError) || error.kind !== 'auth') throw error
      this.tokens.delete(request.app ? 'app' : 'user')
      return this.send(request)
    }
  }

  private async send(request: EbayRequest): Promise<HttpResponse> {
    const token = await this.token(request.app ? 'app' : 'user')
    const base = request.identity ? identityBase(this.options) : this.options.baseUrl
    return this.http.request({
      method: request.method,
      url: joinUrl(base, request.path, request.query),
      headers: {
        authorization: `Bearer ${token}`,
        'x-ebay-c-marketplace-id': this.options.marketplaceId ?? 'EBAY_GB',
        ...(request.body !== undefined ? { 'content-language': 'en-GB' } : {}),
      },
      body: request.body,
      idempotent: request.idempotent,
    })
  }

  private async token(kind: 'user' | 'app'): Promise<string> {
    const now = this.http.options.now()
    const cached = this.tokens.get(kind)
    if (cached && cached.expires - 60_000 > now) return cached.value
    const form = kind === 'user'
      ? new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.options.refreshToken, scope: (this.options.scopes ?? DEFAULT_SCOPES).join(' ') })
      : new URLSearchParams({ grant_type: 'client_credentials', scope: 'https://api.ebay.com/oauth/api_scope' })
    let response: HttpResponse
    try {
      response = await this.http.request({
        method: 'POST',
        url: joinUrl(this.options.baseUrl, '/identity/v1/oauth2/token'),
        headers: { authorization: `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}` },
        body: form,
        idempotent: true,
      })
    } catch (error) {
      if (error instanceof ChannelError && (error.kind === 'invalid' || error.kind === 'auth')) {
        throw new ChannelError('auth', 'ebay', `eBay OAuth refused the ${kind === 'user' ? 'refresh token' : 'client credentials'} (${error.code ?? error.status})`, { code: error.code, status: error.status, cause: error })
      }
      throw error
    }
    const parsed = parsePayload(Token, response.body, 'ebay', 'OAuth token')
    this.tokens.set(kind, { value: parsed.access_token, expires: now + parsed.expires_in * 1000 })
    return parsed.access_token
  }
}

/** The Identity API lives on apiz.* for eBay's own hosts; anything else (a simulator) serves it itself. */
function identityBase(options: EbayClientOptions): string {
  if (options.identityUrl) return options.identityUrl
  const url = new URL(options.baseUrl)
  if (url.hostname === 'api.ebay.com' || url.hostname === 'api.sandbox.ebay.com') url.hostname = url.hostname.replace(/^api\./, 'apiz.')
  return url.toString()
}
