/**
 * The HTTP and socket.io contract shared with ui/ (which imports it with `import type`
 * only). Money is integer minor units; instants are ISO 8601 strings in UTC.
 */
import type { ReceiptDocument } from '../../drivers/printer/document.js'
import type { SaleLineSummary as SaleLine, SaleSummary, VatLineSummary as VatRateLine } from '../app/sale/sale-view.js'
import type { TillReport as TillReportDto } from '../app/till/report.js'
import type { TillState as TillDto } from '../app/till/sessions.js'
import type { OrderListItem as OrderListItemDto } from '../app/orders/list.js'
import type { ReturnSummary as ReturnDto } from '../app/returns/return-view.js'

export type { ReceiptDocument }

export type RoleName = 'assistant' | 'fulfilment' | 'manager' | 'admin'

export interface Health {
  status: 'ok'
  /** True when the appliance runs the seeded demo shop. */
  demo: boolean
  version: string
}

/** `POST /api/session` body. */
export interface SignInRequest {
  staff: string
  pin: string
  /** The till or device signing in; defaults to "web". */
  station?: string
}

/** `POST /api/session` and `GET /api/session` answer. */
export interface SessionInfo {
  staff: { id: string; name: string; role: RoleName }
  station: string
  /** Send back as the `X-CSRF-Token` header on every state-changing request. */
  csrfToken: string
  expiresAt: string
  demo: boolean
}

/** `POST /api/approvals`: a manager's PIN on the same screen approves one action. */
export interface ApprovalRequest {
  staff: string
  pin: string
  action: string
}
export interface ApprovalGrant {
  /** Send as `approvalToken` with the action; valid once, for that action only. */
  token: string
  action: string
  approvedBy: string
  approvedByName: string
  expiresAt: string
}

export interface Product {
  sku: string
  name: string
  barcodes: string[]
  category: string
  priceMinor: number
  vatRatePercent: number
  costMinor: number
  handle: string
}
export interface ProductList {
  items: Product[]
}

export interface StockLevelDto {
  location: string
  locationName: string
  onHand: number
  allocated: number
  available: number
  needsCount: boolean
}
export interface StockView {
  sku: string
  name: string
  levels: StockLevelDto[]
}

export type MovementKind = 'receipt' | 'sale' | 'return' | 'adjustment' | 'transfer' | 'count'
export interface StockMovementDto {
  id: number
  occurredAt: string
  location: string
  quantity: number
  kind: MovementKind
  reason: string | null
  reference: string | null
  staff: string | null
  staffName: string | null
  station: string | null
}
export interface MovementPage {
  items: StockMovementDto[]
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextCursor: number | null
}

/** `POST /api/stock/adjustments`. */
export interface AdjustmentRequest {
  sku: string
  location: string
  /** Signed change of on-hand. */
  quantity: number
  reason: string
  approvalToken?: string
}
/** A level as a write leaves it (the full StockLevelDto comes from GET /api/stock/{sku}). */
export interface ChangedLevel {
  location: string
  onHand: number
  allocated: number
  available: number
}
export interface StockChangeResult {
  sku: string
  movementIds: number[]
  levels: ChangedLevel[]
}
export interface AdjustmentResult extends StockChangeResult {
  movementId: number
  level: ChangedLevel
}

export interface LocationDto {
  id: string
  name: string
  kind: string
  sellable: boolean
}
export interface LocationList {
  items: LocationDto[]
}

export interface ImportRowError {
  /** 1-based line number in the CSV file (the header is line 1). */
  line: number
  reason: string
  field?: string
}
export interface CatalogueImportJob {
  id: string
  status: 'running' | 'done' | 'failed'
  totalRows: number
  processedRows: number
  imported: number
  errors: ImportRowError[]
  startedAt: string
  finishedAt: string | null
}

