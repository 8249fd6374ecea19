// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceList, PrintJobDto, PrintJobList } from '../../appliance/api/contract.js'
import { jobKindLabel, jobReference, mergeNewest, summariseCounts } from '../../ui/data/printing.js'
import { canOpen, parseRoute, sectionOf } from '../../ui/routes.js'
import { formatWhen } from '../../ui/views/print-queue/job-rows.js'
import { PosPrintQueue } from '../../ui/views/print-queue/print-queue-page.js'
import { click, find, findAll, mount, text, typeInto, unmountAll, waitFor } from './support/dom.js'
import { json, problem, sessionInfo, testServices } from './support/fakes.js'

const job = (id: number, over: Partial<PrintJobDto> = {}): PrintJobDto => ({
  id, kind: 'receipt', format: 'escpos', station: 'till-1', printer: 'front', status: 'printed', attempts: 1, lastError: null,
  reference: `R-${id}`, copyOf: null, createdAt: '2025-03-03T14:05:00Z', printedAt: '2025-03-03T14:05:02Z', ...over,
})
const page1: PrintJobList = {
  items: [
    job(9, { status: 'queued', attempts: 2, lastError: 'Paper out: load a new roll', printedAt: null }),
    job(8, { status: 'sending', printedAt: null }),
    job(7, { status: 'interrupted', lastError: 'the printer closed the connection', printedAt: null }),
    job(6, { status: 'failed', lastError: 'the printer refused the job', printedAt: null }),
    job(5, { kind: 'label', format: 'zpl', printer: 'labels', reference: 'HOM-1', station: 'pack-bench' }),
    job(4, { status: 'cancelled', printedAt: null, copyOf: 2 }),
  ],
  nextCursor: 4,
  counts: { queued: 2, sending: 1, failed: 1, interrupted: 1 },
}
const page2: PrintJobList = { items: [job(3, { kind: 'test', reference: 'test page' })], nextCursor: null, counts: page1.counts }
const devices: DeviceList = {
  items: [
    { id: 'front', name: 'Front counter', type: 'receipt-printer', transport: 'tcp', address: '10.0.0.5:9100', profile: 'epson-tm-t88vi', active: true, status: 'unknown' },
    { id: 'labels', name: 'Label printer', type: 'label-printer', transport: 'usb', address: '0a5f:0164', profile: 'zpl', active: true, status: 'unknown' },
  ],
  stations: [{ id: 'till-1', name: 'Till 1', receiptPrinter: 'front', labelPrinter: 'labels', scanner: null }],
}

async function queue(first: PrintJobList = page1) {
  const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
  services.fake
    .on('GET', '/api/print-jobs?limit=50', json(first))
    .on('GET', '/api/print-jobs?before=4&limit=50', json(page2))
    .on('GET', '/api/devices', json(devices))
  const el = new PosPrintQueue()
  el.services = services
  el.refreshDelayMs = 0
  await mount(el)
  await waitFor(() => findAll(el, 'tr[data-job]').length === first.items.length && !el.loading && el.devices)
  return { el, services }
}

const row = (el: Element, id: number) => text(find(el, `tr[data-job="${id}"]`))
const buttons = (el: Element, id: number) => findAll(el, `tr[data-job="${id}"] button`).map(text)

afterEach(unmountAll)

