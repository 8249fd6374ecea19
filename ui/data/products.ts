import type { Product, ProductList } from '../../appliance/api/contract.js'
import type { ApiClient } from './api.js'

/** Digits only, 8, 12 or 13 long: what a scanner sends for EAN-8, UPC-A and EAN-13. */
export function looksLikeBarcode(query: string): boolean {
  return /^(\d{8}|\d{12}|\d{13})$/.test(query)
}

export interface ProductSearch {
  query: string
  by: 'barcode' | 'text'
  items: Product[]
}

/** One box for barcodes, SKUs and names: barcodes go to `?barcode=`, the rest to `?q=`. */
export async function searchProducts(api: ApiClient, raw: string, signal?: AbortSignal): Promise<ProductSearch> {
  const query = raw.trim()
  const by = looksLikeBarcode(query) ? 'barcode' : 'text'
  const param = by === 'barcode' ? 'barcode' : 'q'
  const options = signal ? { signal } : {}
  const list = await api.get<ProductList>(`/api/products?${param}=${encodeURIComponent(query)}`, options)
  return { query, by, items: list.items }
}
