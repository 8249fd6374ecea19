/**
 * How the Amazon simulator's orders look through SP-API Orders v0: PascalCase fields,
 * `Money{CurrencyCode, Amount}`, ISO instants without milliseconds, LatestShipDate as the
 * despatch deadline, and the Pending quirk — a Pending order has no OrderTotal and its items
 * no ItemPrice. Buyer and full address only for a restricted data token (PII).
 */
import { decimal, includedTax, addedTax, taxInclusive, type SimOrderSpec } from '../shared/catalogue.js'

export type AmazonStatus = 'PendingAvailability' | 'Pending' | 'Unshipped' | 'PartiallyShipped' | 'Shipped' | 'InvoiceUnconfirmed' | 'Canceled' | 'Unfulfillable'

export interface AmazonOrderRecord {
  id: string
  status: AmazonStatus
  fulfillmentChannel: 'MFN' | 'AFN'
  spec: SimOrderSpec
  totalMinor: number
  purchasedAt: number
  updatedAt: number
  items: { id: string; shipped: number }[]
  packages: { referenceId: string; tracking: string }[]
}

export const amzIso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')

const DAY = 86_400_000
const endOfDay = (ms: number) => {
  const d = new Date(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59)
}

const money = (minor: number, currency: string) => ({ CurrencyCode: currency, Amount: decimal(minor, currency) })

export function renderAmazonOrder(order: AmazonOrderRecord, marketplaceId: string, pii: boolean): Record<string, unknown> {
  const { spec } = order
  const pending = order.status === 'Pending' || order.status === 'PendingAvailability'
  const quantity = spec.lines.reduce((s, l) => s + l.quantity, 0)
  const shipped = order.items.reduce((s, i) => s + i.shipped, 0)
  const address = pii
    ? { Name: spec.customer.name, AddressLine1: spec.address.line1, AddressLine2: spec.address.line2 ?? undefined, City: spec.address.city, StateOrRegion: spec.address.region ?? undefined, PostalCode: spec.address.postcode, CountryCode: spec.address.country, Phone: spec.customer.phone ?? undefined, AddressType: 'Residential' }
    : { City: spec.address.city, StateOrRegion: spec.address.region ?? undefined, PostalCode: spec.address.postcode, CountryCode: spec.address.country }
  return {
    AmazonOrderId: order.id,
    PurchaseDate: amzIso(order.purchasedAt),
    LastUpdateDate: amzIso(order.updatedAt),
    OrderStatus: order.status,
    FulfillmentChannel: order.fulfillmentChannel,
    SalesChannel: 'Amazon.co.uk',
    ShipServiceLevel: 'Std UK Dom_1',
    ...(pending ? {} : { OrderTotal: money(order.totalMinor, spec.currency) }),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: quantity - shipped,
    PaymentMethod: 'Other',
    MarketplaceId: marketplaceId,
    ShipmentServiceLevelCategory: 'Standard',
    OrderType: 'StandardOrder',
    EarliestShipDate: amzIso(order.purchasedAt),
    LatestShipDate: amzIso(endOfDay(order.purchasedAt + 2 * DAY)),
    EarliestDeliveryDate: amzIso(endOfDay(order.purchasedAt + 3 * DAY)),
    LatestDeliveryDate: amzIso(endOfDay(order.purchasedAt + 5 * DAY)),
    IsBusinessOrder: false,
    IsPrime: false,
    IsPremiumOrder: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    ShippingAddress: address,
    BuyerInfo: pii ? { BuyerEmail: `${order.id.replace(/-/g, '')}@marketplace.amazon.co.uk`, BuyerName: spec.customer.name } : {},
  }
}

export function renderAmazonItems(order: AmazonOrderRecord): Record<string, unknown>[] {
  const { spec } = order
  const c = spec.currency
  const pending = order.status === 'Pending' || order.status === 'PendingAvailability'
  const tax = (minor: number) => (taxInclusive(c) ? includedTax(minor, spec.taxRatePercent) : addedTax(minor, spec.taxRatePercent))
  return spec.lines.map((line, i) => {
    const gross = line.unitPriceMinor * line.quantity
    const discount = line.discountMinor ?? 0
    const shipping = i === 0 ? spec.shipping.priceMinor : 0
    return {
      ASIN: `B0${String(100000000 + i * 7919).slice(0, 8)}`,
      SellerSKU: line.sku ?? undefined,
      OrderItemId: order.items[i]?.id,
      Title: line.title,
      QuantityOrdered: line.quantity,
      QuantityShipped: order.items[i]?.shipped ?? 0,
      ...(pending
        ? {}
        : {
            ItemPrice: money(gross, c),
            ItemTax: money(tax(gross - discount), c),
            ShippingPrice: money(shipping, c),
            ShippingTax: money(tax(shipping), c),
            ShippingDiscount: money(0, c),
            PromotionDiscount: money(discount, c),
            PromotionDiscountTax: money(0, c),
          }),
      IsGift: 'false',
      ConditionId: 'New',
      IsTransparency: false,
    }
  })
}
