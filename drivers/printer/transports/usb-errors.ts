/**
 * Turning USB failures into errors a caller can act on. `usb` 3.x (nusb underneath)
 * reports failures as plain Errors with messages such as "claimInterface error:
 * interface is busy" or "open error: permission denied"; libusb-based stacks say
 * LIBUSB_ERROR_BUSY / _ACCESS / _NO_DEVICE. We match both.
 */
import {
  DeviceAccessDeniedError, DeviceBusyError, DeviceNotFoundError, DriverError, PrinterDisconnectedError, PrinterTimeoutError,
} from '../../errors.js'

const message = (error: unknown): string => (error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : String(error))

export const isUsbBusy = (error: unknown): boolean => /busy|EBUSY|LIBUSB_ERROR_BUSY/i.test(message(error))
export const isUsbAccessDenied = (error: unknown): boolean => /permission denied|access denied|EACCES|EPERM|LIBUSB_ERROR_ACCESS/i.test(message(error))
export const isUsbGone = (error: unknown): boolean => /disconnected|no such device|ENODEV|LIBUSB_ERROR_NO_DEVICE|NOT_FOUND/i.test(message(error))
export const isUsbTimeout = (error: unknown): boolean => /timed? ?out|timeout|cancel/i.test(message(error))
/** `getDevices()` on a machine without a USB bus (containers, some VMs): "no devices", not a crash. */
export const isNoUsbBus = (error: unknown): boolean => /\/sys\/bus\/usb\/devices\/? not found/i.test(message(error))

/** The udev rule the README gives; repeated in the error so the fix is one copy away. */
export const UDEV_HINT =
  'add the udev rule from drivers/README.md (SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ENV{ID_USB_INTERFACES}=="*:0701*", MODE="0660", GROUP="lp") and put the service user in group lp'

export function usbError(error: unknown, what: string): Error {
  if (error instanceof DriverError) return error
  if (isUsbAccessDenied(error)) return new DeviceAccessDeniedError(`${what}: the OS denied access to the USB device; ${UDEV_HINT}`, { cause: error })
  if (isUsbBusy(error)) return new DeviceBusyError(`${what}: the USB interface is held by another driver or process`, { cause: error })
  if (isUsbGone(error)) return new PrinterDisconnectedError(`${what}: the USB device went away`, { cause: error })
  if (isUsbTimeout(error)) return new PrinterTimeoutError(`${what}: the USB transfer timed out`, { cause: error })
  return error instanceof Error ? error : new Error(String(error))
}

export function notFound(what: string): DeviceNotFoundError {
  return new DeviceNotFoundError(`no USB ${what} is plugged in`)
}
