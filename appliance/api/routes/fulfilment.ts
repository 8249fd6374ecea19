/**
 * Pick, pack and ship from the shop (issue 6): the pick queue and waves, pick lists with
 * bin and product scans, totes and exceptions, the packing bench (verify, pack, despatch with
 * a label), carriers, end-of-day manifests, and click and collect. DTOs: fulfilment-contract.ts.
 */
import { z } from 'zod'
import { runIdempotent } from '../../app/idempotent.js'
import { handOver, lookupCollection, markReadyForCollection } from '../../app/fulfilment/collect.js'
import { deliveryNotePdf, manifestPdf, pickListPdf } from '../../app/fulfilment/documents.js'
import { reportPickException } from '../../app/fulfilment/exceptions.js'
import { loadPackView, packOrder, packScan, shipPacked } from '../../app/fulfilment/pack.js'
import { assignTote, scanPick } from '../../app/fulfilment/pick.js'
import { FULFILMENT_SETTINGS_KEY, fulfilmentSettings } from '../../app/fulfilment/settings.js'
import { createWave } from '../../app/fulfilment/waves.js'
import type { TxStores } from '../../app/ports.js'
import { notFound } from '../../core/errors.js'
import { collectionCode, isCollect, manifestCsv, PICK_METHODS, prioritise } from '../../core/fulfilment/index.js'
import { addDays, isIsoDate, localDate, startOfLocalDay, trafficLight } from '../../core/orders/index.js'
import type { AppDeps } from '../deps.js'
import type {
  CarrierListDto, CollectionDto, CollectionListDto, CollectionReadyDto, ManifestDto, PackDto, PickListDto, PickListsDto, PickQueueDto, PickScanResultDto, ShipResultDto, WaveDto,
} from '../fulfilment-contract.js'
import { listDto, listSummary, summaryDto, taskDto } from '../fulfilment-views.js'
import { route, type RouteContext } from '../route.js'
import { Quantity } from '../schemas.js'

const FULFILMENT = ['fulfilment', 'manager', 'admin'] as const
const AT_THE_TILL = ['assistant', 'fulfilment', 'manager', 'admin'] as const

const Id = z.string().trim().min(1).max(100)
const Code = z.string({ error: 'scan or type a code' }).trim().min(1, 'scan or type a code').max(120, 'a code has at most 120 characters')
const StaffId = z.string().trim().min(1).max(64)
const IdParams = z.strictObject({ id: Id })
const OrderParams = z.strictObject({ orderId: Id })

const WaveBody = z.strictObject({
  method: z.enum(PICK_METHODS as [string, ...string[]], { error: `choose a method: ${PICK_METHODS.join(', ')}` }),
  orders: z.array(Id).min(1, 'choose at least one order').max(1000, 'at most 1,000 orders in one wave').optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  pickers: z.array(StaffId).max(50).default([]),
  batchSize: z.number().int().min(1).max(100).optional(),
})
const ScanBody = z.strictObject({ code: Code, bin: z.string().trim().min(1).max(40).optional(), quantity: Quantity.max(1000).default(1) })
const ExceptionBody = z.strictObject({ taskId: Id, reason: z.enum(['missing', 'damaged'], { error: 'the reason is missing or damaged' }), quantity: Quantity.max(1000), note: z.string().trim().max(200).optional() })
const PackBody = z.strictObject({
  box: z.string().trim().min(1, 'choose a box').max(40),
  weightG: z.number({ error: 'weigh the parcel: weightG in grams' }).int('weightG is whole grams').min(1, 'weigh the parcel').max(70_000, 'a parcel over 70 kg needs a pallet carrier'),
  parcels: z.number().int().min(1).max(20).default(1),
})
const ShipBody = z.strictObject({ carrier: z.string().trim().min(1, 'choose a carrier').max(40), service: z.string().trim().max(60).optional(), trackingNumber: z.string().trim().max(60).optional() })
const HandoverBody = z.strictObject({ idCheck: z.enum(['seen', 'not-required'], { error: 'note the ID check: seen or not-required' }), note: z.string().trim().max(200).optional() })

