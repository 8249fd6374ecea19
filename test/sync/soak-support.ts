/**
 * The soak tests' rig: a fault-injecting proxy in front of a simulator (a share of calls get
 * 429 with Retry-After, 500, or no answer — sometimes after the simulator did the work), and
 * the appliance as a child process that can be killed with SIGKILL and started again.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { SeededRandom } from '../../sync/simulators/shared/rng.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host'])

export class FaultProxy {
  /** Share of calls that fail (0..1). */
  rate = 0
  /** `exposed`: calls made while faults were on (the others only count as forwarded). */
  readonly counts = { exposed: 0, forwarded: 0, '429': 0, '500': 0, timeout: 0, lost: 0 }
  private server: Server | undefined
  private readonly random: SeededRandom
  private readonly held = new Set<ServerResponse>()

  constructor(private readonly target: string, seed = 1) {
    this.random = new SeededRandom(seed)
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res))
    server.keepAliveTimeout = 1000
    this.server = server
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy()
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const roll = this.random.next()
    if (this.rate > 0) this.counts.exposed += 1
    if (roll < this.rate) {
      const which = this.random.int(0, 3)
      if (which === 0) {
        this.counts['429'] += 1
        res.writeHead(429, { 'retry-after': '0.3', 'content-type': 'application/json' }).end('{"errors":"Too many requests (proxy)"}')
        return
      }
      if (which === 1) {
        this.counts['500'] += 1
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":"Internal error (proxy)"}')
        return
      }
      // No answer: half the time the simulator never saw the call, half the time it did the work and the answer was lost.
      if (which === 3) await this.forward(req, body).catch(() => undefined)
      this.counts[which === 3 ? 'lost' : 'timeout'] += 1
      this.held.add(res)
      res.on('close', () => this.held.delete(res))
      return
    }
    this.counts.forwarded += 1
    try {
      const answer = await this.forward(req, body)
      const headers: Record<string, string> = {}
      answer.headers.forEach((value, key) => {
        if (!HOP_BY_HOP.has(key)) headers[key] = value
      })
      res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()))
    } catch {
      res.writeHead(502).end()
    }
  }

  private forward(req: IncomingMessage, body: Buffer): Promise<Response> {
    const headers = new Headers()
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(key)) headers.set(key, Array.isArray(value) ? value.join(', ') : value)
    return fetch(`${this.target}${req.url ?? '/'}`, { method: req.method, headers, body: body.length ? new Uint8Array(body) : undefined })
  }
}

export interface ChildAppliance {
  url: string
  /** SIGKILL: no shutdown, no checkpoint, whatever was in flight is cut off. */
  kill(): Promise<void>
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>
}

/** Runs `appliance/main.ts` in its own process on `dataDir` (the real composition root). */
export async function spawnAppliance(dataDir: string, env: Record<string, string> = {}): Promise<ChildAppliance> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'appliance/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, APPLIANCE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', APPLIANCE_DEMO: '1', DEMO_PRODUCTS: '20', APPLIANCE_DEMO_CHANNELS: '0', APPLIANCE_HTTPS: 'off', SYNC_TIMEOUT_MS: '400', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the appliance did not start:\n${output}`)), 30_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /open at (http:\/\/[\d.]+:\d+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the appliance exited (${code}):\n${output}`))
    })
  })
  return {
    url,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}
