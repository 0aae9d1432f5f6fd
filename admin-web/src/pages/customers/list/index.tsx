import { DeleteOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import { history, useAccess } from '@umijs/max';
import { Button } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '@/api/types';
import { useCustomerList } from '@/services/customers';
import { useCustomFieldDefinitions } from '@/services/reference';
import { CustomerFormDrawer } from '../components/CustomerFormDrawer';
import { useCustomerColumns } from './columns';
import { BulkActions } from './components/BulkActions';
import { MergeModal } from './components/MergeModal';
import { pickFilters, toListQuery, type ListState } from './filters';
import { useColumnPreferences } from './useColumnPreferences';

const pageSizeOptions = [10, 20, 50, 100];

// Gives the <table> the page's title as its accessible name (`getByRole('table', { name })`).
function NamedTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
  const { t } = useTranslation();
  return <table {...props} aria-label={t('customers.title')} />;
}

type FormState = { open: false } | { open: true; customerId?: string };

export default function CustomerListPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [state, setState] = useState<ListState>({ filters: {}, page: 1, pageSize: 20 });
  const [formState, setFormState] = useState<FormState>({ open: false });
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [merging, setMerging] = useState<[string, string] | null>(null);
  const customers = useCustomerList(toListQuery(state));
  const customFields = useCustomFieldDefinitions();
  const columnPreferences = useColumnPreferences();
  const columns = useCustomerColumns((customer) => setFormState({ open: true, customerId: customer.id }));
  const selectable = access.canBulkEdit || access.canMerge;

  return (
    <PageContainer title={false}>
      <ProTable<CustomerSummary>
        rowKey="id"
        columns={columns}
        dataSource={customers.data?.items}
        loading={customers.isFetching}
        columnEmptyText={t('common.empty')}
        headerTitle={t('customers.title')}
        components={{ table: NamedTable }}
        scroll={{ x: 'max-content' }}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: false,
          span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 },
        }}
        onSubmit={(values: Record<string, unknown>) =>
          setState((current) => ({ ...current, filters: pickFilters(values, customFields.data), page: 1 }))
        }
        onReset={() => setState((current) => ({ ...current, filters: {}, page: 1 }))}
        columnsState={{ value: columnPreferences.columns, onChange: columnPreferences.onChange }}
        options={{
          setting: {
            draggable: true,
            checkable: true,
            // A named button instead of a bare icon, so people (and tests) can find it by its name.
            settingIcon: (
              <Button type="text" icon={<SettingOutlined />} aria-label={t('customers.columnSettings')} />
            ),
          },
          density: false,
          reload: false,
          fullScreen: false,
        }}
        rowSelection={
          selectable
            ? {
                selectedRowKeys: selectedIds,
                onChange: (keys) => setSelectedIds(keys.map(String)),
                preserveSelectedRowKeys: true,
              }
            : false
        }
        tableAlertRender={({ selectedRowKeys, onCleanSelected }) => (
          <span>
            {t('customers.bulk.selected', { count: selectedRowKeys.length })}
            <Button type="link" size="small" onClick={onCleanSelected}>
              {t('customers.bulk.clear')}
            </Button>
          </span>
        )}
        tableAlertOptionRender={() => (
          <BulkActions
            selectedIds={selectedIds}
            onDone={() => setSelectedIds([])}
            onMerge={() => {
              if (selectedIds.length === 2) setMerging([selectedIds[0], selectedIds[1]]);
            }}
          />
        )}
        toolbar={{
          search: {
            placeholder: t('customers.searchPlaceholder'),
            'aria-label': t('customers.searchLabel'),
            allowClear: true,
            enterButton: t('customers.search'),
            style: { width: 320 },
            onSearch: (keyword: string) => setState((current) => ({ ...current, page: 1, keyword })),
          },
        }}
        toolBarRender={() => [
          access.canDeleteCustomers && (
            <Button key="trash" icon={<DeleteOutlined />} onClick={() => history.push('/customers/trash')}>
              {t('trash.entry')}
            </Button>
          ),
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
          current: state.page,
          pageSize: state.pageSize,
          total: customers.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions,
          showTotal: (total) => t('customers.total', { total }),
          onChange: (page, pageSize) =>
            setState((current) => ({ ...current, page: pageSize === current.pageSize ? page : 1, pageSize })),
        }}
      />
      <CustomerFormDrawer
        open={formState.open}
        customerId={formState.open ? formState.customerId : undefined}
        onClose={() => setFormState({ open: false })}
        // The list is newest first: the first page is where a new customer shows up.
        onSaved={(_, created) => created && setState((current) => ({ ...current, page: 1 }))}
      />
      {merging && (
        <MergeModal
          ids={merging}
          onClose={() => {
            setMerging(null);
            setSelectedIds([]);
          }}
        />
      )}
    </PageContainer>
  );
}
