import { PageContainer } from '@ant-design/pro-components';
import { history, useModel } from '@umijs/max';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { loginPath } from '@/api/client';
import { ApiRequestError } from '@/api/errors';
import type { AccountSession } from '@/api/types';
import { signOut } from '@/auth/session';
import { useMessage } from '@/components/AppProviders/message';
import { useMySessions, useRevokeSession } from '@/services/account';
import { deviceLabel } from './userAgent';

// Gives the <table> an accessible name (`getByRole('table', { name: '登录设备' })`).
function NamedTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
  const { t } = useTranslation();
  return <table {...props} aria-label={t('account.sessions.title')} />;
}

const dateTime = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

/** The own live sessions (one per browser or device); ending one signs that device out at once. */
export default function AccountSessionsPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const queryClient = useQueryClient();
  const { setInitialState } = useModel('@@initialState');
  const sessions = useMySessions();
  const revoke = useRevokeSession();

  const end = async (session: AccountSession) => {
    try {
      await revoke.mutateAsync(session.id);
    } catch (error) {
      message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));
      return;
    }
    if (!session.current) {
      message.success(t('account.sessions.revoked'));
      return;
    }
    // This browser's own session: its tokens no longer work, so sign out here too.
    await signOut();
    queryClient.clear();
    flushSync(() => {
      void setInitialState((state) => (state ? { ...state, currentUser: undefined } : state));
    });
    history.replace(loginPath);
  };

  const columns: TableColumnsType<AccountSession> = [
    {
      title: t('account.sessions.device'),
      key: 'device',
      render: (_, session) => (
        <>
          <Typography.Text title={session.userAgent ?? undefined}>
            {deviceLabel(session.userAgent, t('account.sessions.unknownDevice'))}
          </Typography.Text>
          {session.current && (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              {t('account.sessions.current')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('account.sessions.ip'),
      key: 'ip',
      render: (_, session) => session.ip ?? t('common.empty'),
    },
    {
      title: t('account.sessions.createdAt'),
      key: 'createdAt',
      render: (_, session) => dateTime(session.createdAt),
    },
    {
      title: t('account.sessions.lastUsedAt'),
      key: 'lastUsedAt',
      render: (_, session) => dateTime(session.lastUsedAt),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, session) => {
        const device = deviceLabel(session.userAgent, t('account.sessions.unknownDevice'));
        return (
          <Popconfirm
            title={t(
              session.current ? 'account.sessions.revokeCurrentConfirm' : 'account.sessions.revokeConfirm',
              {
                device,
              },
            )}
            okText={t('account.sessions.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, loading: revoke.isPending }}
            onConfirm={() => end(session)}
          >
            <Button
              type="link"
              danger
              size="small"
              aria-label={t('account.sessions.revokeNamed', { device })}
              style={{ paddingInline: 0 }}
            >
              {t('account.sessions.revoke')}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <PageContainer title={t('account.sessions.title')} subTitle={t('account.sessions.subtitle')}>
      {sessions.isError ? (
        <Alert type="error" showIcon message={sessions.error.message} />
      ) : (
        <Table<AccountSession>
          rowKey="id"
          columns={columns}
          dataSource={sessions.data}
          loading={sessions.isFetching}
          pagination={false}
          components={{ table: NamedTable }}
          scroll={{ x: 'max-content' }}
        />
      )}
    </PageContainer>
  );
}
