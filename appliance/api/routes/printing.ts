/** The print queue (list, preview, reprint, cancel), devices and stations, test prints and the cash drawer. */
import { z } from 'zod'
import { ApprovalAction, canSelfApprove } from '../../app/auth.js'
import { cancelJob, openDrawer, reprintJob, savePrinter, saveScanner, saveStation, type PrintEncoder, type PrintJobRecord } from '../../app/print-queue.js'
import { runIdempotent } from '../../app/idempotent.js'
import { notFound } from '../../core/errors.js'
import { PRINTER_PROFILES } from '../../../drivers/printer/profile.js'
import type { DeviceDto, DeviceList, PrinterStatusDto, PrintJobDto, PrintJobList } from '../contract.js'
import type { AppDeps } from '../deps.js'
import { ALL_STAFF, MANAGERS, route } from '../route.js'
import { Reason } from '../schemas.js'
import { testPage } from './test-page.js'

const JobParams = z.strictObject({ id: z.coerce.number().int().min(1, 'not a print job id') })
const DeviceId = z.string().trim().min(1).max(40).regex(/^[\w.-]+$/, 'an id has letters, digits, dots, dashes or underscores')
const StatusFilter = z.enum(['queued', 'sending', 'printed', 'failed', 'interrupted', 'cancelled'])

const jobDto = (j: PrintJobRecord): PrintJobDto => ({
  id: j.id, kind: j.kind, format: j.format, station: j.station, printer: j.printer, status: j.status, attempts: j.attempts,
  lastError: j.lastError, reference: j.reference, copyOf: j.copyOf, createdAt: j.createdAt.toISOString(), printedAt: j.printedAt?.toISOString() ?? null,
})

const PrinterBody = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    kind: z.enum(['receipt', 'label']),
    transport: z.enum(['virtual', 'tcp', 'usb']),
    address: z.string().trim().max(100).nullable().default(null),
    profile: z.string().trim().min(1).max(60),
    active: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    if (p.transport === 'tcp' && !/^[\w.-]+(:\d{1,5})?$/.test(p.address ?? '')) ctx.addIssue({ code: 'custom', path: ['address'], message: 'a network printer needs host or host:port, e.g. 192.168.1.50:9100' })
    if (p.transport === 'usb' && !/^[0-9a-f]{4}:[0-9a-f]{4}$/i.test(p.address ?? '')) ctx.addIssue({ code: 'custom', path: ['address'], message: 'a USB printer needs vendorId:productId in hex, e.g. 04b8:0e28' })
    if (p.kind === 'label' && !['zpl', 'tspl'].includes(p.profile)) ctx.addIssue({ code: 'custom', path: ['profile'], message: 'a label printer speaks zpl or tspl' })
  })

