/** In-process events published after a transaction commits; realtime/ forwards them to screens. */
import type { ProductRecord } from './ports.js'

export type AppEvent =
  | { type: 'stock.changed'; sku: string; location: string; onHand: number; allocated: number; available: number }
  | { type: 'catalogue.import.progress'; job: unknown }
  /** Products created or changed, as committed (the catalogue cache takes them as they are). */
  | { type: 'catalogue.changed'; products: ProductRecord[] }
  | { type: 'print-job.changed'; id: number; status: string; printer: string; station: string | null; lastError?: string | null }
  | { type: 'device.status'; printer: string; status: unknown }
  /** A scan from a scanner read on the appliance, for the stations it is assigned to. */
  | { type: 'scanner.scan'; scanner: string; stations: string[]; data: string; symbology: string; gs1?: Array<{ ai: string; value: string }> }
  | { type: 'backup.progress'; name: string; step: string; done: number; total: number; failed?: string }
  | { type: 'sale.completed'; till: string; receiptNumber: string; totalMinor: number; station: string }
  | { type: 'till.changed'; till: string; open: boolean }
  /** An order's header, lines or timeline changed (created, allocated, returned, tagged…). */
  | { type: 'order.changed'; orderId: string }
  /** A notification for the staff (late orders, channel conflicts). */
  | { type: 'notification.created'; id: string; audience: 'managers' | 'staff'; severity: 'info' | 'warning' | 'danger'; message: string; orderId: string | null }
  /** Orders now wait for these SKUs (backordered): stock arriving for them is allocated. */
  | { type: 'order.backordered'; skus: string[] }
  /** A return was taken at the desk (or received by post). */
  | { type: 'return.completed'; id: string; number: string; orderId: string | null; refundMinor: number; station: string }
  /** Channel sync made progress or hit a problem on an account (import, push, reconcile, account changed). */
  | { type: 'sync.changed'; account: string; what: 'import' | 'push' | 'reconcile' | 'account' | 'webhook'; ok: boolean }

type Listener = (event: AppEvent) => void

export class EventBus {
  private readonly listeners = new Set<Listener>()

  publish(event: AppEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        // A broken listener (a screen's socket) must never undo or block a committed sale.
        console.error('event listener failed', error)
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
