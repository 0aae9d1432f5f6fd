import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, type Language } from './strings'

export function isSupportedLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value)
}

/**
 * Maps a device language tag to a supported language. WeChat reports tags such as `zh_CN` or `en`,
 * browsers `zh-CN` or `en-GB`; anything that is not English falls back to Chinese.
 */
export function languageFromTag(tag: string | undefined | null): Language {
  if (!tag) return DEFAULT_LANGUAGE
  const primary = tag.toLowerCase().split(/[-_]/)[0]
  return primary === 'en' ? 'en-US' : DEFAULT_LANGUAGE
}
