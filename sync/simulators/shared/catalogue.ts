/**
 * What the simulators sell and who buys it: a small demo catalogue, the channel-neutral order
 * spec every simulator turns into its own payloads, and seeded random customers. Amounts in a
 * spec are minor units; each simulator renders them as its channel does ("10.0", "10.00").
 */
import { CURRENCY_EXPONENTS } from '../../money.js'
import type { SeededRandom } from './rng.js'

export interface SimProduct {
  sku: string
  title: string
  /** VAT-inclusive GBP price, minor units. */
  priceMinor: number
  stock: number
}

export const DEMO_PRODUCTS: readonly SimProduct[] = Object.freeze([
  { sku: 'MUG-STONE-01', title: 'Stoneware mug, sage', priceMinor: 1499, stock: 40 },
  { sku: 'MUG-STONE-02', title: 'Stoneware mug, ochre', priceMinor: 1499, stock: 35 },
  { sku: 'TEA-BREAKFAST-250', title: 'Breakfast tea, loose, 250 g', priceMinor: 850, stock: 120 },
  { sku: 'TEA-EARLGREY-250', title: 'Earl Grey, loose, 250 g', priceMinor: 895, stock: 90 },
  { sku: 'POT-TEAPOT-6C', title: 'Six-cup teapot', priceMinor: 3400, stock: 12 },
  { sku: 'CADDY-TIN-01', title: 'Tea caddy, tin', priceMinor: 1200, stock: 25 },
  { sku: 'COASTER-OAK-4', title: 'Oak coasters, set of 4', priceMinor: 1850, stock: 30 },
  { sku: 'CLOTH-LINEN-01', title: 'Linen tea towel', priceMinor: 999, stock: 60 },
  { sku: 'STRAINER-SS-01', title: 'Tea strainer, steel', priceMinor: 650, stock: 80 },
  { sku: 'HONEY-WILD-340', title: 'Wildflower honey, 340 g', priceMinor: 799, stock: 48 },
])

export interface SimLineSpec {
  sku: string | null
  title: string
  quantity: number
  /** Unit price as the buyer saw it (VAT-inclusive for GBP/EUR, exclusive for USD). */
  unitPriceMinor: number
  /** Discount on the whole line. */
  discountMinor?: number
}

export interface SimOrderSpec {
  currency: string
  customer: { name: string; email: string; phone: string | null }
  address: { line1: string; line2: string | null; city: string; region: string | null; postcode: string; country: string }
  lines: SimLineSpec[]
  shipping: { method: string; priceMinor: number }
  /** VAT rate in percent, applied inclusively (GBP/EUR) or on top (USD). */
  taxRatePercent: number
}

/** Minor-unit exponent for rendering; unknown currencies (test fixtures) render with 2. */
export const simExponent = (currency: string): number => CURRENCY_EXPONENTS[currency] ?? 2

/** Renders minor units as a decimal string; `style` "shopify" drops to one trailing zero ("10.0"). */
export function decimal(minor: number, currency: string, style: 'fixed' | 'shopify' = 'fixed'): string {
  const exponent = simExponent(currency)
  const sign = minor < 0 ? '-' : ''
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  if (exponent === 0) return style === 'shopify' ? `${sign}${digits}.0` : `${sign}${digits}`
  const whole = digits.slice(0, -exponent)
  const fraction = digits.slice(-exponent)
  if (style === 'shopify') return `${sign}${whole}.${fraction.replace(/0+$/, '') || '0'}`
  return `${sign}${whole}.${fraction}`
}

/** Tax contained in a VAT-inclusive amount, rounded half up (the way UK tills do it). */
export const includedTax = (grossMinor: number, ratePercent: number): number =>
  Math.floor((grossMinor * ratePercent * 2 + (100 + ratePercent)) / (2 * (100 + ratePercent)))

/** Tax added on top of an exclusive amount, rounded half up. */
export const addedTax = (netMinor: number, ratePercent: number): number => Math.floor((netMinor * ratePercent * 2 + 100) / 200)

/** Whether the simulated channel states prices with tax included for this currency. */
export const taxInclusive = (currency: string): boolean => currency !== 'USD'

export interface SimLineAmounts {
  grossMinor: number
  discountMinor: number
  totalMinor: number
  taxMinor: number
}

/** Line money the way all simulators compute it (tax on the discounted line). */
export function lineAmounts(line: SimLineSpec, spec: SimOrderSpec): SimLineAmounts {
  const grossMinor = line.unitPriceMinor * line.quantity
  const discountMinor = line.discountMinor ?? 0
  const totalMinor = grossMinor - discountMinor
  const taxMinor = taxInclusive(spec.currency) ? includedTax(totalMinor, spec.taxRatePercent) : addedTax(totalMinor, spec.taxRatePercent)
  return { grossMinor, discountMinor, totalMinor, taxMinor }
}

