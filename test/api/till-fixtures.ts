/**
 * Fixtures for the till's integration tests: a clock that runs from a fixed mid-morning
 * instant (so a test never straddles the store's midnight) and can jump ahead, and small
 * helpers over a signed-in client.
 */
import type { Clock } from '../../appliance/app/ports.js'
import type { Product, ProductList, SaleResult, TillDto, TillList } from '../../appliance/api/contract.js'
import type { Client, TestAppliance } from '../support/appliance.js'

export interface TestClock extends Clock {
  /** Moves time on by `ms` (e.g. a day, to end the business day). */
  advance(ms: number): void
}

/** Real elapsed time from `start` (10:00 in London on a summer day by default). */
export function testClock(start = '2026-06-15T09:00:00Z'): TestClock {
  const base = Date.parse(start)
  const began = Date.now()
  let offset = 0
  return {
    now: () => new Date(base + (Date.now() - began) + offset),
    advance: (ms) => {
      offset += ms
    },
  }
}

export interface Problem {
  status: number
  code: string
  detail: string
  field?: string
  action?: string
  [key: string]: unknown
}

export async function problemOf(r: Response): Promise<Problem> {
  return { ...((await r.json()) as Omit<Problem, 'status'>), status: r.status } as Problem
}

let keys = 0
export const newKey = (prefix = 'sale') => `${prefix}-${process.pid}-${Date.now()}-${++keys}`

/** Products of the demo shop at each VAT rate, with floor stock. */
export async function productsByRate(client: Client): Promise<Record<20 | 5 | 0, Product[]>> {
  const items: Product[] = []
  for (const q of ['Mug', 'Logs', 'Oats', 'Atlas', 'Bear', 'Seat', 'Kindling', 'Penne']) {
    items.push(...(await client.get<ProductList>(`/api/products?q=${q}&limit=20`)).items)
  }
  const at = (rate: number) => items.filter((p) => p.vatRatePercent === rate && p.priceMinor > 0)
  return { 20: at(20), 5: at(5), 0: at(0) }
}

export async function openTill(client: Client, till: string, floatMinor = 10000): Promise<TillDto> {
  const tills = await client.get<TillList>('/api/tills')
  const current = tills.items.find((t) => t.id === till)
  if (current?.open) return current
  const r = await client.post(`/api/tills/${till}/open`, { floatMinor })
  if (r.status !== 201) throw new Error(`open ${till}: ${r.status} ${await r.text()}`)
  return (await r.json()) as TillDto
}

export async function sell(client: Client, body: unknown, key = newKey()): Promise<SaleResult> {
  const r = await client.post('/api/sales', body, { 'idempotency-key': key })
  if (r.status !== 201) throw new Error(`sale: ${r.status} ${await r.text()}`)
  return (await r.json()) as SaleResult
}

/** Rows in the tables a sale writes: a failed sale must leave every one unchanged. */
export async function writtenCounts(app: TestAppliance): Promise<Record<string, number>> {
  const tables = ['orders', 'order_lines', 'payments', 'stock_movements', 'voucher_movements', 'vouchers', 'customers', 'idempotency_keys']
  const out: Record<string, number> = {}
  for (const t of tables) out[t] = (await app.db.reader.one<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n
  out['receipt_seq'] = (await app.db.reader.one<{ n: number }>('SELECT sum(receipt_seq) AS n FROM tills'))!.n
  out['sale_audits'] = (await app.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'sale.completed'"))!.n
  return out
}

export async function floorLevel(app: TestAppliance, sku: string): Promise<{ onHand: number; needsCount: boolean }> {
  const row = await app.db.reader.one<{ on_hand: number; needs_count: boolean }>("SELECT on_hand, needs_count FROM stock_levels WHERE sku = ? AND location = 'floor'", [sku])
  return { onHand: row?.on_hand ?? 0, needsCount: row?.needs_count ?? false }
}
