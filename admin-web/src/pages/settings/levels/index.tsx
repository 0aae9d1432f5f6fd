import { Checkbox, Form, Input, InputNumber, Tag } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '@/api/types';
import { useLevels } from '@/services/reference';
import { useDeleteLevel, useSaveLevel } from '@/services/settings';
import { ColorSelect } from '../components/ColorSelect';
import { SettingsTable } from '../components/SettingsTable';

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
  const nextSortOrder = Math.max(0, ...(levels.data ?? []).map((level) => level.sortOrder)) + 10;

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
        { key: 'sortOrder', title: t('settings.fields.sortOrder'), dataIndex: 'sortOrder', align: 'right' },
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
        sortOrder: row?.sortOrder ?? nextSortOrder,
        isDefault: row?.isDefault ?? false,
      })}
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
          <Form.Item name="color" label={t('settings.fields.color')}>
            <ColorSelect />
          </Form.Item>
          <Form.Item
            name="sortOrder"
            label={t('settings.fields.sortOrder')}
            extra={t('settings.sortOrderHelp')}
          >
            <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
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
