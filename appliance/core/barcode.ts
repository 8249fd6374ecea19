/** GS1 barcodes used on products: EAN-13 (and EAN-8 / UPC-A, which share the mod-10 rule). */

/** GS1 mod-10 check digit of the digits before it (weights 3,1,3,… from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48
    sum += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10
}

/** True for an 8, 12 or 13 digit GS1 code whose last digit is its check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13})$/.test(code)) return false
  return gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1))
}

/** Completes a 12-digit body into an EAN-13. */
export function ean13(body12: string): string {
  if (!/^\d{12}$/.test(body12)) throw new Error(`EAN-13 body must be 12 digits, got "${body12}"`)
  return body12 + String(gs1CheckDigit(body12))
}

/** Explains why a barcode is refused, or undefined when it is fine. */
export function barcodeProblem(code: string): string | undefined {
  if (!/^\d+$/.test(code)) return 'a barcode has digits only'
  if (![8, 12, 13].includes(code.length)) return 'a barcode has 8, 12 or 13 digits'
  if (!isValidGtin(code)) return `the check digit is wrong (expected ${gs1CheckDigit(code.slice(0, -1))})`
  return undefined
}
