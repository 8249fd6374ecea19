/**
 * The durable print queue's use cases. A job is written in the same transaction as
 * the sale or label that asks for it, with the exact bytes to send, so a printer that
 * is offline delays a receipt and never loses it. Sending is the print worker's job
 * (jobs/print-worker.ts).
 */
import { DomainError, ErrorCode, invalid, notFound } from '../core/errors.js'
import { nextPrintStatus, type PrintStatus } from '../core/print-job.js'
import type { ReceiptDocument } from '../../drivers/printer/document.js'
import type { Actor, TxStores } from './ports.js'

export type PrintKind = 'receipt' | 'label' | 'report' | 'test' | 'drawer'
export type PrintFormat = 'escpos' | 'zpl' | 'tspl'

export interface PrinterRecord {
  id: string
  name: string
  kind: 'receipt' | 'label'
  transport: 'virtual' | 'tcp' | 'usb'
  address: string | null
  profile: string
  active: boolean
}

/** A scanner read on the appliance (keyboard-wedge scanners need no record: they type). */
export interface ScannerRecord {
  id: string
  name: string
  transport: 'hid' | 'serial'
  /** hid: vendorId:productId in hex; serial: the port path. */
  address: string
  /** HID POS report layout name. */
  layout: string | null
  active: boolean
}

export type ScannerState = 'connected' | 'waiting' | { error: string }

export interface StationRecord {
  id: string
  name: string
  receiptPrinter: string | null
  labelPrinter: string | null
  scanner: string | null
}

export interface PrintJobRecord {
  id: number
  kind: PrintKind
  format: PrintFormat
  station: string | null
  printer: string
  status: PrintStatus
  attempts: number
  lastError: string | null
  reference: string | null
  copyOf: number | null
  document: unknown
  createdAt: Date
  updatedAt: Date
  printedAt: Date | null
  createdBy: string | null
}

export interface NewPrintJob {
  kind: PrintKind
  format: PrintFormat
  station: string | null
  printer: string
  reference: string | null
  copyOf: number | null
  document: unknown
  bytes: Uint8Array
  createdAt: Date
  createdBy: string | null
}

export interface PrintJobPatch {
  status: PrintStatus
  attempts?: number
  lastError?: string | null
  printedAt?: Date
}

/** The print tables, inside a write transaction. */
export interface PrintStore {
  printer(id: string): Promise<PrinterRecord | undefined>
  /** The station's printer of that kind, or the shop's first active one. */
  printerFor(station: string | null, kind: 'receipt' | 'label'): Promise<PrinterRecord | undefined>
  insert(job: NewPrintJob): Promise<number>
  job(id: number): Promise<(PrintJobRecord & { bytes: Uint8Array }) | undefined>
  /**
   * Claims a printer's oldest queued jobs, up to `limit`, in one statement: each takes
   * `status` (sending) and one more attempt. Oldest first (jobs print in order).
   */
  claimQueued(printer: string, limit: number, status: PrintStatus, now: Date): Promise<Array<PrintJobRecord & { bytes: Uint8Array }>>
  update(id: number, patch: PrintJobPatch, now: Date): Promise<void>
  /** The same change to several jobs, in one statement. */
  updateMany(ids: readonly number[], patch: PrintJobPatch, now: Date): Promise<void>
  /** Jobs left `sending` by a crash become `interrupted`: their fate on paper is unknown. */
  interruptSending(now: Date): Promise<number[]>
  savePrinter(printer: PrinterRecord): Promise<void>
  saveScanner(scanner: ScannerRecord): Promise<void>
  scannerExists(id: string): Promise<boolean>
  saveStation(station: StationRecord): Promise<void>
}

/** Turns documents into printer bytes (implemented over drivers/). */
export interface PrintEncoder {
  receipt(doc: ReceiptDocument, printer: PrinterRecord, options: { copy?: boolean; openDrawer?: boolean }): Uint8Array
  drawerKick(printer: PrinterRecord): Uint8Array
}

