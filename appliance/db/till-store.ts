/** The DuckDB side of the till ports: tills, sessions, cash, voids, Z reports, settings, and the session figures. */
import type { SettingsStore, TillFigures, TillRecord, TillSessionRecord, TillStore } from '../app/till/ports.js'
import type { Sql } from './sql.js'
import type { Tx } from './serial-writer.js'

export const TILL_COLUMNS = `t.id, t.name, t.number, t.location, t.active, t.session_id,
  s.till_id AS s_till_id, s.business_day::VARCHAR AS s_business_day, s.opened_at AS s_opened_at, s.opened_by AS s_opened_by,
  s.float_minor AS s_float_minor, s.closed_at AS s_closed_at, s.closed_by AS s_closed_by, s.expected_cash_minor AS s_expected,
  s.counted_cash_minor AS s_counted, s.counted_denominations::VARCHAR AS s_denominations, s.approved_by AS s_approved_by`

export interface TillRow {
  id: string
  name: string
  number: number
  location: string
  active: boolean
  session_id: string | null
  s_till_id: string | null
  s_business_day: string | null
  s_opened_at: Date | null
  s_opened_by: string | null
  s_float_minor: number | null
  s_closed_at: Date | null
  s_closed_by: string | null
  s_expected: number | null
  s_counted: number | null
  s_denominations: string | null
  s_approved_by: string | null
}

export function toTill(r: TillRow): { till: TillRecord; session: TillSessionRecord | null } {
  const till: TillRecord = { id: r.id, name: r.name, number: r.number, location: r.location, active: r.active, sessionId: r.session_id }
  const session: TillSessionRecord | null = r.session_id && r.s_till_id
    ? {
        id: r.session_id, tillId: r.s_till_id, businessDay: r.s_business_day ?? '', openedAt: r.s_opened_at!, openedBy: r.s_opened_by ?? '',
        floatMinor: r.s_float_minor ?? 0, closedAt: r.s_closed_at, closedBy: r.s_closed_by, expectedCashMinor: r.s_expected,
        countedCashMinor: r.s_counted, countedDenominations: r.s_denominations ? (JSON.parse(r.s_denominations) as Record<string, number>) : null,
        approvedBy: r.s_approved_by,
      }
    : null
  return { till, session }
}

