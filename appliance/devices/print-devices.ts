/** The PrintDevices port: live status through the fleet, previews through the virtual printer's decoder. */
import type { PrintDevices } from '../app/print-queue.js'
import type { DriverPrinterFleet } from './printer-fleet.js'
import { previewPng, previewText } from './print-preview.js'

export const printDevices = (fleet: DriverPrinterFleet): PrintDevices => ({
  status: (printer) => fleet.status(printer),
  previewPng,
  previewText,
  reset: (printerId) => fleet.reset(printerId),
})
