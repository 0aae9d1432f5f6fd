import { describe, expect, it } from 'vitest';
import {
  defaultLanguage,
  isLanguage,
  languageStorageKey,
  readStoredLanguage,
  storeLanguage,
} from './language';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    values,
  };
}

describe('language choice', () => {
  it('is stored under kezhi.lang', () => {
    expect(languageStorageKey).toBe('kezhi.lang');
  });

  it('defaults to Chinese when nothing or something unknown is stored', () => {
    expect(defaultLanguage).toBe('zh-CN');
    expect(readStoredLanguage(memoryStorage())).toBe('zh-CN');
    expect(readStoredLanguage(memoryStorage({ 'kezhi.lang': 'fr-FR' }))).toBe('zh-CN');
    expect(readStoredLanguage(undefined)).toBe('zh-CN');
  });

  it('remembers a supported language', () => {
    const storage = memoryStorage();
    storeLanguage(storage, 'en-US');
    expect(storage.values.get('kezhi.lang')).toBe('en-US');
    expect(readStoredLanguage(storage)).toBe('en-US');
  });

  it('recognises only the supported languages', () => {
    expect(isLanguage('zh-CN')).toBe(true);
    expect(isLanguage('en-US')).toBe(true);
    expect(isLanguage('en')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});
