import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Encryption of personal data at rest (phones, emails, address lines, TOTP secrets) and blind indexes for exact
 * lookup.
 *
 * Values are sealed with AES-256-GCM under the current data key; a sealed value is `iv (12 bytes) | tag (16) |
 * ciphertext` and is stored next to the id of the key that sealed it, so a rotation can tell old values from new
 * ones and every key of the ring stays readable. Lookups never decrypt: a blind index is HMAC-SHA256 of the
 * normalised value under a key derived with HKDF (a different purpose string per kind of value) from the FIRST key
 * of the ring, forever, so a rotation never changes a stored index.
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
  /** Id of the key new values are sealed with (the ring's current key). */
  readonly keyId: string
  seal(plaintext: string): Sealed
  /** Opens a value sealed with any key of the ring. */
  open(ciphertext: Uint8Array, keyId: string): string
  /** Seals when there is something to seal; null stays null. */
  sealOptional(plaintext: string | null | undefined): Sealed | null
  blindIndex(kind: BlindIndexKind, normalisedValue: string): string
}

export interface DataKey {
  id: string
  key: Buffer
  createdAt: string
}

/** The data keys: `keys[0]` keys the blind indexes, `current` seals new values. */
export interface KeyRing {
  current: string
  keys: DataKey[]
}

const derive = (key: Buffer, purpose: string, length: number): Buffer =>
  Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `kezhi:${purpose}`, length))

/** Not secret: it only names the key, and is derived so that it cannot be turned back into the key. */
export const keyIdOf = (key: Buffer): string => derive(key, 'key-id:v1', 6).toString('hex')

const dataKeyOf = (key: Buffer, createdAt: string): DataKey => {
  if (key.length !== 32) throw new Error('the data encryption key must be 32 bytes (64 hex characters)')
  return { id: keyIdOf(key), key, createdAt }
}

interface PreparedRing {
  current: string
  encryptionKeys: Map<string, Buffer>
}

const prepare = (ring: KeyRing): PreparedRing => {
  const encryptionKeys = new Map(ring.keys.map((entry) => [entry.id, derive(entry.key, 'aes-256-gcm:v1', 32)]))
  if (!encryptionKeys.has(ring.current)) throw new Error(`the current data key ${ring.current} is not in the key ring`)
  return { current: ring.current, encryptionKeys }
}

export interface RotatableDataCipher extends DataCipher {
  /** Re-reads the ring (a rotation may have added a key and made it current). */
  refresh(): Promise<void>
}

/**
 * A cipher over a key ring (or a single key). `reread` is asked, once, when a value names a key the ring does not
 * know: a rotation running in another process may have added it moments ago.
 */
export const createDataCipher = (
  source: Buffer | KeyRing,
  reread?: { sync: () => KeyRing | null; async: () => Promise<KeyRing | null> },
): RotatableDataCipher => {
  const ring: KeyRing = Buffer.isBuffer(source) ? { current: keyIdOf(source), keys: [dataKeyOf(source, new Date(0).toISOString())] } : source
  const indexSource = ring.keys[0]
  if (indexSource === undefined) throw new Error('the key ring holds no key')
  const indexKeys = new Map<BlindIndexKind, Buffer>(
    (['phone', 'phone_last4', 'phone_tail', 'email'] as const).map((kind) => [kind, derive(indexSource.key, `blind-index:${kind}:v1`, 32)]),
  )
  let prepared = prepare(ring)

  // A ring read later must extend this one: a different first key would change every blind index.
  const adopt = (next: KeyRing | null) => {
    if (next === null) return
    if (next.keys[0]?.id !== indexSource.id) throw new Error('the key ring on disk starts with another key than the one this process uses')
    prepared = prepare(next)
  }

  const seal = (plaintext: string): Sealed => {
    const iv = randomBytes(ivLength)
    const { current, encryptionKeys } = prepared
    const cipher = createCipheriv('aes-256-gcm', encryptionKeys.get(current) as Buffer, iv)
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body])
    return { ciphertext: new Uint8Array(sealed), keyId: current }
  }

  const keyFor = (valueKeyId: string): Buffer => {
    let key = prepared.encryptionKeys.get(valueKeyId)
    if (key === undefined && reread !== undefined) {
      adopt(reread.sync())
      key = prepared.encryptionKeys.get(valueKeyId)
    }
    if (key === undefined) throw new Error(`value sealed with unknown data key ${valueKeyId}`)
    return key
  }

  return {
    get keyId() {
      return prepared.current
    },
    seal,
    sealOptional: (plaintext) => (plaintext === null || plaintext === undefined || plaintext === '' ? null : seal(plaintext)),
    open: (ciphertext, valueKeyId) => {
      const bytes = Buffer.from(ciphertext)
      const decipher = createDecipheriv('aes-256-gcm', keyFor(valueKeyId), bytes.subarray(0, ivLength))
      decipher.setAuthTag(bytes.subarray(ivLength, ivLength + tagLength))
      return Buffer.concat([decipher.update(bytes.subarray(ivLength + tagLength)), decipher.final()]).toString('utf8')
    },
    blindIndex: (kind, value) => createHmac('sha256', indexKeys.get(kind) as Buffer).update(value, 'utf8').digest('hex'),
    refresh: async () => {
      if (reread !== undefined) adopt(await reread.async())
    },
  }
}

