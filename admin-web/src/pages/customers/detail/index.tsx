import { DeleteOutlined, EditOutlined, EyeOutlined, MessageOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { history, useAccess, useParams, useSearchParams } from '@umijs/max';
import { Button, Descriptions, Popconfirm, Result, Skeleton, Space, Tag, Tooltip } from 'antd';
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
import { isRevealed, revealedValues, shownPrimaryPhone } from './revealed';
import { useRevealContacts } from './useRelatedRecords';

const tabKeys = ['overview', 'contacts', 'orders', 'timeline', 'customFields'] as const;
type TabKey = (typeof tabKeys)[number];
const isTabKey = (value: string | null): value is TabKey => tabKeys.some((key) => key === value);

export default function CustomerDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  // Keyed by the id: revealed phones belong to one customer and are forgotten on leaving it.
  return <CustomerDetail key={id} id={id} />;
}

function CustomerDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  // The tab is in the URL so that a reload or a shared link opens the same view.
  const [searchParams, setSearchParams] = useSearchParams();
  const requestedTab = searchParams.get('tab');
  const tab: TabKey = isTabKey(requestedTab) ? requestedTab : 'overview';
  const customer = useCustomer(id);
  const deleteCustomer = useDeleteCustomer();
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const reveal = useRevealContacts(id);
  const revealed = revealedValues(reveal.data);

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

  const handleReveal = () =>
    reveal.mutate(undefined, {
      onSuccess: () => message.info(t('customerDetail.revealRecorded')),
      onError: (error) =>
        message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed')),
    });

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
        access.canRevealPhone &&
          (isRevealed(revealed) ? (
            <Tag key="revealed" icon={<EyeOutlined />} color="orange">
              {t('customerDetail.revealed')}
            </Tag>
          ) : (
            <Tooltip key="reveal" title={t('customerDetail.revealAudited')}>
              <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={handleReveal}>
                {t('customerDetail.reveal')}
              </Button>
            </Tooltip>
          )),
        access.canEditCustomers && (
          <Button key="activity" icon={<MessageOutlined />} onClick={() => setRecording(true)}>
            {t('activities.record')}
          </Button>
        ),
        access.canEditCustomers && (
          <Button key="edit" type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ),
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
              {shownPrimaryPhone(data, revealed) ?? t('common.empty')}
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
      {tab === 'overview' && <OverviewTab customer={data} revealed={revealed} />}
      {tab === 'contacts' && <ContactsTab customerId={data.id} revealed={revealed} />}
      {tab === 'orders' && <OrdersTab customerId={data.id} />}
      {tab === 'timeline' && (
        <TimelineTab
          customerId={data.id}
          onRecord={access.canEditCustomers ? () => setRecording(true) : undefined}
        />
      )}
      {tab === 'customFields' && (
        <CustomFieldsTab
          customer={data}
          onEdit={access.canEditCustomers ? () => setEditing(true) : undefined}
        />
      )}
      {access.canEditCustomers && (
        <>
          <CustomerFormDrawer open={editing} customerId={data.id} onClose={() => setEditing(false)} />
          <ActivityFormModal customerId={data.id} open={recording} onClose={() => setRecording(false)} />
        </>
      )}
    </PageContainer>
  );
}
