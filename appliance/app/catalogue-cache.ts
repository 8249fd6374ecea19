/**
 * The catalogue in memory, for scanner-speed lookups. DuckDB answers a point lookup
 * in about a millisecond but a join with barcodes in several (it is built for
 * analytics, not OLTP), and a till must show a scanned line at once. The database
 * stays the truth: the cache loads from it at start and takes each committed
 * catalogue change as it is published (`catalogue.changed`, after COMMIT, in the
 * same tick). Only this process writes the database, so nothing else can change it
 * behind our back.
 * Name search still goes to the database.
 */
import type { EventBus } from './events.js'
import type { CatalogueQueries, ProductRecord } from './ports.js'

export class CatalogueCache implements CatalogueQueries {
  private readonly bySkuMap = new Map<string, ProductRecord>()
  private readonly byBarcodeMap = new Map<string, ProductRecord>()

  private constructor(private readonly source: CatalogueQueries) {}

  /** Loads every product and keeps the cache current from the bus. */
  static async load(source: CatalogueQueries, bus: EventBus): Promise<CatalogueCache> {
    const cache = new CatalogueCache(source)
    for await (const page of source.all()) for (const product of page) cache.put(product)
    bus.subscribe((event) => {
      if (event.type !== 'catalogue.changed') return
      for (const product of event.products) {
        cache.remove(product.sku)
        cache.put(product)
      }
    })
    return cache
  }

  has(sku: string): boolean {
    return this.bySkuMap.has(sku)
  }

  get size(): number {
    return this.bySkuMap.size
  }

  async byBarcode(barcode: string) {
    return this.byBarcodeMap.get(barcode)
  }

  async bySku(sku: string) {
    return this.bySkuMap.get(sku)
  }

  search(text: string, limit: number) {
    return this.source.search(text, limit)
  }

  all() {
    return this.source.all()
  }

  async count() {
    return this.bySkuMap.size
  }

  private put(product: ProductRecord): void {
    this.bySkuMap.set(product.sku, product)
    for (const barcode of product.barcodes) this.byBarcodeMap.set(barcode, product)
  }

  private remove(sku: string): void {
    const old = this.bySkuMap.get(sku)
    if (!old) return
    this.bySkuMap.delete(sku)
    for (const barcode of old.barcodes) if (this.byBarcodeMap.get(barcode)?.sku === sku) this.byBarcodeMap.delete(barcode)
  }
}
