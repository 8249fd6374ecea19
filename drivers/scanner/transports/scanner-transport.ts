/**
 * The scanner port: a source of scans. The appliance binds each scanner to a till and
 * forwards its scans over socket.io; it never sees reports or serial bytes.
 */
import type { Scan } from '../scan.js'

export type ScannerEvent =
  | { type: 'scan'; scan: Scan }
  | { type: 'connected' }
  | { type: 'disconnected'; error?: Error }
  /** A problem that did not stop the scanner (a malformed frame). */
  | { type: 'error'; error: Error }

export interface ScannerTransport {
  readonly description: string
  /** Opens the device and starts reading; rejects with a typed error if it cannot. */
  start(): Promise<void>
  /** Stops reading and releases the device. Idempotent. */
  stop(): Promise<void>
  onEvent(listener: (event: ScannerEvent) => void): () => void
}
