import { DeleteOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { PageContainer, ProCard, ProTable } from '@ant-design/pro-components';
import { history, useAccess, useSearchParams } from '@umijs/max';
import { Button, Form, Space, Table, Typography } from 'antd';
import React, { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter, CustomerListItem, CustomerView } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useCustomerViews } from '@/services/customerViews';
import { useCustomFieldDefinitions } from '@/services/reference';
import { CustomerFormDrawer } from '../components/CustomerFormDrawer';
import type { ColumnsStateMap } from './columnsState';
import { defaultHiddenColumns, useCustomerColumns, withSortOrder } from './columns';
import { BulkActions, type BulkTarget } from './components/BulkActions';
import { FilterPanel } from './components/FilterPanel';
import { KeywordSearch } from './components/KeywordSearch';
import { MergeModal } from './components/MergeModal';
import { ExportButton } from './ExportButton';
import { ViewTabs } from './components/ViewTabs';
import { customFieldFilterKey, filterQuery, formFromFilter } from './filters';
import { listPageSize, rowsOf, totalOf } from './paging';
import { sortFromTable, sortQuery, type ListSort } from './sort';
import { useColumnPreferences } from './useColumnPreferences';
import { useCustomerPages } from './useCustomerPages';
import {
  columnsOfState,
  columnsStateOfList,
  defaultSettings,
  sameSettings,
  settingsOfView,
  type ListSettings,
} from './views';

// Gives the <table> the page's title as its accessible name (`getByRole('table', { name })`).
function NamedTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
  const { t } = useTranslation();
  return <table {...props} aria-label={t('customers.title')} />;
}

type FormState = { open: false } | { open: true; customerId?: string };

/** Which customers the bulk actions are for: ticked rows, or all that match the list (Gmail's way). */
type Selection = { kind: 'rows'; ids: string[] } | { kind: 'allMatching' };

const noSelection: Selection = { kind: 'rows', ids: [] };

// Columns that are always there, whatever a view or the column settings say.
const fixedColumnKeys = new Set(['actions']);

