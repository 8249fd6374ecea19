/**
 * Bad input on every route of the OpenAPI document, generated with fast-check from each
 * route's own schema: wrong types, missing and unknown fields, bodies that are not objects,
 * huge strings and numbers, unicode, SQL and script injection — in bodies, query strings,
 * path parameters and the Idempotency-Key header. Signed in as a manager so role checks
 * don't hide validation. Every answer: never a 5xx, a refusal is application/problem+json,
 * a validation refusal names the field, and a refusal writes nothing (row counts of the
 * tables that hold money, stock, orders, devices and settings are unchanged).
 *
 * BAD_INPUT_RUNS (default 8) sets the payloads per route.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'
import { apply, hostileNumber, hostileString, mutationOf, sampleOf, type JsonSchema, type Mutation } from './payloads.js'

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 8)
/** Ending the test's own session; /metrics takes a bearer token of its own, not a session (tested in security.test.ts). */
const SKIP = new Set(['delete /api/session', 'get /metrics'])
/** Where a refused request must not write. Not order_tags: the SLA escalator tags late orders every minute, beside the test. */
const TABLES = [
  'orders', 'order_lines', 'payments', 'stock_movements', 'stock_levels', 'returns', 'return_lines', 'refunds', 'vouchers', 'voucher_movements',
  'idempotency_keys', 'print_jobs', 'sync_outbox', 'channel_accounts', 'products', 'barcodes', 'printers', 'scanners', 'stations', 'tills', 'till_sessions',
  'cash_movements', 'parked_baskets', 'order_notes', 'shipments', 'customers', 'expenses', 'sales_targets', 'customer_issues', 'saved_views', 'settings',
]

interface Operation {
  method: string
  path: string
  parameters: Array<{ name: string; in: string; schema: JsonSchema }>
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}

let app: TestAppliance
let maya: Client
let operations: Operation[]
const findings: string[] = []
const stats = { requests: 0, refused: 0, accepted: 0 }

beforeAll(async () => {
  app = await startAppliance({ products: 40 })
  maya = await signIn(app.url, 'maya', '1111', 'till-1')
  const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> }
  operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ ...op, method, path })))
    .filter((op) => !SKIP.has(`${op.method} ${op.path}`))
})
afterAll(async () => {
  console.info(`[bad-input] ${stats.requests} requests on ${operations.length} routes: ${stats.refused} refused, ${stats.accepted} accepted (odd but valid)`)
  if (findings.length) console.info(`[bad-input] refusals that name no field:\n  ${[...new Set(findings)].join('\n  ')}`)
  await app.stop()
})

const counts = async () => app.db.reader.one<Record<string, number>>(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::INT AS ${t}`).join(', ')}`)
/** Lone surrogates become U+FFFD, as a browser would send them. */
const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8')
const urlOf = (op: Operation, params: Record<string, string> = {}) => op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(params[name] ?? `test-${name}`)))

/** Sends one request and checks what every answer must satisfy; returns the problem (when refused). */
async function send(op: Operation, init: { url: string; body?: string; headers?: Record<string, string> }, label: string) {
  const before = await counts()
  const r = await maya.fetch(init.url, { method: op.method.toUpperCase(), headers: { 'content-type': 'application/json', ...init.headers }, ...(init.body !== undefined && { body: init.body }) })
  const text = await r.text()
  stats.requests += 1
  const where = `${op.method.toUpperCase()} ${op.path} (${label}) → ${r.status} ${text.slice(0, 300)}`
  expect(r.status, where).toBeLessThan(500)
  expect(r.status, where).not.toBe(401) // the session must survive whatever was sent
  if (r.status < 400) {
    stats.accepted += 1
    return undefined
  }
  stats.refused += 1
  expect(r.headers.get('content-type'), where).toContain('application/problem+json')
  const problem = JSON.parse(text) as { status: number; detail: string; code: string; field?: string; errors?: Array<{ field: string }> }
  expect(problem.detail, where).toEqual(expect.any(String))
  expect(await counts(), `${where}: a refused request wrote rows`).toEqual(before)
  if (r.status === 400) expect(problem.field, where).toEqual(expect.any(String))
  else if (!problem.field && r.status !== 404 && r.status !== 413) findings.push(`${op.method.toUpperCase()} ${op.path}: ${r.status} ${problem.code} "${problem.detail}"`)
  return { ...problem, status: r.status }
}

const namesField = (problem: { field?: string; errors?: Array<{ field: string }> } | undefined, field: string) =>
  [problem?.field, ...(problem?.errors ?? []).map((e) => e.field)].some((f) => f === field || f?.startsWith(`${field}.`))

