/**
 * Carriers behind one interface. A carrier books a parcel and answers with the tracking
 * number and the names to print on the label. The built-in manual carrier books nothing:
 * staff buy postage elsewhere (a Post Office counter, a carrier's website) and type or scan
 * the tracking number. An integrated carrier (an HTTP API) implements the same interface;
 * it should book before the despatch transaction, so the writer never waits on the network.
 */
import { invalid, notFound } from '../../core/errors.js'
import { TRACKING_PATTERN } from '../../core/fulfilment/index.js'

export interface BookingRequest {
  orderNumber: string
  service: string | null
  /** Typed or scanned by staff (manual carrier). */
  trackingNumber: string | null
  parcels: number
  weightG: number | null
  postcode: string | null
  country: string | null
}

export interface Booking {
  trackingNumber: string
  /** Printed on the label and sent to the channel ("Royal Mail"). */
  carrierName: string
  service: string
}

export interface Carrier {
  readonly id: string
  readonly name: string
  readonly services: readonly string[]
  readonly needsTrackingNumber: boolean
  book(request: BookingRequest): Promise<Booking>
}

/** Which carrier a manual service is with, for the label and the channel's carrier id. */
const KNOWN = ['Royal Mail', 'Parcelforce', 'DPD', 'Evri', 'DHL', 'UPS', 'Yodel']

export const manualCarrier: Carrier = {
  id: 'manual',
  name: 'Manual (type or scan the tracking number)',
  services: ['Royal Mail Tracked 48', 'Royal Mail Tracked 24', 'Royal Mail Special Delivery', 'Parcelforce 48', 'DPD Next Day', 'Evri Standard', 'Other courier'],
  needsTrackingNumber: true,
  async book(request) {
    const tracking = request.trackingNumber?.trim().toUpperCase() ?? ''
    if (!tracking) throw invalid('Type or scan the tracking number from the postage label', 'trackingNumber')
    if (!TRACKING_PATTERN.test(tracking)) throw invalid('A tracking number is 4 to 40 letters, digits or dashes', 'trackingNumber')
    const service = request.service?.trim() || 'Royal Mail Tracked 48'
    const carrierName = KNOWN.find((k) => service.toLowerCase().startsWith(k.toLowerCase())) ?? 'Courier'
    const rest = service.slice(carrierName === 'Courier' ? 0 : carrierName.length).trim()
    return { trackingNumber: tracking, carrierName, service: rest || service }
  },
}

export class CarrierRegistry {
  private readonly byId: Map<string, Carrier>

  constructor(carriers: readonly Carrier[] = [manualCarrier]) {
    this.byId = new Map(carriers.map((c) => [c.id, c]))
  }

  list(): Carrier[] {
    return [...this.byId.values()]
  }

  get(id: string): Carrier {
    const carrier = this.byId.get(id)
    if (!carrier) throw notFound(`There is no carrier "${id}": choose ${[...this.byId.keys()].join(', ')}`, 'carrier')
    return carrier
  }
}
