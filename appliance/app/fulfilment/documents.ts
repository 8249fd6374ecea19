/**
 * Paper for the bench and the carrier: the A4 delivery note (packing slip) that goes in the
 * parcel, the end-of-day manifest a driver signs, and a printable pick list. PDFs are made
 * with pdfkit (pure JavaScript, its standard fonts built in: nothing to download) and
 * returned as bytes; they are made on request, never stored.
 */
import PDFDocument from 'pdfkit'
import { manifestTotals, type ManifestRow } from '../../core/fulfilment/index.js'

type Doc = InstanceType<typeof PDFDocument>

function render(draw: (doc: Doc) => void, title: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Producer: 'Store Appliance' } })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on('error', reject)
    try {
      draw(doc)
      doc.end()
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
    }
  })
}

/** Standard PDF fonts are WinAnsi: characters outside it would print as junk, so they become "?". */
const text = (s: string | null | undefined): string => (s ?? '').replace(/[^\x20-\x7e\xa0-\xff\u20ac\u2013\u2014\u2018\u2019\u201c\u201d\u2022]/g, '?')

function table(doc: Doc, columns: Array<{ title: string; width: number; align?: 'left' | 'right' }>, rows: string[][]): void {
  const left = doc.page.margins.left
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage()
    const y = doc.y
    let x = left
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9)
    cells.forEach((cell, i) => {
      const c = columns[i]!
      doc.text(text(cell), x, y, { width: c.width - 6, align: c.align ?? 'left', lineBreak: false, ellipsis: true })
      x += c.width
    })
    doc.y = y + 16
    doc.x = left
  }
  line(columns.map((c) => c.title), true)
  doc.moveTo(left, doc.y - 4).lineTo(left + columns.reduce((s, c) => s + c.width, 0), doc.y - 4).stroke()
  for (const r of rows) line(r, false)
}

export interface DeliveryNote {
  shop: { name: string; address: string[] }
  orderNumber: string
  placedAt: string
  despatchedAt: string | null
  deliverTo: string[]
  lines: Array<{ sku: string; name: string; quantity: number }>
  note?: string | null
}

export function deliveryNotePdf(n: DeliveryNote): Promise<Uint8Array> {
  return render((doc) => {
    doc.font('Helvetica-Bold').fontSize(20).text('Delivery note')
    doc.font('Helvetica').fontSize(10).text(text(n.shop.name)).text(text(n.shop.address.join(', ')))
    doc.moveDown()
    doc.font('Helvetica-Bold').text(`Order ${text(n.orderNumber)}`)
    doc.font('Helvetica').text(`Ordered: ${n.placedAt}`)
    if (n.despatchedAt) doc.text(`Despatched: ${n.despatchedAt}`)
    doc.moveDown().font('Helvetica-Bold').text('Deliver to')
    doc.font('Helvetica')
    for (const l of n.deliverTo) doc.text(text(l))
    doc.moveDown()
    table(doc, [{ title: 'SKU', width: 120 }, { title: 'Item', width: 315 }, { title: 'Qty', width: 60, align: 'right' }], n.lines.map((l) => [l.sku, l.name, String(l.quantity)]))
    doc.moveDown().font('Helvetica').fontSize(9).text(`${n.lines.reduce((s, l) => s + l.quantity, 0)} item(s). ${text(n.note) || 'Thank you for shopping with us. Returns: see the returns policy on our website.'}`)
  }, `Delivery note ${n.orderNumber}`)
}

export function manifestPdf(m: { shop: string; carrier: string; date: string; rows: readonly ManifestRow[] }): Promise<Uint8Array> {
  return render((doc) => {
    const totals = manifestTotals(m.rows)
    doc.font('Helvetica-Bold').fontSize(18).text(`Manifest: ${text(m.carrier)}, ${m.date}`)
    doc.font('Helvetica').fontSize(10).text(text(m.shop)).text(`${totals.shipments} shipment(s), ${totals.parcels} parcel(s), ${(totals.weightG / 1000).toFixed(2)} kg`)
    doc.moveDown()
    table(doc, [
      { title: 'Order', width: 90 }, { title: 'Tracking', width: 130 }, { title: 'Service', width: 100 }, { title: 'Parcels', width: 45, align: 'right' },
      { title: 'Weight g', width: 55, align: 'right' }, { title: 'Postcode', width: 55 }, { title: 'Ctry', width: 30 },
    ], m.rows.map((r) => [r.orderNumber, r.trackingNumber, r.service ?? '', String(r.parcels), String(r.weightG), r.postcode ?? '', r.country ?? '']))
    doc.moveDown(2).font('Helvetica').text('Collected by (name and signature): ____________________________    Time: ________')
  }, `Manifest ${m.carrier} ${m.date}`)
}

export function pickListPdf(p: { number: string; picker: string | null; tote: string | null; tasks: ReadonlyArray<{ seq: number; bin: string | null; location: string; sku: string; name: string; quantity: number; orderNumber: string }> }): Promise<Uint8Array> {
  return render((doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text(`Pick list ${p.number}`)
    doc.font('Helvetica').fontSize(10).text(`Picker: ${text(p.picker) || 'anyone'}${p.tote ? `   Tote: ${p.tote}` : ''}`)
    doc.moveDown()
    table(doc, [
      { title: '#', width: 25 }, { title: 'Bin', width: 65 }, { title: 'SKU', width: 85 }, { title: 'Item', width: 200 }, { title: 'Qty', width: 35, align: 'right' }, { title: 'Order', width: 85 },
    ], p.tasks.map((t) => [String(t.seq), t.bin ?? t.location, t.sku, t.name, String(t.quantity), t.orderNumber]))
  }, `Pick list ${p.number}`)
}
