/**
 * The returns desk: take a return against any channel's order (receipt barcode, receipt or
 * order number, or order id) or without a receipt, with a refund to the original tender, as
 * store credit or as an exchange; read one back; returns by post (authorise with a label,
 * then receive at the desk).
 */
import { z } from 'zod'
import { runIdempotent } from '../../app/idempotent.js'
import { acceptOrderReturn, type ReturnContext } from '../../app/returns/accept-return.js'
import { acceptNoReceiptReturn } from '../../app/returns/no-receipt.js'
import { returnSummary } from '../../app/returns/return-view.js'
import { authoriseReturn, receiveReturn } from '../../app/returns/rma.js'
import { priceSale } from '../../app/sale/quote.js'
import { DomainError, notFound } from '../../core/errors.js'
import type { Actor } from '../../app/ports.js'
import type { ReturnAuthorisationDto, ReturnDto, ReturnOptionsDto } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, route, type RouteContext } from '../route.js'
import { LocationId, Quantity, Sku } from '../schemas.js'
import { Line, Tender, TILL_STAFF, TillId, toBasket } from './till-schemas.js'

const Pence = (what: string) => z.number({ error: `${what} must be a number of pence` }).int(`${what} must be a whole number of pence`).min(0).max(1_000_000_000)
const ReasonCode = z.string().trim().min(1, 'choose a reason').max(60)
const Condition = z.enum(['sellable', 'damaged', 'write-off'], { error: 'a returned item is sellable, damaged or write-off' })

const ReturnLine = z.strictObject({
  sku: Sku, quantity: Quantity, reason: ReasonCode, condition: Condition, location: LocationId.optional(), unitValueMinor: Pence('unitValueMinor').optional(),
})

const Refund = z.strictObject({
  method: z.enum(['original', 'store-credit', 'exchange'], { error: 'refund to the original payment, as store credit, or exchange' }),
  tender: z.enum(['cash', 'card', 'voucher', 'channel']).optional(),
  till: TillId.optional(),
  balance: z.enum(['original', 'store-credit']).optional(),
})

const ExchangeLine = Line.pick({ sku: true, barcode: true, quantity: true })

const ReturnBody = z.strictObject({
  order: z.string().trim().min(1, 'scan the receipt or give the order number').max(100).optional(),
  noReceipt: z.boolean().optional(),
  lines: z.array(ReturnLine).min(1, 'choose at least one item to return').max(100),
  refund: Refund,
  exchange: z.strictObject({ lines: z.array(ExchangeLine).min(1, 'add the new items').max(100), tenders: z.array(Tender).max(10).optional() }).optional(),
  overrideWindow: z.boolean().optional(),
  approvalToken: z.string().max(200).optional(),
  note: z.string().trim().max(500).optional(),
})
  .refine((b) => (b.order === undefined) === (b.noReceipt === true), { message: 'give the order (receipt) or say noReceipt: true', path: ['order'] })
  .refine((b) => (b.refund.method === 'exchange') === (b.exchange !== undefined), { message: 'an exchange refund goes with the new items in exchange (and only then)', path: ['exchange'] })

const AuthoriseBody = z.strictObject({
  order: z.string().trim().min(1).max(100),
  lines: z.array(z.strictObject({ sku: Sku, quantity: Quantity, reason: ReasonCode })).min(1).max(100),
  address: z.strictObject({
    name: z.string().trim().min(1).max(100), line1: z.string().trim().min(1).max(200), line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1).max(100), postcode: z.string().trim().min(2).max(20), country: z.string().trim().max(60).optional(),
  }).optional(),
  overrideWindow: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
})

const ReceiveBody = z.strictObject({
  lines: z.array(z.strictObject({ sku: Sku, quantity: Quantity, condition: Condition, location: LocationId.optional(), reason: ReasonCode.optional() })).min(1).max(100),
  refund: Refund,
  approvalToken: z.string().max(200).optional(),
  note: z.string().trim().max(500).optional(),
})

const IdParams = z.strictObject({ id: z.string().trim().min(1).max(100) })

