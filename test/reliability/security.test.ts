/**
 * Security across every route the app mounts (`allRoutes`, the same list create-app serves):
 * anonymous calls refused; a role matrix (assistant, fulfilment, manager, admin) checked
 * against each route's own roles; CSRF (missing token, wrong token, another site's Origin)
 * refused on every write; PIN lockout through the approval screen too; idle session expiry;
 * the live socket's session check; hostile product names as plain text on receipts (no
 * printer commands smuggled in a name); path traversal on the static files. Extends
 * test/api/session-security.test.ts (sign-in basics, one CSRF and one role case).
 */
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CatalogueImportJob, SaleResult } from '../../appliance/api/contract.js'
import type { RouteDef } from '../../appliance/api/route.js'
import { allRoutes } from '../../appliance/api/routes/index.js'
import { hashPin } from '../../appliance/app/pin-hash.js'
import type { Role } from '../../appliance/core/staff.js'
import { testClock, type TestClock } from '../api/till-fixtures.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'

let app: TestAppliance
let clock: TestClock
let routes: RouteDef[]
const staff: Partial<Record<Role, Client>> = {}
const PUBLIC = ['get /health', 'post /api/session', 'post /api/webhooks/:accountId', 'get /metrics']
/** Writes whose handler runs with no input to validate: probing them as an allowed role would act (end the session, take a backup…). */
const NO_INPUT_WRITES = (def: RouteDef) => def.method !== 'get' && !def.body && !def.params

beforeAll(async () => {
  clock = testClock()
  app = await startAppliance({ products: 40, clock })
  routes = allRoutes(app.deps)
  staff.manager = await signIn(app.url, 'maya', '1111', 'till-1')
  staff.assistant = await signIn(app.url, 'ash', '2222', 'till-2')
  staff.fulfilment = await signIn(app.url, 'fin', '3333', 'pack-bench')
  // The demo shop has no admin: add one, so the matrix has every role.
  const pinHash = await hashPin('4444')
  await app.db.transaction((tx) => tx.sql.run("INSERT INTO staff (id, name, role, pin_hash) VALUES ('ada', 'Ada', 'admin', ?)", [pinHash]))
  staff.admin = await signIn(app.url, 'ada', '4444', 'back-office')
})
afterAll(() => app.stop())

const key = (def: RouteDef) => `${def.method} ${def.path}`
const urlOf = (def: RouteDef) => def.path.replace(/:(\w+)/g, 'probe-$1')
const initOf = (def: RouteDef): RequestInit => ({
  method: def.method.toUpperCase(),
  headers: { 'content-type': def.bodyType === 'csv' ? 'text/csv' : 'application/json' },
  ...(def.method !== 'get' && { body: def.bodyType === 'csv' ? 'x' : '{"__probe":true}' }),
})

