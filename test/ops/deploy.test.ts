/**
 * The mini-PC install: the scripts parse, the install plan does what the issue asks, the
 * systemd unit has the keys that make it start on boot, restart on failure, run as its own
 * user and write only its data directory, and the udev rules cover the printers and scanners.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(`../../deploy/${path}`, import.meta.url), 'utf8')
const deployPath = (path: string) => new URL(`../../deploy/${path}`, import.meta.url).pathname
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0

/** A systemd unit file as sections of key → values (keys may repeat). */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {}
  let section = ''
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith(';')) continue
    const header = /^\[(.+)\]$/.exec(line)
    if (header) {
      section = header[1]!
      out[section] ??= {}
      continue
    }
    const eq = line.indexOf('=')
    expect(eq, `not key=value: ${line}`).toBeGreaterThan(0)
    expect(section, `key outside a section: ${line}`).not.toBe('')
    const key = line.slice(0, eq)
    ;(out[section]![key] ??= []).push(line.slice(eq + 1))
  }
  return out
}

describe('the systemd unit', () => {
  const unit = parseUnit(read('store-appliance.service'))
  const service = unit['Service']!
  const one = (key: string) => service[key]?.at(-1)

  it('starts on boot after the network, restarts on failure, runs as its own user', () => {
    expect(unit['Install']!['WantedBy']).toEqual(['multi-user.target'])
    expect(unit['Unit']!['After']![0]).toContain('network-online.target')
    expect(one('Restart')).toBe('on-failure')
    expect(one('User')).toBe('store-appliance')
    expect(one('Group')).toBe('store-appliance')
    expect(one('KillSignal')).toBe('SIGTERM')
    expect(one('ExecStart')).toMatch(/node .*tsx.* .*appliance\/main\.ts$/)
  })

  it('is hardened and can write only its data directory', () => {
    expect(one('NoNewPrivileges')).toBe('yes')
    expect(one('ProtectSystem')).toBe('strict')
    expect(one('ReadWritePaths')).toBe('/var/lib/store-appliance')
    expect(one('ProtectHome')).toBe('yes')
    expect(one('PrivateTmp')).toBe('yes')
    expect(one('StateDirectoryMode')).toBe('0700')
    expect(one('UMask')).toBe('0077')
    expect(one('CapabilityBoundingSet')).toBe('')
    // USB printers and scanners live in /dev: a private /dev would hide them.
    expect(service['PrivateDevices']).toBeUndefined()
  })

  it('sets the data directory, ports and HTTPS, and reads site settings from /etc', () => {
    const env = Object.fromEntries(service['Environment']!.map((e) => e.split('=') as [string, string]))
    expect(env).toMatchObject({ APPLIANCE_DATA_DIR: '/var/lib/store-appliance', PORT: '8080', HTTPS_PORT: '8443', APPLIANCE_HTTPS: 'on', APPLIANCE_DEMO: '0' })
    expect(one('EnvironmentFile')).toBe('-/etc/store-appliance/env')
  })

  it.runIf(has('systemd-analyze'))('passes systemd-analyze verify', () => {
    const result = spawnSync('systemd-analyze', ['verify', deployPath('store-appliance.service')], { encoding: 'utf8' })
    expect(result.stderr.trim()).toBe('')
    expect(result.status).toBe(0)
  })
})

describe('the udev rules', () => {
  const rules = read('99-store-appliance.rules').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))

  it('gives the service group access to Epson, Star and Zebra printers and the common scanners', () => {
    const vendors = (subsystem: string) => rules.filter((r) => r.includes(`SUBSYSTEM=="${subsystem}"`)).map((r) => /idVendor\}=="([0-9a-f]{4})"/.exec(r)?.[1])
    expect(vendors('usb')).toEqual(expect.arrayContaining(['04b8', '0519', '0a5f', '1203', '0c2e', '05e0', '05f9']))
    expect(vendors('tty')).toEqual(expect.arrayContaining(['0c2e', '05e0']))
    for (const rule of rules.filter((r) => r.includes('idVendor'))) {
      expect(rule).toContain('GROUP="store-appliance"')
      expect(rule).toContain('MODE="0660"')
    }
  })

  it('is well-formed: every line is comma-separated KEY op "value" pairs, or a label/goto', () => {
    for (const rule of rules) {
      for (const pair of rule.split(/,\s*/)) expect(pair, rule).toMatch(/^[A-Z_]+(\{[^}]+\})?(==|!=|=|\+=|:=)"[^"]*"$/)
    }
  })
})

describe('the install script and the kiosk launcher', () => {
  it('parse as bash', () => {
    for (const script of ['install.sh', 'kiosk/store-till-kiosk.sh']) execFileSync('bash', ['-n', deployPath(script)])
  })

  it.runIf(has('shellcheck'))('pass shellcheck', () => {
    execFileSync('shellcheck', [deployPath('install.sh'), deployPath('kiosk/store-till-kiosk.sh')])
  })

  it('plans the install: user, 0700 data dir, unit, udev rules, service enabled', () => {
    const plan = execFileSync('bash', [deployPath('install.sh'), '--dry-run', '--data-dir', '/srv/shop-data'], { encoding: 'utf8' })
    expect(plan).toMatch(/useradd --system .*store-appliance/)
    expect(plan).toContain('install -d -m 0700 -o store-appliance -g store-appliance /srv/shop-data')
    expect(plan).toContain('/etc/systemd/system/store-appliance.service')
    expect(plan).toContain('/etc/udev/rules.d/99-store-appliance.rules')
    expect(plan).toContain('systemctl enable --now store-appliance.service')
    expect(plan).toMatch(/npm install .*npm run build:ui/)
  })

  it('refuses to run for real without root', () => {
    if (process.getuid?.() === 0) return
    const result = spawnSync('bash', [deployPath('install.sh')], { encoding: 'utf8' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('run it as root')
  })
})
