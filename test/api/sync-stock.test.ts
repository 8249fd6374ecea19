/**
 * Stock out: every sale, adjustment and import reaches every simulator with the figure its
 * channel's rule says (buffer, fixed per SKU, share), computed at send time; Shopify's
 * compare-and-set recovers when the channel changed behind our back; the scheduled
 * reconciliation reads the channels back, reports drift and fixes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelStatusDto } from '../../appliance/api/contract.js'
import { openTill, sell } from './till-fixtures.js'
import { accountFor, eventually, ourAvailable, startSims, startSyncAppliance, type Sims, type SyncAppliance } from './sync-harness.js'

let app: SyncAppliance
let sims: Sims

/** What each channel should hold for `sku`, by the rules set up below. */
function expected(sku: string, free: number): Record<'shopify' | 'woocommerce' | 'amazon' | 'ebay', number> {
  return {
    shopify: free,
    woocommerce: Math.max(0, free - 2),
    amazon: Math.floor(free * 0.5),
    ebay: sku === 'POT-TEAPOT-6C' ? 7 : free,
  }
}

async function channelsHold(sku: string, timeoutMs = 3000): Promise<void> {
  const want = expected(sku, await ourAvailable(app, sku))
  for (const kind of ['shopify', 'woocommerce', 'amazon', 'ebay'] as const) {
    await eventually(() => sims[kind].stockOf(sku) === want[kind], timeoutMs, `${kind} ${sku} = ${want[kind]} (holds ${sims[kind].stockOf(sku)})`)
  }
}

beforeAll(async () => {
  sims = await startSims()
  app = await startSyncAppliance()
  await app.createAccount(accountFor('shopify', sims))
  await app.createAccount(accountFor('woocommerce', sims, { rules: { scope: 'mapped', default: { kind: 'buffer', buffer: 2 } } }))
  await app.createAccount(accountFor('amazon', sims, { rules: { scope: 'mapped', default: { kind: 'share', percent: 50 } } }))
  await app.createAccount(accountFor('ebay', sims, { rules: { scope: 'mapped', default: { kind: 'buffer', buffer: 0 }, skus: { 'POT-TEAPOT-6C': { kind: 'fixed', quantity: 7 } } } }))
})
afterAll(async () => {
  await app.destroy()
  await sims.stop()
})

