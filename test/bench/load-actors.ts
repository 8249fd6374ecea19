/**
 * The actors of the load bench, each a loop over real HTTP calls on loopback: tills
 * (scan, scan, scan, sell), pickers (queue → wave → scan bin and items), channel workers
 * (a customer orders on the simulator, the account syncs, goods are received) and a
 * manager's dashboard (reports refresh). Every call is timed by action; every answer
 * that is not 2xx counts as an error with its status and detail.
 */
import type { Product } from '../../appliance/api/contract.js'
import type { ChannelSimulator } from '../../sync/simulators/simulator.js'
import { DEMO_PRODUCTS } from '../../sync/simulators/shared/catalogue.js'
import type { Client } from '../support/appliance.js'

export class LoadRecorder {
  readonly samples = new Map<string, number[]>()
  readonly errors: Array<{ action: string; status: number; detail: string }> = []
  readonly counts = new Map<string, number>()

  count(what: string, n: number): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n)
  }

  async time(action: string, call: () => Promise<Response>, expect = (r: Response) => r.ok): Promise<Response | undefined> {
    const started = performance.now()
    let response: Response
    try {
      response = await call()
    } catch (error) {
      this.errors.push({ action, status: 0, detail: (error as Error).message })
      return undefined
    }
    const body = await response.clone().text()
    const elapsed = performance.now() - started
    if (!expect(response)) {
      this.errors.push({ action, status: response.status, detail: body.slice(0, 200) })
      return undefined
    }
    const list = this.samples.get(action) ?? []
    list.push(elapsed)
    this.samples.set(action, list)
    return response
  }
}

export interface LoadContext {
  recorder: LoadRecorder
  until: number
  sleep: (ms: number) => Promise<void>
}

let keySeq = 0
const key = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++keySeq}`

/** A till: three scans then a card sale of what was scanned, then the next customer. */
export async function tillLoop(ctx: LoadContext, client: Client, till: string, products: Product[], thinkMs: number): Promise<number> {
  let sales = 0
  let i = Math.floor(Math.random() * products.length)
  while (Date.now() < ctx.until) {
    const basket = [products[i++ % products.length]!, products[i++ % products.length]!, products[i++ % products.length]!]
    for (const p of basket) await ctx.recorder.time('till: scan', () => client.fetch(`/api/sales/scan?code=${encodeURIComponent(p.barcodes[0] ?? p.sku)}`))
    const total = basket.reduce((sum, p) => sum + p.priceMinor, 0)
    const sold = await ctx.recorder.time('till: sale commit', () => client.post('/api/sales', {
      till, lines: basket.map((p) => ({ sku: p.sku })), tenders: [{ method: 'card', amountMinor: total, reference: `LOAD-${sales}` }],
    }, { 'idempotency-key': key(till) }))
    if (sold) sales++
    await ctx.sleep(thinkMs)
  }
  return sales
}

/** A picker on the fulfilment routes (when they exist): takes its share of the queue and picks it. */
export async function pickerLoop(ctx: LoadContext, client: Client, staffId: string, share: { index: number; of: number }, thinkMs: number): Promise<number> {
  let picked = 0
  while (Date.now() < ctx.until) {
    const queue = await ctx.recorder.time('pick: queue', () => client.fetch('/api/picking/queue?limit=20'))
    const items = queue ? ((await queue.json()) as { items: Array<{ orderId: string }> }).items : []
    const mine = items.filter((_, i) => i % share.of === share.index).slice(0, 1)
    if (!mine.length) {
      await ctx.sleep(thinkMs * 4)
      continue
    }
    const wave = await ctx.recorder.time('pick: start wave', () => client.post('/api/picking/waves', { method: 'single', orders: mine.map((o) => o.orderId), pickers: [staffId] }),
      (r) => r.ok || r.status === 409) // 409: the other picker took it first
    if (!wave || wave.status === 409) continue
    const { lists } = (await wave.json()) as { lists: Array<{ id: string }> }
    for (const { id } of lists) {
      const listResponse = await ctx.recorder.time('pick: open list', () => client.fetch(`/api/picking/lists/${id}`))
      if (!listResponse) continue
      const list = (await listResponse.json()) as { tasks: Array<{ bin: string | null; barcode: string | null; sku: string; quantity: number }> }
      for (const task of list.tasks) {
        if (task.bin) await ctx.recorder.time('pick: scan', () => client.post(`/api/picking/lists/${id}/scan`, { code: task.bin }))
        for (let q = 0; q < task.quantity; q++) {
          await ctx.recorder.time('pick: scan', () => client.post(`/api/picking/lists/${id}/scan`, { code: task.barcode ?? task.sku }))
          picked++
        }
      }
    }
    await ctx.sleep(thinkMs)
  }
  return picked
}

/** A channel: a customer orders on the simulator, the account imports and pushes, goods arrive in the backroom. */
export async function channelLoop(ctx: LoadContext, manager: Client, account: string, simulator: ChannelSimulator, thinkMs: number): Promise<number> {
  let orders = 0
  let i = Math.floor(Math.random() * DEMO_PRODUCTS.length)
  while (Date.now() < ctx.until) {
    const p = DEMO_PRODUCTS[i++ % DEMO_PRODUCTS.length]!
    simulator.setStock(p.sku, Math.max(simulator.stockOf(p.sku) ?? 0, 10))
    simulator.placeOrder({ lines: [{ sku: p.sku, title: p.title, quantity: 1, unitPriceMinor: p.priceMinor }] })
    orders++
    const synced = await ctx.recorder.time('channel: import + push', () => manager.post(`/api/channels/${account}/sync`, {}))
    if (synced) {
      // A 200 can still carry a failed import or push: that is an error too.
      const result = (await synced.json()) as { import: { created: number; error: string | null }; push: { sent: number; error: string | null } }
      if (result.import.error || result.push.error) ctx.recorder.errors.push({ action: 'channel: import + push', status: 200, detail: `${account}: ${result.import.error ?? result.push.error}` })
      ctx.recorder.count('channel: orders imported', result.import.created)
      ctx.recorder.count('channel: changes pushed', result.push.sent)
    }
    await ctx.recorder.time('channel: stock receipt', () => manager.post('/api/stock/receipts', { sku: p.sku, location: 'backroom', quantity: 2, reference: `load ${account}` }, { 'idempotency-key': key(account) }))
    await ctx.sleep(thinkMs)
  }
  return orders
}

/** The manager's dashboard: a handful of reports and the order list, refreshed every `refreshMs`. */
export async function dashboardLoop(ctx: LoadContext, manager: Client, reports: string[], refreshMs: number): Promise<number> {
  let refreshes = 0
  while (Date.now() < ctx.until) {
    for (const id of reports) await ctx.recorder.time('dashboard: report', () => manager.fetch(`/api/reports/${id}`))
    await ctx.recorder.time('dashboard: orders list', () => manager.fetch('/api/orders?limit=50'))
    refreshes++
    await ctx.sleep(refreshMs)
  }
  return refreshes
}
