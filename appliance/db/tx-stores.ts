/** The DuckDB side of the write ports: everything here runs inside one serial-writer transaction. */
import type { AppEvent, EventBus } from '../app/events.js'
import type { AuditEntry, MovementRecord, SessionRecord, TxStores, UnitOfWork } from '../app/ports.js'
import type { LockoutState } from '../core/staff.js'
import type { Database } from './database.js'
import { appendRows } from './appender.js'
import { PrinterDirectory, printStore } from './print-store.js'
import { parkedStore, saleStore, voucherStore } from './sale-store.js'
import { settingsStore, tillStore } from './till-store.js'
import { syncStore } from './sync-store.js'
import { orderStore, outboxStore } from './order-store.js'
import { returnStore } from './return-store.js'
import { fulfilmentStore } from './fulfilment-store.js'
import type { Held } from './deferred-writes.js'
import type { Tx } from './serial-writer.js'
import type { Sql } from './sql.js'
import { availableToSell } from '../core/stock-ledger.js'

/** The stock_levels key (one column, so DuckDB can use its index). */
export const levelId = (sku: string, location: string): string => `${sku}@${location}`

type Level = { onHand: number; allocated: number }
type LevelDelta = { sku: string; location: string; quantity: number; at: Date }

/** The movements' level changes, one per level (a sale may sell one SKU on two lines). */
function levelDeltas(moves: readonly MovementRecord[], into = new Map<string, LevelDelta>()): Map<string, LevelDelta> {
  for (const m of moves) {
    const id = levelId(m.sku, m.location)
    const d = into.get(id)
    into.set(id, { sku: m.sku, location: m.location, quantity: (d?.quantity ?? 0) + m.quantity, at: m.occurredAt })
  }
  return into
}

/**
 * Applies level changes: one UPDATE for every level (an IN list is answered from the key's
 * index, a third of the cost of one UPDATE per line); INSERT only levels that are new. A
 * level that goes negative (a sale of the last unit that wasn't there) is flagged for a count.
 */
async function applyLevelDeltas(sql: Pick<Sql, 'all' | 'run'>, deltas: ReadonlyMap<string, LevelDelta>): Promise<Map<string, Level>> {
  const keys = [...deltas.keys()]
  if (keys.length === 0) return new Map()
  // One level (an adjustment, a one-line sale) needs no CASE: a fifth cheaper to plan and run.
  const change = keys.length === 1 ? '?' : `CASE id ${keys.map(() => 'WHEN ? THEN ?').join(' ')} END`
  const changeParams = keys.length === 1 ? [deltas.get(keys[0]!)!.quantity] : keys.flatMap((k) => [k, deltas.get(k)!.quantity])
  const at = [...deltas.values()].at(-1)!.at
  const updated = await sql.all<{ id: string; on_hand: number; allocated: number }>(
    `UPDATE stock_levels SET on_hand = on_hand + ${change}, needs_count = needs_count OR on_hand + ${change} < 0, updated_at = ?::TIMESTAMP
     WHERE id IN (${keys.map(() => '?').join(', ')}) RETURNING id, on_hand, allocated`,
    [...changeParams, ...changeParams, at, ...keys],
  )
  const levels = new Map(updated.map((r) => [r.id, { onHand: r.on_hand, allocated: r.allocated }]))
  for (const [id, d] of deltas) {
    if (levels.has(id)) continue
    await sql.run('INSERT INTO stock_levels VALUES (?, ?, ?, ?, 0, ?, ?::TIMESTAMP)', [id, d.sku, d.location, d.quantity, d.quantity < 0, d.at])
    levels.set(id, { onHand: d.quantity, allocated: 0 })
  }
  return levels
}

async function appendMovements(tx: Tx, moves: readonly MovementRecord[]): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < moves.length; i++) ids.push(await tx.nextId('stock_movements'))
  await appendRows(tx.sql, 'stock_movements', moves.map((m, i) => ({
    id: ids[i]!, occurred_at: m.occurredAt, sku: m.sku, location: m.location, quantity: m.quantity, kind: m.kind,
    reason: m.reason, reference: m.reference, staff_id: m.actor?.staffId ?? null, station: m.actor?.station ?? null,
  })))
  return ids
}

/** Appends movements and updates their levels: one append, one UPDATE (see StockStore.moveMany). */
async function moveMany(tx: Tx, moves: readonly MovementRecord[]): Promise<Array<{ movementId: number; level: Level }>> {
  if (moves.length === 0) return []
  const ids = await appendMovements(tx, moves)
  const levels = await applyLevelDeltas(tx.sql, levelDeltas(moves))
  return moves.map((m, i) => ({ movementId: ids[i]!, level: levels.get(levelId(m.sku, m.location))! }))
}

/**
 * A group's held level changes (StockStore.moveAndPublish): merged, written in one UPDATE
 * when the group commits (deferred-writes.ts), and the `stock.changed` events they publish
 * completed with the levels reached before anyone receives them (after COMMIT).
 */
class HeldLevels implements Held {
  private readonly deltas = new Map<string, LevelDelta>()
  private readonly events: Array<Extract<AppEvent, { type: 'stock.changed' }>> = []

