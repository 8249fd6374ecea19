/**
 * Channel accounts through HTTP: created, listed and changed by managers only; credentials
 * encrypted at rest with a key outside the database and never sent back; connection tests
 * against the simulators.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelAccountDto, ChannelAccountList, ConnectionTestDto } from '../../appliance/api/contract.js'
import { signIn } from '../support/appliance.js'
import { accountFor, startSims, startSyncAppliance, type Sims, type SyncAppliance } from './sync-harness.js'

let app: SyncAppliance
let sims: Sims

beforeAll(async () => {
  sims = await startSims()
  app = await startSyncAppliance()
})
afterAll(async () => {
  await app.destroy()
  await sims.stop()
})

describe('channel accounts', () => {
  it('costs a shop without channels nothing: stock changes are not marked until an account syncs', async () => {
    const marks = async () => (await app.db.reader.one<{ n: number }>('SELECT count(*)::INT AS n FROM sync_stock_dirty'))!.n
    const adjust = () => app.maya.post('/api/stock/adjustments', { sku: 'MUG-STONE-01', location: 'floor', quantity: -1, reason: 'test' })
    expect((await adjust()).status).toBe(201)
    expect(await marks()).toBe(0)
    await app.createAccount(accountFor('shopify', sims))
    expect((await adjust()).status).toBe(201)
    expect(await marks()).toBe(1)
  })

  it('creates an account per channel; credentials are encrypted at rest and shown only as "set"', async () => {
    for (const kind of ['woocommerce', 'amazon', 'ebay'] as const) {
      const created = await app.createAccount(accountFor(kind, sims))
      expect(created.id).toBe(`${kind}-1`)
      expect(Object.values(created.credentials).every(Boolean)).toBe(true)
      expect(JSON.stringify(created)).not.toContain(kind === 'woocommerce' ? sims.woocommerce.consumerSecret : kind === 'amazon' ? sims.amazon.clientSecret : sims.ebay.clientSecret)
    }
    const list = await app.maya.get<ChannelAccountList>('/api/channels')
    expect(list.items.map((a) => a.kind).sort()).toEqual(['amazon', 'ebay', 'shopify', 'woocommerce'])
    expect(JSON.stringify(list)).not.toContain(sims.woocommerce.webhookSecret)

    const rows = await app.db.reader.all<{ id: string; credentials_enc: string }>('SELECT id, credentials_enc FROM channel_accounts')
    const secrets = [sims.shopify.accessToken, sims.shopify.webhookSecret, sims.woocommerce.consumerSecret, sims.woocommerce.webhookSecret, sims.amazon.clientSecret, sims.amazon.refreshToken, sims.ebay.clientSecret, sims.ebay.refreshToken]
    for (const row of rows) {
      expect(row.credentials_enc).toMatch(/^v1\.[0-9a-f]{8}\./)
      for (const secret of secrets) {
        expect(row.credentials_enc).not.toContain(secret)
        expect(row.credentials_enc).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12))
      }
    }
    // Nor anywhere else in the database file (WAL included), nor in the audit trail.
    const audit = await app.db.reader.all<{ d: string }>("SELECT details::VARCHAR AS d FROM audit_log WHERE entity = 'channel_account'")
    expect(audit.length).toBeGreaterThanOrEqual(4)
    for (const a of audit) for (const secret of secrets) expect(a.d).not.toContain(secret)
    const keyFile = join(app.dataDir, 'secrets', 'channel-key')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    await app.db.checkpoint()
    const file = readFileSync(app.db.path)
    for (const secret of secrets) expect(file.includes(Buffer.from(secret))).toBe(false)
  })

  it('tests connections: saved, unsaved, and with wrong credentials', async () => {
    const ok = await (await app.maya.post('/api/channels/shopify-1/test', {})).json() as ConnectionTestDto
    expect(ok).toEqual({ ok: true, accountName: 'Appliance Demo Shop', currency: 'GBP' })
    for (const id of ['woocommerce-1', 'amazon-1', 'ebay-1']) expect(((await (await app.maya.post(`/api/channels/${id}/test`, {})).json()) as ConnectionTestDto).ok).toBe(true)
    const wrong = await (await app.maya.post('/api/channels/test', accountFor('shopify', sims, { credentials: { accessToken: 'shpat_wrong', webhookSecret: 'x' } }))).json() as ConnectionTestDto
    expect(wrong).toMatchObject({ ok: false, kind: 'auth' })
    const unsaved = await (await app.maya.post('/api/channels/test', accountFor('ebay', sims))).json() as ConnectionTestDto
    expect(unsaved).toMatchObject({ ok: true, accountName: sims.ebay.sellerId })
  })

  it('changes an account: credentials merge field by field; a new secret is encrypted too', async () => {
    const before = await app.db.reader.one<{ c: string }>("SELECT credentials_enc AS c FROM channel_accounts WHERE id = 'shopify-1'")
    const res = await app.maya.fetch('/api/channels/shopify-1', { method: 'PUT', json: { name: 'Main web shop', credentials: { webhookSecret: 'rotated-secret-123' }, rules: { default: { kind: 'buffer', buffer: 2 } } } })
    expect(res.status).toBe(200)
    const changed = (await res.json()) as ChannelAccountDto
    expect(changed).toMatchObject({ name: 'Main web shop', credentials: { accessToken: true, webhookSecret: true }, rules: { default: { kind: 'buffer', buffer: 2 }, scope: 'mapped' } })
    const after = await app.db.reader.one<{ c: string }>("SELECT credentials_enc AS c FROM channel_accounts WHERE id = 'shopify-1'")
    expect(after!.c).not.toBe(before!.c)
    expect(after!.c).not.toContain('rotated-secret-123')
    // The access token was kept: the connection still works.
    expect(((await (await app.maya.post('/api/channels/shopify-1/test', {})).json()) as ConnectionTestDto).ok).toBe(true)
    await app.maya.fetch('/api/channels/shopify-1', { method: 'PUT', json: { credentials: { webhookSecret: sims.shopify.webhookSecret } } })
  })

  it('refuses bad input with the field at fault', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ ...accountFor('shopify', sims), credentials: { accessToken: 'x' } }, 422, 'credentials.webhookSecret'],
      [{ ...accountFor('shopify', sims), credentials: { accessToken: 'x', webhookSecret: 'y', password: 'z' } }, 422, 'credentials.password'],
      [{ ...accountFor('amazon', sims), settings: {} }, 422, 'settings'],
      [{ ...accountFor('ebay', sims), baseUrl: 'ftp://example.com' }, 422, 'baseUrl'],
      [{ ...accountFor('ebay', sims), kind: 'etsy' }, 400, 'kind'],
      [{ ...accountFor('ebay', sims), rules: { default: { kind: 'share', percent: 140 } } }, 400, 'rules.default.percent'],
      [{ ...accountFor('ebay', sims), locationMap: { from: ['nowhere'] } }, 404, 'locationMap.from.0'],
      [{ ...accountFor('ebay', sims), id: 'shopify-1' }, 409, 'id'],
    ]
    for (const [body, status, field] of cases) {
      const res = await app.maya.post('/api/channels', body)
      const problem = (await res.json()) as { field?: string }
      expect([res.status, problem.field]).toEqual([status, field])
    }
  })

  it('is for managers only', async () => {
    const ash = await signIn(app.url, 'ash', '2222', 'till-1')
    expect((await ash.fetch('/api/channels')).status).toBe(403)
    expect((await ash.post('/api/channels', accountFor('ebay', sims))).status).toBe(403)
    expect((await ash.post('/api/channels/ebay-1/sync', {})).status).toBe(403)
    expect((await fetch(`${app.url}/api/channels`)).status).toBe(401)
  })
})
