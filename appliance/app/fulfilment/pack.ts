/**
 * The packing bench: find the order (its id, number, or the tote it came in), scan each item
 * to verify it (a wrong or extra item is refused and nothing is recorded), pack it with a box
 * and a weight (refused while anything is unpicked or unscanned), then despatch: the carrier
 * books it, shipOrder turns the allocation into sale movements, records the shipment and
 * queues the channel's confirmation, and the 4x6 label goes to the station's label printer —
 * all in one transaction, so a despatch either happened whole or not at all.
 */
import { conflict, invalid, notFound } from '../../core/errors.js'
import {
  despatchLabel, isCollect, labelAddress, matchPackScan, parcelWeight, shopAddress, suggestBox, type BoxSpec, type DespatchLabel, type PackItem,
} from '../../core/fulfilment/index.js'
import { transition } from '../../core/orders/index.js'
import type { Actor, TxStores } from '../ports.js'
import { queueLabel } from '../print-queue.js'
import { shipOrder } from '../orders/fulfilment.js'
import type { Carrier } from './carriers.js'
import type { DimensionRecord, FulfilmentReads, PackingRecord, PackOrderRow } from './ports.js'

export interface PackLineView {
  lineNo: number
  sku: string
  name: string
  barcode: string | null
  /** Units to pack (picked for this order line). */
  quantity: number
  /** Units verified by scanning at the bench. */
  packed: number
}

export interface PackView {
  orderId: string
  number: string
  channel: string
  status: string
  lines: PackLineView[]
  allScanned: boolean
  /** Units still to pick; packing is refused while this is above 0. */
  unpicked: number
  suggestedBox: { id: string; name: string } | null
  /** Estimated parcel weight in grams (items + suggested box). */
  weightG: number
  /** Carrier id to preselect (setting `fulfilment.defaultCarrier`). */
  carrierDefault: string
  /** Click and collect: no label, goes to the collection location instead. */
  collect: boolean
  /** Set once packed. */
  packed: { box: string; weightG: number; parcels: number } | null
  shipment: { id: string; carrier: string | null; trackingNumber: string | null } | null
  boxes: BoxSpec[]
}

/** Encodes a despatch label in the label printer's language. */
export interface DespatchLabelEncoder {
  encode(label: DespatchLabel, format: 'zpl' | 'tspl'): Uint8Array
}

const emptyPacking = (orderId: string): PackingRecord => ({
  orderId, scanned: {}, box: null, weightG: null, parcels: null, startedAt: null, packedAt: null, packedBy: null, carrier: null, labelJob: null, readyAt: null, collectedAt: null, idCheck: null,
})

/** Lines still to send, with what was picked and scanned. */
function packLines(row: PackOrderRow) {
  return row.lines.filter((l) => l.toShip > 0).map((l) => ({
    lineNo: l.lineNo, sku: l.sku, name: l.name, barcode: l.barcode, quantity: l.toShip, packed: row.packing?.scanned[l.lineNo] ?? 0,
    picked: Math.min(l.toShip, row.picked[l.lineNo] ?? 0),
  }))
}

export function packView(row: PackOrderRow, boxes: readonly BoxSpec[], dims: readonly DimensionRecord[], carrierDefault: string, shipment: PackView['shipment'] = null): PackView {
  const lines = packLines(row)
  const bySku = new Map(dims.map((d) => [d.sku, d]))
  const items: PackItem[] = lines.map((l) => ({ quantity: l.quantity, weightG: bySku.get(l.sku)?.weightG ?? null, lengthMm: bySku.get(l.sku)?.lengthMm ?? null, widthMm: bySku.get(l.sku)?.widthMm ?? null, heightMm: bySku.get(l.sku)?.heightMm ?? null }))
  const box = suggestBox(items, boxes)
  const p = row.packing
  return {
    orderId: row.id, number: row.number, channel: row.channel, status: row.status,
    lines: lines.map(({ picked: _picked, ...l }) => l),
    allScanned: lines.length > 0 && lines.every((l) => l.packed >= l.quantity),
    unpicked: lines.reduce((sum, l) => sum + (l.quantity - l.picked), 0),
    suggestedBox: box ? { id: box.id, name: box.name } : null,
    weightG: parcelWeight(items, box),
    carrierDefault,
    collect: isCollect(row.shippingMethod, row.tags),
    packed: p?.packedAt && p.box ? { box: p.box, weightG: p.weightG ?? 0, parcels: p.parcels ?? 1 } : null,
    shipment,
    boxes: [...boxes],
  }
}

