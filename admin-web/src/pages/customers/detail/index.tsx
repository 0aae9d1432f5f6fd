import { DeleteOutlined, EditOutlined, MessageOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { history, useAccess, useParams, useSearchParams } from '@umijs/max';
import { Button, Descriptions, Popconfirm, Result, Skeleton, Space } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import { useMessage } from '@/components/AppProviders/message';
import { useCustomer, useDeleteCustomer } from '@/services/customers';
import { ColoredTag, LifecycleTag, TagList } from '../components/CustomerBadges';
import { CustomerFormDrawer } from '../components/CustomerFormDrawer';
import { ActivityFormModal } from './components/ActivityFormModal';
import { ContactsTab } from './components/ContactsTab';
import { CustomFieldsTab } from './components/CustomFieldsTab';
import { MetricsBar } from './components/MetricsBar';
import { OrdersTab } from './components/OrdersTab';
import { OverviewTab } from './components/OverviewTab';
import { TimelineTab } from './components/TimelineTab';

const tabKeys = ['overview', 'contacts', 'orders', 'timeline', 'customFields'] as const;
type TabKey = (typeof tabKeys)[number];
const isTabKey = (value: string | null): value is TabKey => tabKeys.some((key) => key === value);

export default function CustomerDetailPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  const { id = '' } = useParams<{ id: string }>();
  // The tab is in the URL so that a reload or a shared link opens the same view.
  const [searchParams, setSearchParams] = useSearchParams();
  const requestedTab = searchParams.get('tab');
  const tab: TabKey = isTabKey(requestedTab) ? requestedTab : 'overview';
  const customer = useCustomer(id);
  const deleteCustomer = useDeleteCustomer();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);

  if (customer.isError) {
    const notFound = customer.error instanceof ApiRequestError && customer.error.status === 404;
    return (
      <PageContainer title={false}>
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? t('customerDetail.notFound') : customer.error.message}
          extra={
            <Button type="primary" onClick={() => history.push('/customers')}>
              {t('customerDetail.backToList')}
            </Button>
          }
        />
      </PageContainer>
    );
  }

  const data = customer.data;
  if (!data) {
    return (
      <PageContainer title={false}>
        <Skeleton active paragraph={{ rows: 10 }} />
      </PageContainer>
    );
  }

  const handleDelete = async () => {
    try {
      await deleteCustomer.mutateAsync(data.id);
      message.success(t('customers.deleted', { name: data.name }));
      history.push('/customers');
    } catch (error) {
      message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));
    }
  };

  return (
    <PageContainer
      title={data.name}
      onBack={() => history.push('/customers')}
      tags={
        <Space size={4} wrap>
          {data.level && <ColoredTag name={data.level.name} color={data.level.color} />}
          <LifecycleTag status={data.lifecycleStatus} />
          <TagList tags={data.tags} />
        </Space>
      }
      extra={[
        <Button key="activity" icon={<MessageOutlined />} onClick={() => setRecording(true)}>
          {t('activities.record')}
        </Button>,
        <Button key="edit" type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t('common.edit')}
        </Button>,
        access.canDeleteCustomers && (
          <Popconfirm
            key="delete"
            title={t('customers.deleteConfirm', { name: data.name })}
            description={t('customers.deleteToTrash')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, loading: deleteCustomer.isPending }}
            onConfirm={handleDelete}
          >
            <Button danger icon={<DeleteOutlined />}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        ),
      ]}
      content={
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
            <Descriptions.Item label={t('customers.fields.owner')}>
              {data.owner?.displayName ?? t('common.empty')}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.fields.company')}>
              {data.company ?? t('common.empty')}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.fields.primaryPhone')}>
              {data.primaryPhone ?? t('common.empty')}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.fields.createdAt')}>
              {dayjs(data.createdAt).format('YYYY-MM-DD')}
            </Descriptions.Item>
          </Descriptions>
          <MetricsBar customer={data} />
        </>
      }
      tabActiveKey={tab}
      onTabChange={(key) => setSearchParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
      tabList={tabKeys.map((key) => ({ key, tab: t(`customerDetail.tabs.${key}`) }))}
    >
      {tab === 'overview' && <OverviewTab customer={data} />}
      {tab === 'contacts' && <ContactsTab customerId={data.id} />}
      {tab === 'orders' && <OrdersTab customerId={data.id} />}
      {tab === 'timeline' && <TimelineTab customerId={data.id} onRecord={() => setRecording(true)} />}
      {tab === 'customFields' && <CustomFieldsTab customer={data} onEdit={() => setEditing(true)} />}
      <CustomerFormDrawer open={editing} customerId={data.id} onClose={() => setEditing(false)} />
      <ActivityFormModal customerId={data.id} open={recording} onClose={() => setRecording(false)} />
    </PageContainer>
  );
}