export interface BackupInfo {
  name: string
  createdAt: string
  sizeBytes: number
}
/** `POST /api/backups` answer: progress follows as `backup.progress` events. */
export interface BackupStarted {
  status: 'started' | 'running'
}
export interface BackupProgressEvent {
  name: string
  step: string
  done: number
  total: number
  /** Set when the backup failed: what went wrong. */
  failed?: string
}

export type PrintJobStatus = 'queued' | 'sending' | 'printed' | 'failed' | 'interrupted' | 'cancelled'
export interface PrintJobDto {
  id: number
  kind: 'receipt' | 'label' | 'report' | 'test' | 'drawer'
  format: 'escpos' | 'zpl' | 'tspl'
  station: string | null
  printer: string
  status: PrintJobStatus
  attempts: number
  lastError: string | null
  reference: string | null
  copyOf: number | null
  createdAt: string
  printedAt: string | null
}
export interface PrintJobList {
  items: PrintJobDto[]
  nextCursor: number | null
  /** Jobs waiting or needing a person, per status. */
  counts: Record<string, number>
}

/** A printer's live state, as parsed from DLE EOT / ASB; 'unknown' for one-way printers. */
export type PrinterStatusDto =
  | { online: boolean; coverOpen: boolean; paperNearEnd: boolean; paperOut: boolean; drawerOpen: boolean; error: boolean }
  | 'unknown'
  /** A scanner that is open and reading. */
  | 'connected'
  | { unreachable: string }

export interface DeviceDto {
  id: string
  name: string
  type: 'receipt-printer' | 'label-printer' | 'scanner'
  transport: 'virtual' | 'tcp' | 'usb' | 'hid' | 'serial'
  address: string | null
  profile: string | null
  active: boolean
  status: PrinterStatusDto
}
/** A scan from a scanner read on the appliance, sent to its station only. */
export interface ScannerScanEvent {
  scanner: string
  stations: string[]
  data: string
  symbology: string
  gs1?: Array<{ ai: string; value: string }>
}

export interface DeviceList {
  items: DeviceDto[]
  stations: StationDto[]
}
export interface StationDto {
  id: string
  name: string
  receiptPrinter: string | null
  labelPrinter: string | null
  scanner: string | null
}

/** RFC 9457 problem details, as every error is answered. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  /** The request field at fault (`lines.0.quantity`), when one is. */
  field?: string
  errors?: Array<{ field: string; message: string }>
  /** Wrong PIN: tries left before the lockout. */
  triesLeft?: number
  /** Locked out: seconds until the next try. */
  retryAfterSeconds?: number
}

/** socket.io events from the appliance. */
export interface ServerEvents {
  'stock.changed': (payload: { sku: string; location: string; onHand: number; allocated: number; available: number }) => void
  'catalogue.import.progress': (payload: CatalogueImportJob) => void
  'backup.progress': (payload: BackupProgressEvent) => void
  'print-job.changed': (payload: { id: number; status: PrintJobStatus; printer: string; station: string | null; lastError?: string | null }) => void
  'device.status': (payload: { printer: string; status: PrinterStatusDto }) => void
  'scanner.scan': (payload: ScannerScanEvent) => void
  /** A till sale committed (its stock.changed events come with it). */
  'sale.completed': (payload: { till: string; receiptNumber: string; totalMinor: number; station: string }) => void
  /** A till opened or closed. */
  'till.changed': (payload: { till: string; open: boolean }) => void
  /** An order changed (created, allocated, returned, tagged…): open order screens refresh it. */
  'order.changed': (payload: { orderId: string }) => void
  /** A notification for the staff (late orders, channel conflicts). */
  'notification.created': (payload: { id: string; audience: 'managers' | 'staff'; severity: 'info' | 'warning' | 'danger'; message: string; orderId: string | null }) => void
  /** A return was taken at the desk or received by post. */
  'return.completed': (payload: { id: string; number: string; orderId: string | null; refundMinor: number; station: string }) => void
  /** Channel sync did something (or failed) on an account: refresh its status. */
  'sync.changed': (payload: { account: string; what: 'import' | 'push' | 'reconcile' | 'account' | 'webhook'; ok: boolean }) => void
}

