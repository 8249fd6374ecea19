/**
 * From what the till sends to what core prices: each line names a product by SKU or by
 * barcode (an ordinary GTIN or a price-/weight-embedded label), or is a gift card sold for
 * an amount. Prices always come from the catalogue here, never from the client; the only
 * price a client sends is an override, which approvals then judge.
 *
 * An embedded label (prefix 20–29, layouts in the till settings) names its product by the
 * "base" barcode: the same code with the value zeroed and the check digit recomputed
 * (`2112345000008` for item 12345), which the catalogue lists as the product's barcode. A
 * price label sells one item at the printed price; a weight label sells one weighed item at
 * the catalogue's price per kg. Either moves one unit of stock (a labelled pack).
 */
import type { Minor } from '../../core/money.js'
import { DomainError, invalid, notFound } from '../../core/errors.js'
import {
  encodeEmbeddedBarcode,
  parseEmbeddedBarcode,
  type BasketInput,
  type Discount,
  type EmbeddedBarcode,
  type EmbeddedLayout,
  type SaleLineInput,
} from '../../core/sale/index.js'
import type { CatalogueQueries, ProductRecord } from '../ports.js'

/** `{percent: 10, reason}` or `{amountMinor: 250, reason}`. */
export type DiscountRequest = { percent: number; reason: string } | { amountMinor: number; reason: string }

export interface SaleLineRequest {
  sku?: string
  barcode?: string
  /** Defaults to 1. */
  quantity?: number
  priceOverride?: { unitPriceMinor: number; reason: string }
  discount?: DiscountRequest
  /** Sells a new gift card loaded with this amount (no product, no stock, outside the scope of VAT). */
  giftCard?: { amountMinor: number }
}

export interface BasketRequest {
  lines: readonly SaleLineRequest[]
  discounts?: readonly DiscountRequest[]
}

export interface ResolvedGoods {
  /** Index in the request's lines. */
  index: number
  product: ProductRecord
  barcode: string | null
}

export interface ResolvedBasket {
  /** What core prices: the goods lines only, in request order. */
  input: BasketInput
  goods: ResolvedGoods[]
  giftCards: Array<{ index: number; amountMinor: Minor }>
}

export const GIFT_CARD_SKU = 'GIFT-CARD'
export const MAX_GIFT_CARD_MINOR = 100_000

/** Converts an API discount to core's; percentages may have two decimals (12.5 → 1250 bp). */
export function toDiscount(request: DiscountRequest, field: string): Discount {
  if ('percent' in request) {
    const bp = Math.round(request.percent * 100)
    if (!Number.isFinite(request.percent) || Math.abs(bp - request.percent * 100) > 1e-6) {
      throw invalid('A percentage discount has at most two decimals', `${field}.percent`)
    }
    return { kind: 'percent', percentBp: bp, reason: request.reason }
  }
  return { kind: 'amount', amountMinor: request.amountMinor as Minor, reason: request.reason }
}

/** What an embedded barcode means, and the base barcode its product is listed under. */
export function readEmbedded(code: string, layouts: readonly EmbeddedLayout[], field: string): { embedded: EmbeddedBarcode; baseBarcode: string } | undefined {
  let embedded: EmbeddedBarcode | undefined
  try {
    embedded = parseEmbeddedBarcode(code, layouts)
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, error.message, field)
    throw error
  }
  if (!embedded) return undefined
  const layout = layouts.find((l) => l.prefixes.includes(embedded.prefix))!
  return { embedded, baseBarcode: encodeEmbeddedBarcode(layout, embedded.prefix, embedded.itemCode, 0) }
}


/** The catalogue lookups a basket needs (the in-memory catalogue cache answers them without I/O). */
export type ProductLookup = Pick<CatalogueQueries, 'bySku' | 'byBarcode'>

