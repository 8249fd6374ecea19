/**
 * The till's basket as the browser holds it: what to send the appliance (lines by SKU or
 * label barcode, discounts, customer, tenders) plus just enough to show a scanned line at
 * once (name, estimated price) before the appliance's quote answers with the real figures.
 *
 * Pure functions over plain data, so the whole basket — including a sale sent but not yet
 * answered, with its idempotency key — can live in local storage and survive a lost
 * connection or a reload: the same key completes the same sale exactly once.
 */
import type { CustomerInput, DiscountInput, SaleLineInput, SaleRequest, ScanAnswer, TenderInput } from '../../appliance/api/contract.js'
import type { KeyValueStore } from '../data/settings.js'

export interface BasketLine {
  /** Local id, for keyed rendering and edits. */
  id: string
  request: SaleLineInput
  name: string
  /** Until the quote answers: the scan's price, times the quantity. */
  estimateMinor: number
}

export interface PendingSale {
  key: string
  body: SaleRequest
  sentAt: string
}

export interface Basket {
  lines: BasketLine[]
  discounts: DiscountInput[]
  customer: CustomerInput | null
  tenders: TenderInput[]
  approvalToken: string | null
  /** A sale sent and not yet answered: sent again with the same key until it is. */
  pending: PendingSale | null
}

export const emptyBasket = (): Basket => ({ lines: [], discounts: [], customer: null, tenders: [], approvalToken: null, pending: null })

let counter = 0
const lineId = () => `l${Date.now().toString(36)}${(++counter).toString(36)}`

/** Once payment has started the basket is fixed: remove the payments to change it. */
export const isLocked = (b: Basket): boolean => b.tenders.length > 0 || b.pending !== null

const plain = (l: BasketLine) => l.request.sku !== undefined && !l.request.discount && !l.request.priceOverride

/** A scanned product: one more of the last plain line of that SKU, or a new line (labels are always new lines). */
export function addScanned(b: Basket, scan: Extract<ScanAnswer, { kind: 'product' }>): { basket: Basket; lineId: string } {
  if ('sku' in scan.line) {
    const sku = scan.line.sku
    const existing = [...b.lines].reverse().find((l) => plain(l) && l.request.sku === sku)
    if (existing) {
      const quantity = (existing.request.quantity ?? 1) + 1
      return { basket: setQuantity(b, existing.id, quantity), lineId: existing.id }
    }
  }
  const line: BasketLine = { id: lineId(), request: { ...scan.line }, name: scan.product.name, estimateMinor: scan.unitPriceMinor }
  return { basket: { ...b, lines: [...b.lines, line] }, lineId: line.id }
}

export function addGiftCard(b: Basket, amountMinor: number): Basket {
  return { ...b, lines: [...b.lines, { id: lineId(), request: { giftCard: { amountMinor } }, name: 'Gift card', estimateMinor: amountMinor }] }
}

const updateLine = (b: Basket, id: string, change: (l: BasketLine) => BasketLine): Basket => ({ ...b, lines: b.lines.map((l) => (l.id === id ? change(l) : l)) })

export function setQuantity(b: Basket, id: string, quantity: number): Basket {
  return updateLine(b, id, (l) => {
    const per = l.estimateMinor / (l.request.quantity ?? 1)
    return { ...l, request: { ...l.request, quantity }, estimateMinor: Math.round(per * quantity) }
  })
}

export const removeLine = (b: Basket, id: string): Basket => ({ ...b, lines: b.lines.filter((l) => l.id !== id) })

export function setLineDiscount(b: Basket, id: string, discount: DiscountInput | null): Basket {
  return updateLine(b, id, (l) => {
    const { discount: _old, ...rest } = l.request
    return { ...l, request: discount ? { ...rest, discount } : rest }
  })
}

export function setPriceOverride(b: Basket, id: string, override: { unitPriceMinor: number; reason: string } | null): Basket {
  return updateLine(b, id, (l) => {
    const { priceOverride: _old, ...rest } = l.request
    return { ...l, request: override ? { ...rest, priceOverride: override } : rest }
  })
}

export const addBasketDiscount = (b: Basket, d: DiscountInput): Basket => ({ ...b, discounts: [...b.discounts, d] })
export const removeBasketDiscount = (b: Basket, index: number): Basket => ({ ...b, discounts: b.discounts.filter((_, i) => i !== index) })
export const addTender = (b: Basket, t: TenderInput): Basket => ({ ...b, tenders: [...b.tenders, t] })
export const removeTender = (b: Basket, index: number): Basket => ({ ...b, tenders: b.tenders.filter((_, i) => i !== index) })

/** What the void record says about the lines at `indexes`: the appliance's figures when priced, else the estimates. */
export function voidedLines(b: Basket, indexes: readonly number[], priced: ReadonlyArray<{ name: string; totalMinor: number }> | undefined) {
  return indexes.map((i) => {
    const line = b.lines[i]!
    const p = priced?.[i]
    return { sku: line.request.sku ?? line.request.barcode ?? 'GIFT-CARD', name: p?.name ?? line.name, quantity: line.request.quantity ?? 1, totalMinor: p?.totalMinor ?? line.estimateMinor }
  })
}

export const quoteRequest = (b: Basket) => ({ lines: b.lines.map((l) => l.request), discounts: b.discounts, tenders: b.tenders })

export function saleRequest(b: Basket, till: string): SaleRequest {
  return {
    till,
    lines: b.lines.map((l) => l.request),
    ...(b.discounts.length ? { discounts: b.discounts } : {}),
    tenders: b.tenders,
    ...(b.customer ? { customer: b.customer } : {}),
    ...(b.approvalToken ? { approvalToken: b.approvalToken } : {}),
  }
}

/** Lines recalled from a parked basket (names and prices follow from the quote). */
export function fromParked(parked: { lines: SaleLineInput[]; discounts: DiscountInput[]; customer?: CustomerInput }): Basket {
  return {
    ...emptyBasket(),
    lines: parked.lines.map((request) => ({ id: lineId(), request, name: request.sku ?? request.barcode ?? 'Gift card', estimateMinor: request.giftCard?.amountMinor ?? 0 })),
    discounts: parked.discounts,
    customer: parked.customer ?? null,
  }
}

const storageKey = (till: string) => `pos.till.basket.${till}`

export function saveBasket(storage: KeyValueStore, till: string, b: Basket): void {
  try {
    storage.setItem(storageKey(till), JSON.stringify(b))
  } catch {
    // Storage full or blocked: the basket still lives in memory.
  }
}

export function loadBasket(storage: KeyValueStore, till: string): Basket {
  try {
    const raw = storage.getItem(storageKey(till))
    if (!raw) return emptyBasket()
    const parsed = JSON.parse(raw) as Partial<Basket>
    return { ...emptyBasket(), ...parsed, lines: Array.isArray(parsed.lines) ? parsed.lines : [] }
  } catch {
    return emptyBasket()
  }
}

/** "12.50", "12.5", "12", "£12.50" → 1250 pence; undefined for anything else. */
export function parsePounds(text: string): number | undefined {
  const match = /^\s*£?\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!match) return undefined
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

/** 1250 → "12.50", for prefilling money fields (display formatting is format.ts's job). */
export const poundsText = (minor: number): string => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`
