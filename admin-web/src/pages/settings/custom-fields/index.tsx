import { Checkbox, Form, Input, Select, Space, Tag } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDefinition, CustomFieldType } from '@/api/types';
import { useCustomFieldDefinitions } from '@/services/reference';
import { useDeleteCustomField, useSaveCustomField } from '@/services/settings';
import { SettingsTable } from '../components/SettingsTable';
import { NameField, SortOrderField, nextSortOrder, sortOrderColumn } from '../components/settingsFields';

const fieldTypes: readonly CustomFieldType[] = [
  'text',
  'number',
  'date',
  'single_select',
  'multi_select',
  'boolean',
];
const selectTypes: readonly CustomFieldType[] = ['single_select', 'multi_select'];
// The server refuses a uniqueness rule over a list or a yes/no answer.
const uniqueCapable: readonly CustomFieldType[] = ['text', 'number', 'date', 'single_select'];

interface CustomFieldValues {
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
  unique: boolean;
  sortOrder: number;
}

export default function CustomFieldSettingsPage() {
  const { t } = useTranslation();
  const definitions = useCustomFieldDefinitions();
  const save = useSaveCustomField();
  const remove = useDeleteCustomField();
  const sortOrderForNew = nextSortOrder(definitions.data);

  return (
    <SettingsTable<CustomFieldDefinition, CustomFieldValues>
      title={t('settings.customFields.title')}
      tableName={t('settings.customFields.title')}
      createText={t('settings.customFields.create')}
      rows={definitions.data}
      loading={definitions.isPending}
      rowName={(field) => field.label}
      columns={[
        { key: 'label', title: t('settings.fields.label'), dataIndex: 'label' },
        { key: 'key', title: t('settings.fields.key'), render: (_, field) => <code>{field.key}</code> },
        {
          key: 'type',
          title: t('settings.fields.type'),
          render: (_, field) => t(`settings.fieldTypes.${field.type}`),
        },
        {
          key: 'options',
          title: t('settings.fields.options'),
          render: (_, field) =>
            field.options.length > 0 ? (
              <Space size={[0, 4]} wrap>
                {field.options.map((option) => (
                  <Tag key={option}>{option}</Tag>
                ))}
              </Space>
            ) : (
              t('common.empty')
            ),
        },
        {
          key: 'rules',
          title: t('settings.fields.rules'),
          render: (_, field) =>
            [field.required && t('settings.fields.required'), field.unique && t('settings.fields.unique')]
              .filter(Boolean)
              .join(t('common.listSeparator')) || t('common.empty'),
        },
        sortOrderColumn(t),
      ]}
      modalTitle={({ row }) =>
        row ? t('settings.customFields.edit', { name: row.label }) : t('settings.customFields.create')
      }
      initialValues={({ row }) => ({
        key: row?.key ?? '',
        label: row?.label ?? '',
        type: row?.type ?? 'text',
        options: row?.options ?? [],
        required: row?.required ?? false,
        unique: row?.unique ?? false,
        sortOrder: row?.sortOrder ?? sortOrderForNew,
      })}
      renderFields={({ row }) => (
        <>
          <NameField name="label" max={30} />
          <Form.Item
            name="key"
            label={t('settings.fields.key')}
            extra={t('settings.customFields.keyHelp')}
            rules={[
              { required: true, message: t('settings.customFields.keyRequired') },
              { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('settings.customFields.keyInvalid') },
            ]}
          >
            {/* The key names the stored values: it cannot change once customers may have them. */}
            <Input maxLength={40} disabled={Boolean(row)} placeholder="wechat_id" />
          </Form.Item>
          <Form.Item
            name="type"
            label={t('settings.fields.type')}
            extra={row ? t('settings.customFields.typeHelp') : undefined}
          >
            <Select
              options={fieldTypes.map((type) => ({ value: type, label: t(`settings.fieldTypes.${type}`) }))}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(previous, next) => previous.type !== next.type}>
            {({ getFieldValue }) => {
              const type = getFieldValue('type') as CustomFieldType;
              return (
                <>
                  {selectTypes.includes(type) && (
                    <Form.Item
                      name="options"
                      label={t('settings.fields.options')}
                      extra={t('settings.customFields.optionsHelp')}
                      rules={[
                        {
                          required: true,
                          type: 'array',
                          min: 1,
                          message: t('settings.customFields.optionsRequired'),
                        },
                      ]}
                    >
                      <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
                    </Form.Item>
                  )}
                  <Form.Item name="required" valuePropName="checked" style={{ marginBottom: 8 }}>
                    <Checkbox>{t('settings.customFields.requiredLabel')}</Checkbox>
                  </Form.Item>
                  {uniqueCapable.includes(type) && (
                    <Form.Item name="unique" valuePropName="checked">
                      <Checkbox>{t('settings.customFields.uniqueLabel')}</Checkbox>
                    </Form.Item>
                  )}
                </>
              );
            }}
          </Form.Item>
          <SortOrderField />
        </>
      )}
      onSave={(values, { row }) => {
        const isSelect = selectTypes.includes(values.type);
        const input = {
          key: row?.key ?? values.key,
          label: values.label.trim(),
          type: values.type,
          options: isSelect
            ? [...new Set((values.options ?? []).map((option) => option.trim()).filter(Boolean))]
            : [],
          required: values.required,
          unique: uniqueCapable.includes(values.type) && values.unique,
          sortOrder: values.sortOrder,
        };
        return save.mutateAsync({ id: row?.id, input });
      }}
      onDelete={(field) => remove.mutateAsync(field.id)}
      deleteConfirm={(field) => t('settings.customFields.deleteConfirm', { name: field.label })}
      deleteDescription={() => t('settings.customFields.deleteWarning')}
    />
  );
}
