/**
 * Label printers: ZPL II first (Zebra and its many emulations), TSPL second (cheap
 * 4x6 printers). Builders are pure: document in, commands out.
 */
export * from './label/label-types.js'
export { shelfLabelTspl, shelfLabelZpl } from './label/shelf-label.js'
export { returnsLabelTspl, returnsLabelZpl, shippingLabelTspl, shippingLabelZpl, type ShippingLabelKind } from './label/shipping-label.js'
export { zplEscape, zplToBytes } from './label/zpl.js'
export { tsplString, tsplToBytes } from './label/tspl.js'
