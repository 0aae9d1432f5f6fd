import Taro from '@tarojs/taro'
import { randomId } from './random-id'

/** Storage key of this phone's anonymous id (Taro wraps stored values, so it is apart from the console's keys). */
export const DEVICE_STORAGE_KEY = 'kezhi.intake.device'
export const DEVICE_ID_LENGTH = 32

// What the server accepts in X-Device-Id; a stored value of another shape is replaced.
const DEVICE_ID_SHAPE = /^[A-Za-z0-9_-]{16,64}$/

let cached: string | undefined

/** This phone's id for the public endpoints (their per-device rate limit and form tokens): made once, then kept. */
export function getDeviceId(): string {
  if (cached) return cached
  let stored: unknown
  try {
    stored = Taro.getStorageSync(DEVICE_STORAGE_KEY)
  } catch {
    stored = undefined
  }
  if (typeof stored === 'string' && DEVICE_ID_SHAPE.test(stored)) {
    cached = stored
    return stored
  }
  const created = randomId(DEVICE_ID_LENGTH)
  try {
    Taro.setStorageSync(DEVICE_STORAGE_KEY, created)
  } catch {
    // Storage can be full or refused (private browsing); the id then lives as long as the page.
  }
  cached = created
  return created
}

/** Forgets the id held in memory, so that the next call reads storage again (tests). */
export function forgetCachedDeviceId(): void {
  cached = undefined
}
