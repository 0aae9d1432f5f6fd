import { Form, Input, InputNumber } from 'antd';
import type { ColumnType } from 'antd/es/table';
import React from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ColorSelect } from './ColorSelect';

/** The required, trimmed name of a settings row; groups and custom fields allow longer names. */
export function NameField({ name = 'name', max = 20 }: { name?: 'name' | 'label'; max?: number }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name={name}
      label={t(name === 'label' ? 'settings.fields.label' : 'settings.fields.name')}
      rules={[
        { required: true, whitespace: true, message: t('settings.validation.nameRequired') },
        { max, message: t('customerForm.validation.tooLong', { max }) },
      ]}
    >
      <Input maxLength={max} />
    </Form.Item>
  );
}

export function ColorField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="color" label={t('settings.fields.color')}>
      <ColorSelect />
    </Form.Item>
  );
}

export function SortOrderField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="sortOrder" label={t('settings.fields.sortOrder')} extra={t('settings.sortOrderHelp')}>
      <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** A new row goes after the existing ones, leaving gaps of ten to slot rows in between later. */
export function nextSortOrder(rows: readonly { sortOrder: number }[] | undefined): number {
  return Math.max(0, ...(rows ?? []).map((row) => row.sortOrder)) + 10;
}

type Translate = TFunction;

export function sortOrderColumn<Row extends { sortOrder: number }>(t: Translate): ColumnType<Row> {
  return { key: 'sortOrder', title: t('settings.fields.sortOrder'), dataIndex: 'sortOrder', align: 'right' };
}

export function customerCountColumn<Row extends { customerCount: number }>(t: Translate): ColumnType<Row> {
  return {
    key: 'customerCount',
    title: t('settings.fields.customerCount'),
    dataIndex: 'customerCount',
    align: 'right',
  };
}
