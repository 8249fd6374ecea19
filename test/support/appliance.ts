/**
 * Starts a real appliance for a test: a fresh data directory under the OS temp dir,
 * a real DuckDB file, the demo shop, a real HTTP server on 127.0.0.1:0.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../appliance/config.js'
import type { Clock } from '../../appliance/app/ports.js'
import type { ScannerFactory } from '../../appliance/devices/scanner-service.js'
import { startAppliance as start, type RunningAppliance } from '../../appliance/start.js'

export interface TestAppliance extends RunningAppliance {
  dataDir: string
}

export async function startAppliance(
  options: { demo?: boolean; products?: number; dataDir?: string; clock?: Clock; env?: Record<string, string>; scannerFactory?: ScannerFactory } = {},
): Promise<TestAppliance> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'appliance-test-'))
  const config = loadConfig({
    APPLIANCE_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    APPLIANCE_DEMO: options.demo === false ? '0' : '1',
    DEMO_PRODUCTS: String(options.products ?? 600),
    ...options.env,
  })
  const running = await start(config, { ...(options.clock && { clock: options.clock }), ...(options.scannerFactory && { scannerFactory: options.scannerFactory }) })
  return {
    ...running,
    dataDir,
    async stop() {
      await running.stop()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A signed-in HTTP client: keeps the session cookie and sends the CSRF token on writes. */
export interface Client {
  csrfToken: string
  cookie: string
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>
  get<T = unknown>(path: string): Promise<T>
  post(path: string, json: unknown, headers?: Record<string, string>): Promise<Response>
}

export async function signIn(baseUrl: string, staff = 'maya', pin = '1111', station = 'test-till'): Promise<Client> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staff, pin, station }),
  })
  if (response.status !== 201) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`)
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const client: Client = {
    csrfToken,
    cookie,
    fetch(path, init = {}) {
      const headers = new Headers(init.headers)
      headers.set('cookie', cookie)
      if (init.method && init.method !== 'GET') headers.set('x-csrf-token', csrfToken)
      let body = init.body
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json')
        body = JSON.stringify(init.json)
      }
      return fetch(`${baseUrl}${path}`, { ...init, headers, body })
    },
    async get<T>(path: string) {
      const r = await client.fetch(path)
      if (!r.ok) throw new Error(`GET ${path} → ${r.status} ${await r.text()}`)
      return (await r.json()) as T
    },
    post(path, json, headers = {}) {
      return client.fetch(path, { method: 'POST', json, headers })
    },
  }
  return client
}
