/** Mounting and querying Lit elements in happy-dom, through their shadow roots. */
import type { LitElement } from 'lit'

export async function mount<T extends HTMLElement>(element: T): Promise<T> {
  document.body.append(element)
  await (element as unknown as LitElement).updateComplete
  return element
}

export function unmountAll(): void {
  document.body.replaceChildren()
}

/** Walks selectors through nested shadow roots: `find(page, 'pos-stock-adjustment', '#quantity')`. */
export function find<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T | null {
  let current: Element | null = root
  for (const selector of selectors) {
    const scope: ParentNode | null = current?.shadowRoot ?? current
    current = scope?.querySelector(selector) ?? null
    if (!current) return null
  }
  return current as T | null
}

export function findAll<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T[] {
  const last = selectors.pop()
  if (last === undefined) return []
  const parent = selectors.length ? find(root, ...selectors) : root
  const scope: ParentNode | null | undefined = parent?.shadowRoot ?? parent
  return scope ? [...scope.querySelectorAll<T>(last)] : []
}

/** The visible text of an element and its shadow trees, whitespace collapsed. */
export function text(node: Node | null | undefined): string {
  if (!node) return ''
  const parts: string[] = []
  // Text nodes join as they are (Lit splits "2 product" + "s"); element edges are word breaks.
  const walk = (n: Node) => {
    if (n.nodeType === 3) parts.push(n.textContent ?? '')
    if (n.nodeType !== 1) return
    const el = n as Element
    if (el.tagName === 'STYLE' || el.tagName === 'SCRIPT') return
    parts.push(' ')
    if (el.shadowRoot) el.shadowRoot.childNodes.forEach(walk)
    n.childNodes.forEach(walk)
    parts.push(' ')
  }
  walk(node)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

/** Polls until `check` passes (returns without throwing); every Lit update is async. */
export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<Exclude<T, null | undefined | false>> {
  const started = Date.now()
  for (;;) {
    try {
      const result = check()
      if (result !== false && result !== null && result !== undefined) return result as Exclude<T, null | undefined | false>
      throw new Error('condition not met')
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
}

export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
}

export function press(target: Element, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true })
  target.dispatchEvent(event)
  return event
}

export function click(element: Element | null): void {
  if (!element) throw new Error('nothing to click')
  ;(element as HTMLElement).click()
}
