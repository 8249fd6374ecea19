/**
 * The demo shop: a catalogue across 12 categories at the UK's standard, reduced and
 * zero VAT rates, with valid EAN-13s (every tenth product has a second barcode),
 * stock on the shop floor and in the backroom (as receipts in the ledger), and three
 * staff. Deterministic: the same seed makes the same shop. Bulk rows go through
 * DuckDB's appender (row-at-a-time INSERTs would take minutes at 100k products).
 */
import { hashPin } from '../app/pin-hash.js'
import { ean13 } from '../core/barcode.js'
import type { CatalogueProduct } from '../core/catalogue-row.js'
import type { Database } from './database.js'
import { levelId } from './tx-stores.js'
import { seedDemoFulfilment } from './fulfilment-demo.js'

interface Category {
  name: string
  vatBp: number
  adjectives: string[]
  nouns: string[]
  price: [number, number]
}

const CATEGORIES: Category[] = [
  { name: 'Grocery', vatBp: 0, adjectives: ['Organic', 'Wholemeal', 'Italian', 'Smoked', 'Free-Range', 'Spiced'], nouns: ['Oats', 'Penne', 'Basmati Rice', 'Lentils', 'Chickpeas', 'Tinned Tomatoes', 'Olive Oil', 'Honey', 'Coffee Beans', 'Green Tea'], price: [89, 899] },
  { name: 'Confectionery', vatBp: 2000, adjectives: ['Dark', 'Salted', 'Milk', 'Mint', 'Fruity', 'Luxury'], nouns: ['Chocolate Bar', 'Fudge', 'Toffees', 'Gummies', 'Truffles', 'Nougat', 'Liquorice', 'Brittle'], price: [65, 1299] },
  { name: 'Books', vatBp: 0, adjectives: ['Illustrated', 'Pocket', 'Collected', 'Complete', 'Beginner\u2019s', 'Walker\u2019s'], nouns: ['Atlas', 'Cookbook', 'Field Guide', 'Poetry', 'Novel', 'History of Britain', 'Puzzle Book', 'Map of the Lakes'], price: [499, 2999] },
  { name: "Children's Clothing", vatBp: 0, adjectives: ['Striped', 'Organic Cotton', 'Fleece', 'Waterproof', 'Knitted', 'Denim'], nouns: ['T-Shirt', 'Leggings', 'Jumper', 'Raincoat', 'Dungarees', 'Socks (3 pack)', 'Hat', 'Pyjamas'], price: [399, 3499] },
  { name: 'Homeware', vatBp: 2000, adjectives: ['Ceramic', 'Linen', 'Oak', 'Glass', 'Woven', 'Enamel'], nouns: ['Mug', 'Vase', 'Cushion Cover', 'Candle', 'Photo Frame', 'Throw', 'Coaster Set', 'Tea Towel'], price: [299, 4999] },
  { name: 'Kitchen', vatBp: 2000, adjectives: ['Stainless', 'Non-Stick', 'Bamboo', 'Cast Iron', 'Silicone', 'Copper'], nouns: ['Frying Pan', 'Spatula', 'Chopping Board', 'Whisk', 'Saucepan', 'Colander', 'Measuring Jug', 'Knife Set'], price: [249, 7999] },
  { name: 'Stationery', vatBp: 2000, adjectives: ['Recycled', 'A5', 'Dotted', 'Leather', 'Pastel', 'Fineliner'], nouns: ['Notebook', 'Pens (5 pack)', 'Diary 2027', 'Greeting Card', 'Gift Wrap', 'Envelopes', 'Sketchbook', 'Pencil Case'], price: [99, 2499] },
  { name: 'Toys', vatBp: 2000, adjectives: ['Wooden', 'Wind-Up', 'Magnetic', 'Plush', 'Glow', 'Mini'], nouns: ['Train Set', 'Puzzle', 'Bear', 'Kite', 'Building Blocks', 'Skipping Rope', 'Yo-Yo', 'Dinosaur'], price: [199, 4999] },
  { name: 'Garden', vatBp: 2000, adjectives: ['Heritage', 'Terracotta', 'Galvanised', 'Wildflower', 'Compact', 'Solar'], nouns: ['Seed Packet', 'Plant Pot', 'Watering Can', 'Trowel', 'Bird Feeder', 'Garden Twine', 'Lantern', 'Gloves'], price: [149, 3999] },
  { name: 'Health & Beauty', vatBp: 2000, adjectives: ['Lavender', 'Unscented', 'Citrus', 'Oat', 'Rose', 'Charcoal'], nouns: ['Hand Cream', 'Soap Bar', 'Shampoo', 'Lip Balm', 'Bath Salts', 'Body Lotion', 'Face Mask', 'Toothpaste'], price: [199, 2499] },
  { name: 'Fuel & Firewood', vatBp: 500, adjectives: ['Kiln-Dried', 'Seasoned', 'Smokeless', 'Natural', 'Large', 'Eco'], nouns: ['Logs Net', 'Kindling', 'Firelighters', 'Coal Bag', 'Heat Logs', 'Charcoal Sack'], price: [299, 1999] },
  { name: 'Baby Safety', vatBp: 500, adjectives: ['Isofix', 'Travel', 'Compact', 'Deluxe', 'Lightweight', 'Convertible'], nouns: ['Car Seat', 'Booster Seat', 'Car Seat Base', 'Seat Cover'], price: [2999, 24999] },
]

