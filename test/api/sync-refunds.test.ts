/**
 * Refunds between the order book and the channels, through HTTP against the simulators:
 * a refund queued by a return at the desk follows its outbox job (completed when the
 * channel takes it, failed when it is dead-lettered, discarded by a manager) on the refund
 * row and the order's timeline; the channel's copy of that refund is not counted twice when
 * the order is imported again; and a partial refund made on the channel itself is recorded
 * once. Orders carry the channel account they came from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NotificationDto, OrderDetailDto, ReturnDto } from '../../appliance/api/contract.js'
import { ShopifyConnector } from '../../sync/channels/shopify/connector.js'
import { WooCommerceConnector } from '../../sync/channels/woocommerce/connector.js'
import { newKey } from './till-fixtures.js'
import { accountFor, eventually, startSims, startSyncAppliance, TEST_HTTP, type Sims, type SyncAppliance } from './sync-harness.js'

let app: SyncAppliance
let sims: Sims

beforeAll(async () => {
  sims = await startSims()
  app = await startSyncAppliance()
  for (const kind of ['shopify', 'amazon', 'woocommerce'] as const) await app.createAccount(accountFor(kind, sims))
  await eventually(async () => (await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM sync_outbox WHERE status <> 'done'"))!.n === 0, 8000, 'the first full push')
})
afterAll(async () => {
  await app.destroy()
  await sims.stop()
})

const syncNow = async (account: string) => expect((await app.maya.post(`/api/channels/${account}/sync`, {})).status).toBe(200)
const orderOf = async (channelOrderId: string): Promise<OrderDetailDto> => {
  const row = await app.db.reader.one<{ id: string }>('SELECT id FROM orders WHERE channel_order_id = ?', [channelOrderId])
  return app.maya.get<OrderDetailDto>(`/api/orders/${row!.id}`)
}
const returnOne = async (order: OrderDetailDto): Promise<ReturnDto> => {
  const line = order.lines.find((l) => l.returnable > 0)!
  const r = await app.maya.post('/api/returns', { order: order.id, lines: [{ sku: line.sku, quantity: 1, reason: 'changed-mind', condition: 'sellable' }], refund: { method: 'original' } }, { 'idempotency-key': newKey('ret') })
  expect(r.status).toBe(201)
  return (await r.json()) as ReturnDto
}
/** An order from a simulator, imported and despatched by us. */
async function shippedOrder(kind: 'shopify' | 'amazon'): Promise<OrderDetailDto> {
  const { channelOrderId } = sims[kind].placeOrder()
  await syncNow(`${kind}-1`)
  const placed = await orderOf(channelOrderId)
  const shipped = await app.maya.post(`/api/orders/${placed.id}/shipments`, { carrier: 'royal_mail', trackingNumber: 'RM123456785GB' }, { 'idempotency-key': newKey('ship') })
  expect(shipped.status).toBe(201)
  const order = await orderOf(channelOrderId)
  expect(order).toMatchObject({ status: 'shipped', account: `${kind}-1` })
  return order
}