export const returnRoutes = (deps: AppDeps) => {
  const context = async (actor: Actor, staffName: string, now: Date): Promise<ReturnContext> => {
    const [config, till] = await Promise.all([deps.orders.settings.current(), deps.till.settings.current()])
    return { actor, staffName, now, config, tillSettings: till.settings, shop: till.shop, approvals: deps.approvals, randomBytes: deps.till.randomBytes, encoder: deps.printing.encoder }
  }
  const answer = async <T>(ctx: RouteContext<unknown, unknown, unknown>, scope: string, work: Parameters<typeof runIdempotent<T>>[3], token?: string) => {
    const result = await runIdempotent(deps.uow, { scope, key: ctx.idempotencyKey, now: ctx.now }, 201, work)
    if (!result.replayed) deps.approvals.spend(token)
    return ctx.c.json(result.body as object, 201, result.replayed ? { 'Idempotent-Replayed': 'true' } : {})
  }
  const shelfPrice = async (sku: string) => {
    const p = await deps.catalogue.bySku(sku)
    return p && { name: p.name, priceMinor: p.priceMinor, vatRateBp: p.vatRateBp }
  }

  return [
    route({
      method: 'get', path: '/api/returns/options', summary: 'What the returns screen offers: reasons, locations, the no-receipt limit', roles: ALL_STAFF,
      async handler({ c }) {
        const { returnPolicy } = await deps.orders.settings.current()
        return c.json({ reasons: [...returnPolicy.reasons], sellableLocations: [...returnPolicy.sellableLocations], quarantineLocation: returnPolicy.quarantineLocation, noReceiptLimitMinor: returnPolicy.noReceiptLimitMinor } satisfies ReturnOptionsDto)
      },
    }),
    route({
      method: 'post', path: '/api/returns', summary: 'Take a return: stock back once per unit, refund to the original tender, as store credit, or an exchange — one transaction (send an Idempotency-Key)',
      roles: TILL_STAFF, body: ReturnBody, idempotent: true, status: 201,
      async handler(ctx) {
        const { body, actor, staffName, now } = ctx
        const base = await context(actor, staffName, now)
        const exchange = body.exchange
          ? { sale: await priceSale(deps.catalogue, toBasket({ lines: body.exchange.lines }), base.tillSettings).catch(remapExchange), tenders: body.exchange.tenders ?? [] }
          : undefined
        const input = { ...body, order: body.order ?? null, exchange }
        return answer(ctx as never, 'returns', async (s) => (body.order === undefined
          ? await acceptNoReceiptReturn(s, input, { ...base, shelfPrice })
          : await acceptOrderReturn(s, { ...input, order: body.order }, base)) satisfies ReturnDto, body.approvalToken)
      },
    }),
    route({
      method: 'post', path: '/api/returns/authorisations', summary: 'Authorise a return by post (RMA) and print its returns label', roles: ALL_STAFF, body: AuthoriseBody, idempotent: true, status: 201,
      async handler(ctx) {
        const base = await context(ctx.actor, ctx.staffName, ctx.now)
        return answer(ctx as never, 'returns.authorise', async (s) => (await authoriseReturn(s, ctx.body, { ...base, labels: deps.orders.labels })) satisfies ReturnAuthorisationDto)
      },
    }),
    route({
      method: 'post', path: '/api/returns/:id/receive', summary: 'Receive a return sent by post at the desk: stock and refund as a desk return', roles: TILL_STAFF, params: IdParams, body: ReceiveBody, idempotent: true, status: 201,
      async handler(ctx) {
        const base = await context(ctx.actor, ctx.staffName, ctx.now)
        return answer(ctx as never, 'returns.receive', async (s) => (await receiveReturn(s, ctx.params.id, ctx.body, base)) satisfies ReturnDto, ctx.body.approvalToken)
      },
    }),
    route({
      method: 'get', path: '/api/returns/:id', summary: 'One return (by id or R-number): lines, where the stock went, refunds', roles: ALL_STAFF, params: IdParams,
      async handler({ c, params }) {
        const rows = await deps.orders.returns.get(params.id)
        if (!rows) throw notFound(`There is no return ${params.id}`, 'id')
        return c.json(returnSummary(rows) satisfies ReturnDto)
      },
    }),
  ]
}

/** A pricing error of the new items names the exchange's field. */
function remapExchange(error: unknown): never {
  if (error instanceof DomainError && error.field?.startsWith('lines')) throw new DomainError(error.code, error.message, `exchange.${error.field}`, error.details)
  throw error
}
