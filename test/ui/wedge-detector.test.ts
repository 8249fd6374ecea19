import { describe, expect, it } from 'vitest'
import { WedgeDetector, type WedgeKeyEvent, type WedgeOutput, type WedgeSettings } from '../../ui/till/wedge-detector.js'

type Key = Omit<WedgeKeyEvent, 'time'>

/** Key presses of `text` (single characters or `{Enter}`-style names) starting at `start`, each `gaps[i % n]` ms after the last. */
function keys(start: number, text: string | readonly (string | Key)[], gaps: readonly number[]): WedgeKeyEvent[] {
  const items = typeof text === 'string' ? (text.match(/\{[A-Za-z0-9]+\}|./gsu) ?? []) : text
  let time = start
  return items.map((item, i) => {
    if (i > 0) time += gaps[(i - 1) % gaps.length] ?? 0
    const key: Key = typeof item === 'string' ? { key: item.startsWith('{') && item.length > 2 ? item.slice(1, -1) : item } : item
    return { ...key, time }
  })
}

/** Feeds a timeline as the UI would: a timer calls flush at each deadline that passes before the next key. */
function run(events: readonly WedgeKeyEvent[], settings: Partial<WedgeSettings> = {}, endAt = Infinity): string[] {
  const detector = new WedgeDetector(settings)
  const out: WedgeOutput[] = []
  const sorted = [...events].sort((a, b) => a.time - b.time)
  for (const event of sorted) {
    const deadline = detector.deadline
    if (deadline !== undefined && deadline < event.time) out.push(...detector.flush(deadline))
    out.push(...detector.push(event))
  }
  const deadline = detector.deadline
  if (deadline !== undefined && deadline <= endAt) out.push(...detector.flush(deadline))
  return out.map((o) => (o.type === 'scan' ? `scan:${o.code}` : `typed:${o.events.map((e) => (e.key.length > 1 ? `{${e.key}}` : e.key)).join('')}`))
}

// Measured-looking gaps: a USB scanner at 8–15 ms a key, a Bluetooth one at 55–80 ms, a person at 90–260 ms.
const USB = [8, 12, 9, 15, 11, 10, 13]
const BLUETOOTH = [62, 71, 55, 80, 68]
const PERSON = [180, 95, 240, 130, 260, 110]

