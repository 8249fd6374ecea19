// @vitest-environment happy-dom
import './support/quiet-lit.js'
import { afterEach, describe, expect, it } from 'vitest'
import { PosSettings } from '../../ui/views/settings/settings-view.js'
import { click, find, findAll, mount, text, typeInto, unmountAll, waitFor } from './support/dom.js'
import { json, sessionInfo, testServices } from './support/fakes.js'

const backup = { name: 'backup-2025-03-03T1405.duckdb', createdAt: '2025-03-03T14:05:00Z', sizeBytes: 5_452_595 }

async function settings(role: 'manager' | 'assistant' = 'manager') {
  const services = testServices({ signedIn: sessionInfo(role) })
  const el = new PosSettings()
  el.services = services
  return { el, services }
}

afterEach(unmountAll)

describe('pos-settings', () => {
  it('saves the station name in this browser', async () => {
    const { el, services } = await settings('assistant')
    await mount(el)
    const input = find<HTMLInputElement>(el, '#station')!
    expect(input.value).toBe('web')
    typeInto(input, ' Till 2 ')
    click(find(el, 'form button[type="submit"]'))
    await el.updateComplete
    expect(services.memory.getItem('pos.station')).toBe('Till 2')
    expect(text(el)).toContain('Saved. This device is station “Till 2”.')
    expect(find(el, 'pos-backup-panel')).toBeNull()

    typeInto(input, 'till #3')
    click(find(el, 'form button[type="submit"]'))
    await el.updateComplete
    expect(text(find(el, '#station-error'))).toBe('Use letters, digits, spaces, dots or dashes.')
    expect(services.memory.getItem('pos.station')).toBe('Till 2')
  })

  it('lists backups and backs up now with live progress', async () => {
    const { el, services } = await settings()
    services.fake
      .on('GET', '/api/backups', json({ items: [] }), json({ items: [backup] }))
      .on('POST', '/api/backups', json({ status: 'started' }, 202))
    await mount(el)
    const panel = await waitFor(() => find(el, 'pos-backup-panel'))
    await waitFor(() => text(panel).includes('No backups yet'))
    click(find(panel, 'button.btn-primary'))
    await waitFor(() => services.live.listeners('backup.progress') === 1 && services.fake.calls('POST', '/api/backups').length === 1)
    services.live.emit('backup.progress', { name: backup.name, step: 'Copying sales', done: 2, total: 5 })
    await waitFor(() => find<HTMLProgressElement>(panel, 'progress')?.value === 2)
    expect(text(panel)).toContain('Copying sales 40%')
    services.live.emit('backup.progress', { name: backup.name, step: 'done', done: 5, total: 5 })
    await waitFor(() => findAll(panel, 'tbody tr').length === 1)
    expect(text(panel)).toContain(`Backup ${backup.name} is done.`)
    expect(text(find(panel, 'tbody tr'))).toBe(`${backup.name} 3 Mar 2025, 14:05 5.2 MB`)
  })

  it('reports a failed backup', async () => {
    const { el, services } = await settings()
    services.fake.on('GET', '/api/backups', json({ items: [backup] })).on('POST', '/api/backups', json({ status: 'started' }, 202))
    await mount(el)
    const panel = await waitFor(() => find(el, 'pos-backup-panel'))
    click(find(panel, 'button.btn-primary'))
    await waitFor(() => services.fake.calls('POST', '/api/backups').length === 1)
    services.live.emit('backup.progress', { name: 'failed', step: 'failed: disk full', done: 0, total: 0 })
    await waitFor(() => text(find(panel, '[role="alert"]')).includes('The backup failed: disk full'))
  })
})
