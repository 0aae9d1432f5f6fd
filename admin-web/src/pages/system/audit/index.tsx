import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Link } from '@umijs/max';
import { Button, Card, DatePicker, Form, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@/api/types';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { useStaffUsers } from '@/services/reference';
import { useAuditLog, type AuditFilters } from '@/services/systemAudit';
import { useNamedTable } from '../components/NamedTable';
import { auditActionMessage, auditActions, auditResourceMessage, auditResources } from '../labels';
import { AuditChanges } from './AuditChanges';

interface FilterValues {
  actorId?: string;
  resource?: AuditFilters['resource'];
  action?: AuditFilters['action'];
  time?: [Dayjs | null, Dayjs | null] | null;
}

/** The query of the filter form: whole days, from the start of the first to the end of the last. */
function toFilters(values: FilterValues): AuditFilters {
  const [from, to] = values.time ?? [null, null];
  const filters: AuditFilters = {};
  if (values.actorId) filters.actorId = values.actorId;
  if (values.resource) filters.resource = values.resource;
  if (values.action) filters.action = values.action;
  if (from) filters.from = from.startOf('day').toISOString();
  if (to) filters.to = to.endOf('day').toISOString();
  return filters;
}

export default function AuditLogPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const staff = useStaffUsers();
  const log = useAuditLog(filters);
  const table = useNamedTable(t('system.audit.tableName'));
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const empty = t('common.empty');

  const actionName = (action: string) => {
    const message = auditActionMessage(action);
    return message ? t(message) : action;
  };
  const resourceName = (resource: string) => {
    const message = auditResourceMessage(resource);
    return message ? t(message) : resource;
  };

  const columns: ProColumns<AuditEntry>[] = [
    {
      title: t('system.audit.columns.at'),
      key: 'at',
      width: 160,
      render: (_, entry) => dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('system.audit.columns.actor'),
      key: 'actor',
      width: 140,
      render: (_, entry) => (
        <Space size={4}>
          {entry.actor?.displayName ?? t('system.audit.systemActor')}
          {entry.apiKeyId && <Tag>{t('system.audit.viaApiKey')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('system.audit.columns.action'),
      key: 'action',
      width: 120,
      render: (_, entry) => actionName(entry.action),
    },
    {
      title: t('system.audit.columns.resource'),
      key: 'resource',
      width: 110,
      render: (_, entry) => resourceName(entry.resource),
    },
    {
      title: t('system.audit.columns.label'),
      key: 'label',
      width: 200,
      render: (_, entry) => {
        const label = entry.label ?? empty;
        // Customers removed for good have no page left; the link then answers 404 like any missing one.
        return entry.customerId ? <Link to={`/customers/${entry.customerId}`}>{label}</Link> : label;
      },
    },
    { title: t('system.audit.columns.ip'), key: 'ip', width: 130, render: (_, entry) => entry.ip ?? empty },
  ];

  const apply = (values: FilterValues) => setFilters(toFilters(values));

  return (
    <PageContainer title={t('system.audit.title')}>
      <Card style={{ marginBottom: 16 }}>
        <Form<FilterValues> form={form} layout="inline" onFinish={apply} style={{ rowGap: 12 }}>
          <Form.Item name="actorId" label={t('system.audit.filters.actor')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 160 }}
              loading={staff.isPending}
              options={(staff.data ?? []).map((user) => ({ value: user.id, label: user.displayName }))}
            />
          </Form.Item>
          <Form.Item name="resource" label={t('system.audit.filters.resource')}>
            <Select
              allowClear
              style={{ width: 150 }}
              options={auditResources.map((resource) => ({ value: resource, label: resourceName(resource) }))}
            />
          </Form.Item>
          <Form.Item name="action" label={t('system.audit.filters.action')}>
            <Select
              allowClear
              style={{ width: 160 }}
              options={auditActions.map((action) => ({ value: action, label: actionName(action) }))}
            />
          </Form.Item>
          <Form.Item name="time" label={t('system.audit.filters.time')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('system.audit.filters.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t('system.audit.filters.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <ProTable<AuditEntry>
        rowKey="id"
        columns={columns}
        dataSource={entries}
        loading={log.isFetching && !log.isFetchingNextPage}
        search={false}
        options={false}
        pagination={false}
        headerTitle={t('system.audit.title')}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (entry) => <AuditChanges entry={entry} /> }}
        footer={() => (
          <LoadMoreFooter
            list={log}
            shown={
              log.hasNextPage
                ? t('system.audit.shown', { count: entries.length })
                : t('system.audit.shownAll', { count: entries.length })
            }
            loadMoreLabel={t('system.audit.loadMore')}
          />
        )}
      />
    </PageContainer>
  );
}
