/**
 * The shop's printers as live transports: one per configured printer, created on first
 * use from its record (virtual, TCP 9100 or USB). Virtual printers are kept so demo
 * mode and tests can see what "printed".
 */
import type { PrinterRecord } from '../app/print-queue.js'
import type { PrinterStatusReport } from '../../drivers/printer/status.js'
import type { PrinterTransport } from '../../drivers/printer/transports/printer-transport.js'
import { TcpPrinterTransport } from '../../drivers/printer/transports/tcp.js'
import { nodeUsb } from '../../drivers/printer/transports/node-usb.js'
import { UsbPrinterTransport } from '../../drivers/printer/transports/usb.js'
import { VirtualPrinterTransport } from '../../drivers/printer/transports/virtual.js'
import { printerProfile } from '../../drivers/printer/profile.js'
import { VirtualPrinter } from '../../drivers/virtual/virtual-printer.js'

/** What the print worker needs from the printers. */
export interface PrinterFleet {
  transport(printer: PrinterRecord): Promise<PrinterTransport>
  status(printer: PrinterRecord): Promise<PrinterStatusReport>
  /** The virtual printer behind a virtual record (demo previews and tests). */
  virtual(printerId: string): VirtualPrinter | undefined
  close(): Promise<void>
}

function parseHexId(text: string | undefined): number {
  const n = Number.parseInt(text ?? '', 16)
  if (!Number.isInteger(n)) throw new Error(`USB address must be vendorId:productId in hex, e.g. 04b8:0e28`)
  return n
}

export class DriverPrinterFleet implements PrinterFleet {
  private readonly transports = new Map<string, PrinterTransport>()
  private readonly virtuals = new Map<string, VirtualPrinter>()

  async transport(printer: PrinterRecord): Promise<PrinterTransport> {
    const existing = this.transports.get(printer.id)
    if (existing) return existing
    const transport = await this.create(printer)
    this.transports.set(printer.id, transport)
    return transport
  }

  async status(printer: PrinterRecord): Promise<PrinterStatusReport> {
    return (await this.transport(printer)).status()
  }

  virtual(printerId: string): VirtualPrinter | undefined {
    return this.virtuals.get(printerId)
  }

  /** Forgets a printer's transport (its settings changed). */
  async reset(printerId: string): Promise<void> {
    await this.transports.get(printerId)?.close()
    this.transports.delete(printerId)
  }

  async close(): Promise<void> {
    await Promise.all([...this.transports.values()].map((t) => t.close()))
    this.transports.clear()
  }

  private async create(printer: PrinterRecord): Promise<PrinterTransport> {
    const labels = printer.kind === 'label'
    // Label printers speak ZPL/TSPL, not ESC/POS: no DLE EOT confirmation.
    const confirmWrites = !labels && printerProfile(printer.profile).status === 'dle-eot'
    switch (printer.transport) {
      case 'virtual': {
        const columns = labels ? 48 : printerProfile(printer.profile).columns
        const virtual = new VirtualPrinter({ columns })
        this.virtuals.set(printer.id, virtual)
        return new VirtualPrinterTransport(virtual, { confirmWrites: !labels })
      }
      case 'tcp': {
        const [host, port] = (printer.address ?? '').split(':')
        if (!host) throw new Error(`${printer.name} has no network address (host:port)`)
        return new TcpPrinterTransport({ host, port: port ? Number(port) : 9100, confirmWrites })
      }
      case 'usb': {
        const [vendor, product] = (printer.address ?? '').split(':')
        return new UsbPrinterTransport({ usb: await nodeUsb(), vendorId: parseHexId(vendor), productId: parseHexId(product), confirmWrites })
      }
    }
  }
}
