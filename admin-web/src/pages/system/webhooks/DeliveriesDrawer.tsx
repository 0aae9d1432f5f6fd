import { ReloadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Descriptions, Drawer, Empty, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '@/components/AppProviders/message';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import {
  useReplayDelivery,
  useWebhookDeliveries,
  type DeliveryFilters,
  type Webhook,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from '@/services/webhooks';
import { useNamedTable } from '../components/NamedTable';
import { useFail } from '../components/useFail';
import {
  deliveryStatusColor,
  formatDuration,
  hasDeliveriesInFlight,
  nextRetry,
  prettyBody,
  responseStatusColor,
} from './webhookState';

// The filter's order; a status the server adds fails the typecheck here until it is placed.
const statusOrder = { pending: 0, succeeded: 1, failed: 2 } satisfies Record<WebhookDeliveryStatus, number>;
const statuses = Object.keys(statusOrder) as WebhookDeliveryStatus[];
const when = (value: string | null, fallback: string) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : fallback);

function useStatusName() {
  const { t } = useTranslation();
  return (status: WebhookDeliveryStatus) => t(`system.webhooks.deliveryStatus.${status}`);
}

function ResponseCell({ status, error }: { status: number | null; error: string | null }) {
  const { t } = useTranslation();
  if (status !== null) return <Tag color={responseStatusColor(status)}>{status}</Tag>;
  if (error) {
    return (
      <Typography.Text type="danger" ellipsis={{ tooltip: error }} style={{ maxWidth: 160 }}>
        {error}
      </Typography.Text>
    );
  }
  return <>{t('common.empty')}</>;
}

function Body({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      {text ? (
        <pre
          aria-label={label}
          style={{ maxHeight: 280, overflow: 'auto', background: 'rgba(0,0,0,0.03)', padding: 8, margin: '4px 0 0' }}
        >
          {text}
        </pre>
      ) : (
        <div>{t('common.empty')}</div>
      )}
    </div>
  );
}

/** What the log's expand button shows: the ids, the body sent, the last answer and every attempt. */
function DeliveryDetail({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const empty = t('common.empty');
  const attemptColumns = [
    { title: t('system.webhooks.attempts.no'), key: 'no', dataIndex: 'attemptNo', width: 70 },
    { title: t('system.webhooks.attempts.at'), key: 'at', render: (_: unknown, attempt: WebhookAttempt) => when(attempt.at, empty) },
    {
      title: t('system.webhooks.attempts.response'),
      key: 'response',
      render: (_: unknown, attempt: WebhookAttempt) => <ResponseCell status={attempt.responseStatus} error={attempt.error} />,
    },
    {
      title: t('system.webhooks.attempts.duration'),
      key: 'duration',
      render: (_: unknown, attempt: WebhookAttempt) => formatDuration(attempt.durationMs),
    },
  ];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('system.webhooks.deliveries.eventId')}>
          <Typography.Text code copyable>
            {delivery.eventId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('system.webhooks.deliveries.deliveryId')}>
          <Typography.Text code copyable>
            {delivery.id}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('system.webhooks.deliveries.lastAttemptAt')}>
          {when(delivery.lastAttemptAt, empty)}
        </Descriptions.Item>
        <Descriptions.Item label={t('system.webhooks.deliveries.replayOf')}>
          {delivery.replayOfId ? <Typography.Text code>{delivery.replayOfId}</Typography.Text> : empty}
        </Descriptions.Item>
        {delivery.error && (
          <Descriptions.Item label={t('system.webhooks.deliveries.error')} span={2}>
            <Typography.Text type="danger">{delivery.error}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Body label={t('system.webhooks.deliveries.payload')} text={prettyBody(delivery.payload)} />
      <Body label={t('system.webhooks.deliveries.responseBody')} text={prettyBody(delivery.responseBody)} />
      <Table<WebhookAttempt>
        size="small"
        rowKey="attemptNo"
        pagination={false}
        columns={attemptColumns}
        dataSource={delivery.attemptLog}
        title={() => <Typography.Text strong>{t('system.webhooks.attempts.title')}</Typography.Text>}
        components={{ table: AttemptTable }}
        locale={{ emptyText: t('system.webhooks.attempts.none') }}
      />
    </Space>
  );
}

function AttemptTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
  const { t } = useTranslation();
  return <table {...props} aria-label={t('system.webhooks.attempts.title')} />;
}

