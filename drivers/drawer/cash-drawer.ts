/**
 * The cash drawer, through the receipt printer's DK port: open it with a pulse, read
 * its switch with the printer's status. The drawer has no link of its own.
 */
import { drawerKick } from '../printer/drawer-kick.js'
import type { PrinterProfile } from '../printer/profile.js'
import type { PrinterTransport, WriteResult } from '../printer/transports/printer-transport.js'

export interface CashDrawerOptions {
  profile: Pick<PrinterProfile, 'language' | 'drawer' | 'status'>
  /**
   * ESC/POS only: kick with DLE DC4 so the drawer opens even while the printer is out of
   * paper or has a job stuck in its buffer (ESC p would wait behind it).
   */
  realtime?: boolean
}

export class CashDrawer {
  readonly #transport: PrinterTransport
  readonly #kick: Uint8Array
  readonly #canReport: boolean

  constructor(transport: PrinterTransport, { profile, realtime = false }: CashDrawerOptions) {
    this.#transport = transport
    // Built (and validated) once, at construction.
    this.#kick = drawerKick({ ...profile.drawer, language: profile.language, realtime })
    this.#canReport = profile.status === 'dle-eot'
  }

  /** Sends the pulse. Resolves when the printer took it; the drawer opens a moment later. */
  open(): Promise<WriteResult> {
    return this.#transport.write(this.#kick)
  }

  /** The drawer switch as the printer reports it, or 'unknown' (one-way printer, no answer). */
  async isOpen(): Promise<boolean | 'unknown'> {
    if (!this.#canReport) return 'unknown'
    const status = await this.#transport.status()
    return status === 'unknown' ? 'unknown' : status.drawerOpen
  }
}
