// Every submission carries an Idempotency-Key (docs/contract.md: 8–100 characters [A-Za-z0-9_-]); the server
// answers a repeated key with what the first request created, so resending after a lost answer is safe.

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const RANDOM_CHARACTERS = 24
const KEY_SHAPE = /^[A-Za-z0-9_-]{8,100}$/

/** `count` random bytes: the platform's cryptographic source where there is one (browsers, newer WeChat
 * runtimes expose `crypto.getRandomValues`), else Math.random, which is enough to keep one person's
 * submissions apart (keys are scoped per user on the server). */
function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count)
  const source = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto
  if (source?.getRandomValues) return source.getRandomValues(bytes)
  for (let index = 0; index < count; index += 1) bytes[index] = Math.floor(Math.random() * 256)
  return bytes
}

/** A fresh key: `ik` + the time in base 36 + 24 random characters (144 bits). */
export function newIdempotencyKey(now: Date = new Date()): string {
  const random = Array.from(randomBytes(RANDOM_CHARACTERS), (byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join('')
  return `ik${now.getTime().toString(36)}_${random}`
}

export const isIdempotencyKey = (value: unknown): value is string => typeof value === 'string' && KEY_SHAPE.test(value)
