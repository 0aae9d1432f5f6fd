import { ProCard, StatisticCard } from '@ant-design/pro-components';
import { Button, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { useNamedTable } from '@/pages/system/components/NamedTable';
import { useFail } from '@/pages/system/components/useFail';
import {
  useImportIssues,
  useRunImport,
  type DuplicateStrategy,
  type ImportIssue,
  type ImportIssueSeverity,
  type ImportJob,
} from '@/services/dataTransfer';
import { JobProgress } from '../../components/JobProgress';
import { duplicateStrategiesFor } from '../importWizard';
import { ReportDownloadButton } from './ReportDownloadButton';

type SeverityChoice = ImportIssueSeverity | 'all';

/**
 * 校验报告: while the server checks the rows, their progress; then how many rows can be imported,
 * the problems found, the XLSX report, 重复处理 and 开始导入.
 */
export function ReportStep(props: { job: ImportJob; onRemap: () => void }) {
  const { job } = props;
  const { t } = useTranslation();
  const fail = useFail();
  const run = useRunImport();
  const strategies = duplicateStrategiesFor(job.entity);
  const [strategy, setStrategy] = useState<DuplicateStrategy>(
    job.duplicateStrategy && strategies.includes(job.duplicateStrategy) ? job.duplicateStrategy : 'skip',
  );

  if (job.status === 'validating') {
    return (
      <ProCard>
        <JobProgress label={t('data.imports.report.progressLabel')} progress={job.progress} caption={t('data.imports.report.validating')} />
      </ProCard>
    );
  }

  const start = async () => {
    try {
      await run.mutateAsync({ id: job.id, duplicateStrategy: strategy });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <StatisticCard.Group direction="row">
        <StatisticCard statistic={{ title: t('data.imports.report.totalRows'), value: job.totalRows }} />
        <StatisticCard statistic={{ title: t('data.imports.report.validRows'), value: job.validRows ?? 0, status: 'success' }} />
        <StatisticCard statistic={{ title: t('data.imports.report.invalidRows'), value: job.invalidRows ?? 0, status: 'error' }} />
      </StatisticCard.Group>
      <IssuesTable job={job} />
      <ProCard title={<h3 style={{ margin: 0, fontSize: 15 }}>{t('data.imports.duplicates.title')}</h3>}>
        <Space direction="vertical" size={12}>
          <Typography.Text type="secondary">{t(`data.imports.duplicates.help.${job.entity}`)}</Typography.Text>
          <Radio.Group
            aria-label={t('data.imports.duplicates.title')}
            value={strategy}
            onChange={(event) => setStrategy(event.target.value as DuplicateStrategy)}
          >
            <Space direction="vertical">
              {/* The help stays outside the label, so each radio is named by the choice alone. */}
              {strategies.map((value) => (
                <Space key={value} size={8}>
                  <Radio value={value}>{t(`data.imports.duplicates.${value}`)}</Radio>
                  <Typography.Text type="secondary">{t(`data.imports.duplicates.${value}Help`)}</Typography.Text>
                </Space>
              ))}
            </Space>
          </Radio.Group>
        </Space>
      </ProCard>
      <Space wrap>
        <Button onClick={props.onRemap}>{t('data.imports.report.remap')}</Button>
        <Button
          type="primary"
          loading={run.isPending}
          disabled={(job.validRows ?? 0) === 0}
          onClick={() => void start()}
        >
          {t('data.imports.report.start')}
        </Button>
        {(job.validRows ?? 0) === 0 && <Typography.Text type="danger">{t('data.imports.report.nothingValid')}</Typography.Text>}
      </Space>
    </Space>
  );
}

/** The problems found, page by page (行号, 列, 值, 问题), with the XLSX report of all of them. */
function IssuesTable({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const [severity, setSeverity] = useState<SeverityChoice>('all');
  const issues = useImportIssues(job, severity === 'all' ? undefined : severity);
  const rows = issues.data?.pages.flatMap((page) => page.items) ?? [];
  const total = issues.data?.pages[0]?.total ?? 0;
  const table = useNamedTable(t('data.imports.report.issuesTable'));

  const columns: ColumnsType<ImportIssue> = [
    { title: t('data.imports.report.rowNumber'), key: 'rowNumber', dataIndex: 'rowNumber', width: 80 },
    { title: t('data.imports.report.column'), key: 'column', width: 140, render: (_, issue) => issue.column ?? t('common.empty') },
    {
      title: t('data.imports.report.value'),
      key: 'value',
      width: 200,
      render: (_, issue) =>
        issue.value ? <Typography.Text ellipsis={{ tooltip: issue.value }}>{issue.value}</Typography.Text> : t('common.empty'),
    },
    {
      title: t('data.imports.report.problem'),
      key: 'message',
      render: (_, issue) => (
        <Space size={4}>
          <Tag color={issue.severity === 'error' ? 'error' : 'warning'}>{t(`data.imports.report.severity.${issue.severity}`)}</Tag>
          {issue.message}
        </Space>
      ),
    },
  ];

  return (
    <ProCard
      title={<h3 style={{ margin: 0, fontSize: 15 }}>{t('data.imports.report.issuesTable')}</h3>}
      extra={<ReportDownloadButton job={job} label={t('data.imports.report.download')} />}
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Segmented<SeverityChoice>
          aria-label={t('data.imports.report.severityFilter')}
          value={severity}
          onChange={setSeverity}
          options={(['all', 'error', 'warning'] as const).map((value) => ({
            value,
            label: t(`data.imports.report.severity.${value}`),
          }))}
        />
        <Table<ImportIssue>
          rowKey={(issue) => `${issue.rowNumber}:${issue.column ?? ''}:${issue.code}`}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={issues.isFetching && !issues.isFetchingNextPage}
          components={{ table }}
          pagination={false}
          locale={{ emptyText: t('data.imports.report.noIssues') }}
          footer={() => (
            <LoadMoreFooter
              centered
              list={issues}
              shown={t('data.shownOfTotal', { count: rows.length, total })}
              loadMoreLabel={t('data.loadMore')}
            />
          )}
        />
      </Space>
    </ProCard>
  );
}
