import { describe, expect, it } from 'vitest'
import { planNoReceiptReturn } from '../../../appliance/core/orders/no-receipt-return.js'
import { planRefund, splitToTenders, unitsRefundMinor } from '../../../appliance/core/orders/refunds.js'
import { checkReturnPolicy, returnWindowLastDay } from '../../../appliance/core/orders/return-policy.js'
import { planReturn, returnableQuantities, type ReturnRequest, type SoldOrder } from '../../../appliance/core/orders/returns.js'
import { POLICY, SALE, m, tender } from './fixtures.js'

const AT = new Date('2025-03-10T12:00:00Z')
const req = (lines: ReturnRequest['lines'], method: ReturnRequest['method'] = { kind: 'original' }, extra: Partial<ReturnRequest> = {}): ReturnRequest =>
  ({ lines, method, at: AT, ...extra })
const mug = (quantity = 1, condition: 'sellable' | 'damaged' | 'write-off' = 'sellable', location?: string) =>
  ({ lineNo: 1, quantity, reason: 'changed-mind', condition, ...(location ? { location } : {}) })

describe('returning goods against an order', () => {
  it('refunds a unit\u2019s apportioned share back over the tenders that paid', () => {
    const plan = planReturn(SALE, req([mug()]), POLICY)
    expect(plan.lines).toEqual([{ lineNo: 1, sku: 'MUG', quantity: 1, reason: 'changed-mind', condition: 'sellable', location: 'shop-floor', valueMinor: 334 }])
    expect(plan.movements).toEqual([{ sku: 'MUG', lineNo: 1, location: 'shop-floor', quantity: 1, kind: 'return' }])
    // 334p over voucher 950 / card 3000 by largest remainder: 80.33 → 80, 253.67 → 254.
    expect(plan.refund.payments).toEqual([
      { kind: 'voucher', amountMinor: 80, reference: 'V0UCHERC0DE00001', tenderIndex: 0 },
      { kind: 'card', amountMinor: 254, reference: 'AUTH123', tenderIndex: 1 },
    ])
    expect(plan.refund).toMatchObject({ valueMinor: 334, cappedMinor: 0, creditedMinor: 334, refundMinor: 334, storeCreditMinor: 0, exchange: null })
    expect(plan.approvals).toEqual([])
    expect(plan.windowLastDay).toBe('2025-03-29')
  })

  it('the rest of the line later adds up to exactly the line total', () => {
    const later: SoldOrder = { ...SALE, lines: SALE.lines.map((l) => (l.lineNo === 1 ? { ...l, returnedQuantity: 1 } : l)) }
    const plan = planReturn(later, req([mug(2)]), POLICY)
    expect(plan.lines[0]?.valueMinor).toBe(666)
    expect(334 + 666).toBe(1000)
    expect(unitsRefundMinor(m(1000), 3, 0, 3)).toBe(1000)
  })

  it('sends each condition\u2019s stock to its place, exactly once', () => {
    const plan = planReturn(SALE, req([mug(1, 'sellable', 'backroom'), mug(1, 'damaged'), mug(1, 'write-off')], { kind: 'store-credit' }), POLICY)
    expect(plan.movements).toEqual([
      { sku: 'MUG', lineNo: 1, location: 'backroom', quantity: 1, kind: 'return' },
      { sku: 'MUG', lineNo: 1, location: 'quarantine', quantity: 1, kind: 'return' },
    ])
    expect(plan.writtenOff).toEqual([{ sku: 'MUG', lineNo: 1, quantity: 1 }])
    expect(plan.lines.map((l) => [l.location, l.valueMinor])).toEqual([['backroom', 334], ['quarantine', 333], [null, 333]])
    expect(plan.refund).toMatchObject({ storeCreditMinor: 1000, payments: [], refundMinor: 1000 })
  })

  it('returnable quantity is sold less returned; gift cards never', () => {
    const some: SoldOrder = { ...SALE, lines: SALE.lines.map((l) => (l.lineNo === 1 ? { ...l, returnedQuantity: 2 } : l)) }
    expect([...returnableQuantities(some.lines)]).toEqual([[1, 1], [2, 1], [3, 0]])
  })

  it.each([
    ['more than was sold', [mug(4)], 'conflict', 'lines.0.quantity'],
    ['more than is left over two entries', [mug(2), mug(2, 'damaged')], 'conflict', 'lines.1.quantity'],
    ['a gift card', [{ lineNo: 3, quantity: 1, reason: 'changed-mind', condition: 'sellable' as const }], 'invalid_input', 'lines.0.lineNo'],
    ['a line the order lacks', [{ lineNo: 9, quantity: 1, reason: 'faulty', condition: 'sellable' as const }], 'invalid_input', 'lines.0.lineNo'],
    ['no items', [], 'invalid_input', 'lines'],
    ['a zero quantity', [mug(0)], 'invalid_input', 'lines.0.quantity'],
    ['half a mug', [mug(0.5)], 'invalid_input', 'lines.0.quantity'],
    ['a reason not on the list', [{ ...mug(), reason: 'bored' }], 'invalid_input', 'lines.0.reason'],
    ['an unknown condition', [{ ...mug(), condition: 'meh' as 'sellable' }], 'invalid_input', 'lines.0.condition'],
    ['sellable goods into quarantine', [mug(1, 'sellable', 'quarantine')], 'invalid_input', 'lines.0.location'],
  ])('refuses %s', (_name, lines, code, field) => {
    expect(() => planReturn(SALE, req(lines), POLICY)).toThrow(expect.objectContaining({ code, field }))
  })

  it('refuses a return when everything on the line came back already', () => {
    const all: SoldOrder = { ...SALE, lines: SALE.lines.map((l) => (l.lineNo === 1 ? { ...l, returnedQuantity: 3 } : l)) }
    expect(() => planReturn(all, req([mug()]), POLICY)).toThrow(/returned already/)
  })
})

