import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import React, { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, requestData } from '@/api/client';
import { customerKeys } from '@/services/queryKeys';

const pickerSize = 10;
const typingPause = 300;

/** Finds a customer by name, pinyin or phone tail (the list's keyword search) and picks one. */
export function CustomerPicker({
  value,
  onChange,
  label,
}: {
  value?: string;
  onChange?: (customerId: string | undefined) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(typed.trim()), typingPause);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: customerKeys.picker(keyword),
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/customers', { params: { query: { keyword, limit: pickerSize } }, signal })),
    enabled: keyword.length > 0,
  });
  return (
    <Select
      showSearch
      allowClear
      aria-label={label}
      value={value}
      onChange={onChange}
      onSearch={setTyped}
      filterOption={false}
      loading={found.isFetching}
      placeholder={t('feedback.detail.customerSearch')}
      notFoundContent={keyword ? t('feedback.detail.noCustomer') : null}
      style={{ width: '100%' }}
      options={(found.data?.items ?? []).map((customer) => ({
        value: customer.id,
        label: customer.primaryPhone ? `${customer.name}（${customer.primaryPhone}）` : customer.name,
      }))}
    />
  );
}
