/**
 * The PrinterTransport contract, run against every transport (TCP, in-process
 * virtual, USB over the fake WebUSB stack), each backed by a VirtualPrinter.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { PrinterDisconnectedError, TransportClosedError } from '../../../drivers/errors.js'
import { printerProfile } from '../../../drivers/printer/profile.js'
import { encodeReceipt } from '../../../drivers/printer/receipt.js'
import type { PrinterTransport, TransportEvent } from '../../../drivers/printer/transports/printer-transport.js'
import type { VirtualPrinter } from '../../../drivers/virtual/virtual-printer.js'
import { sampleReceipt } from './sample-documents.js'

export interface TransportHarness {
  transport: PrinterTransport
  printer: VirtualPrinter
  cleanup(): Promise<void>
  /** After a dropped link: whatever brings the printer back (USB: plug it in again). */
  reconnect?(): Promise<void> | void
}

const profile = printerProfile('epson-tm-t20iii-80mm')
const receipt = encodeReceipt(sampleReceipt, profile)

export function describeTransportContract(name: string, make: () => Promise<TransportHarness>): void {
  describe(`${name} honours the PrinterTransport contract`, () => {
    let harness: TransportHarness | undefined
    const setup = async () => (harness = await make())
    afterEach(async () => {
      await harness?.cleanup()
      harness = undefined
    })

    it('delivers a receipt, confirmed, and the printer decodes it', async () => {
      const { transport, printer } = await setup()
      const result = await transport.write(receipt)
      expect(result).toEqual({ bytesWritten: receipt.length, confirmed: true })
      const [job] = await printer.waitForJobs(1)
      expect(job?.transcript).toContain('Crème brûlée tart')
      expect(job?.transcript).toContain('[cut full]')
      expect(job?.printed).toBe(true)
    })

    it('reports paper out as status, not as an error', async () => {
      const { transport, printer } = await setup()
      printer.setFaults({ paperOut: true })
      const events: TransportEvent[] = []
      transport.onEvent((e) => events.push(e))
      const status = await transport.status()
      expect(status).toMatchObject({ paperOut: true, online: false, coverOpen: false })
      expect(events).toContainEqual({ type: 'status', status })
      await transport.write(receipt)
      const [job] = await printer.waitForJobs(1)
      expect(job?.printed).toBe(false)
    })

    it('says "unknown" when the printer does not answer, and still delivers', async () => {
      const { transport, printer } = await setup()
      printer.setFaults({ offline: true })
      expect(await transport.status()).toBe('unknown')
      expect((await transport.write(receipt)).confirmed).toBe(false)
      printer.setFaults({ offline: false })
      expect(await transport.status()).toMatchObject({ online: true, paperOut: false })
    })

    it('raises PrinterDisconnectedError when the link drops mid-job, then recovers', async () => {
      const { transport, printer, reconnect } = await setup()
      printer.setFaults({ disconnectAfterBytes: 200 })
      await expect(transport.write(receipt)).rejects.toBeInstanceOf(PrinterDisconnectedError)
      const [partial] = await printer.waitForJobs(1)
      expect(partial?.complete).toBe(false)
      printer.setFaults({ disconnectAfterBytes: undefined })
      await reconnect?.()
      expect((await transport.write(receipt)).confirmed).toBe(true)
      const jobs = await printer.waitForJobs(2)
      expect(jobs.at(-1)?.complete).toBe(true)
    })

    it('refuses work after close()', async () => {
      const { transport } = await setup()
      await transport.close()
      await transport.close()
      await expect(transport.write(receipt)).rejects.toBeInstanceOf(TransportClosedError)
      await expect(transport.status()).rejects.toBeInstanceOf(TransportClosedError)
    })
  })
}