  constructor(private readonly sql: Sql) {}

  add(moves: readonly MovementRecord[], publish: (event: AppEvent) => void): void {
    levelDeltas(moves, this.deltas)
    for (const m of moves) {
      const event = { type: 'stock.changed' as const, sku: m.sku, location: m.location, onHand: 0, allocated: 0, available: 0 }
      this.events.push(event)
      publish(event)
    }
  }

  async flush(): Promise<void> {
    const levels = await applyLevelDeltas(this.sql.unheld, this.deltas)
    for (const event of this.events) {
      const level = levels.get(levelId(event.sku, event.location))!
      Object.assign(event, { ...level, available: availableToSell(level) })
    }
  }
}

function stockStore(tx: Tx, publish: (event: AppEvent) => void): TxStores['stock'] {
  return {
    async level(sku, location) {
      const row = await tx.sql.one<{ on_hand: number; allocated: number }>('SELECT on_hand, allocated FROM stock_levels WHERE id = ?', [levelId(sku, location)])
      return { onHand: row?.on_hand ?? 0, allocated: row?.allocated ?? 0 }
    },
    async move(m: MovementRecord) {
      return (await moveMany(tx, [m]))[0]!
    },
    moveMany: (moves) => moveMany(tx, moves),
    async moveAndPublish(moves) {
      if (moves.length === 0) return
      await appendMovements(tx, moves)
      const deferred = tx.sql.deferred
      if (deferred) deferred.hold('stock_levels', 'levels', () => new HeldLevels(tx.sql)).add(moves, publish)
      else {
        const held = new HeldLevels(tx.sql)
        held.add(moves, publish)
        await held.flush()
      }
    },
    async clearNeedsCount(sku, location) {
      await tx.sql.run('UPDATE stock_levels SET needs_count = false WHERE id = ? AND needs_count', [levelId(sku, location)])
    },
  }
}

/** Answers "does this SKU exist" from memory when it can (products are never deleted, only deactivated). */
export type KnownSku = (sku: string) => boolean

function catalogueStore(tx: Tx, knownSku: KnownSku | undefined, locations: LocationSet): TxStores['catalogue'] {
  return {
    async exists(sku) {
      if (knownSku?.(sku)) return true
      return (await tx.sql.one('SELECT 1 AS x FROM products WHERE sku = ?', [sku])) !== undefined
    },
    async barcodeOwners(barcodes) {
      const rows = await tx.sql.all<{ barcode: string; sku: string }>(
        `SELECT b.barcode, b.sku FROM barcodes b WHERE b.barcode IN (SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))`,
        [JSON.stringify(barcodes)],
      )
      return new Map(rows.map((r) => [r.barcode, r.sku]))
    },
    locationExists: (id) => locations.has(tx, id),
    async upsertMany(products, now) {
      if (products.length === 0) return
      // The batch travels as one JSON parameter and is written set-based: a 500-row batch is
      // three statements, not 2,000 (row-at-a-time made a 100k catalogue take minutes).
      const batch = JSON.stringify(products.map((p) => ({ ...p, barcodes: p.barcodes.map((code, position) => ({ code, position })) })))
      const rows = `(SELECT unnest(from_json(?::JSON, '${PRODUCT_JSON_SHAPE}')) AS p)`
      await tx.sql.run(
        `INSERT INTO products (sku, handle, name, category, price_minor, cost_minor, vat_rate_bp, active, updated_at)
         SELECT p.sku, p.handle, p.name, p.category, p.priceMinor, p.costMinor, p.vatRateBp, true, ?::TIMESTAMP FROM ${rows}
         ON CONFLICT (sku) DO UPDATE SET handle = EXCLUDED.handle, name = EXCLUDED.name, category = EXCLUDED.category,
           price_minor = EXCLUDED.price_minor, cost_minor = EXCLUDED.cost_minor, vat_rate_bp = EXCLUDED.vat_rate_bp,
           active = true, updated_at = EXCLUDED.updated_at`,
        [now, batch],
      )
      // Only delete barcodes that went away: DuckDB refuses deleting and re-inserting one key in a transaction.
      await tx.sql.run(
        `DELETE FROM barcodes WHERE (sku, barcode) IN (
           SELECT (b.sku, b.barcode) FROM barcodes b JOIN ${rows} ON b.sku = p.sku
           WHERE NOT list_contains(list_transform(p.barcodes, x -> x.code), b.barcode))`,
        [batch],
      )
      await tx.sql.run(
        `INSERT INTO barcodes (barcode, sku, position)
         SELECT b.code, sku, b.position FROM (SELECT p.sku AS sku, unnest(p.barcodes) AS b FROM ${rows})
         ON CONFLICT (barcode) DO UPDATE SET position = EXCLUDED.position`,
        [batch],
      )
    },
  }
}

const PRODUCT_JSON_SHAPE = JSON.stringify([
  { sku: 'VARCHAR', handle: 'VARCHAR', name: 'VARCHAR', category: 'VARCHAR', priceMinor: 'BIGINT', costMinor: 'BIGINT', vatRateBp: 'INTEGER', barcodes: [{ code: 'VARCHAR', position: 'INTEGER' }] },
])

