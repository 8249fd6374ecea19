import { describe, expect, it } from 'vitest'
import { parseCatalogueRow } from '../../appliance/core/catalogue-row.js'
import { afterPinAttempt, isLockedOut, LOCKOUT_MS } from '../../appliance/core/staff.js'

describe('PIN lockout', () => {
  const now = new Date('2026-11-21T10:00:00Z')
  it('locks on the fifth wrong PIN for five minutes and a right PIN clears the count', () => {
    let state = { failedPins: 0, lockedUntil: null as Date | null }
    for (let i = 1; i <= 4; i++) {
      const next = afterPinAttempt(state, false, now)
      expect(next.justLocked).toBe(false)
      expect(next.failedPins).toBe(i)
      state = next
    }
    const locked = afterPinAttempt(state, false, now)
    expect(locked.justLocked).toBe(true)
    expect(locked.lockedUntil?.getTime()).toBe(now.getTime() + LOCKOUT_MS)
    expect(isLockedOut(locked, new Date(now.getTime() + LOCKOUT_MS - 1))).toBe(true)
    expect(isLockedOut(locked, new Date(now.getTime() + LOCKOUT_MS))).toBe(false)
    expect(afterPinAttempt({ failedPins: 3, lockedUntil: null }, true, now)).toEqual({ failedPins: 0, lockedUntil: null, justLocked: false })
  })
})

describe('catalogue CSV rows', () => {
  const good = {
    Handle: 'oak-mug', Title: 'Oak Mug', 'Variant SKU': 'HOM-1', 'Variant Barcode': '4006381333931',
    'Variant Price': '12.99', 'Cost per item': '4.50', 'Product Category': 'Homeware', 'Tax rate': '20%',
  }
  it('maps Shopify columns into a product in pence and basis points', () => {
    expect(parseCatalogueRow(good)).toEqual({
      ok: true,
      product: { sku: 'HOM-1', handle: 'oak-mug', name: 'Oak Mug', category: 'Homeware', priceMinor: 1299, costMinor: 450, vatRateBp: 2000, barcodes: ['4006381333931'] },
    })
  })
  it('takes Title and category from the handle\u2019s first row on variant rows', () => {
    const result = parseCatalogueRow({ ...good, Title: '', 'Product Category': '' }, { title: 'Oak Mug', category: 'Homeware' })
    expect(result.ok && result.product.name).toBe('Oak Mug')
  })
  it.each([
    [{ 'Variant Price': '-1' }, 'Variant Price'],
    [{ 'Variant Price': '1.999' }, 'Variant Price'],
    [{ 'Variant Barcode': '4006381333932' }, 'Variant Barcode'],
    [{ 'Variant SKU': '' }, 'Variant SKU'],
    [{ 'Variant SKU': 'has space' }, 'Variant SKU'],
    [{ 'Tax rate': 'twenty' }, 'Tax rate'],
    [{ 'Cost per item': 'free' }, 'Cost per item'],
    [{ Title: 'x'.repeat(201) }, 'Title'],
  ])('refuses %o naming %s', (change, field) => {
    const result = parseCatalogueRow({ ...good, ...change })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.field).toBe(field)
  })
})
