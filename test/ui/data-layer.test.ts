// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { describe, expect, it } from 'vitest'
import { ApiClient, ApiError } from '../../ui/data/api.js'
import { newerJob } from '../../ui/data/catalogue.js'
import { formatDateTime, formatMoney, formatSigned } from '../../ui/data/format.js'
import { IdempotencyKeys, newIdempotencyKey } from '../../ui/data/idempotency.js'
import { looksLikeBarcode } from '../../ui/data/products.js'
import { restoreSession } from '../../ui/data/session.js'
import { navFor, parseRoute } from '../../ui/routes.js'
import { parseQuantity } from '../../ui/views/stock/adjustment-form.js'
import { json, problem, sessionInfo, testServices } from './support/fakes.js'
import type { CatalogueImportJob } from '../../appliance/api/contract.js'

describe('ApiClient', () => {
  it('sends JSON with the session cookie, and the CSRF token on writes only', async () => {
    const s = testServices({ signedIn: sessionInfo() })
    s.fake.on('GET', '/api/things', json({ ok: 1 })).on('POST', '/api/things', json({ id: 2 }, 201))
    expect(await s.api.get('/api/things')).toEqual({ ok: 1 })
    expect(await s.api.post('/api/things', { json: { a: 1 } })).toEqual({ id: 2 })
    const [get, post] = s.fake.requests
    expect(get?.credentials).toBe('same-origin')
    expect(get?.headers['x-csrf-token']).toBeUndefined()
    expect(post?.headers['x-csrf-token']).toBe('csrf-123')
    expect(post?.headers['content-type']).toBe('application/json')
    expect(post?.body).toEqual({ a: 1 })
  })

  it('turns problem+json into an ApiError with detail, code and field', async () => {
    const s = testServices()
    s.fake.on('POST', '/api/x', problem(422, 'invalid_input', 'a count is a whole number', { field: 'counted' }))
    const error = await s.api.post('/api/x', { json: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 422, code: 'invalid_input', detail: 'a count is a whole number', field: 'counted', retryable: false })
  })

  it('reports an unreachable appliance as a retryable network error', async () => {
    const api = new ApiClient({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) })
    const error = (await api.get('/api/x').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(0)
    expect(error.retryable).toBe(true)
    expect(error.detail).toMatch(/Can't reach the appliance/)
  })

  it('ends the session on any 401', async () => {
    const s = testServices({ signedIn: sessionInfo() })
    s.fake.on('GET', '/api/stock/A', problem(401, 'unauthenticated', 'Please sign in again: your session has ended.'))
    await expect(s.api.get('/api/stock/A')).rejects.toThrow('Please sign in again')
    expect(s.session.current).toBeNull()
    expect(s.session.signedOutReason).toBe('expired')
  })

  it('restores a session from the cookie, or reports none on 401', async () => {
    const s = testServices()
    s.fake.on('GET', '/api/session', json(sessionInfo('assistant', 'Ash', 'ash')), problem(401, 'unauthenticated', 'no'))
    expect((await restoreSession(s.api, s.session))?.staff.name).toBe('Ash')
    s.session.clear()
    expect(await restoreSession(s.api, s.session)).toBeNull()
  })
})

describe('IdempotencyKeys', () => {
  it('reuses a key for the same body until settled; a new body gets a new key', () => {
    let n = 0
    const keys = new IdempotencyKeys(() => `key-${++n}`)
    expect(keys.keyFor({ q: 1 })).toBe('key-1')
    expect(keys.keyFor({ q: 1 })).toBe('key-1')
    expect(keys.keyFor({ q: 2 })).toBe('key-2')
    keys.settle()
    expect(keys.keyFor({ q: 2 })).toBe('key-3')
  })

  it('makes v4 UUIDs, with or without crypto.randomUUID', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const original = crypto.randomUUID
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true })
      expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true })
    }
  })
})

describe('routing and navigation', () => {
  it('parses hash routes', () => {
    expect(parseRoute('')).toEqual({ name: 'lookup' })
    expect(parseRoute('#/lookup')).toEqual({ name: 'lookup' })
    expect(parseRoute('#/stock/HOM%2F1')).toEqual({ name: 'stock', sku: 'HOM/1' })
    expect(parseRoute('#/catalogue/')).toEqual({ name: 'catalogue' })
    expect(parseRoute('#/till')).toEqual({ name: 'soon', section: 'till' })
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found', path: '/nope' })
  })

  it('shows each role its own screens', () => {
    const ids = (role: Parameters<typeof navFor>[0]) => navFor(role).map((i) => i.id)
    expect(ids('assistant')).toEqual(['till', 'returns', 'lookup', 'orders', 'print-queue'])
    expect(ids('fulfilment')).toEqual(['lookup', 'orders', 'picking', 'packing', 'print-queue'])
    expect(ids('manager')).toContain('settings')
    expect(ids('admin')).toContain('catalogue')
  })
})

describe('formatting and parsing', () => {
  it('formats pence as pounds, and signed quantities', () => {
    expect(formatMoney(1299)).toBe('£12.99')
    expect(formatMoney(-50)).toBe('-£0.50')
    expect(formatMoney(123456789)).toBe('£1,234,567.89')
    expect(formatSigned(3)).toBe('+3')
    expect(formatSigned(-2)).toBe('\u22122')
    expect(formatDateTime('not a date')).toBe('not a date')
  })

  it('tells barcodes from text, and reads signed quantities', () => {
    expect(looksLikeBarcode('5010000004507')).toBe(true)
    expect(looksLikeBarcode('12345678')).toBe(true)
    expect(looksLikeBarcode('1234567')).toBe(false)
    expect(looksLikeBarcode('HOM-000226')).toBe(false)
    expect(parseQuantity('-2')).toBe(-2)
    expect(parseQuantity('+5')).toBe(5)
    expect(parseQuantity('\u22123')).toBe(-3)
    expect(parseQuantity('1.5')).toBeUndefined()
    expect(parseQuantity('')).toBeUndefined()
  })

  it('keeps the newer view of an import job', () => {
    const job = (processedRows: number, status: CatalogueImportJob['status'] = 'running'): CatalogueImportJob => ({
      id: 'j', status, totalRows: 10, processedRows, imported: processedRows, errors: [], startedAt: '', finishedAt: null,
    })
    expect(newerJob(job(5), job(3)).processedRows).toBe(5)
    expect(newerJob(job(5), job(7)).processedRows).toBe(7)
    expect(newerJob(job(10, 'done'), job(9)).status).toBe('done')
    expect(newerJob(job(9), job(10, 'done')).status).toBe('done')
  })
})
