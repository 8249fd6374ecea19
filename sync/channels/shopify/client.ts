/**
 * A thin Shopify GraphQL Admin API client: one POST per operation to
 * `{baseUrl}/admin/api/{apiVersion}/graphql.json` with X-Shopify-Access-Token.
 *
 * Rate limits are cost points in a leaky bucket. Each response reports
 * `extensions.cost.throttleStatus`; the client remembers it and the requested cost of each
 * operation, and before sending waits just long enough for the bucket to hold that cost, so
 * a long import runs at the limit instead of bouncing off it. A THROTTLED answer anyway
 * (another app on the same shop) becomes a `rate_limited` error whose retryAfterMs is the
 * time the missing points take to restore; the shared retry policy sleeps it.
 */
import type { z } from 'zod'
import { ChannelError } from '../../channel-error.js'
import { ChannelHttp, joinUrl, type HttpOptions, type HttpResponse } from '../../http.js'
import { parsePayload } from '../../mapping-support.js'

export interface ShopifyClientOptions extends HttpOptions {
  /** The shop's admin origin, e.g. https://my-shop.myshopify.com (or a simulator's URL). */
  baseUrl: string
  accessToken: string
  apiVersion?: string
}

interface ThrottleState {
  available: number
  maximum: number
  restoreRate: number
  at: number
}

interface CostExtension {
  requestedQueryCost?: number | null
  actualQueryCost?: number | null
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }
}

export class ShopifyGraphqlClient {
  readonly http: ChannelHttp
  private readonly url: string
  private readonly accessToken: string
  private throttle: ThrottleState | undefined
  private readonly costs = new Map<string, number>()

  constructor(options: ShopifyClientOptions) {
    if (!options.baseUrl) throw new TypeError('Shopify baseUrl is required')
    if (!options.accessToken) throw new TypeError('Shopify accessToken is required')
    this.http = new ChannelHttp('shopify', options)
    this.url = joinUrl(options.baseUrl, `/admin/api/${options.apiVersion ?? '2026-04'}/graphql.json`)
    this.accessToken = options.accessToken
  }

  /**
   * Runs one operation and parses `data` with `schema`. `idempotent`: may a 5xx or timeout
   * be retried blindly (queries, mutations carrying @idempotent keys)?
   */
  async request<S extends z.ZodType>(operationName: string, query: string, variables: Record<string, unknown>, schema: S, idempotent = true): Promise<z.infer<S>> {
    await this.pace(operationName)
    const response = await this.http.request({
      method: 'POST',
      url: this.url,
      headers: { 'x-shopify-access-token': this.accessToken },
      body: { query, variables, operationName },
      idempotent,
      inspect: (res) => this.inspect(operationName, res),
    })
    const data = (response.body as { data?: unknown }).data
    return parsePayload(schema, data, 'shopify', operationName)
  }

  /** Waits until the bucket should hold what `operationName` cost last time. */
  async pace(operationName: string): Promise<void> {
    const wait = this.waitFor(this.costs.get(operationName) ?? 0)
    if (wait > 0) await this.http.options.sleep(wait)
  }

  /** Milliseconds until `cost` points should be available (0 when unknown or available). */
  waitFor(cost: number): number {
    const t = this.throttle
    if (!t || cost <= 0) return 0
    const elapsed = (this.http.options.now() - t.at) / 1000
    const projected = Math.min(t.maximum, t.available + elapsed * t.restoreRate)
    return projected >= cost ? 0 : Math.ceil(((cost - projected) / t.restoreRate) * 1000)
  }

  private inspect(operationName: string, response: HttpResponse): ChannelError | undefined {
    const body = response.body
    if (!body || typeof body !== 'object') return new ChannelError('contract', 'shopify', `${operationName}: response is not JSON`, { cause: response.text })
    const { errors, extensions } = body as { errors?: unknown; extensions?: { cost?: CostExtension } }
    const cost = extensions?.cost
    if (cost?.throttleStatus) {
      const s = cost.throttleStatus
      this.throttle = { available: s.currentlyAvailable, maximum: s.maximumAvailable, restoreRate: s.restoreRate, at: this.http.options.now() }
    }
    if (typeof cost?.requestedQueryCost === 'number') this.costs.set(operationName, cost.requestedQueryCost)
    if (errors === undefined) return undefined
    const list = Array.isArray(errors) ? (errors as { message?: string; extensions?: { code?: string } }[]) : [{ message: String(errors) }]
    const code = list[0]?.extensions?.code
    const message = `${operationName}: ${list.map((e) => e.message ?? '?').join('; ')}`
    if (code === 'THROTTLED') {
      const requested = cost?.requestedQueryCost ?? this.costs.get(operationName) ?? 0
      return new ChannelError('rate_limited', 'shopify', message, { code, retryAfterMs: this.waitFor(requested) || 1000, cause: body })
    }
    if (code === 'ACCESS_DENIED') return new ChannelError('auth', 'shopify', message, { code, cause: body })
    if (code === 'INTERNAL_SERVER_ERROR') return new ChannelError('server', 'shopify', message, { code, cause: body })
    return new ChannelError('invalid', 'shopify', message, { code, cause: body })
  }
}
