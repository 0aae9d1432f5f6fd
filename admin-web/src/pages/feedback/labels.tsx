import { Rate, Tag } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackStatus } from '@/api/types';
import { npsGroupOf, type NpsGroup } from './filters';

const statusColors: Record<FeedbackStatus, string | undefined> = {
  new: 'red',
  in_progress: 'orange',
  resolved: 'green',
  closed: undefined,
};

export function FeedbackStatusTag({ status }: { status: FeedbackStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`feedback.status.${status}`)}</Tag>;
}

/** The rating as read-only stars, named for screen readers (`4 星`). */
export function RatingStars({ rating }: { rating: number }) {
  const { t } = useTranslation();
  return (
    <span role="img" aria-label={t('feedback.ratingLabel', { rating })}>
      <Rate disabled value={rating} style={{ fontSize: 14 }} />
    </span>
  );
}

const npsColors: Record<NpsGroup, string> = { promoter: 'green', passive: 'gold', detractor: 'red' };

export function NpsValue({ nps }: { nps: number | null }) {
  const { t } = useTranslation();
  const group = npsGroupOf(nps);
  if (nps === null || group === null) return <>{t('common.empty')}</>;
  return (
    <Tag color={npsColors[group]} title={t(`feedback.npsGroups.${group}`)}>
      {nps}
    </Tag>
  );
}
