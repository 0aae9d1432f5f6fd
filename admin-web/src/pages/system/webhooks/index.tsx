import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
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
import { ConfirmAction } from '../components/ConfirmAction';
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
  const update = useUpdateWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const sendTest = useSendTestEvent();
  const name = webhook.name;

  const test = async () => {
    try {
      await sendTest.mutateAsync(webhook.id);
      message.success(t('system.webhooks.testSent', { name }));
    } catch (error) {
      fail(error);
    }
  };

  const enable = async () => {
    try {
      await update.mutateAsync({ id: webhook.id, patch: { active: true } });
      message.success(t('system.webhooks.enabledDone', { name }));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Space size={0} role="group" aria-label={t('system.rowActions', { name })}>
      <Button type="link" size="small" onClick={onDeliveries}>
        {t('system.webhooks.deliveriesButton')}
      </Button>
      <Tooltip title={webhook.active ? undefined : t('system.webhooks.testWhileDisabled')}>
        <Button type="link" size="small" loading={sendTest.isPending} onClick={() => void test()}>
          {t('system.webhooks.sendTest')}
        </Button>
      </Tooltip>
      <Button type="link" size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      {webhook.active ? (
        <ConfirmAction
          label={t('system.webhooks.disable')}
          title={t('system.webhooks.disableConfirm', { name })}
          description={t('system.webhooks.disableWarning')}
          done={t('system.webhooks.disabledDone', { name })}
          action={() => update.mutateAsync({ id: webhook.id, patch: { active: false } })}
        />
      ) : (
        <Button type="link" size="small" onClick={() => void enable()}>
          {t('system.webhooks.enable')}
        </Button>
      )}
      <ConfirmAction
        label={t('system.webhooks.rotate')}
        title={t('system.webhooks.rotateConfirm', { name })}
        description={t('system.webhooks.rotateWarning')}
        done={t('system.webhooks.rotatedDone', { name })}
        action={async () => {
          const rotated = await rotate.mutateAsync(webhook.id);
          onSecret({ title: t('system.webhooks.secret.rotatedTitle', { name }), secret: rotated.secret });
        }}
      />
      <ConfirmAction
        label={t('common.delete')}
        title={t('system.webhooks.deleteConfirm', { name })}
        description={t('system.webhooks.deleteWarning')}
        done={t('system.webhooks.deletedDone', { name })}
        action={() => remove.mutateAsync(webhook.id)}
      />
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
  const empty = t('common.empty');
  const deliveriesOf = webhooks.data?.find((webhook) => webhook.id === showingDeliveriesOf);

  const columns: ProColumns<Webhook>[] = [
    {
      title: t('system.webhooks.fields.name'),
      key: 'name',
      width: 180,
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
      width: 240,
      render: (_, webhook) => (
        <Typography.Text code ellipsis={{ tooltip: webhook.url }} style={{ maxWidth: 260 }}>
          {webhook.url}
        </Typography.Text>
      ),
    },
    {
      title: t('system.webhooks.fields.events'),
      key: 'events',
      width: 220,
      render: (_, webhook) => {
        const summary = eventsSummary(webhook.events);
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
      width: 90,
      render: (_, webhook) =>
        webhook.active ? (
          <Tag color="green">{t('system.webhooks.status.active')}</Tag>
        ) : (
          <Tag>{t('system.webhooks.status.disabled')}</Tag>
        ),
    },
    {
      title: t('system.webhooks.fields.secret'),
      key: 'secret',
      width: 120,
      render: (_, webhook) => <Typography.Text code>whsec_…{webhook.secretHint}</Typography.Text>,
    },
    {
      title: t('system.webhooks.fields.stats'),
      key: 'stats',
      width: 200,
      render: (_, webhook) => (
        <Space size={4} wrap>
          <Tag color="success">{t('system.webhooks.stats.succeeded', { count: webhook.stats.succeeded })}</Tag>
          <Tag color={webhook.stats.failed > 0 ? 'error' : undefined}>
            {t('system.webhooks.stats.failed', { count: webhook.stats.failed })}
          </Tag>
          <Tag color={webhook.stats.pending > 0 ? 'processing' : undefined}>
            {t('system.webhooks.stats.pending', { count: webhook.stats.pending })}
          </Tag>
        </Space>
      ),
    },
    {
      title: t('system.webhooks.fields.createdAt'),
      key: 'createdAt',
      width: 150,
      render: (_, webhook) => (webhook.createdAt ? dayjs(webhook.createdAt).format('YYYY-MM-DD HH:mm') : empty),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 400,
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
