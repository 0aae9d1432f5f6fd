import { Button, Popconfirm, Space } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { Customer } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useDeleteCustomer } from '../useCustomers';

export function CustomerRowActions({
  customer,
  onEdit,
}: {
  customer: Customer;
  onEdit: (customer: Customer) => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const deleteCustomer = useDeleteCustomer();

  const handleDelete = async () => {
    try {
      await deleteCustomer.mutateAsync(customer.id);
      message.success(t('customers.deleted', { name: customer.name }));
    } catch (error) {
      message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));
    }
  };

  return (
    <Space size={0} role="group" aria-label={t('customers.rowActions', { name: customer.name })}>
      <Button type="link" size="small" onClick={() => onEdit(customer)}>
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={t('customers.deleteConfirm', { name: customer.name })}
        okText={t('common.delete')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: deleteCustomer.isPending }}
        onConfirm={handleDelete}
      >
        <Button type="link" size="small" danger>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
