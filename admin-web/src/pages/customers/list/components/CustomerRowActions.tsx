import { useAccess } from '@umijs/max';
import { Button, Popconfirm, Space } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { CustomerSummary } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useDeleteCustomer } from '@/services/customers';

export function CustomerRowActions({
  customer,
  onEdit,
}: {
  customer: CustomerSummary;
  onEdit: (customer: CustomerSummary) => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const access = useAccess();
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
      {access.canEditCustomers && (
        <Button type="link" size="small" onClick={() => onEdit(customer)}>
          {t('common.edit')}
        </Button>
      )}
      {access.canDeleteCustomers && (
        <Popconfirm
          title={t('customers.deleteConfirm', { name: customer.name })}
          description={t('customers.deleteToTrash')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, loading: deleteCustomer.isPending }}
          onConfirm={handleDelete}
        >
          <Button type="link" size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
