/** The command-line tools through their real entry points (npm scripts' commands), on a stopped appliance's data. */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppliance } from '../support/appliance.js'

let dataDir: string
const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `appliance/cli/${script}.ts`, ...args], {
    env: { ...process.env, APPLIANCE_DATA_DIR: dataDir },
    encoding: 'utf8',
  })

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cli-'))
  const appliance = await startAppliance({ dataDir, products: 50 })
  await appliance.stop()
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('command-line tools', () => {
  it('imports a CSV, reporting bad rows by line, and exports it back', async () => {
    const csv = join(dataDir, 'in.csv')
    writeFileSync(csv, 'Handle,Title,Variant SKU,Variant Barcode,Variant Price,Cost per item,Product Category,Tax rate\nx,Teapot,CLI-1,,19.99,8.00,Kitchen,20\ny,Broken,CLI-2,,abc,1,Kitchen,20\n')
    const imported = run('import-catalogue', csv)
    expect(imported.stdout).toMatch(/1 of 2 rows imported/)
    expect(imported.stdout).toMatch(/line 3 \(Variant Price\)/)
    expect(imported.status).toBe(1)
    const out = join(dataDir, 'out.csv')
    const exported = run('export-catalogue', out)
    expect(exported.status).toBe(0)
    const text = readFileSync(out, 'utf8')
    expect(text.split('\n')[0]).toMatch(/^Handle,Title,Variant SKU,Variant Barcode/)
    expect(text).toMatch(/x,Teapot,CLI-1,,,19\.99,8\.00,Kitchen,,20/)
    const { Database } = await import('../../appliance/db/database.js')
    const { db } = await Database.open(join(dataDir, 'appliance.duckdb'))
    const products = (await db.reader.one<{ n: number }>('SELECT count(*) AS n FROM products'))!.n
    db.close()
    expect(text.trim().split('\n')).toHaveLength(products + 1)
    expect(text).toContain('CLI-1')
    expect(text).not.toContain('CLI-2')
  })

  it('backs up with a progress line and restores, keeping the old file', () => {
    const backup = run('backup')
    expect(backup.status, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/\[#+\] 100% done/)
    const name = readdirSync(join(dataDir, 'backups'))[0]!
    const restored = run('restore', name)
    expect(restored.status, restored.stderr).toBe(0)
    expect(restored.stdout).toMatch(/Restored \d+ tables/)
    expect(readdirSync(dataDir).some((f) => f.includes('before-restore'))).toBe(true)
    expect(existsSync(join(dataDir, 'appliance.duckdb'))).toBe(true)
  })

  it('refuses to restore under a running appliance', async () => {
    const appliance = await startAppliance({ dataDir })
    try {
      const name = readdirSync(join(dataDir, 'backups'))[0]!
      const restored = run('restore', name)
      expect(restored.status).toBe(1)
      expect(restored.stderr).toMatch(/in use by another process/)
    } finally {
      await appliance.stop()
    }
  })
})
