/**
 * The history generator on a small shop: believable proportions, and report facts (written
 * straight from its own tables for speed) exactly as db/report-facts.ts derives them from
 * the order book it wrote — so reports on generated history and on real trading agree.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Database } from '../../appliance/db/database.js'
import { generateHistory, type HistorySummary } from '../../appliance/db/report-history.js'
import { rebuildReportFacts } from '../../appliance/db/report-facts.js'
import { seedDemoShop } from '../../appliance/db/seed-demo.js'

let dir: string
let db: Database
let summary: HistorySummary
const steps: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'history-test-'))
  db = (await Database.open(join(dir, 'h.duckdb'), { readers: 1 })).db
  await seedDemoShop(db, { products: 120 })
  summary = await generateHistory(db, { years: 2, lines: 20_000, end: '2024-06-30', timeZone: 'Europe/London', seed: 3 }, (s) => steps.push(`${s.step} ${s.done}/${s.total}`))
})
afterAll(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})

const facts = () => db.reader.all('SELECT * FROM report_lines ORDER BY order_id, line_no')
const daily = () => db.reader.all('SELECT * FROM report_daily ORDER BY day, channel, category')

describe('seed:history', () => {
  it('writes about the lines asked for, over the years asked for, reporting progress', async () => {
    expect(summary.lines).toBeGreaterThan(19_000)
    expect(summary.lines).toBeLessThan(21_000)
    expect(steps.at(-1)).toMatch(/^report facts (\d+)\/\1$/)
    const span = await db.reader.one<{ first: string; last: string }>("SELECT min(day)::VARCHAR AS first, max(day)::VARCHAR AS last FROM report_lines")
    expect(span).toEqual({ first: '2022-07-01', last: '2024-06-30' })
    await expect(generateHistory(db, { years: 1, lines: 100, end: '2024-06-30', timeZone: 'Europe/London' })).rejects.toThrow(/already has generated history/)
  })

  it('has the shape of a shop: channels, December and Saturdays busier, winter firewood, returns, picks, late despatches', async () => {
    const share = async (where: string) => (await db.reader.one<{ s: number }>(`SELECT round(100.0 * count(*) FILTER (WHERE ${where}) / count(*))::INTEGER AS s FROM orders`))!.s
    expect(await share("channel = 'store'")).toBeGreaterThan(45)
    expect(await share("channel = 'amazon'")).toBeGreaterThan(8)
    const month = async (m: number) => (await db.reader.one<{ n: number }>(`SELECT sum(order_count)::BIGINT AS n FROM report_daily WHERE month(day) = ${m}`))!.n
    expect(await month(12)).toBeGreaterThan((await month(2)) * 1.2)
    const firewood = async (months: string) => (await db.reader.one<{ n: number }>(`SELECT coalesce(sum(sales_minor), 0)::BIGINT AS n FROM report_daily WHERE category = 'Fuel & Firewood' AND month(day) IN (${months})`))!.n
    expect(await firewood('12, 1, 2')).toBeGreaterThan((await firewood('6, 7, 8')) * 4)
    expect(summary.returns).toBeGreaterThan(0)
    expect(summary.picks).toBeGreaterThan(0)
    const late = await db.reader.one<{ late: number; due: number }>('SELECT count(*) FILTER (WHERE shipped_at > despatch_by) AS late, count(despatch_by) AS due FROM orders')
    expect(late!.late / late!.due).toBeGreaterThan(0.02)
    expect(late!.late / late!.due).toBeLessThan(0.12)
    const reconciled = await db.reader.one<{ bad: number }>(`SELECT count(*) AS bad FROM orders o
      JOIN (SELECT order_id, sum(total_minor) AS t FROM order_lines GROUP BY 1) l ON l.order_id = o.id
      WHERE o.total_minor <> l.t + o.shipping_minor`)
    expect(reconciled!.bad).toBe(0)
  })

  it('its report facts and roll-up are exactly what the order book derives', async () => {
    const [generatedFacts, generatedDaily] = [await facts(), await daily()]
    await db.transaction((tx) => rebuildReportFacts(tx.sql, 'Europe/London', new Date()))
    expect(await facts()).toEqual(generatedFacts)
    expect(await daily()).toEqual(generatedDaily)
  })
})
