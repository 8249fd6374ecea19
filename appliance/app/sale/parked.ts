/**
 * Parked baskets: a basket put aside on one till (the customer went back for something)
 * and recalled on any till. A recall takes the basket exactly once, so two tills can't
 * both ring it up; the prices are worked out afresh when it is completed.
 */
import { randomUUID } from 'node:crypto'
import { conflict, notFound } from '../../core/errors.js'
import type { Actor, TxStores } from '../ports.js'
import type { BasketRequest } from './basket.js'
import type { CustomerDetails } from './ports.js'

export interface ParkRequest extends BasketRequest {
  till: string
  label?: string
  customer?: Partial<CustomerDetails>
}

export async function parkBasket(s: TxStores, request: ParkRequest, totalMinor: number, ctx: { actor: Actor; now: Date }): Promise<{ id: string; parkedAt: string; totalMinor: number; lineCount: number }> {
  const till = await s.tills.get(request.till)
  if (!till) throw notFound(`There is no till "${request.till}"`, 'till')
  const id = randomUUID()
  const basket = { lines: request.lines, discounts: request.discounts ?? [], ...(request.customer ? { customer: request.customer } : {}) }
  await s.parked.park({
    id, parkedAt: ctx.now, tillId: request.till, staffId: ctx.actor.staffId, station: ctx.actor.station,
    label: request.label?.trim() || null, basket, lineCount: request.lines.length, totalMinor, recalledAt: null,
  })
  await s.audit.record({ action: 'sale.parked', actor: ctx.actor, entity: 'parked_basket', entityId: id, occurredAt: ctx.now, details: { till: request.till, totalMinor, lines: request.lines.length } })
  return { id, parkedAt: ctx.now.toISOString(), totalMinor, lineCount: request.lines.length }
}

export async function recallBasket(s: TxStores, input: { id: string; till: string }, ctx: { actor: Actor; now: Date }): Promise<{ id: string; label: string | null; basket: unknown }> {
  const parked = await s.parked.get(input.id)
  if (!parked) throw notFound('That parked basket does not exist', 'id')
  if (parked.recalledAt) throw conflict(`That basket was already recalled at ${parked.recalledAt.toISOString()}`, 'id')
  if (!(await s.tills.get(input.till))) throw notFound(`There is no till "${input.till}"`, 'till')
  await s.parked.markRecalled(input.id, { staffId: ctx.actor.staffId, tillId: input.till, at: ctx.now })
  await s.audit.record({ action: 'sale.recalled', actor: ctx.actor, entity: 'parked_basket', entityId: input.id, occurredAt: ctx.now, details: { till: input.till, parkedOn: parked.tillId } })
  return { id: parked.id, label: parked.label, basket: parked.basket }
}
