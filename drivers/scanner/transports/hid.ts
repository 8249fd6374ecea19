/**
 * A HID POS scanner read over USB interrupt IN with the WebUSB-shaped `usb` 3.x API
 * (injected). HID interfaces cannot be told apart by class alone — the usage page
 * (0x8C) is in the report descriptor — so the scanner is picked by vendor/product id.
 * On Linux the kernel's usbhid driver owns the interface: it is detached on claim,
 * exactly like usblp for printers.
 */
import { InvalidOptionsError, ScannerDisconnectedError } from '../../errors.js'
import { Listeners } from '../../printer/transports/transport-support.js'
import { findUsbDevices, openUsbInterface, type ClaimedInterface } from '../../printer/transports/usb-device.js'
import { isUsbGone, isUsbTimeout, usbError } from '../../printer/transports/usb-errors.js'
import { usbId, type UsbConnectionEventLike, type UsbLike } from '../../printer/transports/usb-types.js'
import { HidPosFramer, type HidPosLayout, type HidPosLayoutName } from '../hid-pos-framing.js'
import type { ScannerEvent, ScannerTransport } from './scanner-transport.js'

export const HID_CLASS = { interfaceClass: 3 } as const

export interface HidScannerOptions {
  usb: UsbLike
  vendorId: number
  productId: number
  layout?: HidPosLayout | HidPosLayoutName
  /** Bytes per interrupt read: the report size (64 for the common layouts). */
  reportSize?: number
  /** How long one read waits before looping (lets `stop()` end the loop promptly). */
  pollTimeoutMs?: number
  platform?: NodeJS.Platform
}

export class HidScanner implements ScannerTransport {
  readonly description: string
  readonly #o: Required<HidScannerOptions>
  readonly #events = new Listeners<ScannerEvent>()
  #claimed: ClaimedInterface | undefined
  #loop: Promise<void> | undefined
  #running = false

  constructor({ usb, vendorId, productId, layout = 'honeywell', reportSize = 64, pollTimeoutMs = 1000, platform = process.platform }: HidScannerOptions) {
    if (!Number.isInteger(vendorId) || !Number.isInteger(productId)) throw new InvalidOptionsError('a HID scanner needs its vendorId and productId')
    this.#o = { usb, vendorId, productId, layout, reportSize, pollTimeoutMs, platform }
    this.description = `hid-pos://${usbId({ vendorId, productId })}`
  }

  async start(): Promise<void> {
    if (this.#running) return
    const { usb, vendorId, productId, platform } = this.#o
    const [device] = await findUsbDevices(usb, { vendorId, productId }, HID_CLASS)
    this.#claimed = await openUsbInterface(device, HID_CLASS, platform, `scanner ${usbId({ vendorId, productId })}`)
    if (this.#claimed.inEndpoint === undefined) throw new InvalidOptionsError(`${this.description} has no interrupt IN endpoint`)
    usb.addEventListener('disconnect', this.#onDisconnect)
    this.#running = true
    this.#events.emit({ type: 'connected' })
    this.#loop = this.#read(this.#claimed, this.#claimed.inEndpoint)
  }

  async stop(): Promise<void> {
    this.#running = false
    this.#o.usb.removeEventListener('disconnect', this.#onDisconnect)
    await this.#loop
    this.#loop = undefined
    const claimed = this.#claimed
    this.#claimed = undefined
    await claimed?.release()
  }

  onEvent(listener: (event: ScannerEvent) => void): () => void {
    return this.#events.add(listener)
  }

  async #read(claimed: ClaimedInterface, endpoint: number): Promise<void> {
    const framer = new HidPosFramer(this.#o.layout)
    while (this.#running) {
      try {
        const result = await claimed.device.transferIn(endpoint, this.#o.reportSize, this.#o.pollTimeoutMs)
        if (result.status !== 'ok' || !result.data) continue
        const scan = framer.push(new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength))
        if (scan) this.#events.emit({ type: 'scan', scan })
      } catch (error) {
        if (!this.#running) return // stopped or unplugged meanwhile: already reported
        if (isUsbTimeout(error)) continue // nobody scanned during this poll
        if (isUsbGone(error)) return this.#gone(new ScannerDisconnectedError(`${this.description} went away`, { cause: error }))
        this.#running = false
        this.#events.emit({ type: 'error', error: usbError(error, this.description) })
      }
    }
  }

  readonly #onDisconnect = (event: UsbConnectionEventLike): void => {
    if (this.#running && event.device === this.#claimed?.device) this.#gone(new ScannerDisconnectedError(`${this.description} was unplugged`))
  }

  #gone(error: ScannerDisconnectedError): void {
    this.#running = false
    this.#claimed = undefined
    this.#events.emit({ type: 'disconnected', error })
  }
}