describe('every route the app mounts', () => {
  it('only health, sign-in, webhooks (signed) and metrics (its own token) are public', () => {
    expect(routes.filter((r) => r.roles === 'public').map(key).sort()).toEqual([...PUBLIC].sort())
    expect(routes.length).toBeGreaterThan(90)
  })

  it('refuses an anonymous call on every non-public route, as problem+json', async () => {
    for (const def of routes) {
      if (def.roles === 'public' && key(def) !== 'get /metrics') continue
      const r = await fetch(`${app.url}${urlOf(def)}`, initOf(def))
      expect(r.status, key(def)).toBe(401)
      expect(r.headers.get('content-type'), key(def)).toContain('application/problem+json')
    }
  })

  it('lets each staff role through exactly the routes that list it (role matrix)', { timeout: 60_000 }, async () => {
    const matrix: string[] = []
    for (const def of routes) {
      if (def.roles === 'public') continue
      for (const role of ['assistant', 'fulfilment', 'manager', 'admin'] as const) {
        const allowed = def.roles.includes(role)
        if (allowed && NO_INPUT_WRITES(def)) continue
        const client = staff[role]!
        const init = initOf(def)
        const r = await client.fetch(urlOf(def), { ...init, headers: init.headers as Record<string, string> })
        const body = r.headers.get('content-type')?.includes('json') ? ((await r.json()) as { code?: string }) : {}
        expect(r.status, `${role} ${key(def)}`).not.toBe(401)
        expect(r.status, `${role} ${key(def)} → ${r.status} ${body.code}`).toBeLessThan(500)
        if (allowed) expect(body.code, `${role} ${key(def)}`).not.toBe('forbidden')
        else expect([r.status, body.code], `${role} ${key(def)}`).toEqual([403, 'forbidden'])
        matrix.push(`${role} ${key(def)} ${allowed ? 'allowed' : 'refused'}`)
      }
    }
    expect(matrix.filter((m) => m.endsWith('refused')).length).toBeGreaterThan(50)
    // The OpenAPI document shows the same roles the app enforces.
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-roles': unknown }>> }
    for (const def of routes) expect(doc.paths[def.path.replace(/:(\w+)/g, '{$1}')]?.[def.method]?.['x-roles'], key(def)).toEqual(def.roles)
  })

  it('refuses every write without the CSRF token, with a wrong one, or from another site', { timeout: 60_000 }, async () => {
    const maya = staff.manager!
    for (const def of routes.filter((r) => r.method !== 'get' && r.roles !== 'public')) {
      const init = initOf(def)
      const cases: Array<[string, Record<string, string>]> = [
        ['no token', { cookie: maya.cookie }],
        ['wrong token', { cookie: maya.cookie, 'x-csrf-token': 'forged-token' }],
        ['another site', { cookie: maya.cookie, 'x-csrf-token': maya.csrfToken, origin: 'http://evil.example' }],
        ['a lookalike origin', { cookie: maya.cookie, 'x-csrf-token': maya.csrfToken, origin: `${app.url}.evil.example` }],
      ]
      for (const [what, headers] of cases) {
        const r = await fetch(`${app.url}${urlOf(def)}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } })
        expect([r.status, ((await r.json()) as { code: string }).code], `${key(def)}: ${what}`).toEqual([403, 'csrf'])
      }
    }
  })
})

describe('PINs and sessions', () => {
  it('five wrong PINs on the approval screen lock that manager out too (the same counter as sign-in)', async () => {
    const ash = staff.assistant!
    for (let i = 0; i < 4; i++) expect((await ash.post('/api/approvals', { staff: 'maya', pin: '0000', action: 'stock.adjust' })).status).toBe(401)
    expect((await ash.post('/api/approvals', { staff: 'maya', pin: '0000', action: 'stock.adjust' })).status).toBe(423)
    expect((await ash.post('/api/approvals', { staff: 'maya', pin: '1111', action: 'stock.adjust' })).status).toBe(423)
    const signInLocked = await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: 'maya', pin: '1111' }) })
    expect(signInLocked.status).toBe(423)
    // Five minutes later the lock has passed.
    clock.advance(5 * 60_000 + 1000)
    expect((await ash.post('/api/approvals', { staff: 'maya', pin: '1111', action: 'stock.adjust' })).status).toBe(201)
  })

  it('an unknown staff ID and a wrong PIN get the same answer (no staff list by probing)', async () => {
    const ask = (staffId: string) => fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: staffId, pin: '0000' }) })
    const [unknown, wrong] = [await ask('nobody-here'), await ask('fin')]
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    const [a, b] = [(await unknown.json()) as { code: string }, (await wrong.json()) as { code: string }]
    expect(a.code).toBe(b.code)
    expect((await ask('fin')).status).toBe(401) // reset fin's count with the right PIN below
    expect((await fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: 'fin', pin: '3333' }) })).status).toBe(201)
  })

  it('a session idle past the limit is refused; one in use stays alive', async () => {
    const idle = await signIn(app.url, 'fin', '3333', 'pack-bench')
    const busy = await signIn(app.url, 'fin', '3333', 'pack-bench')
    const limit = app.deps.sessionIdleMs
    for (let t = 0; t < 3; t++) {
      clock.advance(limit / 2)
      expect((await busy.fetch('/api/session')).status, `busy after ${t + 1} half-limits`).toBe(200)
    }
    expect((await idle.fetch('/api/session')).status).toBe(401)
    expect((await idle.post('/api/stock/adjustments', { sku: 'x', location: 'floor', quantity: 1, reason: 'x' })).status).toBe(401)
  })
})

describe('hostile product names', () => {
  const NAME = '<script>alert(1)</script><img src=x onerror=alert(2)>'

  it('print as plain text on the receipt, and a name cannot smuggle printer commands', async () => {
    const maya = await signIn(app.url, 'maya', '1111', 'till-1')
    const csv = [
      'Handle,Title,Variant SKU,Variant Barcode,Variant Price,Cost per item,Product Category,Tax rate',
      `xss,"${NAME}",SEC-XSS,,2.50,1.00,Homeware,20`,
      `esc,"Kick\u001bp\u0000\u0019\u00faCut\u001dV\u0000",SEC-ESC,,3.00,1.00,Homeware,20`,
    ].join('\n')
    const started = await maya.fetch('/api/catalogue/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })
    let job = (await started.json()) as CatalogueImportJob
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25))
      job = await maya.get<CatalogueImportJob>(`/api/catalogue/imports/${job.id}`)
    }
    expect(job.status).toBe('done')
    expect(job.imported).toBe(2) // the catalogue takes both names as typed; the receipt must cope
    expect((await maya.post('/api/tills/till-1/open', { floatMinor: 0 })).status).toBe(201)
    const r = await maya.post('/api/sales', { till: 'till-1', lines: [{ sku: 'SEC-XSS' }, { sku: 'SEC-ESC' }], tenders: [{ method: 'card', amountMinor: 550 }] }, { 'idempotency-key': 'security-receipt-1' })
    expect(r.status).toBe(201)
    const sale = (await r.json()) as SaleResult
    const text = await (await maya.fetch(`/api/print-jobs/${sale.printJobId}/preview?format=text`)).text()
    expect(text).toContain('<script>alert(1)</scr') // as typed, the line may wrap
    expect(text).not.toContain('&lt;')
    const raw = new Uint8Array(await (await maya.fetch(`/api/print-jobs/${sale.printJobId}/preview?format=raw`)).arrayBuffer())
    const has = (...seq: number[]) => raw.some((_, i) => seq.every((b, j) => raw[i + j] === b))
    expect(has(0x1b, 0x70), 'a card sale with a drawer kick smuggled in a product name').toBe(false)
    expect(raw.filter((b, i) => b === 0x1d && raw[i + 1] === 0x56).length, 'one cut, the receipt\u2019s own').toBeLessThanOrEqual(1)
  })
})

describe('static files', () => {
  it('never serve anything outside the UI folder, however the path is spelt', async () => {
    const paths = [
      '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/%2e%2e%2f%2e%2e%2fpackage.json', '/..%5c..%5cpackage.json', '/..\\..\\package.json',
      '/assets/..%5c..%5c..%5cpackage.json', '/%252e%252e/package.json', '/..%252f..%252fpackage.json', '/%c0%ae%c0%ae/package.json',
      '/assets/%2e%2e/%2e%2e/appliance/config.ts', '/....//....//package.json', '/..;/package.json', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../../../../../../etc/passwd', '//etc/passwd', '/%00/../package.json',
    ]
    for (const path of paths) {
      const r = await fetch(`${app.url}${path}`)
      const body = await r.text()
      expect(r.status, path).toBeLessThan(500)
      expect(body, path).not.toContain('"store-appliance"')
      expect(body, path).not.toMatch(/root:.*:0:0:/)
      expect(body, path).not.toContain('process.env')
    }
  })
})

describe('the live socket (socket.io)', () => {
  /** Connects over websocket with these headers; resolves 'connected' or the refusal's message. */
  const connect = (headers: Record<string, string>) => new Promise<string>((resolve) => {
    const socket = io(app.url, { extraHeaders: headers, transports: ['websocket'], reconnection: false, timeout: 5000 })
    socket.on('connect', () => {
      socket.close()
      resolve('connected')
    })
    socket.on('connect_error', (error) => {
      socket.close()
      resolve(error.message)
    })
  })

  it('refuses a socket with no session, a forged one or an ended one; takes a live one', async () => {
    const fin = await signIn(app.url, 'fin', '3333', 'pack-bench')
    expect(await connect({})).toBe('Please sign in')
    expect(await connect({ cookie: 'sa_session=forged-session-token' })).toBe('Please sign in')
    expect(await connect({ cookie: fin.cookie })).toBe('connected')
    expect(await connect({ cookie: fin.cookie, origin: app.url })).toBe('connected')
    expect(await connect({ cookie: fin.cookie, origin: 'http://evil.example' })).toBe('Connections from other sites are refused')
    expect(await connect({ cookie: fin.cookie, origin: `${app.url}.evil.example` })).toBe('Connections from other sites are refused')
    expect((await fin.fetch('/api/session', { method: 'DELETE' })).status).toBe(204)
    expect(await connect({ cookie: fin.cookie })).toBe('Please sign in')
  })
})
