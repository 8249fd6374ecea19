/**
 * Sends queued print jobs, in order, one printer at a time. Each step is its own
 * transaction: claim (queued → sending), then the bytes go out, then the outcome is
 * written. A job is retried automatically only when nothing can have reached the
 * printer; anything else becomes `interrupted` for a person (see core/print-job.ts).
 */
import type { EventBus } from '../app/events.js'
import type { PrinterRecord, PrintJobRecord } from '../app/print-queue.js'
import type { Clock, UnitOfWork } from '../app/ports.js'
import { nextPrintStatus, PrintStatus, retryDelayMs, type PrintEvent } from '../core/print-job.js'
import type { PrinterFleet } from '../devices/printer-fleet.js'
import { PrinterDisconnectedError, PrinterTimeoutError } from '../../drivers/errors.js'
import type { PrinterStatusReport } from '../../drivers/printer/status.js'

/** Why a printer can't take a job right now, or undefined when it can. */
export function blockedBy(status: PrinterStatusReport): string | undefined {
  if (status === 'unknown') return undefined // one-way printers never answer: send and trust
  if (status.paperOut) return 'Paper out: load a new roll'
  if (status.coverOpen) return 'The printer cover is open'
  if (!status.online) return 'The printer is offline'
  return undefined
}

interface Outcome {
  job: PrintJobRecord
  event: PrintEvent
  error?: string | undefined
}

/**
 * Jobs one pass claims at most. A crash mid-pass leaves every claimed job `sending`, and a
 * person then decides about each (core/print-job.ts): right for a job whose bytes may be
 * on paper, wrong for one behind it that never left. So a real printer's pass claims one
 * job; an on-screen printer (nothing half-printed on paper) takes a batch.
 */
const claimBatch = (printer: PrinterRecord): number => (printer.transport === 'virtual' ? 8 : 1)

/** Bytes may have reached the printer only when the link broke or stalled mid-job. */
const outcomeOf = (error: unknown): PrintEvent =>
  error instanceof PrinterDisconnectedError || error instanceof PrinterTimeoutError ? 'interrupted' : 'blocked'

export class PrintWorker {
  private readonly busy = new Set<string>()
  /** Printers kicked while busy: drained again when the current pass ends, so no job is left waiting. */
  private readonly again = new Set<string>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private unsubscribe: (() => void) | undefined
  private stopped = false

  constructor(
    private readonly deps: {
      uow: UnitOfWork
      fleet: PrinterFleet
      clock: Clock
      bus: EventBus
      printers: () => Promise<PrinterRecord[]>
    },
  ) {}

  /** Marks jobs a crash left half-sent, then starts sending whatever is queued. */
  async start(): Promise<void> {
    const now = this.deps.clock.now()
    const interrupted = await this.deps.uow.run((s) => s.printing.interruptSending(now))
    if (interrupted.length) console.warn(`[print] ${interrupted.length} job(s) were mid-send at shutdown and need a person: ${interrupted.join(', ')}`)
    this.unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.type === 'print-job.changed' && event.status === 'queued') this.kick(event.printer)
    })
    for (const printer of await this.deps.printers()) this.kick(printer.id)
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    for (const timer of this.timers.values()) clearTimeout(timer)
    while (this.busy.size > 0) await new Promise((resolve) => setTimeout(resolve, 10))
  }

  /** Starts draining a printer's queue unless it already is. */
  kick(printerId: string): void {
    if (this.stopped) return
    if (this.busy.has(printerId)) {
      this.again.add(printerId)
      return
    }
    clearTimeout(this.timers.get(printerId))
    this.timers.delete(printerId)
    this.busy.add(printerId)
    this.drain(printerId)
      .catch((error: unknown) => console.error(`[print] ${printerId}:`, error))
      .finally(() => {
        this.busy.delete(printerId)
        if (this.again.delete(printerId) && !this.timers.has(printerId)) this.kick(printerId)
      })
  }

  /**
   * Sends a printer's queued jobs in order. Writing one pass's outcomes and claiming the
   * next jobs share a transaction, and an on-screen printer's pass claims a batch: while
   * the tills sell flat out the worker waits for a gap (serial-writer.ts), and then one
   * commit settles a backlog of receipts instead of one each.
   */
  private async drain(printerId: string): Promise<void> {
    const printer = (await this.deps.printers()).find((p) => p.id === printerId)
    if (!printer) return
    let outcomes: Outcome[] = []
    while (!this.stopped) {
      const jobs = await this.finishAndClaim(outcomes, printer)
      if (jobs.length === 0) return
      outcomes = []
      for (const job of jobs) {
        // Once the printer refuses, or the worker stops, the rest of the pass goes back to the queue unsent.
        const held = outcomes.find((o) => o.event === 'blocked')
        const stopping = this.stopped && { event: 'blocked' as const, error: 'Not sent: the appliance was stopping' }
        outcomes.push({ job, ...(held ? { event: held.event, error: held.error } : stopping || (await this.send(printer, job))) })
      }
      const blocked = outcomes.find((o) => o.event === 'blocked')
      if (blocked && !this.stopped) {
        await this.finishAndClaim(outcomes, null)
        this.timers.set(printerId, setTimeout(() => this.kick(printerId), retryDelayMs(blocked.job.attempts)))
        return
      }
    }
    if (outcomes.length) await this.finishAndClaim(outcomes, null)
  }

  /** One transaction: record the last pass's outcomes, then (unless `printer` is null) claim its next queued jobs. */
  private finishAndClaim(done: readonly Outcome[], printer: PrinterRecord | null): Promise<Array<PrintJobRecord & { bytes: Uint8Array }>> {
    const now = this.deps.clock.now()
    return this.deps.uow.run(async (s) => {
      // One UPDATE per distinct outcome (normally one: every job printed).
      const byOutcome = new Map<string, Outcome[]>()
      for (const o of done) {
        const key = `${o.event}\u0000${o.error ?? ''}`
        byOutcome.set(key, [...(byOutcome.get(key) ?? []), o])
      }
      for (const group of byOutcome.values()) {
        const { event, error } = group[0]!
        const status = nextPrintStatus(PrintStatus.Sending, event)
        await s.printing.updateMany(group.map((o) => o.job.id), { status, lastError: error ?? null, ...(event === 'sent' ? { printedAt: now } : {}) }, now)
        for (const { job } of group) s.publish({ type: 'print-job.changed', id: job.id, status, printer: job.printer, station: job.station, lastError: error ?? null })
      }
      if (printer === null) return []
      const claimed = await s.printing.claimQueued(printer.id, claimBatch(printer), nextPrintStatus(PrintStatus.Queued, 'claim'), now)
      for (const job of claimed) s.publish({ type: 'print-job.changed', id: job.id, status: job.status, printer: job.printer, station: job.station })
      return claimed
    }, { background: true })
  }

  private async send(printer: PrinterRecord, job: { bytes: Uint8Array }): Promise<{ event: PrintEvent; error?: string }> {
    try {
      const transport = await this.deps.fleet.transport(printer)
      const status = await transport.status()
      this.deps.bus.publish({ type: 'device.status', printer: printer.id, status })
      const blocked = blockedBy(status)
      if (blocked) return { event: 'blocked', error: blocked }
      await transport.write(job.bytes)
      return { event: 'sent' }
    } catch (error) {
      return { event: outcomeOf(error), error: (error as Error).message }
    }
  }
}
