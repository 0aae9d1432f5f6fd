import {
  CommentOutlined,
  DeleteOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  MailOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  ShoppingCartOutlined,
  UndoOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityType, TimelineEntry, TimelineKind } from '@/api/types';
import { useTimeline } from '../useRelatedRecords';

const activityIcons: Record<ActivityType, React.ReactNode> = {
  call: <PhoneOutlined />,
  visit: <EnvironmentOutlined />,
  wechat: <WechatOutlined />,
  email: <MailOutlined />,
  sms: <MessageOutlined />,
  note: <FileTextOutlined />,
};

const kindIcons: Record<TimelineKind, React.ReactNode> = {
  activity: <CommentOutlined />,
  order: <ShoppingCartOutlined />,
  change: <EditOutlined />,
  merge: <MergeCellsOutlined />,
  feedback: <CommentOutlined />,
  created: <PlusCircleOutlined />,
  deleted: <DeleteOutlined />,
  restored: <UndoOutlined />,
};

const kindColors: Record<TimelineKind, string> = {
  activity: 'blue',
  order: 'green',
  change: 'gray',
  merge: 'purple',
  feedback: 'cyan',
  created: 'green',
  deleted: 'red',
  restored: 'blue',
};

/** History values are whatever the field held (masked personal data, lists, null). */
function changeValue(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (Array.isArray(value)) return value.map((item) => changeValue(item, empty)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const empty = t('common.empty');
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Typography.Text strong>{entry.summary}</Typography.Text>
      {entry.activity && (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{entry.activity.content}</Typography.Paragraph>
          {entry.activity.outcome && (
            <Typography.Text type="secondary">
              {t('activities.fields.outcome')}：{entry.activity.outcome}
            </Typography.Text>
          )}
        </>
      )}
      {entry.changes && entry.changes.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {entry.changes.map((change) => (
            <li key={change.field}>
              <Typography.Text type="secondary">
                {t('timeline.change', {
                  field: change.field,
                  from: changeValue(change.from, empty),
                  to: changeValue(change.to, empty),
                })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {dayjs(entry.occurredAt).format('YYYY-MM-DD HH:mm')}
        {entry.actor ? ` · ${entry.actor.displayName}` : ''}
      </Typography.Text>
    </Space>
  );
}

/** Everything that happened to the customer, newest first, a page at a time. */
export function TimelineTab({ customerId, onRecord }: { customerId: string; onRecord: () => void }) {
  const { t } = useTranslation();
  const timeline = useTimeline(customerId);
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card
      title={t('customerDetail.tabs.timeline')}
      extra={
        <Button icon={<MessageOutlined />} onClick={onRecord}>
          {t('activities.record')}
        </Button>
      }
    >
      {timeline.isPending ? (
        <Skeleton active />
      ) : timeline.isError ? (
        <Alert type="error" showIcon message={timeline.error.message} />
      ) : entries.length === 0 ? (
        <Empty description={t('timeline.empty')} />
      ) : (
        <section aria-label={t('timeline.name')}>
          <Timeline
            items={entries.map((entry) => ({
              key: `${entry.kind}-${entry.id}`,
              color: kindColors[entry.kind],
              dot: entry.activity ? activityIcons[entry.activity.type] : kindIcons[entry.kind],
              children: <EntryBody entry={entry} />,
            }))}
          />
          {timeline.hasNextPage && (
            <Button block loading={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
              {t('timeline.loadMore')}
            </Button>
          )}
        </section>
      )}
    </Card>
  );
}