function printerOrFail(printer: PrinterRecord | undefined, station: string | null, kind: string): PrinterRecord {
  if (!printer) throw new DomainError(ErrorCode.NotFound, `No ${kind} printer is set up${station ? ` for ${station}` : ''}: add one in Settings → Devices.`, 'station')
  return printer
}

/**
 * Queues a receipt for the station's receipt printer; returns the job id, or null when
 * the shop has switched every receipt printer off (a sale never fails for want of a
 * printer: the till shows the receipt on screen).
 */
export async function queueReceipt(
  s: TxStores,
  encoder: PrintEncoder,
  input: { station: string | null; document: ReceiptDocument; reference: string; openDrawer?: boolean },
  actor: Actor | null,
  now: Date,
): Promise<number | null> {
  const printer = await s.printing.printerFor(input.station, 'receipt')
  if (!printer) return null
  const bytes = encoder.receipt(input.document, printer, { openDrawer: input.openDrawer })
  const id = await s.printing.insert({
    kind: 'receipt', format: 'escpos', station: input.station, printer: printer.id, reference: input.reference,
    copyOf: null, document: input.document, bytes, createdAt: now, createdBy: actor?.staffId ?? null,
  })
  s.publish({ type: 'print-job.changed', id, status: 'queued', printer: printer.id, station: input.station })
  return id
}

/** Queues a label (already in the label printer's language) for the station's label printer. */
export async function queueLabel(
  s: TxStores,
  input: { station: string | null; format: 'zpl' | 'tspl'; bytes: Uint8Array; reference: string; document?: unknown },
  actor: Actor | null,
  now: Date,
): Promise<number> {
  const printer = printerOrFail(await s.printing.printerFor(input.station, 'label'), input.station, 'label')
  if (printer.profile !== input.format) throw invalid(`${printer.name} prints ${printer.profile.toUpperCase()}, not ${input.format.toUpperCase()}`, 'format')
  const id = await s.printing.insert({
    kind: 'label', format: input.format, station: input.station, printer: printer.id, reference: input.reference,
    copyOf: null, document: input.document ?? null, bytes: input.bytes, createdAt: now, createdBy: actor?.staffId ?? null,
  })
  s.publish({ type: 'print-job.changed', id, status: 'queued', printer: printer.id, station: input.station })
  return id
}

/** A reprint is a new job: a receipt (any ESC/POS job with its document) is re-encoded marked COPY; others resend their bytes. */
export async function reprintJob(s: TxStores, encoder: PrintEncoder, jobId: number, actor: Actor, now: Date): Promise<number> {
  const original = await s.printing.job(jobId)
  if (!original) throw notFound(`There is no print job ${jobId}`, 'id')
  const printer = printerOrFail(await s.printing.printer(original.printer), original.station, original.kind)
  const bytes = original.format === 'escpos' && original.document
    ? encoder.receipt(original.document as ReceiptDocument, printer, { copy: true })
    : original.bytes
  const id = await s.printing.insert({
    kind: original.kind, format: original.format, station: original.station, printer: printer.id, reference: original.reference,
    copyOf: original.id, document: original.document, bytes, createdAt: now, createdBy: actor.staffId,
  })
  await s.audit.record({ action: 'print.reprinted', actor, entity: 'print_job', entityId: String(original.id), details: { newJob: id, reference: original.reference }, occurredAt: now })
  s.publish({ type: 'print-job.changed', id, status: 'queued', printer: printer.id, station: original.station })
  return id
}

export async function cancelJob(s: TxStores, jobId: number, reason: string, actor: Actor, now: Date): Promise<void> {
  const job = await s.printing.job(jobId)
  if (!job) throw notFound(`There is no print job ${jobId}`, 'id')
  const status = nextPrintStatus(job.status, 'cancel')
  await s.printing.update(jobId, { status }, now)
  await s.audit.record({ action: 'print.cancelled', actor, entity: 'print_job', entityId: String(jobId), reason, details: { was: job.status, reference: job.reference }, occurredAt: now })
  s.publish({ type: 'print-job.changed', id: jobId, status, printer: job.printer, station: job.station })
}

