/**
 * Code 128 for the on-screen receipt preview (printers draw their own): text → bar and
 * space widths in modules, starting with a bar. Set B carries printable ASCII; runs of
 * digits switch to set C (two digits per symbol) when that is shorter — four or more at
 * the start or end, six or more in the middle — which is what keeps a receipt number
 * like `S0100000123` short. The check symbol is (start + Σ value × position) mod 103.
 */

// Symbol values 0–106 as bar/space widths (6 elements of 11 modules; the stop has 7 of 13).
const PATTERNS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 113222 ' +
  '123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 212123 212321 ' +
  '232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 ' +
  '313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 ' +
  '111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 ' +
  '111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 ' +
  '114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112'
).split(' ')

const START_B = 104
const START_C = 105
const CODE_B = 100
const CODE_C = 99
const STOP = 106

const digitRun = (text: string, from: number): number => {
  let n = 0
  while (from + n < text.length && text.charCodeAt(from + n) >= 48 && text.charCodeAt(from + n) <= 57) n++
  return n
}

/** Symbol values for `text` (printable ASCII), start and check included, stop excluded. */
export function code128Values(text: string): number[] {
  if (!/^[\x20-\x7e]+$/.test(text)) throw new RangeError('Code 128 here carries printable ASCII only')
  const values: number[] = []
  let set: 'B' | 'C' = digitRun(text, 0) >= 4 && digitRun(text, 0) % 2 === 0 ? 'C' : 'B'
  values.push(set === 'C' ? START_C : START_B)
  let i = 0
  while (i < text.length) {
    const run = digitRun(text, i)
    const atEnd = i + run === text.length
    if (set === 'B' && run >= (atEnd || i === 0 ? 4 : 6)) {
      if (run % 2 === 1) values.push(text.charCodeAt(i++) - 32)
      values.push(CODE_C)
      set = 'C'
      continue
    }
    if (set === 'C') {
      if (run >= 2) {
        values.push(Number(text.slice(i, i + 2)))
        i += 2
        continue
      }
      values.push(CODE_B)
      set = 'B'
    }
    values.push(text.charCodeAt(i++) - 32)
  }
  const check = values.reduce((sum, v, k) => sum + v * Math.max(1, k), 0) % 103
  values.push(check)
  return values
}

/** Bar/space widths in modules, from the first bar to the end of the stop pattern. */
export function code128Modules(text: string): number[] {
  return [...code128Values(text), STOP].flatMap((v) => [...(PATTERNS[v] ?? '')].map(Number))
}
