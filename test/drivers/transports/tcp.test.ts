/** TCP 9100 transport against the loopback virtual printer, with scripted faults. */
import net from 'node:net'
import { Duplex } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DriverErrorCode, InvalidOptionsError, PrinterOfflineError, PrinterTimeoutError, type DriverError,
} from '../../../drivers/errors.js'
import { drawerKick } from '../../../drivers/printer/drawer-kick.js'
import { asbEnable } from '../../../drivers/printer/status.js'
import type { TransportEvent } from '../../../drivers/printer/transports/printer-transport.js'
import { TcpPrinterTransport } from '../../../drivers/printer/transports/tcp.js'
import { VirtualPrinterServer } from '../../../drivers/virtual/virtual-printer-server.js'

const open: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = []
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await ('close' in thing ? thing.close() : thing.stop())
})

async function printerOnLoopback(options: Partial<ConstructorParameters<typeof TcpPrinterTransport>[0]> = {}) {
  const server = new VirtualPrinterServer()
  const { port } = await server.start()
  const transport = new TcpPrinterTransport({ host: '127.0.0.1', port, statusTimeoutMs: 150, ...options })
  open.push(server, transport)
  return { server, transport, port }
}

describe('TcpPrinterTransport', () => {
  it('validates its options at construction', () => {
    expect(() => new TcpPrinterTransport({ host: '' })).toThrow(InvalidOptionsError)
    expect(() => new TcpPrinterTransport({ host: 'p', port: 70000 })).toThrow(InvalidOptionsError)
    expect(() => new TcpPrinterTransport({ host: 'p', statusTimeoutMs: 0 })).toThrow(InvalidOptionsError)
    expect(new TcpPrinterTransport({ host: '10.0.0.20' }).description).toBe('tcp://10.0.0.20:9100')
  })

  it('maps a refused connection to PrinterOfflineError, keeping the cause', async () => {
    const { server, port } = await printerOnLoopback()
    await server.stop()
    const transport = new TcpPrinterTransport({ host: '127.0.0.1', port })
    open.push(transport)
    const error = await transport.write(drawerKick()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PrinterOfflineError)
    expect((error as PrinterOfflineError).cause).toMatchObject({ code: 'ECONNREFUSED' })
    await expect(transport.status()).rejects.toBeInstanceOf(PrinterOfflineError)
  })

  it('maps a connect timeout to PrinterOfflineError', async () => {
    // A socket that never connects, like a printer switched off on a switch that drops SYNs.
    const transport = new TcpPrinterTransport({ host: 'printer', connectTimeoutMs: 50, createConnection: () => new net.Socket() })
    open.push(transport)
    await expect(transport.write(drawerKick())).rejects.toThrow(/connect timed out/)
  })

  it('raises PrinterTimeoutError when the printer stops taking bytes', async () => {
    const stalled = new Duplex({ read() {}, write() { /* never calls back: the TCP window is full */ } })
    const transport = new TcpPrinterTransport({
      host: 'printer', writeTimeoutMs: 50,
      createConnection: () => {
        const socket = stalled as unknown as net.Socket
        Object.assign(socket, { setNoDelay: () => socket })
        queueMicrotask(() => socket.emit('connect'))
        return socket
      },
    })
    open.push(transport)
    await expect(transport.write(new Uint8Array(10))).rejects.toBeInstanceOf(PrinterTimeoutError)
  })

  it('treats a slow answer as unknown, and asks again on a fresh connection', async () => {
    const { server, transport } = await printerOnLoopback()
    server.printer.setFaults({ statusDelayMs: 400 })
    expect(await transport.status()).toBe('unknown')
    server.printer.setFaults({ statusDelayMs: 20 })
    expect(await transport.status()).toMatchObject({ online: true })
  })

  it('reads ASB blocks the printer pushes and reports them as status events', async () => {
    const { server, transport } = await printerOnLoopback({ confirmWrites: false })
    const events: TransportEvent[] = []
    transport.onEvent((e) => events.push(e))
    await transport.write(asbEnable())
    await expect.poll(() => events.filter((e) => e.type === 'status').length).toBe(1)
    server.printer.setFaults({ coverOpen: true })
    await expect.poll(() => events.at(-1)).toMatchObject({ type: 'status', status: { coverOpen: true, online: false } })
  })

  it('emits connected and disconnected, and reconnects after the printer resets', async () => {
    const { server, transport } = await printerOnLoopback()
    const events: string[] = []
    transport.onEvent((e) => events.push(e.type))
    await transport.write(drawerKick())
    server.printer.setFaults({ refuseConnections: true })
    await server.stop()
    await expect.poll(() => events).toContain('disconnected')
    await expect(transport.write(drawerKick())).rejects.toBeInstanceOf(PrinterOfflineError)
    expect(events.slice(0, 2)).toEqual(['connected', 'disconnected'])
  })

  it('turns a printer that resets every connection (busy with another client) into an error to retry', async () => {
    const { server } = await printerOnLoopback()
    server.printer.setFaults({ refuseConnections: true })
    const transport = new TcpPrinterTransport({ host: '127.0.0.1', port: server.port, statusTimeoutMs: 150 })
    open.push(transport)
    const error = await transport.write(drawerKick()).catch((e: unknown) => e)
    // Reset before or just after the handshake completes: either way "not printed, retry".
    expect([DriverErrorCode.PrinterOffline, DriverErrorCode.PrinterDisconnected]).toContain((error as DriverError).code)
  })

  it('closes an idle connection so another till can print', async () => {
    const { transport } = await printerOnLoopback({ idleTimeoutMs: 30 })
    const events: string[] = []
    transport.onEvent((e) => events.push(e.type))
    await transport.write(drawerKick())
    await expect.poll(() => events).toEqual(['connected', 'disconnected'])
    await transport.write(drawerKick())
    expect(events).toEqual(['connected', 'disconnected', 'connected'])
  })

  it('prints through a slow mechanism (backpressure), just later', async () => {
    const { server, transport } = await printerOnLoopback()
    server.printer.setFaults({ bytesPerSecond: 20_000 })
    const bytes = new Uint8Array(2000).fill(0x41)
    const started = Date.now()
    expect((await transport.write(bytes)).confirmed).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(50)
  })
})
