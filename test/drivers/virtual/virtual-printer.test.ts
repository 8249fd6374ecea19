/** The virtual printer device model: job boundaries, scripted status, ASB. */
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { drawerKick } from '../../../drivers/printer/drawer-kick.js'
import { printerProfile } from '../../../drivers/printer/profile.js'
import { encodeReceipt } from '../../../drivers/printer/receipt.js'
import { asbEnable, parseAsb, statusRequest } from '../../../drivers/printer/status.js'
import { VirtualPrinter } from '../../../drivers/virtual/virtual-printer.js'
import { sampleReceipt } from '../support/sample-documents.js'

const receipt = encodeReceipt(sampleReceipt, printerProfile('epson-tm-t20iii-80mm'))
const fixedNow = () => new Date('2025-03-14T16:05:00Z')

describe('VirtualPrinter', () => {
  it('splits a stream into jobs at each cut, and keeps status polling out of them', () => {
    const printer = new VirtualPrinter({ now: fixedNow })
    const session = printer.openSession('test')
    session.write(Uint8Array.of(...statusRequest(1), ...receipt, ...statusRequest(4), ...receipt.subarray(0, 100)))
    session.write(receipt.subarray(100))
    session.end()
    expect(printer.jobs.map((j) => [j.id, j.complete, j.printed, j.bytes.length])).toEqual([[1, true, true, receipt.length], [2, true, true, receipt.length]])
    expect(printer.jobs[0]?.receivedAt.toISOString()).toBe('2025-03-14T16:05:00.000Z')
  })

  it('records a job cut short by the link as incomplete', () => {
    const printer = new VirtualPrinter()
    const session = printer.openSession('test')
    session.write(receipt.subarray(0, 300))
    session.abort()
    expect(printer.jobs).toHaveLength(1)
    expect(printer.jobs[0]).toMatchObject({ complete: false, printed: false })
  })

  it('takes a drawer kick on its own as a job', () => {
    const printer = new VirtualPrinter()
    printer.openSession('test').write(drawerKick())
    expect(printer.jobs[0]?.transcript).toBe('[drawer kick pin 2, 100 ms on, 500 ms off]\n')
  })

  it('answers DLE EOT with the scripted status, and nothing when offline', () => {
    const printer = new VirtualPrinter()
    const replies: number[] = []
    const session = printer.openSession('test')
    session.onReply((b) => replies.push(...b))
    session.write(statusRequest(4))
    printer.setFaults({ paperOut: true })
    session.write(statusRequest(4))
    printer.setFaults({ offline: true })
    session.write(statusRequest(4))
    expect(replies).toEqual([0x12, 0x7e])
  })

  it('pushes an ASB block when enabled and when the status changes', () => {
    const printer = new VirtualPrinter()
    const blocks: Uint8Array[] = []
    const session = printer.openSession('test')
    session.onReply((b) => blocks.push(b))
    session.write(asbEnable())
    printer.setFaults({ coverOpen: true })
    expect(blocks.map((b) => parseAsb(b)?.coverOpen)).toEqual([false, true])
  })

  it('marks jobs received while out of paper as not printed', () => {
    const printer = new VirtualPrinter()
    printer.setFaults({ paperOut: true })
    printer.openSession('test').write(receipt)
    expect(printer.jobs[0]).toMatchObject({ complete: true, printed: false })
  })

  it('renders a job as a receipt-shaped PNG', () => {
    const printer = new VirtualPrinter()
    printer.openSession('test').write(receipt)
    const png = PNG.sync.read(printer.renderPng(printer.jobs[0]!))
    expect(png.width).toBe(576 + 32)
    expect(png.height).toBeGreaterThan(1000)
  })

  it('waits for jobs, and says how many came when they do not', async () => {
    const printer = new VirtualPrinter()
    setTimeout(() => printer.openSession('later').write(receipt), 10)
    await expect(printer.waitForJobs(1)).resolves.toHaveLength(1)
    await expect(printer.waitForJobs(3, 30)).rejects.toThrow('got 1 of 3 jobs')
  })
})
