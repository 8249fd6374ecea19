/**
 * The slice of the WebUSB API (as `usb` 3.x implements it in Node) that the USB
 * transports use. Declared here so tests can inject a fake device, and because the
 * `usb` package's own types extend DOM WebUSB types that TypeScript does not ship.
 */

export interface UsbEndpointLike {
  endpointNumber: number
  direction: 'in' | 'out'
  type: 'bulk' | 'interrupt' | 'isochronous'
  packetSize: number
}

export interface UsbAlternateLike {
  interfaceClass: number
  interfaceSubclass: number
  interfaceProtocol: number
  endpoints: UsbEndpointLike[]
}

export interface UsbInterfaceLike {
  interfaceNumber: number
  alternate: UsbAlternateLike
}

export interface UsbConfigurationLike {
  configurationValue: number
  interfaces: UsbInterfaceLike[]
}

export interface UsbTransferResult {
  status: 'ok' | 'stall' | 'babble'
}

export interface UsbDeviceLike {
  vendorId: number
  productId: number
  productName?: string | null
  manufacturerName?: string | null
  serialNumber?: string | null
  readonly opened: boolean
  readonly configuration?: UsbConfigurationLike | null
  open(): Promise<void>
  close(): Promise<void>
  selectConfiguration?(configurationValue: number): Promise<void>
  claimInterface(interfaceNumber: number): Promise<void>
  releaseInterface(interfaceNumber: number): Promise<void>
  /** Linux only: takes the interface away from a kernel driver (usblp for printers). */
  detachKernelDriver?(interfaceNumber: number): Promise<void>
  /** `timeout` (ms) is a `usb` 3.x extension to WebUSB. */
  transferOut(endpointNumber: number, data: Uint8Array, timeout?: number): Promise<UsbTransferResult & { bytesWritten: number }>
  transferIn(endpointNumber: number, length: number, timeout?: number): Promise<UsbTransferResult & { data?: DataView }>
  clearHalt?(direction: 'in' | 'out', endpointNumber: number): Promise<void>
}

export interface UsbConnectionEventLike {
  device: UsbDeviceLike
}

export interface UsbLike {
  getDevices(): Promise<UsbDeviceLike[]>
  addEventListener(type: 'connect' | 'disconnect', listener: (event: UsbConnectionEventLike) => void): void
  removeEventListener(type: 'connect' | 'disconnect', listener: (event: UsbConnectionEventLike) => void): void
}

export interface UsbDeviceFilter {
  vendorId?: number
  productId?: number
  serialNumber?: string
}

export function matchesFilter(device: UsbDeviceLike, filter: UsbDeviceFilter): boolean {
  return (filter.vendorId === undefined || device.vendorId === filter.vendorId) &&
    (filter.productId === undefined || device.productId === filter.productId) &&
    (filter.serialNumber === undefined || device.serialNumber === filter.serialNumber)
}

export const usbId = (device: { vendorId: number; productId: number }): string =>
  `${device.vendorId.toString(16).padStart(4, '0')}:${device.productId.toString(16).padStart(4, '0')}`