/** Loads the view for an order (inside a transaction or on a reader). */
export async function loadPackView(r: FulfilmentReads, ref: string, carrierDefault: string): Promise<PackView> {
  const row = await r.packOrder(ref)
  if (!row) throw notFound(`There is no order ${ref}`, 'code')
  const [boxes, dims, shipment] = await Promise.all([r.boxes(), r.dimensions([...new Set(row.lines.map((l) => l.sku))]), r.shipment(row.id)])
  return packView(row, boxes, dims, carrierDefault, shipment ? { id: shipment.id, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber } : null)
}

async function requirePackable(s: TxStores, orderId: string): Promise<PackOrderRow> {
  const row = await s.fulfilment.packOrder(orderId)
  if (!row) throw notFound(`There is no order ${orderId}`, 'orderId')
  if (row.status === 'packed') throw conflict(`Order ${row.number} is packed already`, 'orderId')
  if (row.status !== 'picked') {
    const unpicked = packLines(row).reduce((sum, l) => sum + (l.quantity - l.picked), 0)
    if (['picking', 'allocated', 'partially_allocated', 'backordered'].includes(row.status) && unpicked > 0) throw conflict(`Order ${row.number} has ${unpicked} unit${unpicked === 1 ? '' : 's'} still to pick: pick ${unpicked === 1 ? 'it' : 'them'} first`, 'orderId')
    throw conflict(`Order ${row.number} is ${row.status.replace('_', ' ')}: only a picked order can be packed`, 'orderId')
  }
  return row
}

export async function packScan(s: TxStores, orderId: string, code: string, ctx: { now: Date; carrierDefault: string }): Promise<PackView> {
  const row = await requirePackable(s, orderId)
  const product = await s.fulfilment.productForCode(code)
  if (!product) throw conflict(`Nothing is known by "${code.trim()}": is it from this order? Take it out and scan the next item`, 'code')
  const lines = packLines(row)
  const lineNo = matchPackScan(lines, product, row.number)
  const packing = row.packing ?? emptyPacking(row.id)
  const scanned = { ...packing.scanned, [lineNo]: (packing.scanned[lineNo] ?? 0) + 1 }
  await s.fulfilment.savePacking({ ...packing, scanned, startedAt: packing.startedAt ?? ctx.now })
  return loadPackView(s.fulfilment, row.id, ctx.carrierDefault)
}

export async function packOrder(s: TxStores, orderId: string, input: { box: string; weightG: number; parcels: number }, ctx: { actor: Actor; now: Date; carrierDefault: string }): Promise<PackView> {
  const { actor, now } = ctx
  const row = await requirePackable(s, orderId)
  const lines = packLines(row)
  const unpicked = lines.reduce((sum, l) => sum + (l.quantity - l.picked), 0)
  if (unpicked > 0) throw conflict(`Order ${row.number} has ${unpicked} unpicked unit${unpicked === 1 ? '' : 's'}: it cannot be packed yet`, 'orderId')
  const unscanned = lines.filter((l) => l.packed < l.quantity)
  if (unscanned.length) throw conflict(`Scan every item before packing: ${unscanned.map((l) => `${l.quantity - l.packed} × ${l.name}`).join(', ')} still to scan`, 'orderId')
  const boxes = await s.fulfilment.boxes()
  if (!boxes.some((b) => b.id === input.box)) throw invalid(`There is no box "${input.box}": choose ${boxes.map((b) => b.id).join(', ')}`, 'box')
  const packing = row.packing ?? emptyPacking(row.id)
  await s.fulfilment.savePacking({ ...packing, box: input.box, weightG: input.weightG, parcels: input.parcels, packedAt: now, packedBy: actor.staffId })
  const items = lines.reduce((sum, l) => sum + l.quantity, 0)
  await s.fulfilment.addPackEvent({ orderId: row.id, items, parcels: input.parcels, staffId: actor.staffId, station: actor.station, startedAt: packing.startedAt, packedAt: now })
  await s.orders.update(row.id, { status: transition(row.status, 'packed') }, now)
  await s.orders.addEvents([{ orderId: row.id, kind: 'status', summary: `Packed: ${items} unit${items === 1 ? '' : 's'} in ${input.box}, ${input.weightG} g${input.parcels > 1 ? `, ${input.parcels} parcels` : ''}`, actor, occurredAt: now, details: { status: 'packed', box: input.box, weightG: input.weightG, parcels: input.parcels } }])
  s.publish({ type: 'order.changed', orderId: row.id })
  return loadPackView(s.fulfilment, row.id, ctx.carrierDefault)
}

