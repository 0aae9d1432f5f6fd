import {
  ProFormCascader,
  ProFormDateRangePicker,
  ProFormSelect,
  ProFormText,
  ProFormTreeSelect,
  QueryFilter,
} from '@ant-design/pro-components';
import { useAccess } from '@umijs/max';
import { Cascader, Form, Select, Space, type FormInstance } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter, CustomFieldDefinition } from '@/api/types';
import { useCustomerSources } from '@/services/customers';
import {
  useCustomFieldDefinitions,
  useGroupTreeOptions,
  useLevels,
  useStaffUsers,
  useTags,
} from '@/services/reference';
import { useRegionTree } from '@/utils/useRegionTree';
import { ColoredTag, lifecycleStatuses } from '../../components/CustomerBadges';
import { customFieldFilterKey, filterFromForm, tagModes } from '../filters';
import { NumberRangeInput } from './NumberRangeInput';

// Ids of the controls whose Form.Item holds more than one input: the label points at the main one.
const tagSelectId = 'customer-filter-tags';

/**
 * The conditions beside the keyword: applied with 查询, cleared with 重置. The form instance
 * belongs to the page, which fills it when a saved view is chosen.
 */
export function FilterPanel({
  form,
  onApply,
}: {
  form: FormInstance;
  onApply: (filter: CustomerFilter) => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const tags = useTags();
  const levels = useLevels();
  const users = useStaffUsers();
  const groupTree = useGroupTreeOptions();
  // Handing the cascader every district of China costs the page most of a second; it gets them once
  // the person opens it, or when a saved view brings regions to show.
  const [regionsOpened, setRegionsOpened] = useState(false);
  const chosenRegions: unknown = Form.useWatch('regionCodes', form);
  const showRegions = regionsOpened || (Array.isArray(chosenRegions) && chosenRegions.length > 0);
  const regions = useRegionTree(showRegions);
  const sources = useCustomerSources();
  const customFields = useCustomFieldDefinitions();
  const definitions = [...(customFields.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  const multiple = { mode: 'multiple' as const, showSearch: true, maxTagCount: 'responsive' as const };
  const dateRange = {
    placeholder: [t('customers.filters.from'), t('customers.filters.to')] as [string, string],
    allowEmpty: [true, true] as [boolean, boolean],
  };

  return (
    <QueryFilter
      form={form}
      labelWidth="auto"
      defaultCollapsed
      defaultColsNumber={6}
      showHiddenNum
      span={{ xs: 24, sm: 12, md: 12, lg: 8, xl: 8, xxl: 6 }}
      initialValues={{ tagMode: 'any' }}
      // Applying is instant (the list shows its own loading); ProForm's submit spinner could stay on
      // when the form re-rendered while it waited, and a spinning 查询 ignores the next click.
      loading={false}
      submitter={{
        searchConfig: { submitText: t('customers.filters.submit'), resetText: t('customers.filters.reset') },
      }}
      onFinish={async (values: Record<string, unknown>) => onApply(filterFromForm(values, definitions))}
      onReset={() => onApply({})}
    >
      <Form.Item label={t('customers.fields.tags')} htmlFor={tagSelectId}>
        <Space.Compact block>
          <Form.Item name="tagMode" noStyle>
            <Select
              aria-label={t('customers.filters.tagMode')}
              style={{ width: 84, flex: 'none' }}
              options={tagModes.map((mode) => ({
                value: mode,
                label: t(`customers.filters.tagModes.${mode}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="tagIds" noStyle>
            <Select
              id={tagSelectId}
              {...multiple}
              optionFilterProp="title"
              loading={tags.isPending}
              options={(tags.data ?? []).map((tag) => ({
                value: tag.id,
                title: tag.name,
                label: <ColoredTag name={tag.name} color={tag.color} />,
              }))}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <ProFormTreeSelect
        name="groupIds"
        label={t('customers.fields.groups')}
        fieldProps={{
          multiple: true,
          treeData: groupTree.options,
          treeDefaultExpandAll: true,
          showSearch: true,
          treeNodeFilterProp: 'title',
          maxTagCount: 'responsive',
          // Choosing a group finds its sub-groups' customers too (the server's rule).
          placeholder: t('customers.filters.groupsHint'),
        }}
      />
      <ProFormCascader
        name="regionCodes"
        label={t('customers.filters.region')}
        fieldProps={{
          multiple: true,
          options: showRegions ? (regions.data ?? []) : [],
          loading: showRegions && regions.isPending,
          onOpenChange: (open: boolean) => open && setRegionsOpened(true),
          showSearch: true,
          maxTagCount: 'responsive',
          // Ticking a whole province keeps one code (it matches every address in it).
          showCheckedStrategy: Cascader.SHOW_PARENT,
        }}
      />
      {
        // Sales staff see only their own customers: an owner filter would have one choice. Managers
        // (team scope) filter among the owners of their team.
        access.canSeeTeamCustomers && (
          <ProFormSelect
            name="ownerIds"
            label={t('customers.fields.owner')}
            fieldProps={{
              ...multiple,
              optionFilterProp: 'label',
              options: [
                { value: 'me', label: t('customers.filters.ownerMe') },
                { value: 'none', label: t('customers.filters.ownerNone') },
                ...(users.data ?? []).map((user) => ({ value: user.id, label: user.displayName })),
              ],
            }}
          />
        )
      }
      <ProFormSelect
        name="levelIds"
        label={t('customers.fields.level')}
        fieldProps={{
          ...multiple,
          optionFilterProp: 'title',
          options: (levels.data ?? []).map((level) => ({
            value: level.id,
            title: level.name,
            label: level.name,
          })),
        }}
      />
      <ProFormSelect
        name="lifecycleStatuses"
        label={t('customers.fields.lifecycleStatus')}
        fieldProps={{
          ...multiple,
          optionFilterProp: 'label',
          options: lifecycleStatuses.map((status) => ({
            value: status,
            label: t(`customers.lifecycle.${status}`),
          })),
        }}
      />
      <ProFormSelect
        name="sources"
        label={t('customers.filters.source')}
        fieldProps={{
          ...multiple,
          optionFilterProp: 'title',
          loading: sources.isPending,
          options: (sources.data ?? []).map(({ source, count }) => ({
            value: source,
            title: source,
            label: t('customers.filters.sourceOption', { source, count }),
          })),
        }}
      />
      <ProFormDateRangePicker
        name="created"
        label={t('customers.filters.createdAt')}
        fieldProps={dateRange}
      />
      <ProFormDateRangePicker
        name="lastActivity"
        label={t('customers.filters.lastActivityAt')}
        fieldProps={dateRange}
      />
      <ProFormDateRangePicker
        name="lastPurchase"
        label={t('customers.filters.lastPurchaseAt')}
        fieldProps={dateRange}
      />
      <Form.Item name="totalSpent" label={t('customers.filters.totalSpent')}>
        <NumberRangeInput field={t('customers.filters.totalSpent')} precision={2} />
      </Form.Item>
      <Form.Item name="orderCount" label={t('customers.filters.orderCount')}>
        <NumberRangeInput field={t('customers.filters.orderCount')} precision={0} />
      </Form.Item>
      {definitions.map((definition) => (
        <CustomFieldFilter key={definition.key} definition={definition} />
      ))}
    </QueryFilter>
  );
}

/** One custom field's condition, shaped by its type; filters.ts reads the value. */
function CustomFieldFilter({ definition }: { definition: CustomFieldDefinition }) {
  const { t } = useTranslation();
  const name = customFieldFilterKey(definition.key);
  const options = definition.options.map((option) => ({ value: option, label: option }));
  switch (definition.type) {
    case 'text':
      return (
        <ProFormText
          name={name}
          label={definition.label}
          fieldProps={{ placeholder: t('customers.filters.contains') }}
        />
      );
    case 'number':
      return (
        <Form.Item name={name} label={definition.label}>
          <NumberRangeInput field={definition.label} />
        </Form.Item>
      );
    case 'date':
      return (
        <ProFormDateRangePicker
          name={name}
          label={definition.label}
          fieldProps={{
            placeholder: [t('customers.filters.from'), t('customers.filters.to')],
            allowEmpty: [true, true],
          }}
        />
      );
    case 'single_select':
    case 'multi_select':
      return (
        <ProFormSelect
          name={name}
          label={definition.label}
          fieldProps={{
            mode: 'multiple',
            options,
            placeholder:
              definition.type === 'single_select'
                ? t('customers.filters.anyOf')
                : t('customers.filters.hasAny'),
          }}
        />
      );
    case 'boolean':
      return (
        <ProFormSelect
          name={name}
          label={definition.label}
          fieldProps={{
            options: [
              { value: 'true', label: t('customerForm.yes') },
              { value: 'false', label: t('customerForm.no') },
            ],
          }}
        />
      );
  }
}
