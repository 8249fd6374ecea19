/**
 * HID POS input reports (64 bytes, report ID first, as read from the interrupt IN
 * endpoint), laid out per vendor. Hex so a capture from a real scanner (usbmon,
 * Wireshark "HID Data") can be pasted in beside them.
 */
export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'))

/** Honeywell layout: EAN-13 5012345678900, AIM ]E0, Code ID 'd'. */
export const HONEYWELL_EAN13 = fromHex(
  '020d5d45303530313233343536373839303000000000000000000000000000000000000000000000000000000000000000000000000000000000000000640000',
)

/** Honeywell layout: a 69-byte GS1-128 in two reports (the first has the "continued" bit). */
export const HONEYWELL_GS1_128 = [
  fromHex('02385d433130313035303132333435363738393030313732353132333131304c4f542d323032352d30332d411d323153455249414c3031323334353637490001'),
  fromHex('020d5d433138391d3331303330303132353000000000000000000000000000000000000000000000000000000000000000000000000000000000000000490000'),
]

/** Usage-table layout (no length byte, NUL padded): a UTF-8 QR code, AIM ]Q1. */
export const USAGE_TABLE_QR = fromHex(
  '025d513168747470733a2f2f636f726e657264656c692e6578616d706c652f722f52c3a900000000000000000000000000000000000000000000000000000000',
)

/** A report with another ID (scanner status/attributes): not scanned data. */
export const OTHER_REPORT = fromHex('04' + '00'.repeat(63))