describe('stock to the channels', () => {
  it('pushes every SKU once when an account is added, by its rule', async () => {
    for (const sku of ['MUG-STONE-01', 'POT-TEAPOT-6C', 'HONEY-WILD-340']) await channelsHold(sku, 5000)
  })

  it('a till sale reaches every channel', async () => {
    await openTill(app.maya, 'till-1')
    const started = performance.now()
    await sell(app.maya, { till: 'till-1', lines: [{ sku: 'MUG-STONE-01', quantity: 3 }, { sku: 'POT-TEAPOT-6C', quantity: 1 }], tenders: [{ method: 'cash', amountMinor: 20_000 }] })
    await channelsHold('MUG-STONE-01')
    await channelsHold('POT-TEAPOT-6C')
    expect(performance.now() - started).toBeLessThan(3000)
    expect(await ourAvailable(app, 'MUG-STONE-01')).toBe(47)
  })

  it('an adjustment and a receipt reach every channel; oversold stock is advertised as 0', async () => {
    const adjust = await app.maya.post('/api/stock/adjustments', { sku: 'HONEY-WILD-340', location: 'floor', quantity: -49, reason: 'damaged in delivery' })
    expect(adjust.status).toBe(201)
    await channelsHold('HONEY-WILD-340')
    expect(sims.woocommerce.stockOf('HONEY-WILD-340')).toBe(0) // 1 free − buffer 2, clamped
    const receive = await app.maya.post('/api/stock/receipts', { sku: 'HONEY-WILD-340', location: 'backroom', quantity: 10 })
    expect(receive.status).toBe(201)
    await channelsHold('HONEY-WILD-340')
    expect(sims.shopify.stockOf('HONEY-WILD-340')).toBe(11)
  })

  it('an order imported from one channel lowers what the others advertise', async () => {
    const before = await ourAvailable(app, 'TEA-BREAKFAST-250')
    sims.ebay.placeOrder({ lines: [{ sku: 'TEA-BREAKFAST-250', title: 'Breakfast tea', quantity: 4, unitPriceMinor: 850 }] })
    await app.maya.post('/api/channels/ebay-1/sync', {})
    expect(await ourAvailable(app, 'TEA-BREAKFAST-250')).toBe(before - 4)
    await channelsHold('TEA-BREAKFAST-250')
  })

  it("Shopify's compare-and-set: a figure changed behind our back is re-read and set again", async () => {
    sims.shopify.setStock('CADDY-TIN-01', 3) // someone edited it in Shopify's admin
    const calls = () => sims.shopify.log.filter((l) => l.method === 'POST').length
    const before = calls()
    const res = await app.maya.post('/api/stock/adjustments', { sku: 'CADDY-TIN-01', location: 'floor', quantity: -1, reason: 'display sample' })
    expect(res.status).toBe(201)
    await channelsHold('CADDY-TIN-01')
    expect(calls() - before).toBeGreaterThanOrEqual(3) // read, stale set, set again
    // Re-read and set again within the one attempt: the job is done, not retried later.
    const job = await eventually(async () => {
      const row = await app.db.reader.one<{ status: string; attempts: number }>("SELECT status, attempts FROM sync_outbox WHERE account = 'shopify-1' AND sku = 'CADDY-TIN-01' ORDER BY created_at DESC LIMIT 1")
      return row?.status === 'done' ? row : undefined
    }, 3000)
    expect(job.attempts).toBe(1)
  })

  it('changing a rule pushes the new figures', async () => {
    const res = await app.maya.fetch('/api/channels/shopify-1', { method: 'PUT', json: { rules: { default: { kind: 'buffer', buffer: 5 } } } })
    expect(res.status).toBe(200)
    const free = await ourAvailable(app, 'COASTER-OAK-4')
    await eventually(() => sims.shopify.stockOf('COASTER-OAK-4') === free - 5, 5000, 'the new buffer on Shopify')
    await app.maya.fetch('/api/channels/shopify-1', { method: 'PUT', json: { rules: { default: { kind: 'buffer', buffer: 0 } } } })
    await eventually(() => sims.shopify.stockOf('COASTER-OAK-4') === free, 5000)
  })

  it('reconciliation reads the channels back, reports drift and fixes it', async () => {
    sims.ebay.setStock('STRAINER-SS-01', 999)
    sims.woocommerce.setStock('CLOTH-LINEN-01', 0)
    const ebay = (await (await app.maya.post('/api/channels/ebay-1/reconcile', {})).json()) as { report: { drift: Array<{ sku: string; channel: number; ours: number }> } }
    const free = await ourAvailable(app, 'STRAINER-SS-01')
    expect(ebay.report.drift).toEqual([{ sku: 'STRAINER-SS-01', channel: 999, ours: free }])
    const woo = (await (await app.maya.post('/api/channels/woocommerce-1/reconcile', {})).json()) as { report: { drift: Array<{ sku: string }> } }
    expect(woo.report.drift.map((d) => d.sku)).toEqual(['CLOTH-LINEN-01'])
    await channelsHold('STRAINER-SS-01')
    await channelsHold('CLOTH-LINEN-01')
    const status = await app.maya.get<ChannelStatusDto>('/api/channels/ebay-1/status')
    expect(status.lastReconcile?.drift[0]?.sku).toBe('STRAINER-SS-01')
    expect(status.lastReconcileAt).not.toBeNull()
    const again = (await (await app.maya.post('/api/channels/ebay-1/reconcile', {})).json()) as { report: { drift: unknown[]; checked: number } }
    expect(again.report).toMatchObject({ drift: [], checked: 10 })
  })
})
