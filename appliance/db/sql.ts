/**
 * A thin, typed face over one DuckDB connection: JS integers bound as BIGINT, and
 * BIGINT results turned into range-checked numbers. Calls on one connection run one
 * at a time.
 *
 * Statements are prepared afresh on every call, never cached: DuckDB 1.5 plans a
 * prepared statement with the table statistics of the moment it was prepared and
 * does not re-plan when the data changes, so a cached statement prepared on an empty
 * table later returned wrong rows (found by test/db/ledger-property.test.ts; see
 * docs/PERFORMANCE.md for the cost, well under a millisecond).
 *
 * Parameters are written into the statement as literals where they can be (sql-literals.ts):
 * a bound statement is two trips to DuckDB's thread, a statement with literals one.
 */
import { blobValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api'
import type { DeferredWrites } from './deferred-writes.js'
import { inlineParams } from './sql-literals.js'

export type Param = string | number | bigint | boolean | null | Date | Uint8Array
export type Row = Record<string, unknown>

function toDuck(value: Param): DuckDBValue {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return blobValue(value)
  return value
}

/** The statement as DuckDB gets it: parameters written in as literals, or bound when they can't be. */
function statement(sql: string, params: readonly Param[]): [string, DuckDBValue[] | undefined] {
  if (params.length === 0) return [sql, undefined]
  const inlined = inlineParams(sql, params)
  return inlined === undefined ? [sql, params.map(toDuck)] : [inlined, undefined]
}

function fromDuck(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`Database value ${value} is outside the safe integer range`)
    }
    return Number(value)
  }
  return value
}

export class Sql {
  private tail: Promise<unknown> = Promise.resolve()
  private pending = 0

  /** Appends held back on this connection (see deferred-writes.ts): written before a statement that reads their tables. */
  deferred: DeferredWrites | undefined

  constructor(readonly connection: DuckDBConnection) {}

  /** How many calls are queued on this connection (used to pick the least busy reader). */
  get load(): number {
    return this.pending
  }

  /**
   * Runs a statement and returns its rows as plain objects. (Held writes go first when the
   * statement reads their tables; without any, the call is queued at once, so `load` counts
   * it straight away and parallel reads spread over the readers.)
   */
  all<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    if (this.deferred) return this.deferred.before(sql).then(() => this.allNow<T>(sql, params))
    return this.allNow<T>(sql, params)
  }

  private allNow<T>(sql: string, params: readonly Param[]): Promise<T[]> {
    return this.exclusive(async () => {
      const reader = await this.connection.runAndReadAll(...statement(sql, params))
      return reader.getRowObjectsJS().map((row) => {
        const out: Row = {}
        for (const key in row) out[key] = fromDuck(row[key])
        return out as T
      })
    })
  }

  async one<T = Row>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0]
  }

  /**
   * This connection as the flush of held writes itself uses it: statements go in the same
   * queue but do not wait for held writes (they are what is being written).
   */
  readonly unheld: Pick<Sql, 'all' | 'run'> = {
    all: <T = Row>(sql: string, params: readonly Param[] = []) => this.allNow<T>(sql, params),
    run: (sql: string, params: readonly Param[] = []) => this.runNow(sql, params),
  }

  /** Runs `work` on the raw connection with nothing else running on it (an appender's rows). */
  withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.connection))
  }

  /** Runs a statement (or several, without parameters) and ignores its result. */
  run(sql: string, params: readonly Param[] = []): Promise<void> {
    if (this.deferred) return this.deferred.before(sql).then(() => this.runNow(sql, params))
    return this.runNow(sql, params)
  }

  private runNow(sql: string, params: readonly Param[]): Promise<void> {
    return this.exclusive(async () => {
      await this.connection.run(...statement(sql, params))
    })
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.pending++
    const result = this.tail.then(work)
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    )
    return result
  }
}