// ─── The till ────────────────────────────────────────────────────────────────
// A till sale is an order with channel `store`. Prices come from the catalogue; a client
// sends a price only as an override (with a reason), which may need a manager's approval.

export type TenderMethod = 'cash' | 'card' | 'voucher'

/** Exactly one of `percent` (0–100, up to two decimals) or `amountMinor`, with a reason. */
export interface DiscountInput {
  /** Optional; when sent it must match the figure given. */
  kind?: 'percent' | 'amount'
  percent?: number
  amountMinor?: number
  reason: string
}

/** One basket line: a product by `sku` or `barcode` (GTIN or a price/weight label), or a gift card sold. */
export interface SaleLineInput {
  sku?: string
  barcode?: string
  /** Defaults to 1; labelled (embedded-barcode) items are always 1. */
  quantity?: number
  priceOverride?: { unitPriceMinor: number; reason: string }
  discount?: DiscountInput
  giftCard?: { amountMinor: number }
}

export interface CustomerInput {
  name?: string
  email?: string
  phone?: string
}

export interface TenderInput {
  method: TenderMethod
  /** Cash as handed over (change is worked out); card and voucher at most what is due. */
  amountMinor: number
  /** The card terminal's reference, or the voucher code (required for vouchers). */
  reference?: string
}

/** `POST /api/sales` body (send an `Idempotency-Key` header: a retry never makes a second sale). */
export interface SaleRequest {
  till: string
  lines: SaleLineInput[]
  discounts?: DiscountInput[]
  tenders: TenderInput[]
  customer?: CustomerInput
  /** A manager's one-use token when discounts or overrides are over the assistant's limit. */
  approvalToken?: string
  note?: string
}

/** `POST /api/sales/quote` body: the basket as it stands (nothing is written). */
export interface QuoteRequest {
  lines: SaleLineInput[]
  discounts?: DiscountInput[]
  tenders?: TenderInput[]
}

/** A sale's line and its VAT per rate (net + vat = gross for each rate, and the rates add up to the goods total): the app's own view types. */
export type { SaleLineSummary as SaleLine, VatLineSummary as VatRateLine } from '../app/sale/sale-view.js'

export interface AppliedDiscountDto {
  kind: 'percent' | 'amount'
  percent: number | null
  amountMinor: number
  reason: string
}

export interface ApprovalNeedDto {
  field: string
  reason: string
  /** The action to ask a manager for (`POST /api/approvals`). */
  action: string
  amountMinor: number
  baseMinor: number
}

export interface SaleQuote {
  lines: SaleLine[]
  discounts: AppliedDiscountDto[]
  vat: VatRateLine[]
  grossMinor: number
  discountMinor: number
  totalMinor: number
  vatMinor: number
  /** Reductions over the signed-in person's limits (empty for managers and when within limits). */
  approvals: ApprovalNeedDto[]
  /** Where the tenders given leave the payment. */
  payment: { paidMinor: number; remainingMinor: number; changeMinor: number; complete: boolean }
  quickCashMinor: number[]
}

/** `POST /api/sales` (201) and `GET /api/sales/{receiptNumber}`. */
export interface SaleResult extends SaleSummary {
  /** The receipt's print job (`GET /api/print-jobs/{id}/preview`), on `POST /api/sales`; null when no receipt printer is on. */
  printJobId?: number | null
}

export interface RecentSale {
  receiptNumber: string
  placedAt: string
  totalMinor: number
  till: string | null
  staffName: string | null
}

export interface VoucherDto {
  code: string
  /** `7K2M-Q9XD-4HRT-B0C8`. */
  formatted: string
  kind: 'gift_card' | 'store_credit'
  initialMinor: number
  balanceMinor: number
  issuedAt: string
  expiresAt: string | null
  expired: boolean
}

