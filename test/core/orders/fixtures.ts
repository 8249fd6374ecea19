/** Shared fixtures for the returns tests. */
import type { Minor } from '../../../appliance/core/money.js'
import type { PaidTender } from '../../../appliance/core/orders/refunds.js'
import { DEFAULT_RETURN_REASONS, DEFAULT_RETURN_WINDOWS, type ReturnPolicy } from '../../../appliance/core/orders/return-policy.js'
import type { SoldOrder } from '../../../appliance/core/orders/returns.js'

export const POLICY: ReturnPolicy = {
  reasons: DEFAULT_RETURN_REASONS,
  windows: DEFAULT_RETURN_WINDOWS,
  sellableLocations: ['shop-floor', 'backroom'],
  quarantineLocation: 'quarantine',
  noReceiptLimitMinor: 2000 as Minor,
  timeZone: 'Europe/London',
}

export const m = (n: number) => n as Minor
export const tender = (kind: PaidTender['kind'], applied: number, refunded = 0, reference: string | null = null): PaidTender =>
  ({ kind, appliedMinor: m(applied), refundedMinor: m(refunded), reference })

/** A till sale on Saturday 1 March 2025: 3 mugs for £10 (discounted), a tea, a £25 gift card; voucher + card. */
export const SALE: SoldOrder = {
  channel: 'store',
  placedAt: new Date('2025-03-01T10:00:00Z'),
  deliveredAt: null,
  lines: [
    { lineNo: 1, sku: 'MUG', kind: 'goods', quantity: 3, totalMinor: m(1000), returnedQuantity: 0, location: 'shop-floor' },
    { lineNo: 2, sku: 'TEA', kind: 'goods', quantity: 1, totalMinor: m(450), returnedQuantity: 0, location: 'backroom' },
    { lineNo: 3, sku: 'GIFT-25', kind: 'gift_card', quantity: 1, totalMinor: m(2500), returnedQuantity: 0, location: null },
  ],
  tenders: [tender('voucher', 950, 0, 'V0UCHERC0DE00001'), tender('card', 3000, 0, 'AUTH123')],
  refundedMinor: m(0),
}
