/**
 * What people enter for reports: monthly expenses and sales targets (managers), and
 * customer issues logged against orders (anyone at the counter or on the phone). Each write
 * is one transaction on the serial writer with its audit entry.
 */
import { randomUUID } from 'node:crypto'
import type { Actor } from '../app/ports.js'
import { conflict, notFound } from '../core/errors.js'
import { appendRows } from './appender.js'
import type { Database } from './database.js'
import type { Tx } from './serial-writer.js'

export interface ExpenseRecord {
  id: string
  month: string
  category: string
  amountMinor: number
  note: string | null
  staffId: string | null
  createdAt: string
}

export interface TargetRecord {
  month: string
  category: string
  targetMinor: number
  staffId: string | null
  updatedAt: string
}

export interface IssueNote {
  at: string
  staffId: string
  body: string
  /** A reply to the customer (the first one sets the issue's first-response time). */
  response: boolean
}

export interface IssueRecord {
  id: string
  orderId: string | null
  orderNumber: string | null
  category: string
  priority: string
  status: 'open' | 'closed'
  summary: string
  notes: IssueNote[]
  openedAt: string
  firstResponseAt: string | null
  closedAt: string | null
  openedBy: string | null
  closedBy: string | null
  updatedAt: string
}

export interface IssueChange {
  status?: 'open' | 'closed'
  priority?: string
  category?: string
  note?: { body: string; response?: boolean }
}

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : value == null ? null : String(value))

async function audit(tx: Tx, actor: Actor, now: Date, action: string, entity: string, entityId: string, details: unknown): Promise<void> {
  const id = await tx.nextId('audit_log')
  await appendRows(tx.sql, 'audit_log', [{
    id, occurred_at: now, staff_id: actor.staffId, station: actor.station, action, entity, entity_id: entityId, reason: null, details: JSON.stringify(details),
  }])
}

const ISSUE_COLUMNS = `i.id, i.order_id, o.number AS order_number, i.category, i.priority, i.status, i.summary, i.notes::VARCHAR AS notes,
  i.opened_at, i.first_response_at, i.closed_at, i.opened_by, i.closed_by, i.updated_at`

interface IssueRow {
  id: string; order_id: string | null; order_number: string | null; category: string; priority: string; status: string; summary: string
  notes: string; opened_at: Date; first_response_at: Date | null; closed_at: Date | null; opened_by: string | null; closed_by: string | null; updated_at: Date
}

const issueOf = (r: IssueRow): IssueRecord => ({
  id: r.id, orderId: r.order_id, orderNumber: r.order_number, category: r.category, priority: r.priority,
  status: r.status === 'closed' ? 'closed' : 'open', summary: r.summary, notes: JSON.parse(r.notes) as IssueNote[],
  openedAt: iso(r.opened_at)!, firstResponseAt: iso(r.first_response_at), closedAt: iso(r.closed_at),
  openedBy: r.opened_by, closedBy: r.closed_by, updatedAt: iso(r.updated_at)!,
})

export class DuckDbReportInputs {
  constructor(private readonly db: Database) {}

  async expenses(fromMonth: string, toMonth: string): Promise<ExpenseRecord[]> {
    const rows = await this.db.reader.all<{ id: string; month: string; category: string; amount_minor: number; note: string | null; staff_id: string | null; created_at: Date }>(
      `SELECT id, strftime(month, '%Y-%m') AS month, category, amount_minor, note, staff_id, created_at FROM expenses
       WHERE month BETWEEN (? || '-01')::DATE AND (? || '-01')::DATE ORDER BY month, category, created_at`, [fromMonth, toMonth],
    )
    return rows.map((r) => ({ id: r.id, month: r.month, category: r.category, amountMinor: r.amount_minor, note: r.note, staffId: r.staff_id, createdAt: iso(r.created_at)! }))
  }

  async addExpense(input: { month: string; category: string; amountMinor: number; note?: string | undefined }, actor: Actor, now: Date): Promise<ExpenseRecord> {
    const record: ExpenseRecord = { id: randomUUID(), month: input.month, category: input.category, amountMinor: input.amountMinor, note: input.note ?? null, staffId: actor.staffId, createdAt: now.toISOString() }
    await this.db.transaction(async (tx) => {
      await tx.sql.run('INSERT INTO expenses VALUES (?, (? || \'-01\')::DATE, ?, ?, ?, ?, ?::TIMESTAMP)', [record.id, record.month, record.category, record.amountMinor, record.note, record.staffId, record.createdAt])
      await audit(tx, actor, now, 'expense.added', 'expense', record.id, input)
    })
    return record
  }

