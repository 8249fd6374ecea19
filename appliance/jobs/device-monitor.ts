/**
 * Asks every active printer for its status every few seconds and tells the screens
 * when it changes (paper low, paper out, cover open, offline), so staff see a problem
 * before a receipt is stuck behind it.
 */
import type { EventBus } from '../app/events.js'
import type { PrinterRecord } from '../app/print-queue.js'

export class DeviceMonitor {
  private timer: ReturnType<typeof setInterval> | undefined
  private readonly last = new Map<string, string>()
  private running: Promise<void> | undefined

  constructor(
    private readonly deps: {
      bus: EventBus
      printers: () => Promise<PrinterRecord[]>
      status: (printer: PrinterRecord) => Promise<unknown>
      intervalMs?: number
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.poll()
        .catch((error: unknown) => console.error('[devices] the printer status poll failed', error))
        .finally(() => (this.running = undefined))
    }, this.deps.intervalMs ?? 15_000)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
  }

  async poll(): Promise<void> {
    for (const printer of await this.deps.printers()) {
      if (!printer.active) continue
      let status: unknown
      try {
        status = await this.deps.status(printer)
      } catch (error) {
        status = { unreachable: (error as Error).message }
      }
      const key = JSON.stringify(status)
      if (this.last.get(printer.id) === key) continue
      this.last.set(printer.id, key)
      this.deps.bus.publish({ type: 'device.status', printer: printer.id, status })
    }
  }
}
