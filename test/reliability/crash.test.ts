/**
 * Crash safety: the appliance (a real process on a real data directory) is killed with
 * SIGKILL at random moments while four clients complete sales, returns and stock
 * adjustments as fast as it answers, and receipts print on a slow network printer (the
 * virtual printer on loopback TCP, in this process, so a kill often lands mid-receipt).
 *
 * After each kill, on a copy of what the crash left: every acknowledged write is there, no
 * sale or return is partial, no idempotency key made two records, stock levels equal the
 * sum of movements, every acknowledged sale has its receipt job. After each restart the
 * clients send what went unanswered again with the same key. At the end: every request was
 * answered exactly once, and no receipt came out of the printer twice.
 *
 * In the suite: 2 kills. `npm run test:crash` runs 10 (CRASH_KILLS, CRASH_SEED to repeat a run).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { Product, ProductList } from '../../appliance/api/contract.js'
import { Database } from '../../appliance/db/database.js'
import { VirtualPrinterServer } from '../../drivers/virtual/virtual-printer-server.js'
import { signIn } from '../support/appliance.js'
import { openCrashCopy, spawnChild, type ChildAppliance } from './child.js'
import { CrashClient, newAcknowledged, rng } from './crash-clients.js'
import { checkInvariants, passed, type Violations } from './crash-invariants.js'

const KILLS = Number(process.env.CRASH_KILLS ?? 2)
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000)
const CLIENTS = 4
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

it(`${CLIENTS} clients selling, returning and adjusting stock through ${KILLS} kill -9 (seed ${SEED})`, { timeout: 60_000 + KILLS * 25_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crash-'))
  const printer = new VirtualPrinterServer({ columns: 48 })
  printer.printer.setFaults({ bytesPerSecond: 6000 }) // a slow mechanism: kills often land mid-receipt
  const { port } = await printer.start()
  const random = rng(SEED)
  let child: ChildAppliance | undefined = await spawnChild(dataDir)
  try {
    // The shop: receipts on a network printer, two tills open, plenty of stock on a dozen products.
    const maya = await signIn(child.url, 'maya', '1111', 'till-1')
    expect((await maya.fetch('/api/printers/screen-receipts', { method: 'PUT', json: { name: 'Counter printer', kind: 'receipt', transport: 'tcp', address: `127.0.0.1:${port}`, profile: 'epson-tm-t88vi' } })).status).toBe(200)
    for (const till of ['till-1', 'till-2']) expect((await maya.post(`/api/tills/${till}/open`, { floatMinor: 10000 })).status).toBe(201)
    const found = new Map<string, Product>()
    for (const q of ['a', 'e', 'o']) for (const p of (await maya.get<ProductList>(`/api/products?q=${q}&limit=100`)).items) if (p.priceMinor > 0) found.set(p.sku, p)
    const products = [...found.values()].slice(0, 12)
    for (const p of products) expect((await maya.post('/api/stock/receipts', { sku: p.sku, location: 'floor', quantity: 5000 })).status).toBe(201)

    const acked = newAcknowledged()
    let ready: Promise<void> = Promise.resolve()
    const target = { url: child.url, up: () => ready.then(() => sleep(10)) }
    const clients: CrashClient[] = []
    for (let i = 0; i < CLIENTS; i++) {
      const till = i % 2 === 0 ? 'till-1' : 'till-2'
      const s = await signIn(child.url, 'maya', '1111', till)
      clients.push(new CrashClient(i, till, { cookie: s.cookie, csrfToken: s.csrfToken }, products, acked, rng(SEED * 31 + i), target))
    }
    const running = clients.map((c) => c.run())
    const perKill: Array<{ sales: number; violations: Violations }> = []
    const failures: string[] = []
    running.forEach((r) => r.catch((e: unknown) => failures.push(String(e))))

    for (let k = 0; k < KILLS; k++) {
      await sleep(500 + Math.floor(random() * 2000))
      let markUp!: () => void
      ready = new Promise<void>((resolve) => (markUp = resolve))
      await child.kill()
      child = undefined
      const copy = await openCrashCopy(dataDir)
      try {
        perKill.push({ sales: acked.sales.size, violations: await checkInvariants(copy.db, acked) })
      } finally {
        copy.close()
      }
      child = await spawnChild(dataDir)
      target.url = child.url
      markUp()
    }
    await sleep(1000)
    for (const c of clients) c.stop()
    await Promise.allSettled(running)
    expect(failures).toEqual([])
    await child.stop()
    child = undefined

    const { db } = await Database.open(join(dataDir, 'appliance.duckdb'))
    try {
      const final = await checkInvariants(db, acked)
      const print = await db.reader.all<{ status: string; n: number }>("SELECT status, count(*)::INT AS n FROM print_jobs WHERE kind = 'receipt' GROUP BY ALL ORDER BY ALL")
      const keys = await db.reader.one<{ sales: number; returns: number; adjustments: number }>(`SELECT
        count(*) FILTER (WHERE id LIKE 'sales crash-%')::INT AS sales, count(*) FILTER (WHERE id LIKE 'returns crash-%')::INT AS returns,
        count(*) FILTER (WHERE id LIKE 'stock.adjustments crash-%')::INT AS adjustments FROM idempotency_keys`)
      // Receipts out of the printer, by number, whole or cut off (a kill closes the socket cleanly, so
      // the virtual printer can't tell; a job with no cut command was cut off): none came out twice.
      const seen = new Map<string, number>()
      for (const job of printer.printer.jobs) {
        const number = /\b([SR]-\d{2}-\d{6}|R-\d{6})\b/.exec(job.transcript)?.[1]
        if (number) seen.set(number, (seen.get(number) ?? 0) + 1)
      }
      const cutOff = printer.printer.jobs.filter((j) => !j.bytes.some((b, i) => b === 0x1d && j.bytes[i + 1] === 0x56)).length
      const printedTwice = [...seen].filter(([, n]) => n > 1)
      console.info(`[crash] seed ${SEED}: ${KILLS} kills; ${acked.sales.size} sales, ${acked.returns.size} returns (${acked.refused.size} refused), ${acked.adjustments.size} adjustments acknowledged; `
        + `${acked.retried} requests resent after a restart, ${acked.replayed} of them already committed; receipts ${JSON.stringify(print)}; `
        + `virtual printer: ${printer.printer.jobs.length} jobs, ${cutOff} cut off`)
      for (const [i, k] of perKill.entries()) expect({ kill: i + 1, ...k.violations }, `after kill ${i + 1} (${k.sales} sales acknowledged)`).toMatchObject({ kill: i + 1, ...emptyViolations })
      expect(passed(final), JSON.stringify(final)).toBe(true)
      expect(keys).toEqual({ sales: acked.sales.size, returns: acked.returns.size, adjustments: acked.adjustments.size })
      expect(print.find((p) => p.status === 'sending')).toBeUndefined()
      expect(printedTwice).toEqual([])
      expect(acked.sales.size).toBeGreaterThan(KILLS * 5)
    } finally {
      db.close()
    }
  } finally {
    await child?.kill()
    await printer.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

const emptyViolations: Violations = { lost: [], partialSales: [], partialReturns: [], duplicates: [], driftedLevels: [], missingReceipts: [] }
