import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AppServices } from '../../data/services.js'
import { ScanListener } from '../../till/scan-listener.js'
import { getTillSettings } from '../../till/till-api.js'

/**
 * Scans for the picking and packing screens, from wherever they come: a keyboard-wedge
 * scanner (the till's wedge detector, with the shop's scanner timing from the till settings)
 * or a scanner read by the appliance for this station (`scanner.scan`). Attached while the
 * host is on the page; scans arrive one at a time, in order, so a fast picker's second scan
 * never overtakes the first one's answer.
 */
export class ScanController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { services: AppServices | undefined }
  readonly #onScan: (code: string) => Promise<void>
  readonly #fallback: () => HTMLInputElement | null | undefined
  #listener: ScanListener | undefined
  #unsubscribe: (() => void) | undefined
  #services: AppServices | undefined
  #queue: Promise<void> = Promise.resolve()
  #connected = false

  constructor(
    host: ReactiveControllerHost & { services: AppServices | undefined },
    onScan: (code: string) => Promise<void>,
    fallback: () => HTMLInputElement | null | undefined = () => null,
  ) {
    this.#host = host
    this.#onScan = onScan
    this.#fallback = fallback
    host.addController(this)
  }

  hostConnected(): void {
    this.#connected = true
  }

  /** Wires up once the host has its services (they may arrive after connection, from the context). */
  hostUpdated(): void {
    const services = this.#host.services
    if (!this.#connected || !services || services === this.#services) return
    this.#detach()
    this.#services = services
    this.#unsubscribe = services.realtime.on('scanner.scan', (event) => this.scan(event.data))
    void getTillSettings(services.api).then(
      (settings) => this.#attach(settings.scanner),
      () => this.#attach(undefined), // default timing still catches most USB scanners
    )
  }

  hostDisconnected(): void {
    this.#connected = false
    this.#detach()
    this.#services = undefined
  }

  /** A scan or a typed code, queued behind any scan still being answered. */
  scan(code: string): Promise<void> {
    const trimmed = code.trim()
    if (!trimmed) return this.#queue
    this.#queue = this.#queue.then(() => this.#onScan(trimmed)).catch(() => undefined)
    return this.#queue
  }

  #attach(scanner: { maxInterKeyMs: number; minLength: number; suffixKeys: string[] } | undefined): void {
    if (!this.#connected || this.#listener) return
    this.#listener = new ScanListener({
      ...(scanner && { settings: scanner }),
      onScan: (code) => void this.scan(code),
      fallback: this.#fallback,
    })
    this.#listener.attach(window)
  }

  #detach(): void {
    this.#listener?.detach()
    this.#listener = undefined
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }
}
