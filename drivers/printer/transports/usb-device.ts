/**
 * Finding and claiming a USB interface by class, shared by the USB printer and the
 * HID scanner transports.
 */
import { DeviceBusyError } from '../../errors.js'
import { isNoUsbBus, isUsbBusy, notFound, usbError } from './usb-errors.js'
import { matchesFilter, usbId, type UsbDeviceFilter, type UsbDeviceLike, type UsbInterfaceLike, type UsbLike } from './usb-types.js'

export interface InterfaceClass {
  interfaceClass: number
  interfaceSubclass?: number
}

export interface ClaimedInterface {
  device: UsbDeviceLike
  interfaceNumber: number
  protocol: number
  /** Bulk OUT (printers). */
  outEndpoint: number
  /** Bulk IN on a bidirectional printer (protocol 2), interrupt IN on a HID device. */
  inEndpoint: number | undefined
  release(): Promise<void>
}

export function findInterface(device: UsbDeviceLike, spec: InterfaceClass): UsbInterfaceLike | undefined {
  return device.configuration?.interfaces.find(({ alternate: a }) =>
    a.interfaceClass === spec.interfaceClass && (spec.interfaceSubclass === undefined || a.interfaceSubclass === spec.interfaceSubclass))
}

/** Devices matching the filter that have an interface of the class; `[]` on a machine without a USB bus. */
export async function findUsbDevices(usb: UsbLike, filter: UsbDeviceFilter, spec: InterfaceClass): Promise<UsbDeviceLike[]> {
  let devices: UsbDeviceLike[]
  try {
    devices = await usb.getDevices()
  } catch (error) {
    if (isNoUsbBus(error)) return []
    throw usbError(error, 'listing USB devices')
  }
  return devices.filter((d) => matchesFilter(d, filter) && findInterface(d, spec) !== undefined)
}

/**
 * Opens the device and claims the interface. Linux binds printer-class interfaces to
 * the `usblp` kernel driver, so the first claim fails "busy": detach the kernel driver
 * and claim again (the kernel re-attaches it when we release or the device resets).
 */
export async function openUsbInterface(device: UsbDeviceLike | undefined, spec: InterfaceClass, platform: NodeJS.Platform, what: string): Promise<ClaimedInterface> {
  if (!device) throw notFound(what)
  const label = `usb://${usbId(device)}`
  try {
    if (!device.opened) await device.open()
    if (!device.configuration && device.selectConfiguration) await device.selectConfiguration(1)
  } catch (error) {
    throw usbError(error, `opening ${label}`)
  }
  const iface = findInterface(device, spec)
  if (!iface) throw notFound(what)
  const n = iface.interfaceNumber
  await claim(device, n, platform, label)
  const endpoints = iface.alternate.endpoints
  const out = endpoints.find((e) => e.direction === 'out' && e.type === 'bulk')
  const inEndpoint = endpoints.find((e) => e.direction === 'in' && (e.type === 'interrupt' || iface.alternate.interfaceProtocol === 2))
  return {
    device,
    interfaceNumber: n,
    protocol: iface.alternate.interfaceProtocol,
    outEndpoint: out?.endpointNumber ?? -1,
    inEndpoint: inEndpoint?.endpointNumber,
    async release() {
      try {
        await device.releaseInterface(n)
        await device.close()
      } catch (error) {
        // Releasing an unplugged device fails; anything else is worth knowing.
        const typed = usbError(error, `releasing ${label}`)
        if (!(typed.name === 'PrinterDisconnectedError')) throw typed
      }
    },
  }
}

async function claim(device: UsbDeviceLike, n: number, platform: NodeJS.Platform, label: string): Promise<void> {
  try {
    await device.claimInterface(n)
    return
  } catch (error) {
    if (!isUsbBusy(error) || platform !== 'linux' || !device.detachKernelDriver) throw usbError(error, `claiming ${label} interface ${n}`)
  }
  try {
    await device.detachKernelDriver(n)
  } catch (cause) {
    throw new DeviceBusyError(`${label} interface ${n} is held by a kernel driver (usblp) that could not be detached; blacklist usblp or print to /dev/usb/lpN`, { cause })
  }
  try {
    await device.claimInterface(n)
  } catch (error) {
    throw usbError(error, `claiming ${label} interface ${n} after detaching usblp`)
  }
}
