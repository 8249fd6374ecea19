/**
 * Jobs out: a claimed batch of outbox jobs sent through the account's connector, and what
 * each came to (done, retry after a delay, dead with a reason) per core/sync-job.ts.
 *
 * Stock jobs carry only the SKU. The figure is computed here, at send time, from the levels
 * as they are now and the channel's rule, so a push that waited out a rate limit never sends
 * a stale number. One push per SKU per batch (jobs for one SKU are serialised by the
 * account's single push lane). On Shopify's compare-and-set the figure we last saw on the
 * channel is the expected value; a `stale` answer means the channel sold or changed it: we
 * import orders first (so that sale is allocated), re-read our levels and push once more
 * against the channel's current figure.
 */
import { z } from 'zod'
import { isChannelError, type ChannelConnector, type StockPushResult, type StockUpdate } from '../../../sync/connector.js'
import { afterAttempt, type SendOutcome, type SyncRetryPolicy } from '../../core/sync-job.js'
import { channelAvailable, ruleFor, type PooledLevel } from '../../core/sync-stock-rule.js'
import type { ChannelAccount, JobFinish, OutboxJob, StockStateRecord } from './ports.js'

export interface PushContext {
  account: ChannelAccount
  connector: ChannelConnector
  /** Levels summed over the account's locations, read now. */
  levels(skus: readonly string[]): Promise<Map<string, PooledLevel>>
  /** What we last saw the channel hold, per SKU. */
  stockState(skus: readonly string[]): Promise<Map<string, StockStateRecord>>
  /** Imports the account's orders now (joins a running import). */
  importNow(): Promise<void>
  now(): Date
  random(): number
  policy: SyncRetryPolicy
}

export interface PushOutcome {
  finishes: JobFinish[]
  states: StockStateRecord[]
  /** Jobs that went through (done). */
  sent: number
  /** Messages of failures, for the status screen. */
  errors: string[]
}

/** The facts the state machine needs from whatever a call threw. Unknown errors are never retried blindly. */
export function outcomeOf(error: unknown): SendOutcome & { ok: false } {
  if (isChannelError(error)) return { ok: false, retryable: error.retryable || error.kind === 'conflict', retryAfterMs: error.retryAfterMs, message: error.message }
  return { ok: false, retryable: false, message: `unexpected error: ${error instanceof Error ? error.message : String(error)}` }
}

const ShipmentPayload = z.object({
  channelOrderId: z.string().min(1),
  lines: z.array(z.object({ channelLineId: z.string().min(1), quantity: z.number().int().positive() })).min(1),
  carrier: z.string().min(1),
  carrierName: z.string().optional(),
  trackingNumber: z.string().min(1),
  trackingUrl: z.string().optional(),
  shippedAt: z.string().min(1),
  notifyCustomer: z.boolean().optional(),
})

const RefundPayload = z.object({
  channelOrderId: z.string().min(1),
  currency: z.string().length(3),
  amountMinor: z.number().int().positive(),
  lines: z.array(z.object({ channelLineId: z.string().min(1), quantity: z.number().int().min(0), amountMinor: z.number().int().min(0), restock: z.boolean() })),
  shippingMinor: z.number().int().min(0).optional(),
  reason: z.string(),
})

const StockPayload = z.object({ sku: z.string().min(1) })

export async function sendJobs(ctx: PushContext, jobs: readonly OutboxJob[]): Promise<PushOutcome> {
  const out: PushOutcome = { finishes: [], states: [], sent: 0, errors: [] }
  const stock = jobs.filter((j) => j.kind === 'stock')
  if (stock.length) await sendStock(ctx, stock, out)
  for (const job of jobs) {
    if (job.kind === 'shipment') await sendOne(ctx, job, out, ShipmentPayload, (p) => ctx.connector.confirmShipment(p, job.idempotencyKey))
    else if (job.kind === 'refund') await sendOne(ctx, job, out, RefundPayload, (p) => ctx.connector.pushRefund(p, job.idempotencyKey))
    else if (job.kind !== 'stock') finish(ctx, out, job, { ok: false, retryable: false, message: `unknown job kind "${String(job.kind)}"` })
  }
  return out
}

function finish(ctx: PushContext, out: PushOutcome, job: OutboxJob, outcome: SendOutcome, result?: unknown): void {
  const update = afterAttempt(job, outcome, ctx.now(), ctx.random, ctx.policy)
  out.finishes.push({ id: job.id, ...update, ...(result === undefined ? {} : { result }) })
  if (update.status === 'done') out.sent += 1
  else if (update.lastError) out.errors.push(update.lastError)
}