describe('return windows', () => {
  it.each([
    ['the till: last day 29 March, 23:30 GMT is inside', SALE, '2025-03-29T23:30:00Z', true],
    ['the till: 00:30 on 30 March is outside', SALE, '2025-03-30T00:30:00Z', false],
    ['online: 30 days from delivery, 23:30 BST on 4 April inside', { ...SALE, channel: 'shopify', deliveredAt: new Date('2025-03-05T09:00:00Z') }, '2025-04-04T22:30:00Z', true],
    ['online: 00:30 BST on 5 April outside', { ...SALE, channel: 'shopify', deliveredAt: new Date('2025-03-05T09:00:00Z') }, '2025-04-04T23:30:00Z', false],
    ['online, delivery unknown: counts from the sale', { ...SALE, channel: 'ebay' }, '2025-04-01T12:00:00Z', false],
  ])('%s', (_name, order, at, inside) => {
    const run = () => planReturn(order, req([mug()], { kind: 'original' }, { at: new Date(at) }), POLICY)
    if (inside) {
      expect(run().approvals).toEqual([])
    } else {
      expect(run).toThrow(expect.objectContaining({ code: 'conflict', field: 'overrideWindow' }))
      const overridden = planReturn(order, req([mug()], { kind: 'original' }, { at: new Date(at), overrideWindow: true }), POLICY)
      expect(overridden.approvals).toEqual([{ action: 'return.refund', field: 'overrideWindow', reason: expect.stringMatching(/closed on/) }])
    }
  })

  it('knows the last day per channel', () => {
    expect(returnWindowLastDay(POLICY, SALE)).toBe('2025-03-29')
    expect(returnWindowLastDay(POLICY, { ...SALE, channel: 'amazon' })).toBe('2025-03-31')
    expect(returnWindowLastDay(POLICY, { ...SALE, channel: 'amazon', deliveredAt: new Date('2025-03-04T23:30:00Z') })).toBe('2025-04-03')
  })
})

