/** Parked baskets: put a basket aside on one till and recall it on any till, once. */
import { z } from 'zod'
import { recallBasket, parkBasket } from '../../app/sale/parked.js'
import { priceSale } from '../../app/sale/quote.js'
import type { ParkedBasketDto, ParkedList, RecalledBasket } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { route } from '../route.js'
import { BasketBody, Customer, TILL_STAFF, TillId, toBasket } from './till-schemas.js'

export const parkedRoutes = (deps: AppDeps) => [
  route({
    method: 'get',
    path: '/api/parked',
    summary: 'Baskets parked and not yet recalled, oldest first',
    roles: TILL_STAFF,
    async handler({ c }) {
      const items: ParkedBasketDto[] = (await deps.till.sales.parked()).map((p) => ({
        id: p.id, parkedAt: p.parkedAt.toISOString(), till: p.tillId, label: p.label, staffName: p.staffName, lineCount: p.lineCount, totalMinor: p.totalMinor,
      }))
      return c.json({ items } satisfies ParkedList)
    },
  }),
  route({
    method: 'post',
    path: '/api/parked',
    summary: 'Park a basket (it is priced now to check it, and again when completed)',
    roles: TILL_STAFF,
    body: z.strictObject({ till: TillId, label: z.string().trim().max(60).optional(), ...BasketBody, customer: Customer.optional() }),
    status: 201,
    async handler({ c, body, actor, now }) {
      const { settings } = await deps.till.settings.current()
      const basket = toBasket(body)
      const sale = await priceSale(deps.catalogue, basket, settings)
      const request = { till: body.till, ...basket, ...(body.label ? { label: body.label } : {}), ...(body.customer ? { customer: body.customer } : {}) }
      const parked = await deps.uow.run((s) => parkBasket(s, request, sale.totalMinor, { actor, now }))
      return c.json(parked, 201)
    },
  }),
  route({
    method: 'post',
    path: '/api/parked/:id/recall',
    summary: 'Recall a parked basket onto a till (each basket can be recalled once)',
    roles: TILL_STAFF,
    params: z.strictObject({ id: z.string().uuid('that is not a parked basket id') }),
    body: z.strictObject({ till: TillId }),
    async handler({ c, params, body, actor, now }) {
      const recalled = await deps.uow.run((s) => recallBasket(s, { id: params.id, till: body.till }, { actor, now }))
      return c.json(recalled as RecalledBasket)
    },
  }),
]
