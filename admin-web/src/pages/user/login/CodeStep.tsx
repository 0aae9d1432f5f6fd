import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginResponse, MfaVerifyRequest } from '@/api/types';
import { normaliseTotpCode } from '@/auth/loginFlow';
import { verifyMfa } from '@/auth/session';
import { MfaCodeField } from '@/pages/account/components/MfaCodeField';
import styles from './index.css';
import { failureMessage, isChallengeExpired } from './failure';

interface CodeStepProps {
  challengeToken: string;
  useRecoveryCode: boolean;
  onToggleRecoveryCode: () => void;
  onAccepted: (session: LoginResponse) => void;
  onExpired: () => void;
  onBack: () => void;
}

/** The second step: a code of the authenticator app, or one of the recovery codes. */
export function CodeStep({
  challengeToken,
  useRecoveryCode,
  onToggleRecoveryCode,
  onAccepted,
  onExpired,
  onBack,
}: CodeStepProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code?: string; recoveryCode?: string }>();
  const verify = useMutation({ mutationFn: (body: MfaVerifyRequest) => verifyMfa(body) });

  const submit = ({ code, recoveryCode }: { code?: string; recoveryCode?: string }) => {
    const body: MfaVerifyRequest = useRecoveryCode
      ? { challengeToken, recoveryCode: recoveryCode?.trim() ?? '' }
      : { challengeToken, code: normaliseTotpCode(code ?? '') ?? '' };
    verify.mutate(body, {
      onSuccess: onAccepted,
      onError: (error) => {
        if (isChallengeExpired(error)) onExpired();
      },
    });
  };

  const toggle = () => {
    verify.reset();
    form.resetFields();
    onToggleRecoveryCode();
  };

  const problem = failureMessage(verify.error, t);

  return (
    <>
      <h1 id="login-heading" className={styles.heading}>
        {t('auth.code.heading')}
      </h1>
      <p className={styles.tagline}>{t(useRecoveryCode ? 'auth.code.recoveryIntro' : 'auth.code.intro')}</p>
      {problem && <Alert className={styles.alert} type="error" showIcon message={problem} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        onValuesChange={() => {
          if (verify.isError) verify.reset();
        }}
        disabled={verify.isPending}
      >
        {useRecoveryCode ? (
          <Form.Item
            name="recoveryCode"
            label={t('auth.code.recoveryCode')}
            rules={[{ required: true, whitespace: true, message: t('auth.code.recoveryCodeRequired') }]}
          >
            <Input autoComplete="off" autoFocus size="large" spellCheck={false} />
          </Form.Item>
        ) : (
          <MfaCodeField autoFocus />
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={verify.isPending}>
            {t('auth.code.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Button type="link" onClick={toggle} style={{ paddingInline: 0 }}>
          {t(useRecoveryCode ? 'auth.code.useAppCode' : 'auth.code.useRecoveryCode')}
        </Button>
        <Button type="link" onClick={onBack} style={{ paddingInline: 0 }}>
          {t('auth.backToLogin')}
        </Button>
      </Space>
    </>
  );
}
