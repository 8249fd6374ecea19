/**
 * An append-only log file that rotates by size: `appliance.log` → `appliance.log.1` → … →
 * `appliance.log.<keep>` (the oldest is deleted). Writes are synchronous so a line
 * written before a crash (or SIGKILL) is on disk, and lines from one process never
 * interleave; logs are low-volume (lifecycle, warnings, errors), so this costs nothing.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export interface RotatingFileOptions {
  path: string
  /** Rotate when the file would grow past this many bytes. */
  maxBytes?: number
  /** Rotated files kept beside the live one. */
  keep?: number
}

export class RotatingFile {
  readonly path: string
  private readonly maxBytes: number
  private readonly keep: number
  private fd: number | undefined
  private size = 0

  constructor({ path, maxBytes = 10 * 1024 * 1024, keep = 5 }: RotatingFileOptions) {
    if (maxBytes < 1024) throw new RangeError('maxBytes must be at least 1024')
    if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep must be a whole number of at least 1')
    this.path = path
    this.maxBytes = maxBytes
    this.keep = keep
  }

  write(line: string): void {
    const bytes = Buffer.from(line.endsWith('\n') ? line : `${line}\n`)
    if (this.fd === undefined) this.open()
    if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate()
    this.size += writeSync(this.fd!, bytes)
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private open(): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o750 })
    this.fd = openSync(this.path, 'a', 0o640)
    this.size = fstatSync(this.fd).size
  }

  private rotate(): void {
    this.close()
    rmSync(`${this.path}.${this.keep}`, { force: true })
    for (let n = this.keep - 1; n >= 1; n--) {
      if (existsSync(`${this.path}.${n}`)) renameSync(`${this.path}.${n}`, `${this.path}.${n + 1}`)
    }
    renameSync(this.path, `${this.path}.1`)
    this.open()
  }
}
