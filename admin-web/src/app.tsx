import { history, type RunTimeLayoutConfig } from '@umijs/max';
import React from 'react';
import { loginPath } from '@/api/client';
import { loadInitialState, type InitialState } from '@/auth/initialState';
import { passwordChangePath } from '@/auth/loginFlow';
import { AppProviders } from '@/components/AppProviders';
import { BrandLogo } from '@/components/BrandLogo';
import { i18n } from '@/i18n';

// Umi runtime configuration: https://umijs.org/docs/api/runtime-config

export async function getInitialState(): Promise<InitialState> {
  return loadInitialState();
}

export function rootContainer(container: React.ReactElement) {
  return <AppProviders>{container}</AppProviders>;
}

// Route `name`s become `menu.<name>` ids in ProLayout; each maps to a message here.
const menuTitles: Record<string, () => string> = {
  'menu.customers': () => i18n.t('menu.customers'),
  'menu.trash': () => i18n.t('menu.trash'),
  'menu.customerDetail': () => i18n.t('menu.customerDetail'),
  'menu.feedback': () => i18n.t('menu.feedback'),
  'menu.feedback.inbox': () => i18n.t('menu.feedbackInbox'),
  'menu.feedback.stats': () => i18n.t('menu.feedbackStats'),
  'menu.channels': () => i18n.t('menu.channels'),
  'menu.settings': () => i18n.t('menu.settings'),
  'menu.settings.tags': () => i18n.t('menu.tags'),
  'menu.settings.groups': () => i18n.t('menu.groups'),
  'menu.settings.levels': () => i18n.t('menu.levels'),
  'menu.settings.relationshipTypes': () => i18n.t('menu.relationshipTypes'),
  'menu.settings.customFields': () => i18n.t('menu.customFields'),
  'menu.accountSecurity': () => i18n.t('menu.accountSecurity'),
  'menu.accountSessions': () => i18n.t('menu.accountSessions'),
  'menu.system': () => i18n.t('menu.system'),
  'menu.system.users': () => i18n.t('menu.users'),
  'menu.system.roles': () => i18n.t('menu.roles'),
  'menu.system.teams': () => i18n.t('menu.teams'),
  'menu.system.audit': () => i18n.t('menu.audit'),
  'menu.system.apiKeys': () => i18n.t('menu.apiKeys'),
  'menu.system.security': () => i18n.t('menu.security'),
  'menu.system.backups': () => i18n.t('menu.backups'),
  'menu.system.webhooks': () => i18n.t('menu.webhooks'),
  'menu.data': () => i18n.t('menu.data'),
  'menu.data.imports': () => i18n.t('menu.imports'),
  'menu.data.importDetail': () => i18n.t('menu.importDetail'),
  'menu.data.exports': () => i18n.t('menu.exports'),
};

// Loaded on demand: the entry chunk is what the login page waits for, and neither the header nor
// the 403/404 illustrations are needed there.
const ExceptionResult = React.lazy(() =>
  import('@/components/ExceptionResult').then((module) => ({ default: module.ExceptionResult })),
);
const HeaderActions = React.lazy(() =>
  import('@/components/HeaderActions').then((module) => ({ default: module.HeaderActions })),
);

export const layout: RunTimeLayoutConfig = ({ initialState }) => ({
  title: i18n.t('app.name'),
  logo: <BrandLogo />,
  layout: 'mix',
  navTheme: 'light',
  menu: { locale: true },
  formatMessage: ({ id, defaultMessage }) => menuTitles[id]?.() ?? defaultMessage ?? id,
  rightRender: () => (
    <React.Suspense fallback={null}>
      <HeaderActions />
    </React.Suspense>
  ),
  onPageChange: (location) => {
    // A required password change comes before every page (the server would refuse them anyway).
    if (initialState?.currentUser?.passwordChangeRequired && location) {
      const redirect = encodeURIComponent(`${location.pathname}${history.location.search}`);
      history.replace(`${passwordChangePath}?redirect=${redirect}`);
      return;
    }
    if (initialState?.currentUser || !location || location.pathname === loginPath) return;
    const redirect = encodeURIComponent(`${location.pathname}${history.location.search}`);
    history.replace(`${loginPath}?redirect=${redirect}`);
  },
  unAccessible: (
    <React.Suspense fallback={null}>
      <ExceptionResult kind="forbidden" />
    </React.Suspense>
  ),
  noFound: (
    <React.Suspense fallback={null}>
      <ExceptionResult kind="notFound" />
    </React.Suspense>
  ),
});
