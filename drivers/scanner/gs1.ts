/**
 * GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, DataBar): a run of
 * Application Identifiers (AIs) each followed by its value. Fixed-length values run
 * straight into the next AI; variable-length ones end at the group separator GS
 * (0x1D, sent for FNC1) or at the end of the data.
 *
 * Which AIs are fixed-length follows the GS1 General Specifications' table of
 * "predefined length" AI prefixes, so unknown AIs still parse correctly; the titles
 * below are only for display.
 */
import { gs1CheckDigit } from '../../appliance/core/barcode.js'
import { InvalidBarcodeError } from '../errors.js'

export const GS = '\x1d'

export interface Gs1Element {
  ai: string
  value: string
  title: string
  /** Dates (AI 11-17) as YYYY-MM-DD; day 00 means the last day of the month. */
  date?: string
  /** Measures and amounts (AI 31nn-36nn, 390n-395n): the last AI digit is the decimal places. */
  decimal?: { value: string; places: number }
  /** ISO 4217 numeric code of an amount (AI 391n, 393n). */
  currency?: string
}

/** Digits of the AI by its first two digits (GS1 General Specifications, section 3). */
function aiLength(prefix: string): number {
  const n = Number(prefix)
  if (n >= 23 && n <= 25) return 3
  if ((n >= 31 && n <= 36) || n === 39 || n === 43 || n === 70 || n === 72 || n === 73 || (n >= 80 && n <= 82)) return 4
  if ((n >= 40 && n <= 42) || n === 71) return 3
  return 2
}

/** Element length (AI + value) for AI prefixes with a predefined length; others are variable. */
const PREDEFINED: Readonly<Record<string, number>> = {
  '00': 20, '01': 16, '02': 16, '03': 16, '04': 18, '11': 8, '12': 8, '13': 8, '14': 8, '15': 8, '16': 8, '17': 8,
  '18': 8, '19': 8, '20': 4, '31': 10, '32': 10, '33': 10, '34': 10, '35': 10, '36': 10, '41': 16,
}

const TITLES: Readonly<Record<string, string>> = {
  '00': 'SSCC', '01': 'GTIN', '02': 'CONTENT', '10': 'BATCH/LOT', '11': 'PROD DATE', '12': 'DUE DATE', '13': 'PACK DATE',
  '15': 'BEST BEFORE', '16': 'SELL BY', '17': 'USE BY', '20': 'VARIANT', '21': 'SERIAL', '22': 'CPV', '30': 'VAR. COUNT',
  '37': 'COUNT', '400': 'ORDER NUMBER', '401': 'GINC', '402': 'GSIN', '410': 'SHIP TO LOC', '414': 'LOC No',
  '420': 'SHIP TO POST', '421': 'SHIP TO POST', '422': 'ORIGIN', '8008': 'PROD TIME', '90': 'INTERNAL',
}

const titleOf = (ai: string): string =>
  TITLES[ai] ?? (/^31/.test(ai) ? 'NET WEIGHT/MEASURE' : /^39[23]/.test(ai) ? 'PRICE' : /^39[01]/.test(ai) ? 'AMOUNT' : /^9\d$/.test(ai) ? 'INTERNAL' : `AI ${ai}`)

/** Variable-length values may hold up to 90 characters (AI 91-99). */
const MAX_VARIABLE = 90
const CHECKED = /^(00|01|02|03|41\d)$/

/**
 * Parses "01095011015300031725010110ABC123" style data (GS after each variable-length
 * value that is not last), with or without a leading FNC1/GS, or the bracketed
 * human-readable form. Throws `InvalidBarcodeError` on malformed data.
 */
export function parseGs1(input: string): Gs1Element[] {
  const data = input.startsWith(GS) ? input.slice(1) : input
  if (data.startsWith('(')) return parseBracketed(data)
  const elements: Gs1Element[] = []
  let i = 0
  while (i < data.length) {
    if (data[i] === GS) {
      i++
      continue
    }
    const ai = data.slice(i, i + aiLength(data.slice(i, i + 2)))
    if (!/^\d{2,4}$/.test(ai) || ai.length !== aiLength(ai.slice(0, 2))) throw new InvalidBarcodeError(`GS1: expected an AI at position ${i} of ${JSON.stringify(input)}`)
    i += ai.length
    const fixed = PREDEFINED[ai.slice(0, 2)]
    let value: string
    if (fixed !== undefined) {
      value = data.slice(i, i + fixed - ai.length)
      if (value.length !== fixed - ai.length) throw new InvalidBarcodeError(`GS1: AI (${ai}) needs ${fixed - ai.length} characters, got ${value.length}`)
      i += value.length
    } else {
      const end = data.indexOf(GS, i)
      value = data.slice(i, end === -1 ? data.length : end)
      if (value.length > MAX_VARIABLE) throw new InvalidBarcodeError(`GS1: AI (${ai}) value is longer than ${MAX_VARIABLE} characters`)
      i += value.length
    }
    elements.push(element(ai, value))
  }
  return elements
}

/** The human-readable form "(01)09501101530003(10)ABC". */
function parseBracketed(data: string): Gs1Element[] {
  const out: Gs1Element[] = []
  const re = /\((\d{2,4})\)([^(]*)/y
  let match: RegExpExecArray | null
  let last = 0
  while ((match = re.exec(data)) !== null) {
    out.push(element(match[1] as string, match[2] as string))
    last = re.lastIndex
  }
  if (last !== data.length || out.length === 0) throw new InvalidBarcodeError(`GS1: cannot read ${JSON.stringify(data)}`)
  return out
}

function element(ai: string, value: string): Gs1Element {
  if (value.length === 0) throw new InvalidBarcodeError(`GS1: AI (${ai}) has no value`)
  const el: Gs1Element = { ai, value, title: titleOf(ai) }
  if (CHECKED.test(ai)) {
    if (!/^\d+$/.test(value) || gs1CheckDigit(value.slice(0, -1)) !== Number(value.at(-1))) {
      throw new InvalidBarcodeError(`GS1: AI (${ai}) ${value} has a wrong check digit`)
    }
  }
  if (/^1[1-7]$/.test(ai)) el.date = gs1Date(ai, value)
  if (/^3[1-6]\d\d$|^39[0-5]\d$/.test(ai)) {
    // 391n and 393n start with the ISO 4217 numeric currency code.
    const withCurrency = /^39[13]/.test(ai)
    el.decimal = { value: withCurrency ? value.slice(3) : value, places: Number(ai[3]) }
    if (withCurrency) el.currency = value.slice(0, 3)
  }
  return el
}

/** YYMMDD in 2000-2099 (GS1's sliding century window only matters from 2050). */
function gs1Date(ai: string, value: string): string {
  if (!/^\d{6}$/.test(value)) throw new InvalidBarcodeError(`GS1: AI (${ai}) date must be YYMMDD, got ${value}`)
  const year = 2000 + Number(value.slice(0, 2))
  const month = Number(value.slice(2, 4))
  let day = Number(value.slice(4, 6))
  if (month < 1 || month > 12) throw new InvalidBarcodeError(`GS1: AI (${ai}) month ${month} is not valid`)
  if (day === 0) day = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The value of an AI, if present. */
export function gs1Value(elements: readonly Gs1Element[], ai: string): string | undefined {
  return elements.find((e) => e.ai === ai)?.value
}