describe('JSON bodies', () => {
  it('every route with a body refuses wrong types, missing and unknown fields by name, and survives hostile values', { timeout: 240_000 }, async () => {
    let routes = 0
    for (const op of operations) {
      const schema = op.requestBody?.content['application/json']?.schema
      if (!schema) continue
      routes += 1
      const base = (sampleOf(schema) ?? {}) as Record<string, unknown>
      await fc.assert(fc.asyncProperty(mutationOf(schema), async (m: Mutation) => {
        if ('value' in m && m.value === Symbol.for('skip')) return
        const body = apply(base, m)
        const problem = await send(op, { url: urlOf(op), body: JSON.stringify(body), headers: { 'idempotency-key': `bad-input-${stats.requests}-x` } }, JSON.stringify(m).slice(0, 120))
        const label = `${op.method} ${op.path} ${JSON.stringify(m).slice(0, 200)}`
        if (m.kind === 'not-an-object') expect(problem?.status, label).toBe(400)
        if (m.kind === 'missing' || m.kind === 'wrong-type' || (m.kind === 'extra' && schema.additionalProperties === false)) {
          expect(problem?.status, label).toBe(400)
          expect(namesField(problem, m.field), `${label}: ${JSON.stringify(problem)}`).toBe(true)
        }
      }), { numRuns: RUNS, endOnFailure: true })
    }
    expect(routes).toBeGreaterThan(40)
  })

  it('malformed JSON, a wrong content type and an oversized body are refused plainly', { timeout: 120_000 }, async () => {
    for (const op of operations) {
      if (!op.requestBody?.content['application/json']) continue
      expect((await send(op, { url: urlOf(op), body: '{"half":' }, 'malformed'))?.field, op.path).toBe('body')
      const typed = await send(op, { url: urlOf(op), body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'form')
      expect(typed?.status).toBe(400)
    }
    const sale = operations.find((o) => o.method === 'post' && o.path === '/api/sales')!
    expect((await send(sale, { url: urlOf(sale), body: JSON.stringify({ note: 'x'.repeat(1_200_000) }) }, 'oversized'))?.status).toBe(413)
  })
})

describe('query strings, path parameters and headers', () => {
  it('hostile query values and unknown query fields on every GET', { timeout: 180_000 }, async () => {
    for (const op of operations.filter((o) => o.method === 'get')) {
      const query = op.parameters.filter((p) => p.in === 'query')
      await fc.assert(fc.asyncProperty(fc.array(fc.oneof(hostileString, hostileNumber.map(String)), { minLength: query.length + 1, maxLength: query.length + 1 }), async (values) => {
        const params = new URLSearchParams()
        query.forEach((p, i) => params.set(p.name, values[i]!.slice(0, 3000)))
        const problem = await send(op, { url: `${urlOf(op)}?${params}` }, `query ${params.toString().slice(0, 80)}`)
        if (problem?.status === 400) expect(problem.field).toEqual(expect.any(String))
      }), { numRuns: Math.max(3, Math.ceil(RUNS / 2)), endOnFailure: true })
      const extra = await send(op, { url: `${urlOf(op)}?unexpected=1` }, 'unknown query field')
      if (query.length) expect(namesField(extra, 'unexpected'), `${op.path}: ${JSON.stringify(extra)}`).toBe(true)
    }
  })

  it('hostile path parameters on every route that has them', { timeout: 180_000 }, async () => {
    for (const op of operations.filter((o) => o.path.includes('{') && !o.path.startsWith('/api/webhooks'))) {
      const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
      const schema = op.requestBody?.content['application/json']?.schema
      const body = schema ? JSON.stringify(sampleOf(schema)) : undefined
      await fc.assert(fc.asyncProperty(hostileString, async (value) => {
        const params = Object.fromEntries(names.map((n) => [n, value.slice(0, 2000) || ' ']))
        await send(op, { url: urlOf(op, params), ...(body !== undefined && { body }) }, `path ${value.slice(0, 40)}`)
      }), { numRuns: Math.max(3, Math.ceil(RUNS / 2)), endOnFailure: true })
    }
  })

  it('a hostile Idempotency-Key is refused naming the header', async () => {
    for (const op of operations.filter((o) => o.parameters.some((p) => p.name === 'Idempotency-Key'))) {
      for (const key of ["'; DROP TABLE orders; --", 'short', 'k'.repeat(101), '<script>x</script>']) {
        const schema = op.requestBody?.content['application/json']?.schema
        const problem = await send(op, { url: urlOf(op), body: JSON.stringify(schema ? sampleOf(schema) : {}), headers: { 'idempotency-key': key } }, `key ${key}`)
        expect(problem?.field, `${op.path} ${key}`).toBe('Idempotency-Key')
      }
    }
  })

  it('a hostile catalogue CSV and a hostile webhook are refused without a 5xx', async () => {
    const csv = operations.find((o) => o.path === '/api/catalogue/import')!
    for (const body of ['sku,name\n"unterminated', `sku,name,price\n${"'; DROP TABLE products; --"},<script>alert(1)</script>,1e308`, 'x'.repeat(5000), '\u0000\u0001']) {
      await send(csv, { url: urlOf(csv), body, headers: { 'content-type': 'text/csv' } }, 'csv')
    }
    const hook = operations.find((o) => o.path === '/api/webhooks/{accountId}')!
    for (const accountId of ['shopify-1', "'; DROP TABLE orders; --", '..%2f..%2fetc']) {
      for (const body of ['{}', '{"id":', JSON.stringify({ id: 1e308, line_items: [{ sku: '<script>' }] })]) {
        const r = await fetch(`${app.url}${urlOf(hook, { accountId })}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': 'forged' }, body })
        expect(r.status, `${accountId} ${body}`).toBeGreaterThanOrEqual(400)
        expect(r.status, `${accountId} ${body}`).toBeLessThan(500)
      }
    }
  })
})
