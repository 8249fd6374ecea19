/**
 * The virtual printer on a loopback TCP port, speaking raw 9100 like a networked
 * receipt printer: it decodes and keeps each job, answers DLE EOT, and plays the
 * faults scripted on its `VirtualPrinter` (paper out, offline, slow, reset mid-job).
 *
 * ```ts
 * const server = new VirtualPrinterServer()
 * const { port } = await server.start()            // 127.0.0.1, random port
 * const printer = new TcpPrinterTransport({ host: '127.0.0.1', port })
 * await printer.write(bytes)
 * const [job] = await server.printer.waitForJobs(1)
 * server.printer.setFaults({ paperOut: true })
 * await server.stop()
 * ```
 */
import net from 'node:net'
import { InvalidOptionsError } from '../errors.js'
import { VirtualPrinter, type VirtualPrinterOptions } from './virtual-printer.js'

export interface VirtualPrinterServerOptions extends VirtualPrinterOptions {
  /** Share a device model (e.g. with an in-process transport); one is created otherwise. */
  printer?: VirtualPrinter
  host?: string
  port?: number
}

export class VirtualPrinterServer {
  readonly printer: VirtualPrinter
  readonly #host: string
  readonly #port: number
  readonly #sockets = new Set<net.Socket>()
  #server: net.Server | undefined
  #address: { host: string; port: number } | undefined

  constructor({ printer, host = '127.0.0.1', port = 0, ...printerOptions }: VirtualPrinterServerOptions = {}) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidOptionsError(`port must be 0-65535, got ${port}`)
    this.printer = printer ?? new VirtualPrinter(printerOptions)
    this.#host = host
    this.#port = port
  }

  /** Listens; resolves with the address (the port is chosen by the OS when 0). */
  async start(): Promise<{ host: string; port: number }> {
    if (this.#address) return this.#address
    const server = net.createServer((socket) => this.#accept(socket))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.#port, this.#host, () => {
        server.off('error', reject)
        resolve()
      })
    })
    this.#server = server
    const address = server.address() as net.AddressInfo
    this.#address = { host: this.#host, port: address.port }
    return this.#address
  }

  get port(): number {
    if (!this.#address) throw new Error('the virtual printer server is not started')
    return this.#address.port
  }

  /** Stops listening and resets every open connection. */
  async stop(): Promise<void> {
    const server = this.#server
    if (!server) return
    this.#server = undefined
    this.#address = undefined
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  #accept(socket: net.Socket): void {
    if (this.printer.faults.refuseConnections) {
      socket.resetAndDestroy()
      return
    }
    this.#sockets.add(socket)
    const session = this.printer.openSession(`tcp ${socket.remoteAddress}:${socket.remotePort}`)
    session.onReply((bytes) => socket.write(bytes))
    // A printer that reboots mid-job resets the connection rather than closing it.
    session.onDrop(() => socket.resetAndDestroy())
    socket.on('data', (chunk: Buffer) => {
      const bps = this.printer.faults.bytesPerSecond
      if (!bps) return session.write(chunk)
      // A slow mechanism: take the chunk only after "printing" it, and read nothing
      // meanwhile, so TCP backpressure reaches the sender and answers come late.
      socket.pause()
      setTimeout(() => {
        session.write(chunk)
        if (!socket.destroyed) socket.resume()
      }, Math.ceil((chunk.length / bps) * 1000)).unref()
    })
    socket.on('end', () => {
      session.end()
      socket.end()
    })
    socket.on('error', () => session.abort())
    socket.on('close', () => {
      session.abort()
      this.#sockets.delete(socket)
    })
  }
}