describe('refunds and the channels', () => {
  it('marks a desk refund completed when the channel takes it, and never counts the channel\'s copy again', async () => {
    const order = await shippedOrder('shopify')
    const ret = await returnOne(order)
    expect(ret.refunds).toEqual([expect.objectContaining({ method: 'channel', status: 'queued' })])
    const amount = ret.refunds[0]!.amountMinor
    app.deps.sync.control.kick(null)
    const done = await eventually(async () => {
      const d = await orderOf(order.channelOrderId!)
      return d.refunds[0]?.status === 'completed' ? d : undefined
    }, 8000, 'the refund to complete')
    expect(done.timeline.at(-1)).toMatchObject({ kind: 'refunded', summary: `shopify refunded £${(amount / 100).toFixed(2)}` })
    const row = await app.db.reader.one<{ channel_refund_id: string | null }>("SELECT channel_refund_id FROM refunds WHERE order_id = ? AND method = 'channel'", [order.id])
    expect(row!.channel_refund_id).toMatch(/^gid:\/\/shopify\/Refund\//)
    expect((await app.maya.get<ReturnDto>(`/api/returns/${ret.id}`)).refunds[0]!.status).toBe('completed')

    // Shopify now lists our refund on the order: a re-import records nothing new.
    await eventually(async () => sims.shopify.orders.get(Number(order.channelOrderId!.split('/').pop()))!.fulfillment === 'FULFILLED', 8000, 'the shipment on Shopify')
    await syncNow('shopify-1')
    const again = await orderOf(order.channelOrderId!)
    expect(again.refunds).toHaveLength(1)
    expect(again.totals.refundedMinor).toBe(amount)

    // The shop refunds one more unit in Shopify's admin: recorded once, however often it is imported.
    const admin = new ShopifyConnector({ ...TEST_HTTP, baseUrl: sims.urls.shopify, accessToken: sims.shopify.accessToken, webhookSecret: sims.shopify.webhookSecret })
    const lineIds = await app.db.reader.all<{ channel_line_id: string }>('SELECT channel_line_id FROM order_lines WHERE order_id = ? ORDER BY line_no', [order.id])
    await admin.pushRefund({ channelOrderId: order.channelOrderId!, currency: 'GBP', amountMinor: 250, lines: [{ channelLineId: lineIds.at(-1)!.channel_line_id, quantity: 1, amountMinor: 250, restock: false }], reason: 'goodwill' }, 'admin-refund-1')
    await syncNow('shopify-1')
    await syncNow('shopify-1')
    const after = await orderOf(order.channelOrderId!)
    expect(after.refunds.map((r) => [r.method, r.amountMinor, r.status, r.returnId === null])).toEqual([['channel', amount, 'completed', false], ['channel', 250, 'completed', true]])
    expect(after.totals.refundedMinor).toBe(amount + 250)
    expect(after.status).toBe('partially_returned')
    expect(after.timeline.filter((t) => t.kind === 'refunded' && /^shopify refunded £2\.50 for 1 × /.test(t.summary))).toHaveLength(1)
  })

  it('marks a refund failed when its job is dead-lettered, tells the managers, and discarded when a manager lets it go', async () => {
    const order = await shippedOrder('amazon')
    const ret = await returnOne(order)
    app.deps.sync.control.kick(null)
    const failed = await eventually(async () => {
      const d = await orderOf(order.channelOrderId!)
      return d.refunds[0]?.status === 'failed' ? d : undefined
    }, 8000, 'the refund to fail')
    expect(failed.timeline.at(-1)).toMatchObject({ kind: 'refunded', summary: expect.stringMatching(/^amazon refused the refund of £[\d.]+: a manager can replay it/), reason: expect.stringMatching(/Seller Central/) })
    const notes = await app.maya.get<{ items: NotificationDto[] }>('/api/notifications')
    expect(notes.items.find((n) => n.orderId === order.id)).toMatchObject({ kind: 'sync', severity: 'danger', audience: 'managers' })

    const job = await app.db.reader.one<{ id: string }>("SELECT id FROM sync_outbox WHERE reference = ? AND kind = 'refund'", [ret.id])
    expect((await app.maya.post(`/api/sync-jobs/${job!.id}/discard`, { reason: 'refunded in Seller Central by hand' })).status).toBe(200)
    const discarded = await orderOf(order.channelOrderId!)
    expect(discarded.refunds[0]!.status).toBe('discarded')
    expect(discarded.timeline.at(-1)).toMatchObject({ kind: 'refunded', staff: 'maya', reason: 'refunded in Seller Central by hand', summary: expect.stringMatching(/will not go through amazon: refund the customer another way/) })
  })

  it('takes units a WooCommerce refund covers off an order not yet sent (their units come from the refund itself)', async () => {
    const { channelOrderId } = sims.woocommerce.placeOrder()
    await syncNow('woocommerce-1')
    const before = await orderOf(channelOrderId)
    const line = before.lines.find((l) => l.quantity > 1) ?? before.lines[0]!
    expect(line.allocated).toBe(line.quantity)
    const lineId = (await app.db.reader.one<{ channel_line_id: string }>('SELECT channel_line_id FROM order_lines WHERE order_id = ? AND line_no = ?', [before.id, line.lineNo]))!.channel_line_id
    // WooCommerce dates have one-second precision: the refund must be a newer version of the order.
    await new Promise((r) => setTimeout(r, 1100))
    const admin = new WooCommerceConnector({ ...TEST_HTTP, baseUrl: sims.urls.woocommerce, consumerKey: sims.woocommerce.consumerKey, consumerSecret: sims.woocommerce.consumerSecret, webhookSecret: sims.woocommerce.webhookSecret })
    await admin.pushRefund({ channelOrderId, currency: 'GBP', amountMinor: line.unitPriceMinor, lines: [{ channelLineId: lineId, quantity: 1, amountMinor: line.unitPriceMinor, restock: false }], reason: 'out of stock at the warehouse' }, 'woo-admin-1')
    await syncNow('woocommerce-1')
    const after = await orderOf(channelOrderId)
    expect(after.totals.refundedMinor).toBe(line.unitPriceMinor)
    expect(after.lines.find((l) => l.lineNo === line.lineNo)).toMatchObject({ cancelled: 1, allocated: line.quantity - 1 })
    expect(after.refunds).toEqual([expect.objectContaining({ method: 'channel', amountMinor: line.unitPriceMinor, status: 'completed' })])
  })
})
