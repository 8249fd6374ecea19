/** Parameters written as literals (sql-literals.ts): exact values, no way out of a literal, on a real DuckDB. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Database } from '../../appliance/db/database.js'
import { inlineParams } from '../../appliance/db/sql-literals.js'

let dir: string
let db: Database
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'literals-'))
  db = (await Database.open(join(dir, 'l.duckdb'))).db
})
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

it('leaves placeholders in strings, quoted names and comments alone', () => {
  expect(inlineParams(`SELECT '?', "a?b", ? -- ?\n, $2 /* $1 ? */, 'it''s ?', ?`, ['x', 7])).toBe(
    `SELECT '?', "a?b", 'x' -- ?\n, 7 /* $1 ? */, 'it''s ?', 7`,
  )
  expect(inlineParams('SELECT $1, $1, $2', [1, 'a'])).toBe("SELECT 1, 1, 'a'")
})

it('keeps a negative number from turning a minus sign into a comment', async () => {
  expect(inlineParams('SELECT 10-?', [-5])).toBe('SELECT 10-(-5)')
  expect(await db.reader.one('SELECT 10-? AS n, 1 AS m', [-5])).toEqual({ n: 15, m: 1 })
  expect(await db.reader.one('SELECT 10-? AS n', [-0.5])).toEqual({ n: 10.5 })
})

it('gives back a fraction to the last bit (a decimal literal was read as DECIMAL and came back one bit off)', async () => {
  for (const n of [0.000009909062042273953, 0.1, 1 / 3, -2.5e-300, 1.7976931348623157e308]) {
    expect(await db.reader.one('SELECT ? AS n', [n])).toEqual({ n })
  }
})

it('gives up on values without an exact literal (bytes, NUL), so they are bound instead', () => {
  expect(inlineParams('SELECT ?', [new Uint8Array([1])])).toBeUndefined()
  expect(inlineParams('SELECT ?', ['a\0b'])).toBeUndefined()
})

it('refuses a statement with more placeholders than parameters, as binding did', () => {
  expect(() => inlineParams('SELECT ?, ?', [1])).toThrow(/more placeholders/)
})

it('round-trips any string, number and flag exactly through DuckDB, whatever quotes or backslashes it holds', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
      fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n) || Number.isSafeInteger(n)), fc.constant(Number.MAX_SAFE_INTEGER)),
      fc.boolean(),
      async (text, number, flag) => {
        const row = await db.reader.one<{ t: string; n: number; f: boolean; z: null }>('SELECT ? AS t, ? AS n, ? AS f, ? AS z', [text, number, flag, null])
        expect(row).toEqual({ t: text, n: Object.is(number, -0) ? 0 : number, f: flag, z: null })
      },
    ),
    { numRuns: 300 },
  )
})

it('writes a hostile string as data, never as SQL', async () => {
  await db.transaction((tx) => tx.sql.run('CREATE TABLE notes (id BIGINT, body VARCHAR)'))
  const hostile = "x'); DROP TABLE notes; --"
  await db.transaction((tx) => tx.sql.run('INSERT INTO notes VALUES (?, ?)', [1, hostile]))
  expect(await db.reader.all('SELECT * FROM notes')).toEqual([{ id: 1, body: hostile }])
})
