/**
 * The crash test's tills: clients that complete sales, returns and stock adjustments as
 * fast as the appliance answers. Every write carries an idempotency key, and the key is
 * written into the record too (the sale's and return's note, the adjustment's reason), so
 * a duplicate is visible in SQL. A request that gets no answer (the appliance died) is
 * kept and sent again, with the same key and body, once the appliance is back — what a
 * till does after a power cut.
 */
import type { Product, ReturnDto, SaleResult } from '../../appliance/api/contract.js'

export interface Session {
  cookie: string
  csrfToken: string
}

export type OpKind = 'sale' | 'return' | 'adjustment'

export interface Op {
  kind: OpKind
  key: string
  path: string
  body: unknown
  /** The sale a return takes back (its receipt number), for the record. */
  sends: number
}

export interface Acknowledged {
  sales: Map<string, SaleResult>
  returns: Map<string, ReturnDto>
  adjustments: Map<string, { movementId: number; sku: string; quantity: number }>
  /** Keys refused with a 4xx (e.g. a return of a sale already returned): a valid answer, nothing written. */
  refused: Map<string, number>
  /** Answers marked Idempotent-Replayed: the retry found the first attempt committed. */
  replayed: number
  /** Requests cut off by a kill and sent again after the restart. */
  retried: number
}

export const newAcknowledged = (): Acknowledged => ({ sales: new Map(), returns: new Map(), adjustments: new Map(), refused: new Map(), replayed: 0, retried: 0 })

/** A tiny deterministic generator (mulberry32), so a failing run can be repeated with its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class CrashClient {
  /** The request in flight or waiting for the appliance to come back. */
  private pending: Op | undefined
  private seq = 0
  private readonly mine: SaleResult[] = []
  private stopped = false
  private down: Promise<void> | undefined

  constructor(
    private readonly id: number,
    private readonly till: string,
    private readonly session: Session,
    private readonly products: Product[],
    private readonly acked: Acknowledged,
    private readonly random: () => number,
    private readonly target: { url: string; up: () => Promise<void> },
  ) {}

  /** Runs until `stop()`; resolves once nothing is pending (every request answered). */
  async run(): Promise<void> {
    while (!this.stopped || this.pending) {
      this.pending ??= this.next()
      const op = this.pending
      let response: Response
      try {
        op.sends += 1
        if (op.sends > 1) this.acked.retried += 1
        response = await fetch(`${this.target.url}${op.path}`, {
          method: 'POST',
          headers: { cookie: this.session.cookie, 'x-csrf-token': this.session.csrfToken, 'content-type': 'application/json', 'idempotency-key': op.key },
          body: JSON.stringify(op.body),
        })
      } catch {
        await this.target.up() // no answer: the appliance is down; the same request goes again when it is back
        continue
      }
      const text = await response.text().catch(() => undefined)
      if (text === undefined) {
        await this.target.up()
        continue
      }
      this.record(op, response, text)
      this.pending = undefined
    }
  }

  stop(): void {
    this.stopped = true
  }

  private record(op: Op, response: Response, text: string): void {
    if (response.headers.get('idempotent-replayed') === 'true') this.acked.replayed += 1
    if (response.status >= 500) throw new Error(`${op.kind} ${op.key}: ${response.status} ${text}`)
    if (response.status !== 201) {
      if (op.kind !== 'return') throw new Error(`${op.kind} ${op.key}: ${response.status} ${text}`)
      this.acked.refused.set(op.key, response.status)
      return
    }
    const body = JSON.parse(text) as unknown
    if (op.kind === 'sale') {
      this.acked.sales.set(op.key, body as SaleResult)
      this.mine.push(body as SaleResult)
    } else if (op.kind === 'return') this.acked.returns.set(op.key, body as ReturnDto)
    else {
      const b = op.body as { sku: string; quantity: number }
      this.acked.adjustments.set(op.key, { movementId: (body as { movementId: number }).movementId, sku: b.sku, quantity: b.quantity })
    }
  }

  private next(): Op {
    const key = `crash-${this.id}-${++this.seq}-${Math.floor(this.random() * 1e9).toString(36)}`
    const roll = this.random()
    const pick = () => this.products[Math.floor(this.random() * this.products.length)]!
    if (roll < 0.2 && this.mine.length > 0) {
      const sale = this.mine[Math.floor(this.random() * this.mine.length)]!
      const line = sale.lines[Math.floor(this.random() * sale.lines.length)]!
      const body = { order: sale.receiptNumber, lines: [{ sku: line.sku, quantity: 1, reason: 'changed-mind', condition: 'sellable' }], refund: { method: 'original' }, note: key }
      return { kind: 'return', key, path: '/api/returns', body, sends: 0 }
    }
    if (roll < 0.4) {
      const quantity = 1 + Math.floor(this.random() * 4)
      const body = { sku: pick().sku, location: 'floor', quantity: this.random() < 0.3 ? -quantity : quantity, reason: `crash test ${key}` }
      return { kind: 'adjustment', key, path: '/api/stock/adjustments', body, sends: 0 }
    }
    const lines = Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => ({ sku: pick().sku, quantity: 1 + Math.floor(this.random() * 2) }))
    const total = lines.reduce((sum, l) => sum + l.quantity * this.products.find((p) => p.sku === l.sku)!.priceMinor, 0)
    const body = { till: this.till, lines, tenders: [{ method: 'card', amountMinor: total, reference: key.slice(-20) }], note: key }
    return { kind: 'sale', key, path: '/api/sales', body, sends: 0 }
  }
}
