/**
 * A thin, typed face over one DuckDB connection: cached prepared statements, JS
 * integers bound as BIGINT, and BIGINT results turned into range-checked numbers.
 * Calls on one connection run one at a time (a prepared statement cannot be bound
 * by two callers at once).
 */
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBValue } from '@duckdb/node-api'

export type Param = string | number | bigint | boolean | null | Date
export type Row = Record<string, unknown>

function toDuck(value: Param): DuckDBValue {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  if (value instanceof Date) return value.toISOString()
  return value
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
  private readonly statements = new Map<string, DuckDBPreparedStatement>()
  private tail: Promise<unknown> = Promise.resolve()
  private pending = 0

  constructor(readonly connection: DuckDBConnection) {}

  /** How many calls are queued on this connection (used to pick the least busy reader). */
  get load(): number {
    return this.pending
  }

  /** Runs a statement and returns its rows as plain objects. */
  all<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return this.exclusive(async () => {
      const statement = await this.prepared(sql)
      statement.bind(params.map(toDuck))
      const reader = await statement.runAndReadAll()
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

  /** Runs a statement (or several, without parameters) and ignores its result. */
  run(sql: string, params: readonly Param[] = []): Promise<void> {
    return this.exclusive(async () => {
      if (params.length === 0) {
        await this.connection.run(sql)
        return
      }
      const statement = await this.prepared(sql)
      statement.bind(params.map(toDuck))
      await statement.run()
    })
  }

  private async prepared(sql: string): Promise<DuckDBPreparedStatement> {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = await this.connection.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
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
