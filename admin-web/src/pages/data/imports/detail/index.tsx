import { PageContainer, ProCard } from '@ant-design/pro-components';
import { history, useParams } from '@umijs/max';
import { Button, Descriptions, Popconfirm, Result, Space, Spin, Steps } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import { ExceptionResult } from '@/components/ExceptionResult';
import { useMessage } from '@/components/AppProviders/message';
import { useFail } from '@/pages/system/components/useFail';
import { useCancelImport, useImport, type ImportJob } from '@/services/dataTransfer';
import { JobProgress } from '../../components/JobProgress';
import { ImportStatusTag } from '../components/ImportStatusTag';
import { MappingStep } from '../components/MappingStep';
import { ReportStep } from '../components/ReportStep';
import { ResultStep } from '../components/ResultStep';
import { canCancel, importPollMs, isWorking, stepIndexOf, stepOf, wizardSteps } from '../importWizard';
import { PageTitle } from '../../components/PageTitle';

/**
 * /data/imports/:id — one import's wizard. The step comes from the job's status on the server (asked
 * again every second while the server works on it), so a reload lands where the import stands.
 */
export default function ImportDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const job = useImport(id, (current) => (current && isWorking(current.status) ? importPollMs : false));
  // After a validation a person may go back to the mapping; everything else follows the server.
  const [remapping, setRemapping] = useState(false);
  const status = job.data?.status;
  useEffect(() => {
    if (status !== 'validated') setRemapping(false);
  }, [status]);

  if (job.isPending) {
    return (
      <PageContainer title={t('menu.importDetail')}>
        <Spin />
      </PageContainer>
    );
  }
  if (job.isError) {
    const notFound = job.error instanceof ApiRequestError && job.error.status === 404;
    return notFound ? <ExceptionResult kind="notFound" /> : <Result status="error" title={job.error.message} />;
  }

  const current = job.data;
  const step = stepOf(current.status, remapping);

  return (
    <PageContainer
      title={<PageTitle>{t('data.imports.detailTitle', { name: current.fileName })}</PageTitle>}
      tags={<ImportStatusTag status={current.status} />}
      onBack={() => history.push('/data/imports')}
      extra={canCancel(current.status) ? <CancelImportButton job={current} /> : undefined}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <ProCard>
          <Steps
            size="small"
            current={stepIndexOf(step)}
            status={current.status === 'failed' ? 'error' : undefined}
            items={wizardSteps.map((key) => ({ title: t(`data.imports.steps.${key}`) }))}
          />
        </ProCard>
        <ProCard>
          <JobFacts job={current} />
        </ProCard>
        <ProCard
          title={<h2 style={{ margin: 0, fontSize: 16 }}>{t(`data.imports.stepTitles.${step}`)}</h2>}
          bodyStyle={{ paddingBlockStart: 8 }}
        >
          {step === 'mapping' && (
            <MappingStep
              job={current}
              onBackToReport={current.status === 'validated' ? () => setRemapping(false) : undefined}
              onSubmitted={() => setRemapping(false)}
            />
          )}
          {step === 'report' && <ReportStep job={current} onRemap={() => setRemapping(true)} />}
          {step === 'progress' && (
            <JobProgress
              label={t('data.imports.progress.label')}
              progress={current.progress}
              caption={t(`data.imports.status.${current.status}`)}
            />
          )}
          {step === 'result' && <ResultStep job={current} />}
          {step === 'cancelled' && (
            <Result
              status="info"
              title={t('data.imports.cancelled')}
              extra={
                <Button type="primary" onClick={() => history.push('/data/imports')}>
                  {t('data.imports.result.again')}
                </Button>
              }
            />
          )}
        </ProCard>
      </Space>
    </PageContainer>
  );
}

function JobFacts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const format = [job.fileFormat.toUpperCase(), job.encoding].filter(Boolean).join(' · ');
  const items = [
    { key: 'entity', label: t('data.imports.fields.entity'), children: t(`data.imports.entities.${job.entity}`) },
    { key: 'format', label: t('data.imports.fields.format'), children: format },
    ...(job.sheetName
      ? [
          {
            key: 'sheet',
            label: t('data.imports.fields.sheet'),
            children:
              job.sheets.length > 1
                ? t('data.imports.sheetOf', { name: job.sheetName, count: job.sheets.length })
                : job.sheetName,
          },
        ]
      : []),
    { key: 'rows', label: t('data.imports.fields.totalRows'), children: job.totalRows },
    { key: 'createdBy', label: t('data.imports.fields.createdBy'), children: job.createdBy.displayName },
    { key: 'createdAt', label: t('data.imports.fields.createdAt'), children: dayjs(job.createdAt).format('YYYY-MM-DD HH:mm') },
  ];
  return <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />;
}

function CancelImportButton({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const cancel = useCancelImport();
  return (
    <Popconfirm
      title={t('data.imports.cancelConfirm', { name: job.fileName })}
      okText={t('data.imports.cancel')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={async () => {
        try {
          await cancel.mutateAsync(job.id);
          message.success(t('data.imports.cancelledDone'));
        } catch (error) {
          fail(error);
        }
      }}
    >
      <Button danger loading={cancel.isPending}>
        {t('data.imports.cancel')}
      </Button>
    </Popconfirm>
  );
}
