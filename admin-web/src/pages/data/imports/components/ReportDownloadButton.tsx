import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFail } from '@/pages/system/components/useFail';
import { fetchImportReport, type ImportJob } from '@/services/dataTransfer';
import { saveBlob } from '@/utils/saveBlob';
import { reportFileName } from '../importWizard';

/** The XLSX report (issues; after a run also the result per row), fetched with the bearer token and saved. */
export function ReportDownloadButton(props: { job: Pick<ImportJob, 'id' | 'fileName'>; label: string }) {
  const { t } = useTranslation();
  const fail = useFail();
  const [loading, setLoading] = useState(false);
  const download = async () => {
    setLoading(true);
    try {
      const blob = await fetchImportReport(props.job.id);
      saveBlob(blob, reportFileName(props.job.fileName, t('data.imports.report.fileSuffix')));
    } catch (error) {
      fail(error);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={loading} onClick={() => void download()}>
      {props.label}
    </Button>
  );
}
