/**
 * A fake WebUSB stack for the USB transports: no kernel USB emulation exists in CI.
 * `FakeUsbPrinter` is a class-7 device whose bulk OUT feeds a `VirtualPrinter` session
 * and whose bulk IN returns that session's answers; it can refuse claims (busy kernel
 * driver, access denied) and be unplugged mid-job. `FakeHidScanner` plays recorded
 * input reports on an interrupt IN endpoint. Error messages are the ones `usb` 3.x
 * (nusb) produces.
 */
import type {
  UsbConfigurationLike, UsbConnectionEventLike, UsbDeviceLike, UsbLike,
} from '../../../drivers/printer/transports/usb-types.js'
import type { VirtualPrinter } from '../../../drivers/virtual/virtual-printer.js'
import type { VirtualPrinterSession } from '../../../drivers/virtual/virtual-printer-session.js'

type Listener = (event: UsbConnectionEventLike) => void

export class FakeUsb implements UsbLike {
  devices: FakeDevice[] = []
  /** Makes getDevices() fail, e.g. with usb 3.x's "no USB bus" error. */
  getDevicesError: Error | undefined
  readonly #listeners = { connect: new Set<Listener>(), disconnect: new Set<Listener>() }

  async getDevices(): Promise<UsbDeviceLike[]> {
    if (this.getDevicesError) throw this.getDevicesError
    return [...this.devices]
  }

  addEventListener(type: 'connect' | 'disconnect', listener: Listener): void {
    this.#listeners[type].add(listener)
  }

  removeEventListener(type: 'connect' | 'disconnect', listener: Listener): void {
    this.#listeners[type].delete(listener)
  }

  listenerCount(): number {
    return this.#listeners.connect.size + this.#listeners.disconnect.size
  }

  plug(device: FakeDevice): void {
    device.unplugged = false
    this.devices.push(device)
    for (const l of this.#listeners.connect) l({ device })
  }

  unplug(device: FakeDevice): void {
    device.unplugged = true
    this.devices = this.devices.filter((d) => d !== device)
    device.onUnplug()
    for (const l of this.#listeners.disconnect) l({ device })
  }
}

abstract class FakeDevice implements UsbDeviceLike {
  opened = false
  unplugged = false
  readonly calls: string[] = []
  abstract readonly vendorId: number
  abstract readonly productId: number
  abstract readonly configuration: UsbConfigurationLike

  /** Next claimInterface() fails with this until detachKernelDriver() runs (usblp/usbhid). */
  kernelDriverAttached = false
  detachFails = false
  accessDenied = false

  async open(): Promise<void> {
    this.calls.push('open')
    this.#alive('open')
    if (this.accessDenied) throw new Error('open error: permission denied')
    this.opened = true
  }

  async close(): Promise<void> {
    this.calls.push('close')
    this.opened = false
  }

  async claimInterface(n: number): Promise<void> {
    this.calls.push(`claim ${n}`)
    this.#alive('claimInterface')
    if (this.kernelDriverAttached) throw new Error('claimInterface error: interface is busy')
  }

  async releaseInterface(n: number): Promise<void> {
    this.calls.push(`release ${n}`)
    this.#alive('releaseInterface')
  }

  async detachKernelDriver(n: number): Promise<void> {
    this.calls.push(`detach ${n}`)
    if (this.detachFails) throw new Error('detachKernelDriver error: failed to detach kernel driver')
    this.kernelDriverAttached = false
  }

  abstract transferOut(endpoint: number, data: Uint8Array, timeout?: number): Promise<{ status: 'ok'; bytesWritten: number }>
  abstract transferIn(endpoint: number, length: number, timeout?: number): Promise<{ status: 'ok'; data?: DataView }>

  onUnplug(): void {
    this.opened = false
  }

  #alive(what: string): void {
    if (this.unplugged) throw new Error(`${what} error: device disconnected`)
  }

  protected assertAlive(what: string): void {
    this.#alive(what)
  }
}

/** Reads wait for queued data or time out the way nusb does ("transfer was cancelled"). */
class InQueue {
  #chunks: Uint8Array[] = []
  #waiter: ((chunk: Uint8Array | Error) => void) | undefined