export const DEMO_STAFF = [
  { id: 'maya', name: 'Maya', role: 'manager', pin: '1111' },
  { id: 'ash', name: 'Ash', role: 'assistant', pin: '2222' },
  { id: 'fin', name: 'Fin', role: 'fulfilment', pin: '3333' },
] as const

export const DEMO_LOCATIONS = [
  { id: 'floor', name: 'Shop floor', kind: 'floor', sellable: true, fulfilsOnline: true, walkOrder: 1 },
  { id: 'backroom', name: 'Backroom', kind: 'backroom', sellable: true, fulfilsOnline: true, walkOrder: 2 },
  { id: 'quarantine', name: 'Damaged / quarantine', kind: 'quarantine', sellable: false, fulfilsOnline: false, walkOrder: 9 },
] as const

/** Two tills on the shop floor (their numbers are printed in receipt numbers). */
export const DEMO_TILLS = [
  { id: 'till-1', name: 'Till 1', number: 1, location: 'floor' },
  { id: 'till-2', name: 'Till 2', number: 2, location: 'floor' },
] as const

/**
 * Deli products sold by scale labels: listed under their "base" barcode (the label with a
 * zero value). Weight labels start 25–29 and are priced per kg; price labels start 20–24.
 */
export const DEMO_SCALE_PRODUCTS: CatalogueProduct[] = [
  { sku: 'DELI-CHEDDAR', handle: 'deli-cheddar', name: 'Mature Cheddar (per kg)', category: 'Grocery', priceMinor: 1290, costMinor: 700, vatRateBp: 0, barcodes: [ean13('250000100000')] },
  { sku: 'DELI-OLIVES', handle: 'deli-olives', name: 'Deli Olives (labelled)', category: 'Grocery', priceMinor: 0, costMinor: 0, vatRateBp: 0, barcodes: [ean13('210000200000')] },
]

/** mulberry32: a tiny deterministic PRNG so the demo shop is the same every time. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Generates `count` products; names repeat with a size suffix only past the word lists' reach. */
export function demoProducts(count: number, seed = 42): CatalogueProduct[] {
  const random = prng(seed)
  const products: CatalogueProduct[] = []
  const combos = CATEGORIES.flatMap((category) => category.adjectives.flatMap((adjective) => category.nouns.map((noun) => ({ category, name: `${adjective} ${noun}` }))))
  // Interleave categories so a small catalogue still covers all of them.
  combos.sort((a, b) => (a.name.length * 7 + a.category.name.length) % 13 - (b.name.length * 7 + b.category.name.length) % 13 || a.name.localeCompare(b.name))
  for (let i = 0; i < count; i++) {
    const { category, name } = combos[i % combos.length]!
    const edition = Math.floor(i / combos.length)
    const [low, high] = category.price
    const priceMinor = Math.round((low + random() * (high - low)) / 10) * 10 - 1
    const sku = `${category.name.toUpperCase().replace(/[^A-Z]/g, '').slice(0, 3)}-${String(i + 1).padStart(6, '0')}`
    const barcodes = [ean13(`50${String(1000000000 + i * 2).slice(-10)}`)]
    if (i % 10 === 0) barcodes.push(ean13(`50${String(1000000000 + i * 2 + 1).slice(-10)}`))
    products.push({
      sku,
      handle: sku.toLowerCase(),
      name: edition === 0 ? name : `${name} No. ${edition + 1}`,
      category: category.name,
      priceMinor,
      costMinor: Math.round(priceMinor * (0.35 + random() * 0.25)),
      vatRateBp: category.vatBp,
      barcodes,
    })
  }
  return products
}

