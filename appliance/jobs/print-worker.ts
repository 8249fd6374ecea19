/**
 * Sends queued print jobs, in order, one printer at a time. Each step is its own
 * transaction: claim (queued → sending), then the bytes go out, then the outcome is
 * written. A job is retried automatically only when nothing can have reached the
 * printer; anything else becomes `interrupted` for a person (see core/print-job.ts).
 */
import type { EventBus } from '../app/events.js'
import type { PrinterRecord, PrintJobRecord } from '../app/print-queue.js'
import type { Clock, UnitOfWork } from '../app/ports.js'
import { nextPrintStatus, retryDelayMs, type PrintEvent } from '../core/print-job.js'
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
  error?: string
}

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
   * Sends a printer's queued jobs in order. Writing one job's outcome and claiming the
   * next share a transaction, so a busy queue costs one commit per job, not two.
   */
  private async drain(printerId: string): Promise<void> {
    const printer = (await this.deps.printers()).find((p) => p.id === printerId)
    if (!printer) return
    let outcome: Outcome | undefined
    while (!this.stopped) {
      const job = await this.finishAndClaim(outcome, printerId)
      if (!job) return
      const sent = await this.send(printer, job)
      outcome = { job, ...sent }
      if (sent.event === 'blocked') {
        await this.finishAndClaim(outcome, null)
        this.timers.set(printerId, setTimeout(() => this.kick(printerId), retryDelayMs(job.attempts)))
        return
      }
    }
    if (outcome) await this.finishAndClaim(outcome, null)
  }

  /** One transaction: record the last job's outcome, then (unless `printerId` is null) claim the next queued job. */
  private finishAndClaim(done: Outcome | undefined, printerId: string | null): Promise<(PrintJobRecord & { bytes: Uint8Array }) | undefined> {
    const now = this.deps.clock.now()
    return this.deps.uow.run(async (s) => {
      if (done) {
        const status = nextPrintStatus(done.job.status, done.event)
        await s.printing.update(done.job.id, { status, lastError: done.error ?? null, ...(done.event === 'sent' ? { printedAt: now } : {}) }, now)
        s.publish({ type: 'print-job.changed', id: done.job.id, status, printer: done.job.printer, station: done.job.station, lastError: done.error ?? null })
      }
      if (printerId === null) return undefined
      const job = await s.printing.nextQueued(printerId)
      if (!job) return undefined
      const claimed = { ...job, status: nextPrintStatus(job.status, 'claim'), attempts: job.attempts + 1 }
      await s.printing.update(job.id, { status: claimed.status, attempts: claimed.attempts }, now)
      s.publish({ type: 'print-job.changed', id: job.id, status: claimed.status, printer: job.printer, station: job.station })
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
