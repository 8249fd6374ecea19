/** Scanner transports: HID POS over the fake WebUSB stack, serial over serialport's mock binding. */
import { SerialPortMock } from 'serialport'
import { afterEach, describe, expect, it } from 'vitest'
import { DeviceNotFoundError, ScannerDisconnectedError, ScannerFramingError } from '../../../drivers/errors.js'
import { HidScanner } from '../../../drivers/scanner/transports/hid.js'
import type { ScannerEvent } from '../../../drivers/scanner/transports/scanner-transport.js'
import { SerialScanner } from '../../../drivers/scanner/transports/serial.js'
import { FakeHidScanner, FakeUsb } from '../support/fake-webusb.js'
import { HONEYWELL_EAN13, HONEYWELL_GS1_128 } from './hid-reports.js'

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
  SerialPortMock.binding.reset()
})

describe('HidScanner', () => {
  function rig() {
    const usb = new FakeUsb()
    const device = new FakeHidScanner()
    usb.plug(device)
    const scanner = new HidScanner({ usb, vendorId: 0x0c2e, productId: 0x0b87, pollTimeoutMs: 20, platform: 'linux' })
    const events: ScannerEvent[] = []
    scanner.onEvent((e) => events.push(e))
    stops.push(() => scanner.stop())
    return { usb, device, scanner, events }
  }

  it('reads scans from interrupt IN reports, detaching usbhid first on Linux', async () => {
    const { device, scanner, events } = rig()
    device.kernelDriverAttached = true
    await scanner.start()
    device.report(HONEYWELL_EAN13)
    for (const r of HONEYWELL_GS1_128) device.report(r)
    await expect.poll(() => events.filter((e) => e.type === 'scan').length).toBe(2)
    expect(events[0]).toEqual({ type: 'connected' })
    expect(events.filter((e) => e.type === 'scan').map((e) => e.type === 'scan' && e.scan.symbology)).toEqual(['ean13', 'gs1-128'])
    expect(device.calls.slice(0, 4)).toEqual(['open', 'claim 0', 'detach 0', 'claim 0'])
  })

  it('reports an unplug once, as disconnected', async () => {
    const { usb, device, scanner, events } = rig()
    await scanner.start()
    usb.unplug(device)
    await expect.poll(() => events.map((e) => e.type)).toEqual(['connected', 'disconnected'])
    expect(events[1]).toMatchObject({ error: expect.any(ScannerDisconnectedError) })
  })

  it('says which scanner is missing', async () => {
    const scanner = new HidScanner({ usb: new FakeUsb(), vendorId: 0x05e0, productId: 0x1200 })
    await expect(scanner.start()).rejects.toBeInstanceOf(DeviceNotFoundError)
  })
})

describe('SerialScanner', () => {
  function rig() {
    SerialPortMock.binding.createPort('/dev/ttyACM0')
    const port = new SerialPortMock({ path: '/dev/ttyACM0', baudRate: 9600, autoOpen: false })
    const scanner = new SerialScanner(port, { terminator: 'cr' })
    const events: ScannerEvent[] = []
    scanner.onEvent((e) => events.push(e))
    stops.push(() => scanner.stop())
    return { port, scanner, events }
  }

  it('opens the port and emits scans from the byte stream', async () => {
    const { port, scanner, events } = rig()
    await scanner.start()
    port.port?.emitData(Buffer.from(']E05012345'))
    port.port?.emitData(Buffer.from('678900\r]E45000001\r'))
    await expect.poll(() => events.filter((e) => e.type === 'scan').length).toBe(2)
    expect(events.map((e) => (e.type === 'scan' ? `${e.scan.symbology}:${e.scan.data}` : e.type))).toEqual(['connected', 'ean13:5012345678900', 'ean8:5000001'])
    expect(scanner.description).toBe('serial:///dev/ttyACM0')
  })

  it('reports framing errors without stopping', async () => {
    const { port, scanner, events } = rig()
    await scanner.start()
    port.port?.emitData(Buffer.alloc(5000, 0x41))
    port.port?.emitData(Buffer.from('\r42\r'))
    await expect.poll(() => events.at(-1)).toMatchObject({ type: 'scan', scan: { data: '42' } })
    expect(events.some((e) => e.type === 'error' && e.error instanceof ScannerFramingError)).toBe(true)
  })

  it('fails to start with a typed error when the port cannot open', async () => {
    const port = new SerialPortMock({ path: '/dev/ttyNOPE', baudRate: 9600, autoOpen: false })
    await expect(new SerialScanner(port).start()).rejects.toBeInstanceOf(ScannerDisconnectedError)
  })
})
