import { Form, Input, Select, TreeSelect } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useCreateUser, useRoles, useSecuritySettings, useTeamTreeOptions, useUpdateUser } from '@/services/system';
import { FormModal } from '../components/FormModal';

interface UserValues {
  username: string;
  displayName: string;
  password: string;
  roleId: string;
  teamId: string;
}

const formFields = ['username', 'displayName', 'password', 'roleId', 'teamId'] as const;

/** The policy's default minimum until the settings load (the server checks the real one anyway). */
const defaultMinLength = 8;

/** Creates a user (with an initial password) or edits one's name, role and team. */
export function UserFormModal({ user, onClose }: { user?: ManagedUser; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<UserValues>();
  const roles = useRoles();
  const teams = useTeamTreeOptions();
  const settings = useSecuritySettings();
  const create = useCreateUser();
  const update = useUpdateUser();
  const minLength = settings.data?.passwordMinLength ?? defaultMinLength;

  const save = async (values: UserValues) => {
    if (user) {
      const saved = await update.mutateAsync({
        id: user.id,
        patch: { displayName: values.displayName.trim(), roleId: values.roleId, teamId: values.teamId },
      });
      message.success(t('system.users.savedUser', { name: saved.displayName }));
    } else {
      const created = await create.mutateAsync({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        roleId: values.roleId,
        teamId: values.teamId,
      });
      message.success(t('system.users.created', { name: created.displayName }));
    }
  };

  return (
    <FormModal<UserValues>
      form={form}
      title={user ? t('system.users.edit', { name: user.displayName }) : t('system.users.create')}
      formFields={formFields}
      initialValues={user ? { displayName: user.displayName, roleId: user.roleId, teamId: user.teamId } : {}}
      onSave={save}
      onClose={onClose}
    >
      {!user && (
        <Form.Item
          name="username"
          label={t('system.users.fields.username')}
          extra={t('system.users.usernameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('system.users.validation.username') },
            { pattern: /^[A-Za-z0-9._-]+$/, message: t('system.users.validation.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t('system.users.fields.displayName')}
        rules={[{ required: true, whitespace: true, message: t('system.users.validation.displayName') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      {!user && (
        <Form.Item
          name="password"
          label={t('system.users.fields.password')}
          extra={t('system.users.passwordHelp')}
          rules={[
            { required: true, message: t('system.users.validation.password') },
            { min: minLength, message: t('system.users.validation.passwordMin', { min: minLength }) },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      )}
      <Form.Item
        name="roleId"
        label={t('system.users.fields.role')}
        rules={[{ required: true, message: t('system.users.validation.role') }]}
      >
        <Select
          loading={roles.isPending}
          options={(roles.data ?? []).map((role) => ({ value: role.id, label: role.name }))}
        />
      </Form.Item>
      <Form.Item
        name="teamId"
        label={t('system.users.fields.team')}
        rules={[{ required: true, message: t('system.users.validation.team') }]}
      >
        <TreeSelect treeDefaultExpandAll loading={teams.loading} treeData={teams.options} />
      </Form.Item>
    </FormModal>
  );
}
