/** Stock use cases: adjust, receive, transfer, count. Each is one transaction, audited. */
import { notFound } from '../core/errors.js'
import {
  availableToSell,
  checkAdjustedLevel,
  planAdjustment,
  planCount,
  planReceipt,
  planTransfer,
  type MovementPlan,
  type StockLevel,
} from '../core/stock-ledger.js'
import type { Actor, TxStores } from './ports.js'

export interface StockChange {
  sku: string
  movementIds: number[]
  levels: Array<{ location: string } & StockLevel & { available: number }>
}

async function checkSkuAndLocations(s: TxStores, sku: string, locations: Array<[string, string]>): Promise<void> {
  if (!(await s.catalogue.exists(sku))) throw notFound(`There is no product with SKU "${sku}"`, 'sku')
  for (const [field, location] of locations) {
    if (!(await s.catalogue.locationExists(location))) throw notFound(`There is no stock location "${location}"`, field)
  }
}

/** Writes planned movements, updates levels, publishes `stock.changed` after commit. */
async function apply(
  s: TxStores,
  sku: string,
  plans: MovementPlan[],
  meta: { reason: string | null; reference: string | null; actor: Actor; now: Date },
): Promise<StockChange> {
  const change: StockChange = { sku, movementIds: [], levels: [] }
  const results = await s.stock.moveMany(plans.map((plan) => ({ sku, ...plan, ...meta, occurredAt: meta.now })))
  results.forEach(({ movementId, level }, i) => {
    const location = plans[i]!.location
    const available = availableToSell(level)
    change.movementIds.push(movementId)
    change.levels.push({ location, ...level, available })
    s.publish({ type: 'stock.changed', sku, location, ...level, available })
  })
  return change
}

async function audit(s: TxStores, action: string, actor: Actor, now: Date, sku: string, reason: string | null, details: Record<string, unknown>) {
  await s.audit.record({ action, actor, entity: 'product', entityId: sku, reason: reason ?? undefined, details, occurredAt: now })
}

export async function adjustStock(
  s: TxStores,
  input: { sku: string; location: string; quantity: number; reason: string; approvedBy?: string },
  actor: Actor,
  now: Date,
): Promise<StockChange> {
  await checkSkuAndLocations(s, input.sku, [['location', input.location]])
  const plans = planAdjustment(null, input.location, input.quantity)
  const change = await apply(s, input.sku, plans, { reason: input.reason, reference: null, actor, now })
  checkAdjustedLevel(change.levels[0]!, input.location, input.quantity)
  await audit(s, 'stock.adjusted', actor, now, input.sku, input.reason, {
    location: input.location,
    quantity: input.quantity,
    movementIds: change.movementIds,
    approvedBy: input.approvedBy ?? null,
  })
  return change
}

export async function receiveStock(
  s: TxStores,
  input: { sku: string; location: string; quantity: number; reference?: string },
  actor: Actor,
  now: Date,
): Promise<StockChange> {
  await checkSkuAndLocations(s, input.sku, [['location', input.location]])
  const plans = planReceipt(input.location, input.quantity)
  const change = await apply(s, input.sku, plans, { reason: 'received', reference: input.reference ?? null, actor, now })
  await audit(s, 'stock.received', actor, now, input.sku, null, { location: input.location, quantity: input.quantity, reference: input.reference ?? null })
  return change
}

export async function transferStock(
  s: TxStores,
  input: { sku: string; from: string; to: string; quantity: number; reason?: string },
  actor: Actor,
  now: Date,
): Promise<StockChange> {
  await checkSkuAndLocations(s, input.sku, [['from', input.from], ['to', input.to]])
  const plans = planTransfer(await s.stock.level(input.sku, input.from), input.from, input.to, input.quantity)
  const reference = `transfer:${input.from}->${input.to}`
  const change = await apply(s, input.sku, plans, { reason: input.reason ?? 'transfer', reference, actor, now })
  await audit(s, 'stock.transferred', actor, now, input.sku, input.reason ?? null, { from: input.from, to: input.to, quantity: input.quantity })
  return change
}

export async function countStock(
  s: TxStores,
  input: { sku: string; location: string; counted: number },
  actor: Actor,
  now: Date,
): Promise<StockChange> {
  await checkSkuAndLocations(s, input.sku, [['location', input.location]])
  const before = await s.stock.level(input.sku, input.location)
  const plans = planCount(before, input.location, input.counted)
  const change = await apply(s, input.sku, plans, { reason: 'stock count', reference: null, actor, now })
  await s.stock.clearNeedsCount(input.sku, input.location)
  await audit(s, 'stock.counted', actor, now, input.sku, null, { location: input.location, counted: input.counted, was: before.onHand })
  return change
}
