/**
 * Code pages: how a printer numbers them and how text becomes single-byte codes.
 *
 * Text is encoded with iconv-lite rather than the receipt encoder's own `text()`:
 * the encoder's code page lookup clones a 256-entry table for every text fragment
 * (`CodepageEncoder.getEncoding` → `structuredClone`), which made a 30-line receipt
 * cost 2-6 ms and missed the 5 ms p99 budget. The bytes are the same (a test checks
 * that against the encoder for every shipped profile's code page).
 */
import iconv from 'iconv-lite'

export type CodepageTable = 'epson' | 'star'

/**
 * Number → iconv-lite name, for the pages a European shop needs. Epson: ESC t n
 * (TM-T20/T88 manuals, "Character code table"); Star: ESC GS t n (StarPRNT manual).
 * Unlisted numbers (Katakana, Thai, …) decode as cp437 in the virtual printer.
 */
const TABLES: Record<CodepageTable, Readonly<Record<number, string>>> = {
  epson: {
    0: 'cp437', 2: 'cp850', 3: 'cp860', 4: 'cp863', 5: 'cp865', 13: 'cp857', 14: 'cp737', 15: 'iso88597',
    16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858', 40: 'iso885915', 45: 'windows1250',
    46: 'windows1251', 47: 'windows1253', 48: 'windows1254', 49: 'windows1255', 50: 'windows1256',
    51: 'windows1257', 52: 'windows1258',
  },
  star: {
    1: 'cp437', 4: 'cp858', 5: 'cp852', 6: 'cp860', 7: 'cp861', 8: 'cp863', 9: 'cp865', 10: 'cp866',
    11: 'cp855', 12: 'cp857', 13: 'cp862', 14: 'cp864', 15: 'cp737', 16: 'cp851', 17: 'cp869',
    32: 'windows1252', 33: 'windows1250', 34: 'windows1251',
  },
}

export function codepageByNumber(table: CodepageTable, n: number): string | undefined {
  return TABLES[table][n]
}

// C0 controls and DEL in shop data (a product name from a channel) must never reach
// the printer as bytes: 0x1B or 0x1D would start a command. They print as "?".
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/g

/** Encodes printable text in a single-byte code page; unmappable characters become "?". */
export function encodeText(text: string, codepage: string): Uint8Array {
  return iconv.encode(text.normalize('NFC').replace(CONTROL, '?'), codepage)
}

/** Decodes bytes printed in a code page (used by the virtual printer). */
export function decodeText(bytes: Uint8Array, codepage: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codepage)
}
