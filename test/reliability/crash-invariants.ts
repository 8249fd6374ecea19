/**
 * What must hold in the database after any crash, checked in SQL on what the crash left:
 * every acknowledged write is there, no sale or return is partial, no idempotency key made
 * two records, and every stock level is the sum of its movements. Each check returns the
 * offending rows (an empty list is a pass), so a failure shows exactly what broke.
 */
import type { Database } from '../../appliance/db/database.js'
import type { Acknowledged } from './crash-clients.js'

export interface Violations {
  /** Acknowledged (201) writes that are not in the database. */
  lost: string[]
  /** Sales whose lines, payments or stock movements don't add up to the order. */
  partialSales: unknown[]
  /** Returns whose lines, movements or refunds don't add up. */
  partialReturns: unknown[]
  /** Idempotency keys that produced more than one record. */
  duplicates: unknown[]
  /** Stock levels that differ from the sum of their movements. */
  driftedLevels: unknown[]
  /** Acknowledged sales with no receipt print job (they commit together). */
  missingReceipts: string[]
}

export const passed = (v: Violations): boolean => Object.values(v).every((list) => (list as unknown[]).length === 0)

export async function checkInvariants(db: Database, acked: Acknowledged): Promise<Violations> {
  const sql = db.reader
  const inList = (values: string[]) => JSON.stringify(values)
  const present = async (query: string, values: string[]) =>
    new Set((await sql.all<{ v: string }>(query, [inList(values)])).map((r) => r.v))
  const unnest = `(SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))`

  const saleIds = [...acked.sales.values()].map((s) => s.id)
  const returnIds = [...acked.returns.values()].map((r) => r.id)
  const movementIds = [...acked.adjustments.values()].map((a) => String(a.movementId))
  const orders = await present(`SELECT id AS v FROM orders WHERE id IN ${unnest}`, saleIds)
  const returns = await present(`SELECT id AS v FROM returns WHERE id IN ${unnest}`, returnIds)
  const moves = await present(`SELECT id::VARCHAR AS v FROM stock_movements WHERE id::VARCHAR IN ${unnest}`, movementIds)
  const lost = [
    ...saleIds.filter((id) => !orders.has(id)).map((id) => `sale ${id}`),
    ...returnIds.filter((id) => !returns.has(id)).map((id) => `return ${id}`),
    ...movementIds.filter((id) => !moves.has(id)).map((id) => `movement ${id}`),
  ]

  const partialSales = await sql.all(`
    WITH l AS (SELECT order_id, count(*) AS n, sum(total_minor) AS total FROM order_lines GROUP BY ALL),
         p AS (SELECT order_id, sum(applied_minor) AS applied FROM payments WHERE amount_minor > 0 GROUP BY ALL),
         wanted AS (SELECT o.number AS ref, l.sku, sum(l.quantity) AS q FROM orders o JOIN order_lines l ON l.order_id = o.id
                    WHERE o.channel = 'store' AND l.kind = 'goods' GROUP BY ALL),
         moved AS (SELECT reference AS ref, sku, -sum(quantity) AS q FROM stock_movements WHERE kind = 'sale' GROUP BY ALL),
         stock AS (SELECT coalesce(w.ref, m.ref) AS ref FROM wanted w FULL JOIN moved m ON w.ref = m.ref AND w.sku = m.sku
                   WHERE w.q IS DISTINCT FROM m.q AND coalesce(w.ref, m.ref) IN (SELECT number FROM orders WHERE channel = 'store'))
    SELECT o.id, o.number, o.total_minor::BIGINT AS total, l.n::BIGINT AS lines, l.total::BIGINT AS lines_total, p.applied::BIGINT AS paid,
           o.number IN (SELECT ref FROM stock) AS stock_mismatch
      FROM orders o LEFT JOIN l ON l.order_id = o.id LEFT JOIN p ON p.order_id = o.id
     WHERE o.channel = 'store'
       AND (l.n IS NULL OR l.total <> o.total_minor OR p.applied IS DISTINCT FROM o.total_minor OR o.number IN (SELECT ref FROM stock))`)

  const partialReturns = await sql.all(`
    WITH l AS (SELECT return_id, count(*) AS n, sum(quantity) FILTER (WHERE location IS NOT NULL) AS back FROM return_lines GROUP BY ALL),
         m AS (SELECT reference, sum(quantity) AS q FROM stock_movements WHERE kind = 'return' GROUP BY ALL),
         f AS (SELECT return_id, sum(amount_minor) AS refunded FROM refunds GROUP BY ALL)
    SELECT r.id, r.number, l.n::BIGINT AS lines, l.back::BIGINT AS back, m.q::BIGINT AS moved, r.refund_minor::BIGINT AS refund, f.refunded::BIGINT AS refunded
      FROM returns r LEFT JOIN l ON l.return_id = r.id LEFT JOIN m ON m.reference = r.number LEFT JOIN f ON f.return_id = r.id
     WHERE r.kind = 'desk' AND (l.n IS NULL OR coalesce(l.back, 0) <> coalesce(m.q, 0) OR r.refund_minor <> coalesce(f.refunded, 0))`)

  const duplicates = await sql.all(`
    SELECT 'sale' AS kind, note AS key, count(*)::INT AS n FROM orders WHERE note LIKE 'crash-%' GROUP BY ALL HAVING count(*) > 1
    UNION ALL SELECT 'return', note, count(*)::INT FROM returns WHERE note LIKE 'crash-%' GROUP BY ALL HAVING count(*) > 1
    UNION ALL SELECT 'adjustment', reason, count(*)::INT FROM stock_movements WHERE reason LIKE 'crash test %' GROUP BY ALL HAVING count(*) > 1`)

  const driftedLevels = await sql.all(`
    WITH m AS (SELECT sku, location, sum(quantity) AS q FROM stock_movements GROUP BY ALL)
    SELECT coalesce(s.sku, m.sku) AS sku, coalesce(s.location, m.location) AS location, s.on_hand::BIGINT AS on_hand, m.q::BIGINT AS moved
      FROM stock_levels s FULL JOIN m ON m.sku = s.sku AND m.location = s.location
     WHERE coalesce(s.on_hand, 0) <> coalesce(m.q, 0)`)

  const numbers = [...acked.sales.values()].map((s) => s.receiptNumber)
  const printed = await present(`SELECT reference AS v FROM print_jobs WHERE kind = 'receipt' AND reference IN ${unnest}`, numbers)
  const missingReceipts = numbers.filter((n) => !printed.has(n))

  return { lost, partialSales, partialReturns, duplicates, driftedLevels, missingReceipts }
}
