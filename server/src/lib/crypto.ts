import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Encryption of personal data at rest (phones, emails, address lines) and blind indexes for exact lookup.
 *
 * Values are sealed with AES-256-GCM under the data key; a sealed value is `iv (12 bytes) | tag (16) |
 * ciphertext` and is stored next to the id of the key that sealed it, so a later rotation can tell old values
 * from new ones. Lookups never decrypt: a blind index is HMAC-SHA256 of the normalised value under a key
 * derived from the data key with HKDF (a different purpose string per kind of value), so equal inputs give
 * equal indexes while the database alone reveals nothing.
 */

const ivLength = 12
const tagLength = 16
const dataKeyHex = /^[0-9a-f]{64}$/i

export type BlindIndexKind = 'phone' | 'phone_last4' | 'phone_tail' | 'email'

export interface Sealed {
  ciphertext: Uint8Array<ArrayBuffer>
  keyId: string
}

export interface DataCipher {
  /** Id of the key new values are sealed with. */
  readonly keyId: string
  seal(plaintext: string): Sealed
  open(ciphertext: Uint8Array, keyId: string): string
  /** Seals when there is something to seal; null stays null. */
  sealOptional(plaintext: string | null | undefined): Sealed | null
  blindIndex(kind: BlindIndexKind, normalisedValue: string): string
}

const derive = (key: Buffer, purpose: string, length: number): Buffer =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `kezhi:${purpose}`, length))

export const createDataCipher = (dataKey: Buffer): DataCipher => {
  if (dataKey.length !== 32) throw new Error('the data encryption key must be 32 bytes (64 hex characters)')
  const encryptionKey = derive(dataKey, 'aes-256-gcm:v1', 32)
  // Not secret: it only names the key, and is derived so that it cannot be turned back into the key.
  const keyId = derive(dataKey, 'key-id:v1', 6).toString('hex')
  const indexKeys = new Map<BlindIndexKind, Buffer>(
    (['phone', 'phone_last4', 'phone_tail', 'email'] as const).map((kind) => [kind, derive(dataKey, `blind-index:${kind}:v1`, 32)]),
  )

  const seal = (plaintext: string): Sealed => {
    const iv = randomBytes(ivLength)
    const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv)
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body])
    return { ciphertext: new Uint8Array(sealed), keyId }
  }

  return {
    keyId,
    seal,
    sealOptional: (plaintext) => (plaintext === null || plaintext === undefined || plaintext === '' ? null : seal(plaintext)),
    open: (ciphertext, valueKeyId) => {
      if (valueKeyId !== keyId) throw new Error(`value sealed with unknown data key ${valueKeyId}`)
      const bytes = Buffer.from(ciphertext)
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, bytes.subarray(0, ivLength))
      decipher.setAuthTag(bytes.subarray(ivLength, ivLength + tagLength))
      return Buffer.concat([decipher.update(bytes.subarray(ivLength + tagLength)), decipher.final()]).toString('utf8')
    },
    blindIndex: (kind, value) => createHmac('sha256', indexKeys.get(kind) as Buffer).update(value, 'utf8').digest('hex'),
  }
}

/**
 * DATA_ENCRYPTION_KEY (64 hex characters) when given; otherwise a key generated once into DATA_DIR/data-key
 * (mode 0600). Losing that file makes every stored phone, email and address unreadable: back it up with the
 * database, but never inside it.
 */
export const resolveDataKey = async (configured: string | undefined, dataDir: string): Promise<Buffer> => {
  if (configured !== undefined) {
    if (!dataKeyHex.test(configured.trim())) throw new Error('DATA_ENCRYPTION_KEY must be 64 hexadecimal characters')
    return Buffer.from(configured.trim(), 'hex')
  }
  const file = join(dataDir, 'data-key')
  const read = async () => (await readFile(file, 'utf8').catch(() => '')).trim()
  let existing = await read()
  if (existing === '') {
    await mkdir(dataDir, { recursive: true })
    // `wx` fails if another process created the file meanwhile; then its key wins.
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined)
    existing = await read()
  }
  if (!dataKeyHex.test(existing)) throw new Error(`${file} does not hold a 64-hex-character data key`)
  return Buffer.from(existing, 'hex')
}
