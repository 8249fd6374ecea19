// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { CatalogueImportJob } from '../../appliance/api/contract.js'
import { PosCatalogueImport } from '../../ui/views/catalogue/catalogue-import.js'
import { click, find, findAll, mount, text, unmountAll, waitFor } from './support/dom.js'
import { json, problem, sessionInfo, testServices } from './support/fakes.js'

const ID = '6f1c2a52-3a8e-4d7b-9a55-0d3c1b2a4e11'
const job = (over: Partial<CatalogueImportJob> = {}): CatalogueImportJob => ({
  id: ID, status: 'running', totalRows: 200, processedRows: 0, imported: 0, errors: [],
  startedAt: '2025-03-03T14:05:00Z', finishedAt: null, ...over,
})
const CSV = 'Handle,Title,Variant SKU\noak-mug,Oak Mug,HOM-1\n'

async function importer() {
  const services = testServices({ signedIn: sessionInfo() })
  const el = new PosCatalogueImport()
  el.services = services
  el.pollMs = 5
  await mount(el)
  const choose = async (file: File) => {
    const input = find<HTMLInputElement>(el, '#file')!
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    input.dispatchEvent(new Event('change', { bubbles: true }))
    await el.updateComplete
  }
  const start = () => click(find(el, 'form button[type="submit"]'))
  return { el, services, choose, start }
}

afterEach(unmountAll)

describe('pos-catalogue-import', () => {
  it('offers the export and keeps Import disabled until a file is chosen', async () => {
    const { el } = await importer()
    expect(find<HTMLAnchorElement>(el, 'a[download]')?.getAttribute('href')).toBe('/api/catalogue/export')
    expect(find<HTMLButtonElement>(el, 'form button[type="submit"]')?.disabled).toBe(true)
    expect(find(el, 'label[for="file"]')?.textContent).toBe('CSV file')
  })

  it('uploads the CSV as text/csv, follows progress from socket events, then summarises bad rows', async () => {
    const { el, services, choose, start } = await importer()
    // Polls lag behind the events here: the newer view must win.
    services.fake
      .on('POST', '/api/catalogue/import', json(job(), 202))
      .on('GET', `/api/catalogue/imports/${ID}`, json(job({ processedRows: 10 })))
    await choose(new File([CSV], 'products.csv', { type: 'text/csv' }))
    start()
    await waitFor(() => find(el, 'progress'))
    const [post] = services.fake.calls('POST', '/api/catalogue/import')
    expect(post?.headers['content-type']).toBe('text/csv')
    expect(post?.headers['x-csrf-token']).toBe('csrf-123')
    expect(await (post?.body as File).text()).toBe(CSV)

    services.live.emit('catalogue.import.progress', job({ processedRows: 100, imported: 99 }))
    await waitFor(() => text(el).includes('100 of 200 rows (50%)'))
    expect(find<HTMLProgressElement>(el, 'progress')?.value).toBe(100)
    services.live.emit('catalogue.import.progress', job({ id: 'someone-else', processedRows: 5 }))

    services.live.emit('catalogue.import.progress', job({
      status: 'done', processedRows: 200, imported: 198, finishedAt: '2025-03-03T14:06:00Z',
      errors: [{ line: 7, field: 'Variant Price', reason: 'a price is a number like 12.99' }, { line: 42, reason: 'duplicate SKU HOM-9' }],
    }))
    await waitFor(() => text(el).includes('Imported 198 products.'))
    expect(text(el)).toContain('2 rows not imported')
    const rows = findAll(el, '.errors tbody tr').map(text)
    expect(rows).toEqual(['7 Variant Price a price is a number like 12.99', '42 — duplicate SKU HOM-9'])
    expect(services.live.listeners('catalogue.import.progress')).toBe(0)

    click(find(el, '.summary > button'))
    await el.updateComplete
    expect(find(el, '#file')).not.toBeNull()
  })

  it('follows a job by polling when no socket events come', async () => {
    const { el, services, choose, start } = await importer()
    services.fake
      .on('POST', '/api/catalogue/import', json(job(), 202))
      .on('GET', `/api/catalogue/imports/${ID}`, json(job({ processedRows: 120 })), json(job({ status: 'done', processedRows: 200, imported: 200 })))
    await choose(new File([CSV], 'products.csv'))
    start()
    await waitFor(() => text(el).includes('Imported 200 products.'))
    expect(text(el)).not.toContain('not imported')
    const polls = services.fake.calls('GET', `/api/catalogue/imports/${ID}`).length
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(services.fake.calls('GET', `/api/catalogue/imports/${ID}`).length).toBe(polls)
  })

  it('shows why an upload was refused', async () => {
    const { el, services, choose, start } = await importer()
    services.fake.on('POST', '/api/catalogue/import', problem(413, 'payload_too_large', 'The request is larger than 50 MB.'))
    await choose(new File([CSV], 'huge.csv'))
    start()
    await waitFor(() => text(find(el, '[role="alert"]')).includes('The request is larger than 50 MB.'))
  })
})
