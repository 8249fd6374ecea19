/**
 * The HTTP and socket.io contract shared with ui/ (which imports it with `import type`
 * only). Money is integer minor units; instants are ISO 8601 strings in UTC.
 */
import type { ReceiptDocument } from '../../drivers/printer/document.js'

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

export interface SaleLine {
  lineNo: number
  kind: 'goods' | 'gift_card'
  sku: string
  name: string
  barcode: string | null
  quantity: number
  weightGrams: number | null
  /** Weighed items: the price per kg the weight was charged at. */
  pricePerKgMinor: number | null
  unitPriceMinor: number
  listUnitPriceMinor: number
  grossMinor: number
  discountMinor: number
  totalMinor: number
  /** Null for gift cards (outside the scope of VAT). */
  vatRatePercent: number | null
  vatMinor: number
  overrideReason: string | null
  discountReason: string | null
}

/** VAT per rate: net + vat = gross for each rate, and the rates add up to the goods total. */
export interface VatRateLine {
  ratePercent: number
  rateBp: number
  grossMinor: number
  netMinor: number
  vatMinor: number
}

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
export interface SaleResult {
  id: string
  /** `S-01-000123`: till 01, its 123rd sale. */
  receiptNumber: string
  /** `S0100000123`: the Code 128 printed on the receipt (scan it at the returns desk). */
  receiptBarcode: string
  status: string
  till: string | null
  tillName: string | null
  station: string | null
  staff: string | null
  staffName: string | null
  placedAt: string
  /** The business day (store time zone) whose Z report holds the sale. */
  businessDay: string | null
  grossMinor: number
  discountMinor: number
  totalMinor: number
  vatMinor: number
  paidMinor: number
  changeMinor: number
  vat: VatRateLine[]
  lines: SaleLine[]
  discounts: AppliedDiscountDto[]
  tenders: Array<{ method: string; amountMinor: number; appliedMinor: number; reference: string | null }>
  vouchersIssued: Array<{ code: string; formatted: string; amountMinor: number; expiresAt: string | null }>
  customer: { name: string | null; email: string | null; phone: string | null } | null
  approvedBy: string | null
  /** The receipt as the printer drivers lay it out. */
  receipt: ReceiptDocument
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

export interface TillDto {
  id: string
  name: string
  number: number
  location: string
  open: boolean
  session: {
    id: string
    businessDay: string
    openedAt: string
    openedBy: string
    floatMinor: number
    /** Opened on an earlier business day: close it (Z) before selling again. */
    expired: boolean
  } | null
}
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

/** X report (a reading) and Z report (at close, numbered and kept). */
export interface TillReportDto {
  kind: 'X' | 'Z'
  zNumber: number | null
  till: { id: string; name: string }
  sessionId: string
  businessDay: string
  openedAt: string
  openedBy: string
  closedAt: string | null
  closedBy: string | null
  generatedAt: string
  sales: { count: number; grossMinor: number; discountMinor: number; totalMinor: number; vatMinor: number }
  tenders: Array<{ method: string; count: number; amountMinor: number }>
  vat: VatRateLine[]
  refunds: { count: number; amountMinor: number }
  voids: { lineCount: number; lineMinor: number; basketCount: number; basketMinor: number }
  discounts: { count: number; amountMinor: number }
  priceOverrides: { count: number }
  giftCardsSold: { count: number; amountMinor: number }
  cash: {
    floatMinor: number
    /** Signed changes of the drawer: sales +, refunds −, paid in +, paid out −, bank drops −. */
    salesMinor: number
    refundsMinor: number
    paidInMinor: number
    paidOutMinor: number
    bankDropMinor: number
    expectedMinor: number
    countedMinor: number | null
    denominations: Array<{ denominationMinor: number; count: number; amountMinor: number }> | null
    /** counted − expected: positive over, negative short. */
    overShortMinor: number | null
  }
}

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
