import { history, useLocation } from '@umijs/max';
import React, { useCallback, useEffect, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { destinationAfterSignIn, initialLoginStep, nextLoginStep } from '@/auth/loginFlow';
import { BrandLogo } from '@/components/BrandLogo';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import { RecoveryCodesPanel } from '@/pages/account/components/RecoveryCodesPanel';
import { CodeStep } from './CodeStep';
import { EnrolStep } from './EnrolStep';
import styles from './index.css';
import { PasswordStep } from './PasswordStep';
import { useFinishSignIn } from './useSignIn';

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const finishSignIn = useFinishSignIn();
  const [state, dispatch] = useReducer(nextLoginStep, initialLoginStep);

  useEffect(() => {
    document.title = `${t('login.pageTitle')} - ${t('app.name')}`;
  }, [t, i18n.language]);

  // The last step: keep the session, then a required password change comes before anything else.
  useEffect(() => {
    if (state.step !== 'signedIn') return;
    const user = finishSignIn(state.session);
    history.replace(destinationAfterSignIn(user, location.search));
    // Runs once per finished sign-in: a new location or callback must not sign in again.
  }, [state]);

  const expired = useCallback(() => dispatch({ type: 'challengeExpired' }), []);
  const restart = useCallback(() => dispatch({ type: 'restart' }), []);

  return (
    <div className={styles.page}>
      <header className={styles.toolbar}>
        <LanguageSwitch />
      </header>
      <main className={styles.main}>
        <section className={styles.panel} aria-labelledby="login-heading">
          <div className={styles.brand}>
            <BrandLogo size={40} />
            <p className={styles.brandName}>{t('app.name')}</p>
          </div>
          <p className={styles.tagline}>{t('app.tagline')}</p>
          {(state.step === 'password' || state.step === 'signedIn') && (
            <PasswordStep
              notice={state.step === 'password' && state.notice ? t('auth.challengeExpired') : undefined}
              onAccepted={(result) => dispatch({ type: 'passwordAccepted', result })}
            />
          )}
          {state.step === 'code' && (
            <CodeStep
              challengeToken={state.challengeToken}
              useRecoveryCode={state.useRecoveryCode}
              onToggleRecoveryCode={() => dispatch({ type: 'toggleRecoveryCode' })}
              onAccepted={(session) => dispatch({ type: 'codeAccepted', session })}
              onExpired={expired}
              onBack={restart}
            />
          )}
          {state.step === 'enrol' && (
            <EnrolStep
              challengeToken={state.challengeToken}
              onEnrolled={(session, recoveryCodes) => dispatch({ type: 'enrolled', session, recoveryCodes })}
              onExpired={expired}
              onBack={restart}
            />
          )}
          {state.step === 'recoveryCodes' && (
            <>
              <h1 id="login-heading" className={styles.heading}>
                {t('account.recoveryCodes.heading')}
              </h1>
              <RecoveryCodesPanel
                codes={state.recoveryCodes}
                onDone={() => dispatch({ type: 'codesSaved' })}
              />
            </>
          )}
        </section>
      </main>
    </div>
  );
}
