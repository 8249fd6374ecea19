/**
 * The outbox against faulty simulators: 429 waits out Retry-After, 5xx and timeouts retry
 * with backoff, other 4xx go to the dead letters where a manager replays or discards them;
 * shipments and refunds written by the order book go out through the same outbox with their
 * idempotency keys; a job left half-sent by a crash is sent again after the restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeadLettersDto, SyncJobDto } from '../../appliance/api/contract.js'
import { accountFor, eventually, ourAvailable, startSims, startSyncAppliance, type Sims, type SyncAppliance } from './sync-harness.js'

let app: SyncAppliance
let sims: Sims

beforeAll(async () => {
  sims = await startSims()
  app = await startSyncAppliance()
  for (const kind of ['shopify', 'woocommerce', 'amazon', 'ebay'] as const) await app.createAccount(accountFor(kind, sims))
  await eventually(async () => (await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM sync_outbox WHERE status <> 'done'"))!.n === 0, 5000, 'the first full push')
})
afterAll(async () => {
  await app.destroy()
  await sims.stop()
})

const adjust = async (sku: string, quantity: number) => {
  const res = await app.maya.post('/api/stock/adjustments', { sku, location: 'floor', quantity, reason: 'test' })
  expect(res.status).toBe(201)
}
const lastJob = (account: string, sku: string) =>
  app.db.reader.one<{ id: string; status: string; attempts: number; last_error: string | null }>(
    'SELECT id, status, attempts, last_error FROM sync_outbox WHERE account = ? AND sku = ? ORDER BY created_at DESC LIMIT 1', [account, sku])
interface JobRow { status: string; attempts: number; last_error: string | null; result: string | null }
const jobDone = (id: string) => eventually(async () => {
  const row = await app.db.reader.one<JobRow>('SELECT status, attempts, last_error, result::VARCHAR AS result FROM sync_outbox WHERE id = ?', [id])
  return row && ['done', 'dead'].includes(row.status) ? row : undefined
}, 8000, `job ${id} to finish`)

describe('the outbox', () => {
  it('waits out a 429 for as long as Retry-After says, then sends', async () => {
    sims.ebay.faults.inject({ kind: 'status', status: 429, retryAfter: '1', body: { errors: [{ errorId: 2001, message: 'Too many requests' }] } }, { match: 'bulk_update_price_quantity' })
    await adjust('MUG-STONE-02', -1)
    const want = await ourAvailable(app, 'MUG-STONE-02')
    await eventually(() => sims.ebay.stockOf('MUG-STONE-02') === want, 5000, 'eBay after the 429')
    const calls = sims.ebay.log.filter((l) => l.path.endsWith('bulk_update_price_quantity')).slice(-2)
    expect(calls.map((c) => c.status)).toEqual([429, 200])
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000)
    expect(await jobDone((await lastJob('ebay-1', 'MUG-STONE-02'))!.id)).toMatchObject({ status: 'done', attempts: 2 })
  })

  it('retries a 500 and a timeout with backoff', async () => {
    sims.woocommerce.faults.inject({ kind: 'status', status: 500 }, { match: 'products/batch' }).inject({ kind: 'timeout' }, { match: 'products/batch' })
    await adjust('TEA-EARLGREY-250', -2)
    const want = await ourAvailable(app, 'TEA-EARLGREY-250')
    await eventually(() => sims.woocommerce.stockOf('TEA-EARLGREY-250') === want, 8000, 'WooCommerce after a 500 and a timeout')
    expect(await jobDone((await lastJob('woocommerce-1', 'TEA-EARLGREY-250'))!.id)).toMatchObject({ status: 'done', attempts: 3 })
  })

  it('sends other 4xx to the dead letters, where a manager replays or discards them', async () => {
    sims.shopify.faults.inject({ kind: 'status', status: 400, body: { errors: 'Bad request: variant is archived' } }, { match: 'graphql', times: 1 })
    await adjust('POT-TEAPOT-6C', -1)
    const dead = await eventually(async () => {
      const job = await lastJob('shopify-1', 'POT-TEAPOT-6C')
      return job?.status === 'dead' ? job : undefined
    }, 5000, 'the job to be dead-lettered')
    expect(dead.attempts).toBe(1)
    expect(dead.last_error).toMatch(/400/)
    const letters = await app.maya.get<DeadLettersDto>('/api/channels/shopify-1/dead-letters')
    expect(letters.jobs.map((j) => j.id)).toContain(dead.id)
    expect(letters.jobs.find((j) => j.id === dead.id)).toMatchObject({ kind: 'stock', summary: 'Stock POT-TEAPOT-6C', status: 'dead' })
    expect((await app.maya.get<{ dead: number }>('/api/channels/shopify-1/status')).dead).toBe(1)

    const replay = await app.maya.post(`/api/sync-jobs/${dead.id}/replay`, {})
    expect(((await replay.json()) as SyncJobDto).status).toBe('pending')
    expect(await jobDone(dead.id)).toMatchObject({ status: 'done', attempts: 1 })
    expect(sims.shopify.stockOf('POT-TEAPOT-6C')).toBe(await ourAvailable(app, 'POT-TEAPOT-6C'))
    const audit = await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.job_replayed' AND entity_id = ?", [dead.id])
    expect(audit!.n).toBe(1)
    // Only dead jobs can be replayed; a done one is a conflict.
    expect((await app.maya.post(`/api/sync-jobs/${dead.id}/replay`, {})).status).toBe(409)

    sims.shopify.faults.inject({ kind: 'status', status: 422, body: { errors: 'nope' } }, { match: 'graphql', times: 1 })
    await adjust('POT-TEAPOT-6C', -1)
    const other = await eventually(async () => {
      const job = await lastJob('shopify-1', 'POT-TEAPOT-6C')
      return job?.status === 'dead' ? job : undefined
    }, 5000)
    const discard = await app.maya.post(`/api/sync-jobs/${other.id}/discard`, { reason: 'superseded by the next push' })
    expect(((await discard.json()) as SyncJobDto).status).toBe('discarded')
    expect((await app.maya.get<DeadLettersDto>('/api/channels/shopify-1/dead-letters')).jobs).toHaveLength(0)
  })

  it('sends shipments and refunds the order book writes, once each, by their idempotency keys', async () => {
    const shop = sims.shopify.placeOrder()
    const woo = sims.woocommerce.placeOrder()
    const amz = sims.amazon.placeOrder()
    for (const kind of ['shopify', 'woocommerce', 'amazon']) await app.maya.post(`/api/channels/${kind}-1/sync`, {})
    const linesOf = (channelOrderId: string) => app.db.reader.all<{ channel_line_id: string; quantity: number }>(
      'SELECT l.channel_line_id, l.quantity FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.channel_order_id = ? ORDER BY l.line_no', [channelOrderId])
    const shipLines = (await linesOf(shop.channelOrderId)).map((l) => ({ channelLineId: l.channel_line_id, quantity: l.quantity }))
    const wooLines = await linesOf(woo.channelOrderId)
    const amzLines = await linesOf(amz.channelOrderId)
    const ids = await app.deps.uow.run(async (s) => {
      const now = new Date()
      return [
        await s.outbox.enqueue({ channel: 'shopify', account: null, kind: 'shipment', reference: 'order-1', idempotencyKey: 'shipment:order-1:1',
          payload: { channelOrderId: shop.channelOrderId, lines: shipLines, carrier: 'royal_mail', trackingNumber: 'RM123456785GB', shippedAt: now.toISOString() } }, now),
        await s.outbox.enqueue({ channel: 'woocommerce', account: null, kind: 'refund', reference: 'return-1', idempotencyKey: 'refund:return-1',
          payload: { channelOrderId: woo.channelOrderId, currency: 'GBP', amountMinor: 1499, reason: 'Damaged in transit', lines: [{ channelLineId: wooLines[0]!.channel_line_id, quantity: 1, amountMinor: 1499, restock: false }] } }, now),
        await s.outbox.enqueue({ channel: 'amazon', account: null, kind: 'refund', reference: 'return-2', idempotencyKey: 'refund:return-2',
          payload: { channelOrderId: amz.channelOrderId, currency: 'GBP', amountMinor: 850, reason: 'Changed mind', lines: [{ channelLineId: amzLines[1]!.channel_line_id, quantity: 1, amountMinor: 850, restock: true }] } }, now),
      ]
    })
    app.deps.sync.control.kick(null)
    const [shipment, refund, amazonRefund] = (await Promise.all(ids.map(jobDone))) as [JobRow, JobRow, JobRow]
    expect(shipment).toMatchObject({ status: 'done', attempts: 1 })
    expect(JSON.parse(shipment.result!)).toMatchObject({ alreadyDone: false })
    expect(sims.shopify.orders.get(Number(shop.channelOrderId.split('/').pop()))!.fulfillment).toBe('FULFILLED')
    expect(refund).toMatchObject({ status: 'done' })
    expect(sims.woocommerce.orders.get(Number(woo.channelOrderId))!.refunds).toHaveLength(1)
    // Amazon takes refunds only in Seller Central: a person sees it, with the reason.
    expect(amazonRefund).toMatchObject({ status: 'dead' })
    expect(amazonRefund.last_error).toMatch(/Seller Central/)

    // Sent again (a replayed dead letter, a restart mid-send): the channel applies it once.
    await app.db.transaction((tx) => tx.sql.run("UPDATE sync_outbox SET status = 'dead' WHERE id IN (?, ?)", [ids[0]!, ids[1]!]))
    for (const id of ids.slice(0, 2)) await app.maya.post(`/api/sync-jobs/${id}/replay`, {})
    const [again, refundAgain] = (await Promise.all(ids.slice(0, 2).map(jobDone))) as [JobRow, JobRow]
    expect(JSON.parse(again.result!)).toMatchObject({ alreadyDone: true })
    expect(JSON.parse(refundAgain.result!)).toMatchObject({ alreadyDone: true })
    expect(sims.woocommerce.orders.get(Number(woo.channelOrderId))!.refunds).toHaveLength(1)
  })

  it('sends again after a restart what a crash left half-sent', async () => {
    await adjust('CADDY-TIN-01', -1)
    const job = await eventually(async () => {
      const row = await lastJob('amazon-1', 'CADDY-TIN-01')
      return row?.status === 'done' ? row : undefined
    }, 5000)
    // As if the appliance died between sending and recording the answer.
    await app.db.transaction((tx) => tx.sql.run("UPDATE sync_outbox SET status = 'sending' WHERE id = ?", [job.id]))
    sims.amazon.setStock('CADDY-TIN-01', 0)
    app = await app.restart()
    expect(await jobDone(job.id)).toMatchObject({ status: 'done', attempts: 2 })
    await eventually(async () => sims.amazon.stockOf('CADDY-TIN-01') === (await ourAvailable(app, 'CADDY-TIN-01')), 5000)
  })
})
