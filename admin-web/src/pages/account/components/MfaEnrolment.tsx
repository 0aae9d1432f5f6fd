import { Alert, Button, Form, Skeleton, Space, Typography } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { MfaSetup } from '@/api/types';
import { normaliseTotpCode } from '@/auth/loginFlow';
import { MfaCodeField } from './MfaCodeField';

export interface MfaEnrolmentProps {
  /** The new secret; undefined while it is being created. */
  setup: MfaSetup | undefined;
  /** Why the secret could not be created, or the last code refused. */
  error?: string;
  submitting: boolean;
  onSubmit: (code: string) => void;
  /** Anything to offer beside the confirm button (cancel, back to sign-in). */
  extra?: React.ReactNode;
}

/** Scan the QR code (or type the secret), then confirm with a first code: used at sign-in and on the account page. */
export function MfaEnrolment({ setup, error, submitting, onSubmit, extra }: MfaEnrolmentProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('account.mfa.enrolIntro')}</Typography.Paragraph>
      {setup ? (
        <>
          <img
            src={setup.qrCodeDataUrl}
            alt={t('account.mfa.qrAlt')}
            width={180}
            height={180}
            style={{ display: 'block', margin: '0 auto', imageRendering: 'pixelated' }}
          />
          <div>
            <Typography.Text type="secondary" id="mfa-secret-label">
              {t('account.mfa.secret')}
            </Typography.Text>
            <Typography.Paragraph
              aria-labelledby="mfa-secret-label"
              copyable={{ text: setup.secret }}
              style={{ fontFamily: 'monospace', wordBreak: 'break-all', marginBottom: 0 }}
            >
              {setup.secret}
            </Typography.Paragraph>
          </div>
        </>
      ) : error ? null : (
        <Skeleton.Image active style={{ width: 180, height: 180 }} />
      )}
      {error && <Alert type="error" showIcon message={error} />}
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={!setup || submitting}
        onFinish={({ code }) => onSubmit(normaliseTotpCode(code) ?? code)}
      >
        <MfaCodeField />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t('account.mfa.enable')}
          </Button>
          {extra}
        </Space>
      </Form>
    </Space>
  );
}
