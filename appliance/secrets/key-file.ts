/**
 * Where the channel-credentials key lives: `APPLIANCE_SECRET_KEY` when the environment sets
 * one (a managed fleet), else `<dataDir>/secrets/channel-key`, created with mode 0600 on
 * first use. Never inside the database: a copied database file alone reveals no credentials.
 * Back the key file up separately from the database.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { KEY_BYTES, parseKey, SecretBox, SecretBoxError } from './secret-box.js'

export const keyFilePath = (dataDir: string): string => join(dataDir, 'secrets', 'channel-key')

/** Opens the appliance's secret box, creating the key file if there is none. */
export function loadSecretBox(options: { dataDir: string; envKey?: string | undefined }): SecretBox {
  if (options.envKey) return new SecretBox(parseKey(options.envKey))
  const path = keyFilePath(options.dataDir)
  if (!existsSync(path)) createKeyFile(path)
  const mode = statSync(path).mode & 0o777
  if (mode & 0o077) chmodSync(path, 0o600) // someone loosened it: tighten rather than refuse to start
  const text = readFileSync(path, 'utf8')
  try {
    return new SecretBox(parseKey(text))
  } catch (error) {
    throw new SecretBoxError(`${path} does not hold a valid key: ${(error as Error).message}`, { cause: error })
  }
}

function createKeyFile(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 })
  let fd: number
  try {
    // 'wx': fail if it appeared meanwhile (two processes starting at once keep the first key).
    fd = openSync(path, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return
    throw error
  }
  try {
    writeSync(fd, `${randomBytes(KEY_BYTES).toString('hex')}\n`)
  } finally {
    closeSync(fd)
  }
}
