/** Ports of the till side: tills, their sessions, cash, voids, Z reports and settings. */

export interface TillRecord {
  id: string
  name: string
  /** 1–99: printed in receipt numbers. */
  number: number
  /** The stock location its sales take from. */
  location: string
  active: boolean
  /** The open session; null while the till is closed. */
  sessionId: string | null
}

export interface TillSessionRecord {
  id: string
  tillId: string
  /** `YYYY-MM-DD` in the store's zone: the session's (and its sales') business day. */
  businessDay: string
  openedAt: Date
  openedBy: string
  floatMinor: number
  closedAt: Date | null
  closedBy: string | null
  expectedCashMinor: number | null
  countedCashMinor: number | null
  countedDenominations: Record<string, number> | null
  approvedBy: string | null
}

export type CashMovementKind = 'paid_in' | 'paid_out' | 'bank_drop'

export interface CashMovementRecord {
  id: string
  tillSessionId: string
  tillId: string
  occurredAt: Date
  kind: CashMovementKind
  /** Signed change of the cash in the drawer. */
  amountMinor: number
  reason: string
  staffId: string
  station: string
}

export interface VoidedLine {
  sku: string
  name: string
  quantity: number
  totalMinor: number
}

export interface TillVoidRecord {
  id: string
  tillSessionId: string | null
  tillId: string
  occurredAt: Date
  scope: 'line' | 'basket'
  amountMinor: number
  reason: string
  lines: VoidedLine[]
  staffId: string
  station: string
}

/** What a till session took, summed by the database for X and Z reports. */
export interface TillFigures {
  sales: { count: number; grossMinor: number; discountMinor: number; totalMinor: number; vatMinor: number }
  /** By tender method, what counted towards sales (cash less change). */
  tenders: Array<{ method: string; count: number; amountMinor: number }>
  /** Goods only (gift cards are outside the scope of VAT). */
  vatRates: Array<{ rateBp: number; grossMinor: number; netMinor: number; vatMinor: number }>
  refunds: { count: number; amountMinor: number }
  voids: { lineCount: number; lineMinor: number; basketCount: number; basketMinor: number }
  discounts: { count: number; amountMinor: number }
  priceOverrides: { count: number }
  giftCardsSold: { count: number; amountMinor: number }
  cash: { salesMinor: number; refundsMinor: number; paidInMinor: number; paidOutMinor: number; bankDropMinor: number }
}

export interface ZReportRecord {
  id: string
  tillId: string
  zNumber: number
  tillSessionId: string
  businessDay: string
  createdAt: Date
  staffId: string
  report: unknown
}

export interface TillStore {
  get(id: string): Promise<{ till: TillRecord; session: TillSessionRecord | null } | undefined>
  create(till: Omit<TillRecord, 'sessionId'>): Promise<void>
  numberTaken(number: number): Promise<boolean>
  /**
   * Claims the next receipt number of a till that is open for `businessDay` — from memory
   * once the till is known (a sale's hot path); undefined when the till is unknown, closed or its session
   * belongs to another day (ask `get` why).
   */
  claimReceipt(tillId: string, businessDay: string): Promise<{ till: TillRecord; seq: number } | undefined>
  /** The till when it is active and open for `businessDay` (from memory once known), else undefined. */
  openTill(tillId: string, businessDay: string): Promise<TillRecord | undefined>
  openSession(session: TillSessionRecord): Promise<void>
  /** Closes the session (its close fields set) and keeps the Z report; the till becomes closed. */
  closeSession(session: TillSessionRecord, z: ZReportRecord): Promise<void>
  nextZNumber(tillId: string): Promise<number>
  addCashMovement(movement: CashMovementRecord): Promise<void>
  addVoid(record: TillVoidRecord): Promise<void>
  /** Totals for the session, consistent with this transaction. */
  figures(sessionId: string): Promise<TillFigures>
}

export interface SettingsStore {
  get(key: string): Promise<unknown>
  put(key: string, value: unknown): Promise<void>
}

export interface TillListItem {
  till: TillRecord
  session: TillSessionRecord | null
  openedByName: string | null
}

export interface TillQueries {
  list(): Promise<TillListItem[]>
  get(id: string): Promise<TillListItem | undefined>
  figures(sessionId: string): Promise<TillFigures>
  zReports(tillId: string, limit: number): Promise<Array<{ id: string; zNumber: number; businessDay: string; createdAt: Date; report: unknown }>>
  setting(key: string): Promise<unknown>
}
