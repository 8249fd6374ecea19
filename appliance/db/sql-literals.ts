/**
 * Parameters written into the statement as SQL literals, so DuckDB runs it in one call.
 *
 * Why: through @duckdb/node-api a statement with parameters is two trips to DuckDB's
 * thread (prepare, then execute) and is planned twice (once without the parameters' types);
 * one without parameters is a single trip and plan. On this machine that difference is
 * ~1.3 ms a statement, more than most of our statements take to run: three single-row
 * INSERTs measured p50 9.2–11.0 ms bound against 5.1–6.0 ms with literals (docs/PERFORMANCE.md).
 *
 * Safety: a string becomes a standard SQL string literal with its quotes doubled (DuckDB
 * reads backslashes in '…' literally), so no value can end the literal early. Values with
 * no exact literal form here (bytes, a string holding a NUL) return undefined, and the
 * caller binds them as before.
 */
import type { Param } from './sql.js'

function literal(value: Param): string | undefined {
  if (value === null) return 'NULL'
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  // Negative numbers in parentheses: `x-?` must not become `x--5`, which starts a comment.
  if (typeof value === 'bigint') return value < 0n ? `(${value})` : value.toString()
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value < 0 ? `(${value})` : String(value)
    // Through DuckDB's text-to-DOUBLE cast: a decimal literal is read as a DECIMAL first and
    // can come back one unit in the last place off (found by sql-literals.test.ts).
    return `'${value}'::DOUBLE`
  }
  if (value instanceof Date) return literal(value.toISOString())
  if (typeof value === 'string') return value.includes('\0') ? undefined : `'${value.replaceAll("'", "''")}'`
  return undefined // bytes: bound instead
}

/**
 * `sql` with its `?` and `$n` placeholders replaced by `params` as literals, or undefined
 * when a value has no literal form. Placeholders inside string literals, quoted
 * identifiers and comments are left alone. A placeholder without a parameter is an error,
 * as it would be when bound.
 */
export function inlineParams(sql: string, params: readonly Param[]): string | undefined {
  const literals: string[] = []
  for (const param of params) {
    const text = literal(param)
    if (text === undefined) return undefined
    literals.push(text)
  }
  let out = ''
  let next = 0 // the next `?`'s parameter
  let i = 0
  while (i < sql.length) {
    const c = sql[i]!
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c)
      out += sql.slice(i, end)
      i = end
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end === -1 ? sql.length : end
      out += sql.slice(i, stop)
      i = stop
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      const stop = end === -1 ? sql.length : end + 2
      out += sql.slice(i, stop)
      i = stop
    } else if (c === '?') {
      out += take(literals, next++, sql)
      i++
    } else if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let end = i + 1
      while (end < sql.length && /[0-9]/.test(sql[end]!)) end++
      out += take(literals, Number(sql.slice(i + 1, end)) - 1, sql)
      i = end
    } else {
      out += c
      i++
    }
  }
  return out
}

/** The index just past the quote that closes the one at `start` (a doubled quote is part of the text). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1
  for (;;) {
    const at = sql.indexOf(quote, i)
    if (at === -1) return sql.length
    if (sql[at + 1] === quote) i = at + 2
    else return at + 1
  }
}

function take(literals: string[], index: number, sql: string): string {
  const text = literals[index]
  if (text === undefined) throw new Error(`The statement has more placeholders than parameters: ${sql.slice(0, 120)}`)
  return text
}
