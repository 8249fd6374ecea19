/**
 * Printer models are data: `profiles/*.json` say how wide the paper is, which code
 * page prints €/£/é, how the cutter and drawer behave and whether the printer talks
 * back. `definePrinterProfile` validates any profile (built-in or from config).
 */
import epsonTmT20iii58 from './profiles/epson-tm-t20iii-58mm.json' with { type: 'json' }
import epsonTmT20iii80 from './profiles/epson-tm-t20iii-80mm.json' with { type: 'json' }
import epsonTmT88vi from './profiles/epson-tm-t88vi.json' with { type: 'json' }
import starTsp100iv from './profiles/star-tsp100iv.json' with { type: 'json' }
import { InvalidOptionsError } from '../errors.js'
import { codepageByNumber, type CodepageTable } from './codepages.js'

export type PrinterLanguage = 'esc-pos' | 'star-prnt' | 'star-line'

export interface PrinterProfile {
  id: string
  name: string
  language: PrinterLanguage
  /** The `printerModel` of @point-of-sale/receipt-printer-encoder (capabilities, cutter feed). */
  encoderModel: string
  paperWidthMm: number
  dpi: number
  /** Characters per line in font A; the encoder accepts 32, 35, 42, 44 or 48. */
  columns: number
  printableWidthDots: number
  /** The single code page text is printed in: its iconv name and the printer's number for it. */
  codepage: { name: string; number: number }
  /** Which numbering the printer uses for code pages (ESC t n on Epson, ESC GS t n on Star). */
  codepageTable: CodepageTable
  cutter: { type: 'full' | 'partial' | 'none'; feedLines: number }
  imageMode: 'raster' | 'column'
  drawer: { pin: 2 | 5; onMs: number; offMs: number }
  /** 'dle-eot': answers DLE EOT n (bidirectional). 'none': one-way, status is always "unknown". */
  status: 'dle-eot' | 'none'
  notes?: string
}

const ENCODER_COLUMNS = [32, 35, 42, 44, 48]

/** Validates a profile object (e.g. parsed from JSON) and returns it typed and frozen. */
export function definePrinterProfile(raw: unknown): PrinterProfile {
  const p = raw as Partial<PrinterProfile> | null
  const problems: string[] = []
  if (!p || typeof p !== 'object') throw new InvalidOptionsError('a printer profile must be an object')
  if (!p.id || !/^[a-z0-9-]+$/.test(p.id)) problems.push('id must be kebab-case')
  if (!p.name) problems.push('name is required')
  if (!['esc-pos', 'star-prnt', 'star-line'].includes(p.language as string)) problems.push('language must be esc-pos, star-prnt or star-line')
  if (!p.encoderModel) problems.push('encoderModel is required')
  if (!ENCODER_COLUMNS.includes(p.columns as number)) problems.push(`columns must be one of ${ENCODER_COLUMNS.join(', ')}`)
  if (!Number.isInteger(p.printableWidthDots) || (p.printableWidthDots as number) < 64) problems.push('printableWidthDots must be a whole number ≥ 64')
  if (!Number.isInteger(p.dpi) || (p.dpi as number) < 100) problems.push('dpi must be a whole number ≥ 100')
  if (p.codepageTable !== 'epson' && p.codepageTable !== 'star') problems.push('codepageTable must be epson or star')
  else if (!p.codepage || codepageByNumber(p.codepageTable, p.codepage.number) !== p.codepage.name) {
    problems.push(`codepage ${JSON.stringify(p.codepage)} is not number ${p.codepage?.number} in the ${p.codepageTable} table`)
  }
  if (!p.cutter || !['full', 'partial', 'none'].includes(p.cutter.type) || !Number.isInteger(p.cutter.feedLines)) problems.push('cutter needs type and feedLines')
  if (p.imageMode !== 'raster' && p.imageMode !== 'column') problems.push('imageMode must be raster or column')
  if (!p.drawer || (p.drawer.pin !== 2 && p.drawer.pin !== 5)) problems.push('drawer.pin must be 2 or 5')
  if (p.status !== 'dle-eot' && p.status !== 'none') problems.push('status must be dle-eot or none')
  if (problems.length > 0) throw new InvalidOptionsError(`printer profile ${p.id ?? '?'}: ${problems.join('; ')}`)
  return Object.freeze(structuredClone(p as PrinterProfile))
}

/** The profiles shipped with the appliance, by id. */
export const PRINTER_PROFILES: Readonly<Record<string, PrinterProfile>> = Object.freeze(
  Object.fromEntries([epsonTmT20iii80, epsonTmT20iii58, epsonTmT88vi, starTsp100iv].map((raw) => {
    const profile = definePrinterProfile(raw)
    return [profile.id, profile]
  })),
)

export function printerProfile(id: string): PrinterProfile {
  const profile = PRINTER_PROFILES[id]
  if (!profile) throw new InvalidOptionsError(`unknown printer profile "${id}" (known: ${Object.keys(PRINTER_PROFILES).join(', ')})`)
  return profile
}
