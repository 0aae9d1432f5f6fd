import { Tag } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '@/services/dataTransfer';

const colors: Record<ImportStatus, string | undefined> = {
  uploaded: undefined,
  validating: 'processing',
  validated: 'blue',
  queued: 'processing',
  running: 'processing',
  completed: 'success',
  failed: 'error',
  cancelled: undefined,
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`data.imports.status.${status}`)}</Tag>;
}
