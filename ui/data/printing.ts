import type {
  DeviceDto,
  DeviceList,
  PrinterStatusDto,
  PrintJobDto,
  PrintJobList,
  PrintJobStatus,
  StationDto,
} from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

/** Every status a print job can have, in the order the filter offers them. */
export const JOB_STATUSES = ['queued', 'sending', 'printed', 'failed', 'interrupted', 'cancelled'] as const satisfies readonly PrintJobStatus[]

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral'

export const JOB_STATUS_VIEW: Record<PrintJobStatus, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'info' },
  sending: { label: 'Sending', tone: 'info' },
  printed: { label: 'Printed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  interrupted: { label: 'Interrupted', tone: 'warning' },
  cancelled: { label: 'Discarded', tone: 'neutral' },
}

export const JOB_KIND_LABEL: Record<PrintJobDto['kind'], string> = {
  receipt: 'Receipt',
  label: 'Label',
  report: 'Report',
  test: 'Test page',
  drawer: 'Cash drawer',
}

/** What the job prints (a receipt number, an order, a SKU; a drawer kick's reason), unless it only repeats the kind ("test page"). */
export function jobReference(job: Pick<PrintJobDto, 'kind' | 'reference'>): string | null {
  return job.reference && job.reference.toLowerCase() !== JOB_KIND_LABEL[job.kind].toLowerCase() ? job.reference : null
}

/** "Receipt", "Label", "Test page", "Cash drawer". */
export function jobKindLabel(job: Pick<PrintJobDto, 'kind'>): string {
  return JOB_KIND_LABEL[job.kind]
}

/** A job that is still on its way to paper: a preview of it waits. */
export const isPending = (status: PrintJobStatus): boolean => status === 'queued' || status === 'sending'
/** Only these can be discarded (the appliance's print-job state machine). */
export const canDiscard = (status: PrintJobStatus): boolean => status === 'queued' || status === 'failed' || status === 'interrupted'
/** Reprinting a job that is still waiting would print it twice. */
export const canReprint = (status: PrintJobStatus): boolean => !isPending(status)

export const INTERRUPTED_HELP = 'The printer lost the connection mid-print: check the paper, then reprint or discard.'

// ─── The queue ───────────────────────────────────────────────────────────────

export interface JobFilter {
  status?: PrintJobStatus | undefined
  station?: string | undefined
}

export function jobsPath(filter: JobFilter, before?: number | null, limit = 50): string {
  const params = new URLSearchParams()
  if (filter.status) params.set('status', filter.status)
  if (filter.station) params.set('station', filter.station)
  if (before !== undefined && before !== null) params.set('before', String(before))
  params.set('limit', String(limit))
  return `/api/print-jobs?${params}`
}

/** One page of the queue, newest first; pass `nextCursor` as `before` for the next (older) page. */
export function listPrintJobs(api: ApiClient, filter: JobFilter, before?: number | null, limit = 50): Promise<PrintJobList> {
  return api.get<PrintJobList>(jobsPath(filter, before, limit))
}

export function getPrintJob(api: ApiClient, id: number): Promise<PrintJobDto> {
  return api.get<PrintJobDto>(`/api/print-jobs/${id}`)
}

/** Where the job's preview lives: a PNG (for an `<img>`), the text transcript or the exact bytes. */
export function previewPath(id: number, format: 'png' | 'text' | 'raw' = 'png'): string {
  return `/api/print-jobs/${id}/preview${format === 'png' ? '' : `?format=${format}`}`
}

export function getPreviewText(api: ApiClient, id: number): Promise<string> {
  return api.get<string>(previewPath(id, 'text'), { headers: { Accept: 'text/plain' } })
}

/** A new job printing the same thing again (a receipt comes out marked COPY). */
export function reprintJob(api: ApiClient, id: number): Promise<PrintJobDto> {
  return api.post<PrintJobDto>(`/api/print-jobs/${id}/reprint`)
}

