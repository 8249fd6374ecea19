// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { DrillResult, ReportList, ReportResult, ReportSummaryDto } from '../../appliance/api/contract.js'
import { PosReports } from '../../ui/views/reports/reports-page.js'
import { presetRange, Throttle } from '../../ui/views/reports/date-range.js'
import { formatCell } from '../../ui/views/reports/cells.js'
import { click, find, findAll, mount, text, unmountAll, waitFor } from './support/dom.js'
import { json, sessionInfo, testServices } from './support/fakes.js'

const category: ReportSummaryDto = {
  id: 'sales-by-category', title: 'Sales by category', group: 'Sales', description: 'Per category.', dated: true,
  filters: [{ name: 'channel', label: 'Channel', kind: 'channel', choices: ['shopify', 'store'] }],
  columns: [{ key: 'category', label: 'Category', type: 'text' }, { key: 'salesMinor', label: 'Sales', type: 'money' }, { key: 'sharePct', label: 'Share', type: 'percent' }],
  keys: ['category'], drillable: ['salesMinor'], chart: { kind: 'bar', x: 'category', y: ['salesMinor'] },
}
const stock: ReportSummaryDto = { ...category, id: 'stock-value', title: 'Stock value', group: 'Operations', dated: false, filters: [] }
const list: ReportList = { items: [category, stock], today: '2026-06-15' }
const result = (from: string, to: string, rows: ReportResult['rows']): ReportResult => ({
  id: 'sales-by-category', title: 'Sales by category', from, to, filters: {}, columns: category.columns, rows, generatedAt: '2026-06-15T09:00:00Z', tookMs: 3,
})
const toys = { category: 'Toys', salesMinor: 2900, sharePct: 53.7 }
const drill: DrillResult = {
  id: 'sales-by-category', column: 'salesMinor', from: '2026-05-17', to: '2026-06-15', keys: { category: 'Toys' },
  columns: [{ key: 'day', label: 'Day', type: 'date' }, { key: 'orderNumber', label: 'Order', type: 'text' }, { key: 'orderId', label: 'Order ID', type: 'text' }, { key: 'salesMinor', label: 'Sales', type: 'money' }],
  rows: [{ day: '2026-06-01', orderNumber: '#1001', orderId: 'o-1', salesMinor: 2000 }, { day: '2026-06-02', orderNumber: '#1002', orderId: 'o-2', salesMinor: 900 }],
  total: 2, figure: 2900, limit: 100, offset: 0, nextOffset: null,
}

async function page(refreshMs = 40) {
  const services = testServices({ signedIn: sessionInfo('manager') })
  services.fake
    .on('GET', '/api/reports', json(list))
    .on('GET', '/api/reports/sales-by-category?from=2026-05-17&to=2026-06-15', json(result('2026-05-17', '2026-06-15', [toys])))
    .on('GET', '/api/reports/sales-by-category?from=2026-06-01&to=2026-06-15', json(result('2026-06-01', '2026-06-15', [toys])))
    .on('GET', '/api/reports/sales-by-category?from=2026-06-01&to=2026-06-15&channel=store', json(result('2026-06-01', '2026-06-15', [])))
    .on('GET', '/api/reports/sales-by-category?from=2026-05-17&to=2026-06-15&channel=store', json(result('2026-05-17', '2026-06-15', [])))
    .on('GET', '/api/reports/sales-by-category/drill?from=2026-05-17&to=2026-06-15&column=salesMinor&category=Toys&limit=100&offset=0', json(drill))
  const el = new PosReports()
  el.services = services
  el.refreshMs = refreshMs
  await mount(el)
  await waitFor(() => findAll(el, 'pos-report-table', 'tbody tr').length === 1)
  return { el, services }
}

afterEach(unmountAll)

