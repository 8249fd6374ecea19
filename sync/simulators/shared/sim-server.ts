/**
 * The HTTP server under every simulator: node:http on 127.0.0.1:0, a tiny router, scripted
 * faults applied before routing, a request log for tests, and a loud 501 naming the method
 * and path for anything the simulator does not implement.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FaultScript } from './faults.js'

export interface SimRequest {
  method: string
  path: string
  url: URL
  rawBody: Buffer
  header(name: string): string | undefined
  /** The body as JSON; throws SimHttpError 400 when it is not. */
  json(): unknown
  /** The body as a form (application/x-www-form-urlencoded). */
  form(): URLSearchParams
}

export interface SimResponse {
  status: number
  headers?: Record<string, string>
  /** JSON-serialised; a string is sent as is. */
  body?: unknown
}

export type SimHandler = (request: SimRequest, params: Record<string, string>) => SimResponse | Promise<SimResponse>

export interface SimLogEntry {
  method: string
  path: string
  status: number
  at: number
}

/** Throw from a handler to answer with a status and body. */
export class SimHttpError extends Error {
  constructor(readonly status: number, readonly body: unknown, readonly headers: Record<string, string> = {}) {
    super(`simulated ${status}`)
  }
}

interface Route {
  method: string
  parts: string[]
  handler: SimHandler
}

export class SimServer {
  readonly log: SimLogEntry[] = []
  private readonly routes: Route[] = []
  private server: Server | undefined
  private readonly held = new Set<ServerResponse>()

  constructor(readonly name: string, private readonly faults: FaultScript, private readonly now: () => number = Date.now) {}

  route(method: string, pattern: string, handler: SimHandler): this {
    this.routes.push({ method, parts: pattern.split('/'), handler })
    return this
  }

  async start(): Promise<{ url: string }> {
    if (this.server) throw new Error(`${this.name} simulator already started`)
    const server = createServer((req, res) => void this.handle(req, res))
    server.keepAliveTimeout = 1000
    this.server = server
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}` }
  }

  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    for (const res of this.held) res.destroy()
    this.held.clear()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://simulator.local')
    const method = req.method ?? 'GET'
    const request = toSimRequest(req, method, url, rawBody)
    const fault = this.faults.takeRequestFault(method, url.pathname)
    if (fault?.kind === 'timeout') {
      this.held.add(res)
      res.on('close', () => this.held.delete(res))
      this.log.push({ method, path: url.pathname, status: 0, at: this.now() })
      return
    }
    let response: SimResponse
    if (fault?.kind === 'status') {
      response = { status: fault.status, headers: { ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}), ...fault.headers }, body: fault.body ?? { errors: `simulated ${fault.status}` } }
    } else if (fault?.kind === 'malformed') {
      response = { status: 200, body: fault.body ?? '{"unexpected": ' }
    } else {
      response = await this.dispatch(request)
    }
    this.log.push({ method, path: url.pathname, status: response.status, at: this.now() })
    send(res, response)
  }

  private async dispatch(request: SimRequest): Promise<SimResponse> {
    const parts = request.path.split('/')
    for (const route of this.routes) {
      if (route.method !== request.method || route.parts.length !== parts.length) continue
      const params: Record<string, string> = {}
      const ok = route.parts.every((part, i) => {
        const actual = parts[i] ?? ''
        if (part.startsWith(':')) {
          params[part.slice(1)] = decodeURIComponent(actual)
          return actual !== ''
        }
        return part === actual
      })
      if (!ok) continue
      try {
        return await route.handler(request, params)
      } catch (error) {
        if (error instanceof SimHttpError) return { status: error.status, headers: error.headers, body: error.body }
        return { status: 500, body: { error: 'simulator_bug', message: error instanceof Error ? error.message : String(error) } }
      }
    }
    return {
      status: 501,
      body: { error: 'not_implemented', message: `${this.name} simulator does not implement ${request.method} ${request.path}` },
    }
  }
}

function toSimRequest(req: IncomingMessage, method: string, url: URL, rawBody: Buffer): SimRequest {
  return {
    method,
    path: url.pathname,
    url,
    rawBody,
    header(name) {
      const value = req.headers[name.toLowerCase()]
      return Array.isArray(value) ? value[0] : value
    },
    json() {
      try {
        return JSON.parse(rawBody.toString('utf8')) as unknown
      } catch {
        throw new SimHttpError(400, { error: 'invalid_json', message: 'request body is not JSON' })
      }
    },
    form() {
      return new URLSearchParams(rawBody.toString('utf8'))
    },
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, response: SimResponse): void {
  const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
  const headers: Record<string, string> = { ...response.headers }
  if (body !== '' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json; charset=utf-8'
  res.writeHead(response.status, headers)
  res.end(body)
}
