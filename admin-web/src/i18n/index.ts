import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from '@/locales/en-US.json';
import zhCN from '@/locales/zh-CN.json';
import { defaultLanguage, readStoredLanguage, storeLanguage, type Language } from './language';

function browserStorage(): Storage | undefined {
  return typeof window === 'undefined' ? undefined : window.localStorage;
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zhCN },
    'en-US': { translation: enUS },
  },
  lng: readStoredLanguage(browserStorage()),
  fallbackLng: defaultLanguage,
  // React already escapes rendered text.
  interpolation: { escapeValue: false },
  // Resources are bundled, so the first render can already use them.
  initAsync: false,
});

export function currentLanguage(): Language {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

function reflectLanguageInDocument(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

reflectLanguageInDocument(currentLanguage());

export async function switchLanguage(language: Language): Promise<void> {
  storeLanguage(browserStorage(), language);
  await i18n.changeLanguage(language);
  reflectLanguageInDocument(language);
}
