/**
 * SP-API Orders v0 order + order items -> ChannelOrder. `ItemPrice` is for the whole line
 * (unit price x quantity); in UK/EU marketplaces prices include VAT and `ItemTax` is the VAT
 * inside them. `LatestShipDate` is the despatch deadline Amazon measures us against. Pending
 * orders carry no prices yet: they map with zero amounts and an issue, and are re-imported
 * when Amazon updates them. FBA (AFN) orders are Amazon's to ship.
 */
import { z } from 'zod'
import { ChannelError } from '../../channel-error.js'
import { parseMinor, sumMinor, unitPriceOf } from '../../money.js'
import { isoUtc, isoUtcOrNull, line, reconcileTotals } from '../../mapping-support.js'
import type { ChannelOrder, OrderStatus } from '../../order.js'

const Money = z.object({ CurrencyCode: z.string(), Amount: z.string() })

export const AmazonOrder = z.object({
  AmazonOrderId: z.string(),
  PurchaseDate: z.string(),
  LastUpdateDate: z.string(),
  OrderStatus: z.string(),
  FulfillmentChannel: z.enum(['MFN', 'AFN']).optional(),
  ShipServiceLevel: z.string().optional(),
  OrderTotal: Money.optional(),
  MarketplaceId: z.string().optional(),
  LatestShipDate: z.string().optional(),
  LatestDeliveryDate: z.string().optional(),
  ShippingAddress: z.object({
    Name: z.string().optional(),
    CompanyName: z.string().optional(),
    AddressLine1: z.string().optional(),
    AddressLine2: z.string().optional(),
    City: z.string().optional(),
    StateOrRegion: z.string().optional(),
    PostalCode: z.string().optional(),
    CountryCode: z.string().optional(),
    Phone: z.string().optional(),
  }).optional(),
  BuyerInfo: z.object({ BuyerEmail: z.string().optional(), BuyerName: z.string().optional() }).optional(),
})
export type AmazonOrder = z.infer<typeof AmazonOrder>

export const AmazonOrderItem = z.object({
  OrderItemId: z.string(),
  SellerSKU: z.string().optional(),
  Title: z.string().optional(),
  QuantityOrdered: z.number().int(),
  QuantityShipped: z.number().int().optional(),
  ItemPrice: Money.optional(),
  ItemTax: Money.optional(),
  ShippingPrice: Money.optional(),
  ShippingTax: Money.optional(),
  ShippingDiscount: Money.optional(),
  PromotionDiscount: Money.optional(),
})
export type AmazonOrderItem = z.infer<typeof AmazonOrderItem>

const STATUS: Readonly<Record<string, OrderStatus>> = {
  PendingAvailability: 'pending',
  Pending: 'pending',
  Unshipped: 'ready_to_ship',
  PartiallyShipped: 'partially_shipped',
  Shipped: 'shipped',
  InvoiceUnconfirmed: 'shipped',
  Canceled: 'cancelled',
  Unfulfillable: 'cancelled',
}

export function amazonStatus(status: string): { status: OrderStatus; known: boolean } {
  const mapped = STATUS[status]
  return mapped ? { status: mapped, known: true } : { status: 'pending', known: false }
}

/** US marketplace prices exclude sales tax; UK and EU prices include VAT. */
export const US_MARKETPLACES: ReadonlySet<string> = new Set(['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'])

