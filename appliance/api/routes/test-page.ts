/** A printer's test page: a short receipt (ESC/POS) or a shelf label (ZPL/TSPL) saying who, where and when. */
import type { PrintEncoder, PrinterRecord, PrintFormat } from '../../app/print-queue.js'
import type { ReceiptDocument } from '../../../drivers/printer/document.js'
import { shelfLabelTspl, shelfLabelZpl, zplToBytes } from '../../../drivers/printer/label.js'

export function testPage(printer: PrinterRecord, encoder: PrintEncoder, now: Date): { format: PrintFormat; bytes: Uint8Array; document: ReceiptDocument | null } {
  const stamp = now.toISOString().replace('T', ' ').slice(0, 16)
  if (printer.kind === 'receipt') {
    const document: ReceiptDocument = {
      shop: { name: 'Test page', addressLines: [printer.name, `${printer.transport} ${printer.address ?? ''}`.trim()] },
      receiptNumber: 'TEST',
      dateTime: `${stamp} UTC`,
      lines: [{ qty: 1, name: 'Printer test £ € é ü', unitPriceMinor: 0, lineTotalMinor: 0, vatCode: 'Z' }],
      vat: [],
      totals: { totalMinor: 0 },
      tenders: [],
      footer: ['If you can read this, the printer works.'],
    }
    return { format: 'escpos', bytes: encoder.receipt(document, printer, {}), document }
  }
  const label = { name: `Test: ${printer.name}`, priceMinor: 0, ean13: '5000000000005' }
  return printer.profile === 'tspl'
    ? { format: 'tspl', bytes: shelfLabelTspl(label), document: null }
    : { format: 'zpl', bytes: zplToBytes(shelfLabelZpl(label)), document: null }
}