export function discardJob(api: ApiClient, id: number, reason: string): Promise<PrintJobDto> {
  return api.post<PrintJobDto>(`/api/print-jobs/${id}/cancel`, { json: { reason } })
}

export function matchesFilter(job: Pick<PrintJobDto, 'status' | 'station'>, filter: JobFilter): boolean {
  return (!filter.status || job.status === filter.status) && (!filter.station || job.station === filter.station)
}

/**
 * The newest page fetched again, merged with what is loaded: the fresh page replaces the
 * jobs it covers, older pages already loaded stay. Jobs are ordered by id, newest first.
 */
export function mergeNewest(loaded: readonly PrintJobDto[], head: readonly PrintJobDto[], headHasMore: boolean): PrintJobDto[] {
  const oldest = head.at(-1)?.id
  const older = headHasMore && oldest !== undefined ? loaded.filter((j) => j.id < oldest) : []
  return [...head, ...older]
}

/** Jobs in the queue waiting to print, and jobs a person must look at (from the list's `counts`). */
export function summariseCounts(counts: Readonly<Record<string, number>>) {
  const n = (status: PrintJobStatus) => counts[status] ?? 0
  return {
    waiting: n('queued') + n('sending'),
    attention: n('failed') + n('interrupted'),
    failed: n('failed'),
    interrupted: n('interrupted'),
  }
}

// ─── Devices and stations ────────────────────────────────────────────────────

export function listDevices(api: ApiClient): Promise<DeviceList> {
  return api.get<DeviceList>('/api/devices')
}

export type PrinterKind = 'receipt' | 'label'
export type PrinterTransport = 'virtual' | 'tcp' | 'usb'

/** `PUT /api/printers/{id}` body. */
export interface PrinterInput {
  name: string
  kind: PrinterKind
  transport: PrinterTransport
  address: string | null
  profile: string
  active: boolean
}

export function savePrinter(api: ApiClient, id: string, input: PrinterInput): Promise<PrinterInput & { id: string }> {
  return api.request<PrinterInput & { id: string }>('PUT', `/api/printers/${encodeURIComponent(id)}`, { json: input })
}

/** Queues a test page; answers the new job. */
export function testPrint(api: ApiClient, printerId: string): Promise<PrintJobDto> {
  return api.post<PrintJobDto>(`/api/printers/${encodeURIComponent(printerId)}/test`)
}

export type StationInput = Omit<StationDto, 'id'>

export function saveStation(api: ApiClient, id: string, input: StationInput): Promise<StationDto> {
  return api.request<StationDto>('PUT', `/api/stations/${encodeURIComponent(id)}`, { json: input })
}

export interface DrawerRequest {
  station?: string
  reason: string
  approvalToken?: string
}

/** A drawer kick through the station's receipt printer; answers the (tiny) print job that carries it. */
export function openDrawer(api: ApiClient, request: DrawerRequest): Promise<PrintJobDto> {
  return api.post<PrintJobDto>('/api/drawer/open', { json: request })
}

/** The profiles the appliance ships (drivers/printer/profiles); the API does not list them. */
export const RECEIPT_PROFILES = [
  { id: 'epson-tm-t20iii-80mm', label: 'Epson TM-T20III, 80 mm paper' },
  { id: 'epson-tm-t20iii-58mm', label: 'Epson TM-T20III, 58 mm paper' },
  { id: 'epson-tm-t88vi', label: 'Epson TM-T88VI, 80 mm paper' },
  { id: 'star-tsp100iv', label: 'Star TSP100IV (StarPRNT), 80 mm paper' },
] as const
export const LABEL_PROFILES = [
  { id: 'zpl', label: 'Zebra (ZPL)' },
  { id: 'tspl', label: 'TSC and compatibles (TSPL)' },
] as const

export function profilesFor(kind: PrinterKind): ReadonlyArray<{ id: string; label: string }> {
  return kind === 'receipt' ? RECEIPT_PROFILES : LABEL_PROFILES
}