export function mapAmazonOrder(order: AmazonOrder, items: readonly AmazonOrderItem[], options: { taxIncluded?: boolean } = {}): ChannelOrder {
  const currency = order.OrderTotal?.CurrencyCode ?? items.find((i) => i.ItemPrice)?.ItemPrice?.CurrencyCode ?? 'GBP'
  const m = (money: z.infer<typeof Money> | undefined, field: string): number => {
    if (!money) return 0
    if (money.CurrencyCode !== currency) throw new ChannelError('contract', 'amazon', `${field} is in ${money.CurrencyCode}, the order in ${currency}`, { field })
    return parseMinor(money.Amount, currency, 'amazon', field)
  }
  const taxIncluded = options.taxIncluded ?? !US_MARKETPLACES.has(order.MarketplaceId ?? '')
  const lines = items.map((item, i) => {
    const gross = m(item.ItemPrice, `OrderItems[${i}].ItemPrice`)
    return line({
      channelLineId: item.OrderItemId,
      sku: item.SellerSKU,
      title: item.Title ?? item.SellerSKU ?? item.OrderItemId,
      quantity: item.QuantityOrdered,
      unitPriceMinor: unitPriceOf(gross, item.QuantityOrdered),
      grossMinor: gross,
      discountMinor: m(item.PromotionDiscount, `OrderItems[${i}].PromotionDiscount`),
      taxMinor: m(item.ItemTax, `OrderItems[${i}].ItemTax`),
    })
  })
  const shipping = sumMinor(items.map((item, i) => m(item.ShippingPrice, `OrderItems[${i}].ShippingPrice`) - m(item.ShippingDiscount, `OrderItems[${i}].ShippingDiscount`)))
  const priced = order.OrderTotal !== undefined
  const totals = {
    subtotalMinor: sumMinor(lines.map((l) => l.totalMinor)),
    shippingMinor: shipping,
    discountMinor: sumMinor([0]),
    taxMinor: sumMinor([...lines.map((l) => l.taxMinor), ...items.map((item, i) => m(item.ShippingTax, `OrderItems[${i}].ShippingTax`))]),
    totalMinor: sumMinor([m(order.OrderTotal, 'OrderTotal')]),
  }
  const { status, known } = amazonStatus(order.OrderStatus)
  const a = order.ShippingAddress
  const issues = [
    ...(priced ? reconcileTotals(totals, taxIncluded) : ['prices not known yet (Amazon sends none while the order is Pending)']),
    ...(known ? [] : [`unknown Amazon status "${order.OrderStatus}", held as pending`]),
    ...(a && !a.AddressLine1 && status !== 'cancelled' ? ['no street address: the seller lacks a restricted data token for buyer PII'] : []),
  ]
  return {
    channel: 'amazon',
    channelOrderId: order.AmazonOrderId,
    orderNumber: order.AmazonOrderId,
    status,
    channelStatus: order.OrderStatus,
    fulfilledBy: order.FulfillmentChannel === 'AFN' ? 'channel' : 'merchant',
    createdAt: isoUtc(order.PurchaseDate, 'amazon', 'PurchaseDate'),
    updatedAt: isoUtc(order.LastUpdateDate, 'amazon', 'LastUpdateDate'),
    currency,
    taxIncluded,
    customer: { name: order.BuyerInfo?.BuyerName ?? a?.Name ?? null, email: order.BuyerInfo?.BuyerEmail ?? null, phone: a?.Phone ?? null },
    shippingAddress: a ? { name: a.Name ?? null, company: a.CompanyName ?? null, line1: a.AddressLine1 ?? null, line2: a.AddressLine2 ?? null, city: a.City ?? null, region: a.StateOrRegion ?? null, postcode: a.PostalCode ?? null, country: a.CountryCode ?? null, phone: a.Phone ?? null } : null,
    shippingMethod: order.ShipServiceLevel ?? null,
    lines,
    totals,
    despatchBy: isoUtcOrNull(order.LatestShipDate, 'amazon', 'LatestShipDate'),
    deliverBy: isoUtcOrNull(order.LatestDeliveryDate, 'amazon', 'LatestDeliveryDate'),
    cancelledAt: status === 'cancelled' ? isoUtc(order.LastUpdateDate, 'amazon', 'LastUpdateDate') : null,
    cancelReason: status === 'cancelled' ? order.OrderStatus : null,
    refunds: [],
    issues,
  }
}
