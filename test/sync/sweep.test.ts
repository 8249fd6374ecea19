import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChannelError } from '../../sync/channel-error.js'
import { absorbPage, decodeCursor, encodeCursor, orderKey, startSweep, type SweepOptions, type SweepState } from '../../sync/engine/sweep.js'

const OPTIONS: SweepOptions = { overlapMs: 60_000, maxSeen: 1000, maxRepeats: 3 }
const at = (s: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + s * 1000).toISOString()
const orders = fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 200 }).map(String), s: fc.integer({ min: 0, max: 500 }) }), { selector: (o) => o.id, maxLength: 60 })

/** Feeds pages (possibly with a repeated page) and returns the keys delivered. */
function run(pages: { id: string; s: number }[][], repeatAfter: number | undefined): { delivered: string[]; state: SweepState } {
  let state = startSweep('ebay', at(0))
  const delivered: string[] = []
  const serve = [...pages]
  if (repeatAfter !== undefined && repeatAfter < pages.length) serve.splice(repeatAfter + 1, 0, pages[repeatAfter] ?? [])
  serve.forEach((page, i) => {
    const items = page.map((o) => ({ id: o.id, updatedAt: at(o.s) }))
    const outcome = absorbPage(state, { items, nextPos: i + 1, repeatPos: i, last: i === serve.length - 1, serverNow: at(1000) }, OPTIONS)
    items.forEach((item, j) => outcome.fresh[j] && delivered.push(orderKey(item.id, item.updatedAt)))
    state = outcome.state
  })
  return { delivered, state }
}

describe('the import sweep', () => {
  it('delivers every order exactly once, even when a page is served twice', () => {
    fc.assert(fc.property(orders, fc.integer({ min: 1, max: 7 }), fc.option(fc.nat(10), { nil: undefined }), (all, size, repeatAfter) => {
      const pages = Array.from({ length: Math.ceil(all.length / size) || 1 }, (_, i) => all.slice(i * size, (i + 1) * size))
      const { delivered } = run(pages, repeatAfter)
      expect(new Set(delivered).size).toBe(delivered.length)
      expect(new Set(delivered)).toEqual(new Set(all.map((o) => orderKey(o.id, at(o.s)))))
    }))
  })

  it('starts the next sweep overlapMs before the newest change it saw, never before its own start', () => {
    fc.assert(fc.property(orders, (all) => {
      const { state } = run([all], undefined)
      const newest = all.length ? Math.min(Math.max(...all.map((o) => o.s)), 1000) : 1000
      expect(state.since).toBe(at(Math.max(0, newest - 60)))
      expect(state.pos).toBeNull()
    }))
  })

  it('a version already delivered is filtered in the next sweep; a newer version is not', () => {
    const first = absorbPage(startSweep('shopify', at(0)), { items: [{ id: '1', updatedAt: at(10) }], nextPos: null, repeatPos: null, last: true, serverNow: at(20) }, OPTIONS)
    const second = absorbPage(first.state, { items: [{ id: '1', updatedAt: at(10) }, { id: '1', updatedAt: at(30) }], nextPos: null, repeatPos: null, last: true, serverNow: at(40) }, OPTIONS)
    expect(second.fresh).toEqual([false, true])
  })

  it('calls a paginator that keeps serving the same page a contract error', () => {
    let state = startSweep('woocommerce')
    const page = { items: [{ id: '1', updatedAt: at(1) }], nextPos: 2, repeatPos: 1, last: false, serverNow: at(5) }
    state = absorbPage(state, page, OPTIONS).state
    for (let i = 0; i < 3; i++) state = absorbPage(state, page, OPTIONS).state
    expect(() => absorbPage(state, page, OPTIONS)).toThrow(ChannelError)
  })

  it('keeps the seen set bounded', () => {
    let state = startSweep('amazon')
    for (let p = 0; p < 30; p++) {
      const items = Array.from({ length: 100 }, (_, i) => ({ id: `${p}-${i}`, updatedAt: at(p) }))
      state = absorbPage(state, { items, nextPos: p + 1, repeatPos: p, last: false, serverNow: at(0) }, OPTIONS).state
    }
    expect(state.seen).toHaveLength(1000)
  })

  it('round-trips the cursor and refuses another channel\'s or a mangled one', () => {
    const state = { ...startSweep('ebay', at(3)), pos: 400 }
    expect(decodeCursor('ebay', encodeCursor(state))).toEqual(state)
    expect(decodeCursor('ebay', null)).toEqual(startSweep('ebay'))
    expect(() => decodeCursor('shopify', encodeCursor(state))).toThrow(/belongs to ebay/)
    expect(() => decodeCursor('ebay', 'not-a-cursor')).toThrow(ChannelError)
  })
})
