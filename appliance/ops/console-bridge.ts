/**
 * Routes the appliance's existing `console.*` calls through the structured logger, so
 * every module logs as JSON lines (with redaction and rotation) without each one taking
 * a logger. A leading `[tag]` in the first argument becomes the `component` field;
 * Error arguments become `err`. The composition root installs it once per process.
 */
import { format } from 'node:util'
import type { LogLevel, Logger } from './logger.js'

const METHODS: Array<[keyof Console & ('log' | 'info' | 'warn' | 'error' | 'debug'), LogLevel]> = [
  ['debug', 'debug'], ['log', 'info'], ['info', 'info'], ['warn', 'warn'], ['error', 'error'],
]

/** Turns console arguments into a message and fields. */
export function consoleRecord(args: unknown[]): { msg: string; fields: Record<string, unknown> } {
  const errors = args.filter((a): a is Error => a instanceof Error)
  const rest = args.filter((a) => !(a instanceof Error))
  let msg = rest.length ? format(...rest) : (errors[0]?.message ?? '')
  const fields: Record<string, unknown> = {}
  const tag = /^\[([\w-]+)\]\s*/.exec(msg)
  if (tag) {
    fields['component'] = tag[1]
    msg = msg.slice(tag[0].length)
  }
  if (errors.length === 1) fields['err'] = errors[0]
  else if (errors.length > 1) fields['errs'] = errors
  return { msg: msg.trim(), fields }
}

/** Replaces console.log/info/warn/error/debug; returns a function that puts them back. */
export function captureConsole(logger: Logger): () => void {
  const original = METHODS.map(([method]) => [method, console[method]] as const)
  for (const [method, level] of METHODS) {
    console[method] = (...args: unknown[]) => {
      const { msg, fields } = consoleRecord(args)
      logger.write(level, msg, fields)
    }
  }
  return () => {
    for (const [method, fn] of original) console[method] = fn
  }
}
