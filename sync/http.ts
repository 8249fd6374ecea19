/**
 * The fetch wrapper every channel client uses: a timeout per attempt, responses mapped to
 * ChannelError kinds, and retries per the retry policy. `fetch`, `sleep`, `now` and `random`
 * are injected so tests and simulators need no timers or mocks.
 *
 * Retrying is safe when the request did not happen (429) or when repeating it cannot do
 * twice what should happen once (`idempotent`: GETs, absolute sets, calls carrying an
 * idempotency key). A non-idempotent POST that timed out is NOT repeated here: the
 * connector re-checks the channel's state first (see `withRetry`).
 */
import { ChannelError, kindForStatus } from './channel-error.js'
import type { ChannelId } from './channel-id.js'
import { DEFAULT_RETRY_POLICY, decideRetry, delayFromHeaders, type RetryPolicy } from './engine/retry-policy.js'

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface HttpOptions {
  fetch?: FetchLike
  /** Per attempt. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
  /** Called before each retry: for logs and tests. */
  onRetry?: (info: { attempt: number; delayMs: number; error: ChannelError }) => void
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  headers?: Record<string, string>
  /** JSON-serialised unless already a string or URLSearchParams. */
  body?: unknown
  /** May 5xx and timeouts be repeated? 429s always are. */
  idempotent: boolean
  /**
   * Looks at a 2xx response and may turn it into an error (Shopify THROTTLED arrives as 200).
   * Return undefined to accept it.
   */
  inspect?: (response: HttpResponse) => ChannelError | undefined
}

export interface HttpResponse {
  status: number
  headers: Headers
  /** Parsed JSON, or the raw text when the body was not JSON, or null when empty. */
  body: unknown
  text: string
}

export interface ResolvedHttpOptions {
  fetch: FetchLike
  timeoutMs: number
  retry: RetryPolicy
  sleep: (ms: number) => Promise<void>
  now: () => number
  random: () => number
  onRetry: ((info: { attempt: number; delayMs: number; error: ChannelError }) => void) | undefined
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function resolveHttpOptions(options: HttpOptions = {}): ResolvedHttpOptions {
  const timeoutMs = options.timeoutMs ?? 20_000
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive')
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    sleep: options.sleep ?? realSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    onRetry: options.onRetry,
  }
}

export class ChannelHttp {
  readonly options: ResolvedHttpOptions

  constructor(readonly channel: ChannelId, options: HttpOptions = {}) {
    this.options = resolveHttpOptions(options)
  }

  /** Sends with retries; resolves with a 2xx response or throws ChannelError. */
  request(request: HttpRequest): Promise<HttpResponse> {
    return withRetry(this.channel, this.options, () => this.once(request), request.idempotent)
  }

  /** One attempt, no retries. */
  async once(request: HttpRequest): Promise<HttpResponse> {
    const { body, contentType } = encodeBody(request.body)
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers }
    if (contentType && !hasHeader(headers, 'content-type')) headers['content-type'] = contentType
    let response: Response
    let text: string
    try {
      response = await this.options.fetch(request.url, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      throw transportError(this.channel, request, error, this.options.timeoutMs)
    }
    const result: HttpResponse = { status: response.status, headers: response.headers, body: parseBody(text), text }
    if (response.status < 200 || response.status > 299) throw this.statusError(request, result)
    const inspected = request.inspect?.(result)
    if (inspected) throw inspected
    return result
  }

  private statusError(request: HttpRequest, response: HttpResponse): ChannelError {
    const kind = kindForStatus(response.status)
    const retryAfterMs = kind === 'rate_limited' || kind === 'server'
      ? delayFromHeaders(response.headers, this.options.now())
      : undefined
    const detail = summarise(response.text)
    return new ChannelError(kind, this.channel, `${request.method} ${pathOf(request.url)} answered ${response.status}${detail ? `: ${detail}` : ''}`, {
      status: response.status,
      retryAfterMs,
      code: errorCode(response.body),
      cause: response.body,
    })
  }
}

/**
 * Runs `attempt` until it succeeds, a non-retryable ChannelError is thrown, or the policy
 * gives up. When `repeatable` is false only rate-limit errors (the call never ran) retry.
 */
export async function withRetry<T>(
  channel: ChannelId,
  options: ResolvedHttpOptions,
  attempt: () => Promise<T>,
  repeatable = true,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (caught) {
      const error = caught instanceof ChannelError ? caught : new ChannelError('contract', channel, String(caught), { cause: caught })
      if (!repeatable && error.kind !== 'rate_limited') throw error
      const decision = decideRetry(error, n, options.retry, options.random)
      if (!decision.retry) throw error
      options.onRetry?.({ attempt: n, delayMs: decision.delayMs, error })
      await options.sleep(decision.delayMs)
    }
  }
}

function encodeBody(body: unknown): { body: BodyInit | undefined; contentType: string | undefined } {
  if (body === undefined) return { body: undefined, contentType: undefined }
  if (body instanceof URLSearchParams) return { body: body.toString(), contentType: 'application/x-www-form-urlencoded' }
  if (typeof body === 'string') return { body, contentType: undefined }
  return { body: JSON.stringify(body), contentType: 'application/json' }
}

function parseBody(text: string): unknown {
  if (text === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function transportError(channel: ChannelId, request: HttpRequest, error: unknown, timeoutMs: number): ChannelError {
  const name = error instanceof Error ? error.name : ''
  const where = `${request.method} ${pathOf(request.url)}`
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ChannelError('timeout', channel, `${where} gave no answer within ${timeoutMs} ms`, { cause: error })
  }
  const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
  return new ChannelError('network', channel, `${where} failed: ${message}`, { cause: error })
}

function errorCode(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  const record = body as Record<string, unknown>
  if (typeof record.code === 'string') return record.code
  if (typeof record.error === 'string') return record.error
  const first = Array.isArray(record.errors) ? (record.errors[0] as Record<string, unknown> | undefined) : undefined
  if (first && typeof first.code === 'string') return first.code
  if (first && typeof first.errorId === 'number') return String(first.errorId)
  return undefined
}

const summarise = (text: string) => text.replace(/\s+/g, ' ').slice(0, 300)
const hasHeader = (headers: Record<string, string>, name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name)

/** The path and query, without the origin: error messages stay readable and free of hosts. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.pathname
  } catch {
    return url
  }
}

/** Joins a base URL and a path without doubling or losing slashes. */
export function joinUrl(base: string, path: string, query?: Record<string, string | number | undefined>): string {
  const url = new URL(base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`))
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value))
  return url.toString()
}
