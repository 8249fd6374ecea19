// @vitest-environment happy-dom
/** The till screen takes scans from a scanner read on the appliance (socket.io `scanner.scan`) like wedge scans. */
import { afterEach, expect, it } from 'vitest'
import '../../ui/views/till/sale-screen.js'
import { mount, unmountAll, waitFor } from './support/dom.js'
import { problem, sessionInfo, testServices } from './support/fakes.js'

afterEach(unmountAll)

it('looks up a code scanned on the appliance and stops listening when the screen goes', async () => {
  const services = testServices({ signedIn: sessionInfo('assistant', 'Ash', 'ash') })
  services.fake.on('GET', '/api/sales/scan?code=5010000000000', problem(404, 'not_found', 'unknown'))
  const screen = document.createElement('pos-sale') as HTMLElement & { services: unknown }
  screen.services = services
  await mount(screen)
  expect(services.live.listeners('scanner.scan')).toBe(1)
  services.live.emit('scanner.scan', { scanner: 'hid-1', stations: ['till-1'], data: '5010000000000', symbology: 'ean13' })
  // Without an open till the screen ignores scans; with one it asks the appliance what the code is.
  ;(screen as unknown as { till: unknown }).till = { id: 'till-1', name: 'Till 1', open: true }
  await (screen as unknown as { updateComplete: Promise<unknown> }).updateComplete
  services.live.emit('scanner.scan', { scanner: 'hid-1', stations: ['till-1'], data: '5010000000000', symbology: 'ean13' })
  await waitFor(() => services.fake.calls('GET', '/api/sales/scan?code=5010000000000').length === 1)
  screen.remove()
  expect(services.live.listeners('scanner.scan')).toBe(0)
})
