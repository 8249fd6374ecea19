/**
 * Raw TCP printing ("port 9100", AppSocket/JetDirect): most shop printers sit on the
 * LAN. The connection opens on first use and closes after a short idle time, because
 * many printers serve one TCP client at a time and another till may be waiting.
 */
import net from 'node:net'
import { InvalidOptionsError, PrinterDisconnectedError, PrinterOfflineError, PrinterTimeoutError, TransportClosedError } from '../../errors.js'
import { FULL_STATUS_REQUEST, parseDleEotStatus, statusRequest, type PrinterStatusReport, type StatusParseOptions } from '../status.js'
import type { PrinterTransport, TransportEvent, WriteResult } from './printer-transport.js'
import { StatusReplies } from './status-replies.js'
import { Listeners, OperationQueue, positiveMs, toError } from './transport-support.js'

export interface TcpPrinterTransportOptions {
  host: string
  port?: number
  connectTimeoutMs?: number
  /** How long the printer may take to accept a job's bytes (a full buffer stalls TCP). */
  writeTimeoutMs?: number
  statusTimeoutMs?: number
  /** Close the connection after this long unused (lets other clients print). */
  idleTimeoutMs?: number
  /** Follow each job with DLE EOT and wait for the answer (see `WriteResult.confirmed`). Off for one-way printers. */
  confirmWrites?: boolean
  statusOptions?: StatusParseOptions
  /** Injected for tests; defaults to `net.createConnection`. */
  createConnection?: (options: { host: string; port: number }) => net.Socket
}

export class TcpPrinterTransport implements PrinterTransport {
  readonly description: string
  readonly #o: Required<Omit<TcpPrinterTransportOptions, 'statusOptions'>> & { statusOptions: StatusParseOptions }
  readonly #queue = new OperationQueue()
  readonly #events = new Listeners<TransportEvent>()
  #socket: net.Socket | undefined
  #replies: StatusReplies | undefined
  #lastError: Error | undefined
  #idle: ReturnType<typeof setTimeout> | undefined
  #closed = false

  constructor({ host, port = 9100, connectTimeoutMs = 3000, writeTimeoutMs = 15_000, statusTimeoutMs = 1000, idleTimeoutMs = 5000,
    confirmWrites = true, statusOptions = {}, createConnection = (o) => net.createConnection(o) }: TcpPrinterTransportOptions) {
    if (typeof host !== 'string' || host.trim() === '') throw new InvalidOptionsError('host is required')
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidOptionsError(`port must be 1-65535, got ${port}`)
    this.#o = {
      host, port, confirmWrites, statusOptions, createConnection,
      connectTimeoutMs: positiveMs(connectTimeoutMs, 'connectTimeoutMs'),
      writeTimeoutMs: positiveMs(writeTimeoutMs, 'writeTimeoutMs'),
      statusTimeoutMs: positiveMs(statusTimeoutMs, 'statusTimeoutMs'),
      idleTimeoutMs: positiveMs(idleTimeoutMs, 'idleTimeoutMs'),
    }
    this.description = `tcp://${host}:${port}`
  }

  write(bytes: Uint8Array): Promise<WriteResult> {
    return this.#run(async (socket) => {
      await this.#send(socket, bytes)
      const confirmed = this.#o.confirmWrites ? (await this.#ask(socket, statusRequest(1), 1)) !== undefined : false
      return { bytesWritten: bytes.length, confirmed }
    })
  }

  status(): Promise<PrinterStatusReport> {
    return this.#run(async (socket) => {
      const answers = await this.#ask(socket, FULL_STATUS_REQUEST, 3)
      const [printer, offline, paper] = answers ?? []
      if (printer === undefined || offline === undefined || paper === undefined) return 'unknown'
      const status = parseDleEotStatus(printer, offline, paper, this.#o.statusOptions)
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
    clearTimeout(this.#idle)
    await this.#queue.run(async () => this.#hangUp())
  }

  #run<T>(operation: (socket: net.Socket) => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      if (this.#closed) throw new TransportClosedError(`${this.description} is closed`)
      clearTimeout(this.#idle)
      try {
        return await operation(await this.#connect())
      } finally {
        this.#idle = setTimeout(() => void this.#queue.run(async () => this.#hangUp()), this.#o.idleTimeoutMs)
        this.#idle.unref()
      }
    })
  }

  #connect(): Promise<net.Socket> {
    if (this.#socket && !this.#socket.destroyed) return Promise.resolve(this.#socket)
    const { host, port, connectTimeoutMs } = this.#o
    return new Promise((resolve, reject) => {
      const socket = this.#o.createConnection({ host, port })
      const fail = (error: Error) => {
        clearTimeout(timer)
        socket.destroy()
        reject(new PrinterOfflineError(`cannot reach the printer at ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? error.message}`, { cause: error }))
      }
      const timer = setTimeout(() => fail(new Error(`connect timed out after ${connectTimeoutMs} ms`)), connectTimeoutMs)
      socket.once('error', fail)
      socket.once('connect', () => {
        clearTimeout(timer)
        socket.off('error', fail)
        this.#attach(socket)
        resolve(socket)
      })
    })
  }

  #attach(socket: net.Socket): void {
    socket.setNoDelay(true)
    const replies = new StatusReplies((status) => this.#events.emit({ type: 'status', status }), this.#o.statusOptions)
    this.#socket = socket
    this.#replies = replies
    this.#lastError = undefined
    socket.on('data', (chunk: Buffer) => replies.push(chunk))
    socket.on('error', (error) => { this.#lastError = error })
    socket.once('close', () => {
      const error = this.#lastError
      replies.failAll(new PrinterDisconnectedError(`${this.description} closed the connection`, { cause: error }))
      if (this.#socket === socket) this.#socket = undefined
      this.#events.emit(error ? { type: 'disconnected', error } : { type: 'disconnected' })
    })
    this.#events.emit({ type: 'connected' })
  }

  /** Resolves when the bytes are with the OS; rejects if the printer stalls or the link drops. */
  #send(socket: net.Socket, bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer)
        socket.off('close', onClose)
        if (error) reject(error)
        else resolve()
      }
      const onClose = () => done(new PrinterDisconnectedError(`${this.description} dropped the connection mid-job`, { cause: this.#lastError }))
      const timer = setTimeout(() => {
        done(new PrinterTimeoutError(`${this.description} took no data for ${this.#o.writeTimeoutMs} ms (buffer full, paper jam or powered off)`))
        socket.destroy()
      }, this.#o.writeTimeoutMs)
      socket.once('close', onClose)
      socket.write(bytes, (error) => {
        if (error) done(new PrinterDisconnectedError(`${this.description} dropped the connection mid-job`, { cause: toError(error) }))
        else done()
      })
    })
  }

  /**
   * Sends real-time requests and waits for their answers. On a timeout the connection
   * is dropped: a late answer must not be taken for the answer to the next question.
   */
  async #ask(socket: net.Socket, request: Uint8Array, answers: number): Promise<number[] | undefined> {
    const replies = this.#replies
    if (!replies) throw new PrinterDisconnectedError(`${this.description} is not connected`)
    const pending = replies.expect(answers, this.#o.statusTimeoutMs)
    // If the send fails, `pending` is rejected later by the close: mark it handled here.
    pending.catch(() => undefined)
    await this.#send(socket, request)
    const result = await pending
    if (result === undefined) socket.destroy()
    return result
  }

  async #hangUp(): Promise<void> {
    const socket = this.#socket
    if (!socket || socket.destroyed) return
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve())
      socket.end()
      setTimeout(() => socket.destroy(), 1000).unref()
    })
  }
}
