/**
 * Scanners read on the appliance: a scan reaches the till its scanner is assigned to
 * over socket.io, and no other screen. The USB/serial wire cannot exist here, so the
 * transport is a fake ScannerTransport (the drivers' framing is tested on recorded
 * reports in test/drivers/scanner).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import type { DeviceList, ScannerScanEvent } from '../../appliance/api/contract.js'
import type { ScannerEvent, ScannerTransport } from '../../drivers/scanner/transports/scanner-transport.js'
import { signIn, startAppliance, type TestAppliance } from '../support/appliance.js'

class FakeScanner implements ScannerTransport {
  readonly description = 'fake://scanner'
  private readonly listeners = new Set<(e: ScannerEvent) => void>()
  started = false
  async start() {
    this.started = true
    this.emit({ type: 'connected' })
  }
  async stop() {
    this.started = false
  }
  onEvent(listener: (e: ScannerEvent) => void) {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  emit(e: ScannerEvent) {
    for (const l of this.listeners) l(e)
  }
  scan(data: string, symbology = 'ean13') {
    this.emit({ type: 'scan', scan: { data, symbology: symbology as never, source: 'hid-pos', raw: new TextEncoder().encode(data) } })
  }
}

let appliance: TestAppliance
const fakes = new Map<string, FakeScanner>()

beforeAll(async () => {
  appliance = await startAppliance({
    products: 20,
    scannerFactory: async (record) => {
      const fake = new FakeScanner()
      fakes.set(record.id, fake)
      return fake
    },
  })
})
afterAll(() => appliance.stop())

function connect(cookie: string): Promise<Socket> {
  const socket = io(appliance.url, { extraHeaders: { cookie }, transports: ['websocket'] })
  return new Promise((resolve) => socket.on('connect', () => resolve(socket)))
}

describe('scanners on the appliance', () => {
  it('sends a scan to the station its scanner is assigned to, and to no other', async () => {
    const maya = await signIn(appliance.url, 'maya', '1111', 'till-1')
    expect((await maya.fetch('/api/scanners/hid-1', { method: 'PUT', json: { name: 'Counter scanner', transport: 'hid', address: '0c2e:0b61', layout: 'honeywell' } })).status).toBe(200)
    expect((await maya.fetch('/api/stations/till-1', { method: 'PUT', json: { name: 'Till 1', receiptPrinter: 'screen-receipts', labelPrinter: 'screen-labels', scanner: 'hid-1' } })).status).toBe(200)
    const devices = await maya.get<DeviceList>('/api/devices')
    expect(devices.items.find((d) => d.id === 'hid-1')).toMatchObject({ type: 'scanner', status: 'connected' })

    const till1 = await connect(maya.cookie)
    const ash = await signIn(appliance.url, 'ash', '2222', 'till-2')
    const till2 = await connect(ash.cookie)
    const elsewhere: ScannerScanEvent[] = []
    till2.on('scanner.scan', (e: ScannerScanEvent) => elsewhere.push(e))
    try {
      const received = new Promise<ScannerScanEvent>((resolve) => till1.on('scanner.scan', resolve))
      fakes.get('hid-1')!.scan('5010000000000')
      expect(await received).toMatchObject({ scanner: 'hid-1', stations: ['till-1'], data: '5010000000000', symbology: 'ean13' })

      const gs1 = new Promise<ScannerScanEvent>((resolve) => till1.once('scanner.scan', resolve))
      fakes.get('hid-1')!.scan('0105012345678900\x1d10ABC123', 'gs1-128')
      expect((await gs1).gs1).toEqual([{ ai: '01', value: '05012345678900' }, { ai: '10', value: 'ABC123' }])
      await new Promise((r) => setTimeout(r, 100))
      expect(elsewhere).toEqual([])
    } finally {
      till1.close()
      till2.close()
    }
  })

  it('refuses a scanner without a usable address, and a station with an unknown scanner', async () => {
    const maya = await signIn(appliance.url)
    const bad = await maya.fetch('/api/scanners/s2', { method: 'PUT', json: { name: 'X', transport: 'serial', address: 'COM3' } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { field: string }).field).toBe('address')
    const station = await maya.fetch('/api/stations/till-2', { method: 'PUT', json: { name: 'Till 2', scanner: 'nope' } })
    expect(station.status).toBe(404)
    expect(((await station.json()) as { field: string }).field).toBe('scanner')
  })
})

describe('device monitor', () => {
  it('tells the screens when a printer runs out of paper, once per change', async () => {
    const { DeviceMonitor } = await import('../../appliance/jobs/device-monitor.js')
    const { EventBus } = await import('../../appliance/app/events.js')
    const bus = new EventBus()
    const seen: unknown[] = []
    bus.subscribe((e) => e.type === 'device.status' && seen.push(e.status))
    let status: unknown = { online: true, paperOut: false }
    const printer = { id: 'p1', name: 'P1', kind: 'receipt' as const, transport: 'virtual' as const, address: null, profile: 'epson-tm-t88vi', active: true }
    const monitor = new DeviceMonitor({ bus, printers: async () => [printer], status: async () => status })
    await monitor.poll()
    await monitor.poll()
    status = { online: true, paperOut: true }
    await monitor.poll()
    expect(seen).toEqual([{ online: true, paperOut: false }, { online: true, paperOut: true }])
  })
})
