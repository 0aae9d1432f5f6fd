import { Tag as AntTag } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Tag } from '@/api/types';
import { useTags } from '@/services/reference';
import { useDeleteTag, useSaveTag } from '@/services/settings';
import { SettingsTable } from '../components/SettingsTable';
import { ColorField, NameField, customerCountColumn } from '../components/settingsFields';

interface TagValues {
  name: string;
  color: string;
}

export default function TagSettingsPage() {
  const { t } = useTranslation();
  const tags = useTags();
  const save = useSaveTag();
  const remove = useDeleteTag();

  return (
    <SettingsTable<Tag, TagValues>
      title={t('settings.tags.title')}
      tableName={t('settings.tags.title')}
      createText={t('settings.tags.create')}
      rows={tags.data}
      loading={tags.isPending}
      rowName={(tag) => tag.name}
      columns={[
        {
          key: 'name',
          title: t('settings.fields.name'),
          render: (_, tag) => <AntTag color={tag.color}>{tag.name}</AntTag>,
        },
        { key: 'color', title: t('settings.fields.color'), dataIndex: 'color' },
        customerCountColumn(t),
      ]}
      modalTitle={({ row }) =>
        row ? t('settings.tags.edit', { name: row.name }) : t('settings.tags.create')
      }
      initialValues={({ row }) => ({ name: row?.name ?? '', color: row?.color ?? 'blue' })}
      renderFields={() => (
        <>
          <NameField />
          <ColorField />
        </>
      )}
      onSave={(values, { row }) =>
        save.mutateAsync({ id: row?.id, input: { name: values.name.trim(), color: values.color } })
      }
      onDelete={(tag) => remove.mutateAsync(tag.id)}
      deleteConfirm={(tag) => t('settings.tags.deleteConfirm', { name: tag.name, count: tag.customerCount })}
    />
  );
}
