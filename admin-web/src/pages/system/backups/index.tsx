import { CloudDownloadOutlined, DatabaseOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '@/components/AppProviders/message';
import { fetchBackupArchive, useBackups, useStartBackup, type Backup } from '@/services/backups';
import { saveBlob } from '@/utils/saveBlob';
import { useNamedTable } from '../components/NamedTable';
import { useFail } from '../components/useFail';
import {
  backupProgress,
  describeSchedule,
  formatBytes,
  formatCount,
  type RequestedBackup,
  type ScheduleDescription,
} from './backupState';

const restoreCommand = 'pnpm restore <file>';

// Sunday first, as cron counts (0 = Sunday).
const weekdayMessages = [
  'system.backups.weekdays.0',
  'system.backups.weekdays.1',
  'system.backups.weekdays.2',
  'system.backups.weekdays.3',
  'system.backups.weekdays.4',
  'system.backups.weekdays.5',
  'system.backups.weekdays.6',
] as const;

function useScheduleText() {
  const { t } = useTranslation();
  return (schedule: ScheduleDescription) => {
    switch (schedule.kind) {
      case 'off':
        return t('system.backups.schedule.off');
      case 'daily':
        return t('system.backups.schedule.daily', { time: schedule.time });
      case 'weekly':
        return t('system.backups.schedule.weekly', {
          weekday: t(weekdayMessages[schedule.weekday] ?? weekdayMessages[0]),
          time: schedule.time,
        });
      case 'cron':
        return t('system.backups.schedule.cron', { expression: schedule.expression });
    }
  };
}

export default function BackupsPage() {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const [requested, setRequested] = useState<RequestedBackup | null>(null);
  const backups = useBackups(requested !== null);
  const start = useStartBackup();
  const [downloading, setDownloading] = useState<string | null>(null);
  const table = useNamedTable(t('system.backups.tableName'));
  const scheduleText = useScheduleText();
  // Judged at the time of the last fetch: every poll changes it, so the page re-renders even when the list did not.
  const progress = backupProgress(requested, backups.data, Math.max(backups.dataUpdatedAt, requested?.requestedAt ?? 0));
  const language = i18n.language;

  useEffect(() => {
    if (requested === null) return;
    if (progress === 'done') {
      message.success(t('system.backups.doneMessage', { name: requested.name }));
      setRequested(null);
    } else if (progress === 'lost') {
      message.error(t('system.backups.lostMessage'));
      setRequested(null);
    }
  }, [progress, requested, message, t]);

  const startBackup = async () => {
    try {
      const started = await start.mutateAsync();
      setRequested({ name: started.name, requestedAt: Date.now() });
    } catch (error) {
      fail(error);
    }
  };

  const download = async (backup: Backup) => {
    setDownloading(backup.name);
    try {
      saveBlob(await fetchBackupArchive(backup.name), backup.name);
    } catch (error) {
      fail(error);
    } finally {
      setDownloading(null);
    }
  };

  const columns: ProColumns<Backup>[] = [
    {
      title: t('system.backups.columns.name'),
      key: 'name',
      width: 300,
      render: (_, backup) => <Typography.Text code>{backup.name}</Typography.Text>,
    },
    {
      title: t('system.backups.columns.createdAt'),
      key: 'createdAt',
      width: 170,
      render: (_, backup) => dayjs(backup.createdAt).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('system.backups.columns.size'),
      key: 'size',
      width: 110,
      align: 'right',
      render: (_, backup) => formatBytes(backup.size),
    },
    {
      title: t('system.backups.columns.tables'),
      key: 'tables',
      width: 90,
      align: 'right',
      render: (_, backup) => formatCount(backup.tables, language),
    },
    {
      title: t('system.backups.columns.rows'),
      key: 'rows',
      width: 120,
      align: 'right',
      render: (_, backup) => formatCount(backup.rows, language),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, backup) => (
        <Space size={0} role="group" aria-label={t('system.rowActions', { name: backup.name })}>
          <Button
            type="link"
            size="small"
            icon={<CloudDownloadOutlined />}
            loading={downloading === backup.name}
            onClick={() => void download(backup)}
          >
            {t('system.backups.download')}
          </Button>
        </Space>
      ),
    },
  ];

  const running = progress === 'running';
  const list = backups.data;

  return (
    <PageContainer title={t('system.backups.title')} subTitle={t('system.backups.subtitle')}>
      <Card title={t('system.backups.settingsTitle')} style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('system.backups.scheduleLabel')}>
            {list
              ? list.schedule === null
                ? scheduleText(describeSchedule(null))
                : t('system.backups.scheduleInZone', {
                    schedule: scheduleText(describeSchedule(list.schedule)),
                    timezone: list.timezone,
                  })
              : t('common.empty')}
          </Descriptions.Item>
          <Descriptions.Item label={t('system.backups.retentionLabel')}>
            {list ? t('system.backups.retention', { count: list.retentionDays }) : t('common.empty')}
          </Descriptions.Item>
          <Descriptions.Item label={t('system.backups.restoreLabel')}>
            <Space direction="vertical" size={4}>
              <Typography.Text>{t('system.backups.restoreNote')}</Typography.Text>
              <Typography.Text code copyable={{ text: restoreCommand }}>
                {restoreCommand}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
          {t('system.backups.settingsNote')}
        </Typography.Paragraph>
      </Card>
      <Alert type="warning" showIcon message={t('system.backups.secretWarning')} style={{ marginBottom: 16 }} />
      {running && (
        <Alert
          type="info"
          showIcon
          role="status"
          message={t('system.backups.running')}
          description={t('system.backups.runningHelp')}
          style={{ marginBottom: 16 }}
        />
      )}
      <ProTable<Backup>
        rowKey="name"
        columns={columns}
        dataSource={list?.items}
        loading={backups.isPending}
        search={false}
        options={false}
        pagination={false}
        headerTitle={t('system.backups.tableName')}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('system.backups.empty')} /> }}
        toolBarRender={() => [
          <Button
            key="start"
            type="primary"
            icon={<DatabaseOutlined />}
            loading={start.isPending || running}
            onClick={() => void startBackup()}
          >
            {running ? t('system.backups.startRunning') : t('system.backups.start')}
          </Button>,
        ]}
      />
    </PageContainer>
  );
}
