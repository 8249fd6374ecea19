/** The print queue's tables (printers, stations, print_jobs) on DuckDB. */
import type { NewPrintJob, PrinterRecord, PrintJobRecord, PrintStore, StationRecord } from '../app/print-queue.js'
import type { PrintStatus } from '../core/print-job.js'
import { appendRows } from './appender.js'
import type { Tx } from './serial-writer.js'
import type { Sql } from './sql.js'

interface JobRow {
  id: number; kind: string; format: string; station: string | null; printer: string; status: string; attempts: number
  last_error: string | null; reference: string | null; copy_of: number | null; document: string | null
  created_at: Date; updated_at: Date; printed_at: Date | null; created_by: string | null; bytes?: Uint8Array
}

const JOB_COLUMNS = 'id, kind, format, station, printer, status, attempts, last_error, reference, copy_of, document::VARCHAR AS document, created_at, updated_at, printed_at, created_by'

export const toJob = (r: JobRow): PrintJobRecord => ({
  id: r.id, kind: r.kind as PrintJobRecord['kind'], format: r.format as PrintJobRecord['format'], station: r.station, printer: r.printer,
  status: r.status as PrintStatus, attempts: r.attempts, lastError: r.last_error, reference: r.reference, copyOf: r.copy_of,
  document: r.document === null ? null : (JSON.parse(r.document) as unknown), createdAt: r.created_at, updatedAt: r.updated_at,
  printedAt: r.printed_at, createdBy: r.created_by,
})

const withBytes = (r: JobRow) => ({ ...toJob(r), bytes: new Uint8Array(r.bytes ?? []) })

export const toPrinter = (r: { id: string; name: string; kind: string; transport: string; address: string | null; profile: string; active: boolean }): PrinterRecord => ({
  id: r.id, name: r.name, kind: r.kind as PrinterRecord['kind'], transport: r.transport as PrinterRecord['transport'], address: r.address, profile: r.profile, active: r.active,
})

export const toStation = (r: { id: string; name: string; receipt_printer: string | null; label_printer: string | null; scanner: string | null }): StationRecord => ({
  id: r.id, name: r.name, receiptPrinter: r.receipt_printer, labelPrinter: r.label_printer, scanner: r.scanner,
})

export async function printerById(sql: Sql, id: string): Promise<PrinterRecord | undefined> {
  const row = await sql.one<Parameters<typeof toPrinter>[0]>('SELECT * FROM printers WHERE id = ?', [id])
  return row && toPrinter(row)
}

/**
 * Printers and stations in memory: every sale asks which printer its receipt goes to, and
 * two lookups cost ~2.5 ms of the serial writer's time. Changes go through this process's
 * own stores, which forget the cache when they commit.
 */
export class PrinterDirectory {
  private loaded: { printers: PrinterRecord[]; stations: StationRecord[] } | undefined

  forget(): void {
    this.loaded = undefined
  }

  async printerFor(sql: Sql, station: string | null, kind: 'receipt' | 'label'): Promise<PrinterRecord | undefined> {
    this.loaded ??= {
      printers: (await sql.all<Parameters<typeof toPrinter>[0]>('SELECT * FROM printers ORDER BY id')).map(toPrinter),
      stations: (await sql.all<Parameters<typeof toStation>[0]>('SELECT * FROM stations')).map(toStation),
    }
    const { printers, stations } = this.loaded
    const assigned = stations.find((s) => s.id === station)?.[kind === 'receipt' ? 'receiptPrinter' : 'labelPrinter']
    return printers.find((p) => p.id === assigned && p.active) ?? printers.find((p) => p.kind === kind && p.active)
  }
}

export function printStore(tx: Tx, directory: PrinterDirectory): PrintStore {
  const sql = tx.sql
  return {
    printer: (id) => printerById(sql, id),
    printerFor: (station, kind) => directory.printerFor(sql, station, kind),
    async insert(job: NewPrintJob) {
      const id = await tx.nextId('print_jobs')
      await appendRows(sql, 'print_jobs', [{
        id, kind: job.kind, format: job.format, station: job.station, printer: job.printer, status: 'queued', attempts: 0, last_error: null,
        reference: job.reference, copy_of: job.copyOf, document: job.document === null || job.document === undefined ? null : JSON.stringify(job.document),
        bytes: job.bytes, created_at: job.createdAt, updated_at: job.createdAt, printed_at: null, created_by: job.createdBy,
      }])
      return id
    },
    async job(id) {
      const row = await sql.one<JobRow>(`SELECT ${JOB_COLUMNS}, bytes FROM print_jobs WHERE id = ?`, [id])
      return row && withBytes(row)
    },
    async claimQueued(printer, limit, status, now) {
      const rows = await sql.all<JobRow>(
        `UPDATE print_jobs SET status = ?, attempts = attempts + 1, updated_at = ?::TIMESTAMP
         WHERE id IN (SELECT id FROM print_jobs WHERE status = 'queued' AND printer = ? ORDER BY id LIMIT ?)
         RETURNING ${JOB_COLUMNS}, bytes`,
        [status, now, printer, limit],
      )
      return rows.map(withBytes).sort((a, b) => a.id - b.id)
    },
    async update(id, patch, now) {
      await this.updateMany([id], patch, now)
    },
    async updateMany(ids, patch, now) {
      if (ids.length === 0) return
      await sql.run(
        `UPDATE print_jobs SET status = ?, attempts = coalesce(?, attempts), last_error = CASE WHEN ? THEN ? ELSE last_error END,
           printed_at = coalesce(?::TIMESTAMP, printed_at), updated_at = ?::TIMESTAMP WHERE id IN (${ids.map(() => '?').join(', ')})`,
        [patch.status, patch.attempts ?? null, patch.lastError !== undefined, patch.lastError ?? null, patch.printedAt ?? null, now, ...ids],
      )
    },
    async savePrinter(p) {
      tx.afterCommit(() => directory.forget())
      await sql.run(
        `INSERT INTO printers VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
           transport = EXCLUDED.transport, address = EXCLUDED.address, profile = EXCLUDED.profile, active = EXCLUDED.active`,
        [p.id, p.name, p.kind, p.transport, p.address, p.profile, p.active],
      )
    },
    async saveScanner(sc) {
      await sql.run(
        `INSERT INTO scanners VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,
           transport = EXCLUDED.transport, address = EXCLUDED.address, layout = EXCLUDED.layout, active = EXCLUDED.active`,
        [sc.id, sc.name, sc.transport, sc.address, sc.layout, sc.active],
      )
    },
    async scannerExists(id) {
      return (await sql.one('SELECT 1 AS x FROM scanners WHERE id = ?', [id])) !== undefined
    },
    async saveStation(st) {
      tx.afterCommit(() => directory.forget())
      await sql.run(
        `INSERT INTO stations VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,
           receipt_printer = EXCLUDED.receipt_printer, label_printer = EXCLUDED.label_printer, scanner = EXCLUDED.scanner`,
        [st.id, st.name, st.receiptPrinter, st.labelPrinter, st.scanner],
      )
    },
    async interruptSending(now) {
      const rows = await sql.all<{ id: number }>(
        `UPDATE print_jobs SET status = 'interrupted', last_error = 'The appliance restarted while this was printing: check the printout, then reprint or discard', updated_at = ?::TIMESTAMP
         WHERE status = 'sending' RETURNING id`,
        [now],
      )
      return rows.map((r) => r.id)
    },
  }
}