export default function CustomerListPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  const [searchParams, setSearchParams] = useSearchParams();
  const viewId = searchParams.get('view');
  const views = useCustomerViews();
  const customFields = useCustomFieldDefinitions();
  const columnPreferences = useColumnPreferences();
  const [filterForm] = Form.useForm();

  const [keyword, setKeyword] = useState('');
  const [filter, setFilter] = useState<CustomerFilter>({});
  const [sort, setSort] = useState<ListSort>(null);
  // A selected view's columns (and changes made to them while it is selected) override the
  // person's own column settings, which stay as they were; null shows those settings.
  const [viewColumns, setViewColumns] = useState<ColumnsStateMap | null>(null);
  const [selection, setSelection] = useState<Selection>(noSelection);
  const [formState, setFormState] = useState<FormState>({ open: false });
  const [merging, setMerging] = useState<[string, string] | null>(null);

  const columns = useCustomerColumns({
    keyword,
    onEdit: (customer) => setFormState({ open: true, customerId: customer.id }),
  });
  const columnKeys = columns.map((column) => String(column.key)).filter((key) => !fixedColumnKeys.has(key));
  const activeView: CustomerView | null = views.data?.find((view) => view.id === viewId) ?? null;

  const shownColumns: ColumnsStateMap = {
    ...defaultHiddenColumns,
    ...(viewColumns ?? columnPreferences.columns),
  };
  const settings: ListSettings = {
    filter: { ...filter, keyword },
    sort,
    columns: columnsOfState(shownColumns, columnKeys),
  };
  const modified = activeView !== null && !sameSettings(settings, shownSettingsOf(activeView));

  /** A view's settings with its columns as the table would show them (its own, or the person's). */
  function shownSettingsOf(view: CustomerView): ListSettings {
    const saved = settingsOfView(view);
    const savedColumns = {
      ...defaultHiddenColumns,
      ...(saved.columns.length > 0
        ? columnsStateOfList(saved.columns, columnKeys)
        : columnPreferences.columns),
    };
    return { ...saved, columns: columnsOfState(savedColumns, columnKeys) };
  }

  const applySettings = (next: ListSettings) => {
    const { keyword: nextKeyword = '', ...nextFilter } = next.filter;
    setKeyword(nextKeyword);
    setFilter(nextFilter);
    setSort(next.sort);
    setViewColumns(next.columns.length > 0 ? columnsStateOfList(next.columns, columnKeys) : null);
    filterForm.resetFields();
    filterForm.setFieldsValue(formFromFilter(nextFilter, customFields.data ?? []));
  };

  // The view in the URL (?view=<id>) is applied once per change of the id: on a reload, on choosing
  // a tab and on the browser's back and forward buttons. Later changes of the same view (a rename,
  // an update) must not throw away what the person did with the list since.
  const appliedViewId = useRef<string | null>(null);
  useEffect(() => {
    if (viewId === appliedViewId.current) return;
    if (viewId === null) {
      appliedViewId.current = null;
      applySettings(defaultSettings);
      return;
    }
    if (!views.isSuccess) return;
    const view = views.data.find((candidate) => candidate.id === viewId);
    if (!view) {
      message.info(t('customers.views.notFound'));
      setSearchParams({}, { replace: true });
      return;
    }
    appliedViewId.current = viewId;
    applySettings(settingsOfView(view));
  }, [viewId, views.isSuccess, views.data]);

  // A view chosen before the custom field definitions arrived could not fill their form fields; 查询
  // would then drop those conditions. Fill them once the definitions are known.
  useEffect(() => {
    if (!customFields.data) return;
    const values = formFromFilter(filter, customFields.data);
    const customFieldValues = Object.fromEntries(
      customFields.data.map(({ key }) => [customFieldFilterKey(key), values[customFieldFilterKey(key)]]),
    );
    filterForm.setFieldsValue(customFieldValues);
  }, [customFields.data]);

  const selectView = (id: string | null) => setSearchParams(id ? { view: id } : {});

  // While a keyword is set and no column was chosen, the best matches come first.
  const effectiveSort: ListSort = sort ?? (keyword.trim() ? { field: 'relevance', order: 'desc' } : null);
  const listQuery = { ...filterQuery(settings.filter), ...sortQuery(effectiveSort), limit: listPageSize };
  const listKey = JSON.stringify(listQuery);
  const pages = useCustomerPages(listQuery);
  const rows = rowsOf(pages.data?.pages);
  const total = totalOf(pages.data?.pages);
  const totalText = total
    ? t(total.estimate ? 'customers.totalEstimate' : 'customers.total', { total: total.count })
    : null;

  // A selection belongs to the list it was made in: "all matching" of another filter is not it.
  useEffect(() => setSelection(noSelection), [listKey]);

  const selectedIds = selection.kind === 'rows' ? selection.ids : rows.map(({ id }) => id);
  const bulkTarget: BulkTarget =
    selection.kind === 'rows'
      ? { ids: selection.ids }
      : { filter: settings.filter, count: total?.count ?? 0 };
  const selectable = access.canBulkEdit || access.canMerge;

  return (
    <PageContainer title={false}>
      <ProCard bodyStyle={{ paddingBlock: 0 }} style={{ marginBlockEnd: 16 }}>
        <ViewTabs
          views={views.data ?? []}
          activeView={activeView}
          modified={modified}
          settings={settings}
          onSelect={selectView}
        />
      </ProCard>
      <ProCard style={{ marginBlockEnd: 16 }}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <KeywordSearch value={keyword} onSearch={setKeyword} />
          <FilterPanel form={filterForm} onApply={setFilter} />
        </Space>
      </ProCard>
      <ProTable<CustomerListItem>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={pages.isFetching && !pages.isFetchingNextPage}
        columnEmptyText={t('common.empty')}
        headerTitle={
          <Space size={12}>
            {t('customers.title')}
            {totalText && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {totalText}
              </Typography.Text>
            )}
          </Space>
        }
        components={{ table: NamedTable }}
        scroll={{ x: 'max-content' }}
        search={false}
        pagination={false}
        onChange={(_pagination, _filters, sorter) => setSort(sortFromTable(sorter))}
        tableViewRender={(tableProps) => (
          // ProTable hands everything but the row key to a custom render.
          <Table {...tableProps} rowKey="id" columns={withSortOrder(tableProps.columns ?? [], sort)} />
        )}
        columnsState={{
          value: shownColumns,
          onChange: (map: ColumnsStateMap) =>
            activeView ? setViewColumns(map) : columnPreferences.onChange(map),
        }}
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
                onChange: (keys) => setSelection({ kind: 'rows', ids: keys.map(String) }),
                preserveSelectedRowKeys: true,
              }
            : false
        }
        tableAlertRender={({ onCleanSelected }) => (
          <Space size={4} wrap>
            {selection.kind === 'allMatching'
              ? t('customers.bulk.allMatchingSelected', { count: total?.count ?? 0 })
              : t('customers.bulk.selected', { count: selection.ids.length })}
            {selection.kind === 'rows' && total && total.count > selection.ids.length && (
              <Button type="link" size="small" onClick={() => setSelection({ kind: 'allMatching' })}>
                {t('customers.bulk.selectAllMatching', { count: total.count })}
              </Button>
            )}
            <Button
              type="link"
              size="small"
              onClick={() => {
                setSelection(noSelection);
                onCleanSelected();
              }}
            >
              {t('customers.bulk.clear')}
            </Button>
          </Space>
        )}
        tableAlertOptionRender={() => (
          <BulkActions
            target={bulkTarget}
            onDone={() => setSelection(noSelection)}
            onMerge={() => {
              if (selection.kind === 'rows' && selection.ids.length === 2) {
                setMerging([selection.ids[0], selection.ids[1]]);
              }
            }}
          />
        )}
        toolBarRender={() => [
          <ExportButton key="export" filter={settings.filter} sort={effectiveSort} />,
          access.canDeleteCustomers && (
            <Button key="trash" icon={<DeleteOutlined />} onClick={() => history.push('/customers/trash')}>
              {t('trash.entry')}
            </Button>
          ),
          access.canCreateCustomers && (
            <Button
              key="create"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setFormState({ open: true })}
            >
              {t('customers.create')}
            </Button>
          ),
        ]}
        footer={() => (
          <div style={{ textAlign: 'center' }}>
            {pages.hasNextPage ? (
              <Space size={12}>
                <Typography.Text type="secondary">
                  {t('customers.shownOf', { count: rows.length })}
                </Typography.Text>
                <Button loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                  {t('customers.loadMore')}
                </Button>
              </Space>
            ) : (
              rows.length > 0 && (
                <Typography.Text type="secondary">
                  {t('customers.allLoaded', { count: rows.length })}
                </Typography.Text>
              )
            )}
          </div>
        )}
      />
      <CustomerFormDrawer
        open={formState.open}
        customerId={formState.open ? formState.customerId : undefined}
        onClose={() => setFormState({ open: false })}
      />
      {merging && (
        <MergeModal
          ids={merging}
          onClose={() => {
            setMerging(null);
            setSelection(noSelection);
          }}
        />
      )}
    </PageContainer>
  );
}