export function profileLabel(id: string | null): string {
  return [...RECEIPT_PROFILES, ...LABEL_PROFILES].find((p) => p.id === id)?.label ?? id ?? '—'
}

export const TRANSPORT_VIEW: Record<PrinterTransport, { label: string; hint: string; placeholder: string }> = {
  virtual: { label: 'On screen', hint: 'Prints to a preview on this appliance: no address needed.', placeholder: '' },
  tcp: { label: 'Network', hint: 'The printer’s IP address or host name, with the port if not 9100: 192.168.1.50:9100', placeholder: '192.168.1.50:9100' },
  usb: { label: 'USB', hint: 'The USB vendor and product ids in hex, from the printer’s label or `lsusb`: 04b8:0e28', placeholder: '04b8:0e28' },
}

/** Checks a printer form the way the appliance will; answers field → message. */
export function printerProblems(input: PrinterInput): Partial<Record<'name' | 'address' | 'profile', string>> {
  const problems: Partial<Record<'name' | 'address' | 'profile', string>> = {}
  if (!input.name.trim()) problems.name = 'Give the printer a name people will recognise, e.g. “Front counter”.'
  const address = input.address?.trim() ?? ''
  if (input.transport === 'tcp' && !/^[\w.-]+(:\d{1,5})?$/.test(address)) problems.address = 'Enter host or host:port, e.g. 192.168.1.50:9100.'
  if (input.transport === 'usb' && !/^[0-9a-f]{4}:[0-9a-f]{4}$/i.test(address)) problems.address = 'Enter vendorId:productId in hex, e.g. 04b8:0e28.'
  if (!profilesFor(input.kind).some((p) => p.id === input.profile)) problems.profile = 'Choose the printer’s model.'
  return problems
}

/** A new printer's id from its name ("Front counter" → "front-counter"), unique among `taken`. */
export function printerIdFrom(name: string, taken: readonly string[]): string {
  const base = name.normalize('NFKD').toLowerCase().replace(/[^\w\s.-]/g, '').trim().replace(/[\s_]+/g, '-').replace(/-+/g, '-').slice(0, 34) || 'printer'
  let id = base
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`
  return id
}

export const isPrinter = (d: DeviceDto): boolean => d.type === 'receipt-printer' || d.type === 'label-printer'

/** What a device's live status means for a person: one or more labelled badges. */
export function deviceStatusBadges(status: PrinterStatusDto, active = true): Array<{ label: string; tone: Tone; detail?: string }> {
  if (!active) return [{ label: 'Switched off', tone: 'neutral', detail: 'Not in use: switch it on in its settings.' }]
  if (status === 'unknown') return [{ label: 'No status', tone: 'neutral', detail: 'This printer only receives: it can’t report paper or cover.' }]
  if (status === 'connected') return [{ label: 'Connected', tone: 'success' }]
  if ('unreachable' in status) return [{ label: 'Unreachable', tone: 'danger', detail: status.unreachable }]
  const badges: Array<{ label: string; tone: Tone; detail?: string }> = []
  if (!status.online) badges.push({ label: 'Offline', tone: 'danger' })
  if (status.paperOut) badges.push({ label: 'Paper out', tone: 'danger', detail: 'Load a new roll.' })
  else if (status.paperNearEnd) badges.push({ label: 'Paper low', tone: 'warning', detail: 'The roll is nearly finished.' })
  if (status.coverOpen) badges.push({ label: 'Cover open', tone: 'danger', detail: 'Close the cover to print.' })
  if (status.error) badges.push({ label: 'Printer error', tone: 'danger', detail: 'Switch the printer off and on; check for a paper jam.' })
  if (badges.length === 0) badges.push({ label: 'Online', tone: 'success' })
  if (status.drawerOpen) badges.push({ label: 'Drawer open', tone: 'info' })
  return badges
}