async function productOf(line: SaleLineRequest, i: number, catalogue: ProductLookup, baseBarcode: string | undefined): Promise<ProductRecord> {
  if (line.sku !== undefined) {
    const product = await catalogue.bySku(line.sku)
    if (!product) throw notFound(`There is no product with SKU "${line.sku}"`, `lines.${i}.sku`)
    return product
  }
  const product = await catalogue.byBarcode(baseBarcode ?? line.barcode ?? '')
  if (!product) {
    throw notFound(baseBarcode ? `No product is set up for the scale label ${line.barcode}` : `Barcode ${line.barcode} is not in the catalogue`, `lines.${i}.barcode`)
  }
  return product
}

function lineInput(line: SaleLineRequest, i: number, product: ProductRecord, embedded: EmbeddedBarcode | undefined): SaleLineInput {
  const base = {
    sku: product.sku,
    name: product.name,
    vatRateBp: product.vatRateBp,
    ...(line.priceOverride ? { priceOverride: { unitPriceMinor: line.priceOverride.unitPriceMinor as Minor, reason: line.priceOverride.reason } } : {}),
    ...(line.discount ? { discount: toDiscount(line.discount, `lines.${i}.discount`) } : {}),
  }
  if (embedded && line.quantity !== undefined && line.quantity !== 1) {
    throw invalid('A labelled item is sold one at a time: scan each label', `lines.${i}.quantity`)
  }
  if (embedded?.kind === 'weight') return { ...base, weight: { grams: embedded.weightGrams, pricePerKgMinor: product.priceMinor as Minor } }
  if (embedded?.kind === 'price') return { ...base, unitPriceMinor: embedded.priceMinor, quantity: 1 }
  return { ...base, unitPriceMinor: product.priceMinor as Minor, quantity: line.quantity ?? 1 }
}

/** Looks every line's product up and builds core's basket input. */
export async function resolveBasket(catalogue: ProductLookup, request: BasketRequest, layouts: readonly EmbeddedLayout[]): Promise<ResolvedBasket> {
  if (request.lines.length === 0) throw invalid('Add at least one item to the sale', 'lines')
  const goods: ResolvedGoods[] = []
  const inputs: SaleLineInput[] = []
  const giftCards: ResolvedBasket['giftCards'] = []
  for (const [i, line] of request.lines.entries()) {
    const named = [line.sku, line.barcode, line.giftCard].filter((x) => x !== undefined).length
    if (named !== 1) throw invalid('Each line names a product by its sku or its barcode, or is a giftCard', `lines.${i}`)
    if (line.giftCard) {
      const amount = line.giftCard.amountMinor
      if (!Number.isSafeInteger(amount) || amount <= 0) throw invalid('A gift card is loaded with a whole number of pence, more than zero', `lines.${i}.giftCard.amountMinor`)
      if (amount > MAX_GIFT_CARD_MINOR) throw invalid(`A gift card holds at most ${MAX_GIFT_CARD_MINOR / 100} pounds`, `lines.${i}.giftCard.amountMinor`)
      if (line.discount || line.priceOverride) throw invalid("A gift card can't be discounted or repriced", `lines.${i}`)
      giftCards.push({ index: i, amountMinor: amount as Minor })
      continue
    }
    const read = line.barcode === undefined ? undefined : readEmbedded(line.barcode, layouts, `lines.${i}.barcode`)
    const product = await productOf(line, i, catalogue, read?.baseBarcode)
    goods.push({ index: i, product, barcode: line.barcode ?? null })
    inputs.push(lineInput(line, i, product, read?.embedded))
  }
  const discounts = (request.discounts ?? []).map((d, i) => toDiscount(d, `discounts.${i}`))
  if (discounts.length > 0 && goods.length === 0) throw invalid('A basket discount needs goods to apply to (gift cards are never discounted)', 'discounts')
  return { input: { lines: inputs, discounts }, goods, giftCards }
}

/** Core names goods lines by their position among the goods; the client knows them by request position. */
export function requestField(field: string | undefined, goods: readonly ResolvedGoods[]): string | undefined {
  const match = field === undefined ? null : /^lines\.(\d+)(.*)$/.exec(field)
  if (!match) return field
  const index = goods[Number(match[1])]?.index
  return index === undefined ? field : `lines.${index}${match[2]}`
}