/** The delivery log of one subscription: newest first, filtered by status, with a replay per delivery. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const statusName = useStatusName();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const log = useWebhookDeliveries(webhook.id, filters, hasDeliveriesInFlight);
  const replay = useReplayDelivery();
  const [replaying, setReplaying] = useState<string | null>(null);
  const table = useNamedTable(t('system.webhooks.deliveries.tableName'));
  const deliveries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const empty = t('common.empty');
  // The time of the last fetch: each poll re-renders the log with fresh "in N seconds" texts.
  const now = log.dataUpdatedAt || Date.now();
  const title = t('system.webhooks.deliveries.title', { name: webhook.name });

  const replayDelivery = async (delivery: WebhookDelivery) => {
    setReplaying(delivery.id);
    try {
      await replay.mutateAsync(delivery.id);
      message.success(t('system.webhooks.deliveries.replayedDone'));
    } catch (error) {
      fail(error);
    } finally {
      setReplaying(null);
    }
  };

  const retryText = (delivery: WebhookDelivery) => {
    const retry = nextRetry(delivery.status, delivery.nextAttemptAt, now);
    if (retry.key === 'none') return empty;
    const text =
      retry.key === 'dueNow'
        ? t('system.webhooks.nextRetry.dueNow')
        : t(`system.webhooks.nextRetry.${retry.key}`, { count: retry.count });
    return <span title={when(delivery.nextAttemptAt, empty)}>{text}</span>;
  };

  const columns: ProColumns<WebhookDelivery>[] = [
    {
      title: t('system.webhooks.deliveries.status'),
      key: 'status',
      width: 90,
      render: (_, delivery) => <Tag color={deliveryStatusColor(delivery.status)}>{statusName(delivery.status)}</Tag>,
    },
    {
      title: t('system.webhooks.deliveries.eventType'),
      key: 'eventType',
      width: 220,
      render: (_, delivery) => (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text code>{delivery.eventType}</Typography.Text>
          {delivery.replayOfId && <Tag>{t('system.webhooks.deliveries.replayTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('system.webhooks.deliveries.attempts'), key: 'attempts', dataIndex: 'attempts', width: 80, align: 'right' },
    {
      title: t('system.webhooks.deliveries.response'),
      key: 'response',
      width: 110,
      render: (_, delivery) => <ResponseCell status={delivery.responseStatus} error={delivery.error} />,
    },
    {
      title: t('system.webhooks.deliveries.duration'),
      key: 'duration',
      width: 90,
      align: 'right',
      render: (_, delivery) => formatDuration(delivery.durationMs),
    },
    { title: t('system.webhooks.deliveries.nextRetry'), key: 'nextRetry', width: 110, render: (_, delivery) => retryText(delivery) },
    {
      title: t('system.webhooks.deliveries.createdAt'),
      key: 'createdAt',
      width: 160,
      render: (_, delivery) => when(delivery.createdAt, empty),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, delivery) => (
        <Space size={0} role="group" aria-label={t('system.webhooks.deliveries.rowActions', { id: delivery.id.slice(0, 8) })}>
          <Button
            type="link"
            size="small"
            loading={replaying === delivery.id}
            onClick={() => void replayDelivery(delivery)}
          >
            {t('system.webhooks.deliveries.replay')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Drawer
      open
      width={1000}
      title={title}
      // The drawer's title is not tied to its dialog element; this names the dialog.
      aria-label={title}
      onClose={onClose}
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Radio.Group
          optionType="button"
          aria-label={t('system.webhooks.deliveries.statusFilter')}
          value={filters.status ?? 'all'}
          onChange={(event) => {
            const value = event.target.value as WebhookDeliveryStatus | 'all';
            setFilters(value === 'all' ? {} : { status: value });
          }}
          options={[
            { value: 'all', label: t('system.webhooks.deliveries.allStatuses') },
            ...statuses.map((status) => ({ value: status, label: statusName(status) })),
          ]}
        />
        <Button icon={<ReloadOutlined />} loading={log.isRefetching} onClick={() => void log.refetch()}>
          {t('system.webhooks.deliveries.refresh')}
        </Button>
      </Space>
      <ProTable<WebhookDelivery>
        rowKey="id"
        columns={columns}
        dataSource={deliveries}
        loading={log.isPending}
        search={false}
        options={false}
        pagination={false}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (delivery) => <DeliveryDetail delivery={delivery} /> }}
        locale={{ emptyText: <Empty description={t('system.webhooks.deliveries.empty')} /> }}
        footer={() => (
          <LoadMoreFooter
            list={log}
            shown={
              log.hasNextPage
                ? t('system.webhooks.deliveries.shown', { count: deliveries.length })
                : t('system.webhooks.deliveries.shownAll', { count: deliveries.length })
            }
            loadMoreLabel={t('system.webhooks.deliveries.loadMore')}
          />
        )}
      />
    </Drawer>
  );
}
