import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { recoveryCodesFile } from '@/auth/loginFlow';
import { useMessage } from '@/components/AppProviders/message';

/**
 * The recovery codes, shown once (the server keeps only their hashes): copy, download, and a button
 * that confirms the person kept them.
 */
export function RecoveryCodesPanel({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const text = recoveryCodesFile(codes, t('account.recoveryCodes.fileHeading'));

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      message.success(t('account.recoveryCodes.copied'));
    } catch {
      // Without clipboard access (an insecure origin, a refused permission) the codes stay on screen.
      message.error(t('account.recoveryCodes.copyFailed'));
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'kezhi-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="warning" showIcon message={t('account.recoveryCodes.intro')} />
      <ul
        aria-label={t('account.recoveryCodes.listName')}
        style={{
          columns: 2,
          margin: 0,
          padding: '12px 16px',
          listStyle: 'none',
          background: '#fafafa',
          borderRadius: 8,
          fontFamily: 'monospace',
          fontSize: 15,
        }}
      >
        {codes.map((code) => (
          <li key={code}>
            <Typography.Text code>{code}</Typography.Text>
          </li>
        ))}
      </ul>
      <Space wrap>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('account.recoveryCodes.copy')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t('account.recoveryCodes.download')}
        </Button>
      </Space>
      <Button type="primary" block onClick={onDone}>
        {t('account.recoveryCodes.saved')}
      </Button>
    </Space>
  );
}
