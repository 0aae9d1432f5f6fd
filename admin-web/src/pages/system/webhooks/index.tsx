import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Dropdown, Empty, Modal, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '@/components/AppProviders/message';
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useSendTestEvent,
  useUpdateWebhook,
  useWebhooks,
  type Webhook,
} from '@/services/webhooks';
import { useNamedTable } from '../components/NamedTable';
import { useFail } from '../components/useFail';
import { DeliveriesDrawer } from './DeliveriesDrawer';
import { SecretModal } from './SecretModal';
import { WebhookFormModal } from './WebhookFormModal';
import { eventsSummary } from './webhookState';

interface ShownSecret {
  title: string;
  secret: string;
}

function WebhookActions({
  webhook,
  onEdit,
  onDeliveries,
  onSecret,
}: {
  webhook: Webhook;
  onEdit: () => void;
  onDeliveries: () => void;
  onSecret: (shown: ShownSecret) => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const [modal, modalContext] = Modal.useModal();
  const update = useUpdateWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const sendTest = useSendTestEvent();
  const name = webhook.name;

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) message.success(done);
    } catch (error) {
      fail(error);
    }
  };

  // Each runs after a confirmation; the dialog waits for the call and shows its failure as a toast.
  const confirm = (title: string, content: string, okText: string, action: () => Promise<unknown>, done: string) =>
    modal.confirm({
      title,
      content,
      okText,
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => run(action, done),
    });

  const more: MenuProps['items'] = [
    webhook.active
      ? {
          key: 'disable',
          label: t('system.webhooks.disable'),
          onClick: () =>
            confirm(
              t('system.webhooks.disableConfirm', { name }),
              t('system.webhooks.disableWarning'),
              t('system.webhooks.disable'),
              () => update.mutateAsync({ id: webhook.id, patch: { active: false } }),
              t('system.webhooks.disabledDone', { name }),
            ),
        }
      : {
          key: 'enable',
          label: t('system.webhooks.enable'),
          onClick: () =>
            void run(
              () => update.mutateAsync({ id: webhook.id, patch: { active: true } }),
              t('system.webhooks.enabledDone', { name }),
            ),
        },
    {
      key: 'rotate',
      label: t('system.webhooks.rotate'),
      onClick: () =>
        confirm(
          t('system.webhooks.rotateConfirm', { name }),
          t('system.webhooks.rotateWarning'),
          t('system.webhooks.rotate'),
          async () => {
            const rotated = await rotate.mutateAsync(webhook.id);
            onSecret({ title: t('system.webhooks.secret.rotatedTitle', { name }), secret: rotated.secret });
          },
          t('system.webhooks.rotatedDone', { name }),
        ),
    },
    {
      key: 'delete',
      danger: true,
      label: t('common.delete'),
      onClick: () =>
        confirm(
          t('system.webhooks.deleteConfirm', { name }),
          t('system.webhooks.deleteWarning'),
          t('common.delete'),
          () => remove.mutateAsync(webhook.id),
          t('system.webhooks.deletedDone', { name }),
        ),
    },
  ];

  return (
    <Space size={0} role="group" aria-label={t('system.rowActions', { name })}>
      {modalContext}
      <Button type="link" size="small" onClick={onDeliveries}>
        {t('system.webhooks.deliveriesButton')}
      </Button>
      <Tooltip title={webhook.active ? undefined : t('system.webhooks.testWhileDisabled')}>
        <Button
          type="link"
          size="small"
          loading={sendTest.isPending}
          onClick={() => void run(() => sendTest.mutateAsync(webhook.id), t('system.webhooks.testSent', { name }))}
        >
          {t('system.webhooks.sendTest')}
        </Button>
      </Tooltip>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Dropdown menu={{ items: more }} trigger={['click']}>
        <Button type="link" size="small">
          {t('system.more')}
        </Button>
      </Dropdown>
    </Space>
  );
}

