// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceDto, DeviceList, PrintJobDto, RoleName } from '../../appliance/api/contract.js'
import { deviceStatusBadges, printerIdFrom, printerProblems } from '../../ui/data/printing.js'
import { PosPrintPreview } from '../../ui/components/receipt-preview.js'
import { PosDevices } from '../../ui/views/devices/devices-page.js'
import { click, find, findAll, mount, text, typeInto, unmountAll, waitFor } from './support/dom.js'
import { json, problem, sessionInfo, testServices } from './support/fakes.js'

const ok = { online: true, coverOpen: false, paperNearEnd: false, paperOut: false, drawerOpen: false, error: false }
const printer = (id: string, name: string, over: Partial<DeviceDto> = {}): DeviceDto => ({
  id, name, type: 'receipt-printer', transport: 'virtual', address: null, profile: 'epson-tm-t88vi', active: true, status: ok, ...over,
})
const devices: DeviceList = {
  items: [
    printer('screen-labels', 'Label preview (on screen)', { type: 'label-printer', profile: 'zpl' }),
    printer('screen-receipts', 'Receipt preview (on screen)'),
    printer('front', 'Front counter', { transport: 'tcp', address: '10.0.0.9:9100', status: { unreachable: 'cannot reach the printer at 10.0.0.9:9100: ECONNREFUSED' } }),
    printer('back', 'Back office', { transport: 'usb', address: '04b8:0e28', profile: 'star-tsp100iv', status: { ...ok, paperNearEnd: true } }),
    printer('old', 'Old Epson', { active: false, status: { unreachable: 'switched off in settings' } }),
  ],
  stations: [
    { id: 'till-1', name: 'Till 1', receiptPrinter: 'screen-receipts', labelPrinter: 'screen-labels', scanner: null },
    { id: 'pack-bench', name: 'Packing bench', receiptPrinter: null, labelPrinter: 'screen-labels', scanner: null },
  ],
}
const testJob = (over: Partial<PrintJobDto> = {}): PrintJobDto => ({
  id: 41, kind: 'test', format: 'escpos', station: 'till-1', printer: 'screen-receipts', status: 'queued', attempts: 0, lastError: null,
  reference: 'test page', copyOf: null, createdAt: '2025-03-03T14:05:00Z', printedAt: null, ...over,
})

async function devicesPage(role: RoleName = 'manager') {
  const services = testServices({ signedIn: sessionInfo(role) })
  services.fake.on('GET', '/api/devices', json(devices))
  const el = new PosDevices()
  el.services = services
  await mount(el)
  await waitFor(() => findAll(el, 'article[data-printer]').length === 5)
  return { el, services }
}

const card = (el: Element, id: string) => find(el, `article[data-printer="${id}"]`)!
const badges = (el: Element, id: string) => findAll(card(el, id), '.badges .badge').map(text)

afterEach(unmountAll)