export const fulfilmentRoutes = (deps: AppDeps) => {
  const f = deps.fulfilment
  const settings = async () => fulfilmentSettings(await deps.orders.queries.setting(FULFILMENT_SETTINGS_KEY))
  const zone = async () => (await deps.orders.settings.current()).timeZone
  const write = async <T>(ctx: RouteContext<unknown, unknown, unknown>, scope: string, status: number, work: (s: TxStores) => Promise<T>) => {
    const answer = await runIdempotent(deps.uow, { scope, key: ctx.idempotencyKey, now: ctx.now }, status, work)
    return ctx.c.json(answer.body as object, answer.status as 200, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {})
  }
  const pdf = (c: RouteContext<unknown, unknown, unknown>['c'], bytes: Uint8Array, name: string) =>
    c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${name.replace(/[^\w.-]/g, '_')}"` })
  const shop = async () => {
    const value = (await deps.orders.queries.setting('shop')) as { name?: string; address?: string[] } | null
    return { name: value?.name ?? 'The shop', address: Array.isArray(value?.address) ? value.address : [] }
  }
  /** The pick face resolves codes from the catalogue's in-memory index (barcode, then SKU). */
  const product = async (code: string) => {
    const p = (await deps.catalogue.byBarcode(code)) ?? (await deps.catalogue.bySku(code)) ?? (await deps.catalogue.bySku(code.toUpperCase()))
    return p && { sku: p.sku, name: p.name, barcode: p.barcodes[0] ?? null }
  }
  const listWithTasks = async (id: string): Promise<PickListDto> => {
    const list = await f.queries.pickList(id)
    if (!list) throw notFound(`There is no pick list ${id}`, 'id')
    return listDto(list, await f.queries.tasks(id))
  }

  return [
    route({
      method: 'get', path: '/api/picking/queue', summary: 'Allocated orders waiting for pick work: red first, then by despatch deadline',
      roles: FULFILMENT, query: z.strictObject({ zone: z.string().trim().toUpperCase().max(10).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      async handler({ c, query, now }) {
        const tz = await zone()
        const rows = prioritise((await f.queries.queue(query.zone ?? null)).map((r) => ({ ...r, light: r.despatchBy ? trafficLight(r.despatchBy, now, tz) : null })))
        const items = rows.slice(0, query.limit).map((r) => ({
          orderId: r.orderId, number: r.number, channel: r.channel, light: r.light, despatchBy: r.despatchBy?.toISOString() ?? null,
          units: r.units, lines: r.lines, collect: isCollect(r.shippingMethod, r.tags), zones: r.zones,
        }))
        return c.json({ items, total: rows.length } satisfies PickQueueDto)
      },
    }),
    route({
      method: 'post', path: '/api/picking/waves', summary: 'Create pick work (single, batch, zone or wave) from allocated orders, balanced across pickers',
      roles: FULFILMENT, body: WaveBody, status: 201,
      async handler({ c, body, actor, now }) {
        const [tz, conf] = await Promise.all([zone(), settings()])
        const wave = await deps.uow.run((s) => createWave(s, { ...body, method: body.method as never }, { actor, now, timeZone: tz, defaultBatchSize: conf.batchSize }))
        const byList = new Map<string, typeof wave.tasks>()
        for (const t of wave.tasks) {
          const tasks = byList.get(t.pickListId)
          if (tasks) tasks.push(t)
          else byList.set(t.pickListId, [t])
        }
        const lists = wave.lists.map((l) => {
          const tasks = byList.get(l.id) ?? []
          return summaryDto(l, { orders: new Set(tasks.map((t) => t.orderId)).size, tasks: tasks.length, done: 0, units: tasks.reduce((sum, t) => sum + t.quantity, 0), pickedUnits: 0 })
        })
        return c.json({ id: wave.id, number: wave.number, method: wave.method, orderCount: wave.orderCount, lists } satisfies WaveDto, 201)
      },
    }),
    route({
      method: 'get', path: '/api/picking/lists', summary: 'Pick lists, newest first: mine (picker=me), a picker\u2019s, or everyone\u2019s; by status',
      roles: FULFILMENT, query: z.strictObject({ picker: StaffId.optional(), status: z.enum(['open', 'in_progress', 'done']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      async handler({ c, query, actor }) {
        const picker = query.picker === 'me' ? actor.staffId : (query.picker ?? null)
        const lists = await f.queries.pickLists({ picker, status: query.status ?? null, limit: query.limit })
        const tallies = await f.queries.tasksOf(lists.map((l) => l.id))
        return c.json({ items: lists.map((l) => listSummary(l, tallies)) } satisfies PickListsDto)
      },
    }),
    route({
      method: 'get', path: '/api/picking/lists/:id', summary: 'One pick list with its tasks in walk order',
      roles: FULFILMENT, params: IdParams,
      async handler({ c, params }) {
        return c.json(await listWithTasks(params.id))
      },
    }),
    route({
      method: 'post', path: '/api/picking/lists/:id/tote', summary: 'Scan a tote to carry the list\u2019s items (unknown or busy totes are refused)',
      roles: FULFILMENT, params: IdParams, body: z.strictObject({ tote: Code }),
      async handler({ c, params, body, actor, now }) {
        const state = await deps.uow.run((s) => assignTote(s, params.id, body.tote, actor, now))
        return c.json(listDto(state.list, state.tasks))
      },
    }),
    route({
      method: 'post', path: '/api/picking/lists/:id/scan', summary: 'A scan at the pick face: a bin label sets the bin, then product barcodes confirm units (wrong, extra or another order\u2019s item: 409)',
      roles: FULFILMENT, params: IdParams, body: ScanBody,
      async handler({ c, params, body, actor, now }) {
        const out = await deps.uow.run((s) => scanPick(s, params.id, body, actor, now, product))
        return c.json({ kind: out.kind, task: out.task ? taskDto(out.task) : null, list: summaryDto(out.list, out.tally), message: out.message } satisfies PickScanResultDto)
      },
    }),
    route({
      method: 'post', path: '/api/picking/lists/:id/exceptions', summary: 'Report units missing or damaged: stock adjusted with the reason, the line released or reallocated, the order flagged (send an Idempotency-Key)',
      roles: FULFILMENT, params: IdParams, body: ExceptionBody, idempotent: true,
      async handler(ctx) {
        const { params, body, actor, now } = ctx
        const config = await deps.orders.settings.current()
        return write(ctx as never, `pick-exception ${params.id}`, 200, async (s) => {
          const out = await reportPickException(s, params.id, body, { actor, now, config })
          return { ...listDto(out.list, out.tasks), reallocated: out.reallocated } satisfies PickListDto & { reallocated: boolean }
        })
      },
    }),
    route({
      method: 'get', path: '/api/picking/lists/:id/document', summary: 'A printable pick list: JSON for the screen, or ?format=pdf',
      roles: FULFILMENT, params: IdParams, query: z.strictObject({ format: z.enum(['json', 'pdf']).default('pdf') }),
      async handler({ c, params, query }) {
        const list = await listWithTasks(params.id)
        if (query.format === 'json') return c.json(list)
        return pdf(c, await pickListPdf({ number: list.number, picker: list.picker?.name ?? null, tote: list.tote, tasks: list.tasks }), `${list.number}.pdf`)
      },
    }),
    route({
      method: 'get', path: '/api/packing/:code', summary: 'An order at the packing bench, by order id, order number or tote code: lines, scans, box suggestion, weight',
      roles: FULFILMENT, params: z.strictObject({ code: Code }),
      async handler({ c, params }) {
        const conf = await settings()
        const tote = await f.queries.toteList(params.code)
        let ref = params.code
        if (tote && !tote.pickListId) throw notFound(`Tote ${tote.tote} is not carrying a pick list: scan the order's number instead`, 'code')
        if (tote?.pickListId) {
          const tasks = await f.queries.tasks(tote.pickListId)
          const orders = [...new Set(tasks.filter((t) => t.pickedQuantity > 0).map((t) => t.orderId))]
          const views = await Promise.all(orders.map((id) => loadPackView(f.queries, id, conf.defaultCarrier)))
          const next = views.find((v) => v.status === 'picked') ?? views.find((v) => v.status === 'picking')
          if (!next) throw notFound(`Tote ${tote.tote} holds nothing left to pack`, 'code')
          ref = next.orderId
        }
        return c.json(await loadPackView(f.queries, ref, conf.defaultCarrier) satisfies PackDto)
      },
    }),
    route({
      method: 'post', path: '/api/packing/:orderId/scan', summary: 'Verify one item into the parcel (a wrong or extra item is refused with 409, nothing recorded)',
      roles: FULFILMENT, params: OrderParams, body: z.strictObject({ code: Code }),
      async handler({ c, params, body, now }) {
        const conf = await settings()
        return c.json(await deps.uow.run((s) => packScan(s, params.orderId, body.code, { now, carrierDefault: conf.defaultCarrier })) satisfies PackDto)
      },
    }),
    route({
      method: 'post', path: '/api/packing/:orderId/pack', summary: 'Pack the order: box, weight and parcels (refused while anything is unpicked or unscanned)',
      roles: FULFILMENT, params: OrderParams, body: PackBody,
      async handler({ c, params, body, actor, now }) {
        const conf = await settings()
        return c.json(await deps.uow.run((s) => packOrder(s, params.orderId, body, { actor, now, carrierDefault: conf.defaultCarrier })) satisfies PackDto)
      },
    }),
    route({
      method: 'post', path: '/api/packing/:orderId/ship', summary: 'Despatch: book the carrier, print the 4x6 label, stock out, shipment recorded, channel told (send an Idempotency-Key; twice: 409)',
      roles: FULFILMENT, params: OrderParams, body: ShipBody, idempotent: true,
      async handler(ctx) {
        const { params, body, actor, now } = ctx
        const carrier = f.carriers.get(body.carrier)
        return write(ctx as never, `ship ${params.orderId}`, 200, async (s) => {
          const out = await shipPacked(s, params.orderId, body, { actor, now, carrier, labels: f.labels })
          return { ...out, deliveryNoteUrl: `/api/packing/${encodeURIComponent(out.shipment.orderId)}/delivery-note.pdf` } satisfies ShipResultDto
        })
      },
    }),
    route({
      method: 'get', path: '/api/packing/:orderId/delivery-note.pdf', summary: 'The A4 delivery note (packing slip) for the parcel, as a PDF',
      roles: FULFILMENT, params: OrderParams,
      async handler({ c, params }) {
        const detail = await deps.orders.queries.detail(params.orderId)
        if (!detail) throw notFound(`There is no order ${params.orderId}`, 'orderId')
        const a = detail.addresses.find((x) => x.kind === 'shipping')
        const tz = await zone()
        const when = (d: Date) => `${localDate(d, tz)}`
        const bytes = await deliveryNotePdf({
          shop: await shop(), orderNumber: detail.header.number, placedAt: when(detail.header.placedAt), despatchedAt: detail.header.shippedAt ? when(detail.header.shippedAt) : null,
          deliverTo: a ? [a.name, a.company, a.line1, a.line2, a.city, a.region, a.postcode, a.country].filter((x): x is string => !!x) : ['Collect in store'],
          lines: detail.lines.filter((l) => l.kind === 'goods' && l.quantity - l.cancelledQuantity > 0).map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity - l.cancelledQuantity })),
        })
        return pdf(c, bytes, `delivery-note-${detail.header.number}.pdf`)
      },
    }),
    route({
      method: 'get', path: '/api/carriers', summary: 'The carriers parcels can go with (the built-in manual carrier takes a typed or scanned tracking number)',
      roles: FULFILMENT,
      handler({ c }) {
        return c.json({ items: f.carriers.list().map((x) => ({ id: x.id, name: x.name, services: [...x.services], needsTrackingNumber: x.needsTrackingNumber })) } satisfies CarrierListDto)
      },
    }),
    route({
      method: 'get', path: '/api/manifests', summary: 'The end-of-day manifest of a carrier (a local business day): JSON, CSV or PDF',
      roles: FULFILMENT,
      query: z.strictObject({
        carrier: z.string().trim().min(1, 'choose a carrier').max(40),
        date: z.string().trim().refine(isIsoDate, 'a date is YYYY-MM-DD').optional(),
        format: z.enum(['json', 'csv', 'pdf']).default('json'),
      }),
      async handler({ c, query, now }) {
        const tz = await zone()
        const date = query.date ?? localDate(now, tz)
        const rows = (await f.queries.manifest(query.carrier, startOfLocalDay(date, tz), startOfLocalDay(addDays(date, 1), tz))).map((r) => ({
          orderNumber: r.orderNumber, trackingNumber: r.trackingNumber ?? '', service: r.service, parcels: r.parcels ?? 1, weightG: r.weightG ?? 0, postcode: r.postcode, country: r.country,
        }))
        const name = `manifest-${query.carrier}-${date}`
        if (query.format === 'csv') return c.body(manifestCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"` })
        if (query.format === 'pdf') return pdf(c, await manifestPdf({ shop: (await shop()).name, carrier: query.carrier, date, rows }), `${name}.pdf`)
        return c.json({ carrier: query.carrier, date, shipments: rows } satisfies ManifestDto)
      },
    }),
    route({
      method: 'get', path: '/api/collections', summary: 'Click-and-collect orders waiting at the collection point',
      roles: AT_THE_TILL, query: z.strictObject({ status: z.enum(['ready']).default('ready') }),
      async handler({ c }) {
        const conf = await settings()
        const items = (await f.queries.collections()).map((r) => ({ orderId: r.orderId, number: r.number, customer: r.customer, readyAt: r.readyAt.toISOString(), location: conf.collectionLocation, code: collectionCode(r.number) }))
        return c.json({ items } satisfies CollectionListDto)
      },
    }),
    route({
      method: 'get', path: '/api/collections/lookup', summary: 'Find a click-and-collect order by its slip\u2019s QR (COLLECT:<number>) or its number',
      roles: AT_THE_TILL, query: z.strictObject({ code: Code }),
      async handler({ c, query }) {
        return c.json(await lookupCollection(f.queries, query.code) satisfies CollectionDto)
      },
    }),
    route({
      method: 'post', path: '/api/collections/:orderId/ready', summary: 'Put a picked click-and-collect order at the collection point and tell the customer (message, or a printed slip)',
      roles: FULFILMENT, params: OrderParams,
      async handler({ c, params, actor, now }) {
        const [conf, s] = await Promise.all([settings(), shop()])
        const out = await deps.uow.run((tx) => markReadyForCollection(tx, params.orderId, { actor, now, location: conf.collectionLocation, messenger: f.messenger, encoder: deps.printing.encoder, shopName: s.name }))
        return c.json({ orderId: out.orderId, number: out.number, customer: out.customer, readyAt: out.readyAt ?? now.toISOString(), location: out.location, code: out.code, notified: out.notified, slipJobId: out.slipJobId } satisfies CollectionReadyDto)
      },
    }),
    route({
      method: 'post', path: '/api/collections/:orderId/handover', summary: 'Hand a click-and-collect order over at the till: stock leaves as a sale, the ID check is noted, the order completes (send an Idempotency-Key)',
      roles: AT_THE_TILL, params: OrderParams, body: HandoverBody, idempotent: true,
      async handler(ctx) {
        const { params, body, actor, now } = ctx
        return write(ctx as never, `handover ${params.orderId}`, 200, async (s) => (await handOver(s, params.orderId, body, { actor, now })) satisfies CollectionDto)
      },
    }),
  ]
}