  push(chunk: Uint8Array): void {
    if (this.#waiter) {
      const w = this.#waiter
      this.#waiter = undefined
      w(chunk)
    } else this.#chunks.push(chunk)
  }

  fail(error: Error): void {
    const w = this.#waiter
    this.#waiter = undefined
    w?.(error)
  }

  read(timeoutMs = 1000): Promise<Uint8Array> {
    const next = this.#chunks.shift()
    if (next) return Promise.resolve(next)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined
        reject(new Error('transferIn error: transfer was cancelled'))
      }, timeoutMs)
      this.#waiter = (value) => {
        clearTimeout(timer)
        if (value instanceof Error) reject(value)
        else resolve(value)
      }
    })
  }
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export class FakeUsbPrinter extends FakeDevice {
  readonly vendorId = 0x04b8
  readonly productId = 0x0e28
  readonly productName = 'TM-T20III'
  readonly configuration: UsbConfigurationLike
  readonly #printer: VirtualPrinter
  readonly #usb: FakeUsb
  readonly #in = new InQueue()
  #session: VirtualPrinterSession | undefined

  constructor(usb: FakeUsb, printer: VirtualPrinter, { protocol = 2 }: { protocol?: 1 | 2 } = {}) {
    super()
    this.#usb = usb
    this.#printer = printer
    this.configuration = {
      configurationValue: 1,
      interfaces: [{
        interfaceNumber: 0,
        alternate: {
          interfaceClass: 7, interfaceSubclass: 1, interfaceProtocol: protocol,
          endpoints: [
            { endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: 64 },
            ...(protocol === 2 ? [{ endpointNumber: 2, direction: 'in' as const, type: 'bulk' as const, packetSize: 64 }] : []),
          ],
        },
      }],
    }
  }

  async transferOut(endpoint: number, data: Uint8Array): Promise<{ status: 'ok'; bytesWritten: number }> {
    this.assertAlive('transferOut')
    if (endpoint !== 1) throw new Error('transferOut error: endpoint not found')
    const session = this.#openSession()
    session.write(data)
    // The scripted drop plays as an unplug in the middle of the transfer.
    if (session.closed) throw new Error('transferOut error: device disconnected')
    return { status: 'ok', bytesWritten: data.length }
  }

  async transferIn(endpoint: number, _length: number, timeout?: number): Promise<{ status: 'ok'; data?: DataView }> {
    this.assertAlive('transferIn')
    if (endpoint !== 2) throw new Error('transferIn error: endpoint not found')
    return { status: 'ok', data: view(await this.#in.read(timeout)) }
  }

  override onUnplug(): void {
    super.onUnplug()
    this.#session?.abort()
    this.#session = undefined
    this.#in.fail(new Error('transferIn error: device disconnected'))
  }

  #openSession(): VirtualPrinterSession {
    if (this.#session && !this.#session.closed) return this.#session
    const session = this.#printer.openSession('usb')
    session.onReply((bytes) => this.#in.push(bytes))
    session.onDrop(() => this.#usb.unplug(this))
    this.#session = session
    return session
  }
}

export class FakeHidScanner extends FakeDevice {
  readonly vendorId = 0x0c2e
  readonly productId = 0x0b87
  readonly configuration: UsbConfigurationLike = {
    configurationValue: 1,
    interfaces: [{
      interfaceNumber: 0,
      alternate: { interfaceClass: 3, interfaceSubclass: 0, interfaceProtocol: 0, endpoints: [{ endpointNumber: 1, direction: 'in', type: 'interrupt', packetSize: 64 }] },
    }],
  }

  readonly #in = new InQueue()

  /** Queues an input report as the scanner would send it. */
  report(bytes: Uint8Array): void {
    this.#in.push(bytes)
  }

  async transferOut(): Promise<{ status: 'ok'; bytesWritten: number }> {
    throw new Error('transferOut error: endpoint not found')
  }

  async transferIn(_endpoint: number, _length: number, timeout?: number): Promise<{ status: 'ok'; data?: DataView }> {
    this.assertAlive('transferIn')
    return { status: 'ok', data: view(await this.#in.read(timeout)) }
  }

  override onUnplug(): void {
    super.onUnplug()
    this.#in.fail(new Error('transferIn error: device disconnected'))
  }
}
