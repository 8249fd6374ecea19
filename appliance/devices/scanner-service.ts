/**
 * Scanners read on the appliance (HID POS over USB, or serial): each one's scans are
 * published to the station it is assigned to, which the till receives over socket.io
 * exactly as if a keyboard-wedge scanner had typed them. A scanner that is unplugged
 * or not there yet is retried every few seconds (hot-plug), never a crash.
 */
import type { EventBus } from '../app/events.js'
import type { ScannerRecord, ScannerState } from '../app/print-queue.js'
import { parseGs1 } from '../../drivers/scanner/gs1.js'
import { isGs1Symbology } from '../../drivers/scanner/aim.js'
import type { HidPosLayoutName } from '../../drivers/scanner/hid-pos-framing.js'
import type { ScannerTransport } from '../../drivers/scanner/transports/scanner-transport.js'
import { HidScanner } from '../../drivers/scanner/transports/hid.js'
import { openSerialScanner } from '../../drivers/scanner/transports/serial.js'
import { nodeUsb } from '../../drivers/printer/transports/node-usb.js'


/** Makes the transport for a scanner record (tests inject their own). */
export type ScannerFactory = (record: ScannerRecord) => Promise<ScannerTransport>

export const driverScannerFactory: ScannerFactory = async (record) => {
  if (record.transport === 'serial') return openSerialScanner({ path: record.address })
  const [vendor, product] = record.address.split(':').map((hex) => Number.parseInt(hex, 16))
  return new HidScanner({ usb: await nodeUsb(), vendorId: vendor!, productId: product!, layout: (record.layout ?? 'honeywell') as HidPosLayoutName })
}

const RETRY_MS = 5000

export class ScannerService {
  private readonly open = new Map<string, { transport: ScannerTransport; unsubscribe: () => void }>()
  private readonly states = new Map<string, ScannerState>()
  private readonly retries = new Map<string, ReturnType<typeof setTimeout>>()
  private stopped = false

  constructor(
    private readonly deps: {
      bus: EventBus
      factory: ScannerFactory
      scanners: () => Promise<ScannerRecord[]>
      /** The stations a scanner serves (usually one). */
      stationsOf: (scannerId: string) => Promise<string[]>
    },
  ) {}

  async start(): Promise<void> {
    for (const record of await this.deps.scanners()) if (record.active) await this.connect(record)
  }

  state(id: string): ScannerState {
    return this.states.get(id) ?? 'waiting'
  }

  /** Re-reads a scanner's settings (after an edit) and reconnects it. */
  async reload(id: string): Promise<void> {
    await this.disconnect(id)
    const record = (await this.deps.scanners()).find((s) => s.id === id)
    if (record?.active) await this.connect(record)
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const timer of this.retries.values()) clearTimeout(timer)
    await Promise.all([...this.open.keys()].map((id) => this.disconnect(id)))
  }

  private async connect(record: ScannerRecord): Promise<void> {
    if (this.stopped) return
    try {
      const transport = await this.deps.factory(record)
      const unsubscribe = transport.onEvent((event) => {
        if (event.type === 'scan') void this.forward(record.id, event.scan.data, event.scan.symbology)
        else if (event.type === 'connected') this.states.set(record.id, 'connected')
        else if (event.type === 'disconnected') {
          this.states.set(record.id, { error: event.error?.message ?? 'disconnected' })
          void this.disconnect(record.id).then(() => this.retry(record))
        }
      })
      this.open.set(record.id, { transport, unsubscribe })
      await transport.start()
      this.states.set(record.id, 'connected')
    } catch (error) {
      this.states.set(record.id, { error: (error as Error).message })
      await this.disconnect(record.id)
      this.retry(record)
    }
  }

  private retry(record: ScannerRecord): void {
    if (this.stopped) return
    clearTimeout(this.retries.get(record.id))
    this.retries.set(record.id, setTimeout(() => void this.connect(record), RETRY_MS))
  }

  private async disconnect(id: string): Promise<void> {
    const entry = this.open.get(id)
    this.open.delete(id)
    entry?.unsubscribe()
    await entry?.transport.stop().catch(() => undefined)
  }

  private async forward(scanner: string, data: string, symbology: string): Promise<void> {
    const stations = await this.deps.stationsOf(scanner)
    let gs1: Array<{ ai: string; value: string }> | undefined
    if (isGs1Symbology(symbology as never)) {
      try {
        gs1 = parseGs1(data).map((e) => ({ ai: e.ai, value: e.value }))
      } catch {
        gs1 = undefined // not every GS1-looking symbol is valid GS1: the raw data still goes through
      }
    }
    this.deps.bus.publish({ type: 'scanner.scan', scanner, stations, data, symbology, ...(gs1 ? { gs1 } : {}) })
  }
}
