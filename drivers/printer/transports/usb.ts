/**
 * USB printing over the WebUSB-shaped API of `usb` 3.x (injected: `nodeUsb()` in
 * production, a fake device in tests). Finds the printer-class interface (class 7,
 * subclass 1), claims it — on Linux first taking it from the kernel's `usblp` driver
 * when the claim fails busy — and writes to its bulk OUT endpoint. Status is read
 * from bulk IN when the interface is bidirectional (protocol 2); protocol 1 printers
 * are one-way and report "unknown". Unplugging is an event, and the next write looks
 * for the device again.
 */
import { PrinterDisconnectedError, PrinterTimeoutError, TransportClosedError } from '../../errors.js'
import { FULL_STATUS_REQUEST, parseDleEotStatus, statusRequest, StatusStreamParser, type PrinterStatusReport, type StatusParseOptions } from '../status.js'
import type { PrinterTransport, TransportEvent, WriteResult } from './printer-transport.js'
import { Listeners, OperationQueue, positiveMs } from './transport-support.js'
import { findInterface, findUsbDevices, openUsbInterface, type ClaimedInterface } from './usb-device.js'
import { matchesFilter, usbId, type UsbConnectionEventLike, type UsbDeviceFilter, type UsbLike } from './usb-types.js'
import { usbError } from './usb-errors.js'

export const PRINTER_CLASS = { interfaceClass: 7, interfaceSubclass: 1 } as const

export interface UsbPrinterTransportOptions extends UsbDeviceFilter {
  usb: UsbLike
  writeTimeoutMs?: number
  statusTimeoutMs?: number
  /** Follow each job with DLE EOT on bidirectional printers (see `WriteResult.confirmed`). */
  confirmWrites?: boolean
  statusOptions?: StatusParseOptions
  /** Platform for the usblp quirk; injected for tests. */
  platform?: NodeJS.Platform
  /** Bytes per bulk transfer: keeps a huge logo from holding the bus for one long transfer. */
  chunkSize?: number
}

export class UsbPrinterTransport implements PrinterTransport {
  readonly description: string
  readonly #o: Required<Omit<UsbPrinterTransportOptions, keyof UsbDeviceFilter>>
  readonly #filter: UsbDeviceFilter
  readonly #queue = new OperationQueue()
  readonly #events = new Listeners<TransportEvent>()
  #claimed: ClaimedInterface | undefined
  #closed = false

  constructor({ usb, vendorId, productId, serialNumber, writeTimeoutMs = 15_000, statusTimeoutMs = 500, confirmWrites = true,
    statusOptions = {}, platform = process.platform, chunkSize = 16_384 }: UsbPrinterTransportOptions) {
    this.#filter = { vendorId, productId, serialNumber }
    this.#o = {
      usb, confirmWrites, statusOptions, platform, chunkSize: Math.max(64, Math.floor(chunkSize)),
      writeTimeoutMs: positiveMs(writeTimeoutMs, 'writeTimeoutMs'),
      statusTimeoutMs: positiveMs(statusTimeoutMs, 'statusTimeoutMs'),
    }
    const id = vendorId === undefined ? 'printer' : usbId({ vendorId, productId: productId ?? 0 })
    this.description = `usb://${id}${serialNumber ? `/${serialNumber}` : ''}`
    usb.addEventListener('connect', this.#onConnect)
    usb.addEventListener('disconnect', this.#onDisconnect)
  }

  write(bytes: Uint8Array): Promise<WriteResult> {
    return this.#run(async (claimed) => {
      for (let offset = 0; offset < bytes.length; offset += this.#o.chunkSize) {
        await this.#transferOut(claimed, bytes.subarray(offset, offset + this.#o.chunkSize))
      }
      const confirmed = this.#o.confirmWrites && claimed.inEndpoint !== undefined
        ? (await this.#ask(claimed, statusRequest(1), 1)) !== undefined
        : false
      return { bytesWritten: bytes.length, confirmed }
    })
  }

