// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import { PosPinPad, type PinChangeDetail } from '../../ui/components/pin-pad.js'
import { click, find, mount, press, typeInto, unmountAll } from './support/dom.js'

async function pad(setup: (el: PosPinPad) => void = () => {}) {
  const el = new PosPinPad()
  setup(el)
  const changes: string[] = []
  const submits: string[] = []
  el.addEventListener('pin-change', (e) => changes.push((e as CustomEvent<PinChangeDetail>).detail.value))
  el.addEventListener('pin-submit', (e) => submits.push((e as CustomEvent<PinChangeDetail>).detail.value))
  await mount(el)
  const key = (k: string) => find(el, `[data-key="${k}"]`)!
  return { el, changes, submits, key }
}

afterEach(unmountAll)

describe('pos-pin-pad', () => {
  it('builds the PIN from on-screen keys, with backspace and clear', async () => {
    const { el, changes, key } = await pad()
    for (const d of ['1', '2', '3', '4']) click(key(d))
    expect(el.value).toBe('1234')
    click(key('backspace'))
    expect(el.value).toBe('123')
    click(key('clear'))
    expect(el.value).toBe('')
    expect(changes).toEqual(['1', '12', '123', '1234', '123', ''])
  })

  it('has a labelled field and labelled keys, big enough to touch', async () => {
    const { el, key } = await pad()
    const input = find<HTMLInputElement>(el, '#pin')!
    expect(input.type).toBe('password')
    expect(find(el, 'label[for="pin"]')?.textContent).toBe('PIN')
    expect(key('backspace').getAttribute('aria-label')).toBe('Delete last digit')
    expect(key('7').getAttribute('aria-label')).toBe('Digit 7')
    expect(find(el, '[role="group"]')?.getAttribute('aria-label')).toBe('PIN keypad')
  })

  it('takes keyboard digits while a key has focus; Backspace, Escape and Enter work too', async () => {
    const { el, submits, key } = await pad()
    const five = key('5')
    for (const k of ['9', '8', '7']) expect(press(five, k).defaultPrevented).toBe(true)
    expect(el.value).toBe('987')
    press(five, 'Backspace')
    expect(el.value).toBe('98')
    press(five, 'Enter')
    expect(submits).toEqual(['98'])
    press(five, 'Escape')
    expect(el.value).toBe('')
    press(five, 'a')
    expect(el.value).toBe('')
  })

  it('keeps only digits typed into the field and stops at the maximum length', async () => {
    const { el, key } = await pad((p) => (p.maxLength = 4))
    const input = find<HTMLInputElement>(el, '#pin')!
    typeInto(input, '12a3')
    expect(el.value).toBe('123')
    expect(input.value).toBe('123')
    click(key('4'))
    click(key('5'))
    expect(el.value).toBe('1234')
  })

  it('submits from the Enter key and does nothing while disabled', async () => {
    const { el, submits, key } = await pad()
    click(key('1'))
    click(key('enter'))
    expect(submits).toEqual(['1'])
    el.disabled = true
    await el.updateComplete
    el.press('2')
    el.press('enter')
    expect(el.value).toBe('1')
    expect(submits).toEqual(['1'])
  })
})
