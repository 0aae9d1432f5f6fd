import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Progress, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { useNamedTable } from '@/pages/system/components/NamedTable';
import { useExports, type ExportJob } from '@/services/dataTransfer';
import { fileSizeText, shownProgress } from '../progress';
import { downloadLinkOf, exportPollMs, isExportWorking, shownExportStatus, type ShownExportStatus } from './exportState';
import { PageTitle } from '../components/PageTitle';

const statusColors: Record<ShownExportStatus, string | undefined> = {
  queued: 'processing',
  running: 'processing',
  completed: 'success',
  failed: 'error',
  expired: undefined,
};

/** /data/exports: the caller's exports, followed while they are written, downloadable until they expire. */
export default function ExportsPage() {
  const { t } = useTranslation();
  const exports = useExports((jobs) => (jobs.some((job) => isExportWorking(job.status)) ? exportPollMs : false));
  const rows = exports.data?.pages.flatMap((page) => page.items) ?? [];
  const table = useNamedTable(t('data.exports.tableName'));
  const now = new Date();

  const columns: ProColumns<ExportJob>[] = [
    {
      title: t('data.exports.fields.fileName'),
      key: 'fileName',
      render: (_, job) => job.fileName ?? t(`data.exports.entities.${job.entity}`),
    },
    { title: t('data.exports.fields.format'), key: 'format', width: 80, render: (_, job) => t(`data.exports.formats.${job.format}`) },
    {
      title: t('data.exports.fields.status'),
      key: 'status',
      width: 100,
      render: (_, job) => {
        const status = shownExportStatus(job, now);
        return <Tag color={statusColors[status]}>{t(`data.exports.status.${status}`)}</Tag>;
      },
    },
    {
      title: t('data.exports.fields.progress'),
      key: 'progress',
      width: 200,
      render: (_, job) => {
        const shown = shownProgress(job.progress, job.status === 'completed');
        return (
          <Progress
            aria-label={t('data.exports.progressOf', { name: job.fileName ?? job.id })}
            percent={shown.percent}
            size="small"
            status={job.status === 'failed' ? 'exception' : isExportWorking(job.status) ? 'active' : undefined}
          />
        );
      },
    },
    {
      title: t('data.exports.fields.rows'),
      key: 'rows',
      width: 90,
      align: 'right',
      render: (_, job) => job.total ?? t('common.empty'),
    },
    {
      title: t('data.exports.fields.size'),
      key: 'size',
      width: 100,
      align: 'right',
      render: (_, job) => fileSizeText(job.fileSize) ?? t('common.empty'),
    },
    {
      title: t('data.exports.fields.createdAt'),
      key: 'createdAt',
      width: 150,
      render: (_, job) => dayjs(job.createdAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('data.exports.fields.expiresAt'),
      key: 'expiresAt',
      width: 150,
      render: (_, job) => (job.expiresAt ? dayjs(job.expiresAt).format('YYYY-MM-DD HH:mm') : t('common.empty')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, job) => {
        const link = downloadLinkOf(job, now);
        if (link) {
          return (
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              href={link}
              download={job.fileName ?? true}
              aria-label={t('data.exports.downloadNamed', { name: job.fileName ?? '' })}
            >
              {t('data.exports.download')}
            </Button>
          );
        }
        if (job.status === 'failed' && job.errorCode) {
          return <Typography.Text type="danger">{job.errorMessage ?? job.errorCode}</Typography.Text>;
        }
        return t('common.empty');
      },
    },
  ];

  return (
    <PageContainer title={<PageTitle>{t('data.exports.title')}</PageTitle>} subTitle={t('data.exports.subtitle')}>
      <ProTable<ExportJob>
        rowKey="id"
        headerTitle={t('data.exports.tableName')}
        columns={columns}
        dataSource={rows}
        loading={exports.isLoading}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        search={false}
        options={false}
        pagination={false}
        columnEmptyText={t('common.empty')}
        locale={{ emptyText: t('data.exports.empty') }}
        footer={() =>
          exports.hasNextPage ? (
            <LoadMoreFooter
              centered
              list={exports}
              shown={t('data.shownOf', { count: rows.length })}
              loadMoreLabel={t('data.loadMore')}
            />
          ) : null
        }
      />
    </PageContainer>
  );
}
