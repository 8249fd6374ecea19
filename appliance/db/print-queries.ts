/** The read side of printing: the queue as people see it, printers and stations. */
import type { PrinterRecord, PrintJobRecord, ScannerRecord, StationRecord } from '../app/print-queue.js'
import type { Database } from './database.js'
import { printerById, toJob, toPrinter, toStation } from './print-store.js'

export interface PrintJobFilter {
  status?: string
  station?: string
  printer?: string
  before?: number
  limit: number
}

export class DuckDbPrintQueries {
  constructor(private readonly db: Database) {}

  async jobs(filter: PrintJobFilter): Promise<PrintJobRecord[]> {
    const where: string[] = ['id < ?']
    const params: Array<string | number> = [filter.before ?? Number.MAX_SAFE_INTEGER]
    for (const [column, value] of [['status', filter.status], ['station', filter.station], ['printer', filter.printer]] as const) {
      if (value !== undefined) {
        where.push(`${column} = ?`)
        params.push(value)
      }
    }
    const rows = await this.db.reader.all<Parameters<typeof toJob>[0]>(
      `SELECT id, kind, format, station, printer, status, attempts, last_error, reference, copy_of, document::VARCHAR AS document,
              created_at, updated_at, printed_at, created_by
       FROM print_jobs WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
      [...params, filter.limit],
    )
    return rows.map(toJob)
  }

  async job(id: number): Promise<(PrintJobRecord & { bytes: Uint8Array }) | undefined> {
    const row = await this.db.reader.one<Parameters<typeof toJob>[0] & { bytes: Uint8Array }>(
      `SELECT id, kind, format, station, printer, status, attempts, last_error, reference, copy_of, document::VARCHAR AS document,
              created_at, updated_at, printed_at, created_by, bytes FROM print_jobs WHERE id = ?`,
      [id],
    )
    return row && { ...toJob(row), bytes: new Uint8Array(row.bytes) }
  }

  async printers(): Promise<PrinterRecord[]> {
    return (await this.db.reader.all<Parameters<typeof toPrinter>[0]>('SELECT * FROM printers ORDER BY kind, id')).map(toPrinter)
  }

  printer(id: string): Promise<PrinterRecord | undefined> {
    return printerById(this.db.reader, id)
  }

  async stations(): Promise<StationRecord[]> {
    return (await this.db.reader.all<Parameters<typeof toStation>[0]>('SELECT * FROM stations ORDER BY id')).map(toStation)
  }

  async scanners(): Promise<ScannerRecord[]> {
    return this.db.reader.all<ScannerRecord>('SELECT id, name, transport, address, layout, active FROM scanners ORDER BY id')
  }

  async stationsOfScanner(scannerId: string): Promise<string[]> {
    return (await this.db.reader.all<{ id: string }>('SELECT id FROM stations WHERE scanner = ? ORDER BY id', [scannerId])).map((r) => r.id)
  }

  /** How many jobs wait or need a person, per status (for the status bar and /metrics). */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.reader.all<{ status: string; n: number }>("SELECT status, count(*) AS n FROM print_jobs WHERE status IN ('queued', 'sending', 'failed', 'interrupted') GROUP BY status")
    return Object.fromEntries(rows.map((r) => [r.status, r.n]))
  }
}
