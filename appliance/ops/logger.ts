/**
 * Structured logs: one JSON object per line — `{"time","level","msg",…fields}` — to stdout
 * (journald keeps it) and to `<dataDir>/logs/appliance.log` with size-based rotation.
 * Every field and message goes through redact() first, so PINs, passwords, tokens,
 * cookies and channel credentials never reach a log, whoever calls.
 */
import { redact, redactText } from './redact.js'
import { RotatingFile, type RotatingFileOptions } from './rotating-file.js'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogThreshold = LogLevel | 'silent'
export type LogFields = Record<string, unknown>

const RANK: Record<LogThreshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

/** Where lines go: stdout as JSON (or readable text on a terminal) and/or a rotating file. */
export interface LoggerOptions {
  level?: LogThreshold
  file?: RotatingFileOptions
  /** Write to stdout too: 'json' for services, 'pretty' for a person at a terminal, false for none. */
  stdout?: 'json' | 'pretty' | false
  now?: () => Date
}

export class Logger {
  private readonly rank: number
  private readonly file: RotatingFile | undefined

  constructor(
    private readonly options: LoggerOptions = {},
    private readonly bound: LogFields = {},
    file?: RotatingFile,
  ) {
    this.rank = RANK[options.level ?? 'info']
    this.file = file ?? (options.file ? new RotatingFile(options.file) : undefined)
  }

  /** A logger that adds `fields` (e.g. `{ component: 'sync' }`) to every line. */
  child(fields: LogFields): Logger {
    return new Logger(this.options, { ...this.bound, ...fields }, this.file)
  }

  debug(msg: string, fields?: LogFields): void { this.write('debug', msg, fields) }
  info(msg: string, fields?: LogFields): void { this.write('info', msg, fields) }
  warn(msg: string, fields?: LogFields): void { this.write('warn', msg, fields) }
  error(msg: string, fields?: LogFields): void { this.write('error', msg, fields) }

  enabled(level: LogLevel): boolean {
    return RANK[level] >= this.rank
  }

  /** The log file's path, if there is one. */
  get filePath(): string | undefined {
    return this.file?.path
  }

  close(): void {
    this.file?.close()
  }

  write(level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (!this.enabled(level)) return
    const time = (this.options.now?.() ?? new Date()).toISOString()
    const record = { time, level, msg: redactText(msg), ...(redact({ ...this.bound, ...fields }) as LogFields) }
    let json: string
    try {
      json = JSON.stringify(record)
    } catch {
      json = JSON.stringify({ time, level, msg: record.msg, note: 'fields could not be serialised' })
    }
    try {
      this.file?.write(json)
    } catch (error) {
      // A full disk must not take the till down: say so on stderr and carry on.
      process.stderr.write(`log file write failed: ${(error as Error).message}\n`)
    }
    if (this.options.stdout === 'json') process.stdout.write(`${json}\n`)
    else if (this.options.stdout === 'pretty') process.stdout.write(`${pretty(record)}\n`)
  }
}

function pretty(record: LogFields & { time: string; level: string; msg: string }): string {
  const { time, level, msg, ...rest } = record
  const extra = Object.entries(rest).map(([k, v]) => {
    if (k === 'err' && v && typeof v === 'object' && 'stack' in v) return `\n${String((v as { stack: unknown }).stack)}`
    return ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`
  })
  return `${time.slice(11, 19)} ${level === 'info' ? '' : `${level.toUpperCase()} `}${msg}${extra.join('')}`
}

/** A logger that drops everything (tests, tools). */
export const silentLogger = new Logger({ level: 'silent' })