describe('pos-reports', () => {
  it('runs the first report over the last 30 days and shows its figures, with download links', async () => {
    const { el, services } = await page()
    expect(text(find(el, 'pos-report-table', 'tbody tr'))).toBe('Toys £29.00 53.7%')
    const links = findAll<HTMLAnchorElement>(el, '.downloads a').map((a) => a.getAttribute('href'))
    expect(links).toEqual(['/api/reports/sales-by-category?from=2026-05-17&to=2026-06-15&format=csv', '/api/reports/sales-by-category?from=2026-05-17&to=2026-06-15&format=parquet'])
    expect(services.fake.unmatched).toEqual([])
  })

  it('changes the period and filters, and drills from a cell to the rows and their orders', async () => {
    const { el, services } = await page()
    const preset = find<HTMLSelectElement>(el, '#preset')!
    preset.value = 'this-month'
    preset.dispatchEvent(new Event('change'))
    const channel = find<HTMLSelectElement>(el, '#filter-channel')!
    channel.value = 'store'
    channel.dispatchEvent(new Event('change'))
    await waitFor(() => text(find(el, 'pos-report-table')).includes('Nothing to show'))
    expect(services.fake.calls('GET', /channel=store/)).toHaveLength(1)
    expect(find<HTMLInputElement>(el, '#from')!.value).toBe('2026-06-01')

    preset.value = '30d'
    preset.dispatchEvent(new Event('change'))
    channel.value = ''
    channel.dispatchEvent(new Event('change'))
    await waitFor(() => findAll(el, 'pos-report-table', 'button.drill').length === 1)
    click(find(el, 'pos-report-table', 'button.drill'))
    await waitFor(() => findAll(el, 'pos-report-drill', 'tbody tr').length === 2)
    const drillEl = find(el, 'pos-report-drill')!
    expect(text(find(drillEl, 'h2'))).toBe('Behind sales · Toys')
    expect(text(find(drillEl, '.summary'))).toBe('2 rows make £29.00')
    expect(findAll<HTMLAnchorElement>(drillEl, 'tbody a').map((a) => a.getAttribute('href'))).toEqual(['#/orders/o-1', '#/orders/o-2'])
    expect(services.fake.unmatched).toEqual([])
  })

  it('re-runs at most once per interval however many sales come in, only while the range reaches today', async () => {
    const { el, services } = await page(60)
    const runs = () => services.fake.calls('GET', /^\/api\/reports\/sales-by-category\?/).length
    expect(runs()).toBe(1)
    for (let i = 0; i < 10; i++) services.live.emit('sale.completed', { till: 'till-1', receiptNumber: `S-${i}`, totalMinor: 100, station: 'till-1' })
    await waitFor(() => runs() === 2)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(runs()).toBe(2)
    el.remove()
    expect(services.live.listeners('sale.completed')).toBe(0)
  })
})

describe('report helpers', () => {
  it('date presets from the store’s today', () => {
    expect(presetRange('today', '2026-03-15')).toEqual({ from: '2026-03-15', to: '2026-03-15' })
    expect(presetRange('7d', '2026-03-15')).toEqual({ from: '2026-03-09', to: '2026-03-15' })
    expect(presetRange('last-month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    expect(presetRange('last-month', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(presetRange('this-year', '2026-03-15')).toEqual({ from: '2026-01-01', to: '2026-03-15' })
    expect(presetRange('12m', '2026-03-15')).toEqual({ from: '2025-04-01', to: '2026-03-15' })
    expect(presetRange('12m', '2026-12-15')).toEqual({ from: '2026-01-01', to: '2026-12-15' })
  })

  it('formats cells by type', () => {
    expect(formatCell(123456, 'money')).toBe('£1,234.56')
    expect(formatCell(33.33, 'percent')).toBe('33.33%')
    expect(formatCell(45, 'minutes')).toBe('45 min')
    expect(formatCell(240, 'minutes')).toBe('4 h')
    expect(formatCell('2024-03', 'month')).toBe('Mar 2024')
    expect(formatCell(null, 'money')).toBe('—')
  })

  it('throttle: one run per interval, and always one after the last poke', () => {
    let now = 0
    const timers: Array<{ at: number; fn: () => void }> = []
    const realSetTimeout = globalThis.setTimeout
    globalThis.setTimeout = ((fn: () => void, ms: number) => (timers.push({ at: now + ms, fn }), timers.length)) as never
    try {
      let runs = 0
      const t = new Throttle(() => runs++, 1000, () => now)
      const advance = (ms: number) => {
        now += ms
        for (const timer of timers.splice(0).sort((a, b) => a.at - b.at)) {
          if (timer.at <= now) timer.fn()
          else timers.push(timer)
        }
      }
      t.poke(); t.poke(); advance(0)
      expect(runs).toBe(1)
      t.poke(); advance(500); t.poke(); advance(400)
      expect(runs).toBe(1)
      advance(100)
      expect(runs).toBe(2)
    } finally {
      globalThis.setTimeout = realSetTimeout
    }
  })
})
