/**
 * The receipt a sale prints, for any basket: its lines, discounts, VAT per rate and totals
 * reconcile to the penny, and the drivers accept it and lay it out on 80 mm and 58 mm paper.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PRINTER_PROFILES } from '../../drivers/printer/profile.js'
import { validateReceipt } from '../../drivers/printer/document.js'
import { encodeReceipt } from '../../drivers/printer/receipt.js'
import type { ProductRecord } from '../../appliance/app/ports.js'
import { paymentRows, toTenders } from '../../appliance/app/sale/complete-sale.js'
import type { SaleLineRequest } from '../../appliance/app/sale/basket.js'
import type { SaleRows } from '../../appliance/app/sale/ports.js'
import { priceSale } from '../../appliance/app/sale/quote.js'
import { saleReceipt, vatCodes } from '../../appliance/app/sale/receipt.js'
import { saleSummary } from '../../appliance/app/sale/sale-view.js'
import { defaultTillSettings } from '../../appliance/app/till/settings.js'
import { DomainError } from '../../appliance/core/errors.js'

const RATES = [2000, 500, 0, 1750]
const CATALOGUE: ProductRecord[] = Array.from({ length: 24 }, (_, i) => ({
  sku: `SKU-${i}`, handle: `sku-${i}`, name: `Product number ${i} with a longer name`, category: 'Test',
  priceMinor: [1, 99, 250, 1299, 4999, 12345][i % 6]!, costMinor: 0, vatRateBp: RATES[i % 4]!, barcodes: [],
}))
const lookup = {
  bySku: async (sku: string) => CATALOGUE.find((p) => p.sku === sku),
  byBarcode: async () => undefined,
}
const settings = { ...defaultTillSettings(), approvalLimits: { maxPercentBp: 10_000, maxAmountMinor: 1_000_000_000 } } as ReturnType<typeof defaultTillSettings>
const SHOP = { name: 'Corner Shop', address: ['12 High Street', 'Kendal'], vatNumber: 'GB123456789' }

const discount = fc.oneof(
  fc.record({ percent: fc.integer({ min: 1, max: 10_000 }).map((bp) => bp / 100), reason: fc.constant('promo') }),
  fc.record({ amountMinor: fc.integer({ min: 1, max: 50 }), reason: fc.constant('scuffed') }),
)
const goodsLine: fc.Arbitrary<SaleLineRequest> = fc.record(
  { sku: fc.constantFrom(...CATALOGUE.map((p) => p.sku)), quantity: fc.integer({ min: 1, max: 7 }), discount: fc.option(discount, { nil: undefined }) },
  { requiredKeys: ['sku', 'quantity'] },
)
const giftLine: fc.Arbitrary<SaleLineRequest> = fc.record({ giftCard: fc.record({ amountMinor: fc.integer({ min: 100, max: 10_000 }) }) })
const basket = fc.record({
  lines: fc.array(fc.oneof({ arbitrary: goodsLine, weight: 6 }, { arbitrary: giftLine, weight: 1 }), { minLength: 1, maxLength: 12 }),
  discounts: fc.array(discount, { maxLength: 2 }),
})

async function receiptFor(request: { lines: SaleLineRequest[]; discounts: Array<{ percent: number; reason: string } | { amountMinor: number; reason: string }> }) {
  const sale = await priceSale(lookup, request, settings)
  const tenders = toTenders([{ method: 'card' as const, amountMinor: Math.max(1, sale.totalMinor - 1) }, { method: 'cash' as const, amountMinor: 2000 }].slice(sale.totalMinor > 1 ? 0 : 1))
  const payments = paymentRows(sale.totalMinor, tenders)
  const rows: SaleRows = {
    order: {
      id: 'o', channel: 'store', number: 'S-03-000042', status: 'completed', placedAt: new Date('2026-06-15T10:00:00Z'), businessDay: '2026-06-15',
      customerId: null, grossMinor: sale.lines.reduce((s, l) => s + l.grossMinor, 0), discountMinor: sale.priced.discountTotalMinor, totalMinor: sale.totalMinor,
      vatMinor: sale.priced.vatTotalMinor, paidMinor: payments.reduce((s, p) => s + p.amountMinor, 0), changeMinor: payments.reduce((s, p) => s + p.amountMinor - p.appliedMinor, 0),
      discounts: sale.discounts, tillId: 'till-3', tillSessionId: 's', station: 'till-3', staffId: 'ash', approvedBy: null, note: null,
    },
    lines: sale.lines.map((l) => (l.kind === 'gift_card' ? { ...l, voucherCode: '7K2MQ9XD4HRTB0C8' } : l)),
    payments, customer: null, tillName: 'Till 3', staffName: 'Ash',
    vouchersIssued: sale.lines.filter((l) => l.kind === 'gift_card').map((l) => ({ code: '7K2MQ9XD4HRTB0C8', amountMinor: l.totalMinor, expiresAt: null })),
  }
  return { sale, rows, receipt: saleReceipt(rows, SHOP, 'Europe/London') }
}

describe('the sale receipt', () => {
  it('reconciles to the penny and lays out on paper, whatever the basket', async () => {
    let checked = 0
    await fc.assert(
      fc.asyncProperty(basket, async (request) => {
        let built
        try {
          built = await receiptFor(request)
        } catch (error) {
          if (error instanceof DomainError) return // e.g. a basket discount larger than what is left: refused, not printed
          throw error
        }
        const { sale, receipt } = built
        checked++
        const lineTotals = receipt.lines.reduce((s, l) => s + l.lineTotalMinor, 0)
        const basketDiscounts = (receipt.discounts ?? []).reduce((s, d) => s + d.amountMinor, 0)
        expect(lineTotals - basketDiscounts).toBe(receipt.totals.totalMinor)
        expect(receipt.totals.totalMinor).toBe(sale.totalMinor)
        const goods = sale.lines.filter((l) => l.kind === 'goods').reduce((s, l) => s + l.totalMinor, 0)
        expect(receipt.vat.reduce((s, r) => s + r.grossMinor, 0)).toBe(goods)
        expect(receipt.vat.reduce((s, r) => s + r.vatMinor, 0)).toBe(receipt.totals.vatMinor)
        for (const r of receipt.vat) expect(r.netMinor + r.vatMinor).toBe(r.grossMinor)
        expect(receipt.tenders.reduce((s, t) => s + t.amountMinor, 0) - (receipt.changeMinor ?? 0)).toBe(receipt.totals.totalMinor)
        validateReceipt(receipt)
        for (const id of ['epson-tm-t88vi', 'epson-tm-t20iii-58mm']) expect(encodeReceipt(receipt, PRINTER_PROFILES[id]!).length).toBeGreaterThan(100)
      }),
      { numRuns: 120 },
    )
    expect(checked).toBeGreaterThanOrEqual(30)
  })

  it('prints the compact receipt number for the Code 128 and the readable one in the footer', async () => {
    const { receipt, rows } = await receiptFor({ lines: [{ sku: 'SKU-4', quantity: 2, discount: { percent: 10, reason: 'dented' } }, { giftCard: { amountMinor: 1000 } }], discounts: [{ amountMinor: 5, reason: 'loyalty' }] })
    expect(receipt.receiptNumber).toBe('S0300000042')
    expect(receipt.footer).toContain('Receipt S-03-000042: keep it for returns')
    expect(receipt.footer).toContain('N = outside the scope of VAT')
    expect(receipt.lines[0]).toMatchObject({ qty: 2, vatCode: 'A', note: expect.stringContaining('dented') })
    expect(receipt.lines[1]).toMatchObject({ vatCode: 'N', note: '7K2M-Q9XD-4HRT-B0C8' })
    expect(receipt.discounts).toEqual([{ label: 'Discount: loyalty', amountMinor: 5 }])
    expect(saleSummary(rows, SHOP, 'Europe/London').receiptBarcode).toBe('S0300000042')
  })

  it('gives each rate a fixed code', () => {
    expect([...vatCodes([0, 2000, 1750, 500, 1000])]).toEqual([[2000, 'A'], [1750, 'C'], [1000, 'D'], [500, 'B'], [0, 'Z']])
  })
})
