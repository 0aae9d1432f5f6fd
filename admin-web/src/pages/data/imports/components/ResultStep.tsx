import { ProCard, StatisticCard } from '@ant-design/pro-components';
import { history, Link } from '@umijs/max';
import { Button, Result, Space, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { useNamedTable } from '@/pages/system/components/NamedTable';
import { useImportRows, type ImportJob, type ImportRowOutcome, type ImportRowResult } from '@/services/dataTransfer';
import { rowOutcomes } from '../importWizard';
import { ReportDownloadButton } from './ReportDownloadButton';

/** 导入结果: how many rows were created, updated, skipped or failed, and those rows by outcome. */
export function ResultStep({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const failedJob = job.status === 'failed';
  const firstWithRows = rowOutcomes.find((outcome) => job.counts[outcome] > 0) ?? 'created';
  const [outcome, setOutcome] = useState<ImportRowOutcome>(firstWithRows);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Result
        status={failedJob ? 'error' : job.counts.failed > 0 ? 'warning' : 'success'}
        title={<h2 style={{ margin: 0, fontSize: 22 }}>{t(failedJob ? 'data.imports.result.failedTitle' : 'data.imports.result.title')}</h2>}
        subTitle={
          failedJob && job.errorCode
            ? t('data.imports.result.failedReason', { reason: job.errorMessage ?? job.errorCode, code: job.errorCode })
            : t('data.imports.resultSummary', job.counts)
        }
        extra={[
          <ReportDownloadButton key="report" job={job} label={t('data.imports.result.download')} />,
          <Button key="customers" onClick={() => history.push('/customers')}>
            {t('data.imports.result.toCustomers')}
          </Button>,
          <Button key="again" type="primary" onClick={() => history.push('/data/imports')}>
            {t('data.imports.result.again')}
          </Button>,
        ]}
      />
      <StatisticCard.Group direction="row">
        {rowOutcomes.map((key) => (
          <StatisticCard key={key} statistic={{ title: t(`data.imports.outcomes.${key}`), value: job.counts[key] }} />
        ))}
      </StatisticCard.Group>
      <ProCard title={<h3 style={{ margin: 0, fontSize: 15 }}>{t('data.imports.result.rowsTitle')}</h3>}>
        <Tabs
          activeKey={outcome}
          onChange={(key) => setOutcome(key as ImportRowOutcome)}
          items={rowOutcomes.map((key) => ({
            key,
            label: t('data.imports.result.tab', { outcome: t(`data.imports.outcomes.${key}`), count: job.counts[key] }),
          }))}
        />
        <ResultRows job={job} outcome={outcome} />
      </ProCard>
    </Space>
  );
}

function ResultRows({ job, outcome }: { job: ImportJob; outcome: ImportRowOutcome }) {
  const { t } = useTranslation();
  const rows = useImportRows(job, outcome);
  const items = rows.data?.pages.flatMap((page) => page.items) ?? [];
  const total = rows.data?.pages[0]?.total ?? 0;
  const table = useNamedTable(t('data.imports.result.rowsTable', { outcome: t(`data.imports.outcomes.${outcome}`) }));

  const columns: ColumnsType<ImportRowResult> = [
    { title: t('data.imports.report.rowNumber'), key: 'rowNumber', dataIndex: 'rowNumber', width: 80 },
    {
      title: t('data.imports.result.record'),
      key: 'customer',
      width: 220,
      render: (_, row) =>
        row.customer ? <Link to={`/customers/${row.customer.id}`}>{row.customer.name}</Link> : t('common.empty'),
    },
    { title: t('data.imports.result.message'), key: 'message', render: (_, row) => row.message ?? t('common.empty') },
  ];

  return (
    <Table<ImportRowResult>
      rowKey="rowNumber"
      size="small"
      columns={columns}
      dataSource={items}
      loading={rows.isFetching && !rows.isFetchingNextPage}
      components={{ table }}
      pagination={false}
      locale={{ emptyText: t('data.imports.result.noRows') }}
      footer={() =>
        items.length > 0 ? (
          <LoadMoreFooter
            centered
            list={rows}
            shown={t('data.shownOfTotal', { count: items.length, total })}
            loadMoreLabel={t('data.loadMore')}
          />
        ) : null
      }
    />
  );
}