/** `GET /api/sales/scan?code=`: what a scanned code is. Unknown codes answer 404. */
export type ScanAnswer =
  | { kind: 'product'; code: string; product: Product; line: { sku: string } | { barcode: string }; unitPriceMinor: number; weightGrams: number | null }
  | { kind: 'voucher'; code: string; voucher: VoucherDto }
  | { kind: 'receipt'; code: string; receiptNumber: string }

export type { TillState as TillDto } from '../app/till/sessions.js'
export interface TillList {
  items: TillDto[]
}

export interface OpenTillRequest {
  floatMinor: number
  /** Optional count of the float by denomination (pence value → how many). */
  denominations?: Record<string, number>
}

/** `POST /api/tills/{id}/close`: the counted cash, by denomination and/or as a total. */
export interface CloseTillRequest {
  denominations?: Record<string, number>
  countedMinor?: number
  approvalToken?: string
}

export interface CashMovementRequest {
  kind: 'paid_in' | 'paid_out' | 'bank_drop'
  amountMinor: number
  reason: string
}

export interface VoidRequest {
  scope: 'line' | 'basket'
  reason: string
  lines: Array<{ sku: string; name: string; quantity: number; totalMinor: number }>
}

/** X report (a reading) and Z report (at close, numbered and kept): the app's own report type. */
export type { TillReport as TillReportDto } from '../app/till/report.js'

export interface ZReportList {
  items: Array<{ id: string; zNumber: number; businessDay: string; createdAt: string; report: TillReportDto }>
}

export interface EmbeddedLayoutDto {
  prefixes: string[]
  itemDigits: number
  valueDigits: number
  valueCheckDigit: boolean
  kind: 'price' | 'weight'
  valueScale?: number
}

/** `GET`/`PUT /api/settings/till` (PUT: managers; send only what changes). */
export interface TillSettingsDto {
  approvalLimits: { maxPercentBp: number; maxAmountMinor: number }
  negativeStock: 'allow' | 'refuse'
  scanner: { maxInterKeyMs: number; minLength: number; suffixKeys: string[] }
  embeddedBarcodes: EmbeddedLayoutDto[]
  discrepancyThresholdMinor: number
  timeZone: string
  quickCashMinor: number[]
  denominationsMinor: number[]
  voucherValidityDays: number | null
}

export interface ParkRequest {
  till: string
  label?: string
  lines: SaleLineInput[]
  discounts?: DiscountInput[]
  customer?: CustomerInput
}
export interface ParkedBasketDto {
  id: string
  parkedAt: string
  till: string
  label: string | null
  staffName: string | null
  lineCount: number
  totalMinor: number
}
export interface ParkedList {
  items: ParkedBasketDto[]
}
/** `POST /api/parked/{id}/recall`: the basket as parked, taken off the list. */
export interface RecalledBasket {
  id: string
  label: string | null
  basket: { lines: SaleLineInput[]; discounts: DiscountInput[]; customer?: CustomerInput }
}

// ─── Channels (sync) ────────────────────────────────────────────────────────
// Accounts on Shopify, WooCommerce, Amazon and eBay. Credentials go in and are never sent
// back: an account shows only which credential fields are set.