describe('refund methods', () => {
  it('a card sale never refunds in cash; a cash-and-card sale gives cash back only for its cash part', () => {
    const cardOnly: SoldOrder = { ...SALE, tenders: [tender('card', 3950, 0, 'AUTH9')] }
    expect(planReturn(cardOnly, req([mug(3)]), POLICY).refund.payments).toEqual([{ kind: 'card', amountMinor: 1000, reference: 'AUTH9', tenderIndex: 0 }])
    const mixed: SoldOrder = { ...SALE, tenders: [tender('cash', 1000), tender('card', 2950)] }
    const payments = planReturn(mixed, req([mug(3)]), POLICY).refund.payments
    expect(payments.map((p) => [p.kind, p.amountMinor])).toEqual([['cash', 253], ['card', 747]])
  })

  it('a channel order is refunded through the channel', () => {
    const web: SoldOrder = { ...SALE, channel: 'shopify', deliveredAt: new Date('2025-03-03T12:00:00Z'), tenders: [tender('channel', 3950, 0, 'gid://shopify/Transaction/1')] }
    expect(planReturn(web, req([mug()]), POLICY).refund.payments).toEqual([{ kind: 'channel', amountMinor: 334, reference: 'gid://shopify/Transaction/1', tenderIndex: 0 }])
  })

  it('exchange: the customer pays the difference, or gets it back', () => {
    const dearer = planReturn(SALE, req([mug()], { kind: 'exchange', newItemsTotalMinor: m(500), balanceMethod: 'original' }), POLICY).refund
    expect(dearer).toMatchObject({ exchange: { newItemsTotalMinor: 500, creditAppliedMinor: 334, customerPaysMinor: 166 }, payments: [], refundMinor: 0, creditedMinor: 334 })
    const cheaper = planReturn(SALE, req([mug()], { kind: 'exchange', newItemsTotalMinor: m(200), balanceMethod: 'store-credit' }), POLICY).refund
    expect(cheaper).toMatchObject({ exchange: { creditAppliedMinor: 200, customerPaysMinor: 0 }, storeCreditMinor: 134, refundMinor: 134, creditedMinor: 334 })
    const back = planReturn(SALE, req([mug()], { kind: 'exchange', newItemsTotalMinor: m(200), balanceMethod: 'original' }), POLICY).refund
    expect(back.payments.reduce((s, p) => s + p.amountMinor, 0)).toBe(134)
  })

  it('never refunds more than is left of the payments', () => {
    const mostlyRefunded: SoldOrder = { ...SALE, refundedMinor: m(3900), tenders: [tender('voucher', 950, 950), tender('card', 3000, 2900)] }
    const plan = planReturn(mostlyRefunded, req([{ lineNo: 2, quantity: 1, reason: 'faulty', condition: 'damaged' }]), POLICY)
    expect(plan.refund).toMatchObject({ valueMinor: 450, creditedMinor: 50, cappedMinor: 400, refundMinor: 50 })
    expect(plan.refund.payments).toEqual([{ kind: 'card', amountMinor: 50, reference: null, tenderIndex: 1 }])
  })

  it.each([
    [{ kind: 'cash' }, 'method'],
    [{ kind: 'exchange', newItemsTotalMinor: -1, balanceMethod: 'original' }, 'method.newItemsTotalMinor'],
    [{ kind: 'exchange', newItemsTotalMinor: 100, balanceMethod: 'cash' }, 'method'],
  ])('refuses the method %o', (method, field) => {
    expect(() => planReturn(SALE, req([mug()], method as ReturnRequest['method']), POLICY)).toThrow(expect.objectContaining({ code: 'invalid_input', field }))
  })

  it('checks the order\u2019s payment record', () => {
    expect(() => planRefund(m(10), [tender('card', 100, 120)], m(120), { kind: 'original' })).toThrow(expect.objectContaining({ field: 'order.tenders.0.refundedMinor' }))
    expect(() => planRefund(m(10), [tender('card', 100, 50)], m(20), { kind: 'original' })).toThrow(expect.objectContaining({ field: 'order.refundedMinor' }))
    expect(() => splitToTenders(m(101), [tender('card', 100)])).toThrow(/more than the payments/)
  })
})

describe('returns without a receipt', () => {
  const line = { sku: 'MUG', quantity: 2, unitValueMinor: m(400), reason: 'changed-mind', condition: 'sellable' as const }

  it('are store credit only, need a manager, and move stock like any return', () => {
    const plan = planNoReceiptReturn({ lines: [line, { ...line, sku: 'TEA', quantity: 1, condition: 'write-off' }], at: AT }, POLICY)
    expect(plan.storeCreditMinor).toBe(1200)
    expect(plan.approvals).toEqual([{ action: 'return.no_receipt', field: 'lines', reason: expect.any(String) }])
    expect(plan.movements).toEqual([{ sku: 'MUG', lineNo: null, location: 'shop-floor', quantity: 2, kind: 'return' }])
    expect(plan.writtenOff).toEqual([{ sku: 'TEA', lineNo: null, quantity: 1 }])
  })

  it.each([
    [{ lines: [line], method: 'original' }, 'method'],
    [{ lines: [{ ...line, quantity: 6 }] }, 'lines'], // £24 over the £20 limit
    [{ lines: [] }, 'lines'],
    [{ lines: [{ ...line, unitValueMinor: m(-1) }] }, 'lines.0.unitValueMinor'],
    [{ lines: [{ ...line, reason: 'nope' }] }, 'lines.0.reason'],
    [{ lines: [{ ...line, sku: ' ' }] }, 'lines.0.sku'],
  ])('refuses %o', (request, field) => {
    expect(() => planNoReceiptReturn({ at: AT, ...request }, POLICY)).toThrow(expect.objectContaining({ code: 'invalid_input', field }))
  })
})

describe('the returns policy', () => {
  it.each([
    [{ reasons: [] }, 'reasons'],
    [{ reasons: ['a', 'a'] }, 'reasons.1'],
    [{ windows: { store: { days: 28, from: 'sale' } } }, 'windows'],
    [{ windows: { '*': { days: -1, from: 'sale' } } }, 'windows.*.days'],
    [{ windows: { '*': { days: 1, from: 'order' } } }, 'windows.*.from'],
    [{ sellableLocations: [] }, 'sellableLocations'],
    [{ sellableLocations: ['quarantine'] }, 'sellableLocations.0'],
    [{ quarantineLocation: '' }, 'quarantineLocation'],
    [{ noReceiptLimitMinor: 1.5 }, 'noReceiptLimitMinor'],
    [{ timeZone: 'London' }, 'timeZone'],
  ])('refuses %o', (patch, field) => {
    expect(() => checkReturnPolicy({ ...POLICY, ...patch } as typeof POLICY)).toThrow(expect.objectContaining({ code: 'invalid_input', field }))
  })

  it('accepts the defaults', () => {
    expect(() => checkReturnPolicy(POLICY)).not.toThrow()
  })
})
