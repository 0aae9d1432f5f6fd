// Which console languages exist and how the choice is remembered (docs/contract.md:
// localStorage `kezhi.lang`, sent to the API as Accept-Language). Free of React and Umi
// so that it can be unit-tested and used by the API client.
export const supportedLanguages = ['zh-CN', 'en-US'] as const;

export type Language = (typeof supportedLanguages)[number];

// Kezhi serves Chinese businesses first: the browser's own language is not consulted, so a
// console opened on an English-language browser still starts in Chinese.
export const defaultLanguage: Language = 'zh-CN';

export const languageStorageKey = 'kezhi.lang';

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.some((language) => language === value);
}

export function readStoredLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  const stored = storage?.getItem(languageStorageKey);
  return isLanguage(stored) ? stored : defaultLanguage;
}

export function storeLanguage(storage: Pick<Storage, 'setItem'> | undefined, language: Language): void {
  storage?.setItem(languageStorageKey, language);
}
