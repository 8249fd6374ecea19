import type { Problem } from '../../appliance/api/contract.js'

/** The subset of `fetch` the UI uses; tests pass a fake. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/**
 * An error answer from the appliance (its problem+json body), or a failure to reach it
 * (`status` 0, `code` "network"). `detail` is a sentence for the person at the screen.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly field: string | undefined
  /** The whole problem body, extension members included (`remainingAttempts`, …). */
  readonly problem: Partial<Problem> & Record<string, unknown>
  /** Seconds from a `Retry-After` header, when the answer had one. */
  readonly retryAfterSeconds: number | undefined

  constructor(problem: Partial<Problem> & Record<string, unknown>, status: number, retryAfterSeconds?: number) {
    const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : fallbackDetail(status)
    super(detail)
    this.status = status
    this.code = typeof problem.code === 'string' ? problem.code : status === 0 ? 'network' : `http_${status}`
    this.title = typeof problem.title === 'string' ? problem.title : 'Something went wrong'
    this.detail = detail
    this.field = typeof problem.field === 'string' ? problem.field : undefined
    this.problem = problem
    this.retryAfterSeconds = retryAfterSeconds
  }

  /** Worth sending again unchanged: the appliance was unreachable, busy or failed. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500
  }
}

function fallbackDetail(status: number): string {
  if (status === 0) return "Can't reach the appliance. Check the network connection and try again."
  if (status === 401) return 'Please sign in again.'
  if (status === 403) return "You don't have permission to do that."
  if (status === 404) return 'Not found.'
  if (status >= 500) return 'The appliance hit a problem. Try again in a moment.'
  return `The request failed (HTTP ${status}).`
}

/** Turns anything thrown into the sentence to show. */
export function errorDetail(error: unknown): string {
  if (error instanceof ApiError) return error.detail
  if (error instanceof Error && error.message) return error.message
  return 'Something went wrong.'
}

export interface ApiClientOptions {
  fetch: FetchLike
  /** Prefix for every path; '' for the same origin. */
  baseUrl?: string
  /** The session's CSRF token, sent as `X-CSRF-Token` on every non-GET request. */
  csrfToken?: () => string | undefined
  /** Called on any 401 answer: the session is gone, back to the sign-in screen. */
  onUnauthorized?: (error: ApiError) => void
}

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is (a File for uploads) with `contentType`. */
  body?: BodyInit
  contentType?: string
  headers?: Record<string, string>
  signal?: AbortSignal
}

/** The one place that talks HTTP to the appliance. */
export class ApiClient {
  readonly #fetch: FetchLike
  readonly #baseUrl: string
  readonly #csrfToken: () => string | undefined
  readonly #onUnauthorized: (error: ApiError) => void

  constructor({ fetch, baseUrl = '', csrfToken = () => undefined, onUnauthorized = () => {} }: ApiClientOptions) {
    this.#fetch = fetch
    this.#baseUrl = baseUrl
    this.#csrfToken = csrfToken
    this.#onUnauthorized = onUnauthorized
  }

  /** An absolute-or-relative URL for links (exports, downloads). */
  url(path: string): string {
    return this.#baseUrl + path
  }

  get<T>(path: string, options: Omit<RequestOptions, 'json' | 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options)
  }

  post<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, options)
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, options)
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
    let body: BodyInit | undefined = options.body
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.json)
    } else if (options.contentType) {
      headers['Content-Type'] = options.contentType
    }
    if (method !== 'GET' && method !== 'HEAD') {
      const token = this.#csrfToken()
      if (token) headers['X-CSRF-Token'] = token
    }
    const init: RequestInit = { method, headers, credentials: 'same-origin' }
    if (body !== undefined) init.body = body
    if (options.signal) init.signal = options.signal

    let response: Response
    try {
      response = await this.#fetch(this.#baseUrl + path, init)
    } catch (cause) {
      if (options.signal?.aborted) throw cause
      throw new ApiError({}, 0)
    }
    if (!response.ok) {
      const error = await toApiError(response)
      if (response.status === 401) this.#onUnauthorized(error)
      throw error
    }
    if (response.status === 204) return undefined as T
    const type = response.headers.get('content-type') ?? ''
    if (type.includes('json')) return (await response.json()) as T
    return (await response.text()) as T
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN)
  const seconds = Number.isFinite(retryAfter) ? retryAfter : undefined
  const type = response.headers.get('content-type') ?? ''
  let problem: Record<string, unknown> = {}
  if (type.includes('json')) {
    try {
      const parsed: unknown = await response.json()
      if (parsed && typeof parsed === 'object') problem = parsed as Record<string, unknown>
    } catch {
      // A broken error body still leaves us the status.
    }
  }
  return new ApiError(problem, response.status, seconds)
}
