/**
 * Click and collect. Once picked (or packed), the order's units move to the collection
 * location (a transfer; the allocation moves with them, so they stay reserved) and the
 * customer is told: through the messaging hook when the shop has one, otherwise a slip with
 * the order's QR code prints for the bag. At the till, scanning the QR hands it over: the
 * units leave as a sale from the collection location (shipOrder: sale movements, the
 * shipment, the channel's confirmation), the ID check is noted and the order is completed.
 * `completed` is the status a till sale is written in (handed over in the shop); the
 * transition table has no shipped → completed move, so — like shipOrder's despatch — the
 * handover sets it directly, having checked the order is ready and not yet collected.
 */
import { conflict, notFound } from '../../core/errors.js'
import { collectionCode, isCollect, parseCollectionCode } from '../../core/fulfilment/index.js'
import { availableToSell, MovementKind } from '../../core/stock-ledger.js'
import type { Actor, MovementRecord, TxStores } from '../ports.js'
import { queueReceipt, type PrintEncoder } from '../print-queue.js'
import { applyDeltas } from '../orders/allocate.js'
import { shipOrder } from '../orders/fulfilment.js'
import { Timeline } from '../orders/timeline.js'
import type { FulfilmentReads, PackingRecord, PackOrderRow } from './ports.js'

export const READY_TAG = 'ready-for-collection'

/** The shop's way of telling a customer something (email, SMS); absent: print a slip. */
export interface CustomerMessenger {
  send(message: { to: string; subject: string; body: string; orderId: string }): Promise<void>
}

export interface CollectionView {
  orderId: string
  number: string
  customer: string | null
  lines: Array<{ lineNo: number; sku: string; name: string; quantity: number }>
  /** `ready` (waiting at the collection point), `picked`/`packed` (not yet ready), `completed`. */
  status: string
  readyAt: string | null
  collectedAt: string | null
}

export function collectionView(row: PackOrderRow): CollectionView {
  const p = row.packing
  const status = p?.collectedAt ? 'completed' : p?.readyAt ? 'ready' : row.status
  return {
    orderId: row.id, number: row.number, customer: row.customerName,
    lines: row.lines.filter((l) => l.quantity > 0).map((l) => ({ lineNo: l.lineNo, sku: l.sku, name: l.name, quantity: l.quantity })),
    status, readyAt: p?.readyAt?.toISOString() ?? null, collectedAt: p?.collectedAt?.toISOString() ?? null,
  }
}

/** Finds the order a slip's QR (or a typed number) names. */
export async function lookupCollection(r: FulfilmentReads, code: string): Promise<CollectionView> {
  const ref = parseCollectionCode(code)
  const row = (await r.packOrder(ref)) ?? (ref.startsWith('#') ? undefined : await r.packOrder(`#${ref}`))
  if (!row || !isCollect(row.shippingMethod, row.tags)) throw notFound(`No click-and-collect order is known by "${code.trim()}"`, 'code')
  return collectionView(row)
}

const empty = (orderId: string): PackingRecord => ({
  orderId, scanned: {}, box: null, weightG: null, parcels: null, startedAt: null, packedAt: null, packedBy: null, carrier: null, labelJob: null, readyAt: null, collectedAt: null, idCheck: null,
})

