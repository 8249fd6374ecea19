/**
 * Catalogue import: a CSV is checked row by row; bad rows are reported with their
 * line number and reason, good rows are imported in batches (each row whole or not
 * at all), and progress is published as it goes. Used by the UI and the CLI.
 */
import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { parseCatalogueRow, type CatalogueProduct, type HandleDefaults } from '../core/catalogue-row.js'
import type { EventBus } from './events.js'
import type { Actor, Clock, UnitOfWork } from './ports.js'

export interface ImportError {
  line: number
  field?: string
  reason: string
}

export interface ImportJob {
  id: string
  status: 'running' | 'done' | 'failed'
  totalRows: number
  processedRows: number
  imported: number
  errors: ImportError[]
  startedAt: string
  finishedAt: string | null
}

const BATCH = 500
/** Keep a report readable: a file full of errors is reported up to here. */
const MAX_REPORTED_ERRORS = 1000

interface ParsedRow {
  line: number
  record: Record<string, string>
}

export function readCsv(text: string): ParsedRow[] {
  const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: false }) as Array<{
    record: Record<string, string>
    info: { lines: number }
  }>
  return rows.map((r) => ({ line: r.info.lines, record: r.record }))
}

export class CatalogueImports {
  private readonly jobs = new Map<string, ImportJob>()

  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id)
  }

  /** Starts an import and returns at once; `done` resolves when it has finished. */
  start(csv: string, actor: Actor): { job: ImportJob; done: Promise<ImportJob> } {
    const job: ImportJob = {
      id: randomUUID(), status: 'running', totalRows: 0, processedRows: 0, imported: 0, errors: [],
      startedAt: this.clock.now().toISOString(), finishedAt: null,
    }
    let rows: ParsedRow[]
    try {
      rows = readCsv(csv)
      const header = Object.keys(rows[0]?.record ?? {})
      const missing = ['Handle', 'Variant SKU', 'Variant Price'].filter((c) => rows.length > 0 && !header.includes(c))
      if (missing.length) throw new Error(`The file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (Shopify product CSV columns expected)`)
    } catch (error) {
      job.status = 'failed'
      job.errors.push({ line: 1, reason: `The file can't be read as CSV: ${(error as Error).message}` })
      job.finishedAt = this.clock.now().toISOString()
      this.jobs.set(job.id, job)
      return { job: { ...job }, done: Promise.resolve(job) }
    }
    job.totalRows = rows.length
    this.jobs.set(job.id, job)
    const done = this.run(job, rows, actor).catch((error: unknown) => {
      job.status = 'failed'
      job.errors.push({ line: 0, reason: `The import stopped: ${(error as Error).message}` })
      job.finishedAt = this.clock.now().toISOString()
      this.progress(job)
      return job
    })
    return { job: { ...job }, done }
  }

  private async run(job: ImportJob, rows: ParsedRow[], actor: Actor): Promise<ImportJob> {
    const defaults = new Map<string, HandleDefaults>()
    const seenSkus = new Map<string, number>()
    const seenBarcodes = new Map<string, string>()
    for (let start = 0; start < rows.length; start += BATCH) {
      const good: Array<{ line: number; product: CatalogueProduct }> = []
      for (const { line, record } of rows.slice(start, start + BATCH)) {
        const handle = (record['Handle'] ?? '').trim()
        const result = parseCatalogueRow(record, defaults.get(handle))
        if (!result.ok) {
          this.fail(job, { line, field: result.field, reason: result.reason })
          continue
        }
        const p = result.product
        if (!defaults.has(handle)) defaults.set(handle, { title: p.name, category: p.category })
        const earlier = seenSkus.get(p.sku)
        if (earlier) {
          this.fail(job, { line, field: 'Variant SKU', reason: `SKU ${p.sku} is already on line ${earlier}` })
          continue
        }
        const clash = p.barcodes.find((b) => seenBarcodes.has(b) && seenBarcodes.get(b) !== p.sku)
        if (clash) {
          this.fail(job, { line, field: 'Variant Barcode', reason: `Barcode ${clash} is already used by ${seenBarcodes.get(clash)} in this file` })
          continue
        }
        seenSkus.set(p.sku, line)
        for (const b of p.barcodes) seenBarcodes.set(b, p.sku)
        good.push({ line, product: p })
      }
      await this.writeBatch(job, good)
      job.processedRows = Math.min(rows.length, start + BATCH)
      this.progress(job)
    }
    job.status = 'done'
    job.finishedAt = this.clock.now().toISOString()
    await this.uow.run((s) =>
      s.audit.record({ action: 'catalogue.imported', actor, entity: 'catalogue_import', entityId: job.id, details: { rows: job.totalRows, imported: job.imported, errors: job.errors.length }, occurredAt: this.clock.now() }),
    )
    this.progress(job)
    return job
  }

  /** One transaction per batch; a row whose barcode belongs to another product is refused before anything is written. */
  private async writeBatch(job: ImportJob, good: Array<{ line: number; product: CatalogueProduct }>): Promise<void> {
    const now = this.clock.now()
    const refused = await this.uow.run(async (s) => {
      const owners = await s.catalogue.barcodeOwners(good.flatMap((g) => g.product.barcodes))
      const refusedRows: ImportError[] = []
      const accepted: CatalogueProduct[] = []
      for (const { line, product } of good) {
        const stolen = product.barcodes.find((b) => owners.has(b) && owners.get(b) !== product.sku)
        if (stolen) refusedRows.push({ line, field: 'Variant Barcode', reason: `Barcode ${stolen} already belongs to ${owners.get(stolen)}` })
        else accepted.push(product)
      }
      await s.catalogue.upsertMany(accepted, now)
      s.publish({ type: 'catalogue.changed', products: accepted })
      return refusedRows
    })
    for (const error of refused) this.fail(job, error)
    job.imported += good.length - refused.length
  }

  private fail(job: ImportJob, error: ImportError): void {
    if (job.errors.length < MAX_REPORTED_ERRORS) job.errors.push(error)
  }

  private progress(job: ImportJob): void {
    this.bus.publish({ type: 'catalogue.import.progress', job: { ...job, errors: job.errors.slice(0, MAX_REPORTED_ERRORS) } })
  }
}
