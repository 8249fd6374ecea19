/** Drawer kick bytes and the CashDrawer helper over the virtual printer. */
import { describe, expect, it } from 'vitest'
import { CashDrawer } from '../../../drivers/drawer/cash-drawer.js'
import { InvalidOptionsError } from '../../../drivers/errors.js'
import { drawerKick } from '../../../drivers/printer/drawer-kick.js'
import { printerProfile } from '../../../drivers/printer/profile.js'
import { VirtualPrinterTransport } from '../../../drivers/printer/transports/virtual.js'
import { VirtualPrinter } from '../../../drivers/virtual/virtual-printer.js'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('drawerKick', () => {
  it('builds ESC p for pin 2 or 5, DLE DC4 in real time, and the Star form', () => {
    expect(hex(drawerKick())).toBe('1b700032fa')
    expect(hex(drawerKick({ pin: 5, onMs: 50, offMs: 100 }))).toBe('1b70011932')
    expect(hex(drawerKick({ realtime: true, onMs: 200 }))).toBe('1014010002')
    expect(hex(drawerKick({ language: 'star-prnt', onMs: 200, offMs: 200 }))).toBe('1b07141407')
    expect(hex(drawerKick({ language: 'star-prnt', pin: 5 }))).toBe('1b070a321a')
  })

  it('refuses impossible pulses', () => {
    expect(() => drawerKick({ onMs: 1000 })).toThrow(InvalidOptionsError)
    expect(() => drawerKick({ pin: 3 as 2 })).toThrow(InvalidOptionsError)
    expect(() => drawerKick({ realtime: true, language: 'star-prnt' })).toThrow(InvalidOptionsError)
  })
})

describe('CashDrawer', () => {
  it('opens the drawer through the printer and reads its switch', async () => {
    const printer = new VirtualPrinter()
    const transport = new VirtualPrinterTransport(printer)
    const drawer = new CashDrawer(transport, { profile: printerProfile('epson-tm-t20iii-80mm') })
    await drawer.open()
    const [job] = await printer.waitForJobs(1)
    expect(job?.transcript).toBe('[drawer kick pin 2, 100 ms on, 500 ms off]\n')
    expect(await drawer.isOpen()).toBe(false)
    printer.setFaults({ drawerOpen: true })
    expect(await drawer.isOpen()).toBe(true)
    await transport.close()
  })

  it('kicks in real time while the printer is out of paper', async () => {
    const printer = new VirtualPrinter()
    printer.setFaults({ paperOut: true })
    const transport = new VirtualPrinterTransport(printer)
    await new CashDrawer(transport, { profile: printerProfile('epson-tm-t88vi'), realtime: true }).open()
    const [job] = await printer.waitForJobs(1)
    expect(job?.receipt.elements).toEqual([{ kind: 'pulse', pin: 2, onMs: 100, offMs: 100, realtime: true }])
    await transport.close()
  })

  it('cannot tell the drawer state through a one-way printer', async () => {
    const transport = new VirtualPrinterTransport(new VirtualPrinter())
    expect(await new CashDrawer(transport, { profile: printerProfile('star-tsp100iv') }).isOpen()).toBe('unknown')
  })
})
