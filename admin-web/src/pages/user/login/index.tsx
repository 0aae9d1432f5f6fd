import { history, useLocation } from '@umijs/max';
import React, { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  destinationAfterSignIn,
  initialLoginStep,
  nextLoginStep,
  type LoginEvent,
  type LoginStep,
} from '@/auth/loginFlow';
import { RecoveryCodesPanel } from '@/pages/account/components/RecoveryCodesPanel';
import { CodeStep } from './CodeStep';
import { EnrolStep } from './EnrolStep';
import styles from './index.css';
import { PasswordStep } from './PasswordStep';
import { SignInFrame } from './SignInFrame';
import { useFinishSignIn } from './useSignIn';

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const finishSignIn = useFinishSignIn();
  const [state, setState] = useState<LoginStep>(initialLoginStep);

  useEffect(() => {
    document.title = `${t('login.pageTitle')} - ${t('app.name')}`;
  }, [t, i18n.language]);

  // Called from the steps' answers (outside React's render and effects, so the user can be put into
  // the initial state synchronously before the next page renders). The last step keeps the session;
  // a required password change then comes before anything else.
  const dispatch = (event: LoginEvent) => {
    const next = nextLoginStep(state, event);
    if (next.step !== 'signedIn') {
      setState(next);
      return;
    }
    const user = finishSignIn(next.session);
    history.replace(destinationAfterSignIn(user, location.search));
  };

  const expired = useCallback(
    () => setState((current) => nextLoginStep(current, { type: 'challengeExpired' })),
    [],
  );
  const restart = useCallback(() => setState(initialLoginStep), []);

  return (
    <SignInFrame headingId="login-heading">
      <p className={styles.tagline}>{t('app.tagline')}</p>
      {state.step === 'password' && (
        <PasswordStep
          notice={state.notice ? t('auth.challengeExpired') : undefined}
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
          <RecoveryCodesPanel codes={state.recoveryCodes} onDone={() => dispatch({ type: 'codesSaved' })} />
        </>
      )}
    </SignInFrame>
  );
}
