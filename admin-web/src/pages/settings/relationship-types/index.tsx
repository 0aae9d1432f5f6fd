import React from 'react';
import { useTranslation } from 'react-i18next';
import type { RelationshipType } from '@/api/types';
import { useRelationshipTypes } from '@/services/reference';
import { useDeleteRelationshipType, useSaveRelationshipType } from '@/services/settings';
import { SettingsTable } from '../components/SettingsTable';
import { NameField, SortOrderField, nextSortOrder, sortOrderColumn } from '../components/settingsFields';

interface RelationshipTypeValues {
  name: string;
  sortOrder: number;
}

export default function RelationshipTypeSettingsPage() {
  const { t } = useTranslation();
  const types = useRelationshipTypes();
  const save = useSaveRelationshipType();
  const remove = useDeleteRelationshipType();
  const sortOrderForNew = nextSortOrder(types.data);

  return (
    <SettingsTable<RelationshipType, RelationshipTypeValues>
      title={t('settings.relationshipTypes.title')}
      tableName={t('settings.relationshipTypes.title')}
      createText={t('settings.relationshipTypes.create')}
      rows={types.data}
      loading={types.isPending}
      rowName={(type) => type.name}
      columns={[{ key: 'name', title: t('settings.fields.name'), dataIndex: 'name' }, sortOrderColumn(t)]}
      modalTitle={({ row }) =>
        row
          ? t('settings.relationshipTypes.edit', { name: row.name })
          : t('settings.relationshipTypes.create')
      }
      initialValues={({ row }) => ({ name: row?.name ?? '', sortOrder: row?.sortOrder ?? sortOrderForNew })}
      renderFields={() => (
        <>
          <NameField />
          <SortOrderField />
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
