/**
 * The order book: the list (search, filters, cursor paging), one order with its timeline,
 * phone and manual orders, tags, notes, cancelling, despatch, delivery, lost parcels with a
 * replacement, saved views, notifications and the order settings.
 */
import { z } from 'zod'
import { runIdempotent } from '../../app/idempotent.js'
import { addOrderNote, cancelOrder, deleteView, saveView, tagOrder, untagOrder } from '../../app/orders/actions.js'
import { reallocateSkus } from '../../app/orders/allocate.js'
import { createManualOrder } from '../../app/orders/create-order.js'
import { markDelivered, markLost, shipOrder } from '../../app/orders/fulfilment.js'
import { listOrders } from '../../app/orders/list.js'
import { orderDetail } from '../../app/orders/order-view.js'
import type { OrderSettings } from '../../app/orders/settings.js'
import { Timeline } from '../../app/orders/timeline.js'
import type { TxStores } from '../../app/ports.js'
import { notFound } from '../../core/errors.js'
import { ORDER_STATUSES, startOfLocalDay, addDays, isIsoDate } from '../../core/orders/index.js'
import type { CreatedOrderDto, NotificationDto, OrderDetailDto, OrderListDto, SavedViewDto } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, MANAGERS, route, type RouteContext } from '../route.js'
import { Quantity, Reason, Sku } from '../schemas.js'

const Id = z.string().trim().min(1).max(100)
const IdParams = z.strictObject({ id: Id })
const Text = (max: number) => z.string().trim().min(1).max(max)
const Pence = (what: string) => z.number({ error: `${what} must be a number of pence` }).int(`${what} must be a whole number of pence`).min(0, `${what} cannot be negative`).max(1_000_000_000)
const List = (values?: readonly string[]) => z.string().trim().max(500).transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
  .refine((vs) => !values || vs.every((v) => values.includes(v)), { message: `choose from ${values?.join(', ')}` })
const DateParam = z.string().trim().refine((s) => isIsoDate(s) || !Number.isNaN(Date.parse(s)), 'a date is YYYY-MM-DD or an ISO instant')

const ListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  channel: List().optional(),
  account: List().optional(),
  status: List(ORDER_STATUSES).optional(),
  light: z.enum(['green', 'amber', 'red']).optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  from: DateParam.optional(),
  to: DateParam.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

const Address = z.strictObject({
  name: Text(100), company: z.string().trim().max(100).optional(), line1: Text(200), line2: z.string().trim().max(200).optional(),
  city: Text(100), region: z.string().trim().max(100).optional(), postcode: Text(20), country: z.string().trim().length(2).toUpperCase().optional(),
  phone: z.string().trim().max(30).optional(),
})

const CreateBody = z.strictObject({
  channel: z.enum(['phone', 'manual']).default('phone'),
  customer: z.strictObject({ name: Text(100), email: z.email('that email address looks wrong').max(200).optional(), phone: z.string().trim().max(30).optional() }),
  shippingAddress: Address,
  shippingMethod: z.string().trim().max(60).optional(),
  shippingMinor: Pence('shippingMinor').optional(),
  lines: z.array(z.strictObject({ sku: Sku, quantity: Quantity })).min(1, 'add at least one item').max(200),
  payments: z.array(z.strictObject({ method: z.enum(['card', 'cash']), amountMinor: Pence('amountMinor'), reference: z.string().trim().max(100).optional() })).max(10).optional(),
  note: z.string().trim().max(500).optional(),
})

const TagBody = z.strictObject({ tag: z.string().trim().min(1, 'give a tag').max(40) })
const NoteBody = z.strictObject({ body: Text(2000) })
const ReasonBody = z.strictObject({ reason: Reason })
const ShipBody = z.strictObject({ carrier: Text(60), service: z.string().trim().max(60).optional(), trackingNumber: z.string().trim().regex(/^[\x21-\x7e]{4,40}$/, 'a tracking number is 4–40 letters and digits') })
const LostBody = z.strictObject({ reason: Reason, replace: z.boolean().default(true) })
const ViewBody = z.strictObject({ name: Text(60), filters: z.record(z.string(), z.string().max(300)), shared: z.boolean().default(false) })
const SettingsBody = z.record(z.string(), z.unknown())

/** `from`/`to` dates are local days in the store's zone (`to` inclusive). */
function dateBound(value: string | undefined, zone: string, end: boolean): Date | undefined {
  if (!value) return undefined
  if (isIsoDate(value)) return startOfLocalDay(end ? addDays(value, 1) : value, zone)
  return new Date(value)
}