export type ChannelKind = 'shopify' | 'woocommerce' | 'amazon' | 'ebay'
export type StockRuleDto = { kind: 'buffer'; buffer: number } | { kind: 'fixed'; quantity: number } | { kind: 'share'; percent: number }
export interface ChannelRulesDto {
  default: StockRuleDto
  skus: Record<string, StockRuleDto>
  /** `all`: every SKU we stock; `mapped`: only the SKU map's. */
  scope: 'all' | 'mapped'
}
export interface ChannelSettingsDto {
  sellerId?: string
  marketplaceId?: string
  authUrl?: string
  apiVersion?: string
  pacing?: boolean
  importSince?: string
}
export interface ChannelLocationMapDto {
  /** Our locations whose stock the channel sells; empty: every location that fulfils online orders. */
  from: string[]
  channelLocation?: string
}
/** `POST /api/channels` (and `PUT /api/channels/{id}`, where every field is optional and credentials merge field by field). */
export interface ChannelAccountRequest {
  id?: string
  kind: ChannelKind
  name: string
  baseUrl: string
  credentials: Record<string, string>
  settings?: ChannelSettingsDto
  locationMap?: Partial<ChannelLocationMapDto>
  skuMap?: Record<string, string>
  rules?: Partial<ChannelRulesDto>
  importIntervalSeconds?: number
  active?: boolean
}
export interface ChannelStatusDto {
  account: string
  /** The runner is going (false: inactive, or it could not start: see `problem`). */
  running: boolean
  problem: string | null
  lastImportAt: string | null
  lastImportError: { at: string; message: string } | null
  lastPushAt: string | null
  lastPushError: { at: string; message: string } | null
  lastReconcileAt: string | null
  lastReconcile: { checked: number; notListed: number; drift: Array<{ sku: string; channel: number; ours: number }>; inFlight: number } | null
  /** Jobs still owed to the channel. */
  backlog: number
  /** Age of the oldest of them, seconds. */
  lagSeconds: number
  /** Seconds since the last successful import (null: never). */
  importLagSeconds: number | null
  dead: number
  rejects: number
  ordersImported: number
  /** Webhooks answered whose order is still to be fetched. */
  webhooksPending: number
}
export interface ChannelAccountDto {
  id: string
  kind: ChannelKind
  name: string
  baseUrl: string
  /** Each credential field of the channel, and whether it is set. Values never leave the appliance. */
  credentials: Record<string, boolean>
  settings: ChannelSettingsDto
  locationMap: ChannelLocationMapDto
  skuMap: Record<string, string>
  rules: ChannelRulesDto
  importIntervalSeconds: number
  active: boolean
  createdAt: string
  updatedAt: string
  /** Where the channel sends webhooks for this account (path; prefix the appliance's public address). */
  webhookPath: string
  status: ChannelStatusDto
}
export interface ChannelAccountList {
  items: ChannelAccountDto[]
}
export type ConnectionTestDto = { ok: true; accountName: string; currency: string | null } | { ok: false; kind: string; message: string }
export interface SyncNowDto {
  /** `throttledMs`: the channel's rate limit paused the import (not an error); the rest follows after that wait. */
  import: { created: number; updated: number; unchanged: number; stale: number; rejected: number; pages: number; error: string | null; throttledMs: number | null }
  push: { sent: number; failed: number; error: string | null }
}
export type SyncJobStatusDto = 'pending' | 'sending' | 'done' | 'retry' | 'dead' | 'discarded'
export interface SyncJobDto {
  id: string
  kind: 'refund' | 'shipment' | 'stock'
  account: string | null
  channel: ChannelKind
  status: SyncJobStatusDto
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  reference: string | null
  /** A line for the list: "Stock MUG-1", "Refund of order #1001". */
  summary: string
}
export interface InboundRejectDto {
  channelOrderId: string
  reason: string
  code: string | null
  firstSeenAt: string
  lastSeenAt: string
}
/** `GET /api/channels/{id}/dead-letters`: outbound jobs a person must look at, and orders we refused to take. */
export interface DeadLettersDto {
  jobs: SyncJobDto[]
  rejects: InboundRejectDto[]
}
export interface SyncJobList {
  items: SyncJobDto[]
}
export interface SyncRunDto {
  kind: 'import' | 'push' | 'reconcile' | 'webhook'
  startedAt: string
  finishedAt: string
  ok: boolean
  items: number
  error: string | null
}

// ─── Orders and returns ──────────────────────────────────────────────────────
// One order book for every channel (a till sale is an order with channel `store`).

