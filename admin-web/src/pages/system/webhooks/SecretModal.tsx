import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '@/components/AppProviders/message';

/** A signing secret, shown this once (after create or rotation): the server never shows it in full again. */
export function SecretModal({
  title,
  secret,
  onClose,
}: {
  title: string;
  secret: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      message.success(t('system.webhooks.secret.copied'));
    } catch {
      message.error(t('system.webhooks.secret.copyFailed'));
    }
  };
  return (
    <Modal
      open
      width={640}
      title={title}
      maskClosable={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('system.webhooks.secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('system.webhooks.secret.shownOnce')} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          readOnly
          value={secret}
          aria-label={t('system.webhooks.secret.label')}
          onFocus={(event) => event.target.select()}
          style={{ fontFamily: 'monospace' }}
        />
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('system.webhooks.secret.copy')}
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('system.webhooks.secret.howToVerify')}
      </Typography.Paragraph>
    </Modal>
  );
}
