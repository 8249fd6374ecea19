/**
 * Orders in, through HTTP against the simulators: imported once each, allocated, resumed from
 * the durable cursor after a restart, cancellations and refunds followed, unknown SKUs
 * flagged (never dropped), unknown currencies and negative quantities refused with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeadLettersDto, SyncNowDto } from '../../appliance/api/contract.js'
import { accountFor, eventually, ourAvailable, startSims, startSyncAppliance, type Sims, type SyncAppliance } from './sync-harness.js'

const KINDS = ['shopify', 'woocommerce', 'amazon', 'ebay'] as const
let app: SyncAppliance
let sims: Sims

beforeAll(async () => {
  sims = await startSims()
  app = await startSyncAppliance()
  for (const kind of KINDS) await app.createAccount(accountFor(kind, sims))
})
afterAll(async () => {
  await app.destroy()
  await sims.stop()
})

const syncNow = async (kind: string): Promise<SyncNowDto> => {
  const res = await app.maya.post(`/api/channels/${kind}-1/sync`, {})
  expect(res.status).toBe(200)
  return (await res.json()) as SyncNowDto
}
const orders = (channel: string) =>
  app.db.reader.all<{ channel_order_id: string; status: string; flags: string | null; number: string }>(
    'SELECT channel_order_id, status, flags::VARCHAR AS flags, number FROM orders WHERE channel = ? ORDER BY created_at', [channel])

describe('order import', () => {
  it('imports every channel\'s orders once each, allocated, and resumes from the cursor after a restart', async () => {
    const placed = new Map<string, string[]>(KINDS.map((k) => [k, []]))
    for (const kind of KINDS) for (let i = 0; i < 3; i++) placed.get(kind)!.push(sims[kind].placeOrder().channelOrderId)
    for (const kind of KINDS) {
      const first = await syncNow(kind)
      expect(first.import).toMatchObject({ error: null, rejected: 0 })
    }
    const mine = async (kind: string) => (await orders(kind)).filter((o) => placed.get(kind)!.includes(o.channel_order_id))
    for (const kind of KINDS) {
      const rows = await mine(kind)
      expect(rows).toHaveLength(3)
      expect(rows.every((r) => r.status === 'allocated')).toBe(true)
    }
    // The sample order takes 2 MUG-STONE-01: 4 channels x 3 orders = 24 allocated.
    const allocated = await app.db.reader.one<{ n: number }>(
      "SELECT sum(a.quantity)::BIGINT AS n FROM allocations a JOIN orders o ON o.id = a.order_id WHERE a.sku = 'MUG-STONE-01' AND o.channel_order_id IN (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
      [JSON.stringify([...placed.values()].flat())])
    expect(allocated!.n).toBe(24)

    app = await app.restart()
    for (const kind of KINDS) for (let i = 0; i < 2; i++) placed.get(kind)!.push(sims[kind].placeOrder().channelOrderId)
    for (const kind of KINDS) {
      const again = await syncNow(kind)
      // Only the new ones: the cursor survived the restart (the overlap's re-reads are filtered, not re-imported).
      expect(again.import).toMatchObject({ updated: 0, error: null })
      expect(again.import.created).toBeLessThanOrEqual(2)
      const rows = await mine(kind)
      expect(rows).toHaveLength(5)
      expect(new Set(rows.map((r) => r.channel_order_id)).size).toBe(5)
      const imports = await app.db.reader.one<{ n: number }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'order.imported' AND (details->>'channelOrderId') IN (SELECT unnest(from_json(?::JSON, '[\"VARCHAR\"]')))",
        [JSON.stringify(placed.get(kind))])
      expect(imports!.n).toBe(5) // each imported exactly once, across the restart
    }
  })

  it('follows cancellations and refunds on the channel, letting the stock go and pushing it back out', async () => {
    const before = await ourAvailable(app, 'MUG-STONE-01')
    const { channelOrderId } = sims.shopify.placeOrder()
    await syncNow('shopify')
    expect(await ourAvailable(app, 'MUG-STONE-01')).toBe(before - 2)
    sims.shopify.setOrderState(channelOrderId, 'cancelled')
    await syncNow('shopify')
    const row = await app.db.reader.one<{ status: string }>('SELECT status FROM orders WHERE channel_order_id = ?', [channelOrderId])
    expect(row!.status).toBe('cancelled')
    expect(await ourAvailable(app, 'MUG-STONE-01')).toBe(before)
    // Every channel hears about the stock that came back (buffer 0 here).
    for (const kind of ['shopify', 'woocommerce', 'ebay'] as const) await eventually(() => sims[kind].stockOf('MUG-STONE-01') === before, 5000, `${kind} stock back to ${before}`)

    const refunded = sims.woocommerce.placeOrder()
    await syncNow('woocommerce')
    // WooCommerce dates have one-second precision: a change within the same second is the same version.
    await new Promise((r) => setTimeout(r, 1100))
    sims.woocommerce.setOrderState(refunded.channelOrderId, 'refunded')
    await syncNow('woocommerce')
    expect((await app.db.reader.one<{ status: string }>('SELECT status FROM orders WHERE channel_order_id = ?', [refunded.channelOrderId]))!.status).toBe('refunded')
  })

  it('takes a rate limit as a pause, not a failure: the pass stops, says when it goes on, and the order follows', async () => {
    const { channelOrderId } = sims.woocommerce.placeOrder()
    sims.woocommerce.faults.inject({ kind: 'status', status: 429, retryAfter: '1' }, { times: 50, match: /GET .*\/orders/ })
    const paused = await syncNow('woocommerce')
    expect(paused.import).toMatchObject({ error: null, created: 0 })
    expect(paused.import.throttledMs).toBeGreaterThanOrEqual(1000)
    sims.woocommerce.faults.clear()
    await eventually(async () => (await orders('woocommerce')).some((o) => o.channel_order_id === channelOrderId), 15_000, 'the order after the pause')
  })

  it('keeps an order with a SKU we do not stock, flagged, with the line', async () => {
    const { channelOrderId } = sims.ebay.placeOrder({
      lines: [
        { sku: 'MUG-STONE-01', title: 'Stoneware mug, sage', quantity: 1, unitPriceMinor: 1499 },
        { sku: 'NOT-IN-OUR-CATALOGUE', title: 'Mystery item', quantity: 1, unitPriceMinor: 500 },
      ],
    })
    await syncNow('ebay')
    const order = await app.db.reader.one<{ id: string; flags: string }>('SELECT id, flags::VARCHAR AS flags FROM orders WHERE channel_order_id = ?', [channelOrderId])
    expect(order!.flags).toContain('unknown_sku:NOT-IN-OUR-CATALOGUE')
    const lines = await app.db.reader.all<{ sku: string; known_sku: boolean }>('SELECT sku, known_sku FROM order_lines WHERE order_id = ? ORDER BY line_no', [order!.id])
    expect(lines).toEqual([{ sku: 'MUG-STONE-01', known_sku: true }, { sku: 'NOT-IN-OUR-CATALOGUE', known_sku: false }])
  })

  it('refuses unknown currencies and negative quantities with a reason, and takes the rest of the page', async () => {
    const good1 = sims.shopify.placeOrder()
    const odd = sims.shopify.placeOrder({ currency: 'XTS' })
    const negative = sims.shopify.placeOrder({ lines: [{ sku: 'MUG-STONE-02', title: 'Stoneware mug, ochre', quantity: -2, unitPriceMinor: 1499 }] })
    const good2 = sims.shopify.placeOrder()
    const result = await syncNow('shopify')
    expect(result.import.error).toBeNull()
    const ids = (await orders('shopify')).map((o) => o.channel_order_id)
    expect(ids).toEqual(expect.arrayContaining([good1.channelOrderId, good2.channelOrderId]))
    expect(ids).not.toContain(odd.channelOrderId)
    expect(ids).not.toContain(negative.channelOrderId)
    // Nothing half-written: no lines, customers' orders or movements for the refused ones.
    const dead = await app.maya.get<DeadLettersDto>('/api/channels/shopify-1/dead-letters')
    const byId = new Map(dead.rejects.map((r) => [r.channelOrderId, r]))
    expect(byId.get(odd.channelOrderId)?.reason).toMatch(/unknown currency "XTS"/)
    expect(byId.get(negative.channelOrderId)?.reason).toMatch(/quantity -2/)
    const status = await app.maya.get<{ rejects: number }>('/api/channels/shopify-1/status')
    expect(status.rejects).toBe(2)
    // Fetching a refused order again refuses it again (it is still wrong on the channel).
    const refetch = await app.maya.post('/api/channels/shopify-1/refetch', { channelOrderId: negative.channelOrderId })
    expect(await refetch.json()).toMatchObject({ created: 0, rejected: 1 })
  })

  it('imports on its own schedule, not only when asked', async () => {
    await app.maya.fetch('/api/channels/woocommerce-1', { method: 'PUT', json: { importIntervalSeconds: 5 } })
    const { channelOrderId } = sims.woocommerce.placeOrder()
    await eventually(async () => (await orders('woocommerce')).some((o) => o.channel_order_id === channelOrderId), 12_000, 'the scheduled import')
  })
})
