import { Descriptions, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@/api/types';
import { classifyChangeField } from '@/pages/customers/detail/timelineChanges';
import { useNamedTable } from '../components/NamedTable';
import { auditFieldMessage, permissionMessage } from '../labels';
import { changeRows, formatAuditValue, listDifference, type ChangeRow, type ValueWords } from './diffText';

/** The expanded part of an audit row: the field diff before → after, then where the change came from. */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const table = useNamedTable(t('system.audit.changes.title'));
  const words: ValueWords = {
    empty: t('common.empty'),
    yes: t('system.yes'),
    no: t('system.no'),
    separator: t('common.listSeparator'),
  };

  const fieldLabel = (field: string) => {
    const own = auditFieldMessage(field);
    if (own) return t(own);
    const customerField = classifyChangeField(field);
    if (customerField.kind === 'known') return t(customerField.message);
    if (customerField.kind === 'customField') return customerField.key;
    return field;
  };

  const changes = entry.changes as Record<string, { before: unknown; after: unknown }> | null;
  const rows: ChangeRow[] = changeRows(changes, words).map((row) => {
    // A role's permission list reads best as what was added and removed, by their labels.
    if (row.field !== 'permissions' || !changes) return row;
    const difference = listDifference(changes.permissions.before, changes.permissions.after);
    if (!difference) return row;
    const names = (keys: unknown[]) =>
      keys
        .map((key) => {
          const message = typeof key === 'string' ? permissionMessage(key) : null;
          return message ? t(message) : formatAuditValue(key, words);
        })
        .join(words.separator);
    return {
      field: row.field,
      before: difference.removed.length > 0 ? t('system.audit.changes.removed', { list: names(difference.removed) }) : words.empty,
      after: difference.added.length > 0 ? t('system.audit.changes.added', { list: names(difference.added) }) : words.empty,
    };
  });

  const columns: ColumnsType<ChangeRow> = [
    { key: 'field', title: t('system.audit.changes.field'), width: 180, render: (_, row) => fieldLabel(row.field) },
    { key: 'before', title: t('system.audit.changes.before'), dataIndex: 'before' },
    { key: 'after', title: t('system.audit.changes.after'), dataIndex: 'after' },
  ];

  const meta = entry.meta as Record<string, unknown> | null;

  return (
    <div>
      {rows.length > 0 ? (
        <Table<ChangeRow>
          rowKey="field"
          size="small"
          pagination={false}
          components={{ table }}
          dataSource={rows}
          columns={columns}
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('system.audit.changes.none')}</Typography.Paragraph>
      )}
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('system.audit.columns.userAgent')}>{entry.userAgent ?? words.empty}</Descriptions.Item>
        {meta && Object.keys(meta).length > 0 && (
          <Descriptions.Item label={t('system.audit.meta')}>{formatAuditValue(meta, words)}</Descriptions.Item>
        )}
      </Descriptions>
    </div>
  );
}
