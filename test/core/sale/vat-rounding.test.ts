/**
 * The rounding rule on hand-checked baskets. Each expected figure was worked out by hand
 * (the comment shows the per-rate VAT sum); per-line VAT and basket-discount shares follow
 * largest remainder, ties to the earlier line.
 */
import { describe, expect, it } from 'vitest'
import { priceBasket, type Discount, type SaleLineInput } from '../../../appliance/core/sale/index.js'
import type { Minor } from '../../../appliance/core/money.js'

const m = (n: number) => n as Minor
type Extras = Pick<SaleLineInput, 'priceOverride' | 'discount'>
let sku = 0
const u = (price: number, quantity: number, vatRateBp: number, extras: Extras = {}): SaleLineInput => ({
  sku: `SKU-${++sku}`, name: `Item ${sku}`, unitPriceMinor: m(price), quantity, vatRateBp, ...extras,
})
const w = (grams: number, perKg: number, vatRateBp: number, extras: Extras = {}): SaleLineInput => ({
  sku: `SKU-${++sku}`, name: `Weighed ${sku}`, weight: { grams, pricePerKgMinor: m(perKg) }, vatRateBp, ...extras,
})
const pct = (percentBp: number): Discount => ({ kind: 'percent', percentBp, reason: 'promotion' })
const amt = (amountMinor: number): Discount => ({ kind: 'amount', amountMinor: m(amountMinor), reason: 'goodwill' })

interface Case {
  name: string
  lines: SaleLineInput[]
  discounts?: Discount[]
  total: number
  discountTotal: number
  /** [rateBp, gross, net, vat], highest rate first. */
  vat: [number, number, number, number][]
  lineTotals: number[]
  lineVat: number[]
}

