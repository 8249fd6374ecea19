/**
 * The durable print queue through HTTP, a real database and the virtual printer — in
 * process and over TCP 9100 with scripted faults — including an appliance restart.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceList, PrintJobDto, PrintJobList } from '../../appliance/api/contract.js'
import { VirtualPrinterServer } from '../../drivers/virtual/virtual-printer-server.js'
import { signIn, startAppliance, type Client, type TestAppliance } from '../support/appliance.js'

let appliance: TestAppliance
let maya: Client
const server = new VirtualPrinterServer({ columns: 48 })

beforeAll(async () => {
  appliance = await startAppliance()
  maya = await signIn(appliance.url, 'maya', '1111', 'till-1')
  await server.start()
  const put = await maya.fetch('/api/printers/net-1', { method: 'PUT', json: { name: 'Back office Epson', kind: 'receipt', transport: 'tcp', address: `127.0.0.1:${server.port}`, profile: 'epson-tm-t88vi' } })
  expect(put.status).toBe(200)
})
afterAll(async () => {
  await appliance.stop()
  await server.stop()
})

async function waitFor(id: number, statuses: string[], client = maya, timeoutMs = 8000): Promise<PrintJobDto> {
  const started = Date.now()
  for (;;) {
    const job = await client.get<PrintJobDto>(`/api/print-jobs/${id}`)
    if (statuses.includes(job.status)) return job
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} stayed ${job.status} (${job.lastError})`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const testPrint = async (printer: string) => (await (await maya.post(`/api/printers/${printer}/test`, {})).json()) as PrintJobDto

describe('print queue', () => {
  it('prints a test page on the on-screen printer, with PNG, transcript and raw previews', async () => {
    const job = await testPrint('screen-receipts')
    expect(job.status).toBe('queued')
    const printed = await waitFor(job.id, ['printed'])
    expect(printed.attempts).toBe(1)
    const text = await (await maya.fetch(`/api/print-jobs/${job.id}/preview?format=text`)).text()
    expect(text).toContain('Printer test £ € é ü')
    const png = await maya.fetch(`/api/print-jobs/${job.id}/preview`)
    expect(png.headers.get('content-type')).toBe('image/png')
    const pngBytes = new Uint8Array(await png.arrayBuffer())
    expect(pngBytes.slice(1, 4)).toEqual(new TextEncoder().encode('PNG'))
    // The whole image and nothing else: it ends with the IEND chunk (no pooled bytes from other requests).
    expect(new TextDecoder().decode(pngBytes.slice(-8, -4))).toBe('IEND')
    const raw = new Uint8Array(await (await maya.fetch(`/api/print-jobs/${job.id}/preview?format=raw`)).arrayBuffer())
    expect(raw.slice(0, 2)).toEqual(Uint8Array.of(0x1b, 0x40)) // ESC @ initialise
    expect(appliance.fleet.virtual('screen-receipts')!.jobs.at(-1)!.transcript).toContain('Printer test')
  })

  it('settles a backlog on the on-screen printer in batches: in order, once each, in a few transactions', async () => {
    const uow = appliance.deps.uow
    const run = uow.run.bind(uow)
    let workerTransactions = 0
    uow.run = (work, options) => {
      if (options?.background) workerTransactions++
      return run(work, options)
    }
    try {
      // Hold the writer so six test pages queue up and commit together.
      let release!: () => void
      const held = appliance.db.transaction(() => new Promise<void>((resolve) => (release = resolve)))
      const posting = Array.from({ length: 6 }, () => testPrint('screen-receipts'))
      await new Promise((r) => setTimeout(r, 100))
      release()
      await held
      const jobs = await Promise.all(posting)
      const printed = await Promise.all(jobs.map((j) => waitFor(j.id, ['printed'])))
      expect(printed.map((j) => j.attempts)).toEqual([1, 1, 1, 1, 1, 1])
      const ids = jobs.map((j) => j.id).sort((a, b) => a - b)
      const onScreen = appliance.fleet.virtual('screen-receipts')!.jobs.slice(-6)
      expect(onScreen.every((j) => j.transcript.includes('Printer test'))).toBe(true)
      expect(ids.at(-1)! - ids[0]!).toBe(5)
      // One to claim the six and one to record them printed (a job at a time took seven).
      expect(workerTransactions).toBeLessThanOrEqual(3)
    } finally {
      uow.run = run
    }
  })

  it('a reprint is a new job marked COPY, and is audited', async () => {
    const original = await waitFor((await testPrint('screen-receipts')).id, ['printed'])
    const copy = (await (await maya.post(`/api/print-jobs/${original.id}/reprint`, {})).json()) as PrintJobDto
    expect(copy.copyOf).toBe(original.id)
    await waitFor(copy.id, ['printed'])
    expect(await (await maya.fetch(`/api/print-jobs/${copy.id}/preview?format=text`)).text()).toContain('COPY')
    const audit = await appliance.db.reader.one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'print.reprinted' AND entity_id = ?", [String(original.id)])
    expect(audit!.n).toBe(1)
  })

  it('holds jobs while the network printer is out of paper and prints them in order, once each, when it is refilled', async () => {
    server.printer.clearJobs()
    server.printer.setFaults({ paperOut: true })
    const ids = [(await testPrint('net-1')).id, (await testPrint('net-1')).id, (await testPrint('net-1')).id]
    const held = await waitFor(ids[0]!, ['queued'], maya)
    await new Promise((r) => setTimeout(r, 300))
    const first = await maya.get<PrintJobDto>(`/api/print-jobs/${ids[0]}`)
    expect(first.status).toBe('queued')
    expect(first.lastError ?? held.lastError).toMatch(/Paper out/)
    server.printer.setFaults({ paperOut: false })
    for (const id of ids) await waitFor(id, ['printed'], maya, 15_000)
    const printedJobs = server.printer.jobs.filter((j) => j.printed && j.transcript.includes('Printer test'))
    expect(printedJobs).toHaveLength(3)
    const list = await maya.get<PrintJobList>('/api/print-jobs?printer=net-1&status=printed')
    expect(list.items.map((j) => j.id).slice(0, 3).reverse()).toEqual(ids)
  })

  it('marks a job whose connection dropped mid-job as interrupted and never resends it by itself', async () => {
    server.printer.clearJobs()
    server.printer.setFaults({ disconnectAfterBytes: 40 })
    const job = await testPrint('net-1')
    const interrupted = await waitFor(job.id, ['interrupted', 'printed'], maya, 15_000)
    expect(interrupted.status).toBe('interrupted')
    server.printer.setFaults({ disconnectAfterBytes: undefined })
    await new Promise((r) => setTimeout(r, 1500))
    expect((await maya.get<PrintJobDto>(`/api/print-jobs/${job.id}`)).status).toBe('interrupted')
    expect((await maya.post(`/api/print-jobs/${job.id}/cancel`, { reason: 'printed fine after all' })).status).toBe(200)
    expect((await maya.get<PrintJobDto>(`/api/print-jobs/${job.id}`)).status).toBe('cancelled')
    expect((await maya.post(`/api/print-jobs/${job.id}/cancel`, {})).status).toBe(409)
  })

  it('lists printers with live status and stations with their printers', async () => {
    const devices = await maya.get<DeviceList>('/api/devices')
    const screen = devices.items.find((d) => d.id === 'screen-receipts')!
    expect(screen).toMatchObject({ type: 'receipt-printer', transport: 'virtual', status: { online: true, paperOut: false } })
    expect(devices.stations.find((s) => s.id === 'till-1')).toMatchObject({ receiptPrinter: 'screen-receipts', labelPrinter: 'screen-labels' })
    const bad = await maya.fetch('/api/stations/till-1', { method: 'PUT', json: { name: 'Till 1', receiptPrinter: 'screen-labels' } })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { field: string }).field).toBe('receiptPrinter')
    const badAddress = await maya.fetch('/api/printers/x', { method: 'PUT', json: { name: 'X', kind: 'receipt', transport: 'tcp', address: 'not an address!', profile: 'epson-tm-t88vi' } })
    expect(((await badAddress.json()) as { field: string }).field).toBe('address')
  })

  it('opens the cash drawer for a manager, and for an assistant only with a manager\u2019s approval; audited', async () => {
    const opened = (await (await maya.post('/api/drawer/open', { reason: 'change for the float' })).json()) as PrintJobDto
    await waitFor(opened.id, ['printed'])
    const raw = new Uint8Array(await (await maya.fetch(`/api/print-jobs/${opened.id}/preview?format=raw`)).arrayBuffer())
    expect([...raw.slice(0, 3)]).toEqual([0x1b, 0x70, 0x00]) // ESC p, pin 2
    const ash = await signIn(appliance.url, 'ash', '2222', 'till-1')
    expect((await ash.post('/api/drawer/open', { reason: 'no sale' })).status).toBe(403)
    const grant = (await (await ash.post('/api/approvals', { staff: 'maya', pin: '1111', action: 'till.open_drawer' })).json()) as { token: string }
    expect((await ash.post('/api/drawer/open', { reason: 'no sale', approvalToken: grant.token })).status).toBe(201)
    const audit = await appliance.db.reader.all<{ staff_id: string }>("SELECT staff_id FROM audit_log WHERE action = 'till.drawer_opened' ORDER BY id")
    expect(audit.map((a) => a.staff_id)).toEqual(['maya', 'ash'])
  })
})

describe('print queue across a restart', () => {
  it('keeps queued jobs, prints them after the restart, and hands a half-sent job to a person', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'print-restart-'))
    // A network printer that is switched off: jobs wait for it.
    const probe = new VirtualPrinterServer()
    const { port } = await probe.start()
    await probe.stop()
    const first = await startAppliance({ products: 20, dataDir })
    const client = await signIn(first.url)
    await client.fetch('/api/printers/net-off', { method: 'PUT', json: { name: 'Off', kind: 'receipt', transport: 'tcp', address: `127.0.0.1:${port}`, profile: 'epson-tm-t88vi' } })
    const waiting = (await (await client.post('/api/printers/net-off/test', {})).json()) as PrintJobDto
    const halfSent = (await (await client.post('/api/printers/net-off/test', {})).json()) as PrintJobDto
    await new Promise((r) => setTimeout(r, 300))
    // As if the appliance died mid-send: the second job is left 'sending'.
    await first.db.transaction((tx) => tx.sql.run("UPDATE print_jobs SET status = 'sending' WHERE id = ?", [halfSent.id]))
    await first.stop()

    const printer = new VirtualPrinterServer({ port })
    await printer.start()
    const second = await startAppliance({ dataDir })
    try {
      const again = await signIn(second.url)
      await waitFor(waiting.id, ['printed'], again, 15_000)
      const interrupted = await again.get<PrintJobDto>(`/api/print-jobs/${halfSent.id}`)
      expect(interrupted.status).toBe('interrupted')
      expect(interrupted.lastError).toMatch(/restarted while this was printing/)
      expect(printer.printer.jobs.filter((j) => j.printed)).toHaveLength(1)
    } finally {
      await second.stop()
      await printer.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
