import { history, useLocation, useModel } from '@umijs/max';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import React, { useEffect } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { loginPath } from '@/api/client';
import { redirectTargetAfterLogin } from '@/auth/redirect';
import { fetchCurrentUser, signOut } from '@/auth/session';
import { useMessage } from '@/components/AppProviders/message';
import styles from '@/pages/user/login/index.css';
import { SignInFrame } from '@/pages/user/login/SignInFrame';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

/**
 * The forced password change (expired, or reset by an administrator): outside the layout, because
 * until it is done the server answers every other request with PASSWORD_CHANGE_REQUIRED.
 */
export default function PasswordChangePage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const message = useMessage();
  const queryClient = useQueryClient();
  const { initialState, setInitialState } = useModel('@@initialState');
  const user = initialState?.currentUser;

  useEffect(() => {
    document.title = `${t('account.password.pageTitle')} - ${t('app.name')}`;
  }, [t, i18n.language]);

  useEffect(() => {
    if (!user)
      history.replace(`${loginPath}?redirect=${encodeURIComponent(location.pathname + location.search)}`);
  }, [user, location.pathname, location.search]);

  const setUser = (currentUser: typeof user) =>
    flushSync(() => {
      void setInitialState((state) => (state ? { ...state, currentUser } : state));
    });

  const changed = async () => {
    // The user now comes back without the flag; the pages refused meanwhile may be asked again.
    const refreshed = await fetchCurrentUser();
    queryClient.clear();
    setUser(refreshed);
    message.success(t('account.password.changed'));
    history.replace(refreshed ? redirectTargetAfterLogin(location.search) : loginPath);
  };

  const leave = async () => {
    await signOut();
    queryClient.clear();
    setUser(undefined);
    history.replace(loginPath);
  };

  return (
    <SignInFrame headingId="password-heading">
      <h1 id="password-heading" className={styles.heading} style={{ marginTop: 16 }}>
        {t('account.password.pageTitle')}
      </h1>
      {user?.passwordChangeRequired && (
        <Alert className={styles.alert} type="warning" showIcon message={t('account.password.required')} />
      )}
      <ChangePasswordForm
        onChanged={() => void changed()}
        submitLabel={t('account.password.submitAndContinue')}
      />
      <Button type="link" onClick={() => void leave()} style={{ paddingInline: 0, marginTop: 8 }}>
        {t('user.logout')}
      </Button>
    </SignInFrame>
  );
}
