/**
 * What every channel simulator offers tests and demo mode, and the base class holding the
 * parts they share: the HTTP server, scripted faults, a stock table, webhook delivery and
 * "simulated customers" who place seeded random orders every few seconds.
 */
import type { ChannelId } from '../channel-id.js'
import { DEMO_PRODUCTS, randomOrderSpec, sampleOrderSpec, type SimOrderSpec, type SimProduct } from './shared/catalogue.js'
import { FaultScript } from './shared/faults.js'
import { SeededRandom } from './shared/rng.js'
import { SimServer, type SimLogEntry } from './shared/sim-server.js'
import { WebhookSender, type DeliveryRecord, type WebhookDelivery } from './shared/webhook-sender.js'

/** Channel-neutral order states a test or demo can put a simulated order into. */
export type SimOrderState = 'pending' | 'paid' | 'partially_shipped' | 'shipped' | 'cancelled' | 'refunded'

export interface PlacedOrder {
  /** Same form as ChannelOrder.channelOrderId for this channel. */
  channelOrderId: string
  orderNumber: string
}

export interface ChannelSimulator {
  readonly channel: ChannelId
  readonly faults: FaultScript
  /** Every request answered (status 0 = held for a timeout fault). */
  readonly log: readonly SimLogEntry[]
  start(): Promise<{ url: string }>
  stop(): Promise<void>
  /** Places an order as a customer would (stock goes down). Defaults to a fixed sample order. */
  placeOrder(spec?: Partial<SimOrderSpec>): PlacedOrder
  /** Moves an order to a state, bumping its updated-at as the channel would. */
  setOrderState(channelOrderId: string, state: SimOrderState): void
  stockOf(sku: string): number | undefined
  setStock(sku: string, quantity: number): void
  /** Where signed webhooks go (undefined: none sent). Amazon has none. */
  webhookUrl: string | undefined
  readonly webhookDeliveries: readonly DeliveryRecord[]
  /** Builds the signed delivery the channel would send for an order event, without sending it. */
  buildWebhook(topic: string, channelOrderId: string): WebhookDelivery
  flushWebhooks(): Promise<void>
  /** Demo mode: a seeded customer places a random order every `intervalMs`. */
  startCustomers(options?: { intervalMs?: number; seed?: number }): void
  stopCustomers(): void
}

export interface BaseSimulatorOptions {
  /** Clock for timestamps (orders, tokens, rate limits). */
  now?: () => number
  products?: readonly SimProduct[]
  webhookUrl?: string
  /** Seed for simulated customers. */
  seed?: number
  /**
   * Added to the simulator's order ids and sequences, so a demo restarted against the same
   * appliance database does not hand out ids the appliance already imported from an earlier run.
   */
  idOffset?: number
}

export abstract class BaseSimulator implements ChannelSimulator {
  abstract readonly channel: ChannelId
  readonly faults = new FaultScript()
  protected readonly server: SimServer
  protected readonly webhooks: WebhookSender
  protected readonly stock = new Map<string, number>()
  protected readonly products: readonly SimProduct[]
  protected readonly now: () => number
  private lastTick = 0
  private customers: ReturnType<typeof setInterval> | undefined
  private readonly seed: number

  constructor(name: string, options: BaseSimulatorOptions) {
    this.now = options.now ?? Date.now
    this.server = new SimServer(name, this.faults, this.now)
    this.webhooks = new WebhookSender(this.faults, options.webhookUrl)
    this.products = options.products ?? DEMO_PRODUCTS
    for (const product of this.products) this.stock.set(product.sku, product.stock)
    this.seed = options.seed ?? 1
  }

  get log(): readonly SimLogEntry[] {
    return this.server.log
  }

  get webhookUrl(): string | undefined {
    return this.webhooks.url
  }

  set webhookUrl(url: string | undefined) {
    this.webhooks.url = url
  }

  get webhookDeliveries(): readonly DeliveryRecord[] {
    return this.webhooks.delivered
  }

  start(): Promise<{ url: string }> {
    return this.server.start()
  }

  async stop(): Promise<void> {
    this.stopCustomers()
    await this.server.stop()
  }

  placeOrder(spec: Partial<SimOrderSpec> = {}): PlacedOrder {
    const full = sampleOrderSpec(spec)
    for (const line of full.lines) {
      const level = line.sku ? this.stock.get(line.sku) : undefined
      if (line.sku && level !== undefined) this.stock.set(line.sku, level - line.quantity)
    }
    return this.createOrder(full)
  }

  stockOf(sku: string): number | undefined {
    return this.stock.get(sku)
  }

  setStock(sku: string, quantity: number): void {
    this.stock.set(sku, quantity)
  }

  buildWebhook(_topic: string, _channelOrderId: string): WebhookDelivery {
    throw new Error(`${this.channel} does not send webhooks`)
  }

  flushWebhooks(): Promise<void> {
    return this.webhooks.flush()
  }

  startCustomers(options: { intervalMs?: number; seed?: number } = {}): void {
    this.stopCustomers()
    const random = new SeededRandom(options.seed ?? this.seed)
    this.customers = setInterval(() => {
      const spec = randomOrderSpec(random, this.products)
      if (spec.lines.every((l) => (l.sku ? (this.stock.get(l.sku) ?? 0) >= l.quantity : true))) this.placeOrder(spec)
    }, options.intervalMs ?? 5000)
    this.customers.unref()
  }

  stopCustomers(): void {
    if (this.customers) clearInterval(this.customers)
    this.customers = undefined
  }

  abstract setOrderState(channelOrderId: string, state: SimOrderState): void

  /** Turns a full spec into the channel's own order record; stock is already taken. */
  protected abstract createOrder(spec: SimOrderSpec): PlacedOrder

  /** A strictly increasing clock reading, so two changes never share an updated-at. */
  protected tick(): number {
    const now = Math.max(this.now(), this.lastTick + 1)
    this.lastTick = now
    return now
  }
}
