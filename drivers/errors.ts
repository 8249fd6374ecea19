/**
 * Typed driver errors: one class per thing a caller can act on, each keeping the
 * underlying `cause` (a Node `Error` with its `code`, a libusb/nusb message, …).
 *
 * "Paper out", "cover open" and "drawer open" are NOT errors: they are status data
 * (see `printer/status.ts`). These classes are for "the bytes did not get there".
 */

export const DriverErrorCode = {
  /** Nothing answers at the address (refused, unreachable, connect timeout). Retry later. */
  PrinterOffline: 'printer_offline',
  /** Connected, but the printer stopped accepting bytes (buffer full, jammed, stalled). */
  PrinterTimeout: 'printer_timeout',
  /** The connection dropped mid-job: some bytes may have printed. Reprint the whole job. */
  PrinterDisconnected: 'printer_disconnected',
  /** No matching device is plugged in. */
  DeviceNotFound: 'device_not_found',
  /** The device is held by someone else (kernel `usblp`, another process). */
  DeviceBusy: 'device_busy',
  /** The OS refused access (missing udev rule, wrong group). */
  DeviceAccessDenied: 'device_access_denied',
  /** A transport was used after `close()`. */
  TransportClosed: 'transport_closed',
  /** Options rejected at construction (programming or configuration error). */
  InvalidOptions: 'invalid_options',
  /** A document (receipt, label) rejected before encoding. */
  InvalidDocument: 'invalid_document',
  /** Scanned data that is not what its symbology promises (bad GS1 element, check digit). */
  InvalidBarcode: 'invalid_barcode',
  /** A scanner sent more than a frame may hold without a terminator (wrong suffix setting). */
  ScannerFraming: 'scanner_framing',
  /** The scanner went away (unplugged, port closed). */
  ScannerDisconnected: 'scanner_disconnected',
} as const
export type DriverErrorCode = (typeof DriverErrorCode)[keyof typeof DriverErrorCode]

/** Base class of every error thrown by `drivers/`. Switch on `code` or use `instanceof`. */
export class DriverError extends Error {
  readonly code: DriverErrorCode

  constructor(code: DriverErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

export class PrinterOfflineError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.PrinterOffline, message, options)
  }
}

export class PrinterTimeoutError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.PrinterTimeout, message, options)
  }
}

export class PrinterDisconnectedError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.PrinterDisconnected, message, options)
  }
}

export class DeviceNotFoundError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.DeviceNotFound, message, options)
  }
}

export class DeviceBusyError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.DeviceBusy, message, options)
  }
}

export class DeviceAccessDeniedError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.DeviceAccessDenied, message, options)
  }
}

export class TransportClosedError extends DriverError {
  constructor(message = 'the transport is closed', options?: { cause?: unknown }) {
    super(DriverErrorCode.TransportClosed, message, options)
  }
}

export class InvalidOptionsError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.InvalidOptions, message, options)
  }
}

/** Lists every problem found, so a caller fixes a document in one go. */
export class InvalidDocumentError extends DriverError {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(DriverErrorCode.InvalidDocument, `invalid document: ${problems.join('; ')}`)
    this.problems = problems
  }
}

export class InvalidBarcodeError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.InvalidBarcode, message, options)
  }
}

export class ScannerFramingError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.ScannerFraming, message, options)
  }
}

export class ScannerDisconnectedError extends DriverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(DriverErrorCode.ScannerDisconnected, message, options)
  }
}