describe('pos-print-queue', () => {
  it('lists jobs newest first with status, station, printer, reference, tries and time, and the counts at the top', async () => {
    const { el, services } = await queue()
    expect(findAll(el, 'tr[data-job]').map((r) => r.getAttribute('data-job'))).toEqual(['9', '8', '7', '6', '5', '4'])
    expect(row(el, 9)).toBe('Receipt R-9 #9 Queued Retrying: Paper out: load a new roll Till 1 Front counter 2 3 Mar 2025, 14:05 View Discard')
    expect(row(el, 5)).toContain('Label HOM-1 #5 Printed pack-bench Label printer 1')
    expect(row(el, 4)).toContain('#4 · Copy of #2 Discarded')
    expect(text(find(el, '[data-count="waiting"]'))).toBe('3 Waiting to print')
    expect(text(find(el, '[data-count="attention"]'))).toBe('2 Need attention 1 failed 1 interrupted')
    // What each job offers: no reprint while it waits, no discard once it printed or was discarded.
    expect(buttons(el, 9)).toEqual(['View', 'Discard'])
    expect(buttons(el, 8)).toEqual(['View'])
    expect(buttons(el, 7)).toEqual(['View', 'Reprint', 'Discard'])
    expect(buttons(el, 5)).toEqual(['View', 'Reprint'])
    expect(buttons(el, 4)).toEqual(['View', 'Reprint'])
    expect(text(find(el, '[data-note="7"]'))).toBe(
      'The printer lost the connection mid-print: check the paper, then reprint or discard. What happened: the printer closed the connection')
    expect(text(find(el, '[data-note="6"]'))).toContain('the printer refused the job')
    expect(find(el, '[data-note="9"]')).toBeNull()
    expect(find(el, 'button[aria-label="Reprint job #7"]')).not.toBeNull()
    expect(services.fake.unmatched).toEqual([])
  })

  it('filters by status and station, and says when nothing matches', async () => {
    const { el, services } = await queue()
    services.fake
      .on('GET', '/api/print-jobs?status=failed&limit=50', json({ ...page1, items: [page1.items[3]], nextCursor: null }))
      .on('GET', '/api/print-jobs?status=failed&station=pack-bench&limit=50', json({ items: [], nextCursor: null, counts: page1.counts }))
    const status = find<HTMLSelectElement>(el, '#status-filter')!
    status.value = 'failed'
    status.dispatchEvent(new Event('change'))
    await waitFor(() => findAll(el, 'tr[data-job]').length === 1)
    expect(row(el, 6)).toContain('Failed')
    expect(find(el, '.more')).toBeNull()

    const stations = findAll<HTMLOptionElement>(el, '#station-filter option').map((o) => o.value)
    expect(stations).toEqual(['', 'pack-bench', 'till-1'])
    const station = find<HTMLSelectElement>(el, '#station-filter')!
    station.value = 'pack-bench'
    station.dispatchEvent(new Event('change'))
    await waitFor(() => text(el).includes('No jobs match these filters'))
    click(find(el, '.empty button'))
    await waitFor(() => findAll(el, 'tr[data-job]').length === 6)
    expect(find<HTMLSelectElement>(el, '#status-filter')?.value).toBe('')
  })

  it('shortcuts from the counts to the jobs that need attention', async () => {
    const { el, services } = await queue()
    services.fake.on('GET', '/api/print-jobs?status=interrupted&limit=50', json({ ...page1, items: [page1.items[2]], nextCursor: null }))
    click(findAll(el, '[data-count="attention"] button').find((b) => text(b) === '1 interrupted') ?? null)
    await waitFor(() => findAll(el, 'tr[data-job]').length === 1)
    expect(find<HTMLSelectElement>(el, '#status-filter')?.value).toBe('interrupted')
  })

  it('loads older jobs with the cursor', async () => {
    const { el } = await queue()
    click(find(el, '.more button'))
    await waitFor(() => findAll(el, 'tr[data-job]').length === 7)
    expect(row(el, 3)).toMatch(/^Test page #3 Printed/)
    expect(find(el, '.more')).toBeNull()
  })

  it('follows print-job.changed: the row at once, then new jobs and counts from the newest page', async () => {
    const { el, services } = await queue()
    expect(services.live.listeners('print-job.changed')).toBe(1)
    const fresh: PrintJobList = {
      items: [job(10, { status: 'queued', printedAt: null, attempts: 0 }), job(9, { attempts: 3 }), ...page1.items.slice(1)],
      nextCursor: 4,
      counts: { queued: 1, sending: 1, failed: 1, interrupted: 1 },
    }
    services.fake.on('GET', '/api/print-jobs?limit=50', json(fresh))
    services.live.emit('print-job.changed', { id: 9, status: 'printed', printer: 'front', station: 'till-1', lastError: null })
    await waitFor(() => row(el, 9).includes('Printed'))
    await waitFor(() => findAll(el, 'tr[data-job]').length === 7)
    expect(row(el, 10)).toContain('Queued')
    expect(row(el, 9)).toContain('Front counter 3')
    expect(text(find(el, '[data-count="waiting"]'))).toBe('2 Waiting to print')
    el.remove()
    expect(services.live.listeners('print-job.changed')).toBe(0)
  })

  it('has its route for everyone, and devices under settings that everyone may open', () => {
    expect(parseRoute('#/print-queue')).toEqual({ name: 'print-queue' })
    expect(parseRoute('#/settings/devices/')).toEqual({ name: 'devices' })
    expect(parseRoute('#/settings/nope')).toEqual({ name: 'not-found', path: '/settings/nope' })
    expect(sectionOf({ name: 'devices' })).toBe('settings')
    expect(canOpen({ name: 'print-queue' }, 'fulfilment')).toBe(true)
    expect(canOpen({ name: 'devices' }, 'assistant')).toBe(true)
    expect(canOpen({ name: 'settings' }, 'assistant')).toBe(false)
  })

  it('shows today\'s jobs by time, older ones with their day', () => {
    const now = new Date(2025, 2, 3, 18, 0)
    expect(formatWhen(new Date(2025, 2, 3, 14, 5).toISOString(), now).short).toBe('14:05')
    expect(formatWhen(new Date(2025, 2, 1, 9, 30).toISOString(), now).short).toBe('1 Mar, 09:30')
    expect(formatWhen(new Date(2024, 11, 31, 23, 59).toISOString(), now).short).toBe('31 Dec 2024, 23:59')
  })

  it('keeps older pages when the newest page is refreshed', () => {
    const loaded = [job(9), job(8), job(7), job(6)]
    expect(mergeNewest(loaded, [job(10), job(9)], true).map((j) => j.id)).toEqual([10, 9, 8, 7, 6])
    expect(mergeNewest(loaded, [job(10), job(9)], false).map((j) => j.id)).toEqual([10, 9])
    expect(summariseCounts({ queued: 2, failed: 1 })).toEqual({ waiting: 2, attention: 1, failed: 1, interrupted: 0 })
    // A drawer kick is its own kind, its reference the reason; a test page's reference repeats its kind.
    expect([jobKindLabel({ kind: 'drawer' }), jobReference({ kind: 'drawer', reference: 'no sale' })]).toEqual(['Cash drawer', 'no sale'])
    expect([jobKindLabel({ kind: 'test' }), jobReference({ kind: 'test', reference: 'test page' })]).toEqual(['Test page', null])
    expect(jobReference({ kind: 'receipt', reference: 'R-1-000042' })).toBe('R-1-000042')
  })

  it('views a job: the picture, and its transcript with "Text"', async () => {
    const { el, services } = await queue()
    services.fake.on('GET', '/api/print-jobs/5/preview?format=text', new Response('^XA label ^XZ', { headers: { 'Content-Type': 'text/plain' } }))
    click(find(el, 'tr[data-job="5"] button.view'))
    const dialog = await waitFor(() => find<HTMLDialogElement>(el, 'pos-preview-dialog', 'dialog'))
    await waitFor(() => dialog.open)
    expect(text(find(dialog, 'h2'))).toBe('Label HOM-1')
    const preview = find(dialog, 'pos-print-preview')!
    await waitFor(() => find(preview, 'img'))
    expect(find(preview, 'img')?.getAttribute('src')).toBe('/api/print-jobs/5/preview')
    expect(find(dialog, 'a.raw')?.getAttribute('href')).toBe('/api/print-jobs/5/preview?format=raw')
    click(findAll(preview, 'button.seg').find((b) => text(b) === 'Text') ?? null)
    await waitFor(() => text(find(preview, 'pre')) === '^XA label ^XZ')
    expect(services.fake.calls('GET', '/api/print-jobs/5/preview?format=text')[0]?.headers.accept).toBe('text/plain')
  })

  it('reprints a job: the copy appears at the top', async () => {
    const { el, services } = await queue()
    services.fake
      .on('POST', '/api/print-jobs/5/reprint', json(job(10, { status: 'queued', copyOf: 5, printedAt: null, attempts: 0 }), 201))
      .on('GET', '/api/print-jobs?limit=50', json({ ...page1, items: [job(10, { status: 'queued', copyOf: 5, printedAt: null, attempts: 0 }), ...page1.items] }))
    click(find(el, 'tr[data-job="5"] button.reprint'))
    await waitFor(() => text(el).includes('Reprinting job #5 as job #10.'))
    expect(findAll(el, 'tr[data-job]')[0]?.getAttribute('data-job')).toBe('10')
    expect(row(el, 10)).toContain('Copy of #5 Queued')
    expect(services.fake.calls('POST', '/api/print-jobs/5/reprint')[0]?.headers['x-csrf-token']).toBe('csrf-123')
  })

  it('discards a job with a reason, and shows why when the appliance refuses', async () => {
    const { el, services } = await queue()
    const discarded = job(7, { status: 'cancelled', lastError: null, printedAt: null })
    services.fake
      .on('POST', '/api/print-jobs/7/cancel', problem(409, 'conflict', 'A printed print job can’t be cancelled'), json(discarded))
      .on('GET', '/api/print-jobs?limit=50', json({ ...page1, items: page1.items.map((j) => (j.id === 7 ? discarded : j)), counts: { queued: 2, sending: 1, failed: 1 } }))
    click(find(el, 'tr[data-job="7"] button.discard'))
    const dialog = await waitFor(() => find(el, 'pos-discard-dialog'))
    await waitFor(() => find<HTMLDialogElement>(dialog, 'dialog')?.open)
    click(find(dialog, 'button[type="submit"]'))
    await waitFor(() => text(find(dialog, '#discard-error')) === 'Say why this job is being discarded.')
    expect(services.fake.calls('POST', '/api/print-jobs/7/cancel')).toHaveLength(0)

    click(findAll(dialog, '.chip').find((b) => text(b) === 'Reprinted instead') ?? null)
    await (dialog as PosPrintQueue).updateComplete
    click(find(dialog, 'button[type="submit"]'))
    await waitFor(() => text(find(dialog, '[role="alert"]')).includes('A printed print job can’t be cancelled'))

    typeInto(find<HTMLInputElement>(dialog, '#discard-reason')!, 'Customer left')
    click(find(dialog, 'button[type="submit"]'))
    await waitFor(() => row(el, 7).includes('Discarded'))
    expect(services.fake.calls('POST', '/api/print-jobs/7/cancel').map((c) => c.body)).toEqual([{ reason: 'Reprinted instead' }, { reason: 'Customer left' }])
    expect(find<HTMLDialogElement>(dialog, 'dialog')?.open).toBe(false)
    expect(text(el)).toContain('Discarded job #7.')
    expect(find(el, '[data-note="7"]')).toBeNull()
    await waitFor(() => text(find(el, '[data-count="attention"]')) === '1 Need attention 1 failed')
  })

  it('explains an empty queue, and shows the detail when the queue cannot load', async () => {
    const { el } = await queue({ items: [], nextCursor: null, counts: {} })
    expect(text(el)).toContain('Nothing has been printed yet')
    expect(text(find(el, '[data-count="attention"]'))).toBe('0 Nothing needs attention')

    unmountAll()
    const services = testServices({ signedIn: sessionInfo() })
    services.fake
      .on('GET', '/api/print-jobs?limit=50', problem(503, 'unavailable', 'The appliance is busy: try again in a moment.'), json(page1))
      .on('GET', '/api/devices', json(devices))
    const broken = new PosPrintQueue()
    broken.services = services
    await mount(broken)
    await waitFor(() => text(find(broken, '[role="alert"]')).includes('The appliance is busy: try again in a moment.'))
    click(find(broken, '[role="alert"] button'))
    await waitFor(() => findAll(broken, 'tr[data-job]').length === 6)
  })
})
