/**
 * drivers/: printers, label printers, scanners and the cash drawer, as a library.
 * The appliance hands it documents and gets back bytes and status; it knows nothing
 * of orders or the database. See drivers/README.md.
 */
export * from './errors.js'

// Receipt printers
export type { RasterImage, ReceiptDiscount, ReceiptDocument, ReceiptLine, ReceiptTender, ReceiptTotals, ShopHeader, VatSummaryRow } from './printer/document.js'
export { validateReceipt } from './printer/document.js'
export { encodeReceipt, DEFAULT_RECEIPT_LABELS, type ReceiptLabels, type ReceiptOptions } from './printer/receipt.js'
export { CURRENCY_FORMATS, formatMoney, resolveCurrency, type CurrencyFormat, type CurrencyPreset } from './printer/money-format.js'
export { definePrinterProfile, PRINTER_PROFILES, printerProfile, type PrinterLanguage, type PrinterProfile } from './printer/profile.js'
export { drawerKick, type DrawerKickOptions } from './printer/drawer-kick.js'
export * from './printer/status.js'

// Label printers
export * from './printer/label.js'

// Transports
export type { PrinterTransport, TransportEvent, WriteResult } from './printer/transports/printer-transport.js'
export { TcpPrinterTransport, type TcpPrinterTransportOptions } from './printer/transports/tcp.js'
export { UsbPrinterTransport, PRINTER_CLASS, type UsbPrinterTransportOptions } from './printer/transports/usb.js'
export { VirtualPrinterTransport, type VirtualPrinterTransportOptions } from './printer/transports/virtual.js'
export { nodeUsb, NO_USB } from './printer/transports/node-usb.js'
export type { UsbDeviceFilter, UsbDeviceLike, UsbLike } from './printer/transports/usb-types.js'

// Virtual printer
export { VirtualPrinter, NO_FAULTS, type VirtualPrintJob, type VirtualPrinterFaults, type VirtualPrinterOptions } from './virtual/virtual-printer.js'
export { VirtualPrinterServer, type VirtualPrinterServerOptions } from './virtual/virtual-printer-server.js'
export { decodeEscPos, EscPosDecoder, type DecoderOptions } from './virtual/escpos-decoder.js'
export type { DecodedReceipt, DecoderEvent, PrintedElement, TextSpan } from './virtual/decoded-receipt.js'
export { renderTranscript, type TranscriptOptions } from './virtual/transcript.js'
export { renderReceiptPng, type RenderOptions } from './virtual/render-png.js'
export { renderZplPng, type LabelPreviewOptions } from './virtual/label-preview.js'

// Scanners
export type { Scan } from './scanner/scan.js'
export { splitAim, symbologyFromAim, isGs1Symbology, type Symbology } from './scanner/aim.js'
export { parseGs1, gs1Value, GS, type Gs1Element } from './scanner/gs1.js'
export { HidPosFramer, HID_POS_LAYOUTS, type HidPosLayout, type HidPosLayoutName } from './scanner/hid-pos-framing.js'
export { SerialScanFramer, type SerialFrame, type SerialFramingOptions } from './scanner/serial-framing.js'
export type { ScannerEvent, ScannerTransport } from './scanner/transports/scanner-transport.js'
export { HidScanner, type HidScannerOptions } from './scanner/transports/hid.js'
export { SerialScanner, openSerialScanner, type SerialPortLike, type SerialScannerPortOptions } from './scanner/transports/serial.js'

// Cash drawer
export { CashDrawer, type CashDrawerOptions } from './drawer/cash-drawer.js'
