/**
 * A thin Selling Partner API client. Login with Amazon: the refresh-token grant at
 * `{authUrl}/auth/o2/token` gives an access token for an hour; it goes in
 * `x-amz-access-token`, is renewed a minute early, and once more if a call answers 403 with
 * it. Buyer PII needs a restricted data token (Tokens API) for the orders calls.
 *
 * Amazon limits each operation with a token bucket (rate/s, burst) and answers 429 without
 * Retry-After. The client keeps a bucket per operation, starting from Amazon's published
 * figures and retuned from each response's `x-amzn-RateLimit-Limit`, and waits for a token
 * before sending; a 429 anyway waits one token's worth (the retry policy reads the header).
 */
import { z } from 'zod'
import { ChannelError } from '../../channel-error.js'
import { TokenBucket } from '../../engine/token-bucket.js'
import { ChannelHttp, joinUrl, type HttpOptions, type HttpResponse } from '../../http.js'
import { parsePayload } from '../../mapping-support.js'

export type SpApiOperation = 'getOrders' | 'getOrder' | 'getOrderItems' | 'confirmShipment' | 'patchListingsItem' | 'getListingsItem' | 'createRestrictedDataToken' | 'getMarketplaceParticipations'

/** Amazon's published per-operation limits: the client's starting point. */
export const SP_API_LIMITS: Readonly<Record<SpApiOperation, { rate: number; burst: number }>> = Object.freeze({
  getOrders: { rate: 0.0167, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  getListingsItem: { rate: 5, burst: 10 },
  createRestrictedDataToken: { rate: 1, burst: 10 },
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
})

export interface SpApiClientOptions extends HttpOptions {
  /** The SP-API regional endpoint, e.g. https://sellingpartnerapi-eu.amazon.com (or a simulator). */
  baseUrl: string
  /** Login with Amazon; default https://api.amazon.com. */
  authUrl?: string
  clientId: string
  clientSecret: string
  refreshToken: string
  /** Starting per-operation limits for self-pacing (default SP_API_LIMITS); false: do not pace. */
  rateLimits?: Partial<Record<SpApiOperation, { rate: number; burst: number }>> | false
}

export interface SpApiRequest {
  operation: SpApiOperation
  method: 'GET' | 'POST' | 'PATCH'
  path: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  idempotent: boolean
  /** Send this restricted data token instead of the access token. */
  restrictedDataToken?: string
}

const Token = z.object({ access_token: z.string(), expires_in: z.number() })

export class SpApiClient {
  readonly http: ChannelHttp
  private token: { value: string; expires: number } | undefined
  private readonly buckets = new Map<SpApiOperation, TokenBucket>()

  constructor(private readonly options: SpApiClientOptions) {
    for (const key of ['baseUrl', 'clientId', 'clientSecret', 'refreshToken'] as const) if (!options[key]) throw new TypeError(`Amazon ${key} is required`)
    this.http = new ChannelHttp('amazon', options)
  }

  async request(request: SpApiRequest): Promise<HttpResponse> {
    try {
      return await this.send(request)
    } catch (error) {
      if (!(error instanceof ChannelError) || error.kind !== 'auth' || request.restrictedDataToken) throw error
      this.token = undefined
      return this.send(request)
    }
  }

  private async send(request: SpApiRequest): Promise<HttpResponse> {
    const token = request.restrictedDataToken ?? (await this.accessToken())
    await this.pace(request.operation)
    const response = await this.http.request({
      method: request.method,
      url: joinUrl(this.options.baseUrl, request.path, request.query),
      headers: { 'x-amz-access-token': token },
      body: request.body,
      idempotent: request.idempotent,
    })
    this.learn(request.operation, response.headers.get('x-amzn-ratelimit-limit'))
    return response
  }

  /** The LWA access token, refreshed a minute before it expires. */
  async accessToken(): Promise<string> {
    const now = this.http.options.now()
    if (this.token && this.token.expires - 60_000 > now) return this.token.value
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.options.refreshToken, client_id: this.options.clientId, client_secret: this.options.clientSecret })
    let response: HttpResponse
    try {
      response = await this.http.request({ method: 'POST', url: joinUrl(this.options.authUrl ?? 'https://api.amazon.com', '/auth/o2/token'), body: form, idempotent: true })
    } catch (error) {
      if (error instanceof ChannelError && (error.kind === 'invalid' || error.kind === 'auth')) {
        throw new ChannelError('auth', 'amazon', `Login with Amazon refused the refresh token (${error.code ?? error.status})`, { code: error.code, status: error.status, cause: error })
      }
      throw error
    }
    const parsed = parsePayload(Token, response.body, 'amazon', 'LWA token')
    this.token = { value: parsed.access_token, expires: now + parsed.expires_in * 1000 }
    return parsed.access_token
  }

  private async pace(operation: SpApiOperation): Promise<void> {
    if (this.options.rateLimits === false) return
    const { now, sleep } = this.http.options
    let bucket = this.buckets.get(operation)
    if (!bucket) {
      const limit = this.options.rateLimits?.[operation] ?? SP_API_LIMITS[operation]
      bucket = new TokenBucket(limit.burst, limit.rate, now())
      this.buckets.set(operation, bucket)
    }
    const wait = bucket.waitMs(now())
    if (wait > 0) await sleep(wait)
    bucket.tryTake(now())
  }

  private learn(operation: SpApiOperation, header: string | null): void {
    const rate = Number(header)
    const bucket = this.buckets.get(operation)
    if (!bucket || !(rate > 0) || Math.abs(rate - bucket.ratePerSecond) < 1e-9) return
    this.buckets.set(operation, bucket.retuned(this.http.options.now(), rate))
  }
}