export interface ShipResult {
  shipment: { id: string; orderId: string; orderNumber: string; carrier: string; service: string | null; trackingNumber: string; shippedAt: string; parcels: number; weightG: number }
  labelJobId: string | null
}

export async function shipPacked(
  s: TxStores, orderId: string, input: { service?: string | undefined; trackingNumber?: string | undefined },
  ctx: { actor: Actor; now: Date; carrier: Carrier; labels: DespatchLabelEncoder },
): Promise<ShipResult> {
  const { actor, now, carrier } = ctx
  const row = await s.fulfilment.packOrder(orderId)
  if (!row) throw notFound(`There is no order ${orderId}`, 'orderId')
  const prior = await s.fulfilment.shipment(row.id)
  if (prior && row.status !== 'packed') throw conflict(`Order ${row.number} was despatched already (${prior.carrier ?? 'carrier'} ${prior.trackingNumber ?? ''}): nothing was sent twice`.replace(' )', ')'), 'orderId')
  if (row.status !== 'packed') throw conflict(`Order ${row.number} is ${row.status.replace('_', ' ')}: pack it before despatch`, 'orderId')
  if (isCollect(row.shippingMethod, row.tags)) throw conflict(`Order ${row.number} is click and collect: mark it ready for collection instead`, 'orderId')
  const packing = row.packing!
  const address = await s.fulfilment.address(row.id, 'shipping')
  const to = labelAddress(address ?? { name: null, company: null, line1: null, line2: null, city: null, region: null, postcode: null, country: null }, row.number)
  const booking = await carrier.book({ orderNumber: row.number, service: input.service ?? null, trackingNumber: input.trackingNumber ?? null, parcels: packing.parcels ?? 1, weightG: packing.weightG, postcode: address?.postcode ?? null, country: address?.country ?? null })
  const label = despatchLabel({ from: shopAddress((await s.settings.get('shop')) as never), to, carrier: booking.carrierName, service: booking.service, trackingNumber: booking.trackingNumber, orderNumber: row.number, weightG: packing.weightG })
  const shipment = await shipOrder(s, row.id, { carrier: booking.carrierName, service: booking.service, trackingNumber: booking.trackingNumber }, actor, now)
  const printer = await s.printing.printerFor(actor.station, 'label')
  const format = printer?.profile === 'tspl' ? 'tspl' : 'zpl'
  const labelJob = await queueLabel(s, { station: actor.station, format, bytes: ctx.labels.encode(label, format), reference: row.number, document: label }, actor, now)
  await s.fulfilment.savePacking({ ...packing, carrier: carrier.id, labelJob })
  return {
    shipment: {
      id: shipment.id, orderId: row.id, orderNumber: row.number, carrier: booking.carrierName, service: booking.service, trackingNumber: booking.trackingNumber,
      shippedAt: now.toISOString(), parcels: packing.parcels ?? 1, weightG: packing.weightG ?? 0,
    },
    labelJobId: String(labelJob),
  }
}
