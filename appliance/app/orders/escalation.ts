/**
 * SLA escalation: on a schedule, every open order due for despatch by the end of today is
 * given its traffic light, and the configured rules that are newly due fire (core's
 * `dueEscalations`: each rule at most once per order) — notifications for managers or staff,
 * tags — recorded on the order (the keys fired, a timeline entry) in the same transaction.
 * Running twice fires nothing new. `BackorderWatcher` refills backorders when stock arrives.
 */
import { dueEscalations, endOfLocalDay, localDate, trafficLight } from '../../core/orders/index.js'
import type { EventBus } from '../events.js'
import type { TxStores, UnitOfWork } from '../ports.js'
import { reallocateSkus } from './allocate.js'
import type { OrderSettingsCache } from './config.js'
import { OPEN_FOR_DESPATCH } from './list.js'
import { notify } from './notify.js'
import type { OrderHeader, OrderQueries } from './ports.js'
import { Timeline } from './timeline.js'

const BATCH = 500
/** Orders escalated per background transaction. */
const CHUNK = 50

const clock = (d: Date, zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }).format(d)

/** Evaluates the rules for every open order due by today's end; returns how many rules fired. */
export async function runEscalations(uow: UnitOfWork, queries: OrderQueries, settings: OrderSettingsCache, now: Date): Promise<number> {
  const config = await settings.current()
  const rules = config.settings.escalations
  if (rules.length === 0) return 0
  const zone = config.timeZone
  const due = await queries.dueForEscalation(endOfLocalDay(localDate(now, zone), zone), OPEN_FOR_DESPATCH, BATCH)
  const work: Array<{ order: OrderHeader; keys: string[]; actions: string[]; light: 'amber' | 'red' }> = []
  for (const order of due) {
    if (!order.despatchBy) continue
    const light = trafficLight(order.despatchBy, now, zone)
    if (light === 'green') continue
    const fired = dueEscalations(rules, { light, now, timeZone: zone, fired: order.escalated })
    if (fired.ruleKeys.length) work.push({ order, keys: fired.ruleKeys, actions: fired.actions, light })
  }
  // Small background transactions (the till never waits behind a long one), each reading
  // what has fired already in one query.
  for (let i = 0; i < work.length; i += CHUNK) {
    const chunk = work.slice(i, i + CHUNK)
    await uow.run(async (s) => {
      const timeline = new Timeline(null, now)
      const fired = await s.orders.escalatedOf(chunk.map((w) => w.order.id))
      for (const { order, keys, actions, light } of chunk) {
        const already = fired.get(order.id) ?? []
        if (keys.every((k) => already.includes(k))) continue
        const message = `${order.channel} order ${order.number} ${light === 'red' ? 'missed its' : 'is due for'} despatch by ${clock(order.despatchBy!, zone)}`
        for (const action of actions) {
          if (action === 'notify-managers' || action === 'notify-staff') {
            await notify(s, { audience: action === 'notify-managers' ? 'managers' : 'staff', kind: 'escalation', severity: light === 'red' ? 'danger' : 'warning', message, orderId: order.id, ruleKey: keys.join(' ') }, now)
          } else if (action.startsWith('tag:')) {
            await s.orders.addTag(order.id, action.slice(4), null, now)
          }
        }
        await s.orders.update(order.id, { escalated: [...new Set([...already, ...keys])] }, now)
        timeline.add(order.id, { kind: 'escalated', summary: `${light === 'red' ? 'Late' : 'Due today'}: ${actions.join(', ')}`, details: { rules: keys, light } })
      }
      await timeline.write(s)
    }, { background: true })
  }
  return work.reduce((n, w) => n + w.keys.length, 0)
}

/** Runs the escalation rules every `intervalMs` (a minute by default). */
export class SlaEscalator {
  private timer: ReturnType<typeof setInterval> | undefined
  private running: Promise<unknown> = Promise.resolve()

  constructor(private readonly run: () => Promise<number>, private readonly intervalMs = 60_000) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running = this.run().catch((error: unknown) => console.error('[orders] escalation run failed', error))
    }, this.intervalMs)
    this.timer.unref?.()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.running
  }
}

/**
 * Refills backorders when stock arrives. A goods receipt does it in its own transaction
 * (`refillNow`, wired into the receipt route): the stock and the orders it fills commit
 * together. Everything else that frees stock — a return put back on the shelf, a
 * cancellation elsewhere, a transfer, a count — is caught here and filled in a short
 * follow-up transaction: the return's commit is on the desk's hot path (p99 < 25 ms at a
 * million orders) and reallocation reads the SKU's order lines, so it stays out of it.
 * The SKUs orders wait for are kept in memory (read
 * once at start, added to by `order.backordered`), so the everyday `stock.changed` of a sale
 * costs nothing; a change that makes a waited-for SKU available is collected, and shortly
 * after (one transaction for a burst of receipts) its orders are reallocated. Reallocation
 * publishes `stock.changed` only when it allocated something, so this settles instead of
 * looping; SKUs nobody waits for any more are dropped after each run.
 */
export class BackorderWatcher {
  private readonly waiting = new Set<string>()
  private readonly pending = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private running: Promise<unknown> = Promise.resolve()
  private unsubscribe: (() => void) | undefined

  constructor(
    private readonly deps: { bus: EventBus; uow: UnitOfWork; queries: OrderQueries; settings: OrderSettingsCache; now: () => Date },
    private readonly delayMs = 50,
  ) {}

  async start(): Promise<void> {
    if (this.unsubscribe) return
    this.unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.type === 'order.backordered') for (const sku of event.skus) this.waiting.add(sku)
      if (event.type !== 'stock.changed' || event.available <= 0 || !this.waiting.has(event.sku)) return
      this.pending.add(event.sku)
      this.timer ??= setTimeout(() => this.flush(), this.delayMs)
    })
    for (const sku of await this.deps.queries.backordered()) this.waiting.add(sku)
  }

  /**
   * Refills backorders of the SKUs some order waits for, in the caller's transaction (a stock
   * receipt: the stock and the orders it fills commit together). SKUs nobody waits for cost a
   * set lookup. The later `stock.changed` still reaches `flush`, which then finds nothing left.
   */
  async refillNow(s: TxStores, skus: readonly string[], now: Date): Promise<void> {
    const wanted = skus.filter((sku) => this.waiting.has(sku))
    if (wanted.length === 0) return
    const config = await this.deps.settings.current()
    const timeline = new Timeline(null, now)
    await reallocateSkus(s, wanted, config, timeline, now)
    await timeline.write(s)
  }

  private flush(): void {
    this.timer = undefined
    const skus = [...this.pending]
    this.pending.clear()
    this.running = this.running.then(async () => {
      const config = await this.deps.settings.current()
      const now = this.deps.now()
      await this.deps.uow.run(async (s) => {
        const timeline = new Timeline(null, now)
        await reallocateSkus(s, skus, config, timeline, now)
        await timeline.write(s)
      }, { background: true })
      const still = new Set(await this.deps.queries.backordered(skus))
      for (const sku of skus) if (!still.has(sku)) this.waiting.delete(sku)
    }).catch((error: unknown) => console.error('[orders] reallocation failed', error))
  }

  async stop(): Promise<void> {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    clearTimeout(this.timer)
    this.timer = undefined
    await this.running
  }
}