export type TrafficLightDto = 'green' | 'amber' | 'red'
export type OrderStatusDto =
  | 'pending' | 'backordered' | 'partially_allocated' | 'allocated' | 'picking' | 'picked' | 'packed' | 'partially_shipped'
  | 'shipped' | 'delivered' | 'lost' | 'completed' | 'partially_returned' | 'returned' | 'refunded' | 'cancelled'

/** One row of `GET /api/orders`: the app's own list item. */
export type { OrderListItem as OrderListItemDto } from '../app/orders/list.js'

export interface OrderListDto {
  items: OrderListItemDto[]
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null
}

export interface AddressDto {
  kind: 'shipping' | 'billing' | 'return'
  name: string | null
  company: string | null
  line1: string | null
  line2: string | null
  city: string | null
  region: string | null
  postcode: string | null
  country: string | null
  phone: string | null
}

/** An order line, a timeline entry and `GET /api/orders/{id}` (the order with everything that happened to it): the app's own view types. */
export type { OrderDetail as OrderDetailDto, OrderLineView as OrderLineDto, TimelineEntry as TimelineEntryDto } from '../app/orders/order-view.js'

/** `POST /api/orders`: a phone or manual order. */
export interface CreateOrderRequest {
  channel?: 'phone' | 'manual'
  customer: { name: string; email?: string; phone?: string }
  shippingAddress: { name: string; company?: string; line1: string; line2?: string; city: string; region?: string; postcode: string; country?: string; phone?: string }
  shippingMethod?: string
  shippingMinor?: number
  lines: Array<{ sku: string; quantity: number }>
  payments?: Array<{ method: 'card' | 'cash'; amountMinor: number; reference?: string }>
  note?: string
}

export interface CreatedOrderDto {
  id: string
  number: string
  status: string
}

export interface SavedViewDto {
  id: string
  name: string
  /** The order list's query: `{q?, channel?, account?, status?, light?, tag?, from?, to?}`. */
  filters: Record<string, string>
  shared: boolean
}

export interface NotificationDto {
  id: string
  createdAt: string
  audience: 'managers' | 'staff'
  kind: string
  severity: 'info' | 'warning' | 'danger'
  message: string
  orderId: string | null
  read: boolean
}

export type ReturnConditionDto = 'sellable' | 'damaged' | 'write-off'
export type RefundMethodDto = 'original' | 'store-credit' | 'exchange'

/** `POST /api/returns` (send an Idempotency-Key). */
export interface ReturnRequest {
  /** Order id, receipt number (either form) or channel order number; omit with `noReceipt: true`. */
  order?: string
  noReceipt?: boolean
  lines: Array<{ sku: string; quantity: number; reason: string; condition: ReturnConditionDto; location?: string; unitValueMinor?: number }>
  refund: { method: RefundMethodDto; tender?: 'cash' | 'card' | 'voucher' | 'channel'; till?: string; balance?: 'original' | 'store-credit' }
  exchange?: { lines: Array<{ sku?: string; barcode?: string; quantity?: number }>; tenders?: Array<{ method: 'cash' | 'card' | 'voucher'; amountMinor: number; reference?: string }> }
  overrideWindow?: boolean
  approvalToken?: string
  note?: string
}

/** A return as `POST /api/returns`, `GET /api/returns/{id}` and the RMA desk answer it: the app's own view type. */
export type { ReturnSummary as ReturnDto } from '../app/returns/return-view.js'

/** `POST /api/returns/authorisations`: a return by post, with its label. */
export interface ReturnAuthorisationDto extends ReturnDto {
  label: { format: 'zpl' | 'tspl'; text: string } | null
}

export interface ReturnOptionsDto {
  reasons: string[]
  sellableLocations: string[]
  quarantineLocation: string
  noReceiptLimitMinor: number
}

// ─── Reports ────────────────────────────────────────────────────────────────
// Managers only. Dates are the store's local dates (YYYY-MM-DD), inclusive. Rows use the
// camelCase form of each column key; money is minor units (`salesMinor`). `&format=csv` or
// `&format=parquet` on a report or drill-down answers the whole result as a file instead
// (snake_case columns, money in minor units).