export async function seedDemoShop(db: Database, { products: count = 600, now = new Date() } = {}): Promise<void> {
  const products = [...demoProducts(count), ...DEMO_SCALE_PRODUCTS]
  const staff = await Promise.all(DEMO_STAFF.map(async (s) => ({ ...s, pinHash: await hashPin(s.pin) })))
  const random = prng(7)
  await db.transaction(async (tx) => {
    const c = tx.sql.connection
    for (const l of DEMO_LOCATIONS) {
      await tx.sql.run('INSERT INTO locations VALUES (?, ?, ?, ?, ?, ?)', [l.id, l.name, l.kind, l.sellable, l.fulfilsOnline, l.walkOrder])
    }
    for (const s of staff) await tx.sql.run('INSERT INTO staff (id, name, role, pin_hash) VALUES (?, ?, ?, ?)', [s.id, s.name, s.role, s.pinHash])
    for (const t of DEMO_TILLS) await tx.sql.run('INSERT INTO tills (id, name, number, location) VALUES (?, ?, ?, ?)', [t.id, t.name, t.number, t.location])
    for (const station of [...DEMO_TILLS.map((t) => ({ id: t.id, name: t.name })), { id: 'pack-bench', name: 'Packing bench' }]) {
      await tx.sql.run("INSERT INTO stations VALUES (?, ?, 'screen-receipts', 'screen-labels', NULL)", [station.id, station.name])
    }
    await tx.sql.run(`INSERT INTO settings VALUES ('demo', 'true'), ('shop', ?::JSON)`, [
      JSON.stringify({ name: 'Corner Shop (demo)', address: ['12 High Street', 'Kendal', 'LA9 4AB'], vatNumber: 'GB123456789', region: 'LA' }),
    ])
    const at = now.toISOString()
    const productRows = await c.createAppender('products')
    const barcodeRows = await c.createAppender('barcodes')
    const levelRows = await c.createAppender('stock_levels')
    const movementRows = await c.createAppender('stock_movements')
    let movementId = 0
    for (const p of products) {
      productRows.appendVarchar(p.sku); productRows.appendVarchar(p.handle); productRows.appendVarchar(p.name)
      productRows.appendVarchar(p.category); productRows.appendBigInt(BigInt(p.priceMinor)); productRows.appendBigInt(BigInt(p.costMinor))
      productRows.appendInteger(p.vatRateBp); productRows.appendBoolean(true); productRows.appendVarchar(at)
      productRows.endRow()
      for (const [position, barcode] of p.barcodes.entries()) {
        barcodeRows.appendVarchar(barcode); barcodeRows.appendVarchar(p.sku); barcodeRows.appendInteger(position); barcodeRows.endRow()
      }
      for (const location of ['floor', 'backroom']) {
        const quantity = location === 'floor' ? 2 + Math.floor(random() * 20) : Math.floor(random() * 40)
        if (quantity === 0) continue
        levelRows.appendVarchar(levelId(p.sku, location)); levelRows.appendVarchar(p.sku); levelRows.appendVarchar(location); levelRows.appendBigInt(BigInt(quantity)); levelRows.appendBigInt(0n)
        levelRows.appendBoolean(false); levelRows.appendVarchar(at); levelRows.endRow()
        movementRows.appendBigInt(BigInt(++movementId)); movementRows.appendVarchar(at); movementRows.appendVarchar(p.sku)
        movementRows.appendVarchar(location); movementRows.appendBigInt(BigInt(quantity)); movementRows.appendVarchar('receipt')
        movementRows.appendVarchar('opening stock'); movementRows.appendVarchar('demo-seed'); movementRows.appendNull(); movementRows.appendNull()
        movementRows.endRow()
      }
    }
    for (const appender of [productRows, barcodeRows, levelRows, movementRows]) appender.closeSync()
    await seedDemoFulfilment(tx.sql, products)
  })
}
