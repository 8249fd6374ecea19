/** Documents shared by the driver tests, goldens and benchmarks. */
import type { ReceiptDocument, ReceiptLine } from '../../../drivers/printer/document.js'
import type { ShelfLabel, ShippingLabel } from '../../../drivers/printer/label.js'

export const sampleReceipt: ReceiptDocument = {
  shop: { name: 'Corner Deli', addressLines: ['12 High Street', 'Bristol BS1 4DJ'], vatNumber: 'GB123456789', phone: '0117 496 0000' },
  receiptNumber: 'R-000123',
  dateTime: '14/03/2025 16:05',
  cashier: 'Zoë',
  station: 'Till 1',
  lines: [
    { qty: 2, name: 'Crème brûlée tart', unitPriceMinor: 450, lineTotalMinor: 900, vatCode: 'A' },
    { qty: 1, name: 'Café au lait beans 250g', unitPriceMinor: 1299, lineTotalMinor: 1299, vatCode: 'Z' },
    { qty: 0.452, unit: 'kg', name: 'Comté 18 months', unitPriceMinor: 2800, lineTotalMinor: 1266, vatCode: 'Z' },
    { qty: 1, name: 'Gift bag', unitPriceMinor: 50, lineTotalMinor: 50, vatCode: 'A', note: 'Price override by Sam' },
  ],
  discounts: [{ label: 'Spring offer 10% off tarts', amountMinor: 90 }],
  vat: [
    { code: 'A', rateLabel: '20%', netMinor: 717, vatMinor: 143, grossMinor: 860 },
    { code: 'Z', rateLabel: '0%', netMinor: 2565, vatMinor: 0, grossMinor: 2565 },
  ],
  totals: { subtotalMinor: 3515, totalMinor: 3425, vatMinor: 143 },
  tenders: [{ label: 'Cash', amountMinor: 4000 }],
  changeMinor: 575,
  qr: 'https://cornerdeli.example/r/R-000123',
  footer: ['Thank you! Returns within 30 days with this receipt.', 'Prices in £, € accepted at the till.'],
}

export const copyReceipt: ReceiptDocument = { ...sampleReceipt, copy: true }

export const euroReceipt: ReceiptDocument = {
  ...sampleReceipt,
  currency: 'EUR',
  shop: { name: 'Épicerie Noël', addressLines: ['3 Rue de la Paix', '75002 Paris'], vatNumber: 'FR12345678901' },
  receiptNumber: 'F-2025-0042',
  qr: undefined,
}

/** A long receipt (30 lines) for the benchmark. */
export function longReceipt(count = 30): ReceiptDocument {
  const lines: ReceiptLine[] = Array.from({ length: count }, (_, i) => ({
    qty: (i % 3) + 1, name: `Item ${i + 1} crème fraîche`, unitPriceMinor: 199 + i, lineTotalMinor: (199 + i) * ((i % 3) + 1), vatCode: i % 2 ? 'A' : 'Z',
  }))
  return { ...sampleReceipt, lines, qr: undefined }
}

export const sampleShelfLabel: ShelfLabel = {
  name: 'Comté AOP 18 months, hand cut',
  priceMinor: 2800,
  pricePerUnit: { amountMinor: 2800, unit: 'kg' },
  ean13: '5012345678900',
  sku: 'CH-COMTE-18',
}

export const sampleShippingLabel: ShippingLabel = {
  from: { name: 'Corner Deli', lines: ['12 High Street', 'Bristol'], postcode: 'BS1 4DJ', country: 'United Kingdom' },
  to: { name: 'Chloé Dubois', company: 'Atelier Ünïcode', lines: ['Flat 2', '45 Kingsland Road', 'London'], postcode: 'E2 8AA' },
  carrier: 'Royal Mail',
  service: 'Tracked 48',
  trackingNumber: 'JD014600006281234567',
  reference: 'ORD-10042',
  weightGrams: 1250,
}