const cases: Case[] = [
  {
    name: 'one standard-rated item',
    lines: [u(100, 1, 2000)],
    // 20%: 100×2000/12000 = 16.667 → 17
    total: 100, discountTotal: 0,
    vat: [[2000, 100, 83, 17]],
    lineTotals: [100], lineVat: [17],
  },
  {
    name: 'one reduced-rated item',
    lines: [u(100, 1, 500)],
    // 5%: 100×500/10500 = 4.762 → 5
    total: 100, discountTotal: 0,
    vat: [[500, 100, 95, 5]],
    lineTotals: [100], lineVat: [5],
  },
  {
    name: 'one zero-rated item',
    lines: [u(250, 1, 0)],
    total: 250, discountTotal: 0,
    vat: [[0, 250, 250, 0]],
    lineTotals: [250], lineVat: [0],
  },
  {
    name: 'ten 1p items: per-rate VAT is 2p where per-line would be 0p',
    lines: [u(1, 10, 2000)],
    // 20%: 10×2000/12000 = 1.667 → 2
    total: 10, discountTotal: 0,
    vat: [[2000, 10, 8, 2]],
    lineTotals: [10], lineVat: [2],
  },
  {
    name: 'exact half penny at 20% rounds up (597/6 = 99.5)',
    lines: [u(199, 3, 2000)],
    // 20%: 597×2000/12000 = 99.500 → 100
    total: 597, discountTotal: 0,
    vat: [[2000, 597, 497, 100]],
    lineTotals: [597], lineVat: [100],
  },
  {
    name: 'just under a half at 20%',
    lines: [u(596, 1, 2000)],
    // 20%: 596×2000/12000 = 99.333 → 99
    total: 596, discountTotal: 0,
    vat: [[2000, 596, 497, 99]],
    lineTotals: [596], lineVat: [99],
  },
  {
    name: 'just over a half at 20%',
    lines: [u(598, 1, 2000)],
    // 20%: 598×2000/12000 = 99.667 → 100
    total: 598, discountTotal: 0,
    vat: [[2000, 598, 498, 100]],
    lineTotals: [598], lineVat: [100],
  },
  {
    name: 'half penny at 20% reached by two lines',
    lines: [u(299, 1, 2000), u(298, 1, 2000)],
    // 20%: 597×2000/12000 = 99.500 → 100
    total: 597, discountTotal: 0,
    vat: [[2000, 597, 497, 100]],
    lineTotals: [299, 298], lineVat: [50, 50],
  },
  {
    name: 'corner-shop mix of all three rates',
    lines: [u(115, 2, 0), u(140, 1, 0), u(899, 1, 2000), u(125, 3, 2000), u(1200, 1, 500)],
    // 20%: 1274×2000/12000 = 212.333 → 212
    // 5%: 1200×500/10500 = 57.143 → 57
    total: 2844, discountTotal: 0,
    vat: [[2000, 1274, 1062, 212], [500, 1200, 1143, 57], [0, 370, 370, 0]],
    lineTotals: [230, 140, 899, 375, 1200], lineVat: [0, 0, 150, 62, 57],
  },
  {
    name: 'three lines at 20% share the rate VAT by largest remainder',
    lines: [u(333, 1, 2000), u(333, 1, 2000), u(334, 1, 2000)],
    // 20%: 1000×2000/12000 = 166.667 → 167
    total: 1000, discountTotal: 0,
    vat: [[2000, 1000, 833, 167]],
    lineTotals: [333, 333, 334], lineVat: [56, 55, 56],
  },
  {
    name: '10% line discount on a 20% item',
    lines: [u(1999, 1, 2000, { discount: pct(1000) })],
    // 20%: 1799×2000/12000 = 299.833 → 300
    total: 1799, discountTotal: 200,
    vat: [[2000, 1799, 1499, 300]],
    lineTotals: [1799], lineVat: [300],
  },
  {
    name: '33.33% line discount rounds the discount half up',
    lines: [u(1000, 1, 2000, { discount: pct(3333) })],
    // 20%: 667×2000/12000 = 111.167 → 111
    total: 667, discountTotal: 333,
    vat: [[2000, 667, 556, 111]],
    lineTotals: [667], lineVat: [111],
  },
  {
    name: 'amount line discount',
    lines: [u(450, 2, 500, { discount: amt(100) }), u(300, 1, 0)],
    // 5%: 800×500/10500 = 38.095 → 38
    total: 1100, discountTotal: 100,
    vat: [[500, 800, 762, 38], [0, 300, 300, 0]],
    lineTotals: [800, 300], lineVat: [38, 0],
  },
  {
    name: '100% line discount makes a free line',
    lines: [u(799, 1, 2000, { discount: pct(10000) }), u(250, 1, 0)],
    // 20%: 0×2000/12000 = 0.000 → 0
    total: 250, discountTotal: 799,
    vat: [[2000, 0, 0, 0], [0, 250, 250, 0]],
    lineTotals: [0, 250], lineVat: [0, 0],
  },
  {
    name: 'price override replaces the unit price',
    lines: [u(1500, 2, 2000, { priceOverride: { unitPriceMinor: m(1200), reason: 'price match' } })],
    // 20%: 2400×2000/12000 = 400.000 → 400
    total: 2400, discountTotal: 0,
    vat: [[2000, 2400, 2000, 400]],
    lineTotals: [2400], lineVat: [400],
  },
  {
    name: 'override then line discount on the overridden price',
    lines: [u(2500, 1, 2000, { priceOverride: { unitPriceMinor: m(2000), reason: 'price match' }, discount: pct(1500) }), u(100, 1, 500)],
    // 20%: 1700×2000/12000 = 283.333 → 283
    // 5%: 100×500/10500 = 4.762 → 5
    total: 1800, discountTotal: 300,
    vat: [[2000, 1700, 1417, 283], [500, 100, 95, 5]],
    lineTotals: [1700, 100], lineVat: [283, 5],
  },
  {
    name: 'basket 10% across mixed rates',
    lines: [u(1000, 1, 2000), u(500, 1, 500), u(250, 2, 0)],
    discounts: [pct(1000)],
    // 20%: 900×2000/12000 = 150.000 → 150
    // 5%: 450×500/10500 = 21.429 → 21
    total: 1800, discountTotal: 200,
    vat: [[2000, 900, 750, 150], [500, 450, 429, 21], [0, 450, 450, 0]],
    lineTotals: [900, 450, 450], lineVat: [150, 21, 0],
  },
  {
    name: 'basket amount \u00a31 across three equal lines: the extra penny to the first',
    lines: [u(100, 1, 2000), u(100, 1, 2000), u(100, 1, 2000)],
    discounts: [amt(100)],
    // 20%: 200×2000/12000 = 33.333 → 33
    total: 200, discountTotal: 100,
    vat: [[2000, 200, 167, 33]],
    lineTotals: [66, 67, 67], lineVat: [11, 11, 11],
  },
  {
    name: 'basket amount split by largest remainder',
    lines: [u(999, 1, 2000), u(1, 1, 0), u(500, 1, 500)],
    discounts: [amt(250)],
    // 20%: 832×2000/12000 = 138.667 → 139
    // 5%: 417×500/10500 = 19.857 → 20
    total: 1250, discountTotal: 250,
    vat: [[2000, 832, 693, 139], [500, 417, 397, 20], [0, 1, 1, 0]],
    lineTotals: [832, 1, 417], lineVat: [139, 0, 20],
  },
  {
    name: 'basket 15% on 3 x 1.99 and a 0% line',
    lines: [u(199, 3, 2000), u(89, 1, 0)],
    discounts: [pct(1500)],
    // 20%: 507×2000/12000 = 84.500 → 85
    total: 583, discountTotal: 103,
    vat: [[2000, 507, 422, 85], [0, 76, 76, 0]],
    lineTotals: [507, 76], lineVat: [85, 0],
  },
  {
    name: 'line discount then basket discount on what is left',
    lines: [u(2000, 1, 2000, { discount: amt(500) }), u(1000, 1, 500)],
    discounts: [pct(2000)],
    // 20%: 1200×2000/12000 = 200.000 → 200
    // 5%: 800×500/10500 = 38.095 → 38
    total: 2000, discountTotal: 1000,
    vat: [[2000, 1200, 1000, 200], [500, 800, 762, 38]],
    lineTotals: [1200, 800], lineVat: [200, 38],
  },
  {
    name: 'two basket discounts applied in order',
    lines: [u(1234, 1, 2000), u(567, 2, 500), u(89, 3, 0)],
    discounts: [pct(1000), amt(200)],
    // 20%: 1016×2000/12000 = 169.333 → 169
    // 5%: 935×500/10500 = 44.524 → 45
    total: 2171, discountTotal: 464,
    vat: [[2000, 1016, 847, 169], [500, 935, 890, 45], [0, 220, 220, 0]],
    lineTotals: [1016, 935, 220], lineVat: [169, 45, 0],
  },
  {
    name: 'basket 100% makes everything free',
    lines: [u(1299, 1, 2000), u(349, 2, 500)],
    discounts: [pct(10000)],
    // 20%: 0×2000/12000 = 0.000 → 0
    // 5%: 0×500/10500 = 0.000 → 0
    total: 0, discountTotal: 1997,
    vat: [[2000, 0, 0, 0], [500, 0, 0, 0]],
    lineTotals: [0, 0], lineVat: [0, 0],
  },
  {
    name: 'weighed item at 0%: 455 g at \u00a33.49/kg',
    lines: [w(455, 349, 0)],
    total: 159, discountTotal: 0,
    vat: [[0, 159, 159, 0]],
    lineTotals: [159], lineVat: [0],
  },
  {
    name: 'weighed item rounding half up: 250 g at \u00a31.98/kg = 49.5p',
    lines: [w(250, 198, 0)],
    total: 50, discountTotal: 0,
    vat: [[0, 50, 50, 0]],
    lineTotals: [50], lineVat: [0],
  },
  {
    name: 'weighed deli item at 20% with a counted item',
    lines: [w(1234, 2450, 2000), u(150, 2, 2000)],
    // 20%: 3323×2000/12000 = 553.833 → 554
    total: 3323, discountTotal: 0,
    vat: [[2000, 3323, 2769, 554]],
    lineTotals: [3023, 300], lineVat: [504, 50],
  },
  {
    name: 'weighed item with a 10% line discount and basket discount',
    lines: [w(800, 1299, 0, { discount: pct(1000) }), u(300, 1, 2000)],
    discounts: [amt(99)],
    // 20%: 276×2000/12000 = 46.000 → 46
    total: 1136, discountTotal: 203,
    vat: [[2000, 276, 230, 46], [0, 860, 860, 0]],
    lineTotals: [860, 276], lineVat: [0, 46],
  },
  {
    name: 'large quantity of a cheap item',
    lines: [u(7, 100000, 2000)],
    // 20%: 700000×2000/12000 = 116666.667 → 116667
    total: 700000, discountTotal: 0,
    vat: [[2000, 700000, 583333, 116667]],
    lineTotals: [700000], lineVat: [116667],
  },
  {
    name: 'high value line',
    lines: [u(129999, 3, 2000), u(4999, 1, 500)],
    // 20%: 389997×2000/12000 = 64999.500 → 65000
    // 5%: 4999×500/10500 = 238.048 → 238
    total: 394996, discountTotal: 0,
    vat: [[2000, 389997, 324997, 65000], [500, 4999, 4761, 238]],
    lineTotals: [389997, 4999], lineVat: [65000, 238],
  },
  {
    name: 'many lines at 20%, per-line VAT still sums to the rate VAT',
    lines: [u(1, 1, 2000), u(2, 1, 2000), u(3, 1, 2000), u(5, 1, 2000), u(7, 1, 2000), u(11, 1, 2000), u(13, 1, 2000), u(17, 1, 2000), u(19, 1, 2000), u(23, 1, 2000)],
    // 20%: 101×2000/12000 = 16.833 → 17
    total: 101, discountTotal: 0,
    vat: [[2000, 101, 84, 17]],
    lineTotals: [1, 2, 3, 5, 7, 11, 13, 17, 19, 23], lineVat: [0, 0, 1, 1, 1, 2, 2, 3, 3, 4],
  },
  {
    name: 'zero-priced line among priced ones',
    lines: [u(0, 1, 2000), u(250, 1, 2000), u(100, 1, 0)],
    discounts: [amt(50)],
    // 20%: 214×2000/12000 = 35.667 → 36
    total: 300, discountTotal: 50,
    vat: [[2000, 214, 178, 36], [0, 86, 86, 0]],
    lineTotals: [0, 214, 86], lineVat: [0, 36, 0],
  },
  {
    name: 'reduced and standard lines with odd pennies and basket 12.5%',
    lines: [u(333, 3, 500), u(777, 1, 2000), u(101, 1, 2000)],
    discounts: [pct(1250)],
    // 20%: 768×2000/12000 = 128.000 → 128
    // 5%: 874×500/10500 = 41.619 → 42
    total: 1642, discountTotal: 235,
    vat: [[2000, 768, 640, 128], [500, 874, 832, 42]],
    lineTotals: [874, 680, 88], lineVat: [42, 113, 15],
  },
  {
    name: '17.5% historic rate',
    lines: [u(1175, 1, 1750), u(100, 1, 1750)],
    // 17.5%: 1275×1750/11750 = 189.894 → 190
    total: 1275, discountTotal: 0,
    vat: [[1750, 1275, 1085, 190]],
    lineTotals: [1175, 100], lineVat: [175, 15],
  },
  {
    name: 'basket discount on a zero-rated-only basket',
    lines: [u(115, 4, 0), u(89, 1, 0)],
    discounts: [amt(60)],
    total: 489, discountTotal: 60,
    vat: [[0, 489, 489, 0]],
    lineTotals: [410, 79], lineVat: [0, 0],
  },
]

describe('the rounding rule: VAT per rate on the discounted VAT-inclusive total', () => {
  it('has at least 30 hand-checked baskets', () => expect(cases.length).toBeGreaterThanOrEqual(30))

  it.each(cases)('$name', (c) => {
    const priced = priceBasket({ lines: c.lines, discounts: c.discounts ?? [] })
    expect(priced.totalMinor).toBe(c.total)
    expect(priced.discountTotalMinor).toBe(c.discountTotal)
    expect(priced.vat.map((v) => [v.rateBp, v.grossMinor, v.netMinor, v.vatMinor])).toEqual(c.vat)
    expect(priced.lines.map((l) => l.totalMinor)).toEqual(c.lineTotals)
    expect(priced.lines.map((l) => l.vatMinor)).toEqual(c.lineVat)
    // and the books balance
    expect(priced.vat.reduce((s, v) => s + v.netMinor + v.vatMinor, 0)).toBe(c.total)
    expect(priced.grossMinor - priced.discountTotalMinor).toBe(c.total)
  })
})
