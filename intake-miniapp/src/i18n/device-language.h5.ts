/** The browser's preferred language tag (e.g. `zh-CN`, `en-GB`). */
export function deviceLanguageTag(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language
}