describe('pos-devices', () => {
  it('shows each printer with its live status, receipts first, and keeps the status live from device.status', async () => {
    const { el, services } = await devicesPage()
    expect(findAll(el, 'article[data-printer] h3').map(text)).toEqual(['Back office', 'Front counter', 'Old Epson', 'Receipt preview (on screen)', 'Label preview (on screen)'])
    expect(badges(el, 'screen-receipts')).toEqual(['Online'])
    expect(badges(el, 'back')).toEqual(['Paper low'])
    expect(badges(el, 'front')).toEqual(['Unreachable'])
    expect(text(card(el, 'front'))).toContain('cannot reach the printer at 10.0.0.9:9100: ECONNREFUSED')
    expect(text(card(el, 'front'))).toContain('Connection Network · 10.0.0.9:9100')
    expect(badges(el, 'old')).toEqual(['Switched off'])
    expect(find<HTMLButtonElement>(card(el, 'old'), 'button.test')?.disabled).toBe(true)
    expect(text(card(el, 'screen-receipts'))).toContain('Receipt printer · Epson TM-T88VI, 80 mm paper')
    expect(text(card(el, 'screen-labels'))).toContain('Used by Till 1, Packing bench')

    expect(services.live.listeners('device.status')).toBe(1)
    services.live.emit('device.status', { printer: 'back', status: { ...ok, paperOut: true, coverOpen: true } })
    await waitFor(() => badges(el, 'back').join() === 'Paper out,Cover open')
    services.live.emit('device.status', { printer: 'screen-receipts', status: { ...ok, online: false } })
    await waitFor(() => badges(el, 'screen-receipts').join() === 'Offline')
    el.remove()
    expect(services.live.listeners('device.status')).toBe(0)
  })

  it('maps every printer status to badges', () => {
    expect(deviceStatusBadges('unknown').map((b) => b.label)).toEqual(['No status'])
    expect(deviceStatusBadges('connected').map((b) => b.label)).toEqual(['Connected'])
    expect(deviceStatusBadges({ ...ok, error: true, drawerOpen: true }).map((b) => b.label)).toEqual(['Printer error', 'Drawer open'])
    expect(deviceStatusBadges({ ...ok, drawerOpen: true }).map((b) => `${b.label}:${b.tone}`)).toEqual(['Online:success', 'Drawer open:info'])
    expect(deviceStatusBadges({ unreachable: 'timed out' })).toEqual([{ label: 'Unreachable', tone: 'danger', detail: 'timed out' }])
  })

  it('prints a test page and shows its preview once it has printed', async () => {
    const { el, services } = await devicesPage()
    services.fake
      .on('POST', '/api/printers/screen-receipts/test', json(testJob(), 201))
      .on('GET', '/api/print-jobs/41', json(testJob({ status: 'printed', attempts: 1, printedAt: '2025-03-03T14:05:01Z' })))
    click(find(card(el, 'screen-receipts'), 'button.test'))
    const preview = await waitFor(() => find<PosPrintPreview>(card(el, 'screen-receipts'), 'pos-print-preview'))
    await waitFor(() => text(preview).includes('Printing… The preview appears as soon as it has printed.'))
    expect(find(preview, 'img')).toBeNull()
    const settled: PrintJobDto[] = []
    preview.addEventListener('print-job-settled', (e) => settled.push((e as CustomEvent<{ job: PrintJobDto }>).detail.job))

    services.live.emit('print-job.changed', { id: 41, status: 'printed', printer: 'screen-receipts', station: 'till-1', lastError: null })
    const img = await waitFor(() => find<HTMLImageElement>(preview, 'img'))
    expect(img.getAttribute('src')).toBe('/api/print-jobs/41/preview')
    expect(img.getAttribute('alt')).toBe('How test page #41 looks on paper')
    await waitFor(() => text(preview).includes('Printed 3 Mar 2025, 14:05'))
    expect(text(find(preview, '.status'))).toBe('Printed')
    expect(settled.map((j) => j.status)).toEqual(['printed'])
    expect(services.fake.calls('POST', '/api/printers/screen-receipts/test')[0]?.headers['x-csrf-token']).toBe('csrf-123')

    click(find(card(el, 'screen-receipts'), 'button.hide'))
    await waitFor(() => !find(card(el, 'screen-receipts'), 'pos-print-preview'))
  })

  it('shows why a test print was refused', async () => {
    const { el, services } = await devicesPage()
    services.fake.on('POST', '/api/printers/front/test', problem(404, 'not_found', 'There is no printer "front"'))
    click(find(card(el, 'front'), 'button.test'))
    await waitFor(() => text(find(card(el, 'front'), '[role="alert"]')).includes('There is no printer "front"'))
  })

  it('adds a printer: the address hint follows the connection, the form is checked, then saved under an id from its name', async () => {
    const { el, services } = await devicesPage()
    click(find(el, 'button.add'))
    const form = await waitFor(() => find(el, 'pos-printer-form'))
    await waitFor(() => find<HTMLDialogElement>(form, 'dialog')?.open)
    expect(text(find(form, '#address-hint'))).toContain('192.168.1.50:9100')
    click(find(form, 'input[name="transport"][value="usb"]'))
    await waitFor(() => text(find(form, '#address-hint')).includes('04b8:0e28'))

    typeInto(find<HTMLInputElement>(form, '#printer-name')!, 'Front counter')
    typeInto(find<HTMLInputElement>(form, '#printer-address')!, 'usb-1')
    click(find(form, 'button[type="submit"]'))
    await waitFor(() => text(find(form, '#address-error')) === 'Enter vendorId:productId in hex, e.g. 04b8:0e28.')
    expect(services.fake.calls('PUT', /\/api\/printers\//)).toHaveLength(0)
    // "front" is taken: the new printer gets "front-counter".
    expect(find(form, '#printer-name-hint .mono')?.textContent).toBe('front-counter')

    click(find(form, 'input[name="kind"][value="label"]'))
    await waitFor(() => findAll<HTMLOptionElement>(form, '#printer-profile option').map((o) => o.value).join() === 'zpl,tspl')
    typeInto(find<HTMLInputElement>(form, '#printer-address')!, '0a5f:0164')
    services.fake
      .on('PUT', '/api/printers/front-counter', json({ id: 'front-counter' }))
      .on('GET', '/api/devices', json({ ...devices, items: [...devices.items, printer('front-counter', 'Front counter', { type: 'label-printer', profile: 'zpl' })] }))
    click(find(form, 'button[type="submit"]'))
    await waitFor(() => findAll(el, 'article[data-printer]').length === 6)
    expect(services.fake.calls('PUT', '/api/printers/front-counter')[0]?.body).toEqual({
      name: 'Front counter', kind: 'label', transport: 'usb', address: '0a5f:0164', profile: 'zpl', active: true,
    })
    expect(text(el)).toContain('Saved Front counter.')
    expect(find<HTMLDialogElement>(form, 'dialog')?.open).toBe(false)
  })

  it('changes a printer and shows the appliance’s refusal next to its field', async () => {
    const { el, services } = await devicesPage()
    click(find(card(el, 'front'), 'button.edit'))
    const form = await waitFor(() => find(el, 'pos-printer-form'))
    await waitFor(() => find<HTMLInputElement>(form, '#printer-name')?.value === 'Front counter')
    expect(find<HTMLInputElement>(form, '#printer-address')?.value).toBe('10.0.0.9:9100')
    expect(find<HTMLInputElement>(form, 'input[name="transport"][value="tcp"]')?.checked).toBe(true)
    services.fake.on('PUT', '/api/printers/front', problem(400, 'invalid_input', 'address: a network printer needs host or host:port', { field: 'address' }))
    typeInto(find<HTMLInputElement>(form, '#printer-address')!, 'printer.local:70000')
    click(find(form, 'button[type="submit"]'))
    await waitFor(() => text(find(form, '#address-error')) === 'address: a network printer needs host or host:port')
    expect(services.fake.calls('PUT', '/api/printers/front')[0]?.body).toMatchObject({ transport: 'tcp', address: 'printer.local:70000', profile: 'epson-tm-t88vi' })
  })

  it('assigns a station’s printers with a select per device, saved per station', async () => {
    const { el, services } = await devicesPage()
    const table = find(el, 'pos-station-table')!
    const row = () => find(table, 'tr[data-station="pack-bench"]')!
    const save = () => find<HTMLButtonElement>(row(), 'button.save')
    expect(save()).toBeNull()
    const receipt = find<HTMLSelectElement>(row(), 'select[data-column="receiptPrinter"]')!
    expect(findAll<HTMLOptionElement>(receipt, 'option').map(text)).toEqual([
      'Shop’s first receipt printer', 'Receipt preview (on screen)', 'Front counter', 'Back office', 'Old Epson (switched off)',
    ])
    receipt.value = 'back'
    receipt.dispatchEvent(new Event('change'))
    await waitFor(() => save()?.disabled === false)
    expect(save()?.getAttribute('aria-label')).toBe('Save Packing bench')
    services.fake.on('PUT', '/api/stations/pack-bench',
      problem(404, 'not_found', 'There is no printer "back"', { field: 'receiptPrinter' }),
      json({ id: 'pack-bench', name: 'Packing bench', receiptPrinter: 'back', labelPrinter: 'screen-labels', scanner: null }))
    click(save())
    await waitFor(() => text(find(table, '.row-error')) === 'There is no printer "back"')
    click(save())
    await waitFor(() => text(row()).includes('Saved'))
    expect(find(table, '.row-error')).toBeNull()
    expect(services.fake.calls('PUT', '/api/stations/pack-bench')[1]?.body).toEqual({ name: 'Packing bench', receiptPrinter: 'back', labelPrinter: 'screen-labels', scanner: null })
    expect(save()).toBeNull()
    await waitFor(() => text(card(el, 'back')).includes('Used by Packing bench'))
  })

  it('is read-only for an assistant: status and test print, no changes', async () => {
    const { el } = await devicesPage('assistant')
    expect(text(find(el, '[role="note"]'))).toContain('Only a manager can add or change printers and stations.')
    expect(find(el, 'button.add')).toBeNull()
    expect(find(el, 'button.edit')).toBeNull()
    expect(find(el, 'a.back')).toBeNull()
    const table = find(el, 'pos-station-table')!
    expect(findAll(table, 'select')).toHaveLength(0)
    expect(text(find(table, 'tr[data-station="pack-bench"]'))).toBe('Packing bench pack-bench Shop’s first receipt printer Label preview (on screen) None')
    expect(find<HTMLButtonElement>(card(el, 'screen-receipts'), 'button.test')?.disabled).toBe(false)
  })

  it('opens the drawer: asks why, and an assistant gets a manager’s approval on the spot', async () => {
    const { el, services } = await devicesPage('assistant')
    services.fake
      .on('POST', '/api/drawer/open',
        problem(403, 'approval_required', 'This needs a manager’s approval: ask a manager to enter their PIN.', { field: 'approvalToken' }),
        json(testJob({ id: 42, kind: 'drawer', reference: 'Change for float' }), 201))
      .on('POST', '/api/approvals', json({ token: 'tok-9', action: 'till.open_drawer', approvedBy: 'Maya', approvedByName: 'Maya', expiresAt: '2030-01-01T00:00:00Z' }, 201))
    const panel = find(el, 'pos-drawer-panel')!
    expect(text(panel)).toContain('This device is station Till 1')
    expect(text(panel)).toContain('The drawer opens through Receipt preview (on screen)')
    click(find(panel, 'button.open'))
    await waitFor(() => text(find(panel, '#drawer-reason-error')) === 'Say why the drawer is being opened.')
    expect(services.fake.calls('POST', '/api/drawer/open')).toHaveLength(0)

    click(findAll(panel, '.chip').find((c) => text(c) === 'Change for a customer') ?? null)
    await (panel as PosDevices).updateComplete
    click(find(panel, 'button.open'))
    const prompt = await waitFor(() => find(panel, 'pos-approval-prompt'))
    expect(text(prompt)).toContain('ask a manager to enter their PIN')
    typeInto(find<HTMLInputElement>(prompt, '#approver')!, 'maya')
    for (const d of '1111') click(find(prompt, 'pos-pin-pad', `[data-key="${d}"]`))
    click(find(prompt, 'pos-pin-pad', '[data-key="enter"]'))
    await waitFor(() => text(panel).includes('Opening the drawer through Receipt preview (on screen) (approved by Maya).'))
    expect(services.fake.calls('POST', '/api/approvals')[0]?.body).toEqual({ staff: 'maya', pin: '1111', action: 'till.open_drawer' })
    expect(services.fake.calls('POST', '/api/drawer/open').map((c) => c.body)).toEqual([
      { station: 'till-1', reason: 'Change for a customer' },
      { station: 'till-1', reason: 'Change for a customer', approvalToken: 'tok-9' },
    ])
    expect(find(panel, 'pos-approval-prompt')).toBeNull()
  })

  it('shows the detail when the devices cannot load, and tries again', async () => {
    const services = testServices({ signedIn: sessionInfo() })
    services.fake.on('GET', '/api/devices', problem(500, 'internal', 'The appliance hit a problem. Try again in a moment.'), json(devices))
    const el = new PosDevices()
    el.services = services
    await mount(el)
    await waitFor(() => text(find(el, '[role="alert"]')).includes('The appliance hit a problem.'))
    click(find(el, '[role="alert"] button'))
    await waitFor(() => findAll(el, 'article[data-printer]').length === 5)
  })

  it('makes printer ids from names and checks addresses the way the appliance does', () => {
    expect(printerIdFrom('Front counter', [])).toBe('front-counter')
    expect(printerIdFrom('Front counter', ['front-counter', 'front-counter-2'])).toBe('front-counter-3')
    expect(printerIdFrom('Café № 1!', [])).toBe('cafe-no-1')
    expect(printerIdFrom('  ', [])).toBe('printer')
    const base = { name: 'P', kind: 'receipt', transport: 'tcp', address: '192.168.1.50:9100', profile: 'epson-tm-t88vi', active: true } as const
    expect(printerProblems(base)).toEqual({})
    expect(printerProblems({ ...base, address: 'printer.local' })).toEqual({})
    expect(printerProblems({ ...base, address: 'http://x' }).address).toBeDefined()
    expect(printerProblems({ ...base, transport: 'virtual', address: null })).toEqual({})
    expect(printerProblems({ ...base, kind: 'label' }).profile).toBe('Choose the printer’s model.')
  })
})

describe('pos-print-preview', () => {
  it('waits for a job, looks again if an event was missed, and falls back to the transcript when there is no picture', async () => {
    const services = testServices({ signedIn: sessionInfo() })
    services.fake
      .on('GET', '/api/print-jobs/42', json(testJob({ id: 42, kind: 'drawer', reference: 'Change for float' })), json(testJob({ id: 42, kind: 'drawer', reference: 'Change for float', status: 'printed', printedAt: '2025-03-03T14:05:01Z' })))
      .on('GET', '/api/print-jobs/42/preview?format=text', new Response('[drawer kick pin 2]', { headers: { 'Content-Type': 'text/plain' } }))
    const el = new PosPrintPreview()
    el.services = services
    el.pollMs = 10
    await mount(el)
    expect(text(el)).toBe('Waiting for the print job…')
    el.jobId = 42
    await waitFor(() => text(el).includes('Printing…'))
    const img = await waitFor(() => find<HTMLImageElement>(el, 'img'))
    img.dispatchEvent(new Event('error'))
    await waitFor(() => text(find(el, 'pre')) === '[drawer kick pin 2]')
    expect(find<HTMLButtonElement>(el, 'button.seg')?.disabled).toBe(true)
  })

  it('explains an interrupted job', async () => {
    const services = testServices({ signedIn: sessionInfo() })
    const el = new PosPrintPreview()
    el.services = services
    el.job = testJob({ status: 'interrupted', lastError: 'the printer closed the connection' })
    await mount(el)
    expect(text(find(el, '.alert'))).toBe('The printer lost the connection mid-print: check the paper, then reprint or discard. the printer closed the connection')
    expect(find(el, 'img')).not.toBeNull()
    expect(services.fake.requests).toEqual([])
  })
})
