import {
  CommentOutlined,
  DeleteOutlined,
  EditOutlined,
  EnvironmentOutlined,
  EyeOutlined,
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
import { Link } from '@umijs/max';
import { Alert, Button, Card, Empty, Skeleton, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityType, CustomFieldDefinition, TimelineEntry, TimelineKind } from '@/api/types';
import { FeedbackStatusTag, RatingStars } from '@/pages/feedback/labels';
import { useCustomFieldDefinitions } from '@/services/reference';
import { classifyChangeField, codedValueMessage } from '../timelineChanges';
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
  // A sensitive read of the customer (a phone reveal, an export) from the audit log.
  audit: <EyeOutlined />,
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
  audit: 'orange',
};

function EntryBody({
  entry,
  customFields,
}: {
  entry: TimelineEntry;
  customFields: readonly CustomFieldDefinition[];
}) {
  const { t } = useTranslation();
  const empty = t('common.empty');
  const fieldLabel = (field: string) => {
    const kind = classifyChangeField(field);
    if (kind.kind === 'known') return t(kind.message);
    if (kind.kind === 'customField')
      return customFields.find((definition) => definition.key === kind.key)?.label ?? kind.key;
    return kind.field;
  };
  // History values are whatever the field held: masked personal data, names, lists, yes/no, null.
  const value = (field: string, raw: unknown): string => {
    if (raw === null || raw === undefined || raw === '') return empty;
    if (Array.isArray(raw))
      return raw.length > 0 ? raw.map((item) => value(field, item)).join(t('common.listSeparator')) : empty;
    if (typeof raw === 'boolean') return raw ? t('customerForm.yes') : t('customerForm.no');
    const coded = codedValueMessage(field, raw);
    if (coded) return t(coded);
    return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  };
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Typography.Text strong>
        {/* An audit entry's summary says what was done ("查看了完整的电话和邮箱"); who did it leads the line. */}
        {entry.kind === 'audit' && entry.actor
          ? t('timeline.auditLine', { actor: entry.actor.displayName, summary: entry.summary })
          : entry.summary}
      </Typography.Text>
      {/* The summary already quotes a short activity; a longer one is shown in full. */}
      {entry.activity && !entry.summary.includes(entry.activity.content) && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {entry.activity.content}
        </Typography.Paragraph>
      )}
      {/* Linked feedback: the summary quotes it; the stars, its state and the way into the inbox come here. */}
      {entry.feedback && (
        <Space size={8} wrap>
          <RatingStars rating={entry.feedback.rating} />
          <FeedbackStatusTag status={entry.feedback.status} />
          <Typography.Text type="secondary">{t('timelineFeedback.store', { store: entry.feedback.store.name })}</Typography.Text>
          <Link to={`/feedback?id=${entry.feedback.id}`}>{t('timelineFeedback.open', { number: entry.feedback.number })}</Link>
        </Space>
      )}
      {entry.activity?.outcome && (
        <Typography.Text type="secondary">
          {t('activities.outcomeLine', { outcome: entry.activity.outcome })}
        </Typography.Text>
      )}
      {entry.changes && entry.changes.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {entry.changes.map((change) => (
            <li key={change.field}>
              <Typography.Text type="secondary">
                {t('timeline.change', {
                  field: fieldLabel(change.field),
                  from: value(change.field, change.from),
                  to: value(change.field, change.to),
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
/** `onRecord` is left out for people who may not record activities. */
export function TimelineTab({ customerId, onRecord }: { customerId: string; onRecord?: () => void }) {
  const { t } = useTranslation();
  const timeline = useTimeline(customerId);
  const customFields = useCustomFieldDefinitions();
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card
      title={t('customerDetail.tabs.timeline')}
      extra={
        onRecord && (
          <Button icon={<MessageOutlined />} onClick={onRecord}>
            {t('activities.record')}
          </Button>
        )
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
              children: <EntryBody entry={entry} customFields={customFields.data ?? []} />,
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
