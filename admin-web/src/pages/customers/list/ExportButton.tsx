import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { history, useAccess } from '@umijs/max';
import { Alert, Button, Modal, Radio, Space, Typography } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { JobProgress } from '@/pages/data/components/JobProgress';
import {
  customerExportRequest,
  downloadLinkOf,
  exportFormats,
  exportPollMs,
  isExportWorking,
} from '@/pages/data/exports/exportState';
import { useFail } from '@/pages/system/components/useFail';
import { useCreateExport, useExport, type ExportFormat } from '@/services/dataTransfer';
import type { ListSort } from './sort';

/**
 * 导出 on the customer list: exports what the list shows (its filter, a saved view's included, and its
 * sort) as CSV, Excel or JSON. The dialog follows the export job and offers the file when it is ready.
 */
export function ExportButton(props: { filter: CustomerFilter; sort: ListSort }) {
  const { t } = useTranslation();
  const access = useAccess();
  const fail = useFail();
  const message = useMessage();
  const create = useCreateExport();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [exportId, setExportId] = useState<string | undefined>(undefined);
  const job = useExport(exportId, (current) =>
    current === undefined || isExportWorking(current.status) ? exportPollMs : false,
  );
  if (!access.canExport) return null;

  const current = exportId ? job.data : undefined;
  const link = current ? downloadLinkOf(current, new Date()) : null;

  const start = async () => {
    try {
      const created = await create.mutateAsync(customerExportRequest(props.filter, props.sort, format));
      setExportId(created.id);
    } catch (error) {
      fail(error);
    }
  };

  const close = () => {
    if (current && isExportWorking(current.status)) message.info(t('data.exports.continuesInList'));
    setOpen(false);
    // A finished (or failed) export is done with; one still running stays on /data/exports.
    setExportId(undefined);
  };

  const toList = () => {
    close();
    history.push('/data/exports');
  };

  const footer = exportId
    ? [
        <Button key="list" onClick={toList}>
          {t('data.exports.toList')}
        </Button>,
        link ? (
          <Button
            key="download"
            type="primary"
            icon={<DownloadOutlined />}
            href={link}
            download={current?.fileName ?? true}
          >
            {t('data.exports.download')}
          </Button>
        ) : (
          <Button key="close" onClick={close}>
            {t('data.exports.close')}
          </Button>
        ),
      ]
    : [
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button key="start" type="primary" loading={create.isPending} onClick={() => void start()}>
          {t('data.exports.start')}
        </Button>,
      ];

  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setOpen(true)}>
        {t('data.exports.button')}
      </Button>
      <Modal title={t('data.exports.dialogTitle')} open={open} onCancel={close} footer={footer} destroyOnHidden>
        {exportId === undefined ? (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Typography.Text id="export-format-label">{t('data.exports.formatLabel')}</Typography.Text>
            <Radio.Group
              aria-labelledby="export-format-label"
              value={format}
              onChange={(event) => setFormat(event.target.value as ExportFormat)}
            >
              <Space direction="vertical">
                {/* The help stays outside the label, so each radio is named by its format alone. */}
                {exportFormats.map((value) => (
                  <Space key={value} size={8}>
                    <Radio value={value}>{t(`data.exports.formats.${value}`)}</Radio>
                    <Typography.Text type="secondary">{t(`data.exports.formatHelp.${value}`)}</Typography.Text>
                  </Space>
                ))}
              </Space>
            </Radio.Group>
            <Typography.Text type="secondary">{t('data.exports.scopeHelp')}</Typography.Text>
          </Space>
        ) : (
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <JobProgress
              label={t('data.exports.progressLabel')}
              progress={current?.progress ?? { processed: 0, total: 0, percent: 0 }}
              finished={current?.status === 'completed'}
              failed={current?.status === 'failed'}
              caption={t(`data.exports.status.${current?.status ?? 'queued'}`)}
            />
            {current?.status === 'completed' && (
              <Alert
                type="success"
                showIcon
                message={t('data.exports.ready', { name: current.fileName ?? '' })}
                description={current.fullContacts ? undefined : t('data.exports.masked')}
              />
            )}
            {current?.status === 'failed' && (
              <Alert type="error" showIcon role="alert" message={t('data.exports.failed', { reason: current.errorMessage ?? current.errorCode ?? '' })} />
            )}
          </Space>
        )}
      </Modal>
    </>
  );
}
