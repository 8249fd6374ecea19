/**
 * Demo web orders for a new demo shop, so the order screens aren't empty and a Shopify
 * order can be brought back to the till: imported through the order book's own use case
 * (`upsertChannelOrder`), exactly as the sync engine imports real ones — allocated,
 * deadlines set, an unknown SKU flagged. Deterministic for a given `now`.
 */
import { upsertChannelOrder, type ChannelOrderInput } from '../app/orders/import-order.js'
import type { UnitOfWork } from '../app/ports.js'
import type { Minor } from '../core/money.js'
import { vatFromGross } from '../core/sale/vat.js'
import { demoProducts } from './seed-demo.js'

const HOUR = 3_600_000

type DemoLine = { sku: string | null; title: string; quantity: number; priceMinor: number; vatRateBp: number }

function order(channel: string, id: string, number: string, status: ChannelOrderInput['status'], at: Date, lines: DemoLine[], extra: Partial<ChannelOrderInput> = {}): ChannelOrderInput {
  const mapped = lines.map((l, i) => {
    const total = l.priceMinor * l.quantity
    return { channelLineId: `${id}-L${i + 1}`, sku: l.sku, title: l.title, quantity: l.quantity, unitPriceMinor: l.priceMinor, grossMinor: total, discountMinor: 0, totalMinor: total, taxMinor: vatFromGross(total as Minor, l.vatRateBp) }
  })
  const subtotal = mapped.reduce((s, l) => s + l.totalMinor, 0)
  const shipping = 395
  const tax = mapped.reduce((s, l) => s + l.taxMinor, 0) + vatFromGross(shipping as Minor, 2000)
  return {
    channel, channelOrderId: id, orderNumber: number, status, channelStatus: status === 'shipped' ? 'PAID/FULFILLED' : 'PAID/UNFULFILLED', fulfilledBy: 'merchant',
    createdAt: at.toISOString(), updatedAt: at.toISOString(), currency: 'GBP', taxIncluded: true,
    customer: { name: 'Chloé Dubois', email: 'chloe@example.com', phone: '07700 900123' },
    shippingAddress: { name: 'Chloé Dubois', company: null, line1: '45 Kingsland Road', line2: 'Flat 2', city: 'London', region: null, postcode: 'E2 8AA', country: 'GB', phone: '07700 900123' },
    shippingMethod: 'Standard', lines: mapped,
    totals: { subtotalMinor: subtotal, shippingMinor: shipping, discountMinor: 0, taxMinor: tax, totalMinor: subtotal + shipping },
    despatchBy: null, deliverBy: null, cancelledAt: null, cancelReason: null, issues: [], ...extra,
  }
}

/** The demo orders for a shop opened at `now`. */
export function demoChannelOrders(now: Date): ChannelOrderInput[] {
  const p = demoProducts(12).filter((x) => x.priceMinor > 0)
  const line = (i: number, quantity = 1): DemoLine => {
    const x = p[i % p.length]!
    return { sku: x.sku, title: x.name, quantity, priceMinor: x.priceMinor, vatRateBp: x.vatRateBp }
  }
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR)
  return [
    order('shopify', 'gid://shopify/Order/1001', '#1001', 'shipped', ago(72), [line(0, 2), line(1)]),
    order('shopify', 'gid://shopify/Order/1002', '#1002', 'ready_to_ship', ago(2), [line(2), line(3, 2)]),
    order('amazon', '202-1234567-1234567', '202-1234567-1234567', 'ready_to_ship', ago(20), [line(4)], {
      customer: { name: 'Sam Patel', email: 'sam.patel@example.co.uk', phone: null }, shippingMethod: 'Std UK Dom_1',
      despatchBy: new Date(now.getTime() + 26 * HOUR).toISOString(), deliverBy: new Date(now.getTime() + 74 * HOUR).toISOString(),
    }),
    order('ebay', '12-34567-89012', '12-34567-89012', 'ready_to_ship', ago(30), [line(5)], {
      customer: { name: 'Alex Morgan', email: 'alex.morgan@example.com', phone: '+44 7700 900456' },
      despatchBy: new Date(now.getTime() - 2 * HOUR).toISOString(),
    }),
    order('woocommerce', '5001', '5001', 'ready_to_ship', ago(5), [line(6), { sku: 'DISCONTINUED-7', title: 'Old stock candle', quantity: 1, priceMinor: 899, vatRateBp: 2000 }], {
      customer: { name: 'Jo Bloggs', email: 'jo@example.org', phone: '01234 567890' },
    }),
  ]
}

export async function seedDemoOrders(uow: UnitOfWork, now: Date): Promise<void> {
  await uow.run(async (s) => {
    for (const o of demoChannelOrders(now)) await upsertChannelOrder(s, o, now)
  })
}
