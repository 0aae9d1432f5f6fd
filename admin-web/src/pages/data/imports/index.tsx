import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Link } from '@umijs/max';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { useNamedTable } from '@/pages/system/components/NamedTable';
import { useImports, type ImportJob } from '@/services/dataTransfer';
import { ImportStatusTag } from './components/ImportStatusTag';
import { NewImportCard } from './components/NewImportCard';
import { importPollMs, isWorking } from './importWizard';
import { PageTitle } from '../components/PageTitle';

/** /data/imports: a new import, and the imports so far (while one is being worked on, the list follows it). */
export default function ImportsPage() {
  const { t } = useTranslation();
  const imports = useImports((jobs) => (jobs.some((job) => isWorking(job.status)) ? importPollMs * 2 : false));
  const rows = imports.data?.pages.flatMap((page) => page.items) ?? [];
  const table = useNamedTable(t('data.imports.tableName'));

  const columns: ProColumns<ImportJob>[] = [
    {
      title: t('data.imports.fields.fileName'),
      key: 'fileName',
      render: (_, job) => <Link to={`/data/imports/${job.id}`}>{job.fileName}</Link>,
    },
    {
      title: t('data.imports.fields.entity'),
      key: 'entity',
      width: 90,
      render: (_, job) => t(`data.imports.entities.${job.entity}`),
    },
    {
      title: t('data.imports.fields.status'),
      key: 'status',
      width: 100,
      render: (_, job) => <ImportStatusTag status={job.status} />,
    },
    { title: t('data.imports.fields.totalRows'), key: 'totalRows', dataIndex: 'totalRows', width: 90, align: 'right' },
    {
      title: t('data.imports.fields.result'),
      key: 'result',
      render: (_, job) =>
        job.status === 'completed' || job.status === 'failed'
          ? t('data.imports.resultSummary', job.counts)
          : t('common.empty'),
    },
    {
      title: t('data.imports.fields.createdBy'),
      key: 'createdBy',
      width: 120,
      render: (_, job) => job.createdBy.displayName,
    },
    {
      title: t('data.imports.fields.createdAt'),
      key: 'createdAt',
      width: 160,
      render: (_, job) => dayjs(job.createdAt).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <PageContainer title={<PageTitle>{t('data.imports.title')}</PageTitle>} subTitle={t('data.imports.subtitle')}>
      <NewImportCard />
      <ProTable<ImportJob>
        rowKey="id"
        headerTitle={t('data.imports.tableName')}
        columns={columns}
        dataSource={rows}
        loading={imports.isLoading}
        components={{ table }}
        search={false}
        options={false}
        pagination={false}
        columnEmptyText={t('common.empty')}
        locale={{ emptyText: t('data.imports.empty') }}
        footer={() =>
          imports.hasNextPage ? (
            <LoadMoreFooter
              centered
              list={imports}
              shown={t('data.shownOf', { count: rows.length })}
              loadMoreLabel={t('data.loadMore')}
            />
          ) : null
        }
      />
    </PageContainer>
  );
}
