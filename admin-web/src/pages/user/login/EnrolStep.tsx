import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import React, { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResponse } from '@/api/types';
import { finishMfaEnrolment, startMfaEnrolment } from '@/auth/session';
import { MfaEnrolment } from '@/pages/account/components/MfaEnrolment';
import styles from './index.css';
import { failureMessage, isChallengeExpired } from './failure';

interface EnrolStepProps {
  challengeToken: string;
  onEnrolled: (session: LoginResponse, recoveryCodes: string[]) => void;
  onExpired: () => void;
  onBack: () => void;
}

/** The role requires two-factor authentication and the account has none yet: enrol before signing in. */
export function EnrolStep({ challengeToken, onEnrolled, onExpired, onBack }: EnrolStepProps) {
  const { t } = useTranslation();
  // One secret per challenge: a query (not refetched) so that a re-render does not make a new one.
  const setup = useQuery({
    queryKey: ['auth', 'mfa-setup', challengeToken],
    queryFn: () => startMfaEnrolment(challengeToken),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const enable = useMutation({ mutationFn: (code: string) => finishMfaEnrolment(challengeToken, code) });

  const submit = (code: string) =>
    enable.mutate(code, {
      onSuccess: ({ recoveryCodes, ...session }) => onEnrolled(session, recoveryCodes),
      onError: (error) => {
        if (isChallengeExpired(error)) onExpired();
      },
    });

  const setupExpired = setup.isError && isChallengeExpired(setup.error);
  useEffect(() => {
    if (setupExpired) onExpired();
  }, [setupExpired, onExpired]);

  return (
    <>
      <h1 id="login-heading" className={styles.heading}>
        {t('auth.enrol.heading')}
      </h1>
      <p className={styles.tagline}>{t('auth.enrol.required')}</p>
      <MfaEnrolment
        setup={setup.data}
        error={failureMessage(setup.error ?? enable.error, t)}
        submitting={enable.isPending}
        onSubmit={submit}
        extra={
          <Button type="link" onClick={onBack}>
            {t('auth.backToLogin')}
          </Button>
        }
      />
    </>
  );
}
