// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../ui/data/api.js'
import { PosLogin, signInHint } from '../../ui/views/login/login-view.js'
import { click, find, mount, text, typeInto, unmountAll, waitFor } from './support/dom.js'
import { json, problem, sessionInfo, testServices } from './support/fakes.js'

async function login(demo: boolean) {
  const services = testServices()
  services.fake.on('GET', '/health', json({ status: 'ok', demo, version: '0.1.0' }))
  const el = new PosLogin()
  el.services = services
  await mount(el)
  const pad = find(el, 'pos-pin-pad')!
  const enterPin = (pin: string) => {
    for (const d of pin) click(find(pad, `[data-key="${d}"]`))
  }
  const signIn = () => click(find(pad, '[data-key="enter"]'))
  return { el, services, enterPin, signIn }
}

afterEach(unmountAll)

describe('pos-login', () => {
  it('shows the demo PINs only in demo mode', async () => {
    const demo = await login(true)
    await waitFor(() => text(demo.el).includes('Demo shop'))
    expect(text(demo.el)).toContain('Maya (manager) 1111, Ash (assistant) 2222, Fin (fulfilment) 3333')
    unmountAll()

    const real = await login(false)
    await waitFor(() => real.services.fake.calls('GET', '/health').length === 1)
    await real.el.updateComplete
    expect(text(real.el)).not.toContain('Demo shop')
    expect(text(real.el)).not.toMatch(/1111|2222|3333/)
  })

  it('signs in with staff, PIN and this device\'s station, and stores the session', async () => {
    const { el, services, enterPin, signIn } = await login(false)
    services.memory.setItem('pos.station', 'till-2')
    services.fake.on('POST', '/api/session', json(sessionInfo(), 201))
    typeInto(find<HTMLInputElement>(el, '#staff')!, 'maya')
    enterPin('1111')
    signIn()
    await waitFor(() => services.session.current?.staff.id === 'maya')
    const [request] = services.fake.calls('POST', '/api/session')
    expect(request?.body).toEqual({ staff: 'maya', pin: '1111', station: 'till-2' })
    expect(request?.headers['content-type']).toBe('application/json')
    expect(request?.credentials).toBe('same-origin')
  })

  it('uses station "web" when none is set', async () => {
    const { el, services, enterPin, signIn } = await login(false)
    services.fake.on('POST', '/api/session', json(sessionInfo(), 201))
    typeInto(find<HTMLInputElement>(el, '#staff')!, 'maya')
    enterPin('1111')
    signIn()
    await waitFor(() => services.fake.calls('POST', '/api/session').length === 1)
    expect(services.fake.calls('POST', '/api/session')[0]?.body).toMatchObject({ station: 'web' })
  })

  it('shows a wrong PIN with the tries left, and clears the PIN', async () => {
    const { el, services, enterPin, signIn } = await login(false)
    services.fake.on('POST', '/api/session', problem(401, 'unauthenticated', 'Wrong staff ID or PIN.', { triesLeft: 2, field: 'pin' }))
    typeInto(find<HTMLInputElement>(el, '#staff')!, 'maya')
    enterPin('9999')
    signIn()
    const alert = await waitFor(() => find(el, '[role="alert"]'))
    expect(text(alert)).toContain('Wrong staff ID or PIN.')
    expect(text(alert)).toContain('2 tries left before this staff ID is locked.')
    expect(find(el, 'pos-pin-pad')).toHaveProperty('value', '')
    expect(services.session.current).toBeNull()
  })

  it('shows a lockout with its minutes', async () => {
    const { el, services, enterPin, signIn } = await login(false)
    services.fake.on('POST', '/api/session', problem(423, 'locked_out', 'Too many wrong PINs.', { retryAfterSeconds: 240 }))
    typeInto(find<HTMLInputElement>(el, '#staff')!, 'ash')
    enterPin('1234')
    signIn()
    const alert = await waitFor(() => find(el, '[role="alert"]'))
    expect(text(alert)).toContain('Too many wrong PINs.')
    expect(text(alert)).toContain('try again in 4 minutes')
  })

  it('asks for the staff ID before sending anything', async () => {
    const { el, services, enterPin, signIn } = await login(false)
    enterPin('1111')
    signIn()
    await el.updateComplete
    expect(text(find(el, '[role="alert"]'))).toContain('Enter your staff ID first.')
    expect(services.fake.calls('POST', '/api/session')).toHaveLength(0)
  })
})

describe('signInHint', () => {
  it("adds nothing when the API's detail already says it", () => {
    const wrong = new ApiError({ code: 'unauthenticated', detail: 'Wrong PIN. 3 tries left before a 5-minute lockout.', triesLeft: 3 }, 401)
    expect(signInHint(wrong)).toBeUndefined()
    const locked = new ApiError({ code: 'locked_out', detail: 'Locked out for 5 more minutes.', retryAfterSeconds: 300 }, 423)
    expect(signInHint(locked)).toBeUndefined()
    expect(signInHint(new ApiError({ code: 'locked_out', detail: 'Locked.' }, 423, 61))).toBe('Locked out: try again in 2 minutes, or ask a manager.')
    expect(signInHint(new ApiError({ code: 'unauthenticated', detail: 'No.', remainingAttempts: 1 }, 401))).toBe('1 try left before this staff ID is locked.')
  })
})
