/**
 * The real USB stack: `usb` 3.x's WebUSB object, adapted to `UsbLike`.
 *
 * Quirk: on a machine without a USB bus (containers, some VMs) `getDevices()` throws
 * "/sys/bus/usb/devices/ not found", and adding a hot-plug listener makes `usb` rethrow
 * that same error from a timer — an uncaught exception that kills the process. So we
 * probe first and, without a bus, hand back a stack with no devices and no events.
 */
import { isNoUsbBus } from './usb-errors.js'
import type { UsbLike } from './usb-types.js'

export const NO_USB: UsbLike = Object.freeze({
  getDevices: async () => [],
  addEventListener: () => undefined,
  removeEventListener: () => undefined,
})

export async function nodeUsb(): Promise<UsbLike> {
  // Imported on demand: the native addon loads only where USB is configured.
  const { usb } = await import('usb')
  // usb 3.x declares its device as extending the DOM's WebUSB types, which TypeScript
  // does not ship; the runtime object has every member UsbLike lists.
  const stack = usb as unknown as UsbLike
  try {
    await stack.getDevices()
  } catch (error) {
    if (isNoUsbBus(error)) return NO_USB
    throw error
  }
  return stack
}
