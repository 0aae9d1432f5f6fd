import type { ProColumns } from '@ant-design/pro-components';
import { Link, useAccess } from '@umijs/max';
import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '@/api/types';
import { currentLanguage } from '@/i18n';
import {
  useCustomFieldDefinitions,
  useGroupTreeOptions,
  useLevels,
  useStaffUsers,
  useTags,
} from '@/services/reference';
import { formatAmount } from '@/utils/money';
import { ColoredTag, LifecycleTag, TagList, lifecycleStatuses } from '../components/CustomerBadges';
import { formatCustomFieldValue } from '../components/customFieldDisplay';
import { customFieldColumnKey } from './columnsState';
import { customFieldFilterKey, filterKey } from './filters';
import { CustomerRowActions } from './components/CustomerRowActions';

const day = (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD') : null);

/**
 * The customer table's columns. Every column has a stable `key`: the column settings are stored
 * by it. Filter-only columns are hidden in the table and name their form field with `filterKey`.
 */
export function useCustomerColumns(
  onEdit: (customer: CustomerSummary) => void,
): ProColumns<CustomerSummary>[] {
  const { t } = useTranslation();
  const access = useAccess();
  const tags = useTags();
  const levels = useLevels();
  const users = useStaffUsers();
  const customFields = useCustomFieldDefinitions();
  const groupTree = useGroupTreeOptions();
  const language = currentLanguage();

  const filters: ProColumns<CustomerSummary>[] = [
    {
      title: t('customers.fields.tags'),
      key: filterKey('tagIds'),
      hideInTable: true,
      valueType: 'select',
      fieldProps: {
        mode: 'multiple',
        showSearch: true,
        optionFilterProp: 'title',
        options: (tags.data ?? []).map((tag) => ({
          value: tag.id,
          title: tag.name,
          label: <ColoredTag name={tag.name} color={tag.color} />,
        })),
      },
    },
    {
      title: t('customers.fields.groups'),
      key: filterKey('groupId'),
      hideInTable: true,
      valueType: 'treeSelect',
      fieldProps: {
        treeData: groupTree.options,
        treeDefaultExpandAll: true,
        showSearch: true,
        treeNodeFilterProp: 'title',
      },
    },
    {
      title: t('customers.fields.level'),
      key: filterKey('levelId'),
      hideInTable: true,
      valueType: 'select',
      fieldProps: { options: (levels.data ?? []).map((level) => ({ value: level.id, label: level.name })) },
    },
    {
      title: t('customers.fields.lifecycleStatus'),
      key: filterKey('lifecycleStatus'),
      hideInTable: true,
      valueType: 'select',
      fieldProps: {
        options: lifecycleStatuses.map((status) => ({
          value: status,
          label: t(`customers.lifecycle.${status}`),
        })),
      },
    },
  ];
  // Sales staff see only their own customers: an owner filter would have one choice.
  if (access.canSeeAllCustomers) {
    filters.push({
      title: t('customers.fields.owner'),
      key: filterKey('ownerId'),
      hideInTable: true,
      valueType: 'select',
      fieldProps: {
        showSearch: true,
        optionFilterProp: 'label',
        options: (users.data ?? []).map((user) => ({ value: user.id, label: user.displayName })),
      },
    });
  }

  const words = {
    yes: t('customerForm.yes'),
    no: t('customerForm.no'),
    separator: t('common.listSeparator'),
  };
  const sortedCustomFields = [...(customFields.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  // One search form field per custom field, shaped by its type; filters.ts turns the values into the query.
  for (const definition of sortedCustomFields) {
    const base = { title: definition.label, key: customFieldFilterKey(definition.key), hideInTable: true };
    const options = definition.options.map((option) => ({ value: option, label: option }));
    switch (definition.type) {
      case 'text':
        filters.push({
          ...base,
          valueType: 'text',
          fieldProps: { placeholder: t('customers.filters.contains') },
        });
        break;
      case 'number':
        filters.push({
          ...base,
          valueType: 'digitRange',
          fieldProps: { placeholder: [t('customers.filters.min'), t('customers.filters.max')] },
        });
        break;
      case 'date':
        filters.push({
          ...base,
          valueType: 'dateRange',
          fieldProps: {
            placeholder: [t('customers.filters.from'), t('customers.filters.to')],
            allowEmpty: [true, true],
          },
        });
        break;
      case 'single_select':
      case 'multi_select':
        filters.push({
          ...base,
          valueType: 'select',
          fieldProps: {
            mode: 'multiple',
            options,
            placeholder:
              definition.type === 'single_select'
                ? t('customers.filters.anyOf')
                : t('customers.filters.hasAny'),
          },
        });
        break;
      case 'boolean':
        filters.push({
          ...base,
          valueType: 'select',
          fieldProps: {
            options: [
              { value: 'true', label: words.yes },
              { value: 'false', label: words.no },
            ],
          },
        });
        break;
    }
  }
  const customFieldColumns: ProColumns<CustomerSummary>[] = sortedCustomFields.map((definition) => ({
    title: definition.label,
    key: customFieldColumnKey(definition.key),
    search: false,
    width: 140,
    ellipsis: true,
    render: (_, customer) =>
      formatCustomFieldValue(definition, customer.customFields[definition.key], words) ?? t('common.empty'),
  }));

  const columns: ProColumns<CustomerSummary>[] = [
    {
      title: t('customers.fields.name'),
      key: 'name',
      dataIndex: 'name',
      width: 130,
      ellipsis: true,
      fixed: 'left',
      search: false,
      render: (_, customer) => <Link to={`/customers/${customer.id}`}>{customer.name}</Link>,
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
      title: t('customers.fields.createdAt'),
      key: 'createdAt',
      width: 150,
      search: false,
      render: (_, { createdAt }) => dayjs(createdAt).format('YYYY-MM-DD HH:mm'),
    },
    ...customFieldColumns,
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      search: false,
      render: (_, customer) => <CustomerRowActions customer={customer} onEdit={onEdit} />,
    },
  ];

  return [...filters, ...columns];
}
