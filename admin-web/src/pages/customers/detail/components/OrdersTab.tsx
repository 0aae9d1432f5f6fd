import { PlusOutlined } from '@ant-design/icons';
import { useAccess } from '@umijs/max';
import { Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { Order, OrderStatus } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { currentLanguage } from '@/i18n';
import { formatAmount } from '@/utils/money';
import { useDeleteOrder, useOrders } from '../useRelatedRecords';
import { OrderFormModal } from './OrderFormModal';

export const orderStatusColors: Record<OrderStatus, string> = {
  pending: 'default',
  paid: 'blue',
  completed: 'green',
  cancelled: 'orange',
  refunded: 'red',
};

export function OrdersTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const orders = useOrders(customerId, page);
  const deleteOrder = useDeleteOrder(customerId);
  const [editing, setEditing] = useState<{ order?: Order } | null>(null);
  const language = currentLanguage();
  // Orders are part of the customer: recording and changing them takes customer:update.
  const { canEditCustomers } = useAccess();

  const handleDelete = async (order: Order) => {
    try {
      await deleteOrder.mutateAsync(order.id);
      message.success(t('orders.deleted', { orderNo: order.orderNo }));
    } catch (error) {
      message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));
    }
  };

  return (
    <Card
      title={t('customerDetail.tabs.orders')}
      extra={
        canEditCustomers && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('orders.create')}
          </Button>
        )
      }
    >
      <Table<Order>
        rowKey="id"
        size="middle"
        aria-label={t('orders.tableName')}
        loading={orders.isFetching}
        dataSource={orders.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: orders.data?.total ?? 0,
          showTotal: (total) => t('orders.total', { total }),
          onChange: (next, pageSize) => setPage({ page: pageSize === page.pageSize ? next : 1, pageSize }),
        }}
        columns={[
          { key: 'orderNo', title: t('orders.fields.orderNo'), dataIndex: 'orderNo' },
          {
            key: 'orderedAt',
            title: t('orders.fields.orderedAt'),
            render: (_, order) => dayjs(order.orderedAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            key: 'channel',
            title: t('orders.fields.channel'),
            render: (_, order) => order.channel ?? t('common.empty'),
          },
          {
            key: 'status',
            title: t('orders.fields.status'),
            render: (_, order) => (
              <Tag color={orderStatusColors[order.status]}>{t(`orders.statuses.${order.status}`)}</Tag>
            ),
          },
          {
            key: 'items',
            title: t('orders.fields.items'),
            render: (_, order) =>
              order.items
                .map((item) => `${item.product} × ${item.quantity}`)
                .join(t('common.listSeparator')) || t('common.empty'),
          },
          {
            key: 'amount',
            title: t('orders.fields.amount'),
            align: 'right',
            render: (_, order) => formatAmount(order.amount, language),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right',
            hidden: !canEditCustomers,
            render: (_, order) => (
              <Space size={0} role="group" aria-label={t('orders.rowActions', { orderNo: order.orderNo })}>
                <Button type="link" size="small" onClick={() => setEditing({ order })}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('orders.deleteConfirm', { orderNo: order.orderNo })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true, loading: deleteOrder.isPending }}
                  onConfirm={() => handleDelete(order)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <OrderFormModal
          customerId={customerId}
          order={editing.order}
          onClose={() => setEditing(null)}
          onCreated={() => setPage((current) => ({ ...current, page: 1 }))}
        />
      )}
    </Card>
  );
}
