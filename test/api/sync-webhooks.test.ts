/**
 * Webhooks into the appliance from the simulators: signatures checked over the raw body,
 * answered at once, deduplicated durably on the event id (across a restart), out-of-order
 * deliveries harmless, bad input refused with a reason and nothing recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accountFor, eventually, startSims, startSyncAppliance, type Sims, type SyncAppliance } from './sync-harness.js'

let app: SyncAppliance
let sims: Sims

const hookUrl = (id: string) => `${app.url}/api/webhooks/${id}`
function pointWebhooks(): void {
  sims.shopify.webhookUrl = hookUrl('shopify-1')
  sims.woocommerce.webhookUrl = hookUrl('woocommerce-1')
  sims.ebay.webhookUrl = hookUrl('ebay-1')
}

beforeAll(async () => {
  sims = await startSims()
  app = await startSyncAppliance()
  for (const kind of ['shopify', 'woocommerce', 'amazon', 'ebay'] as const) await app.createAccount(accountFor(kind, sims))
  pointWebhooks()
})
afterAll(async () => {
  await app.destroy()
  await sims.stop()
})

const orderStatus = async (channelOrderId: string) =>
  (await app.db.reader.one<{ status: string }>('SELECT status FROM orders WHERE channel_order_id = ?', [channelOrderId]))?.status
const events = async (account: string) => (await app.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM webhook_events WHERE account = ?', [account]))!.n
const post = (id: string, body: string, headers: Record<string, string>) => fetch(hookUrl(id), { method: 'POST', body, headers })

describe('webhooks', () => {
  it('brings orders in from Shopify, WooCommerce and eBay without waiting for the poll', async () => {
    const placed = { shopify: sims.shopify.placeOrder(), woocommerce: sims.woocommerce.placeOrder(), ebay: sims.ebay.placeOrder() }
    await Promise.all([sims.shopify.flushWebhooks(), sims.woocommerce.flushWebhooks(), sims.ebay.flushWebhooks()])
    for (const [kind, order] of Object.entries(placed)) {
      await eventually(async () => (await orderStatus(order.channelOrderId)) === 'allocated', 5000, `${kind} order via webhook`)
      expect(sims[kind as keyof typeof placed].webhookDeliveries.every((d) => d.status === 200)).toBe(true)
    }
    // WooCommerce's checkout fires created and updated for one state: one event, not two.
    expect(await events('woocommerce-1')).toBe(1)
    expect(await app.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM webhook_events WHERE processed_at IS NULL')).toEqual({ n: 0 })
  })

  it('refuses a wrong signature (401) and a body tampered after signing, recording nothing', async () => {
    const { channelOrderId } = sims.shopify.placeOrder()
    await sims.shopify.flushWebhooks() // the order's own webhooks, before counting
    const delivery = sims.shopify.buildWebhook('orders/updated', channelOrderId)
    const before = await events('shopify-1')
    const wrongSig = await post('shopify-1', delivery.rawBody, { ...delivery.headers, 'x-shopify-hmac-sha256': Buffer.from('nope').toString('base64') })
    expect(wrongSig.status).toBe(401)
    expect(((await wrongSig.json()) as { code: string }).code).toBe('bad_signature')
    // Re-serialised JSON (a space added) is not the body that was signed.
    const reserialised = JSON.stringify(JSON.parse(delivery.rawBody), null, 1)
    expect((await post('shopify-1', reserialised, delivery.headers)).status).toBe(401)
    const unsigned = { ...delivery.headers }
    delete unsigned['x-shopify-hmac-sha256']
    expect((await post('shopify-1', delivery.rawBody, unsigned)).status).toBe(401)
    expect(await events('shopify-1')).toBe(before)
    // The raw bytes as sent are accepted.
    expect((await post('shopify-1', delivery.rawBody, delivery.headers)).status).toBe(200)
  })

  it('answers duplicates 200 and ignores them, also after a restart', async () => {
    sims.shopify.faults.inject({ kind: 'duplicate-webhook' }, { times: 2 })
    const { channelOrderId } = sims.shopify.placeOrder()
    await sims.shopify.flushWebhooks()
    await eventually(async () => (await orderStatus(channelOrderId)) === 'allocated', 5000)
    const delivery = sims.shopify.buildWebhook('orders/updated', channelOrderId)
    const first = await post('shopify-1', delivery.rawBody, delivery.headers)
    expect(await first.json()).toMatchObject({ status: 'accepted' })
    const again = await post('shopify-1', delivery.rawBody, delivery.headers)
    expect([again.status, ((await again.json()) as { status: string }).status]).toEqual([200, 'duplicate'])

    app = await app.restart()
    pointWebhooks()
    const afterRestart = await post('shopify-1', delivery.rawBody, delivery.headers)
    expect(await afterRestart.json()).toMatchObject({ status: 'duplicate' })
    const imported = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'order.imported' AND (details->>'channelOrderId') = ?", [channelOrderId])
    expect(imported!.n).toBe(1)
  })

  it('takes deliveries out of order (cancelled before created): the order ends cancelled and holds no stock', async () => {
    sims.shopify.faults.inject({ kind: 'reorder-webhooks' })
    const { channelOrderId } = sims.shopify.placeOrder()
    sims.shopify.setOrderState(channelOrderId, 'cancelled')
    await sims.shopify.flushWebhooks()
    await eventually(async () => (await orderStatus(channelOrderId)) === 'cancelled', 5000, 'cancelled order')
    await new Promise((r) => setTimeout(r, 300))
    expect(await orderStatus(channelOrderId)).toBe('cancelled')
    const held = await app.db.reader.one<{ n: number | null }>('SELECT sum(a.quantity)::BIGINT AS n FROM allocations a JOIN orders o ON o.id = a.order_id WHERE o.channel_order_id = ?', [channelOrderId])
    expect(held!.n ?? 0).toBe(0)
  })

  it('answers at once even when fetching the order is slow, and polling catches up', async () => {
    sims.woocommerce.webhookUrl = undefined
    const { channelOrderId } = sims.woocommerce.placeOrder()
    sims.woocommerce.faults.inject({ kind: 'timeout' }, { match: `/orders/${channelOrderId}`, times: 3 })
    const delivery = sims.woocommerce.buildWebhook('order.updated', channelOrderId)
    const started = performance.now()
    const res = await post('woocommerce-1', delivery.rawBody, delivery.headers)
    expect(res.status).toBe(200)
    expect(performance.now() - started).toBeLessThan(1000)
    await app.maya.post('/api/channels/woocommerce-1/sync', {})
    await eventually(async () => (await orderStatus(channelOrderId)) === 'allocated', 8000, 'order imported by polling')
    sims.woocommerce.webhookUrl = hookUrl('woocommerce-1')
  })

  it('refuses bad input with a reason: a body that is not the channel\'s, an unknown account, a channel without webhooks', async () => {
    const garbage = '{"not": "an order"'
    const signed = sims.shopify.buildWebhook('orders/updated', sims.shopify.placeOrder().channelOrderId)
    const { hmacBase64 } = await import('../../sync/webhook.js')
    const bad = await post('shopify-1', garbage, { ...signed.headers, 'x-shopify-hmac-sha256': hmacBase64(sims.shopify.webhookSecret, garbage) })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/not JSON/)
    expect((await post('nobody-1', signed.rawBody, signed.headers)).status).toBe(404)
    expect((await post('amazon-1', '{}', { 'content-type': 'application/json' })).status).toBe(404)
  })
})
