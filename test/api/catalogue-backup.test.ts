/** Catalogue CSV import/export and backup/restore, through HTTP and the real database. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import type { CatalogueImportJob, Product } from '../../appliance/api/contract.js'
import { readCsv } from '../../appliance/app/catalogue-import.js'
import { restoreBackup } from '../../appliance/db/backup.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'

let appliance: TestAppliance
let maya: Client
beforeAll(async () => {
  appliance = await startAppliance()
  maya = await signIn(appliance.url)
})
afterAll(() => appliance.stop())

const HEADER = 'Handle,Title,Variant SKU,Variant Barcode,Variant Price,Cost per item,Product Category,Tax rate'

async function importCsv(csv: string): Promise<CatalogueImportJob> {
  const started = await maya.fetch('/api/catalogue/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })
  expect(started.status).toBe(202)
  let job = (await started.json()) as CatalogueImportJob
  for (let i = 0; i < 200 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 25))
    job = await maya.get<CatalogueImportJob>(`/api/catalogue/imports/${job.id}`)
  }
  return job
}

describe('catalogue import', () => {
  it('imports good rows, reports each bad row with its line and reason, and half-imports nothing', async () => {
    const csv = [
      HEADER,
      'linen-throw,Linen Throw,IMP-1,4006381333931,39.99,15.00,Homeware,20',
      ',Variant Row Without Handle,IMP-2,,5.00,,Homeware,20',
      'linen-throw,,IMP-3,,41.99,16.00,,20', // a Shopify variant row: inherits Title and category
      'bad-price,Bad Price,IMP-4,,£12,1.00,Homeware,20',
      'bad-code,Bad Code,IMP-5,4006381333932,1.00,0.50,Homeware,20',
      'dupe,Duplicate SKU,IMP-1,,1.00,0.50,Homeware,20',
      'steal,Steals a barcode,IMP-6,4006381333931,2.00,1.00,Homeware,20',
      'pasta,"Penne, 500g",IMP-7,96385074,1.20,0.40,Grocery,0',
    ].join('\n')
    const job = await importCsv(csv)
    expect(job.status).toBe('done')
    expect(job.totalRows).toBe(8)
    expect(job.imported).toBe(3)
    expect(job.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'Handle'], [5, 'Variant Price'], [6, 'Variant Barcode'], [7, 'Variant SKU'], [8, 'Variant Barcode'],
    ])
    expect(job.errors.find((e) => e.line === 6)!.reason).toMatch(/check digit/)
    const variant = (await maya.get<{ items: Product[] }>('/api/products?q=IMP-3')).items[0]!
    expect(variant).toMatchObject({ name: 'Linen Throw', category: 'Homeware', priceMinor: 4199, costMinor: 1600, vatRatePercent: 20 })
    expect((await maya.get<{ items: Product[] }>('/api/products?barcode=96385074')).items[0]).toMatchObject({ sku: 'IMP-7', name: 'Penne, 500g', vatRatePercent: 0 })
    expect((await maya.get<{ items: Product[] }>('/api/products?q=IMP-4')).items).toEqual([])
  })

  it('reports progress over socket.io while a large file imports', async () => {
    const socket = io(appliance.url, { extraHeaders: { cookie: maya.cookie }, transports: ['websocket'] })
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
    const seen: number[] = []
    socket.on('catalogue.import.progress', (job: CatalogueImportJob) => seen.push(job.processedRows))
    const rows = Array.from({ length: 1500 }, (_, i) => `bulk-${i},Bulk Item ${i},BULK-${i},,1.${String(i % 100).padStart(2, '0')},0.50,Bulk,20`)
    const job = await importCsv([HEADER, ...rows].join('\n'))
    socket.close()
    expect(job.imported).toBe(1500)
    expect(seen).toEqual(expect.arrayContaining([500, 1000, 1500]))
  })

  it('refuses a file that is not a product CSV, and assistants', async () => {
    const job = await importCsv('name,price\nfoo,1')
    expect(job.status).toBe('failed')
    expect(job.errors[0]!.reason).toMatch(/Handle, Variant SKU, Variant Price/)
    const ash = await signIn(appliance.url, 'ash', '2222')
    expect((await ash.fetch('/api/catalogue/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: HEADER })).status).toBe(403)
  })

  it('exports every product in Shopify columns, and the export imports back unchanged', async () => {
    const r = await maya.fetch('/api/catalogue/export')
    expect(r.headers.get('content-type')).toContain('text/csv')
    const text = await r.text()
    const rows = readCsv(text)
    const count = (await appliance.db.reader.one<{ n: number }>('SELECT count(*) AS n FROM products'))!.n
    expect(rows).toHaveLength(count)
    const twoBarcodes = rows.find((row) => row.record['Additional Barcodes'] !== '')!
    expect(twoBarcodes.record['Variant Barcode']).toMatch(/^\d{13}$/)
    const before = await appliance.db.reader.all('SELECT * EXCLUDE (updated_at) FROM products ORDER BY sku')
    const job = await importCsv(text)
    expect(job.errors).toEqual([])
    expect(await appliance.db.reader.all('SELECT * EXCLUDE (updated_at) FROM products ORDER BY sku')).toEqual(before)
  })
})

describe('backup and restore', () => {
  it('writes a consistent snapshot with progress, and restores it table for table', async () => {
    // The state the backup must hold: nothing else writes between here and the snapshot
    // (the backup's own audit entry is written after it, so it is not in it). The report facts
    // catch up first: their refresh after start would otherwise land in between.
    await appliance.deps.reports.facts.flush()
    const tableNames = (await appliance.db.reader.all<{ t: string }>("SELECT table_name AS t FROM duckdb_tables() WHERE table_name <> 'schema_migrations'")).map((r) => r.t)
    const snapshot: Record<string, unknown[]> = {}
    for (const t of tableNames) snapshot[t] = await appliance.db.reader.all(`SELECT * FROM "${t}" ORDER BY ALL`)

    const socket = io(appliance.url, { extraHeaders: { cookie: maya.cookie }, transports: ['websocket'] })
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
    const done = new Promise<{ name: string }>((resolve) => socket.on('backup.progress', (p: { step: string; name: string }) => p.step === 'done' && resolve(p)))
    expect((await maya.post('/api/backups', {})).status).toBe(202)
    const { name } = await done
    socket.close()
    const list = await maya.get<{ items: Array<{ name: string; sizeBytes: number }> }>('/api/backups')
    expect(list.items[0]).toMatchObject({ name, sizeBytes: expect.any(Number) })
    const manifest = JSON.parse(readFileSync(join(appliance.dataDir, 'backups', name, 'manifest.json'), 'utf8')) as { tables: Record<string, number> }
    expect(manifest.tables['products']).toBeGreaterThan(500)

    const tables = Object.keys(manifest.tables)
    expect(tables.sort()).toEqual(tableNames.sort())

    const restoredPath = join(appliance.dataDir, 'restored.duckdb')
    await restoreBackup(join(appliance.dataDir, 'backups', name), restoredPath)
    const { Database } = await import('../../appliance/db/database.js')
    const { db } = await Database.open(restoredPath)
    try {
      for (const t of tables) expect(await db.reader.all(`SELECT * FROM "${t}" ORDER BY ALL`), t).toEqual(snapshot[t])
    } finally {
      db.close()
    }
  })
})
