/** Stock levels, history and the four ledger operations. */
import { z } from 'zod'
import { ApprovalAction, canSelfApprove } from '../../app/auth.js'
import { runIdempotent } from '../../app/idempotent.js'
import { adjustStock, countStock, receiveStock, transferStock, type StockChange } from '../../app/stock.js'
import { notFound } from '../../core/errors.js'
import { availableToSell } from '../../core/stock-ledger.js'
import type { LocationList, MovementPage, StockChangeResult, StockView } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, route, type RouteContext } from '../route.js'
import { LocationId, Quantity, Reason, SignedQuantity, Sku, SkuParams } from '../schemas.js'

const Adjustment = z.strictObject({
  sku: Sku,
  location: LocationId,
  quantity: SignedQuantity,
  reason: Reason,
  approvalToken: z.string().max(200).optional(),
})
const Receipt = z.strictObject({ sku: Sku, location: LocationId, quantity: Quantity, reference: z.string().trim().max(100).optional() })
const Transfer = z.strictObject({ sku: Sku, from: LocationId, to: LocationId, quantity: Quantity, reason: Reason.optional() })
const Count = z.strictObject({
  sku: Sku,
  location: LocationId,
  counted: z.number().int('a count is a whole number').min(0, 'a count is zero or more').max(100_000, 'a count cannot be over 100,000'),
})

const changeDto = (change: StockChange): StockChangeResult => ({
  sku: change.sku,
  movementIds: change.movementIds,
  levels: change.levels.map((l) => ({ location: l.location, onHand: l.onHand, allocated: l.allocated, available: l.available })),
})

export const stockRoutes = (deps: AppDeps) => {
  /** Runs a stock write once per Idempotency-Key and answers 201 with the change. */
  const write = async <B>(ctx: RouteContext<B, unknown, unknown>, scope: string, work: Parameters<typeof runIdempotent<ReturnType<typeof changeDto>>>[3]) => {
    const answer = await runIdempotent(deps.uow, { scope, key: ctx.idempotencyKey, now: ctx.now }, 201, work)
    return ctx.c.json(answer.body, answer.status as 201, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {})
  }

  return [
    route({
      method: 'get',
      path: '/api/stock/:sku',
      summary: 'Stock levels of one product per location',
      roles: ALL_STAFF,
      params: SkuParams,
      async handler({ c, params }) {
        const product = await deps.catalogue.bySku(params.sku)
        if (!product) throw notFound(`There is no product with SKU "${params.sku}"`, 'sku')
        const levels = (await deps.stock.levels(params.sku)).map((l) => ({ ...l, available: availableToSell(l) }))
        return c.json({ sku: product.sku, name: product.name, levels } satisfies StockView)
      },
    }),
    route({
      method: 'get',
      path: '/api/stock/:sku/movements',
      summary: 'Movement history of one product, newest first (who, when, why)',
      roles: ALL_STAFF,
      params: SkuParams,
      query: z.strictObject({
        before: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      async handler({ c, params, query }) {
        const rows = await deps.stock.movements(params.sku, { before: query.before, limit: query.limit + 1 })
        const page = rows.slice(0, query.limit)
        const body: MovementPage = {
          items: page.map((m) => ({
            id: m.id, occurredAt: m.occurredAt.toISOString(), location: m.location, quantity: m.quantity, kind: m.kind,
            reason: m.reason, reference: m.reference, staff: m.staffId, staffName: m.staffName, station: m.station,
          })),
          nextCursor: rows.length > query.limit ? page.at(-1)!.id : null,
        }
        return c.json(body)
      },
    }),
    route({
      method: 'get',
      path: '/api/locations',
      summary: 'Stock locations',
      roles: ALL_STAFF,
      handler: async ({ c }) => c.json({ items: await deps.stock.locations() } satisfies LocationList),
    }),
    route({
      method: 'post',
      path: '/api/stock/adjustments',
      summary: "Adjust on-hand with a reason (assistants need a manager's approval)",
      roles: ALL_STAFF,
      body: Adjustment,
      idempotent: true,
      status: 201,
      async handler(ctx) {
        const response = await write(ctx, 'stock.adjustments', async (s) => {
          const approvedBy = canSelfApprove(ctx.actor) ? undefined : deps.approvals.check(ctx.body.approvalToken, ApprovalAction.StockAdjust, ctx.now)
          const change = await adjustStock(s, { ...ctx.body, approvedBy }, ctx.actor, ctx.now)
          return { ...changeDto(change), movementId: change.movementIds[0]!, level: change.levels[0]! }
        })
        deps.approvals.spend(ctx.body.approvalToken)
        return response
      },
    }),
    route({
      method: 'post',
      path: '/api/stock/receipts',
      summary: 'Goods received into a location',
      roles: ALL_STAFF,
      body: Receipt,
      idempotent: true,
      status: 201,
      handler: (ctx) => write(ctx, 'stock.receipts', async (s) => {
        const change = await receiveStock(s, ctx.body, ctx.actor, ctx.now)
        await deps.orders.refill?.(s, [ctx.body.sku], ctx.now) // orders waiting for it are allocated in the same commit
        return changeDto(change)
      }),
    }),
    route({
      method: 'post',
      path: '/api/stock/transfers',
      summary: 'Move stock between two locations',
      roles: ALL_STAFF,
      body: Transfer,
      idempotent: true,
      status: 201,
      handler: (ctx) => write(ctx, 'stock.transfers', async (s) => changeDto(await transferStock(s, ctx.body, ctx.actor, ctx.now))),
    }),
    route({
      method: 'post',
      path: '/api/stock/counts',
      summary: 'Record a stock count (sets on-hand to what was counted)',
      roles: ALL_STAFF,
      body: Count,
      idempotent: true,
      status: 201,
      handler: (ctx) => write(ctx, 'stock.counts', async (s) => changeDto(await countStock(s, ctx.body, ctx.actor, ctx.now))),
    }),
  ]
}
