/**
 * The virtual ESC/POS printer: a device model with a status that tests script
 * (paper out, cover open, offline, slow, dropping the link), sessions that receive
 * bytes and answer real-time requests, and the jobs it "printed", decoded.
 * Transports reach it through a session: the TCP server (one per connection), the
 * in-process transport and the fake USB device.
 */
import type { CodepageTable } from '../printer/codepages.js'
import { type PrinterStatus, type StatusParseOptions } from '../printer/status.js'
import type { DecodedReceipt } from './decoded-receipt.js'
import { decodeEscPos } from './escpos-decoder.js'
import { renderReceiptPng } from './render-png.js'
import { renderTranscript } from './transcript.js'
import { VirtualPrinterSession } from './virtual-printer-session.js'

export interface VirtualPrinterFaults {
  paperOut: boolean
  paperNearEnd: boolean
  coverOpen: boolean
  drawerOpen: boolean
  /** Takes bytes but never answers: a one-way printer, or one hung behind its network card. */
  offline: boolean
  /** Delay before each answer (a slow or busy printer). */
  statusDelayMs: number
  /** Reads at most this many bytes per second (TCP server only): a slow mechanism. */
  bytesPerSecond: number | undefined
  /** Drops the link (TCP reset, USB unplug) once a session has received this many bytes. */
  disconnectAfterBytes: number | undefined
  /** TCP server only: accept, then reset at once (a printer rebooting or busy with another client). */
  refuseConnections: boolean
}

export const NO_FAULTS: Readonly<VirtualPrinterFaults> = Object.freeze({
  paperOut: false, paperNearEnd: false, coverOpen: false, drawerOpen: false, offline: false,
  statusDelayMs: 0, bytesPerSecond: undefined, disconnectAfterBytes: undefined, refuseConnections: false,
})

export interface VirtualPrintJob {
  id: number
  /** Where it came from: "tcp 127.0.0.1:51234", "in-process", "usb". */
  source: string
  bytes: Uint8Array
  receipt: DecodedReceipt
  transcript: string
  receivedAt: Date
  /** False when the link dropped before the job ended (no cut, no close). */
  complete: boolean
  /** False when paper could not come out: paper out, cover open or offline at the time. */
  printed: boolean
}

export interface VirtualPrinterOptions {
  /** Characters per line, for the transcript and the PNG (48 = 80 mm at 203 dpi). */
  columns?: number
  widthDots?: number
  codepageTable?: CodepageTable
  statusOptions?: StatusParseOptions
  now?: () => Date
}

export class VirtualPrinter {
  readonly options: Readonly<Required<Omit<VirtualPrinterOptions, 'now'>>>
  readonly #now: () => Date
  readonly #jobs: VirtualPrintJob[] = []
  readonly #sessions = new Set<VirtualPrinterSession>()
  readonly #jobListeners = new Set<(job: VirtualPrintJob) => void>()
  #faults: VirtualPrinterFaults = { ...NO_FAULTS }
  #nextId = 1

  constructor({ columns = 48, widthDots = 576, codepageTable = 'epson', statusOptions = {}, now = () => new Date() }: VirtualPrinterOptions = {}) {
    this.options = { columns, widthDots, codepageTable, statusOptions }
    this.#now = now
  }

  get jobs(): readonly VirtualPrintJob[] {
    return this.#jobs
  }

  get faults(): Readonly<VirtualPrinterFaults> {
    return this.#faults
  }

  /** Changes the scripted state; sessions with ASB enabled are told at once, like real ones. */
  setFaults(patch: Partial<VirtualPrinterFaults>): void {
    this.#faults = { ...this.#faults, ...patch }
    for (const session of this.#sessions) session.statusChanged()
  }

  /** The status the printer would report right now. */
  status(): PrinterStatus {
    const f = this.#faults
    return {
      online: !f.paperOut && !f.coverOpen,
      coverOpen: f.coverOpen,
      paperNearEnd: f.paperNearEnd || f.paperOut,
      paperOut: f.paperOut,
      drawerOpen: f.drawerOpen,
      error: false,
    }
  }

  openSession(source: string): VirtualPrinterSession {
    const session = new VirtualPrinterSession(this, source, (s) => this.#sessions.delete(s))
    this.#sessions.add(session)
    return session
  }

  onJob(listener: (job: VirtualPrintJob) => void): () => void {
    this.#jobListeners.add(listener)
    return () => this.#jobListeners.delete(listener)
  }

  /** Resolves once at least `count` jobs have arrived in total. */
  waitForJobs(count: number, timeoutMs = 2000): Promise<readonly VirtualPrintJob[]> {
    if (this.#jobs.length >= count) return Promise.resolve(this.#jobs)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off()
        reject(new Error(`the virtual printer got ${this.#jobs.length} of ${count} jobs within ${timeoutMs} ms`))
      }, timeoutMs)
      const off = this.onJob(() => {
        if (this.#jobs.length < count) return
        clearTimeout(timer)
        off()
        resolve(this.#jobs)
      })
    })
  }

  clearJobs(): void {
    this.#jobs.length = 0
  }

  /** The job as it would look on paper. */
  renderPng(job: VirtualPrintJob): Buffer {
    return renderReceiptPng(job.receipt, { widthDots: this.options.widthDots, columns: this.options.columns })
  }

  /** Called by sessions when a job ends. */
  recordJob(source: string, bytes: Uint8Array, complete: boolean): VirtualPrintJob {
    const receipt = decodeEscPos(bytes, { codepageTable: this.options.codepageTable })
    const f = this.#faults
    const job: VirtualPrintJob = {
      id: this.#nextId++, source, bytes, receipt,
      transcript: renderTranscript(receipt, { columns: this.options.columns }),
      receivedAt: this.#now(), complete,
      printed: complete && !f.paperOut && !f.coverOpen && !f.offline,
    }
    this.#jobs.push(job)
    for (const listener of this.#jobListeners) listener(job)
    return job
  }
}
