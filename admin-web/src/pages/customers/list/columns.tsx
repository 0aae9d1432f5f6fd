import type { ProColumns } from '@ant-design/pro-components';
import { Link, useAccess } from '@umijs/max';
import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerListItem, CustomerSummary } from '@/api/types';
import { currentLanguage } from '@/i18n';
import { useCustomFieldDefinitions } from '@/services/reference';
import { formatAmount } from '@/utils/money';
import { ColoredTag, LifecycleTag, TagList } from '../components/CustomerBadges';
import { formatCustomFieldValue } from '../components/customFieldDisplay';
import { customFieldColumnKey } from './columnsState';
import { CustomerRowActions } from './components/CustomerRowActions';
import { HighlightedText, MatchReasonTag } from './components/MatchHighlight';
import { columnSortOrder, isSortableColumn, type ListSort } from './sort';

const day = (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD') : null);

/**
 * The customer table's columns. Every column has a stable `key`: the column settings and saved
 * views store them. Sortable columns sort on the server (see withSortOrder for their arrows); name
 * and company mark the searched keyword.
 */
export function useCustomerColumns({
  keyword,
  onEdit,
}: {
  keyword: string | undefined;
  onEdit: (customer: CustomerSummary) => void;
}): ProColumns<CustomerListItem>[] {
  const { t } = useTranslation();
  const customFields = useCustomFieldDefinitions();
  const language = currentLanguage();
  // Someone who may neither edit nor delete (a read-only role) gets no empty actions column.
  const { canEditCustomers, canDeleteCustomers } = useAccess();

  const words = {
    yes: t('customerForm.yes'),
    no: t('customerForm.no'),
    separator: t('common.listSeparator'),
  };
  const sortedCustomFields = [...(customFields.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  const customFieldColumns: ProColumns<CustomerListItem>[] = sortedCustomFields.map((definition) => ({
    title: definition.label,
    key: customFieldColumnKey(definition.key),
    search: false,
    width: 140,
    ellipsis: true,
    render: (_, customer) =>
      formatCustomFieldValue(definition, customer.customFields[definition.key], words) ?? t('common.empty'),
  }));

  const columns: ProColumns<CustomerListItem>[] = [
    {
      title: t('customers.fields.name'),
      key: 'name',
      dataIndex: 'name',
      width: 180,
      ellipsis: true,
      fixed: 'left',
      search: false,
      render: (_, customer) => (
        <>
          <Link to={`/customers/${customer.id}`}>
            <HighlightedText text={customer.name} keyword={keyword} />
          </Link>
          <MatchReasonTag match={customer.match} />
        </>
      ),
    },
    {
      title: t('customers.fields.level'),
      key: 'level',
      width: 90,
      search: false,
      render: (_, { level }) =>
        level ? <ColoredTag name={level.name} color={level.color} /> : t('common.empty'),
    },
    {
      title: t('customers.fields.lifecycleStatus'),
      key: 'lifecycleStatus',
      width: 100,
      search: false,
      render: (_, { lifecycleStatus }) => <LifecycleTag status={lifecycleStatus} />,
    },
    {
      title: t('customers.fields.primaryPhone'),
      key: 'primaryPhone',
      dataIndex: 'primaryPhone',
      width: 140,
      search: false,
    },
    {
      title: t('customers.fields.email'),
      key: 'primaryEmail',
      dataIndex: 'primaryEmail',
      width: 190,
      ellipsis: true,
      search: false,
    },
    {
      title: t('customers.fields.company'),
      key: 'company',
      dataIndex: 'company',
      width: 160,
      ellipsis: true,
      search: false,
      render: (_, { company }) =>
        company ? <HighlightedText text={company} keyword={keyword} /> : t('common.empty'),
    },
    {
      title: t('customers.fields.region'),
      key: 'region',
      width: 150,
      search: false,
      render: (_, { provinceName, cityName }) =>
        // Municipalities have the same name as province and city ("北京市 / 北京市").
        [...new Set([provinceName, cityName].filter(Boolean))].join(' / ') || t('common.empty'),
    },
    {
      title: t('customers.fields.tags'),
      key: 'tags',
      width: 200,
      search: false,
      render: (_, { tags: customerTags }) => <TagList tags={customerTags} empty={t('common.empty')} />,
    },
    {
      title: t('customers.fields.groups'),
      key: 'groups',
      width: 160,
      search: false,
      render: (_, { groups: customerGroups }) =>
        customerGroups.length > 0 ? (
          <Space size={[0, 4]} wrap>
            {customerGroups.map((group) => (
              <Tag key={group.id} bordered={false}>
                {group.name}
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
      search: false,
      render: (_, { owner }) => owner?.displayName ?? t('common.empty'),
    },
    {
      title: t('customers.fields.orderCount'),
      key: 'orderCount',
      dataIndex: 'orderCount',
      width: 90,
      align: 'right',
      search: false,
    },
    {
      title: t('customers.fields.totalSpent'),
      key: 'totalSpent',
      width: 130,
      align: 'right',
      search: false,
      render: (_, { totalSpent }) => formatAmount(totalSpent, language) ?? t('common.empty'),
    },
    {
      title: t('customers.fields.lastPurchaseAt'),
      key: 'lastPurchaseAt',
      width: 120,
      search: false,
      render: (_, { lastPurchaseAt }) => day(lastPurchaseAt) ?? t('common.empty'),
    },
    {
      title: t('customers.fields.lastContactAt'),
      key: 'lastContactAt',
      width: 120,
      search: false,
      render: (_, { lastContactAt }) => day(lastContactAt) ?? t('common.empty'),
    },
    {
      title: t('customers.fields.lastActivityAt'),
      key: 'lastActivityAt',
      width: 120,
      search: false,
      render: (_, { lastActivityAt }) => day(lastActivityAt) ?? t('common.empty'),
    },
    {
      title: t('customers.fields.createdAt'),
      key: 'createdAt',
      width: 150,
      search: false,
      render: (_, { createdAt }) => dayjs(createdAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('customers.fields.updatedAt'),
      key: 'updatedAt',
      width: 150,
      search: false,
      render: (_, { updatedAt }) => dayjs(updatedAt).format('YYYY-MM-DD HH:mm'),
    },
    ...customFieldColumns,
    ...(canEditCustomers || canDeleteCustomers
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            search: false as const,
            render: (_: React.ReactNode, customer: CustomerListItem) => (
              <CustomerRowActions customer={customer} onEdit={onEdit} />
            ),
          },
        ]
      : []),
  ];

  return columns.map((column) =>
    isSortableColumn(String(column.key)) ? { ...column, sorter: true } : column,
  );
}

/**
 * The table's columns with the header arrows of the current sort. ProTable keeps its own sort state
 * (keyed by data field, and never told about a view's sort), so the arrows are set on the columns it
 * hands to antd's table: controlled by the page, like the sort the server applies.
 */
export function withSortOrder<Column extends { key?: React.Key }>(
  columns: Column[],
  sort: ListSort,
): Column[] {
  return columns.map((column) => {
    const key = String(column.key);
    return isSortableColumn(key) ? { ...column, sortOrder: columnSortOrder(sort, key) } : column;
  });
}

/** Shown until the person chooses otherwise in the column settings: a second date is rarely needed. */
export const defaultHiddenColumns = { updatedAt: { show: false } };
