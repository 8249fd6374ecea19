/**
 * Click and collect: an order is for collection when its shipping method says so (channels
 * name it "Click & Collect", "Collect in store", "Local pickup") or staff tagged it
 * `collect`. The customer's slip carries a QR code `COLLECT:<order number>`.
 */
const COLLECT_METHOD = /click\s*(&|and|n|\+)?\s*collect|collect(ion)?\s*(in|from)\s*(store|shop)|(local|store|in-store)\s*pick\s*-?up|^collect(ion)?$/i

export const COLLECT_TAG = 'collect'

export function isCollect(shippingMethod: string | null, tags: readonly string[] = []): boolean {
  return tags.includes(COLLECT_TAG) || (shippingMethod !== null && COLLECT_METHOD.test(shippingMethod.trim()))
}

export const collectionCode = (orderNumber: string): string => `COLLECT:${orderNumber}`

/** The order number in a scanned slip (`COLLECT:#1002`) or typed number (`#1002`, `1002`). */
export function parseCollectionCode(code: string): string {
  const text = code.trim()
  return text.toUpperCase().startsWith('COLLECT:') ? text.slice('COLLECT:'.length).trim() : text
}
