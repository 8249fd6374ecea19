/**
 * Test doubles for the UI's injected dependencies: a scripted fetch that records every
 * request, a realtime hub the test can emit on, and in-memory storage. No vi.mock.
 */
import type { RoleName, ServerEvents, SessionInfo } from '../../../appliance/api/contract.js'
import type { FetchLike } from '../../../ui/data/api.js'
import type { Realtime } from '../../../ui/data/realtime.js'
import { createServices, type AppServices } from '../../../ui/data/services.js'
import type { KeyValueStore } from '../../../ui/data/settings.js'

export interface RecordedRequest {
  method: string
  /** Path and query, e.g. `/api/products?q=mug`. */
  url: string
  headers: Record<string, string>
  /** Parsed JSON for JSON bodies, otherwise the raw body. */
  body: unknown
  credentials: RequestCredentials | undefined
}

type Reply = Response | ((request: RecordedRequest) => Response | Promise<Response>)

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })

export const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Response =>
  new Response(JSON.stringify({ type: `about:blank#${code}`, title: 'Error', status, code, detail, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  })

/**
 * Routes by `METHOD path` (path with query string, exact) to scripted replies. A route given
 * several replies answers them in turn and repeats the last. Unscripted requests answer 501
 * and are listed in `unmatched`, so a test sees them.
 */
export class FakeApi {
  readonly requests: RecordedRequest[] = []
  readonly unmatched: string[] = []
  readonly #routes = new Map<string, Reply[]>()

  on(method: string, url: string, ...replies: Reply[]): this {
    this.#routes.set(`${method.toUpperCase()} ${url}`, replies)
    return this
  }

  /** Requests to one route, in order. */
  calls(method: string, url: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method.toUpperCase() && (typeof url === 'string' ? r.url === url : url.test(r.url)))
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase()
    const headers: Record<string, string> = {}
    new Headers(init.headers).forEach((value, key) => (headers[key.toLowerCase()] = value))
    let body: unknown = init.body
    if (typeof init.body === 'string' && headers['content-type']?.includes('json')) body = JSON.parse(init.body)
    const request: RecordedRequest = { method, url: input, headers, body, credentials: init.credentials }
    this.requests.push(request)
    const key = `${method} ${input}`
    const replies = this.#routes.get(key)
    if (!replies || replies.length === 0) {
      this.unmatched.push(key)
      return problem(501, 'not_scripted', `No fake reply for ${key}`)
    }
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!
    return typeof reply === 'function' ? reply(request) : reply.clone()
  }
}

/** Emits server events on demand and counts live subscriptions. */
export class FakeRealtime implements Realtime {
  readonly #handlers = new Map<string, Set<(payload: never) => void>>()
  closed = 0

  on<E extends keyof ServerEvents>(event: E, handler: ServerEvents[E]): () => void {
    const set = this.#handlers.get(event) ?? new Set()
    set.add(handler as (payload: never) => void)
    this.#handlers.set(event, set)
    return () => set.delete(handler as (payload: never) => void)
  }

  emit<E extends keyof ServerEvents>(event: E, payload: Parameters<ServerEvents[E]>[0]): void {
    for (const handler of this.#handlers.get(event) ?? []) (handler as (p: typeof payload) => void)(payload)
  }

  listeners(event: keyof ServerEvents): number {
    return this.#handlers.get(event)?.size ?? 0
  }

  close(): void {
    this.closed++
  }
}

export class MemoryStorage implements KeyValueStore {
  readonly #map = new Map<string, string>()
  getItem(key: string): string | null {
    return this.#map.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.#map.set(key, value)
  }
}

export function sessionInfo(role: RoleName = 'manager', name = 'Maya', id = 'maya'): SessionInfo {
  return { staff: { id, name, role }, station: 'till-1', csrfToken: 'csrf-123', expiresAt: '2030-01-01T00:00:00Z', demo: false }
}

export interface TestServices extends AppServices {
  fake: FakeApi
  live: FakeRealtime
  memory: MemoryStorage
}

/** Real API client and session store over the fakes; optionally already signed in. */
export function testServices(options: { signedIn?: SessionInfo } = {}): TestServices {
  const fake = new FakeApi()
  const live = new FakeRealtime()
  const memory = new MemoryStorage()
  const services = createServices({ fetch: fake.fetch, realtime: live, storage: memory })
  if (options.signedIn) services.session.set(options.signedIn)
  return { ...services, fake, live, memory }
}
