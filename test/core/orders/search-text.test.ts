import { describe, expect, it } from 'vitest'
import { normaliseEmail, normalisePhone, searchKeys } from '../../../appliance/core/orders/search-text.js'

describe('search input', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+44 (0)7700 900123', '+447700900123'],
    ['+44 07700 900123', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['447700900123', '+447700900123'],
    ['020 7946 0018', '+442079460018'],
    ['01632 960 001', '+441632960001'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['7700900123', null],
    ['1001', null],
    ['#1001', null],
    ['202-1234567-1234567', null],
    ['0770', null],
    ['07700 9001234567', null],
    ['S-01-000123', null],
    ['call 07700 900123', null],
  ])('phone %s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected)
  })

  it.each([
    ['  Jo.Bloggs@Example.COM ', 'jo.bloggs@example.com'],
    ['jo@localhost', null],
    ['not an email', null],
  ])('email %s → %s', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected)
  })

  it.each([
    ['S-01-000123', 'S-01-000123', ['S-01-000123', '#S-01-000123']],
    ['s0100000123', 'S-01-000123', ['s0100000123', '#s0100000123', 'S-01-000123']],
    [' S-1-123 ', 'S-01-000123', ['S-1-123', '#S-1-123', 'S-01-000123']],
    ['#1001', null, ['#1001', '1001']],
    ['1001', null, ['1001', '#1001']],
    ['202-1234567-1234567', null, ['202-1234567-1234567', '#202-1234567-1234567']],
    ['jo@example.com', null, []],
    ['Jo Bloggs', null, []],
  ])('%s', (input, receipt, numbers) => {
    const keys = searchKeys(input)
    expect(keys.receiptNumber).toBe(receipt)
    expect(keys.orderNumbers).toEqual(numbers)
    expect(keys.text).toBe(input.trim())
  })

  it('gives every reading at once', () => {
    expect(searchKeys(' 07700 900123 ')).toEqual({ text: '07700 900123', receiptNumber: null, orderNumbers: [], email: null, phone: '+447700900123' })
    expect(searchKeys('JO@EXAMPLE.COM').email).toBe('jo@example.com')
  })
})