export default function WebhooksPage() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const [editing, setEditing] = useState<{ webhook?: Webhook } | null>(null);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [showingDeliveriesOf, setShowingDeliveriesOf] = useState<string | null>(null);
  const table = useNamedTable(t('system.webhooks.tableName'));
  const deliveriesOf = webhooks.data?.find((webhook) => webhook.id === showingDeliveriesOf);

  const columns: ProColumns<Webhook>[] = [
    {
      title: t('system.webhooks.fields.name'),
      key: 'name',
      width: 160,
      render: (_, webhook) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{webhook.name}</Typography.Text>
          {webhook.description && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: webhook.description }} style={{ maxWidth: 220 }}>
              {webhook.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('system.webhooks.fields.url'),
      key: 'url',
      width: 220,
      render: (_, webhook) => (
        <Space direction="vertical" size={0}>
          <Typography.Text code ellipsis={{ tooltip: webhook.url }} style={{ maxWidth: 220 }}>
            {webhook.url}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('system.webhooks.secretHint', { hint: webhook.secretHint })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('system.webhooks.fields.events'),
      key: 'events',
      width: 200,
      render: (_, webhook) => {
        const summary = eventsSummary(webhook.events, 2);
        if (summary.all) return <Tag color="blue">{t('system.webhooks.everyEvent')}</Tag>;
        return (
          <Space size={[0, 4]} wrap>
            {summary.types.map((type) => (
              <Tag key={type}>{type}</Tag>
            ))}
            {summary.more > 0 && (
              <Tooltip title={webhook.events.join(', ')}>
                <Tag>{t('system.webhooks.moreEvents', { count: summary.more })}</Tag>
              </Tooltip>
            )}
          </Space>
        );
      },
    },
    {
      title: t('system.webhooks.fields.active'),
      key: 'active',
      width: 70,
      render: (_, webhook) =>
        webhook.active ? (
          <Tag color="green">{t('system.webhooks.status.active')}</Tag>
        ) : (
          <Tag>{t('system.webhooks.status.disabled')}</Tag>
        ),
    },
    {
      title: t('system.webhooks.fields.stats'),
      key: 'stats',
      width: 100,
      render: (_, webhook) => (
        <Space direction="vertical" size={0}>
          <Typography.Text type="success">{t('system.webhooks.stats.succeeded', { count: webhook.stats.succeeded })}</Typography.Text>
          <Typography.Text type={webhook.stats.failed > 0 ? 'danger' : 'secondary'}>
            {t('system.webhooks.stats.failed', { count: webhook.stats.failed })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('system.webhooks.stats.pending', { count: webhook.stats.pending })}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 250,
      fixed: 'right',
      render: (_, webhook) => (
        <WebhookActions
          webhook={webhook}
          onEdit={() => setEditing({ webhook })}
          onDeliveries={() => setShowingDeliveriesOf(webhook.id)}
          onSecret={setSecret}
        />
      ),
    },
  ];

  return (
    <PageContainer title={t('system.webhooks.title')} subTitle={t('system.webhooks.subtitle')}>
      <ProTable<Webhook>
        rowKey="id"
        columns={columns}
        dataSource={webhooks.data}
        loading={webhooks.isFetching}
        search={false}
        options={false}
        pagination={false}
        headerTitle={t('system.webhooks.tableName')}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('system.webhooks.empty')} /> }}
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('system.webhooks.create')}
          </Button>,
        ]}
      />
      {editing && (
        <WebhookFormModal
          webhook={editing.webhook}
          onCreated={(created) =>
            setSecret({ title: t('system.webhooks.secret.createdTitle', { name: created.name }), secret: created.secret })
          }
          onClose={() => setEditing(null)}
        />
      )}
      {secret && <SecretModal title={secret.title} secret={secret.secret} onClose={() => setSecret(null)} />}
      {deliveriesOf && <DeliveriesDrawer webhook={deliveriesOf} onClose={() => setShowingDeliveriesOf(null)} />}
    </PageContainer>
  );
}
