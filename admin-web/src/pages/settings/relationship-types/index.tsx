import { Form, Input, InputNumber } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { RelationshipType } from '@/api/types';
import { useRelationshipTypes } from '@/services/reference';
import { useDeleteRelationshipType, useSaveRelationshipType } from '@/services/settings';
import { SettingsTable } from '../components/SettingsTable';

interface RelationshipTypeValues {
  name: string;
  sortOrder: number;
}

export default function RelationshipTypeSettingsPage() {
  const { t } = useTranslation();
  const types = useRelationshipTypes();
  const save = useSaveRelationshipType();
  const remove = useDeleteRelationshipType();
  const nextSortOrder = Math.max(0, ...(types.data ?? []).map((type) => type.sortOrder)) + 10;

  return (
    <SettingsTable<RelationshipType, RelationshipTypeValues>
      title={t('settings.relationshipTypes.title')}
      tableName={t('settings.relationshipTypes.title')}
      createText={t('settings.relationshipTypes.create')}
      rows={types.data}
      loading={types.isPending}
      rowName={(type) => type.name}
      columns={[
        { key: 'name', title: t('settings.fields.name'), dataIndex: 'name' },
        { key: 'sortOrder', title: t('settings.fields.sortOrder'), dataIndex: 'sortOrder', align: 'right' },
      ]}
      modalTitle={({ row }) =>
        row
          ? t('settings.relationshipTypes.edit', { name: row.name })
          : t('settings.relationshipTypes.create')
      }
      initialValues={({ row }) => ({ name: row?.name ?? '', sortOrder: row?.sortOrder ?? nextSortOrder })}
      renderFields={() => (
        <>
          <Form.Item
            name="name"
            label={t('settings.fields.name')}
            rules={[
              { required: true, whitespace: true, message: t('settings.validation.nameRequired') },
              { max: 20, message: t('customerForm.validation.tooLong', { max: 20 }) },
            ]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item
            name="sortOrder"
            label={t('settings.fields.sortOrder')}
            extra={t('settings.sortOrderHelp')}
          >
            <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      onSave={(values, { row }) =>
        save.mutateAsync({ id: row?.id, input: { name: values.name.trim(), sortOrder: values.sortOrder } })
      }
      onDelete={(type) => remove.mutateAsync(type.id)}
      deleteConfirm={(type) => t('settings.relationshipTypes.deleteConfirm', { name: type.name })}
    />
  );
}