export type ReportColumnType = 'text' | 'date' | 'month' | 'money' | 'count' | 'percent' | 'minutes' | 'number'
export interface ReportColumnDto {
  /** The row property (camelCase). */
  key: string
  label: string
  type: ReportColumnType
}
export interface ReportFilterDto {
  name: string
  label: string
  kind: 'channel' | 'category' | 'location' | 'staff' | 'text' | 'number'
  /** The values to offer (channel, category, location, staff). */
  choices?: string[]
  min?: number
  max?: number
  default?: number
}
export interface ReportChartDto {
  kind: 'bar' | 'line'
  x: string
  y: string[]
  /** One series per value of this column. */
  series?: string
  /** A second column that, with `x`, names each x position (month · category). */
  within?: string
}
export interface ReportSummaryDto {
  id: string
  title: string
  group: 'Sales' | 'Customer service' | 'Operations'
  description: string
  /** False: a snapshot of now (from/to are not used). */
  dated: boolean
  filters: ReportFilterDto[]
  columns: ReportColumnDto[]
  /** Row columns that identify a row (sent back as drill-down keys). */
  keys: string[]
  /** Columns whose figures can be drilled into. */
  drillable: string[]
  chart: ReportChartDto
}
export interface ReportList {
  items: ReportSummaryDto[]
  /** The store's date today (for date presets). */
  today: string
}
export type ReportValue = string | number | null
/** `GET /api/reports/{id}?from&to&…filters`. */
export interface ReportResult {
  id: string
  title: string
  from: string
  to: string
  filters: Record<string, string | number>
  columns: ReportColumnDto[]
  rows: Array<Record<string, ReportValue>>
  generatedAt: string
  tookMs: number
}
/** `GET /api/reports/{id}/drill?column&from&to&…filters&…keys&limit&offset`: the rows behind one figure. */
export interface DrillResult {
  id: string
  column: string
  from: string
  to: string
  /** The row keys and fixed narrowing applied. */
  keys: Record<string, string>
  columns: ReportColumnDto[]
  rows: Array<Record<string, ReportValue>>
  /** Rows in all (every page). */
  total: number
  /** The figure the rows make (their sum, count, average or percentage): equals the report's. */
  figure: number | null
  limit: number
  offset: number
  nextOffset: number | null
}

export interface ExpenseDto {
  id: string
  /** YYYY-MM. */
  month: string
  category: string
  amountMinor: number
  note: string | null
  staffId: string | null
  createdAt: string
}
export interface ExpenseRequest {
  month: string
  category: string
  amountMinor: number
  note?: string
}
export interface SalesTargetDto {
  month: string
  category: string
  targetMinor: number
  staffId: string | null
  updatedAt: string
}
/** `PUT /api/sales-targets`: targets to set; 0 clears one. */
export interface SalesTargetsRequest {
  items: Array<{ month: string; category: string; targetMinor: number }>
}

export type IssuePriority = 'low' | 'normal' | 'high' | 'urgent'
export interface CustomerIssueDto {
  id: string
  orderId: string | null
  orderNumber: string | null
  category: string
  priority: string
  status: 'open' | 'closed'
  summary: string
  notes: Array<{ at: string; staffId: string; body: string; response: boolean }>
  openedAt: string
  firstResponseAt: string | null
  closedAt: string | null
  openedBy: string | null
  closedBy: string | null
  updatedAt: string
}
export interface CustomerIssueRequest {
  orderId?: string
  category: string
  priority: IssuePriority
  summary: string
  note?: string
}
/** `PATCH /api/issues/{id}`: a note (a response to the customer or internal), a new status, priority or category. */
export interface CustomerIssueChange {
  status?: 'open' | 'closed'
  priority?: IssuePriority
  category?: string
  note?: { body: string; response?: boolean }
}
