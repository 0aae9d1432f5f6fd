import 'i18next';
import type zhCN from '@/locales/zh-CN.json';

// Makes `t('some.key')` a compile error when the key is missing from the Chinese messages;
// the locale parity test keeps the English file in step.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
