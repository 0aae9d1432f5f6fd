import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { history, useAccess } from '@umijs/max';
import { Button, Popconfirm, Space } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { TrashedCustomer } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { usePurgeCustomer, useRestoreCustomer, useTrash } from '@/services/customers';
import { ColoredTag } from '../components/CustomerBadges';

// Gives the <table> an accessible name (`getByRole('table', { name: '回收站' })`).
function NamedTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
  const { t } = useTranslation();
  return <table {...props} aria-label={t('trash.title')} />;
}

function TrashRowActions({ customer }: { customer: TrashedCustomer }) {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  const restore = useRestoreCustomer();
  const purge = usePurgeCustomer();
  const fail = (error: unknown) =>
    message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));

  return (
    <Space size={0} role="group" aria-label={t('customers.rowActions', { name: customer.name })}>
      <Popconfirm
        title={t('trash.restoreConfirm', { name: customer.name })}
        okText={t('trash.restore')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: restore.isPending }}
        onConfirm={async () => {
          try {
            const restored = await restore.mutateAsync(customer.id);
            message.success(t('trash.restored', { name: restored.name }));
          } catch (error) {
            fail(error);
          }
        }}
      >
        <Button type="link" size="small">
          {t('trash.restore')}
        </Button>
      </Popconfirm>
      {access.canPurge && (
        <Popconfirm
          title={t('trash.purgeConfirm', { name: customer.name })}
          description={t('trash.purgeWarning')}
          okText={t('trash.purge')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, loading: purge.isPending }}
          onConfirm={async () => {
            try {
              await purge.mutateAsync(customer.id);
              message.success(t('trash.purged', { name: customer.name }));
            } catch (error) {
              fail(error);
            }
          }}
        >
          <Button type="link" size="small" danger>
            {t('trash.purge')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

export default function CustomerTrashPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const trash = useTrash(page);
  const empty = t('common.empty');

  const columns: ProColumns<TrashedCustomer>[] = [
    { title: t('customers.fields.name'), key: 'name', dataIndex: 'name', width: 140, fixed: 'left' },
    {
      title: t('customers.fields.level'),
      key: 'level',
      width: 90,
      render: (_, { level }) => (level ? <ColoredTag name={level.name} color={level.color} /> : empty),
    },
    {
      title: t('customers.fields.primaryPhone'),
      key: 'primaryPhone',
      width: 140,
      render: (_, row) => row.primaryPhone ?? empty,
    },
    {
      title: t('customers.fields.company'),
      key: 'company',
      width: 160,
      render: (_, row) => row.company ?? empty,
    },
    {
      title: t('customers.fields.owner'),
      key: 'owner',
      width: 100,
      render: (_, row) => row.owner?.displayName ?? empty,
    },
    {
      title: t('trash.deletedAt'),
      key: 'deletedAt',
      width: 160,
      render: (_, row) => dayjs(row.deletedAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('trash.deletedBy'),
      key: 'deletedBy',
      width: 110,
      render: (_, row) => row.deletedBy?.displayName ?? empty,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, customer) => <TrashRowActions customer={customer} />,
    },
  ];

  return (
    <PageContainer
      title={t('trash.title')}
      onBack={() => history.push('/customers')}
      subTitle={t('trash.subtitle')}
    >
      <ProTable<TrashedCustomer>
        rowKey="id"
        columns={columns}
        dataSource={trash.data?.items}
        loading={trash.isFetching}
        search={false}
        options={false}
        headerTitle={t('trash.title')}
        components={{ table: NamedTable }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: trash.data?.total ?? 0,
          showTotal: (total) => t('trash.total', { total }),
          onChange: (next, pageSize) => setPage({ page: pageSize === page.pageSize ? next : 1, pageSize }),
        }}
      />
    </PageContainer>
  );
}
