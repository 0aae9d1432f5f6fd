import { DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDefinition } from '@/api/types';

/** One input per custom field definition, by its type, under `customFields.<key>`. */
export function CustomFieldInputs({ definitions }: { definitions: readonly CustomFieldDefinition[] }) {
  const { t } = useTranslation();
  return (
    <>
      {[...definitions]
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((definition) => {
          const rules: Rule[] = definition.required
            ? [
                {
                  required: true,
                  // A cleared multi-select is [], which `required` alone would accept.
                  type: definition.type === 'multi_select' ? 'array' : undefined,
                  min: definition.type === 'multi_select' ? 1 : undefined,
                  whitespace: definition.type === 'text' ? true : undefined,
                  message: t('customerForm.validation.customFieldRequired', { label: definition.label }),
                },
              ]
            : [];
          return (
            <Form.Item
              key={definition.id}
              name={['customFields', definition.key]}
              label={definition.label}
              rules={rules}
              extra={definition.unique ? t('customerForm.customFieldUnique') : undefined}
            >
              {renderInput(definition, t('customerForm.yes'), t('customerForm.no'))}
            </Form.Item>
          );
        })}
    </>
  );
}

function renderInput(definition: CustomFieldDefinition, yes: string, no: string): React.ReactNode {
  const options = definition.options.map((option) => ({ value: option, label: option }));
  switch (definition.type) {
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} />;
    case 'single_select':
      return <Select allowClear options={options} />;
    case 'multi_select':
      return <Select mode="multiple" allowClear options={options} />;
    case 'boolean':
      return (
        <Radio.Group
          options={[
            { value: true, label: yes },
            { value: false, label: no },
          ]}
        />
      );
    default:
      return <Input maxLength={200} />;
  }
}
