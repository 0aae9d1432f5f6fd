import { Checkbox, Form, Tag } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '@/api/types';
import { useLevels } from '@/services/reference';
import { useDeleteLevel, useSaveLevel } from '@/services/settings';
import { SettingsTable } from '../components/SettingsTable';
import {
  ColorField,
  NameField,
  SortOrderField,
  nextSortOrder,
  sortOrderColumn,
} from '../components/settingsFields';

interface LevelValues {
  name: string;
  color: string;
  sortOrder: number;
  isDefault: boolean;
}

export default function LevelSettingsPage() {
  const { t } = useTranslation();
  const levels = useLevels();
  const save = useSaveLevel();
  const remove = useDeleteLevel();
  const sortOrderForNew = nextSortOrder(levels.data);

  return (
    <SettingsTable<Level, LevelValues>
      title={t('settings.levels.title')}
      tableName={t('settings.levels.title')}
      createText={t('settings.levels.create')}
      rows={levels.data}
      loading={levels.isPending}
      rowName={(level) => level.name}
      columns={[
        {
          key: 'name',
          title: t('settings.fields.name'),
          render: (_, level) => <Tag color={level.color}>{level.name}</Tag>,
        },
        sortOrderColumn(t),
        {
          key: 'isDefault',
          title: t('settings.fields.isDefault'),
          render: (_, level) => (level.isDefault ? t('customerForm.yes') : t('common.empty')),
        },
      ]}
      modalTitle={({ row }) =>
        row ? t('settings.levels.edit', { name: row.name }) : t('settings.levels.create')
      }
      initialValues={({ row }) => ({
        name: row?.name ?? '',
        color: row?.color ?? 'blue',
        sortOrder: row?.sortOrder ?? sortOrderForNew,
        isDefault: row?.isDefault ?? false,
      })}
      renderFields={() => (
        <>
          <NameField />
          <ColorField />
          <SortOrderField />
          <Form.Item name="isDefault" valuePropName="checked">
            <Checkbox>{t('settings.levels.isDefaultLabel')}</Checkbox>
          </Form.Item>
        </>
      )}
      onSave={(values, { row }) =>
        save.mutateAsync({
          id: row?.id,
          input: {
            name: values.name.trim(),
            color: values.color,
            sortOrder: values.sortOrder,
            isDefault: values.isDefault,
          },
        })
      }
      onDelete={(level) => remove.mutateAsync(level.id)}
      deleteConfirm={(level) => t('settings.levels.deleteConfirm', { name: level.name })}
    />
  );
}
