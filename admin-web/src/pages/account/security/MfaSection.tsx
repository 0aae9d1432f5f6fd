import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Skeleton, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, mapFieldErrors } from '@/api/errors';
import { normaliseTotpCode } from '@/auth/loginFlow';
import { useMessage } from '@/components/AppProviders/message';
import {
  useDisableMfa,
  useEnableMfa,
  useMfaStatus,
  useRegenerateRecoveryCodes,
  useStartMfaSetup,
} from '@/services/account';
import { MfaCodeField } from '../components/MfaCodeField';
import { MfaEnrolment } from '../components/MfaEnrolment';
import { RecoveryCodesPanel } from '../components/RecoveryCodesPanel';

const errorText = (error: Error | null, fallback: string) =>
  error ? (error instanceof ApiRequestError ? error.message : fallback) : undefined;

/** Turning two-factor authentication on: the QR code, a first code, then the recovery codes once. */
function EnableDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const setup = useStartMfaSetup();
  const enable = useEnableMfa();
  const [codes, setCodes] = useState<string[]>();
  const { mutate: startSetup } = setup;

  // A new secret each time the dialog opens (the server keeps only the latest unconfirmed one).
  React.useEffect(() => startSetup(), [startSetup]);

  return (
    <Modal
      open
      title={codes ? t('account.recoveryCodes.heading') : t('account.mfa.enableTitle')}
      footer={null}
      // Once the codes are shown, only "I saved them" closes the dialog.
      closable={!codes}
      maskClosable={false}
      onCancel={onClose}
      destroyOnHidden
    >
      {codes ? (
        <RecoveryCodesPanel
          codes={codes}
          onDone={() => {
            message.success(t('account.mfa.enabled'));
            onClose();
          }}
        />
      ) : (
        <MfaEnrolment
          setup={setup.data}
          error={errorText(setup.error ?? enable.error, t('common.requestFailed'))}
          submitting={enable.isPending}
          onSubmit={(code) =>
            enable.mutate(code, { onSuccess: ({ recoveryCodes }) => setCodes(recoveryCodes) })
          }
          extra={<Button onClick={onClose}>{t('common.cancel')}</Button>}
        />
      )}
    </Modal>
  );
}

/** A new set of recovery codes, confirmed with a current code; the old ones stop working. */
function RegenerateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const regenerate = useRegenerateRecoveryCodes();
  const codes = regenerate.data?.recoveryCodes;
  return (
    <Modal
      open
      title={t('account.mfa.regenerateTitle')}
      footer={null}
      closable={!codes}
      maskClosable={false}
      onCancel={onClose}
      destroyOnHidden
    >
      {codes ? (
        <RecoveryCodesPanel codes={codes} onDone={onClose} />
      ) : (
        <Form<{ code: string }>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={regenerate.isPending}
          onFinish={({ code }) => regenerate.mutate(normaliseTotpCode(code) ?? code)}
        >
          <Alert
            type="info"
            showIcon
            message={t('account.mfa.regenerateIntro')}
            style={{ marginBottom: 16 }}
          />
          {regenerate.error && (
            <Alert
              type="error"
              showIcon
              message={errorText(regenerate.error, t('common.requestFailed'))}
              style={{ marginBottom: 16 }}
            />
          )}
          <MfaCodeField autoFocus />
          <Space>
            <Button type="primary" htmlType="submit" loading={regenerate.isPending}>
              {t('account.mfa.regenerateSubmit')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Modal>
  );
}

/** Turning two-factor authentication off takes the password. */
function DisableDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<{ password: string }>();
  const disable = useDisableMfa();
  const [problem, setProblem] = useState<string>();

  const submit = async ({ password }: { password: string }) => {
    setProblem(undefined);
    try {
      await disable.mutateAsync(password);
      message.success(t('account.mfa.disabled'));
      onClose();
    } catch (error) {
      if (!(error instanceof ApiRequestError)) {
        setProblem(t('common.requestFailed'));
        return;
      }
      const { fields } = mapFieldErrors(error.details, ['password'] as const);
      form.setFields(fields);
      if (fields.length === 0) setProblem(error.message);
    }
  };

  return (
    <Modal
      open
      title={t('account.mfa.disableTitle')}
      okText={t('account.mfa.disableSubmit')}
      okButtonProps={{ danger: true, loading: disable.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<{ password: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
      >
        <Alert type="warning" showIcon message={t('account.mfa.disableIntro')} style={{ marginBottom: 16 }} />
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="password"
          label={t('account.mfa.password')}
          rules={[{ required: true, message: t('account.password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Dialog = 'enable' | 'regenerate' | 'disable';

export function MfaSection() {
  const { t } = useTranslation();
  const status = useMfaStatus();
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);
  const data = status.data;

  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('account.mfa.title')}
        </Space>
      }
    >
      {!data ? (
        status.isError ? (
          <Alert type="error" showIcon message={status.error.message} />
        ) : (
          <Skeleton active paragraph={{ rows: 2 }} />
        )
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('account.mfa.status')}>
              {data.enabled ? (
                <Tag color="green">{t('account.mfa.on')}</Tag>
              ) : (
                <Tag>{t('account.mfa.off')}</Tag>
              )}
              {data.enabled && data.enabledAt && (
                <span>
                  {t('account.mfa.enabledAt', { time: dayjs(data.enabledAt).format('YYYY-MM-DD HH:mm') })}
                </span>
              )}
            </Descriptions.Item>
            {data.enabled && (
              <Descriptions.Item label={t('account.mfa.recoveryCodesLeft')}>
                {t('account.mfa.recoveryCodesCount', { count: data.recoveryCodesLeft })}
              </Descriptions.Item>
            )}
          </Descriptions>
          {data.required && <Alert type="info" showIcon message={t('account.mfa.requiredByRole')} />}
          {data.enabled && data.recoveryCodesLeft <= 2 && (
            <Alert type="warning" showIcon message={t('account.mfa.fewRecoveryCodes')} />
          )}
          <Space wrap>
            {data.enabled ? (
              <>
                <Button onClick={() => setDialog('regenerate')}>{t('account.mfa.regenerate')}</Button>
                {!data.required && (
                  <Button danger onClick={() => setDialog('disable')}>
                    {t('account.mfa.disable')}
                  </Button>
                )}
              </>
            ) : (
              <Button type="primary" onClick={() => setDialog('enable')}>
                {t('account.mfa.enableTitle')}
              </Button>
            )}
          </Space>
        </Space>
      )}
      {dialog === 'enable' && <EnableDialog onClose={close} />}
      {dialog === 'regenerate' && <RegenerateDialog onClose={close} />}
      {dialog === 'disable' && <DisableDialog onClose={close} />}
    </Card>
  );
}