/** A manager's "open drawer": a drawer kick through the station's receipt printer, audited. */
export async function openDrawer(s: TxStores, encoder: PrintEncoder, input: { station: string; reason: string; approvedBy?: string }, actor: Actor, now: Date): Promise<number> {
  const printer = printerOrFail(await s.printing.printerFor(input.station, 'receipt'), input.station, 'receipt')
  const id = await s.printing.insert({
    kind: 'drawer', format: 'escpos', station: input.station, printer: printer.id, reference: input.reason, copyOf: null,
    document: null, bytes: encoder.drawerKick(printer), createdAt: now, createdBy: actor.staffId,
  })
  await s.audit.record({ action: 'till.drawer_opened', actor, entity: 'station', entityId: input.station, reason: input.reason, details: { approvedBy: input.approvedBy ?? null }, occurredAt: now })
  s.publish({ type: 'print-job.changed', id, status: 'queued', printer: printer.id, station: input.station })
  return id
}

/** Adds or changes a printer (managers, audited). */
export async function savePrinter(s: TxStores, printer: PrinterRecord, actor: Actor, now: Date): Promise<void> {
  await s.printing.savePrinter(printer)
  await s.audit.record({ action: 'device.printer_saved', actor, entity: 'printer', entityId: printer.id, details: { ...printer }, occurredAt: now })
}

/** Adds or changes a scanner read on the appliance (managers, audited). */
export async function saveScanner(s: TxStores, scanner: ScannerRecord, actor: Actor, now: Date): Promise<void> {
  await s.printing.saveScanner(scanner)
  await s.audit.record({ action: 'device.scanner_saved', actor, entity: 'scanner', entityId: scanner.id, details: { ...scanner }, occurredAt: now })
}

/** Assigns a station's receipt printer, label printer and scanner (managers, audited). */
export async function saveStation(s: TxStores, station: StationRecord, actor: Actor, now: Date): Promise<void> {
  for (const [field, id, kind] of [['receiptPrinter', station.receiptPrinter, 'receipt'], ['labelPrinter', station.labelPrinter, 'label']] as const) {
    if (id === null) continue
    const printer = await s.printing.printer(id)
    if (!printer) throw notFound(`There is no printer "${id}"`, field)
    if (printer.kind !== kind) throw invalid(`${printer.name} is a ${printer.kind} printer, not a ${kind} printer`, field)
  }
  if (station.scanner !== null && !(await s.printing.scannerExists(station.scanner))) throw notFound(`There is no scanner "${station.scanner}"`, 'scanner')
  await s.printing.saveStation(station)
  await s.audit.record({ action: 'device.station_saved', actor, entity: 'station', entityId: station.id, details: { ...station }, occurredAt: now })
}

/** The read side the screens use. */
export interface PrintQueries {
  jobs(filter: { status?: string; station?: string; printer?: string; before?: number; limit: number }): Promise<PrintJobRecord[]>
  job(id: number): Promise<(PrintJobRecord & { bytes: Uint8Array }) | undefined>
  printers(): Promise<PrinterRecord[]>
  printer(id: string): Promise<PrinterRecord | undefined>
  stations(): Promise<StationRecord[]>
  scanners(): Promise<ScannerRecord[]>
  counts(): Promise<Record<string, number>>
}

/** Live devices: a printer's status, and what a job looks like on paper. */
export interface PrintDevices {
  /** 'unknown' for one-way printers; an error message when it can't be reached. */
  status(printer: PrinterRecord): Promise<unknown>
  previewPng(job: { format: PrintFormat; bytes: Uint8Array }, printer: PrinterRecord | undefined): Promise<Uint8Array | undefined>
  previewText(job: { format: PrintFormat; bytes: Uint8Array }, printer: PrinterRecord | undefined): string
  /** A printer's settings changed: drop its connection. */
  reset(printerId: string): Promise<void>
  scannerState(id: string): ScannerState
  /** A scanner's settings changed: reconnect it. */
  reloadScanner(id: string): Promise<void>
}
