/**
 * A catalogue import cut off by a power loss: the appliance (a real process) is killed with
 * SIGKILL halfway through a 20,000-row CSV. What committed is whole 500-row batches, each row
 * whole (no product without its price, no half a batch); the job itself was only in memory,
 * so after the restart it is gone (404), and importing the same file again completes the
 * catalogue without a duplicate.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import type { CatalogueImportJob } from '../../appliance/api/contract.js'
import { signIn, type Client } from '../support/appliance.js'
import { openCrashCopy, spawnChild, type ChildAppliance } from './child.js'

const ROWS = 20_000
const dataDir = mkdtempSync(join(tmpdir(), 'crash-import-'))
let child: ChildAppliance | undefined
afterAll(async () => {
  await child?.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

const csv = [
  'Handle,Title,Variant SKU,Variant Barcode,Variant Price,Cost per item,Product Category,Tax rate',
  ...Array.from({ length: ROWS }, (_, i) => `imp-${i},Imported thing ${i},IMPK-${String(i).padStart(5, '0')},,${(1 + (i % 50)).toFixed(2)},0.50,Homeware,20`),
].join('\n')

const start = (client: Client) => client.fetch('/api/catalogue/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })

it(`a ${ROWS.toLocaleString('en-GB')}-row import killed halfway leaves whole batches, and the same file again completes it`, { timeout: 120_000 }, async () => {
  child = await spawnChild(dataDir)
  let maya = await signIn(child.url, 'maya', '1111', 'back-office')
  const started = await start(maya)
  expect(started.status).toBe(202)
  const { id } = (await started.json()) as CatalogueImportJob
  let seen = 0
  for (let i = 0; i < 2000; i++) {
    const job = await maya.get<CatalogueImportJob>(`/api/catalogue/imports/${id}`)
    seen = job.processedRows
    if (job.status !== 'running') throw new Error(`the import finished before the kill (${job.processedRows} rows): make it bigger`)
    if (job.imported >= 1000) break
    await new Promise((r) => setTimeout(r, 10))
  }
  await child.kill()
  child = undefined

  const copy = await openCrashCopy(dataDir)
  try {
    const rows = await copy.db.reader.one<{ n: number; whole: number }>(
      "SELECT count(*)::INT AS n, count(*) FILTER (WHERE name LIKE 'Imported thing %' AND price_minor > 0 AND handle LIKE 'imp-%')::INT AS whole FROM products WHERE sku LIKE 'IMPK-%'")
    console.info(`[crash-import] killed with ${seen} rows processed; ${rows!.n} products committed`)
    expect(rows!.n).toBeGreaterThan(0)
    expect(rows!.n).toBeLessThan(ROWS)
    expect(rows!.n % 500).toBe(0)
    expect(rows!.whole).toBe(rows!.n)
  } finally {
    copy.close()
  }

  child = await spawnChild(dataDir)
  maya = await signIn(child.url, 'maya', '1111', 'back-office')
  expect((await maya.fetch(`/api/catalogue/imports/${id}`)).status).toBe(404)
  const again = (await (await start(maya)).json()) as CatalogueImportJob
  let job = again
  for (let i = 0; i < 3000 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 25))
    job = await maya.get<CatalogueImportJob>(`/api/catalogue/imports/${again.id}`)
  }
  expect(job).toMatchObject({ status: 'done', totalRows: ROWS, imported: ROWS, errors: [] })
  const found = await maya.get<{ items: Array<{ sku: string }> }>('/api/products?q=IMPK-19999')
  expect(found.items.map((p) => p.sku)).toContain('IMPK-19999')
  await child.stop()
  child = undefined
  const after = await openCrashCopy(dataDir)
  try {
    expect((await after.db.reader.one<{ n: number; skus: number }>("SELECT count(*)::INT AS n, count(DISTINCT sku)::INT AS skus FROM products WHERE sku LIKE 'IMPK-%'"))).toEqual({ n: ROWS, skus: ROWS })
  } finally {
    after.close()
  }
})
