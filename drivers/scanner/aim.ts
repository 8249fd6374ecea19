/**
 * AIM symbology identifiers (ISO/IEC 15424): scanners configured to send them prefix
 * the data with "]" + code character + modifier, e.g. "]E0" for EAN-13, "]C1" for
 * GS1-128 (Code 128 with FNC1 first), "]d2" for GS1 DataMatrix.
 */

export type Symbology =
  | 'ean13' | 'ean8' | 'upce' | 'ean-addon' | 'code128' | 'gs1-128' | 'code39' | 'code93' | 'codabar' | 'itf'
  | 'gs1-databar' | 'datamatrix' | 'gs1-datamatrix' | 'qr' | 'gs1-qr' | 'pdf417' | 'aztec' | 'unknown'

const TABLE: Readonly<Record<string, Symbology>> = {
  E0: 'ean13', E1: 'ean-addon', E2: 'ean-addon', E3: 'ean13', E4: 'ean8',
  C0: 'code128', C1: 'gs1-128', C2: 'code128', C4: 'code128',
  A0: 'code39', A1: 'code39', A3: 'code39', A4: 'code39', A7: 'code39',
  G0: 'code93', F0: 'codabar', F1: 'codabar', I0: 'itf', I1: 'itf', I3: 'itf',
  e0: 'gs1-databar',
  d0: 'datamatrix', d1: 'datamatrix', d2: 'gs1-datamatrix', d3: 'datamatrix', d4: 'datamatrix', d5: 'gs1-datamatrix', d6: 'datamatrix',
  Q0: 'qr', Q1: 'qr', Q2: 'qr', Q3: 'gs1-qr', Q4: 'qr', Q5: 'gs1-qr', Q6: 'qr',
  L0: 'pdf417', L1: 'pdf417', L2: 'pdf417',
  z0: 'aztec', z1: 'aztec', z2: 'aztec', z3: 'aztec', z4: 'aztec', z5: 'aztec', z6: 'aztec',
}

/** Symbology for an AIM identifier ("]E0" → ean13); 'unknown' for one we do not list. */
export function symbologyFromAim(aim: string): Symbology {
  return TABLE[aim.slice(1, 3)] ?? 'unknown'
}

/** Splits a leading AIM identifier off scanned text. */
export function splitAim(text: string): { aim: string | undefined; data: string } {
  if (/^\][A-Za-z][0-9A-Za-z]/.test(text)) return { aim: text.slice(0, 3), data: text.slice(3) }
  return { aim: undefined, data: text }
}

/** True for symbologies whose data is a GS1 element string. */
export const isGs1Symbology = (s: Symbology): boolean => s === 'gs1-128' || s === 'gs1-datamatrix' || s === 'gs1-qr' || s === 'gs1-databar'
