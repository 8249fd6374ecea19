/** The PrintEncoder port over drivers/: printer profiles are data, the encoder lays receipts out. */
import type { PrintEncoder, PrinterRecord } from '../app/print-queue.js'
import { drawerKick } from '../../drivers/printer/drawer-kick.js'
import { printerProfile } from '../../drivers/printer/profile.js'
import { encodeReceipt } from '../../drivers/printer/receipt.js'

export const driversEncoder: PrintEncoder = {
  receipt(doc, printer: PrinterRecord, { copy, openDrawer = false }) {
    return encodeReceipt({ ...doc, copy: copy ?? doc.copy }, printerProfile(printer.profile), { openDrawer })
  },
  drawerKick(printer) {
    const profile = printerProfile(printer.profile)
    return drawerKick({ pin: profile.drawer.pin, onMs: profile.drawer.onMs, offMs: profile.drawer.offMs, language: profile.language })
  },
}
