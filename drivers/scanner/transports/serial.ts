/**
 * A serial scanner (RS-232, or USB-CDC which shows up as /dev/ttyACMn) over an
 * injected `serialport` stream. Pass one made with `autoOpen: false`; `start()` opens
 * it. Unplugging a USB-CDC scanner closes the port with an error: that is reported as
 * `disconnected`.
 */
import { ScannerDisconnectedError } from '../../errors.js'
import { Listeners, toError } from '../../printer/transports/transport-support.js'
import { SerialScanFramer, type SerialFramingOptions } from '../serial-framing.js'
import type { ScannerEvent, ScannerTransport } from './scanner-transport.js'

/** The part of serialport's `SerialPort` (a Duplex stream) this transport uses. */
export interface SerialPortLike {
  readonly path: string
  readonly isOpen: boolean
  open(callback: (error: Error | null) => void): void
  close(callback?: (error?: Error | null) => void): void
  on(event: 'data', listener: (chunk: Buffer) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'close', listener: (error?: Error | null) => void): unknown
  removeAllListeners(event?: string): unknown
}

export class SerialScanner implements ScannerTransport {
  readonly description: string
  readonly #port: SerialPortLike
  readonly #framer: SerialScanFramer
  readonly #events = new Listeners<ScannerEvent>()
  #stopping = false

  constructor(port: SerialPortLike, framing: SerialFramingOptions = {}) {
    this.#port = port
    this.#framer = new SerialScanFramer(framing)
    this.description = `serial://${port.path}`
  }

  async start(): Promise<void> {
    this.#stopping = false
    const port = this.#port
    port.on('data', (chunk) => this.#data(chunk))
    port.on('error', (error) => this.#events.emit({ type: 'error', error }))
    port.on('close', (error) => {
      if (this.#stopping) return
      this.#events.emit({ type: 'disconnected', error: new ScannerDisconnectedError(`${this.description} closed`, { cause: error ?? undefined }) })
    })
    if (!port.isOpen) {
      await new Promise<void>((resolve, reject) => port.open((error) => {
        if (!error) return resolve()
        reject(new ScannerDisconnectedError(`cannot open ${this.description}: ${error.message}`, { cause: error }))
      }))
    }
    this.#events.emit({ type: 'connected' })
  }

  async stop(): Promise<void> {
    this.#stopping = true
    const port = this.#port
    if (port.isOpen) await new Promise<void>((resolve, reject) => port.close((error) => (error ? reject(toError(error)) : resolve())))
    port.removeAllListeners('data')
    port.removeAllListeners('close')
    port.removeAllListeners('error')
  }

  onEvent(listener: (event: ScannerEvent) => void): () => void {
    return this.#events.add(listener)
  }

  #data(chunk: Uint8Array): void {
    for (const frame of this.#framer.push(chunk)) {
      if (frame.kind === 'scan') this.#events.emit({ type: 'scan', scan: frame.scan })
      else this.#events.emit({ type: 'error', error: frame.error })
    }
  }
}

export interface SerialScannerPortOptions extends SerialFramingOptions {
  path: string
  baudRate?: number
}

/** Opens a real serial port (serialport is imported on demand) and wraps it. */
export async function openSerialScanner({ path, baudRate = 9600, ...framing }: SerialScannerPortOptions): Promise<SerialScanner> {
  const { SerialPort } = await import('serialport')
  const port = new SerialPort({ path, baudRate, autoOpen: false })
  const scanner = new SerialScanner(port, framing)
  await scanner.start()
  return scanner
}
