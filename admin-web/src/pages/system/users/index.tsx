import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useAccess, useModel } from '@umijs/max';
import { Button, Dropdown, Modal, Popconfirm, Space, Tag, type MenuProps } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useManagedUsers, useResetMfa, useUnbindWechat, useUnlockUser, useUpdateUser } from '@/services/system';
import { useNamedTable } from '../components/NamedTable';
import { useFail } from '../components/useFail';
import { HandoverModal } from './HandoverModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: ManagedUser }
  | { kind: 'resetPassword'; user: ManagedUser }
  | { kind: 'handover'; user: ManagedUser };

const isLocked = (user: ManagedUser) => user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs());

function UserStatus({ user }: { user: ManagedUser }) {
  const { t } = useTranslation();
  if (user.disabled) return <Tag>{t('system.users.status.disabled')}</Tag>;
  if (isLocked(user)) return <Tag color="red">{t('system.users.status.locked')}</Tag>;
  return <Tag color="green">{t('system.users.status.active')}</Tag>;
}

function UserRowActions({
  user,
  isSelf,
  open,
}: {
  user: ManagedUser;
  isSelf: boolean;
  open: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  const fail = useFail();
  const [modal, modalContext] = Modal.useModal();
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const resetMfa = useResetMfa();
  const unbindWechat = useUnbindWechat();

  const setDisabled = async (disabled: boolean) => {
    try {
      await update.mutateAsync({ id: user.id, patch: { disabled } });
      message.success(t(disabled ? 'system.users.disabledDone' : 'system.users.enabledDone', { name: user.displayName }));
    } catch (error) {
      fail(error);
    }
  };

  // Each runs after a confirmation; the dialog waits for the call and shows its failure as a toast.
  const confirm = (title: string, content: string | undefined, okText: string, run: () => Promise<unknown>, danger = false) =>
    modal.confirm({
      title,
      content,
      okText,
      okButtonProps: { danger },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await run();
        } catch (error) {
          fail(error);
        }
      },
    });

  const more: MenuProps['items'] = [
    {
      key: 'resetPassword',
      label: t('system.users.resetPassword'),
      onClick: () => open({ kind: 'resetPassword', user }),
    },
    ...(isLocked(user)
      ? [
          {
            key: 'unlock',
            label: t('system.users.unlock'),
            onClick: () =>
              confirm(t('system.users.unlockConfirm', { name: user.displayName }), undefined, t('system.users.unlock'), async () => {
                await unlock.mutateAsync(user.id);
                message.success(t('system.users.unlockedDone', { name: user.displayName }));
              }),
          },
        ]
      : []),
    ...(user.mfaEnabled
      ? [
          {
            key: 'resetMfa',
            danger: true,
            label: t('system.users.resetMfa'),
            onClick: () =>
              confirm(
                t('system.users.resetMfaConfirm', { name: user.displayName }),
                t('system.users.resetMfaWarning'),
                t('system.users.resetMfa'),
                async () => {
                  await resetMfa.mutateAsync(user.id);
                  message.success(t('system.users.mfaResetDone', { name: user.displayName }));
                },
                true,
              ),
          },
        ]
      : []),
    // A lost or handed-on phone must stop signing in with one tap.
    ...(user.wechatBound
      ? [
          {
            key: 'unbindWechat',
            danger: true,
            label: t('system.users.unbindWechat'),
            onClick: () =>
              confirm(
                t('system.users.unbindWechatConfirm', { name: user.displayName }),
                t('system.users.unbindWechatWarning'),
                t('system.users.unbindWechat'),
                async () => {
                  await unbindWechat.mutateAsync(user.id);
                  message.success(t('system.users.wechatUnbindDone', { name: user.displayName }));
                },
                true,
              ),
          },
        ]
      : []),
    // Moving customers between owners also needs customer:assign.
    ...(access.canAssignOwner && !isSelf
      ? [{ key: 'handover', label: t('system.users.handover'), onClick: () => open({ kind: 'handover', user }) }]
      : []),
  ];

  return (
    <Space size={0} role="group" aria-label={t('system.rowActions', { name: user.displayName })}>
      {modalContext}
      <Button type="link" size="small" onClick={() => open({ kind: 'edit', user })}>
        {t('common.edit')}
      </Button>
      {!isSelf &&
        (user.disabled ? (
          <Popconfirm
            title={t('system.users.enableConfirm', { name: user.displayName })}
            okText={t('system.users.enable')}
            cancelText={t('common.cancel')}
            onConfirm={() => setDisabled(false)}
          >
            <Button type="link" size="small">
              {t('system.users.enable')}
            </Button>
          </Popconfirm>
        ) : (
          <Popconfirm
            title={t('system.users.disableConfirm', { name: user.displayName })}
            description={t('system.users.disableWarning')}
            okText={t('system.users.disable')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => setDisabled(true)}
          >
            <Button type="link" size="small" danger>
              {t('system.users.disable')}
            </Button>
          </Popconfirm>
        ))}
      <Dropdown menu={{ items: more }} trigger={['click']}>
        <Button type="link" size="small">
          {t('system.more')}
        </Button>
      </Dropdown>
    </Space>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { initialState } = useModel('@@initialState');
  const users = useManagedUsers();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const table = useNamedTable(t('system.users.title'));
  const empty = t('common.empty');
  const selfId = initialState?.currentUser?.id;

  const columns: ProColumns<ManagedUser>[] = [
    { title: t('system.users.fields.username'), key: 'username', dataIndex: 'username', width: 120 },
    {
      title: t('system.users.fields.displayName'),
      key: 'displayName',
      width: 120,
      render: (_, user) => (user.id === selfId ? `${user.displayName}${t('system.users.you')}` : user.displayName),
    },
    { title: t('system.users.fields.role'), key: 'role', dataIndex: 'roleName', width: 110 },
    { title: t('system.users.fields.team'), key: 'team', dataIndex: 'teamName', width: 120 },
    { title: t('system.users.fields.status'), key: 'status', width: 90, render: (_, user) => <UserStatus user={user} /> },
    {
      title: t('system.users.fields.mfa'),
      key: 'mfa',
      width: 100,
      render: (_, user) =>
        user.mfaEnabled ? <Tag color="blue">{t('system.users.mfaOn')}</Tag> : t('system.users.mfaOff'),
    },
    {
      title: t('system.users.fields.wechat'),
      key: 'wechat',
      width: 90,
      // Bound staff sign in to the intake app with one tap.
      render: (_, user) =>
        user.wechatBound ? <Tag color="green">{t('system.users.wechatBound')}</Tag> : t('system.users.wechatUnbound'),
    },
    {
      title: t('system.users.fields.lastLogin'),
      key: 'lastLogin',
      width: 150,
      render: (_, user) => (user.lastLoginAt ? dayjs(user.lastLoginAt).format('YYYY-MM-DD HH:mm') : t('system.never')),
    },
    {
      title: t('system.users.fields.customers'),
      key: 'customers',
      width: 80,
      align: 'right',
      render: (_, user) => user.customerCount ?? empty,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, user) => <UserRowActions user={user} isSelf={user.id === selfId} open={setDialog} />,
    },
  ];

  return (
    <PageContainer title={t('system.users.title')}>
      <ProTable<ManagedUser>
        rowKey="id"
        columns={columns}
        dataSource={users.data}
        loading={users.isFetching}
        search={false}
        options={false}
        pagination={false}
        headerTitle={t('system.users.title')}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('system.users.create')}
          </Button>,
        ]}
      />
      {dialog?.kind === 'create' && <UserFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'resetPassword' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'handover' && <HandoverModal user={dialog.user} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