export async function markReadyForCollection(
  s: TxStores, orderId: string,
  ctx: { actor: Actor; now: Date; location: string; messenger: CustomerMessenger | null; encoder: PrintEncoder; shopName: string },
): Promise<CollectionView & { location: string; code: string; notified: 'message' | 'slip'; slipJobId: string | null }> {
  const { actor, now } = ctx
  const row = await s.fulfilment.packOrder(orderId)
  if (!row) throw notFound(`There is no order ${orderId}`, 'orderId')
  if (!isCollect(row.shippingMethod, row.tags)) throw conflict(`Order ${row.number} is not click and collect: pack and despatch it instead`, 'orderId')
  if (row.packing?.readyAt) throw conflict(`Order ${row.number} is ready for collection already`, 'orderId')
  if (row.status !== 'picked' && row.status !== 'packed') throw conflict(`Order ${row.number} is ${row.status.replace('_', ' ')}: pick it before it goes to the collection point`, 'orderId')
  if (!(await s.catalogue.locationExists(ctx.location))) throw notFound(`There is no collection location "${ctx.location}": add one in the settings`, 'location')
  const allocations = (await s.orders.allocations(row.id)).filter((a) => a.location !== ctx.location)
  const why = 'click and collect: ready'
  const moves: MovementRecord[] = allocations.flatMap((a) => [
    { sku: a.sku, location: a.location, quantity: -a.quantity, kind: MovementKind.Transfer, reason: why, reference: row.number, actor, occurredAt: now },
    { sku: a.sku, location: ctx.location, quantity: a.quantity, kind: MovementKind.Transfer, reason: why, reference: row.number, actor, occurredAt: now },
  ])
  const moved = await s.stock.moveMany(moves)
  moved.forEach(({ level }, i) => s.publish({ type: 'stock.changed', sku: moves[i]!.sku, location: moves[i]!.location, ...level, available: availableToSell(level) }))
  const held = await s.orders.allocations(row.id)
  const merged = new Map<string, { lineNo: number; sku: string; location: string; quantity: number }>()
  for (const a of held) {
    const key = `${a.lineNo}`
    const m = merged.get(key)
    merged.set(key, { lineNo: a.lineNo, sku: a.sku, location: ctx.location, quantity: (m?.quantity ?? 0) + a.quantity })
  }
  await s.orders.saveAllocations(row.id, [...merged.values()], now)
  await applyDeltas(s, allocations.flatMap((a) => [{ sku: a.sku, location: a.location, quantity: -a.quantity }, { sku: a.sku, location: ctx.location, quantity: a.quantity }]), now)
  await s.fulfilment.savePacking({ ...(row.packing ?? empty(row.id)), readyAt: now })
  await s.orders.addTag(row.id, READY_TAG, actor, now)
  const code = collectionCode(row.number)
  let notified: 'message' | 'slip' = 'slip'
  let slipJobId: string | null = null
  if (ctx.messenger && row.customerEmail) {
    await ctx.messenger.send({ to: row.customerEmail, orderId: row.id, subject: `Your order ${row.number} is ready to collect`, body: `Your order ${row.number} is ready to collect from ${ctx.shopName}. Show this code at the till: ${code}` })
    notified = 'message'
  } else {
    const job = await queueReceipt(s, ctx.encoder, {
      station: actor.station, reference: row.number,
      document: {
        shop: { name: ctx.shopName, addressLines: [] }, receiptNumber: row.number.replace(/[^\x20-\x7e]/g, '?').slice(0, 40) || 'ORDER', dateTime: now.toISOString().slice(0, 16).replace('T', ' '),
        lines: row.lines.filter((l) => l.toShip > 0).map((l) => ({ qty: l.toShip, name: l.name, unitPriceMinor: 0, lineTotalMinor: 0, vatCode: '-' })),
        vat: [], totals: { totalMinor: 0 }, tenders: [], qr: code,
        footer: ['READY FOR COLLECTION', row.customerName ?? '', 'Scan the QR code at the till'].filter(Boolean),
      },
    }, actor, now)
    slipJobId = job === null ? null : String(job)
  }
  await new Timeline(actor, now).add(row.id, {
    kind: 'status', summary: `Ready for collection at ${ctx.location}; customer ${notified === 'message' ? 'messaged' : 'slip printed'}`,
    details: { location: ctx.location, notified, slipJobId },
  }).write(s)
  const after = await s.fulfilment.packOrder(row.id)
  return { ...collectionView(after!), location: ctx.location, code, notified, slipJobId }
}

export async function handOver(s: TxStores, orderId: string, input: { idCheck: 'seen' | 'not-required'; note?: string | undefined }, ctx: { actor: Actor; now: Date }): Promise<CollectionView> {
  const { actor, now } = ctx
  const row = await s.fulfilment.packOrder(orderId)
  if (!row) throw notFound(`There is no order ${orderId}`, 'orderId')
  if (row.packing?.collectedAt) throw conflict(`Order ${row.number} was collected already`, 'orderId')
  if (!row.packing?.readyAt) throw conflict(`Order ${row.number} is not ready for collection yet`, 'orderId')
  const shipment = await shipOrder(s, row.id, { carrier: 'Click and collect', service: 'Collected in store', trackingNumber: collectionCode(row.number) }, actor, now)
  await s.orders.setShipmentStatus(shipment.id, 'delivered', now)
  await s.orders.update(row.id, { status: 'completed', deliveredAt: now }, now)
  await s.orders.removeTag(row.id, READY_TAG)
  await s.fulfilment.savePacking({ ...row.packing, collectedAt: now, idCheck: input.idCheck })
  await new Timeline(actor, now).add(row.id, {
    kind: 'delivered', summary: `Collected at the till; ID ${input.idCheck === 'seen' ? 'checked' : 'not required'}`, reason: input.note ?? null,
    details: { idCheck: input.idCheck, shipmentId: shipment.id },
  }).write(s)
  await s.audit.record({ action: 'fulfilment.collected', actor, entity: 'order', entityId: row.id, reason: input.note, occurredAt: now, details: { idCheck: input.idCheck } })
  return collectionView((await s.fulfilment.packOrder(row.id))!)
}
