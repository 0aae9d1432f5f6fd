import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@/i18n/language';
import { currentLanguage } from '@/i18n';
import { queryClient } from '@/queryClient';
import { MessageProvider } from './message';

const antdLocales: Record<Language, Locale> = { 'zh-CN': zhCN, 'en-US': enUS };

export function AppProviders({ children }: { children: React.ReactNode }) {
  // Subscribes to language changes so antd's own texts (pagination, empty tables…) follow.
  useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={antdLocales[currentLanguage()]}
        // antd would render "登录" as "登 录", which breaks finding buttons by their text.
        button={{ autoInsertSpace: false }}
      >
        <MessageProvider>{children}</MessageProvider>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