/** What a session took, summed (used in the write transaction for Z and on a reader for X). */
export async function sessionFigures(sql: Sql, sessionId: string): Promise<TillFigures> {
  const sales = await sql.one<{ n: number; gross: number; discount: number; total: number; vat: number; discounted: number }>(
    `SELECT count(*) AS n, coalesce(sum(gross_minor), 0) AS gross, coalesce(sum(discount_minor), 0) AS discount,
       coalesce(sum(total_minor), 0) AS total, coalesce(sum(vat_minor), 0) AS vat, count(*) FILTER (WHERE discount_minor > 0) AS discounted
     FROM orders WHERE till_session_id = ? AND status IN ('completed', 'partially_returned', 'returned') AND total_minor >= 0`,
    [sessionId],
  )
  const payments = await sql.all<{ method: string; n: number; applied: number; refunds: number; refund_count: number }>(
    `SELECT method, count(*) FILTER (WHERE applied_minor > 0) AS n, coalesce(sum(applied_minor) FILTER (WHERE applied_minor > 0), 0) AS applied,
       coalesce(sum(amount_minor) FILTER (WHERE amount_minor < 0), 0) AS refunds, count(*) FILTER (WHERE amount_minor < 0) AS refund_count
     FROM payments WHERE till_session_id = ? GROUP BY method ORDER BY method`,
    [sessionId],
  )
  const vat = await sql.all<{ rate: number; gross: number; vat: number }>(
    `SELECT l.vat_rate_bp AS rate, sum(l.total_minor) AS gross, sum(l.vat_minor) AS vat
     FROM order_lines l JOIN orders o ON o.id = l.order_id
     WHERE o.till_session_id = ? AND l.vat_rate_bp IS NOT NULL GROUP BY 1 ORDER BY 1 DESC`,
    [sessionId],
  )
  const lines = await sql.one<{ overrides: number; cards: number; card_minor: number }>(
    `SELECT count(*) FILTER (WHERE l.override_reason IS NOT NULL) AS overrides, count(*) FILTER (WHERE l.kind = 'gift_card') AS cards,
       coalesce(sum(l.total_minor) FILTER (WHERE l.kind = 'gift_card'), 0) AS card_minor
     FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.till_session_id = ?`,
    [sessionId],
  )
  const voids = await sql.all<{ scope: string; n: number; amount: number }>(
    'SELECT scope, count(*) AS n, sum(amount_minor) AS amount FROM till_voids WHERE till_session_id = ? GROUP BY scope',
    [sessionId],
  )
  const cash = await sql.all<{ kind: string; amount: number }>(
    'SELECT kind, sum(amount_minor) AS amount FROM cash_movements WHERE till_session_id = ? GROUP BY kind',
    [sessionId],
  )
  const cashPayments = payments.find((p) => p.method === 'cash')
  const voidOf = (scope: string) => voids.find((v) => v.scope === scope)
  const cashOf = (kind: string) => cash.find((c) => c.kind === kind)?.amount ?? 0
  return {
    sales: { count: sales?.n ?? 0, grossMinor: sales?.gross ?? 0, discountMinor: sales?.discount ?? 0, totalMinor: sales?.total ?? 0, vatMinor: sales?.vat ?? 0 },
    tenders: payments.filter((p) => p.n > 0).map((p) => ({ method: p.method, count: p.n, amountMinor: p.applied })),
    vatRates: vat.map((r) => ({ rateBp: r.rate, grossMinor: r.gross, netMinor: r.gross - r.vat, vatMinor: r.vat })),
    refunds: { count: payments.reduce((s, p) => s + p.refund_count, 0), amountMinor: -payments.reduce((s, p) => s + p.refunds, 0) },
    voids: { lineCount: voidOf('line')?.n ?? 0, lineMinor: voidOf('line')?.amount ?? 0, basketCount: voidOf('basket')?.n ?? 0, basketMinor: voidOf('basket')?.amount ?? 0 },
    discounts: { count: sales?.discounted ?? 0, amountMinor: sales?.discount ?? 0 },
    priceOverrides: { count: lines?.overrides ?? 0 },
    giftCardsSold: { count: lines?.cards ?? 0, amountMinor: lines?.card_minor ?? 0 },
    cash: {
      salesMinor: cashPayments?.applied ?? 0, refundsMinor: cashPayments?.refunds ?? 0,
      paidInMinor: cashOf('paid_in'), paidOutMinor: cashOf('paid_out'), bankDropMinor: cashOf('bank_drop'),
    },
  }
}

/** A till as a sale claims it: the till and its open session's business day. */
interface ClaimableTill {
  till: TillRecord
  businessDay: string | null
}

/**
 * Tills known to each writer connection, so claiming a receipt number costs no statement
 * (it was an UPDATE … FROM … RETURNING, 4 ms of every sale). Entries are set and dropped
 * only after commits: what a rolled-back transaction read or wrote never lands here.
 */
const knownTills = new WeakMap<Sql, Map<string, ClaimableTill | null>>()

function tillsOf(sql: Sql): Map<string, ClaimableTill | null> {
  let tills = knownTills.get(sql)
  if (!tills) knownTills.set(sql, (tills = new Map()))
  return tills
}

/**
 * The highest receipt sequence a till has used: the number of its newest sale (receipt
 * numbers are kept in memory since 0009; `tills.receipt_seq` holds what earlier versions counted).
 */
async function lastReceiptSeq(sql: Sql, tillId: string): Promise<number> {
  const row = await sql.one<{ seq: number }>(
    `SELECT greatest(
       coalesce((SELECT receipt_seq FROM tills WHERE id = ?), 0),
       coalesce((SELECT max(TRY_CAST(split_part(number, '-', 3) AS BIGINT)) FROM orders WHERE till_id = ? AND number LIKE 'S-%'), 0)) AS seq`,
    [tillId, tillId],
  )
  return row?.seq ?? 0
}

