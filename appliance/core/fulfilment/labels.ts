/**
 * The despatch label's content: who from, who to, carrier, service, tracking number (printed
 * as a Code 128 barcode by the label encoder) and our order number. The shape is the
 * drivers' `ShippingLabel`, so the encoder lays it out on 4x6 in ZPL or TSPL.
 */
import { invalid } from '../errors.js'

export interface LabelAddress {
  name: string
  company?: string
  lines: string[]
  postcode: string
  country?: string
}

export interface DespatchLabel {
  from: LabelAddress
  to: LabelAddress
  carrier: string
  service: string
  trackingNumber: string
  reference: string
  weightGrams?: number
}

export interface AddressParts {
  name: string | null
  company: string | null
  line1: string | null
  line2: string | null
  city: string | null
  region: string | null
  postcode: string | null
  country: string | null
}

const COUNTRY_NAMES: Record<string, string> = { GB: 'United Kingdom', IE: 'Ireland', FR: 'France', DE: 'Germany', NL: 'Netherlands', ES: 'Spain', US: 'United States' }

/** Code 128 set B prints ASCII 32–126; tracking numbers are letters, digits and a few marks. */
export const TRACKING_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/

export function labelAddress(a: AddressParts, orderNumber: string): LabelAddress {
  const lines = [a.line2 && a.line1 ? a.line2 : null, a.line1, a.city, a.region].filter((l): l is string => !!l && l.trim() !== '')
  if (!a.name?.trim() || lines.length === 0 || !a.postcode?.trim()) throw invalid(`Order ${orderNumber} has no complete delivery address: add it on the order before printing a label`, 'address')
  return { name: a.name, ...(a.company ? { company: a.company } : {}), lines, postcode: a.postcode, ...(a.country && a.country !== 'GB' ? { country: COUNTRY_NAMES[a.country] ?? a.country } : {}) }
}

export function despatchLabel(input: { from: LabelAddress; to: LabelAddress; carrier: string; service: string | null; trackingNumber: string; orderNumber: string; weightG: number | null }): DespatchLabel {
  if (!TRACKING_PATTERN.test(input.trackingNumber)) throw invalid('A tracking number is 4 to 40 letters, digits or dashes', 'trackingNumber')
  return {
    from: input.from, to: input.to, carrier: input.carrier, service: input.service ?? 'Standard', trackingNumber: input.trackingNumber,
    reference: input.orderNumber, ...(input.weightG ? { weightGrams: input.weightG } : {}),
  }
}

/** The shop's return address from the `shop` setting (`{name, address: [..., postcode]}`). */
export function shopAddress(shop: { name?: unknown; address?: unknown } | null): LabelAddress {
  const name = typeof shop?.name === 'string' && shop.name ? shop.name : 'The shop'
  const parts = Array.isArray(shop?.address) ? shop.address.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []
  const postcode = parts.length > 1 ? parts[parts.length - 1]! : 'UNKNOWN'
  return { name, lines: parts.length > 1 ? parts.slice(0, -1) : parts.length ? parts : ['-'], postcode }
}