const parseHexKey = (text: string, source: string): Buffer => {
  const trimmed = text.trim()
  if (!dataKeyHex.test(trimmed)) throw new Error(`${source} must be 64 hexadecimal characters`)
  return Buffer.from(trimmed, 'hex')
}

/**
 * DATA_ENCRYPTION_KEY (64 hex characters) when given; otherwise a key generated once into DATA_DIR/data-key
 * (mode 0600). Losing that file makes every stored phone, email and address unreadable: back it up with the
 * database, but never inside it. Once keys are rotated, DATA_DIR/data-keys.json holds this key and the newer ones.
 */
export const resolveDataKey = async (configured: string | undefined, dataDir: string): Promise<Buffer> => {
  if (configured !== undefined) return parseHexKey(configured, 'DATA_ENCRYPTION_KEY')
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

/** How often a running server re-reads DATA_DIR/data-keys.json (`pnpm keys:rotate` waits a little longer). */
export const keyRingRefreshMs = 10_000

export const keyRingFile = (dataDir: string): string => join(dataDir, 'data-keys.json')

const parseKeyRing = (text: string, file: string): KeyRing => {
  const parsed: unknown = JSON.parse(text)
  const problem = () => new Error(`${file} is not a key ring ({ current, keys: [{ id, key, createdAt }] })`)
  if (typeof parsed !== 'object' || parsed === null) throw problem()
  const { current, keys } = parsed as Record<string, unknown>
  if (typeof current !== 'string' || !Array.isArray(keys) || keys.length === 0) throw problem()
  const entries = keys.map((entry: unknown): DataKey => {
    if (typeof entry !== 'object' || entry === null) throw problem()
    const { id, key, createdAt } = entry as Record<string, unknown>
    if (typeof id !== 'string' || typeof key !== 'string' || typeof createdAt !== 'string') throw problem()
    const dataKey = dataKeyOf(parseHexKey(key, `a key in ${file}`), createdAt)
    // The id is stored beside every sealed value; a hand-edited id would make those values unreadable.
    if (dataKey.id !== id) throw new Error(`${file}: key ${id} does not match its key material`)
    return dataKey
  })
  if (!entries.some((entry) => entry.id === current)) throw new Error(`${file}: the current key ${current} is not in the ring`)
  return { current, keys: entries }
}

/** The ring on disk, or null when keys were never rotated (the legacy single key is then the whole ring). */
export const readKeyRingFile = async (dataDir: string): Promise<KeyRing | null> => {
  const file = keyRingFile(dataDir)
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  return text === null ? null : parseKeyRing(text, file)
}

const readKeyRingFileSync = (dataDir: string): KeyRing | null => {
  const file = keyRingFile(dataDir)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  return parseKeyRing(text, file)
}

/**
 * The key ring of DATA_DIR: data-keys.json when keys were rotated, otherwise the single legacy key
 * (DATA_ENCRYPTION_KEY, or DATA_DIR/data-key, generated on the first start). A configured key must be in the ring,
 * so a wrong DATA_ENCRYPTION_KEY stops the start instead of sealing values nobody else can read.
 */
export const loadKeyRing = async (configured: string | undefined, dataDir: string): Promise<KeyRing> => {
  const stored = await readKeyRingFile(dataDir)
  if (stored === null) {
    const key = await resolveDataKey(configured, dataDir)
    return { current: keyIdOf(key), keys: [dataKeyOf(key, new Date().toISOString())] }
  }
  if (configured !== undefined && !stored.keys.some((entry) => entry.id === keyIdOf(parseHexKey(configured, 'DATA_ENCRYPTION_KEY')))) {
    throw new Error(`DATA_ENCRYPTION_KEY is not one of the keys in ${keyRingFile(dataDir)}`)
  }
  return stored
}

const serialiseRing = (ring: KeyRing): string =>
  `${JSON.stringify(
    { current: ring.current, keys: ring.keys.map((entry) => ({ id: entry.id, key: entry.key.toString('hex'), createdAt: entry.createdAt })) },
    null,
    2,
  )}\n`

/**
 * Adds a fresh key to the ring and makes it current (importing the legacy key as the first entry on the first
 * rotation). The file is replaced by a rename, so a server reading it meanwhile sees the old ring or the new one,
 * never half of one.
 */
export const addDataKey = async (configured: string | undefined, dataDir: string): Promise<{ ring: KeyRing; added: DataKey; previous: string }> => {
  const ring = await loadKeyRing(configured, dataDir)
  const added = dataKeyOf(randomBytes(32), new Date().toISOString())
  const next: KeyRing = { current: added.id, keys: [...ring.keys, added] }
  const file = keyRingFile(dataDir)
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, serialiseRing(next), { mode: 0o600 })
  await rename(temporary, file)
  return { ring: next, added, previous: ring.current }
}

/** The server's cipher: the ring of DATA_DIR, re-read on an unknown key id and whenever `refresh` is called. */
export const openDataCipher = async (configured: string | undefined, dataDir: string): Promise<RotatableDataCipher> =>
  createDataCipher(await loadKeyRing(configured, dataDir), {
    sync: () => readKeyRingFileSync(dataDir),
    async: () => readKeyRingFile(dataDir),
  })
