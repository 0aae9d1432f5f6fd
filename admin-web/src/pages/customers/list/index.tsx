import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerListQuery } from '@/api/types';
import { CustomerFormModal } from './components/CustomerFormModal';
import { CustomerRowActions } from './components/CustomerRowActions';
import { useCustomerList } from './useCustomers';

const pageSizeOptions = [10, 20, 50, 100];

type ListParams = Required<Pick<CustomerListQuery, 'page' | 'pageSize'>> & Pick<CustomerListQuery, 'keyword'>;

// Gives the <table> the page's title as its accessible name (`getByRole('table', { name })`).
function NamedTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
  const { t } = useTranslation();
  return <table {...props} aria-label={t('customers.title')} />;
}

type FormState = { open: false } | { open: true; customer?: Customer };

export default function CustomerListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useState<ListParams>({ page: 1, pageSize: 20 });
  const [formState, setFormState] = useState<FormState>({ open: false });
  const customers = useCustomerList(params);

  const columns: ProColumns<Customer>[] = [
    { title: t('customers.fields.name'), dataIndex: 'name', width: 120, ellipsis: true, fixed: 'left' },
    {
      title: t('customers.fields.gender'),
      dataIndex: 'gender',
      width: 90,
      render: (_, customer) => t(`customers.gender.${customer.gender}`),
    },
    { title: t('customers.fields.phone'), dataIndex: 'phone', width: 130 },
    { title: t('customers.fields.email'), dataIndex: 'email', width: 200, ellipsis: true },
    {
      title: t('customers.fields.region'),
      key: 'region',
      width: 160,
      render: (_, { province, city }) =>
        // Municipalities have the same name as province and city ("北京市 / 北京市").
        [...new Set([province, city].filter(Boolean))].join(' / ') || t('common.empty'),
    },
    {
      title: t('customers.fields.tags'),
      dataIndex: 'tags',
      width: 200,
      render: (_, { tags }) =>
        tags.length > 0 ? (
          <Space size={[0, 4]} wrap>
            {tags.map((tag) => (
              <Tag key={tag} color="blue">
                {tag}
              </Tag>
            ))}
          </Space>
        ) : (
          t('common.empty')
        ),
    },
    {
      title: t('customers.fields.owner'),
      key: 'owner',
      width: 100,
      render: (_, { owner }) => owner?.displayName ?? t('common.empty'),
    },
    {
      title: t('customers.fields.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (_, { createdAt }) => dayjs(createdAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, customer) => (
        <CustomerRowActions
          customer={customer}
          onEdit={(editing) => setFormState({ open: true, customer: editing })}
        />
      ),
    },
  ];

  return (
    <PageContainer title={false}>
      <ProTable<Customer>
        rowKey="id"
        columns={columns}
        dataSource={customers.data?.items}
        loading={customers.isFetching}
        search={false}
        options={false}
        columnEmptyText={t('common.empty')}
        headerTitle={t('customers.title')}
        components={{ table: NamedTable }}
        scroll={{ x: 1280 }}
        toolbar={{
          search: {
            placeholder: t('customers.searchPlaceholder'),
            'aria-label': t('customers.searchLabel'),
            allowClear: true,
            enterButton: t('customers.search'),
            style: { width: 320 },
            onSearch: (keyword: string) =>
              setParams((current) => ({ ...current, page: 1, keyword: keyword.trim() || undefined })),
          },
        }}
        toolBarRender={() => [
          <Button
            key="create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setFormState({ open: true })}
          >
            {t('customers.create')}
          </Button>,
        ]}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: customers.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions,
          showTotal: (total) => t('customers.total', { total }),
          onChange: (page, pageSize) =>
            setParams((current) => ({
              ...current,
              page: pageSize === current.pageSize ? page : 1,
              pageSize,
            })),
        }}
      />
      <CustomerFormModal
        open={formState.open}
        customer={formState.open ? formState.customer : undefined}
        onClose={() => setFormState({ open: false })}
        // The list is newest first: the first page is where the new customer shows up.
        onCreated={() => setParams((current) => ({ ...current, page: 1 }))}
      />
    </PageContainer>
  );
}