export function tillStore(tx: Tx): TillStore {
  const forget = (tillId: string) => tx.afterCommit(() => tillsOf(tx.sql).delete(tillId))
  async function openTill(tillId: string, businessDay: string): Promise<TillRecord | undefined> {
    const tills = tillsOf(tx.sql)
    let known = tills.get(tillId)
    if (known === undefined) {
      const row = await tx.sql.one<TillRow>(`SELECT ${TILL_COLUMNS} FROM tills t LEFT JOIN till_sessions s ON s.id = t.session_id WHERE t.id = ?`, [tillId])
      const read = row ? { till: toTill(row).till, businessDay: row.s_business_day } : null
      tx.afterCommit(() => tills.set(tillId, read))
      known = read
    }
    return known?.till.active && known.till.sessionId && known.businessDay === businessDay ? known.till : undefined
  }
  return {
    async get(id) {
      const row = await tx.sql.one<TillRow>(`SELECT ${TILL_COLUMNS} FROM tills t LEFT JOIN till_sessions s ON s.id = t.session_id WHERE t.id = ?`, [id])
      return row && toTill(row)
    },
    async create(t) {
      forget(t.id)
      await tx.sql.run('INSERT INTO tills (id, name, number, location, active) VALUES (?, ?, ?, ?, ?)', [t.id, t.name, t.number, t.location, t.active])
    },
    async numberTaken(number) {
      return (await tx.sql.one('SELECT 1 AS x FROM tills WHERE number = ?', [number])) !== undefined
    },
    async claimReceipt(tillId, businessDay) {
      const till = await openTill(tillId, businessDay)
      return till && { till, seq: await tx.next(`receipt:${tillId}`, () => lastReceiptSeq(tx.sql, tillId)) }
    },
    openTill,
    async openSession(s) {
      forget(s.tillId)
      await tx.sql.run(
        'INSERT INTO till_sessions (id, till_id, business_day, opened_at, opened_by, float_minor, counted_denominations) VALUES (?, ?, ?::DATE, ?::TIMESTAMP, ?, ?, ?::JSON)',
        [s.id, s.tillId, s.businessDay, s.openedAt, s.openedBy, s.floatMinor, s.countedDenominations ? JSON.stringify(s.countedDenominations) : null],
      )
      await tx.sql.run('UPDATE tills SET session_id = ? WHERE id = ?', [s.id, s.tillId])
    },
    async closeSession(s, z) {
      forget(s.tillId)
      await tx.sql.run(
        `UPDATE till_sessions SET closed_at = ?::TIMESTAMP, closed_by = ?, expected_cash_minor = ?, counted_cash_minor = ?,
           counted_denominations = ?::JSON, approved_by = ? WHERE id = ?`,
        [s.closedAt, s.closedBy, s.expectedCashMinor, s.countedCashMinor, s.countedDenominations ? JSON.stringify(s.countedDenominations) : null, s.approvedBy, s.id],
      )
      await tx.sql.run('UPDATE tills SET session_id = NULL WHERE id = ?', [s.tillId])
      await tx.sql.run('INSERT INTO z_reports VALUES (?, ?, ?, ?, ?::DATE, ?::TIMESTAMP, ?, ?::JSON)', [z.id, z.tillId, z.zNumber, z.tillSessionId, z.businessDay, z.createdAt, z.staffId, JSON.stringify(z.report)])
    },
    async nextZNumber(tillId) {
      const row = await tx.sql.one<{ n: number }>('UPDATE tills SET z_count = z_count + 1 WHERE id = ? RETURNING z_count AS n', [tillId])
      return row!.n
    },
    async addCashMovement(m) {
      await tx.sql.run('INSERT INTO cash_movements VALUES (?, ?, ?, ?::TIMESTAMP, ?, ?, ?, ?, ?)', [m.id, m.tillSessionId, m.tillId, m.occurredAt, m.kind, m.amountMinor, m.reason, m.staffId, m.station])
    },
    async addVoid(v) {
      await tx.sql.run('INSERT INTO till_voids VALUES (?, ?, ?, ?::TIMESTAMP, ?, ?, ?, ?::JSON, ?, ?)', [v.id, v.tillSessionId, v.tillId, v.occurredAt, v.scope, v.amountMinor, v.reason, JSON.stringify(v.lines), v.staffId, v.station])
    },
    figures: (sessionId) => sessionFigures(tx.sql, sessionId),
  }
}

export function settingsStore(tx: Tx): SettingsStore {
  return {
    async get(key) {
      const row = await tx.sql.one<{ v: string }>('SELECT value::VARCHAR AS v FROM settings WHERE key = ?', [key])
      return row ? (JSON.parse(row.v) as unknown) : undefined
    },
    async put(key, value) {
      await tx.sql.run('INSERT INTO settings VALUES (?, ?::JSON) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, JSON.stringify(value)])
    },
  }
}
