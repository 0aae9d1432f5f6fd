import { KeyOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Link } from '@umijs/max';
import { Card, Space } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '@/components/AppProviders/message';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { MfaSection } from './MfaSection';

/** 账号安全: the own password and two-factor authentication. */
export default function AccountSecurityPage() {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <PageContainer
      title={t('account.security.title')}
      extra={<Link to="/account/sessions">{t('account.sessions.title')}</Link>}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card
          title={
            <Space>
              <KeyOutlined />
              {t('account.password.title')}
            </Space>
          }
        >
          <ChangePasswordForm onChanged={() => message.success(t('account.password.changedOthersEnded'))} />
        </Card>
        <MfaSection />
      </Space>
    </PageContainer>
  );
}
