/** USB transport over the fake WebUSB stack: discovery, usblp, permissions, hot-plug. */
import { afterEach, describe, expect, it } from 'vitest'
import {
  DeviceAccessDeniedError, DeviceBusyError, DeviceNotFoundError, PrinterDisconnectedError,
} from '../../../drivers/errors.js'
import { drawerKick } from '../../../drivers/printer/drawer-kick.js'
import { NO_USB, nodeUsb } from '../../../drivers/printer/transports/node-usb.js'
import type { TransportEvent } from '../../../drivers/printer/transports/printer-transport.js'
import { UsbPrinterTransport, type UsbPrinterTransportOptions } from '../../../drivers/printer/transports/usb.js'
import { VirtualPrinter } from '../../../drivers/virtual/virtual-printer.js'
import { FakeUsb, FakeUsbPrinter } from '../support/fake-webusb.js'

const transports: UsbPrinterTransport[] = []
afterEach(async () => {
  for (const t of transports.splice(0)) await t.close()
})

function rig(options: Partial<UsbPrinterTransportOptions> = {}, protocol: 1 | 2 = 2) {
  const printer = new VirtualPrinter()
  const usb = new FakeUsb()
  const device = new FakeUsbPrinter(usb, printer, { protocol })
  usb.plug(device)
  const transport = new UsbPrinterTransport({ usb, statusTimeoutMs: 100, platform: 'linux', ...options })
  transports.push(transport)
  return { printer, usb, device, transport }
}

describe('UsbPrinterTransport', () => {
  it('finds the class 7 / subclass 1 interface, claims it and prints', async () => {
    const { device, transport, printer } = rig({ vendorId: 0x04b8, productId: 0x0e28 })
    expect(transport.description).toBe('usb://04b8:0e28')
    await transport.write(drawerKick())
    const [job] = await printer.waitForJobs(1)
    expect(job?.transcript).toContain('[drawer kick pin 2, 100 ms on, 500 ms off]')
    expect(device.calls).toEqual(['open', 'claim 0'])
  })

  it('detaches usblp when the claim fails busy on Linux, then claims again', async () => {
    const { device, transport } = rig()
    device.kernelDriverAttached = true
    await transport.write(drawerKick())
    expect(device.calls).toEqual(['open', 'claim 0', 'detach 0', 'claim 0'])
  })

  it('reports DeviceBusyError when the kernel driver cannot be detached, or off Linux', async () => {
    const linux = rig()
    linux.device.kernelDriverAttached = true
    linux.device.detachFails = true
    const error = await linux.transport.write(drawerKick()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeviceBusyError)
    expect((error as Error).message).toMatch(/usblp/)
    expect((error as Error).cause).toBeInstanceOf(Error)

    const mac = rig({ platform: 'darwin' })
    mac.device.kernelDriverAttached = true
    await expect(mac.transport.write(drawerKick())).rejects.toBeInstanceOf(DeviceBusyError)
    expect(mac.device.calls).not.toContain('detach 0')
  })

  it('explains the udev rule when access is denied', async () => {
    const { device, transport } = rig()
    device.accessDenied = true
    const error = await transport.write(drawerKick()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeviceAccessDeniedError)
    expect((error as Error).message).toMatch(/ID_USB_INTERFACES/)
  })

  it('treats a machine without a USB bus as "no devices"', async () => {
    const { usb, transport } = rig()
    usb.getDevicesError = Object.assign(new Error('getDevices error: /sys/bus/usb/devices/ not found (errno 2)'), { code: 'GenericFailure' })
    await expect(transport.write(drawerKick())).rejects.toBeInstanceOf(DeviceNotFoundError)
  })

  it('reports DeviceNotFoundError when no matching printer is plugged in', async () => {
    const { transport } = rig({ vendorId: 0x0519 })
    await expect(transport.status()).rejects.toBeInstanceOf(DeviceNotFoundError)
  })

  it('says "unknown" and does not confirm on a one-way (protocol 1) printer', async () => {
    const { transport, printer } = rig({}, 1)
    expect(await transport.status()).toBe('unknown')
    expect(await transport.write(drawerKick())).toEqual({ bytesWritten: 5, confirmed: false })
    await printer.waitForJobs(1)
  })

  it('sends big jobs in chunks', async () => {
    const { transport, printer } = rig({ chunkSize: 1024 })
    const bytes = new Uint8Array(5000).fill(0x41)
    await transport.write(Uint8Array.of(...bytes, 0x1d, 0x56, 0x00))
    const [job] = await printer.waitForJobs(1)
    expect(job?.bytes.length).toBe(5003)
  })

  it('emits disconnected when the printer is unplugged and finds it again when it is back', async () => {
    const { usb, device, transport } = rig()
    const events: TransportEvent[] = []
    transport.onEvent((e) => events.push(e))
    await transport.write(drawerKick())
    usb.unplug(device)
    expect(events.map((e) => e.type)).toEqual(['connected', 'disconnected'])
    await expect(transport.write(drawerKick())).rejects.toBeInstanceOf(DeviceNotFoundError)
    usb.plug(device)
    expect(events.at(-1)).toEqual({ type: 'connected' })
    expect((await transport.write(drawerKick())).confirmed).toBe(true)
  })

  it('fails the job with PrinterDisconnectedError when unplugged mid-transfer', async () => {
    const { transport, printer } = rig()
    printer.setFaults({ disconnectAfterBytes: 3 })
    const error = await transport.write(drawerKick()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PrinterDisconnectedError)
    expect((error as Error).cause).toBeInstanceOf(Error)
  })

  it('removes its hot-plug listeners on close', async () => {
    const { usb, transport } = rig()
    expect(usb.listenerCount()).toBe(2)
    await transport.close()
    expect(usb.listenerCount()).toBe(0)
  })
})

describe('nodeUsb()', () => {
  it('returns a working USB stack, or NO_USB on a machine without a bus (instead of crashing on hot-plug)', async () => {
    const usb = await nodeUsb()
    expect(Array.isArray(await usb.getDevices())).toBe(true)
    if (usb === NO_USB) expect(await usb.getDevices()).toEqual([])
  })
})
