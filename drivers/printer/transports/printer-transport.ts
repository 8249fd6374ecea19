/**
 * The print transport port: how bytes from an encoder reach a printer. One contract
 * for TCP 9100, USB and the virtual printer, so the print queue never knows which.
 */
import type { PrinterStatus, PrinterStatusReport } from '../status.js'

export interface WriteResult {
  bytesWritten: number
  /**
   * True when the printer acknowledged the job: the transport follows the bytes with a
   * DLE EOT request, and because the answer comes back over the same ordered channel,
   * it proves every byte before it arrived (not that it printed: check `status()`).
   * False for one-way printers, or when confirmation is turned off.
   */
  confirmed: boolean
}

export type TransportEvent =
  | { type: 'connected' }
  /** The link went away (socket closed, USB unplugged). `error` when it was not us closing it. */
  | { type: 'disconnected'; error?: Error }
  /** A status the printer reported, asked for or pushed (ASB). */
  | { type: 'status'; status: PrinterStatus }

/**
 * A connection to one printer. Operations are serialised: a `status()` never
 * interleaves with the bytes of a `write()`.
 *
 * Errors are typed (see `drivers/errors.ts`): `PrinterOfflineError` when nothing
 * answers, `PrinterTimeoutError` when the printer stops taking bytes,
 * `PrinterDisconnectedError` when the link drops mid-job (reprint the whole job),
 * `DeviceNotFoundError` / `DeviceBusyError` / `DeviceAccessDeniedError` for USB,
 * `TransportClosedError` after `close()`. Paper out is NOT an error: it is status.
 */
export interface PrinterTransport {
  /** e.g. "tcp://10.0.0.20:9100", "usb://04b8:0e28", "virtual://in-process". */
  readonly description: string
  /** Sends one job's bytes; connects (or reconnects) as needed. */
  write(bytes: Uint8Array): Promise<WriteResult>
  /** Asks the printer; resolves `'unknown'` when it does not answer in time. */
  status(): Promise<PrinterStatusReport>
  /** Releases the connection or device. Idempotent. */
  close(): Promise<void>
  /** Subscribes to connection and status events; returns the unsubscribe function. */
  onEvent(listener: (event: TransportEvent) => void): () => void
}
