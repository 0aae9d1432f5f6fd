import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Link, useSearchParams } from '@umijs/max';
import { Button, Card, DatePicker, Empty, Form, Input, Select, Space, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackSummary } from '@/api/types';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { useNamedTable } from '@/pages/system/components/NamedTable';
import { useChannels } from '@/services/channels';
import { useFeedbackPages, type FeedbackFilters } from '@/services/feedback';
import { useStaffUsers } from '@/services/reference';
import { useTeamTreeOptions } from '@/services/system';
import { FeedbackDrawer } from './FeedbackDrawer';
import {
  feedbackCategories,
  feedbackStatuses,
  filterValuesFromSearch,
  npsGroups,
  toFeedbackFilters,
  type FeedbackFilterValues,
} from './filters';
import { FeedbackStatusTag, NpsValue, RatingStars } from './labels';

const ratings = [5, 4, 3, 2, 1];

export default function FeedbackInboxPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const [form] = Form.useForm<FeedbackFilterValues>();
  // A link into the inbox (from a channel's count) starts with its filters applied.
  const [initialValues] = useState(() => filterValuesFromSearch(searchParams));
  const [filters, setFilters] = useState<FeedbackFilters>(() => toFeedbackFilters(initialValues));
  const inbox = useFeedbackPages(filters);
  const teams = useTeamTreeOptions();
  const staff = useStaffUsers();
  const channels = useChannels();
  const table = useNamedTable(t('feedback.tableName'));
  const rows = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const total = inbox.data?.pages[0]?.total ?? 0;
  const openId = searchParams.get('id');
  const empty = t('common.empty');

  const open = (id: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (id) next.set('id', id);
    else next.delete('id');
    setSearchParams(next);
  };

  const columns: ProColumns<FeedbackSummary>[] = [
    {
      title: t('feedback.fields.number'),
      key: 'number',
      width: 90,
      render: (_, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(row.id)}>
          #{row.number}
        </Button>
      ),
    },
    {
      title: t('feedback.fields.createdAt'),
      key: 'createdAt',
      width: 140,
      render: (_, row) => dayjs(row.createdAt).format('YYYY-MM-DD HH:mm'),
    },
    { title: t('feedback.fields.store'), key: 'store', width: 120, render: (_, row) => row.store.name },
    {
      title: t('feedback.fields.category'),
      key: 'category',
      width: 80,
      render: (_, row) => t(`feedback.categories.${row.category}`),
    },
    { title: t('feedback.fields.rating'), key: 'rating', width: 130, render: (_, row) => <RatingStars rating={row.rating} /> },
    { title: t('feedback.fields.nps'), key: 'nps', width: 70, render: (_, row) => <NpsValue nps={row.nps} /> },
    {
      title: t('feedback.fields.excerpt'),
      key: 'excerpt',
      width: 280,
      ellipsis: true,
      render: (_, row) => row.excerpt || empty,
    },
    {
      title: t('feedback.fields.customer'),
      key: 'customer',
      width: 110,
      render: (_, row) =>
        row.customer === null ? (
          <Typography.Text type="secondary">{t('feedback.unlinked')}</Typography.Text>
        ) : row.customer.name === null ? (
          <Typography.Text type="secondary">{t('feedback.detail.customerOutOfScope')}</Typography.Text>
        ) : (
          <Link to={`/customers/${row.customer.id}`}>{row.customer.name}</Link>
        ),
    },
    {
      title: t('feedback.fields.assignee'),
      key: 'assignee',
      width: 90,
      render: (_, row) => row.assignee?.displayName ?? t('feedback.unassigned'),
    },
    {
      title: t('feedback.fields.status'),
      key: 'status',
      width: 90,
      fixed: 'right',
      render: (_, row) => <FeedbackStatusTag status={row.status} />,
    },
  ];

  const apply = (values: FeedbackFilterValues) => setFilters(toFeedbackFilters(values));

  return (
    <PageContainer title={t('feedback.title')}>
      <Card style={{ marginBottom: 16 }}>
        <Form<FeedbackFilterValues>
          form={form}
          layout="inline"
          initialValues={initialValues}
          onFinish={apply}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="keyword" label={t('feedback.filters.keyword')}>
            <Input allowClear placeholder={t('feedback.filters.keywordPlaceholder')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="status" label={t('feedback.fields.status')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={feedbackStatuses.map((status) => ({ value: status, label: t(`feedback.status.${status}`) }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t('feedback.fields.category')}>
            <Select
              allowClear
              style={{ width: 110 }}
              options={feedbackCategories.map((category) => ({
                value: category,
                label: t(`feedback.categories.${category}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="teamId" label={t('feedback.fields.store')}>
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              style={{ width: 180 }}
              loading={teams.loading}
              treeData={teams.options}
            />
          </Form.Item>
          <Form.Item name="channelId" label={t('feedback.fields.channel')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 180 }}
              loading={channels.isPending}
              options={(channels.data?.items ?? [])
                .filter((channel) => channel.kind === 'feedback')
                .map((channel) => ({ value: channel.id, label: `${channel.team.name} · ${channel.name}` }))}
            />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('feedback.fields.assignee')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 140 }}
              loading={staff.isPending}
              options={[
                { value: 'me', label: t('feedback.filters.mine') },
                { value: 'none', label: t('feedback.unassigned') },
                ...(staff.data ?? []).map((user) => ({ value: user.id, label: user.displayName })),
              ]}
            />
          </Form.Item>
          <Form.Item name="rating" label={t('feedback.fields.rating')}>
            <Select
              allowClear
              style={{ width: 100 }}
              options={ratings.map((rating) => ({ value: rating, label: t('feedback.ratingLabel', { rating }) }))}
            />
          </Form.Item>
          <Form.Item name="npsGroup" label={t('feedback.filters.npsGroup')}>
            <Select
              allowClear
              style={{ width: 150 }}
              options={npsGroups.map((group) => ({ value: group, label: t(`feedback.npsGroups.${group}`) }))}
            />
          </Form.Item>
          <Form.Item name="linked" label={t('feedback.filters.linked')}>
            <Select
              allowClear
              style={{ width: 110 }}
              options={[
                { value: 'true', label: t('feedback.filters.linkedYes') },
                { value: 'false', label: t('feedback.unlinked') },
              ]}
            />
          </Form.Item>
          <Form.Item name="dates" label={t('feedback.filters.dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('feedback.filters.search')}
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue(
                    Object.fromEntries(Object.keys(form.getFieldsValue()).map((key) => [key, undefined])),
                  );
                  setFilters({});
                }}
              >
                {t('feedback.filters.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <ProTable<FeedbackSummary>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={inbox.isFetching && !inbox.isFetchingNextPage}
        search={false}
        options={false}
        pagination={false}
        headerTitle={
          <Space>
            {t('feedback.tableName')}
            {inbox.data && <Typography.Text type="secondary">{t('feedback.total', { count: total })}</Typography.Text>}
          </Space>
        }
        components={{ table }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('feedback.empty')} /> }}
        onRow={(row) => ({ onDoubleClick: () => open(row.id) })}
        footer={() =>
          rows.length === 0 ? null : (
            <LoadMoreFooter
              list={inbox}
              shown={inbox.hasNextPage ? t('feedback.shown', { count: rows.length }) : t('feedback.shownAll', { count: rows.length })}
              loadMoreLabel={t('feedback.loadMore')}
            />
          )
        }
      />
      <FeedbackDrawer id={openId} onClose={() => open(null)} />
    </PageContainer>
  );
}