  async removeExpense(id: string, actor: Actor, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await tx.sql.one<{ amount_minor: number; category: string }>('SELECT amount_minor, category FROM expenses WHERE id = ?', [id])
      if (!row) throw notFound(`There is no expense ${id}`, 'id')
      await tx.sql.run('DELETE FROM expenses WHERE id = ?', [id])
      await audit(tx, actor, now, 'expense.removed', 'expense', id, { category: row.category, amountMinor: row.amount_minor })
    })
  }

  async targets(fromMonth: string, toMonth: string): Promise<TargetRecord[]> {
    const rows = await this.db.reader.all<{ month: string; category: string; target_minor: number; staff_id: string | null; updated_at: Date }>(
      `SELECT strftime(month, '%Y-%m') AS month, category, target_minor, staff_id, updated_at FROM sales_targets
       WHERE month BETWEEN (? || '-01')::DATE AND (? || '-01')::DATE ORDER BY month, category`, [fromMonth, toMonth],
    )
    return rows.map((r) => ({ month: r.month, category: r.category, targetMinor: r.target_minor, staffId: r.staff_id, updatedAt: iso(r.updated_at)! }))
  }

  /** Sets (or with 0, clears) the targets given; others stay. */
  async setTargets(items: ReadonlyArray<{ month: string; category: string; targetMinor: number }>, actor: Actor, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const t of items) {
        const id = `${t.month}:${t.category}`
        await tx.sql.run('DELETE FROM sales_targets WHERE id = ?', [id])
        if (t.targetMinor > 0) {
          await tx.sql.run("INSERT INTO sales_targets VALUES (?, (? || '-01')::DATE, ?, ?, ?, ?::TIMESTAMP)", [id, t.month, t.category, t.targetMinor, actor.staffId, now.toISOString()])
        }
      }
      await audit(tx, actor, now, 'targets.set', 'sales_targets', items.map((t) => t.month).sort()[0] ?? '', { items })
    })
  }

  async issues(filter: { status?: 'open' | 'closed' | undefined; orderId?: string | undefined; limit: number }): Promise<IssueRecord[]> {
    const where: string[] = []
    const params: string[] = []
    if (filter.status) { where.push('i.status = ?'); params.push(filter.status) }
    if (filter.orderId) { where.push('i.order_id = ?'); params.push(filter.orderId) }
    const rows = await this.db.reader.all<IssueRow>(
      `SELECT ${ISSUE_COLUMNS} FROM customer_issues i LEFT JOIN orders o ON o.id = i.order_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.opened_at DESC, i.id LIMIT ${filter.limit}`, params,
    )
    return rows.map(issueOf)
  }

  async issue(id: string): Promise<IssueRecord | undefined> {
    const row = await this.db.reader.one<IssueRow>(`SELECT ${ISSUE_COLUMNS} FROM customer_issues i LEFT JOIN orders o ON o.id = i.order_id WHERE i.id = ?`, [id])
    return row ? issueOf(row) : undefined
  }

  async logIssue(input: { orderId?: string | undefined; category: string; priority: string; summary: string; note?: string | undefined }, actor: Actor, now: Date): Promise<IssueRecord> {
    const id = randomUUID()
    const at = now.toISOString()
    await this.db.transaction(async (tx) => {
      if (input.orderId && !(await tx.sql.one('SELECT 1 AS x FROM orders WHERE id = ?', [input.orderId]))) throw notFound(`There is no order ${input.orderId}`, 'orderId')
      const notes: IssueNote[] = input.note ? [{ at, staffId: actor.staffId, body: input.note, response: false }] : []
      await tx.sql.run(
        `INSERT INTO customer_issues VALUES (?, ?, ?, ?, 'open', ?, ?::JSON, ?::TIMESTAMP, NULL, NULL, ?, NULL, ?::TIMESTAMP)`,
        [id, input.orderId ?? null, input.category, input.priority, input.summary, JSON.stringify(notes), at, actor.staffId, at],
      )
      await audit(tx, actor, now, 'issue.logged', 'customer_issue', id, { orderId: input.orderId ?? null, category: input.category, priority: input.priority })
    })
    return (await this.issue(id))!
  }

  async updateIssue(id: string, change: IssueChange, actor: Actor, now: Date): Promise<IssueRecord> {
    const at = now.toISOString()
    await this.db.transaction(async (tx) => {
      const row = await tx.sql.one<{ status: string; notes: string; first_response_at: Date | null }>('SELECT status, notes::VARCHAR AS notes, first_response_at FROM customer_issues WHERE id = ?', [id])
      if (!row) throw notFound(`There is no customer issue ${id}`, 'id')
      if (row.status === 'closed' && change.status !== 'open' && (change.note || change.priority || change.category)) {
        throw conflict('This issue is closed: reopen it first to change it', 'status')
      }
      const notes = JSON.parse(row.notes) as IssueNote[]
      if (change.note) notes.push({ at, staffId: actor.staffId, body: change.note.body, response: change.note.response ?? false })
      const firstResponse = row.first_response_at ?? (change.note?.response ? now : null)
      const status = change.status ?? row.status
      const closing = status === 'closed' && row.status !== 'closed'
      await tx.sql.run(
        `UPDATE customer_issues SET status = ?, priority = coalesce(?, priority), category = coalesce(?, category), notes = ?::JSON,
           first_response_at = ?::TIMESTAMP, closed_at = CASE WHEN ? = 'closed' THEN coalesce(CASE WHEN ? THEN ?::TIMESTAMP END, closed_at) END,
           closed_by = CASE WHEN ? = 'closed' THEN coalesce(CASE WHEN ? THEN ? END, closed_by) END, updated_at = ?::TIMESTAMP
         WHERE id = ?`,
        [status, change.priority ?? null, change.category ?? null, JSON.stringify(notes), firstResponse ? firstResponse.toISOString() : null,
          status, closing, at, status, closing, actor.staffId, at, id],
      )
      await audit(tx, actor, now, 'issue.updated', 'customer_issue', id, change)
    })
    return (await this.issue(id))!
  }
}
