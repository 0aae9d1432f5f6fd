import Taro from '@tarojs/taro'
import { useCallback, useSyncExternalStore } from 'react'
import { deviceLanguageTag } from './device-language'
import { isSupportedLanguage, languageFromTag } from './language-tag'
import { translate, type Language, type StringKey, type StringParams } from './strings'

/** Storage key of the user's own language choice, apart from the console's (Taro wraps stored values). */
export const LANGUAGE_STORAGE_KEY = 'kezhi.intake.lang'

function readStoredLanguage(): Language | undefined {
  try {
    const stored: unknown = Taro.getStorageSync(LANGUAGE_STORAGE_KEY)
    return isSupportedLanguage(stored) ? stored : undefined
  } catch {
    return undefined
  }
}

let currentLanguage: Language | undefined
const listeners = new Set<() => void>()

export function getLanguage(): Language {
  if (!currentLanguage) currentLanguage = readStoredLanguage() ?? languageFromTag(deviceLanguageTag())
  return currentLanguage
}

/** Remembers the user's explicit choice; it then wins over the device language. */
export function setLanguage(language: Language): void {
  currentLanguage = language
  Taro.setStorageSync(LANGUAGE_STORAGE_KEY, language)
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.lang = language
  }
  listeners.forEach((listener) => listener())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export interface StringsApi {
  language: Language
  t: (key: StringKey, params?: StringParams) => string
  toggleLanguage: () => void
}

export function useStrings(): StringsApi {
  const language = useSyncExternalStore(subscribe, getLanguage, getLanguage)
  const t = useCallback((key: StringKey, params?: StringParams) => translate(language, key, params), [language])
  const toggleLanguage = useCallback(() => setLanguage(language === 'zh-CN' ? 'en-US' : 'zh-CN'), [language])
  return { language, t, toggleLanguage }
}