  status(): Promise<PrinterStatusReport> {
    return this.#run(async (claimed) => {
      if (claimed.inEndpoint === undefined) return 'unknown'
      const [printer, offline, paper] = (await this.#ask(claimed, FULL_STATUS_REQUEST, 3)) ?? []
      if (printer === undefined || offline === undefined || paper === undefined) return 'unknown'
      const status = parseDleEotStatus(printer, offline, paper, this.#o.statusOptions)
      if (status) this.#events.emit({ type: 'status', status })
      return status ?? 'unknown'
    })
  }

  onEvent(listener: (event: TransportEvent) => void): () => void {
    return this.#events.add(listener)
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#o.usb.removeEventListener('connect', this.#onConnect)
    this.#o.usb.removeEventListener('disconnect', this.#onDisconnect)
    await this.#queue.run(async () => {
      const claimed = this.#claimed
      this.#claimed = undefined
      await claimed?.release()
    })
  }

  #run<T>(operation: (claimed: ClaimedInterface) => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      if (this.#closed) throw new TransportClosedError(`${this.description} is closed`)
      if (!this.#claimed) {
        const [device] = await findUsbDevices(this.#o.usb, this.#filter, PRINTER_CLASS)
        this.#claimed = await openUsbInterface(device, PRINTER_CLASS, this.#o.platform, 'printer')
        this.#events.emit({ type: 'connected' })
      }
      try {
        return await operation(this.#claimed)
      } catch (error) {
        if (error instanceof PrinterDisconnectedError) this.#claimed = undefined
        throw error
      }
    })
  }

  async #transferOut(claimed: ClaimedInterface, chunk: Uint8Array): Promise<void> {
    let sent = 0
    while (sent < chunk.length) {
      const result = await claimed.device.transferOut(claimed.outEndpoint, chunk.subarray(sent), this.#o.writeTimeoutMs)
        .catch((error: unknown) => { throw usbError(error, this.description) })
      if (result.status === 'stall') {
        // A stalled OUT endpoint: the printer refuses data (error state). Clear it so a later job can go.
        await claimed.device.clearHalt?.('out', claimed.outEndpoint).catch(() => undefined)
        throw new PrinterTimeoutError(`${this.description} stalled the OUT endpoint (printer in an error state)`)
      }
      sent += result.bytesWritten
      if (result.bytesWritten === 0) throw new PrinterTimeoutError(`${this.description} accepted no data`)
    }
  }

  /** Writes real-time requests and reads answers from bulk IN until enough arrive or time runs out. */
  async #ask(claimed: ClaimedInterface, request: Uint8Array, count: number): Promise<number[] | undefined> {
    const inEndpoint = claimed.inEndpoint
    if (inEndpoint === undefined) return undefined
    await this.#transferOut(claimed, request)
    const parser = new StatusStreamParser(this.#o.statusOptions)
    const answers: number[] = []
    const deadline = Date.now() + this.#o.statusTimeoutMs
    while (answers.length < count) {
      const left = deadline - Date.now()
      if (left <= 0) return undefined
      const data = await this.#transferIn(claimed, inEndpoint, left)
      if (!data) return undefined
      for (const message of parser.push(data)) {
        if (message.type === 'dle-eot') answers.push(message.byte)
        else if (message.type === 'asb') this.#events.emit({ type: 'status', status: message.status })
      }
    }
    return answers
  }

  async #transferIn(claimed: ClaimedInterface, endpoint: number, timeoutMs: number): Promise<Uint8Array | undefined> {
    try {
      const result = await claimed.device.transferIn(endpoint, 64, timeoutMs)
      if (result.status !== 'ok' || !result.data) return undefined
      return new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength)
    } catch (error) {
      const typed = usbError(error, this.description)
      // No answer in time is "unknown", not a failure: one-way firmware on a protocol 2 interface exists.
      if (typed instanceof PrinterTimeoutError) return undefined
      throw typed
    }
  }

  readonly #onConnect = (event: UsbConnectionEventLike): void => {
    if (!this.#closed && matchesFilter(event.device, this.#filter) && findInterface(event.device, PRINTER_CLASS)) this.#events.emit({ type: 'connected' })
  }

  readonly #onDisconnect = (event: UsbConnectionEventLike): void => {
    if (this.#claimed?.device !== event.device) return
    this.#claimed = undefined
    this.#events.emit({ type: 'disconnected', error: new PrinterDisconnectedError(`${this.description} was unplugged`) })
  }
}
