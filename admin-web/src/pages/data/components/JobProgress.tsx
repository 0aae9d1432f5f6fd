import { Progress, Space, Typography } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { shownProgress, type JobProgress as Progressing } from '../progress';

/**
 * A job's progress bar (role progressbar, named by `label`) with the rows done out of all below it.
 * The text is a live region, so a screen reader hears the count move on.
 */
export function JobProgress(props: {
  label: string;
  progress: Progressing;
  finished?: boolean;
  failed?: boolean;
  caption?: string;
}) {
  const { t } = useTranslation();
  const shown = shownProgress(props.progress, props.finished);
  const counted = t('data.progress.rows', { processed: shown.processed, total: shown.total });
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Progress
        aria-label={props.label}
        aria-valuetext={`${shown.percent}% · ${counted}`}
        percent={shown.percent}
        status={props.failed ? 'exception' : props.finished ? 'success' : 'active'}
      />
      <Typography.Text type="secondary" aria-live="polite">
        {props.caption ? `${props.caption} · ${counted}` : counted}
      </Typography.Text>
    </Space>
  );
}
