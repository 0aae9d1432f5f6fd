import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Space, Tag } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoleDto } from '@/api/types';
import { useDeleteRole, useRoles } from '@/services/system';
import { ConfirmAction } from '../components/ConfirmAction';
import { useNamedTable } from '../components/NamedTable';
import { RoleEditor } from './RoleEditor';

type Editing = { role?: RoleDto } | null;

export default function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const remove = useDeleteRole();
  const [editing, setEditing] = useState<Editing>(null);
  const table = useNamedTable(t('system.roles.title'));

  const columns: ProColumns<RoleDto>[] = [
    {
      title: t('system.roles.fields.name'),
      key: 'name',
      width: 160,
      render: (_, role) => (
        <Space size={4}>
          {role.name}
          {role.builtIn && <Tag>{t('system.roles.builtIn')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('system.roles.fields.description'),
      key: 'description',
      ellipsis: true,
      render: (_, role) => role.description || t('common.empty'),
    },
    {
      title: t('system.roles.fields.permissions'),
      key: 'permissions',
      width: 80,
      align: 'right',
      render: (_, role) => t('system.roles.permissionCount', { count: role.permissions.length }),
    },
    {
      title: t('system.roles.scopeOf', { resource: t('system.roles.resources.customer') }),
      key: 'scopes',
      width: 130,
      // The customer and feedback scopes tell roles apart; the audit scope shows in the editor.
      render: (_, role) => t(`system.roles.scopes.${role.scopes.customer}`),
    },
    {
      title: t('system.roles.scopeOf', { resource: t('system.roles.resources.feedback') }),
      key: 'feedbackScope',
      width: 130,
      render: (_, role) => t(`system.roles.scopes.${role.scopes.feedback}`),
    },
    {
      title: t('system.roles.fields.mfaRequired'),
      key: 'mfaRequired',
      width: 120,
      render: (_, role) => (role.mfaRequired ? t('system.yes') : t('system.no')),
    },
    { title: t('system.roles.fields.users'), key: 'users', dataIndex: 'userCount', width: 80, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_, role) => (
        <Space size={0} role="group" aria-label={t('system.rowActions', { name: role.name })}>
          <Button type="link" size="small" onClick={() => setEditing({ role })}>
            {role.key === 'admin' ? t('system.roles.viewButton') : t('common.edit')}
          </Button>
          {!role.builtIn && (
            <ConfirmAction
              label={t('common.delete')}
              title={t('system.roles.deleteConfirm', { name: role.name })}
              description={role.userCount > 0 ? t('system.roles.deleteInUse', { count: role.userCount }) : undefined}
              done={t('system.roles.deleted', { name: role.name })}
              action={() => remove.mutateAsync(role.id)}
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('system.roles.title')}>
      <ProTable<RoleDto>
        rowKey="id"
        columns={columns}
        dataSource={roles.data}
        loading={roles.isFetching}
        search={false}
        options={false}
        pagination={false}
        headerTitle={t('system.roles.title')}
        components={{ table }}
        scroll={{ x: 'max-content' }}
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('system.roles.create')}
          </Button>,
        ]}
      />
      {editing && <RoleEditor role={editing.role} onClose={() => setEditing(null)} />}
    </PageContainer>
  );
}