async function sendOne<T>(ctx: PushContext, job: OutboxJob, out: PushOutcome, schema: z.ZodType<T>, call: (payload: T) => Promise<unknown>): Promise<void> {
  const parsed = schema.safeParse(job.payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return finish(ctx, out, job, { ok: false, retryable: false, message: `malformed ${job.kind} job: ${issue?.path.join('.') || 'payload'} ${issue?.message ?? ''}`.trim() })
  }
  try {
    finish(ctx, out, job, { ok: true }, await call(parsed.data))
  } catch (error) {
    finish(ctx, out, job, outcomeOf(error))
  }
}

async function sendStock(ctx: PushContext, jobs: readonly OutboxJob[], out: PushOutcome): Promise<void> {
  const { account } = ctx
  const bySku = new Map<string, OutboxJob[]>()
  for (const job of jobs) {
    const sku = job.sku ?? StockPayload.safeParse(job.payload).data?.sku
    if (!sku) {
      finish(ctx, out, job, { ok: false, retryable: false, message: 'stock job names no SKU' })
      continue
    }
    bySku.set(sku, [...(bySku.get(sku) ?? []), job])
  }
  if (bySku.size === 0) return
  const theirs = (sku: string) => account.skuMap[sku] ?? sku
  const ours = new Map([...bySku.keys()].map((sku) => [theirs(sku), sku]))
  const cas = ctx.connector.capabilities.stockCompareAndSet
  const build = async (skus: readonly string[], expected: (sku: string) => number | null): Promise<StockUpdate[]> => {
    const levels = await ctx.levels(skus)
    return skus.map((sku) => ({
      sku: theirs(sku),
      available: channelAvailable(levels.get(sku) ?? { onHand: 0, allocated: 0 }, ruleFor(account.rules, sku)),
      ...(cas ? { expectedAvailable: expected(sku) } : {}),
      idempotencyKey: bySku.get(sku)![0]!.idempotencyKey,
    }))
  }
  const skus = [...bySku.keys()]
  const known = await ctx.stockState(skus)
  let results: StockPushResult[]
  let updates: StockUpdate[]
  try {
    updates = await build(skus, (sku) => (known.get(sku)?.listed ? (known.get(sku)?.available ?? null) : null))
    results = await ctx.connector.pushStock(updates)
    const stale = results.filter((r) => r.status === 'stale')
    if (stale.length) {
      await ctx.importNow().catch(() => undefined) // a sale on the channel: allocate it before recomputing
      const held = new Map(stale.map((r) => [r.sku, r.channelAvailable ?? null]))
      const again = await build(stale.map((r) => ours.get(r.sku)!), (sku) => held.get(theirs(sku)) ?? null)
      const retried = new Map((await ctx.connector.pushStock(again)).map((r) => [r.sku, r]))
      results = results.map((r) => retried.get(r.sku) ?? r)
      updates = updates.map((u) => again.find((a) => a.sku === u.sku) ?? u)
    }
  } catch (error) {
    for (const group of bySku.values()) for (const job of group) finish(ctx, out, job, outcomeOf(error))
    return
  }
  const sent = new Map(updates.map((u) => [u.sku, u.available]))
  for (const r of results) {
    const sku = ours.get(r.sku)
    if (!sku) continue
    const value = sent.get(r.sku) ?? 0
    let outcome: SendOutcome
    let state: StockStateRecord | undefined
    switch (r.status) {
      case 'applied':
      case 'accepted':
        outcome = { ok: true }
        state = { sku, available: r.status === 'applied' ? (r.channelAvailable ?? value) : value, listed: true }
        break
      case 'not_found':
        // Not every SKU is listed on every channel: nothing to push, nothing for a person.
        outcome = { ok: true }
        state = { sku, available: null, listed: false }
        break
      case 'stale':
        outcome = { ok: false, retryable: true, retryAfterMs: 500, message: `${r.sku}: the channel's figure keeps changing (compare-and-set failed twice)` }
        state = r.channelAvailable === undefined ? undefined : { sku, available: r.channelAvailable, listed: true }
        break
      case 'rejected':
        outcome = { ok: false, retryable: r.error?.retryable ?? false, retryAfterMs: r.error?.retryAfterMs, message: r.error?.message ?? `${r.sku}: refused by the channel` }
        break
    }
    if (state) out.states.push(state)
    for (const job of bySku.get(sku) ?? []) finish(ctx, out, job, outcome, outcome.ok ? { status: r.status, available: state?.available ?? null } : undefined)
  }
}
