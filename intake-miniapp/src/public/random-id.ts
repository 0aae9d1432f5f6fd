// 64 characters, so that one random byte (masked to 6 bits) picks one evenly.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T
}

/** The platform's cryptographic random source when it has one; WeChat's JavaScript engine has none (its own
 * wx.getRandomValues is asynchronous), and these ids only need to be unlikely to repeat, not secret. */
function randomSource(): RandomSource | undefined {
  const candidate: unknown = (globalThis as { crypto?: unknown }).crypto
  if (typeof candidate === 'object' && candidate !== null && typeof (candidate as RandomSource).getRandomValues === 'function') {
    return candidate as RandomSource
  }
  return undefined
}

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  const source = randomSource()
  if (source) return source.getRandomValues(bytes)
  for (let index = 0; index < length; index += 1) bytes[index] = Math.floor(Math.random() * 256)
  return bytes
}

/** A random id of `length` characters from `[A-Za-z0-9_-]` (the shape device ids and idempotency keys need). */
export function randomId(length: number): string {
  let id = ''
  for (const byte of randomBytes(length)) id += ALPHABET[byte & 63]
  return id
}