export interface SimOrderAmounts {
  lines: SimLineAmounts[]
  subtotalMinor: number
  shippingMinor: number
  shippingTaxMinor: number
  discountMinor: number
  taxMinor: number
  totalMinor: number
}

export function orderAmounts(spec: SimOrderSpec): SimOrderAmounts {
  const lines = spec.lines.map((l) => lineAmounts(l, spec))
  const subtotalMinor = lines.reduce((s, l) => s + l.totalMinor, 0)
  const inclusive = taxInclusive(spec.currency)
  const shippingMinor = spec.shipping.priceMinor
  const shippingTaxMinor = inclusive ? includedTax(shippingMinor, spec.taxRatePercent) : addedTax(shippingMinor, spec.taxRatePercent)
  const taxMinor = lines.reduce((s, l) => s + l.taxMinor, 0) + shippingTaxMinor
  const discountMinor = lines.reduce((s, l) => s + l.discountMinor, 0)
  const totalMinor = subtotalMinor + shippingMinor + (inclusive ? 0 : taxMinor)
  return { lines, subtotalMinor, shippingMinor, shippingTaxMinor, discountMinor, taxMinor, totalMinor }
}

const FIRST = ['Amara', 'Ben', 'Chloe', 'Dev', 'Eilidh', 'Femi', 'Grace', 'Harry', 'Isla', 'Jamal', 'Kate', 'Liam']
const LAST = ['Okafor', 'Walsh', 'Patel', 'Hughes', 'MacLeod', 'Adeyemi', 'Evans', 'Singh', 'Murray', 'Price']
const TOWNS = [
  { city: 'Leeds', postcode: 'LS1 4AP', region: 'West Yorkshire' },
  { city: 'Bristol', postcode: 'BS1 5TR', region: null },
  { city: 'Glasgow', postcode: 'G2 1DY', region: 'Lanarkshire' },
  { city: 'Cardiff', postcode: 'CF10 1EP', region: null },
  { city: 'Norwich', postcode: 'NR2 1NR', region: 'Norfolk' },
  { city: 'Belfast', postcode: 'BT1 5GS', region: 'County Antrim' },
]

/** A plausible UK order from the catalogue; deterministic for a given generator state. */
export function randomOrderSpec(random: SeededRandom, products: readonly SimProduct[] = DEMO_PRODUCTS): SimOrderSpec {
  const first = random.pick(FIRST)
  const last = random.pick(LAST)
  const town = random.pick(TOWNS)
  const count = random.int(1, 3)
  const chosen = new Map<string, SimLineSpec>()
  for (let i = 0; i < count; i++) {
    const product = random.pick(products)
    const existing = chosen.get(product.sku)
    if (existing) existing.quantity += 1
    else chosen.set(product.sku, { sku: product.sku, title: product.title, quantity: random.int(1, 2), unitPriceMinor: product.priceMinor })
  }
  return {
    currency: 'GBP',
    customer: { name: `${first} ${last}`, email: `${first}.${last}@example.co.uk`.toLowerCase(), phone: `07700 900${random.int(100, 999)}` },
    address: { line1: `${random.int(1, 220)} High Street`, line2: null, ...town, country: 'GB' },
    lines: [...chosen.values()],
    shipping: { method: random.pick(['Royal Mail Tracked 48', 'Royal Mail Tracked 24', 'DPD Next Day']), priceMinor: random.pick([0, 295, 395, 599]) },
    taxRatePercent: 20,
  }
}

/** A fixed, easy-to-check order: two lines, £3.95 shipping, GBP. Tests override parts of it. */
export function sampleOrderSpec(overrides: Partial<SimOrderSpec> = {}): SimOrderSpec {
  return {
    currency: 'GBP',
    customer: { name: 'Ada Lovelace', email: 'ada@example.co.uk', phone: '07700 900123' },
    address: { line1: '12 Analytical Row', line2: 'Flat 2', city: 'London', region: null, postcode: 'N1 9GU', country: 'GB' },
    lines: [
      { sku: 'MUG-STONE-01', title: 'Stoneware mug, sage', quantity: 2, unitPriceMinor: 1499 },
      { sku: 'TEA-BREAKFAST-250', title: 'Breakfast tea, loose, 250 g', quantity: 1, unitPriceMinor: 850 },
    ],
    shipping: { method: 'Royal Mail Tracked 48', priceMinor: 395 },
    taxRatePercent: 20,
    ...overrides,
  }
}

/** Parses a request's decimal amount ("12.5") into minor units; NaN when it is not one. */
export function parseSimDecimal(value: unknown, currency: string): number {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) return NaN
  const exponent = simExponent(currency)
  const [whole = '0', fraction = ''] = value.split('.')
  if (/[^0]/.test(fraction.slice(exponent))) return NaN
  return Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0').slice(0, exponent) || '0')
}