export const orderRoutes = (deps: AppDeps) => {
  const o = deps.orders
  /** Runs an order write once per Idempotency-Key and answers with its body. */
  const write = async <T>(ctx: RouteContext<unknown, unknown, unknown>, scope: string, status: number, work: (s: TxStores) => Promise<T>) => {
    const answer = await runIdempotent(deps.uow, { scope, key: ctx.idempotencyKey, now: ctx.now }, status, work)
    return ctx.c.json(answer.body as object, answer.status as 200, answer.replayed ? { 'Idempotent-Replayed': 'true' } : {})
  }
  const detail = async (id: string, now: Date): Promise<OrderDetailDto> => {
    const [rows, config] = await Promise.all([o.queries.detail(id), o.settings.current()])
    if (!rows) throw notFound(`There is no order ${id}`, 'id')
    return orderDetail(rows, config, now)
  }

  return [
    route({
      method: 'get', path: '/api/orders', summary: 'The order book of every channel: search (number, receipt, email, phone, SKU, name), filters and cursor paging, newest first',
      roles: ALL_STAFF, query: ListQuery,
      async handler({ c, query, now }) {
        const { timeZone } = await o.settings.current()
        const page = await listOrders(o.queries, {
          q: query.q, channels: query.channel, accounts: query.account, statuses: query.status, light: query.light, tag: query.tag || undefined,
          from: dateBound(query.from, timeZone, false), to: dateBound(query.to, timeZone, true), cursor: query.cursor, limit: query.limit,
        }, now, timeZone)
        return c.json(page satisfies OrderListDto)
      },
    }),
    route({
      method: 'post', path: '/api/orders', summary: 'Take a phone or manual order: priced from the catalogue, deadlines set, stock allocated (send an Idempotency-Key)',
      roles: ALL_STAFF, body: CreateBody, idempotent: true, status: 201,
      async handler(ctx) {
        const config = await o.settings.current()
        const { body, actor, now } = ctx
        return write(ctx as never, 'orders', 201, async (s) => (await createManualOrder(s, {
          ...body, shippingAddress: { name: body.shippingAddress.name, company: body.shippingAddress.company ?? null, line1: body.shippingAddress.line1, line2: body.shippingAddress.line2 ?? null, city: body.shippingAddress.city, region: body.shippingAddress.region ?? null, postcode: body.shippingAddress.postcode.toUpperCase(), country: body.shippingAddress.country ?? 'GB', phone: body.shippingAddress.phone ?? null },
        }, { actor, now, config, bySku: (sku) => deps.catalogue.bySku(sku) })) satisfies CreatedOrderDto)
      },
    }),
    route({
      method: 'post', path: '/api/orders/reallocate', summary: 'Refill backorders from the stock available now (all backordered SKUs, or those named)',
      roles: MANAGERS, body: z.strictObject({ skus: z.array(Sku).min(1).max(500) }),
      async handler({ c, body, actor, now }) {
        const config = await o.settings.current()
        const changed = await deps.uow.run(async (s) => {
          const timeline = new Timeline(actor, now)
          const orders = await reallocateSkus(s, body.skus, config, timeline, now)
          await timeline.write(s)
          return orders
        })
        return c.json({ orders: changed })
      },
    }),
    route({
      method: 'post', path: '/api/orders/escalations/run', summary: 'Run the late-order escalation rules now (they also run every minute)',
      roles: MANAGERS,
      async handler({ c }) {
        return c.json({ fired: await o.escalate() })
      },
    }),
    route({
      method: 'get', path: '/api/orders/:id', summary: 'One order: lines, customer, addresses, payments, allocations, shipments, returns, refunds, notes, tags and its timeline',
      roles: ALL_STAFF, params: IdParams,
      async handler({ c, params, now }) {
        return c.json(await detail(params.id, now))
      },
    }),
    route({
      method: 'post', path: '/api/orders/:id/tags', summary: 'Tag an order', roles: ALL_STAFF, params: IdParams, body: TagBody, status: 201,
      async handler({ c, params, body, actor, now }) {
        const added = await deps.uow.run((s) => tagOrder(s, params.id, body.tag, actor, now))
        return c.json({ added }, added ? 201 : 200)
      },
    }),
    route({
      method: 'delete', path: '/api/orders/:id/tags/:tag', summary: 'Remove a tag', roles: ALL_STAFF, params: z.strictObject({ id: Id, tag: z.string().max(40) }),
      async handler({ c, params, actor, now }) {
        const removed = await deps.uow.run((s) => untagOrder(s, params.id, params.tag, actor, now))
        if (!removed) throw notFound(`Order ${params.id} has no tag ${params.tag}`, 'tag')
        return c.body(null, 204)
      },
    }),
    route({
      method: 'post', path: '/api/orders/:id/notes', summary: 'Add a note to an order', roles: ALL_STAFF, params: IdParams, body: NoteBody, status: 201,
      async handler({ c, params, body, actor, now }) {
        const id = await deps.uow.run((s) => addOrderNote(s, params.id, body.body, actor, now))
        return c.json({ id }, 201)
      },
    }),
    route({
      method: 'post', path: '/api/orders/:id/cancel', summary: 'Cancel an order that has not left: its stock is let go and refills other backorders',
      roles: ALL_STAFF, params: IdParams, body: ReasonBody, idempotent: true,
      async handler(ctx) {
        const config = await o.settings.current()
        return write(ctx as never, 'orders.cancel', 200, async (s) => ({ id: ctx.params.id, status: (await cancelOrder(s, ctx.params.id, ctx.body.reason, ctx.actor, ctx.now, config)).status }))
      },
    }),
    route({
      method: 'post', path: '/api/orders/:id/shipments', summary: 'Record a despatch: allocated stock leaves, the channel is told through the outbox',
      roles: ALL_STAFF, params: IdParams, body: ShipBody, idempotent: true, status: 201,
      async handler(ctx) {
        return write(ctx as never, 'orders.ship', 201, async (s) => {
          const shipment = await shipOrder(s, ctx.params.id, ctx.body, ctx.actor, ctx.now)
          return { id: shipment.id, shippedAt: shipment.shippedAt.toISOString(), lines: shipment.lines }
        })
      },
    }),
    route({
      method: 'post', path: '/api/orders/:id/delivered', summary: 'Mark an order delivered', roles: ALL_STAFF, params: IdParams,
      async handler({ c, params, actor, now }) {
        const order = await deps.uow.run((s) => markDelivered(s, params.id, actor, now))
        return c.json({ id: order.id, status: order.status })
      },
    }),
    route({
      method: 'post', path: '/api/orders/:id/lost', summary: 'Mark a shipped order lost in transit and send a linked replacement in one action',
      roles: ALL_STAFF, params: IdParams, body: LostBody, idempotent: true, status: 201,
      async handler(ctx) {
        const config = await o.settings.current()
        return write(ctx as never, 'orders.lost', 201, async (s) => {
          const { order, replacement } = await markLost(s, ctx.params.id, ctx.body, ctx.actor, ctx.now, config)
          return { id: order.id, status: order.status, replacement }
        })
      },
    }),
    route({
      method: 'get', path: '/api/order-views', summary: 'Saved views of the order list (yours and shared ones)', roles: ALL_STAFF,
      async handler({ c, actor }) {
        const views = await o.queries.savedViews(actor.staffId)
        const items: SavedViewDto[] = views.map((v) => ({ id: v.id, name: v.name, filters: v.filters as Record<string, string>, shared: v.staffId === null }))
        return c.json({ items })
      },
    }),
    route({
      method: 'post', path: '/api/order-views', summary: 'Save the order list\u2019s filters as a named view', roles: ALL_STAFF, body: ViewBody, status: 201,
      async handler({ c, body, actor, now }) {
        const view = await deps.uow.run((s) => saveView(s, body, actor, now))
        return c.json({ id: view.id, name: view.name, filters: view.filters as Record<string, string>, shared: view.staffId === null } satisfies SavedViewDto, 201)
      },
    }),
    route({
      method: 'delete', path: '/api/order-views/:id', summary: 'Delete a saved view', roles: ALL_STAFF, params: IdParams,
      async handler({ c, params, actor, now }) {
        await deps.uow.run((s) => deleteView(s, params.id, actor, now))
        return c.body(null, 204)
      },
    }),
    route({
      method: 'get', path: '/api/notifications', summary: 'Notifications for your role (late orders, channel conflicts), newest first',
      roles: ALL_STAFF, query: z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      async handler({ c, query, actor }) {
        const audience: Array<'managers' | 'staff'> = MANAGERS.includes(actor.role) ? ['managers', 'staff'] : ['staff']
        const rows = await o.queries.notifications({ audience, unreadOnly: query.unread === 'true', limit: query.limit })
        const items: NotificationDto[] = rows.map((n) => ({ id: n.id, createdAt: n.createdAt.toISOString(), audience: n.audience, kind: n.kind, severity: n.severity, message: n.message, orderId: n.orderId, read: n.readAt !== null }))
        return c.json({ items })
      },
    }),
    route({
      method: 'post', path: '/api/notifications/:id/read', summary: 'Mark a notification read', roles: ALL_STAFF, params: IdParams,
      async handler({ c, params, actor, now }) {
        await deps.uow.run((s) => s.orders.markNotificationRead(params.id, actor.staffId, now))
        return c.body(null, 204)
      },
    }),
    route({
      method: 'get', path: '/api/settings/orders', summary: 'Order settings: shipping rules, working days, escalations, fulfilment locations, returns policy', roles: ALL_STAFF,
      async handler({ c }) {
        const config = await o.settings.current()
        return c.json({ ...config.settings, resolved: { timeZone: config.timeZone, fulfilmentLocations: config.fulfilmentLocations, returns: config.returnPolicy } })
      },
    }),
    route({
      method: 'put', path: '/api/settings/orders', summary: 'Change order settings (checked as a whole before saving)', roles: MANAGERS, body: SettingsBody,
      async handler({ c, body, actor, now }) {
        const config = await o.settings.update(deps.uow, body as Partial<OrderSettings>, actor, now)
        return c.json({ ...config.settings, resolved: { timeZone: config.timeZone, fulfilmentLocations: config.fulfilmentLocations, returns: config.returnPolicy } })
      },
    }),
  ]
}
