/** Every printer transport against the virtual printer, through one contract suite. */
import { TcpPrinterTransport } from '../../../drivers/printer/transports/tcp.js'
import { UsbPrinterTransport } from '../../../drivers/printer/transports/usb.js'
import { VirtualPrinterTransport } from '../../../drivers/printer/transports/virtual.js'
import { VirtualPrinter } from '../../../drivers/virtual/virtual-printer.js'
import { VirtualPrinterServer } from '../../../drivers/virtual/virtual-printer-server.js'
import { FakeUsb, FakeUsbPrinter } from '../support/fake-webusb.js'
import { describeTransportContract } from '../support/transport-contract.js'

const STATUS_TIMEOUT_MS = 150

describeTransportContract('TcpPrinterTransport', async () => {
  const server = new VirtualPrinterServer()
  const { port } = await server.start()
  const transport = new TcpPrinterTransport({ host: '127.0.0.1', port, statusTimeoutMs: STATUS_TIMEOUT_MS })
  return {
    transport,
    printer: server.printer,
    cleanup: async () => {
      await transport.close()
      await server.stop()
    },
  }
})

describeTransportContract('VirtualPrinterTransport', async () => {
  const printer = new VirtualPrinter()
  const transport = new VirtualPrinterTransport(printer, { statusTimeoutMs: STATUS_TIMEOUT_MS })
  return { transport, printer, cleanup: () => transport.close() }
})

describeTransportContract('UsbPrinterTransport', async () => {
  const printer = new VirtualPrinter()
  const usb = new FakeUsb()
  const device = new FakeUsbPrinter(usb, printer)
  usb.plug(device)
  const transport = new UsbPrinterTransport({ usb, vendorId: 0x04b8, statusTimeoutMs: STATUS_TIMEOUT_MS, platform: 'linux' })
  return { transport, printer, cleanup: () => transport.close(), reconnect: () => usb.plug(device) }
})
