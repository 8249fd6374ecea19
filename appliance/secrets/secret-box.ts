/**
 * Credentials encrypted at rest: AES-256-GCM with a key kept outside the database (a file
 * `<dataDir>/secrets/channel-key`, mode 0600, created on first use; or `APPLIANCE_SECRET_KEY`).
 * A copy of the database — a backup, a support bundle — holds only ciphertext.
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id (8 hex of the
 * key's SHA-256) tells "wrong key" apart from "tampered". The associated data binds each
 * ciphertext to what it belongs to (the account id), so copying one account's credentials
 * onto another row fails to decrypt instead of silently working.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError'
}

export const KEY_BYTES = 32

export class SecretBox {
  readonly keyId: string
  readonly #key: Buffer

  constructor(key: Uint8Array) {
    if (key.byteLength !== KEY_BYTES) throw new SecretBoxError(`the secret key must be ${KEY_BYTES} bytes, not ${key.byteLength}`)
    this.#key = Buffer.from(key)
    this.keyId = createHash('sha256').update(this.#key).digest('hex').slice(0, 8)
  }

  /** Encrypts `plaintext` (UTF-8) bound to `context` (e.g. the account id). */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return ['v1', this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }

  /** Decrypts what `seal` made with the same key and context; throws SecretBoxError otherwise. */
  open(sealed: string, context: string): string {
    const [version, keyId, iv, tag, body, ...rest] = sealed.split('.')
    if (version !== 'v1' || !keyId || iv === undefined || tag === undefined || body === undefined || rest.length) {
      throw new SecretBoxError('the stored credentials are not in a format this appliance knows')
    }
    if (keyId !== this.keyId) {
      throw new SecretBoxError(`the stored credentials were encrypted with another key (${keyId}); this appliance's key is ${this.keyId}: restore secrets/channel-key or enter the credentials again`)
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'))
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    } catch (cause) {
      throw new SecretBoxError('the stored credentials could not be decrypted (changed or copied from another record)', { cause })
    }
  }

  sealJson(value: unknown, context: string): string {
    return this.seal(JSON.stringify(value), context)
  }

  openJson<T = unknown>(sealed: string, context: string): T {
    return JSON.parse(this.open(sealed, context)) as T
  }
}

/** Parses a key given as 64 hex digits or 32 bytes of base64 / base64url. */
export function parseKey(text: string): Uint8Array {
  const trimmed = text.trim()
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (bytes.byteLength !== KEY_BYTES) throw new SecretBoxError(`a secret key is ${KEY_BYTES} bytes: 64 hex digits or 44 characters of base64`)
  return bytes
}
