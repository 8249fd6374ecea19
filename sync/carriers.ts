/**
 * Our carrier ids and what each channel calls them. Channels validate carrier codes (Amazon
 * and eBay keep fixed lists); anything not in the table goes as "Other" with its name.
 */
export interface CarrierNames {
  /** Display name: Shopify trackingInfo.company, WooCommerce notes. */
  display: string
  /** Amazon carrierCode. */
  amazon: string
  /** eBay shippingCarrierCode. */
  ebay: string
  /** Public tracking page, `{tracking}` replaced. */
  trackingUrl?: string
}

export const CARRIERS: Readonly<Record<string, CarrierNames>> = Object.freeze({
  royal_mail: { display: 'Royal Mail', amazon: 'Royal Mail', ebay: 'RoyalMail', trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/{tracking}' },
  parcelforce: { display: 'Parcelforce', amazon: 'Parcelforce', ebay: 'Parcelforce' },
  dpd: { display: 'DPD UK', amazon: 'DPD', ebay: 'DPD' },
  evri: { display: 'Evri', amazon: 'Evri', ebay: 'Hermes' },
  dhl: { display: 'DHL Express', amazon: 'DHL', ebay: 'DHL' },
  ups: { display: 'UPS', amazon: 'UPS', ebay: 'UPS' },
  fedex: { display: 'FedEx', amazon: 'FedEx', ebay: 'FedEx' },
  yodel: { display: 'Yodel', amazon: 'Yodel', ebay: 'Yodel' },
})

/** The channel-facing names for our carrier id; unknown ids become "Other" with `name`. */
export function carrierNames(carrier: string, name?: string): CarrierNames & { known: boolean } {
  const known = CARRIERS[carrier]
  if (known) return { ...known, known: true }
  const display = name ?? carrier
  return { display, amazon: 'Other', ebay: 'Other', known: false }
}

export function trackingUrlFor(carrier: string, tracking: string): string | undefined {
  return CARRIERS[carrier]?.trackingUrl?.replace('{tracking}', encodeURIComponent(tracking))
}
