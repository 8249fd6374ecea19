/**
 * What a job looks like on paper, from the exact bytes it sends: receipts through the
 * virtual printer's ESC/POS decoder, ZPL labels through the ZPL renderer. Backs the
 * receipt preview on screens without a printer and the print queue's "view".
 */
import type { PrinterRecord } from '../app/print-queue.js'
import { printerProfile } from '../../drivers/printer/profile.js'
import { decodeEscPos } from '../../drivers/virtual/escpos-decoder.js'
import { renderZplPng } from '../../drivers/virtual/label-preview.js'
import { renderReceiptPng } from '../../drivers/virtual/render-png.js'
import { renderTranscript } from '../../drivers/virtual/transcript.js'

interface Previewable {
  format: 'escpos' | 'zpl' | 'tspl'
  bytes: Uint8Array
}

function receiptLayout(printer: PrinterRecord | undefined) {
  const profile = printer && printer.kind === 'receipt' ? printerProfile(printer.profile) : undefined
  return { columns: profile?.columns ?? 48, widthDots: profile?.printableWidthDots ?? 576, codepageTable: profile?.codepageTable ?? 'epson' }
}

export function previewText(job: Previewable, printer: PrinterRecord | undefined): string {
  if (job.format !== 'escpos') return new TextDecoder('latin1').decode(job.bytes)
  const layout = receiptLayout(printer)
  return renderTranscript(decodeEscPos(job.bytes, { codepageTable: layout.codepageTable }), { columns: layout.columns })
}

/** PNG bytes, or undefined for a format without a renderer (TSPL: use the text view). */
export async function previewPng(job: Previewable, printer: PrinterRecord | undefined): Promise<Buffer | undefined> {
  if (job.format === 'zpl') return renderZplPng(new TextDecoder().decode(job.bytes))
  if (job.format !== 'escpos') return undefined
  const layout = receiptLayout(printer)
  return renderReceiptPng(decodeEscPos(job.bytes, { codepageTable: layout.codepageTable }), { columns: layout.columns, widthDots: layout.widthDots })
}
