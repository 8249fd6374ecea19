/** Sign-in, lockout, CSRF, roles and anonymous refusal, through the real HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppliance, signIn, type TestAppliance } from '../support/appliance.js'

let appliance: TestAppliance
beforeAll(async () => {
  appliance = await startAppliance()
})
afterAll(() => appliance.stop())

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${appliance.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

async function audit(action: string, staff: string): Promise<number> {
  const row = await appliance.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE action = ? AND staff_id = ?', [action, staff])
  return row!.n
}

describe('health and sign-in', () => {
  it('GET /health answers without a session', async () => {
    const r = await fetch(`${appliance.url}/health`)
    expect(await r.json()).toMatchObject({ status: 'ok', demo: true })
  })

  it('sets an HttpOnly, SameSite=Strict session cookie and returns a CSRF token', async () => {
    const r = await post('/api/session', { staff: 'maya', pin: '1111' })
    expect(r.status).toBe(201)
    const cookie = r.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/sa_session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(await r.json()).toMatchObject({ staff: { id: 'maya', role: 'manager' }, csrfToken: expect.any(String) })
    expect(await audit('session.signed_in', 'maya')).toBeGreaterThan(0)
  })

  it('a wrong PIN says how many tries are left and is audited', async () => {
    const r = await post('/api/session', { staff: 'fin', pin: '0000' })
    expect(r.status).toBe(401)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    const body = (await r.json()) as { detail: string; triesLeft: number }
    expect(body.triesLeft).toBe(4)
    expect(body.detail).toMatch(/4 tries left/)
    expect(await audit('session.sign_in.failed', 'fin')).toBe(1)
    // The right PIN resets the count.
    expect((await post('/api/session', { staff: 'fin', pin: '3333' })).status).toBe(201)
  })

  it('five wrong PINs lock the staff member out for five minutes, even with the right PIN', async () => {
    for (let i = 0; i < 4; i++) expect((await post('/api/session', { staff: 'ash', pin: '9999' })).status).toBe(401)
    const fifth = await post('/api/session', { staff: 'ash', pin: '9999' })
    expect(fifth.status).toBe(423)
    expect(((await fifth.json()) as { detail: string }).detail).toMatch(/locked out for 5 more minutes/)
    expect((await post('/api/session', { staff: 'ash', pin: '2222' })).status).toBe(423)
    expect(await audit('staff.locked_out', 'ash')).toBe(1)
    await appliance.db.transaction((tx) => tx.sql.run("UPDATE staff SET locked_until = NULL WHERE id = 'ash'"))
  })

  it('refuses bad sign-in bodies naming the field', async () => {
    for (const [body, field] of [
      [{ staff: 'maya' }, 'pin'],
      [{ staff: 'maya', pin: '12' }, 'pin'],
      [{ staff: 'maya', pin: '1111', extra: 1 }, 'extra'],
      [{ staff: 42, pin: '1111' }, 'staff'],
    ] as const) {
      const r = await post('/api/session', body)
      expect(r.status).toBe(400)
      expect(((await r.json()) as { field: string }).field).toBe(field)
    }
    const malformed = await fetch(`${appliance.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"staff":' })
    expect(malformed.status).toBe(400)
    expect(((await malformed.json()) as { detail: string }).detail).toMatch(/not valid JSON/)
  })
})

describe('every route but health and sign-in needs a session', () => {
  it('refuses anonymous calls on every route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${appliance.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-roles': unknown }>> }
    const checked: string[] = []
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const url = appliance.url + path.replace(/\{(\w+)\}/g, 'x')
        const r = await fetch(url, { method: method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: method === 'get' ? undefined : '{}' })
        if (op['x-roles'] === 'public') continue
        expect(r.status, `${method} ${path}`).toBe(401)
        checked.push(`${method} ${path}`)
      }
    }
    expect(checked.length).toBeGreaterThan(10)
  })

  it('an ended session is refused', async () => {
    const client = await signIn(appliance.url, 'maya', '1111')
    expect((await client.fetch('/api/session', { method: 'DELETE' })).status).toBe(204)
    expect((await client.fetch('/api/products?q=mug')).status).toBe(401)
  })
})

describe('CSRF and roles', () => {
  it('refuses a write without the CSRF token, or from another site', async () => {
    const client = await signIn(appliance.url)
    const body = JSON.stringify({ sku: 'HOM-000005', location: 'floor', quantity: 1, reason: 'found' })
    const noToken = await fetch(`${appliance.url}/api/stock/adjustments`, { method: 'POST', headers: { cookie: client.cookie, 'content-type': 'application/json' }, body })
    expect(noToken.status).toBe(403)
    expect(((await noToken.json()) as { code: string }).code).toBe('csrf')
    const crossSite = await client.fetch('/api/stock/adjustments', { method: 'POST', body, headers: { origin: 'http://evil.example', 'content-type': 'application/json' } })
    expect(crossSite.status).toBe(403)
  })

  it('keeps manager-only routes from assistants', async () => {
    const ash = await signIn(appliance.url, 'ash', '2222')
    const r = await ash.fetch('/api/backups')
    expect(r.status).toBe(403)
    expect(((await r.json()) as { detail: string }).detail).toMatch(/ask a manager/)
  })

  it('lists each route with the roles that may call it', async () => {
    const doc = (await (await fetch(`${appliance.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-roles': unknown }>> }
    expect(doc.paths['/api/catalogue/import']?.post?.['x-roles']).toEqual(['manager', 'admin'])
    expect(doc.paths['/api/products']?.get?.['x-roles']).toEqual(['assistant', 'fulfilment', 'manager', 'admin'])
  })
})

describe('static files', () => {
  it('never serves files outside the UI folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/../../package.json']) {
      const r = await fetch(`${appliance.url}${path}`)
      expect(await r.text()).not.toContain('"store-appliance"')
    }
  })
})