describe('WedgeDetector on realistic timelines', () => {
  it('a USB scanner reading an EAN-13 with Enter is one scan', () => {
    expect(run(keys(1000, '5012345678900{Enter}', USB))).toEqual(['scan:5012345678900'])
  })

  it('a person typing a SKU and Enter passes straight through', () => {
    expect(run(keys(1000, 'TEA1{Enter}', PERSON))).toEqual(['typed:T', 'typed:E', 'typed:A', 'typed:1', 'typed:{Enter}'])
  })

  it('a fast typist rolling a few keys is still a person (shorter than minLength)', () => {
    expect(run(keys(1000, 'the{Enter}', [30, 25, 40]))).toEqual(['typed:the{Enter}'])
  })

  it('a person typing then a scan right after: the typing is released, the scan is recognised', () => {
    const typing = keys(0, 'te', PERSON)
    const scan = keys(700, '96385074{Enter}', USB)
    expect(run([...typing, ...scan])).toEqual(['typed:t', 'typed:e', 'scan:96385074'])
  })

  it('a slow Bluetooth scanner needs maxInterKeyMs raised', () => {
    const timeline = keys(0, '5012345678900{Enter}', BLUETOOTH)
    expect(run(timeline)).not.toContain('scan:5012345678900')
    expect(run(timeline, { maxInterKeyMs: 90 })).toEqual(['scan:5012345678900'])
  })

  it('ignores Shift between the keys of a scanned code with capitals', () => {
    const items = ['Shift', 'S', 'Shift', 'K', 'U', '-', '0', '4', '2', 'Enter'].map((key) => ({ key }))
    expect(run(keys(0, items, [3, 9, 3, 10, 12, 9, 11, 10, 14]))).toEqual(['scan:SKU-042'])
  })

  it('ends a scan on Tab as well', () => {
    expect(run(keys(0, 'S0200000123{Tab}', USB))).toEqual(['scan:S0200000123'])
  })

  it('turns Ctrl+] into the GS1 group separator', () => {
    const gs: Key = { key: ']', ctrlKey: true }
    const items = [...'0105012345678900', gs, ...'10ABC123', 'Enter'].map((k) => (typeof k === 'string' ? { key: k } : k))
    expect(run(keys(0, items, USB))).toEqual(['scan:0105012345678900\u001d10ABC123'])
  })

  it('accepts a raw ASCII 29 key, or any key the scanner is programmed to send for it', () => {
    expect(run(keys(0, '10AB\u001d17250101{Enter}', USB))).toEqual(['scan:10AB\u001d17250101'])
    expect(run(keys(0, '10AB{F8}17250101{Enter}', USB), { groupSeparatorKeys: ['F8'] })).toEqual(['scan:10AB\u001d17250101'])
  })

  it('a scanner sending no suffix is recognised when it goes quiet, if asked to', () => {
    expect(run(keys(0, '5012345678900', USB), { scanEndsOnIdle: true })).toEqual(['scan:5012345678900'])
    expect(run(keys(0, '5012345678900', USB))).toEqual(['typed:5012345678900'])
  })

  it('an arrow key or Backspace releases what is held as typing', () => {
    expect(run(keys(0, '12{Backspace}3', [20, 20, 20]))).toEqual(['typed:12{Backspace}', 'typed:3'])
  })

  it('auto-repeat from a held key is a person even at 33 ms', () => {
    const held = Array.from({ length: 8 }, (_, i) => ({ key: '9', repeat: i > 0 }))
    expect(run(keys(0, [...held, { key: 'Enter' }], [33]))).toEqual([
      'typed:99', // the first press was held until the first repeat showed it was a person
      ...Array.from({ length: 6 }, () => 'typed:9'),
      'typed:{Enter}',
    ])
  })

  it('a run longer than maxLength is released as typing, not scanned', () => {
    expect(run(keys(0, 'ABCDEFGH{Enter}', USB), { maxLength: 5 })).toEqual(['typed:ABCDE', 'typed:FGH{Enter}'])
  })

  it('a hiccup longer than maxInterKeyMs mid-scan splits it (set the threshold above your scanner worst gap)', () => {
    const timeline = keys(0, '5012345678900{Enter}', [10, 10, 120, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10])
    expect(run(timeline)).toEqual(['typed:501', 'scan:2345678900'])
    expect(run(timeline, { maxInterKeyMs: 150 })).toEqual(['scan:5012345678900'])
  })
})

describe('WedgeDetector timing', () => {
  it('holds keys until the deadline, then flush releases them', () => {
    const d = new WedgeDetector({ maxInterKeyMs: 40 })
    expect(d.deadline).toBeUndefined()
    expect(d.push({ key: 'a', time: 100 })).toEqual([])
    expect(d.deadline).toBe(140)
    expect(d.flush(139)).toEqual([])
    expect(d.flush(140)).toEqual([{ type: 'typed', events: [{ key: 'a', time: 100 }] }])
    expect(d.deadline).toBeUndefined()
  })

  it('drain releases everything at once (e.g. on blur)', () => {
    const d = new WedgeDetector()
    d.push({ key: 'x', time: 0 })
    d.push({ key: 'y', time: 5 })
    expect(d.drain()).toEqual([{ type: 'typed', events: [{ key: 'x', time: 0 }, { key: 'y', time: 5 }] }])
  })

  it('reports when a scan started and ended', () => {
    const d = new WedgeDetector()
    for (const e of keys(500, '12345{Enter}', [10])) {
      const out = d.push(e)
      if (out.length > 0) expect(out).toEqual([{ type: 'scan', code: '12345', startedAt: 500, endedAt: 550 }])
    }
  })

  it.each<Partial<WedgeSettings>>([{ maxInterKeyMs: 0 }, { minLength: 0 }, { minLength: 10, maxLength: 5 }])('refuses settings %j', (s) => {
    expect(() => new WedgeDetector(s)).toThrow(RangeError)
  })
})