export const printingRoutes = (deps: AppDeps) => {
  const { printing } = deps
  const encoder: PrintEncoder = printing.encoder

  async function deviceStatus(id: string): Promise<PrinterStatusDto> {
    const printer = await printing.queries.printer(id)
    if (!printer) return { unreachable: 'not configured' }
    try {
      const status = await Promise.race([printing.devices.status(printer), new Promise<'unknown'>((resolve) => setTimeout(() => resolve('unknown'), 1500))])
      return status as PrinterStatusDto
    } catch (error) {
      return { unreachable: (error as Error).message }
    }
  }

  return [
    route({
      method: 'get',
      path: '/api/print-jobs',
      summary: 'The print queue, newest first',
      roles: ALL_STAFF,
      query: z.strictObject({
        status: StatusFilter.optional(),
        station: z.string().max(40).optional(),
        printer: z.string().max(40).optional(),
        before: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      async handler({ c, query }) {
        const jobs = await printing.queries.jobs({ ...query, limit: query.limit + 1 })
        const items = jobs.slice(0, query.limit).map(jobDto)
        const body: PrintJobList = { items, nextCursor: jobs.length > query.limit ? items.at(-1)!.id : null, counts: await printing.queries.counts() }
        return c.json(body)
      },
    }),
    route({
      method: 'get',
      path: '/api/print-jobs/:id',
      summary: 'One print job',
      roles: ALL_STAFF,
      params: JobParams,
      async handler({ c, params }) {
        const job = await printing.queries.job(params.id)
        if (!job) throw notFound(`There is no print job ${params.id}`, 'id')
        return c.json(jobDto(job))
      },
    }),
    route({
      method: 'get',
      path: '/api/print-jobs/:id/preview',
      summary: 'How the job looks on paper: PNG, or ?format=text (transcript) or ?format=raw (the exact bytes)',
      roles: ALL_STAFF,
      params: JobParams,
      query: z.strictObject({ format: z.enum(['png', 'text', 'raw']).default('png') }),
      async handler({ c, params, query }) {
        const job = await printing.queries.job(params.id)
        if (!job) throw notFound(`There is no print job ${params.id}`, 'id')
        // Always copy into a fresh array: a Node Buffer's .buffer is a shared pool that holds other requests' bytes.
        if (query.format === 'raw') return c.body(new Uint8Array(job.bytes), 200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="job-${job.id}.bin"` })
        const printer = await printing.queries.printer(job.printer)
        if (query.format === 'text') return c.text(printing.devices.previewText(job, printer))
        const png = await printing.devices.previewPng(job, printer)
        if (!png) return c.text(printing.devices.previewText(job, printer))
        return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=3600' })
      },
    }),
    route({
      method: 'post',
      path: '/api/print-jobs/:id/reprint',
      summary: 'Print a job again (a receipt reprint is marked COPY)',
      roles: ALL_STAFF,
      params: JobParams,
      idempotent: true,
      status: 201,
      async handler({ c, params, actor, now, idempotencyKey }) {
        const { body } = await runIdempotent(deps.uow, { scope: 'print.reprint', key: idempotencyKey, now }, 201, async (s) => ({ id: await reprintJob(s, encoder, params.id, actor, now) }))
        return c.json(jobDto((await printing.queries.job(body.id))!), 201)
      },
    }),
    route({
      method: 'post',
      path: '/api/print-jobs/:id/cancel',
      summary: 'Discard a queued, failed or interrupted job',
      roles: ALL_STAFF,
      params: JobParams,
      body: z.strictObject({ reason: Reason.default('discarded') }),
      async handler({ c, params, body, actor, now }) {
        await deps.uow.run((s) => cancelJob(s, params.id, body.reason, actor, now))
        return c.json(jobDto((await printing.queries.job(params.id))!))
      },
    }),
    route({
      method: 'get',
      path: '/api/devices',
      summary: 'Printers (with live status) and scanners, and which station uses which',
      roles: ALL_STAFF,
      async handler({ c }) {
        const printers = await printing.queries.printers()
        const items: DeviceDto[] = await Promise.all(
          printers.map(async (p) => ({
            id: p.id, name: p.name, type: p.kind === 'receipt' ? ('receipt-printer' as const) : ('label-printer' as const),
            transport: p.transport, address: p.address, profile: p.profile, active: p.active,
            status: p.active ? await deviceStatus(p.id) : ({ unreachable: 'switched off in settings' } as const),
          })),
        )
        for (const sc of await printing.queries.scanners()) {
          const state = printing.devices.scannerState(sc.id)
          items.push({
            id: sc.id, name: sc.name, type: 'scanner', transport: sc.transport, address: sc.address, profile: sc.layout, active: sc.active,
            status: !sc.active ? { unreachable: 'switched off in settings' } : state === 'connected' ? 'connected' : state === 'waiting' ? { unreachable: 'not connected yet' } : { unreachable: state.error },
          })
        }
        return c.json({ items, stations: await printing.queries.stations() } satisfies DeviceList)
      },
    }),
    route({
      method: 'get',
      path: '/api/printer-profiles',
      summary: 'The printer models the appliance knows (receipt profiles) and label languages',
      roles: ALL_STAFF,
      handler: ({ c }) =>
        c.json({
          receipt: Object.values(PRINTER_PROFILES).map((p) => ({ id: p.id, name: p.name, paperWidthMm: p.paperWidthMm, columns: p.columns, language: p.language })),
          label: [{ id: 'zpl', name: 'ZPL II (Zebra and compatibles)' }, { id: 'tspl', name: 'TSPL (TSC and low-cost 4x6 printers)' }],
        }),
    }),
    route({
      method: 'put',
      path: '/api/printers/:id',
      summary: 'Add or change a printer',
      roles: MANAGERS,
      params: z.strictObject({ id: DeviceId }),
      body: PrinterBody,
      async handler({ c, params, body, actor, now }) {
        await deps.uow.run((s) => savePrinter(s, { id: params.id, ...body }, actor, now))
        await printing.devices.reset(params.id)
        return c.json({ id: params.id, ...body })
      },
    }),
    route({
      method: 'post',
      path: '/api/printers/:id/test',
      summary: 'Print a test page',
      roles: ALL_STAFF,
      params: z.strictObject({ id: DeviceId }),
      idempotent: true,
      status: 201,
      async handler({ c, params, actor, now, idempotencyKey }) {
        const printer = await printing.queries.printer(params.id)
        if (!printer) throw notFound(`There is no printer "${params.id}"`, 'id')
        const { body } = await runIdempotent(deps.uow, { scope: 'print.test', key: idempotencyKey, now }, 201, async (s) => {
          const page = testPage(printer, encoder, now)
          const id = await s.printing.insert({ kind: 'test', format: page.format, station: actor.station, printer: printer.id, reference: 'test page', copyOf: null, document: page.document, bytes: page.bytes, createdAt: now, createdBy: actor.staffId })
          s.publish({ type: 'print-job.changed', id, status: 'queued', printer: printer.id, station: actor.station })
          return { id }
        })
        return c.json(jobDto((await printing.queries.job(body.id))!), 201)
      },
    }),
    route({
      method: 'put',
      path: '/api/scanners/:id',
      summary: 'Add or change a scanner read on the appliance (HID POS or serial)',
      roles: MANAGERS,
      params: z.strictObject({ id: DeviceId }),
      body: z
        .strictObject({
          name: z.string().trim().min(1).max(60),
          transport: z.enum(['hid', 'serial']),
          address: z.string().trim().min(1).max(100),
          layout: z.enum(['honeywell', 'usage-table']).nullable().default(null),
          active: z.boolean().default(true),
        })
        .superRefine((sc, ctx) => {
          if (sc.transport === 'hid' && !/^[0-9a-f]{4}:[0-9a-f]{4}$/i.test(sc.address)) ctx.addIssue({ code: 'custom', path: ['address'], message: 'a HID POS scanner needs vendorId:productId in hex, e.g. 0c2e:0b61' })
          if (sc.transport === 'serial' && !/^\/dev\/[\w/.-]+$/.test(sc.address)) ctx.addIssue({ code: 'custom', path: ['address'], message: 'a serial scanner needs its port, e.g. /dev/ttyACM0' })
        }),
      async handler({ c, params, body, actor, now }) {
        await deps.uow.run((s) => saveScanner(s, { id: params.id, ...body }, actor, now))
        await printing.devices.reloadScanner(params.id)
        return c.json({ id: params.id, ...body })
      },
    }),
    route({
      method: 'put',
      path: '/api/stations/:id',
      summary: 'Assign a station its receipt printer, label printer and scanner',
      roles: MANAGERS,
      params: z.strictObject({ id: DeviceId }),
      body: z.strictObject({
        name: z.string().trim().min(1).max(60),
        receiptPrinter: DeviceId.nullable().default(null),
        labelPrinter: DeviceId.nullable().default(null),
        scanner: z.string().trim().max(60).nullable().default(null),
      }),
      async handler({ c, params, body, actor, now }) {
        const station = { id: params.id, ...body }
        await deps.uow.run((s) => saveStation(s, station, actor, now))
        return c.json(station)
      },
    }),
    route({
      method: 'post',
      path: '/api/drawer/open',
      summary: "Open the station's cash drawer (a manager, or with a manager's approval)",
      roles: ALL_STAFF,
      body: z.strictObject({ station: z.string().trim().min(1).max(40).optional(), reason: Reason, approvalToken: z.string().max(200).optional() }),
      idempotent: true,
      status: 201,
      async handler({ c, body, actor, now, idempotencyKey }) {
        const answer = await runIdempotent(deps.uow, { scope: 'drawer.open', key: idempotencyKey, now }, 201, async (s) => {
          const approvedBy = canSelfApprove(actor) ? undefined : deps.approvals.check(body.approvalToken, ApprovalAction.OpenDrawer, now)
          return { id: await openDrawer(s, encoder, { station: body.station ?? actor.station, reason: body.reason, approvedBy }, actor, now) }
        })
        deps.approvals.spend(body.approvalToken)
        return c.json(jobDto((await printing.queries.job(answer.body.id))!), 201)
      },
    }),
  ]
}
