/** The PrintDevices port: live printer status through the fleet, previews through the virtual printer's decoder, scanners. */
import type { PrintDevices } from '../app/print-queue.js'
import type { DriverPrinterFleet } from './printer-fleet.js'
import { previewPng, previewText } from './print-preview.js'
import type { ScannerService } from './scanner-service.js'

export const printDevices = (fleet: DriverPrinterFleet, scanners: ScannerService): PrintDevices => ({
  status: (printer) => fleet.status(printer),
  previewPng,
  previewText,
  reset: (printerId) => fleet.reset(printerId),
  scannerState: (id) => scanners.state(id),
  reloadScanner: (id) => scanners.reload(id),
})
