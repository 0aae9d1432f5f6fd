import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey, CreatedApiKey } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useStaffUsers } from '@/services/reference';
import { useApiKeys, useCreateApiKey, useRevokeApiKey, useRoles } from '@/services/system';
import { FormModal } from '../components/FormModal';
import { ConfirmAction } from '../components/ConfirmAction';
import { useNamedTable } from '../components/NamedTable';

interface ApiKeyValues {
  name: string;
  roleId: string;
  actingUserId?: string;
  expiresAt?: Dayjs | null;
}

type KeyStatus = 'active' | 'revoked' | 'expired';

const statusOf = (key: ApiKey): KeyStatus =>
  key.revokedAt ? 'revoked' : key.expiresAt && dayjs(key.expiresAt).isBefore(dayjs()) ? 'expired' : 'active';

const statusColors: Record<KeyStatus, string | undefined> = { active: 'green', revoked: undefined, expired: 'orange' };

function CreateApiKeyModal({ onCreated, onClose }: { onCreated: (key: CreatedApiKey) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApiKeyValues>();
  const roles = useRoles();
  const staff = useStaffUsers();
  const create = useCreateApiKey();

  return (
    <FormModal<ApiKeyValues>
      form={form}
      title={t('system.apiKeys.create')}
      formFields={['name', 'roleId', 'actingUserId', 'expiresAt']}
      onSave={async (values) => {
        const created = await create.mutateAsync({
          name: values.name.trim(),
          roleId: values.roleId,
          ...(values.actingUserId ? { actingUserId: values.actingUserId } : {}),
          // The key works through the whole chosen day.
          ...(values.expiresAt ? { expiresAt: values.expiresAt.endOf('day').toISOString() } : {}),
        });
        onCreated(created);
      }}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('system.apiKeys.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('system.apiKeys.validation.name') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="roleId"
        label={t('system.apiKeys.fields.role')}
        extra={t('system.apiKeys.roleHelp')}
        rules={[{ required: true, message: t('system.apiKeys.validation.role') }]}
      >
        <Select
          loading={roles.isPending}
          options={(roles.data ?? []).map((role) => ({ value: role.id, label: role.name }))}
        />
      </Form.Item>
      <Form.Item name="actingUserId" label={t('system.apiKeys.fields.actingUser')} extra={t('system.apiKeys.actingUserHelp')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          loading={staff.isPending}
          options={(staff.data ?? []).map((user) => ({ value: user.id, label: user.displayName }))}
        />
      </Form.Item>
      <Form.Item name="expiresAt" label={t('system.apiKeys.fields.expiresAt')} extra={t('system.apiKeys.expiresHelp')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}

/** The new key, shown this once: the server keeps only its hash. */
function CreatedKeyModal({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      message.success(t('system.apiKeys.copied'));
    } catch {
      message.error(t('system.apiKeys.copyFailed'));
    }
  };
  return (
    <Modal
      open
      title={t('system.apiKeys.createdTitle')}
      maskClosable={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('system.apiKeys.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('system.apiKeys.shownOnce')} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          readOnly
          value={created.key}
          aria-label={t('system.apiKeys.keyLabel')}
          onFocus={(event) => event.target.select()}
          style={{ fontFamily: 'monospace' }}
        />
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('system.apiKeys.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}

export default function ApiKeysPage() {
  const { t } = useTranslation();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const table = useNamedTable(t('system.apiKeys.title'));
  const when = (value: string | null, fallback: string) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : fallback);

  const columns: ProColumns<ApiKey>[] = [
    { title: t('system.apiKeys.fields.name'), key: 'name', dataIndex: 'name', width: 160 },
    {
      title: t('system.apiKeys.fields.prefix'),
      key: 'prefix',
      width: 140,
      render: (_, key) => <code>kz_{key.prefix}…</code>,
    },
    { title: t('system.apiKeys.fields.role'), key: 'role', dataIndex: 'roleName', width: 110 },
    {
      title: t('system.apiKeys.fields.actingUser'),
      key: 'actingUser',
      width: 110,
      render: (_, key) => key.actingUser.displayName,
    },
    {
      title: t('system.apiKeys.fields.status'),
      key: 'status',
      width: 90,
      render: (_, key) => {
        const status = statusOf(key);
        return <Tag color={statusColors[status]}>{t(`system.apiKeys.status.${status}`)}</Tag>;
      },
    },
    {
      title: t('system.apiKeys.fields.lastUsed'),
      key: 'lastUsed',
      width: 150,
      render: (_, key) => when(key.lastUsedAt, t('system.apiKeys.neverUsed')),
    },
    {
      title: t('system.apiKeys.fields.expiresAt'),
      key: 'expiresAt',
      width: 150,
      render: (_, key) => when(key.expiresAt, t('system.apiKeys.never')),
    },
    {
      title: t('system.apiKeys.fields.createdAt'),
      key: 'createdAt',
      width: 150,
      render: (_, key) => when(key.createdAt, t('common.empty')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, key) =>
        key.revokedAt ? null : (
          <Space size={0} role="group" aria-label={t('system.rowActions', { name: key.name })}>
            <ConfirmAction
              label={t('system.apiKeys.revoke')}
              title={t('system.apiKeys.revokeConfirm', { name: key.name })}
              description={t('system.apiKeys.revokeWarning')}
              done={t('system.apiKeys.revokedDone', { name: key.name })}
              action={() => revoke.mutateAsync(key.id)}
            />
          </Space>
        ),
    },
  ];

  return (
    <PageContainer title={t('system.apiKeys.title')}>
      <ProTable<ApiKey>
        rowKey="id"
        columns={columns}
        dataSource={keys.data}
        loading={keys.isFetching}
        search={false}
        options={false}
        pagination={false}
        headerTitle={t('system.apiKeys.title')}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('system.apiKeys.create')}
          </Button>,
        ]}
      />
      {creating && (
        <CreateApiKeyModal
          onCreated={(key) => {
            setCreated(key);
          }}
          onClose={() => setCreating(false)}
        />
      )}
      {created && <CreatedKeyModal created={created} onClose={() => setCreated(null)} />}
    </PageContainer>
  );
}
