/**
 * In-process transport into a `VirtualPrinter`: demo mode and tests print without a
 * socket. It behaves like the TCP transport — same confirmation, same status
 * timeouts, same typed errors when the scripted fault drops the link.
 */
import { PrinterDisconnectedError, TransportClosedError } from '../../errors.js'
import type { VirtualPrinter } from '../../virtual/virtual-printer.js'
import type { VirtualPrinterSession } from '../../virtual/virtual-printer-session.js'
import { FULL_STATUS_REQUEST, parseDleEotStatus, statusRequest, type PrinterStatusReport } from '../status.js'
import type { PrinterTransport, TransportEvent, WriteResult } from './printer-transport.js'
import { StatusReplies } from './status-replies.js'
import { Listeners, OperationQueue, positiveMs } from './transport-support.js'

export interface VirtualPrinterTransportOptions {
  statusTimeoutMs?: number
  confirmWrites?: boolean
}

interface Link {
  session: VirtualPrinterSession
  replies: StatusReplies
  dropped: boolean
}

export class VirtualPrinterTransport implements PrinterTransport {
  readonly description = 'virtual://in-process'
  readonly #printer: VirtualPrinter
  readonly #statusTimeoutMs: number
  readonly #confirmWrites: boolean
  readonly #queue = new OperationQueue()
  readonly #events = new Listeners<TransportEvent>()
  #link: Link | undefined
  #closed = false

  constructor(printer: VirtualPrinter, { statusTimeoutMs = 250, confirmWrites = true }: VirtualPrinterTransportOptions = {}) {
    this.#printer = printer
    this.#statusTimeoutMs = positiveMs(statusTimeoutMs, 'statusTimeoutMs')
    this.#confirmWrites = confirmWrites
  }

  write(bytes: Uint8Array): Promise<WriteResult> {
    return this.#run(async (link) => {
      this.#send(link, bytes)
      const confirmed = this.#confirmWrites ? (await this.#ask(link, statusRequest(1), 1)) !== undefined : false
      return { bytesWritten: bytes.length, confirmed }
    })
  }

  status(): Promise<PrinterStatusReport> {
    return this.#run(async (link) => {
      const [printer, offline, paper] = (await this.#ask(link, FULL_STATUS_REQUEST, 3)) ?? []
      if (printer === undefined || offline === undefined || paper === undefined) return 'unknown'
      const status = parseDleEotStatus(printer, offline, paper, this.#printer.options.statusOptions)
      if (!status) return 'unknown'
      this.#events.emit({ type: 'status', status })
      return status
    })
  }

  onEvent(listener: (event: TransportEvent) => void): () => void {
    return this.#events.add(listener)
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#queue.run(async () => {
      this.#link?.session.end()
      this.#link = undefined
    })
  }

  #run<T>(operation: (link: Link) => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      if (this.#closed) throw new TransportClosedError(`${this.description} is closed`)
      return operation(this.#connect())
    })
  }

  #connect(): Link {
    if (this.#link && !this.#link.dropped) return this.#link
    const session = this.#printer.openSession('in-process')
    const replies = new StatusReplies((status) => this.#events.emit({ type: 'status', status }), this.#printer.options.statusOptions)
    const link: Link = { session, replies, dropped: false }
    session.onReply((bytes) => replies.push(bytes))
    session.onDrop(() => {
      link.dropped = true
      const error = new PrinterDisconnectedError(`${this.description} dropped the link mid-job`)
      replies.failAll(error)
      this.#events.emit({ type: 'disconnected', error })
    })
    this.#link = link
    this.#events.emit({ type: 'connected' })
    return link
  }

  #send(link: Link, bytes: Uint8Array): void {
    link.session.write(bytes)
    if (link.dropped) throw new PrinterDisconnectedError(`${this.description} dropped the link mid-job`)
  }

  async #ask(link: Link, request: Uint8Array, answers: number): Promise<number[] | undefined> {
    const pending = link.replies.expect(answers, this.#statusTimeoutMs)
    pending.catch(() => undefined)
    this.#send(link, request)
    const result = await pending
    // Like the TCP transport: after a timeout, start a fresh link so a late answer is not misread.
    if (result === undefined) {
      link.session.end()
      link.dropped = true
    }
    return result
  }
}
