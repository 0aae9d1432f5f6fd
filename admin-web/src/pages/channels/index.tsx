import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Link, useAccess } from '@umijs/max';
import { Button, Empty, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { ConfirmAction } from '@/pages/system/components/ConfirmAction';
import { useNamedTable } from '@/pages/system/components/NamedTable';
import { useFail } from '@/pages/system/components/useFail';
import { useChannels, useDeleteChannel, useReissueChannel, useUpdateChannel } from '@/services/channels';
import { ChannelFormModal } from './ChannelFormModal';
import { channelStatus, type ChannelStatus } from './channelState';
import { QrCodeModal } from './QrCodeModal';

const statusColors: Record<ChannelStatus, string | undefined> = { active: 'green', disabled: undefined, expired: 'orange' };

export default function ChannelsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  const fail = useFail();
  const channels = useChannels();
  const update = useUpdateChannel();
  const reissue = useReissueChannel();
  const remove = useDeleteChannel();
  const [editing, setEditing] = useState<{ channel?: Channel } | null>(null);
  const [showingQr, setShowingQr] = useState<Channel | null>(null);
  const table = useNamedTable(t('channels.tableName'));
  const wechatCodes = channels.data?.wechatCodes ?? false;
  const now = new Date();
  const manage = access.canManageChannels;

  const setDisabled = async (channel: Channel, disabled: boolean) => {
    try {
      await update.mutateAsync({ id: channel.id, patch: { disabled } });
      message.success(
        t(disabled ? 'channels.disabledDone' : 'channels.enabledDone', { name: channel.name }),
      );
    } catch (error) {
      fail(error);
    }
  };

  const columns: ProColumns<Channel>[] = [
    { title: t('channels.fields.name'), key: 'name', dataIndex: 'name', width: 160 },
    {
      title: t('channels.fields.kind'),
      key: 'kind',
      width: 100,
      render: (_, channel) => (
        <Tag color={channel.kind === 'feedback' ? 'blue' : 'purple'}>{t(`channels.kinds.${channel.kind}`)}</Tag>
      ),
    },
    { title: t('channels.fields.store'), key: 'store', width: 140, render: (_, channel) => channel.team.name },
    {
      title: t('channels.fields.staff'),
      key: 'staff',
      width: 100,
      render: (_, channel) => channel.staff?.displayName ?? t('common.empty'),
    },
    {
      title: t('channels.fields.validUntil'),
      key: 'validUntil',
      width: 120,
      render: (_, channel) =>
        channel.validUntil ? dayjs(channel.validUntil).format('YYYY-MM-DD') : t('channels.noEnd'),
    },
    {
      title: t('channels.fields.status'),
      key: 'status',
      width: 90,
      render: (_, channel) => {
        const status = channelStatus(channel, now);
        return <Tag color={statusColors[status]}>{t(`channels.status.${status}`)}</Tag>;
      },
    },
    {
      title: t('channels.fields.feedbackCount'),
      key: 'feedbackCount',
      width: 100,
      align: 'right',
      render: (_, channel) =>
        channel.kind === 'feedback' && access.canReadFeedback ? (
          <Link to={`/feedback?channelId=${channel.id}`}>{channel.feedbackCount}</Link>
        ) : (
          channel.feedbackCount
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      fixed: 'right',
      render: (_, channel) => (
        <Space size={0} role="group" aria-label={t('system.rowActions', { name: channel.name })}>
          <Button type="link" size="small" icon={<QrcodeOutlined />} onClick={() => setShowingQr(channel)}>
            {t('channels.qrButton')}
          </Button>
          {manage && (
            <>
              <Button type="link" size="small" onClick={() => setEditing({ channel })}>
                {t('common.edit')}
              </Button>
              {channel.disabled ? (
                <Button type="link" size="small" onClick={() => void setDisabled(channel, false)}>
                  {t('channels.enable')}
                </Button>
              ) : (
                <ConfirmAction
                  label={t('channels.disable')}
                  title={t('channels.disableConfirm', { name: channel.name })}
                  description={t('channels.disableWarning')}
                  done={t('channels.disabledDone', { name: channel.name })}
                  action={() => update.mutateAsync({ id: channel.id, patch: { disabled: true } })}
                />
              )}
              <ConfirmAction
                label={t('channels.reissue')}
                title={t('channels.reissueConfirm', { name: channel.name })}
                description={t('channels.reissueWarning')}
                done={t('channels.reissuedDone', { name: channel.name })}
                action={() => reissue.mutateAsync(channel.id)}
              />
              <ConfirmAction
                label={t('common.delete')}
                title={t('channels.deleteConfirm', { name: channel.name })}
                description={t('channels.deleteWarning')}
                done={t('channels.deletedDone', { name: channel.name })}
                action={() => remove.mutateAsync(channel.id)}
              />
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('channels.title')} subTitle={t('channels.subtitle')}>
      <ProTable<Channel>
        rowKey="id"
        columns={columns}
        dataSource={channels.data?.items}
        loading={channels.isFetching}
        search={false}
        options={false}
        pagination={false}
        headerTitle={t('channels.tableName')}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('channels.empty')} /> }}
        toolBarRender={() =>
          manage
            ? [
                <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                  {t('channels.create')}
                </Button>,
              ]
            : []
        }
      />
      {editing && <ChannelFormModal channel={editing.channel} onClose={() => setEditing(null)} />}
      {showingQr && (
        <QrCodeModal
          // The row's latest state (a reissue meanwhile changes the token and the link).
          channel={channels.data?.items.find((channel) => channel.id === showingQr.id) ?? showingQr}
          wechatCodes={wechatCodes}
          onClose={() => setShowingQr(null)}
        />
      )}
    </PageContainer>
  );
}
