/**
 * One link to the virtual printer (a TCP connection, a USB claim, an in-process
 * transport). It splits the incoming bytes into jobs — a job ends with a cut, with an
 * ESC @ that starts the next one, or when the link closes — and answers real-time
 * requests the way an Epson does: DLE EOT at once, ASB when enabled and on change.
 */
import { encodeAsb, encodeDleEotReplies } from '../printer/status.js'
import { EscPosTokenizer, type EscPosToken } from './escpos-tokenizer.js'
import type { VirtualPrinter } from './virtual-printer.js'

/** Commands that do not make a job on their own (the transport's status polling). */
const NOT_CONTENT = new Set(['status-request', 'realtime-request', 'asb', 'initialize'])

export class VirtualPrinterSession {
  readonly source: string
  readonly #printer: VirtualPrinter
  readonly #onClose: (session: VirtualPrinterSession) => void
  readonly #tokenizer = new EscPosTokenizer()
  readonly #timers = new Set<ReturnType<typeof setTimeout>>()
  #reply: (bytes: Uint8Array) => void = () => undefined
  #drop: () => void = () => undefined
  #job: Uint8Array[] = []
  #hasContent = false
  #contentTokens = 0
  #received = 0
  #asb = false
  #closed = false

  constructor(printer: VirtualPrinter, source: string, onClose: (session: VirtualPrinterSession) => void) {
    this.#printer = printer
    this.source = source
    this.#onClose = onClose
  }

  /** Where answers go (socket write, USB IN queue). */
  onReply(listener: (bytes: Uint8Array) => void): void {
    this.#reply = listener
  }

  /** Called when the scripted fault drops the link. */
  onDrop(listener: () => void): void {
    this.#drop = listener
  }

  get closed(): boolean {
    return this.#closed
  }

  write(chunk: Uint8Array): void {
    if (this.#closed) return
    const limit = this.#printer.faults.disconnectAfterBytes
    const allowed = limit === undefined ? chunk.length : Math.max(0, limit - this.#received)
    const part = allowed < chunk.length ? chunk.subarray(0, allowed) : chunk
    this.#received += part.length
    for (const token of this.#tokenizer.push(part)) this.#token(token)
    if (part.length < chunk.length) {
      this.#close(false)
      this.#drop()
    }
  }

  /** The link closed normally: the pending job is complete. */
  end(): void {
    if (!this.#closed) this.#close(true)
  }

  /** The link failed: the pending job is incomplete. */
  abort(): void {
    if (!this.#closed) this.#close(false)
  }

  statusChanged(): void {
    if (this.#asb) this.#send(encodeAsb(this.#printer.status(), this.#printer.options.statusOptions))
  }

  #token(token: EscPosToken): void {
    if (token.kind === 'command' && token.name === 'status-request') return this.#answerStatus(token.bytes[2] ?? 0)
    if (token.kind === 'command' && token.name === 'realtime-request') return
    if (token.kind === 'command' && token.name === 'initialize' && this.#hasContent) this.#finishJob(true)
    if (token.kind === 'command' && token.name === 'asb') {
      this.#asb = (token.bytes[2] ?? 0) !== 0
      this.statusChanged()
    }
    const bytes = token.kind === 'control' ? Uint8Array.of(token.byte) : token.bytes
    this.#job.push(bytes.slice())
    if (!(token.kind === 'command' && NOT_CONTENT.has(token.name)) && !(token.kind === 'control' && token.byte === 0x0d)) {
      this.#hasContent = true
      this.#contentTokens++
    }
    if (token.kind === 'command' && token.name === 'cut') this.#finishJob(true)
    // A drawer kick sent on its own is a job of its own (no cut will follow it).
    else if (token.kind === 'command' && (token.name === 'pulse' || token.name === 'realtime-command') && this.#contentTokens === 1) this.#finishJob(true)
  }

  #answerStatus(n: number): void {
    const replies = encodeDleEotReplies(this.#printer.status(), this.#printer.options.statusOptions)
    const byte = replies[n as 1 | 2 | 3 | 4]
    if (byte !== undefined) this.#send(Uint8Array.of(byte))
  }

  #send(bytes: Uint8Array): void {
    const { offline, statusDelayMs } = this.#printer.faults
    if (offline || this.#closed) return
    if (statusDelayMs <= 0) return this.#reply(bytes)
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      if (!this.#closed) this.#reply(bytes)
    }, statusDelayMs)
    this.#timers.add(timer)
  }

  #finishJob(complete: boolean): void {
    if (this.#hasContent) {
      const size = this.#job.reduce((n, b) => n + b.length, 0)
      const bytes = new Uint8Array(size)
      let offset = 0
      for (const b of this.#job) {
        bytes.set(b, offset)
        offset += b.length
      }
      this.#printer.recordJob(this.source, bytes, complete)
    }
    this.#job = []
    this.#hasContent = false
    this.#contentTokens = 0
  }

  #close(complete: boolean): void {
    for (const token of this.#tokenizer.end()) this.#job.push(token.kind === 'control' ? Uint8Array.of(token.byte) : token.bytes)
    this.#finishJob(complete)
    this.#closed = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    this.#onClose(this)
  }
}
