import { Form, Input } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseTotpCode } from '@/auth/loginFlow';

/** The 6-digit code of the authenticator app, as a form field named `code`. */
export function MfaCodeField({ autoFocus }: { autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="code"
      label={t('account.mfa.code')}
      extra={t('account.mfa.codeHint')}
      rules={[
        {
          validator: async (_, value: string | undefined) => {
            if (!value?.trim()) throw new Error(t('account.mfa.codeRequired'));
            if (!normaliseTotpCode(value)) throw new Error(t('account.mfa.codeInvalid'));
          },
        },
      ]}
    >
      <Input
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={12}
        autoFocus={autoFocus}
        size="large"
        style={{ letterSpacing: 4 }}
      />
    </Form.Item>
  );
}
