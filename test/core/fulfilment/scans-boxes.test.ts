import { describe, expect, it } from 'vitest'
import {
  boxFits, collectionCode, csvCell, despatchLabel, isCollect, labelAddress, manifestCsv, matchPackScan, matchPickScan, nextTask, parcelWeight,
  parseCollectionCode, suggestBox, taskStatus, type TaskState,
} from '../../../appliance/core/fulfilment/index.js'

const task = (id: string, sku: string, bin: string | null, quantity: number, picked = 0, extra: Partial<TaskState> = {}): TaskState =>
  ({ id, seq: Number(id.slice(1)), orderId: `order-${id}`, orderNumber: `#${id}`, sku, name: `Item ${sku}`, bin, quantity, pickedQuantity: picked, status: picked >= quantity ? 'picked' : 'open', ...extra })

describe('a pick scan', () => {
  const tasks = [task('t1', 'MUG', 'A-01-1', 2), task('t2', 'PEN', 'A-02-1', 1), task('t3', 'MUG', 'A-01-1', 1)]
  const mug = { sku: 'MUG', name: 'Oak Mug' }

  it('fills open tasks of the product in walk order, across orders', () => {
    expect(matchPickScan({ tasks, product: mug, bin: 'A-01-1', quantity: 3 })).toEqual([{ taskId: 't1', units: 2 }, { taskId: 't3', units: 1 }])
  })

  it('refuses a wrong product, naming what the bin wants', () => {
    expect(() => matchPickScan({ tasks, product: { sku: 'CUP', name: 'Tea Cup' }, bin: 'A-02-1', quantity: 1 })).toThrow('This is Tea Cup; bin A-02-1 wants Item PEN')
  })

  it('refuses another order\u2019s item, saying whose it is', () => {
    expect(() => matchPickScan({ tasks, product: { sku: 'CUP', name: 'Tea Cup' }, bin: null, quantity: 1, elsewhere: { orderNumber: '#77', list: 'PL-000009' } })).toThrow(/order #77 on list PL-000009/)
  })

  it('refuses more than required, and anything once done', () => {
    expect(() => matchPickScan({ tasks, product: mug, bin: 'A-01-1', quantity: 4 })).toThrow(/Only 3 more/)
    const done = [task('t1', 'MUG', 'A-01-1', 2, 2)]
    expect(() => matchPickScan({ tasks: done, product: mug, bin: 'A-01-1', quantity: 1 })).toThrow(/picked already/)
  })

  it('asks for the bin first when the picker is at another bin', () => {
    expect(() => matchPickScan({ tasks, product: mug, bin: 'A-02-1', quantity: 1 })).toThrow(/scan bin A-01-1 first/)
    expect(() => matchPickScan({ tasks, product: mug, bin: null, quantity: 0 })).toThrow(/at least one/)
  })

  it('knows what is next and when a task is short', () => {
    expect(nextTask(tasks, 'A-02-1')?.id).toBe('t2')
    expect(taskStatus({ quantity: 2, pickedQuantity: 1, shortQuantity: 1 })).toBe('short')
    expect(taskStatus({ quantity: 2, pickedQuantity: 2, shortQuantity: 0 })).toBe('picked')
    expect(taskStatus({ quantity: 2, pickedQuantity: 1, shortQuantity: 0 })).toBe('open')
  })
})

describe('a pack scan', () => {
  const lines = [{ lineNo: 1, sku: 'MUG', name: 'Oak Mug', quantity: 2, packed: 1 }, { lineNo: 2, sku: 'PEN', name: 'Pen', quantity: 1, packed: 1 }]
  it('counts against the line still short of its quantity', () => {
    expect(matchPackScan(lines, { sku: 'MUG', name: 'Oak Mug' }, '#1')).toBe(1)
  })
  it('refuses a wrong item and an extra one', () => {
    expect(() => matchPackScan(lines, { sku: 'CUP', name: 'Tea Cup' }, '#1')).toThrow('Tea Cup is not in order #1')
    expect(() => matchPackScan(lines, { sku: 'PEN', name: 'Pen' }, '#1')).toThrow(/extra/)
  })
})

describe('box suggestion', () => {
  const boxes = [
    { id: 'large', name: 'L', lengthMm: 450, widthMm: 350, heightMm: 250, maxWeightG: 20000, tareG: 300 },
    { id: 'small', name: 'S', lengthMm: 230, widthMm: 160, heightMm: 80, maxWeightG: 2000, tareG: 60 },
    { id: 'medium', name: 'M', lengthMm: 350, widthMm: 250, heightMm: 150, maxWeightG: 10000, tareG: 150 },
  ]
  const item = (l: number, w: number, h: number, g: number, quantity = 1) => ({ quantity, weightG: g, lengthMm: l, widthMm: w, heightMm: h })
  it.each([
    ['two paperbacks fit the small box', [item(180, 110, 20, 200, 2)], 'small'],
    ['a long item needs the medium box', [item(300, 50, 50, 300)], 'medium'],
    ['too heavy for small', [item(100, 100, 50, 2500)], 'medium'],
    ['volume beyond the medium box', [item(200, 200, 100, 500, 5)], 'large'],
    ['nothing fits a 60 cm item', [item(600, 100, 100, 500)], null],
  ])('%s', (_name, items, expected) => {
    expect(suggestBox(items, boxes)?.id ?? null).toBe(expected)
  })
  it('weighs items plus the box; unknown sizes count by weight only', () => {
    expect(parcelWeight([item(10, 10, 10, 100, 3)], boxes[1]!)).toBe(360)
    expect(boxFits(boxes[1]!, [{ quantity: 1, weightG: 100, lengthMm: null, widthMm: null, heightMm: null }])).toBe(true)
  })
})

describe('manifest CSV', () => {
  it('writes RFC 4180 rows and neutralises formulas', () => {
    const csv = manifestCsv([{ orderNumber: '#1001', trackingNumber: 'AB1234', service: 'Tracked, 48', parcels: 1, weightG: 740, postcode: '=HYPERLINK()', country: 'GB' }])
    expect(csv).toBe('order_number,tracking_number,service,parcels,weight_g,postcode,country\r\n#1001,AB1234,"Tracked, 48",1,740,\'=HYPERLINK(),GB\r\n')
    expect(csvCell(null)).toBe('')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
  })
})

describe('labels and click and collect', () => {
  const address = { name: 'Chloé Dubois', company: null, line1: '45 Kingsland Road', line2: 'Flat 2', city: 'London', region: null, postcode: 'E2 8AA', country: 'GB' }
  it('builds the label document and refuses a bad tracking number or an incomplete address', () => {
    const to = labelAddress(address, '#1')
    expect(to).toEqual({ name: 'Chloé Dubois', lines: ['Flat 2', '45 Kingsland Road', 'London'], postcode: 'E2 8AA' })
    const label = despatchLabel({ from: to, to, carrier: 'Royal Mail', service: null, trackingNumber: 'RM123456785GB', orderNumber: '#1', weightG: 740 })
    expect(label).toMatchObject({ service: 'Standard', reference: '#1', weightGrams: 740 })
    expect(() => despatchLabel({ from: to, to, carrier: 'X', service: null, trackingNumber: 'has space', orderNumber: '#1', weightG: null })).toThrow(/tracking/)
    expect(() => labelAddress({ ...address, postcode: null }, '#9')).toThrow(/#9 has no complete delivery address/)
  })
  it.each([
    ['Click & Collect', true], ['click and collect', true], ['Collect in store', true], ['Local pickup', true], ['Standard', false], ['Next Day', false],
  ])('"%s" is collection: %s', (method, expected) => {
    expect(isCollect(method)).toBe(expected)
  })
  it('reads the slip\u2019s QR', () => {
    expect(isCollect('Standard', ['collect'])).toBe(true)
    expect(parseCollectionCode(collectionCode('#1002'))).toBe('#1002')
    expect(parseCollectionCode(' 1002 ')).toBe('1002')
  })
})
