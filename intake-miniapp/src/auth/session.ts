import Taro from '@tarojs/taro'
import type { Session } from '../api/types'

/** Storage key of the signed-in session; the console on the same origin keeps its own (Taro wraps stored values). */
export const AUTH_STORAGE_KEY = 'kezhi.intake.auth'

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** Whether a stored value still looks like a session; anything else (an older format, another app's
 * value under the same key) counts as signed out instead of breaking the app. */
export function isSession(value: unknown): value is Session {
  return (
    isRecord(value) &&
    typeof value.accessToken === 'string' &&
    typeof value.refreshToken === 'string' &&
    isRecord(value.user) &&
    typeof value.user.displayName === 'string'
  )
}

export function readSession(): Session | undefined {
  try {
    const stored: unknown = Taro.getStorageSync(AUTH_STORAGE_KEY)
    return isSession(stored) ? stored : undefined
  } catch {
    return undefined
  }
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(AUTH_STORAGE_KEY, session)
}

export function clearSession(): void {
  Taro.removeStorageSync(AUTH_STORAGE_KEY)
}