function staffStore(tx: Tx): TxStores['staff'] {
  return {
    async get(id) {
      const row = await tx.sql.one<{ id: string; name: string; role: string; pin_hash: string; failed_pins: number; locked_until: Date | null; active: boolean }>(
        'SELECT * FROM staff WHERE id = ?',
        [id],
      )
      if (!row) return undefined
      return { id: row.id, name: row.name, role: row.role as never, pinHash: row.pin_hash, failedPins: row.failed_pins, lockedUntil: row.locked_until, active: row.active }
    },
    async saveLockout(id, state: LockoutState) {
      await tx.sql.run('UPDATE staff SET failed_pins = ?, locked_until = ?::TIMESTAMP WHERE id = ?', [state.failedPins, state.lockedUntil, id])
    },
  }
}

function sessionStore(tx: Tx): TxStores['sessions'] {
  return {
    async save(s: SessionRecord) {
      await tx.sql.run('INSERT INTO sessions VALUES (?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP)', [s.id, s.staffId, s.station, s.csrfToken, s.createdAt, s.expiresAt])
    },
    async delete(id) {
      await tx.sql.run('DELETE FROM sessions WHERE id = ?', [id])
    },
    async extend(id, expiresAt) {
      await tx.sql.run('UPDATE sessions SET expires_at = ?::TIMESTAMP WHERE id = ?', [expiresAt, id])
    },
  }
}

function auditStore(tx: Tx): TxStores['audit'] {
  return {
    async record(e: AuditEntry) {
      const id = await tx.nextId('audit_log')
      await appendRows(tx.sql, 'audit_log', [{
        id, occurred_at: e.occurredAt, staff_id: e.actor?.staffId ?? e.staffId ?? null, station: e.actor?.station ?? null, action: e.action,
        entity: e.entity ?? null, entity_id: e.entityId ?? null, reason: e.reason ?? null, details: e.details ? JSON.stringify(e.details) : null,
      }])
    },
  }
}

function idempotencyStore(tx: Tx): TxStores['idempotency'] {
  return {
    async find(scope, key) {
      const row = await tx.sql.one<{ status: number; body: string }>('SELECT status, body::VARCHAR AS body FROM idempotency_keys WHERE id = ?', [`${scope} ${key}`])
      return row ? { status: row.status, body: JSON.parse(row.body) as unknown } : undefined
    },
    async save(scope, key, status, body, now) {
      await appendRows(tx.sql, 'idempotency_keys', [{ id: `${scope} ${key}`, status, body: JSON.stringify(body), created_at: now }])
    },
  }
}

/** Stock locations change rarely: kept in memory, re-read when an unknown id is asked for. */
class LocationSet {
  private ids: Set<string> | undefined

  async has(tx: Tx, id: string): Promise<boolean> {
    if (this.ids?.has(id)) return true
    const rows = await tx.sql.all<{ id: string }>('SELECT id FROM locations')
    this.ids = new Set(rows.map((r) => r.id))
    return this.ids.has(id)
  }
}

/** The UnitOfWork port over the serial writer: one run, one transaction, events after commit. */
export class DuckDbUnitOfWork implements UnitOfWork {
  private readonly locations = new LocationSet()
  private readonly printers = new PrinterDirectory()

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly knownSku?: KnownSku,
    /** Whether stock changes need marking for the channels (false while no channel account syncs). */
    private readonly stockMarks: () => boolean = () => true,
  ) {}

  run<T>(work: (stores: TxStores) => Promise<T>, options: { background?: boolean } = {}): Promise<T> {
    return this.db.transaction(async (tx) => {
      // Every change to available-to-sell publishes `stock.changed` (screens rely on it): the
      // SKUs are also marked for the channels in this same transaction, before COMMIT, so a
      // committed change can never miss its stock push (see appliance/db/sync-store.ts).
      const stockChanged = new Set<string>()
      const sync = syncStore(tx)
      const publish = (event: AppEvent) => {
        if (event.type === 'stock.changed') stockChanged.add(event.sku)
        tx.afterCommit(() => this.bus.publish(event))
      }
      const value = await work({
        stock: stockStore(tx, publish),
        catalogue: catalogueStore(tx, this.knownSku, this.locations),
        staff: staffStore(tx),
        sessions: sessionStore(tx),
        audit: auditStore(tx),
        idempotency: idempotencyStore(tx),
        sales: saleStore(tx),
        vouchers: voucherStore(tx),
        parked: parkedStore(tx),
        tills: tillStore(tx),
        settings: settingsStore(tx),
        printing: printStore(tx, this.printers),
        sync,
        orders: orderStore(tx),
        returns: returnStore(tx),
        outbox: outboxStore(tx),
        fulfilment: fulfilmentStore(tx),
        publish,
      })
      if (stockChanged.size && this.stockMarks()) await sync.stockChanged(stockChanged, new Date()) // changed_at is informational; `seq` orders the marks
      return value
    }, options.background ? 'background' : 'now')
  }
}
