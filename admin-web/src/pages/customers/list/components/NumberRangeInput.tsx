import { InputNumber, Space } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';

export type NumberRange = [number | null, number | null];

/**
 * A min–max pair as one form control. Each end is named for screen readers and tests
 * ("累计消费最小值"), and either may stay empty for an open range.
 */
export function NumberRangeInput({
  id,
  field,
  precision,
  value,
  onChange,
}: {
  id?: string;
  /** What is measured, as the label says it. */
  field: string;
  precision?: number;
  value?: NumberRange;
  onChange?: (value: NumberRange) => void;
}) {
  const { t } = useTranslation();
  const [min, max] = value ?? [null, null];
  return (
    <Space.Compact block>
      <InputNumber
        id={id}
        style={{ width: '50%' }}
        min={0}
        precision={precision}
        value={min}
        placeholder={t('customers.filters.min')}
        aria-label={t('customers.filters.rangeMin', { field })}
        onChange={(next) => onChange?.([next, max])}
      />
      <InputNumber
        style={{ width: '50%' }}
        min={0}
        precision={precision}
        value={max}
        placeholder={t('customers.filters.max')}
        aria-label={t('customers.filters.rangeMax', { field })}
        onChange={(next) => onChange?.([min, next])}
      />
    </Space.Compact>
  );
}
