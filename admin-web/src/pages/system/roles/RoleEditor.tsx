import { Alert, Form, Input, Modal, Skeleton, Switch, Typography } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, mapFieldErrors } from '@/api/errors';
import type { RoleDto, RoleScopes } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { usePermissionCatalogue, useSaveRole } from '@/services/system';
import { setFieldErrors } from '@/utils/formErrors';
import { PermissionMatrix } from './PermissionMatrix';

interface RoleValues {
  name: string;
  description: string;
  mfaRequired: boolean;
}

const formFields = ['name', 'description', 'mfaRequired'] as const;
const newRoleScopes: RoleScopes = { customer: 'own', audit: 'own', feedback: 'own' };

/**
 * Creates or edits a role: name, description, "requires two-step verification" and the permission matrix.
 * The administrator role is shown read-only (it always holds everything).
 */
export function RoleEditor({ role, onClose }: { role?: RoleDto; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<RoleValues>();
  const catalogue = usePermissionCatalogue();
  const save = useSaveRole();
  const readOnly = role?.key === 'admin';
  const [permissions, setPermissions] = useState<string[]>(role ? [...role.permissions] : []);
  const [scopes, setScopes] = useState<RoleScopes>(role ? { ...role.scopes } : newRoleScopes);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    let values: RoleValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setProblem(null);
    try {
      const input = {
        name: values.name.trim(),
        // Empty clears it (undefined would leave an edited role's old text in place).
        description: values.description?.trim() || null,
        // The catalogue's own strings; the matrix only ever holds keys it listed.
        permissions: permissions as RoleDto['permissions'],
        scopes,
        mfaRequired: values.mfaRequired,
      };
      const saved = await save.mutateAsync({ id: role?.id, input });
      message.success(t(role ? 'system.roles.savedRole' : 'system.roles.created', { name: saved.name }));
      onClose();
    } catch (error) {
      if (!(error instanceof ApiRequestError)) {
        setProblem(t('common.requestFailed'));
        return;
      }
      const { fields, unmatched } = mapFieldErrors(error.details, formFields);
      setFieldErrors(
        form,
        fields.map((field) => ({ name: [field.name], errors: field.errors })),
      );
      // Problems with the matrix (permissions, scopes) have no field of their own: shown above it.
      setProblem([error.message, ...unmatched].join(' '));
    }
  };

  const title = role
    ? readOnly
      ? t('system.roles.view', { name: role.name })
      : t('system.roles.edit', { name: role.name })
    : t('system.roles.create');

  return (
    // A dialog (not a drawer) so it is announced and found by its title like every other editor.
    <Modal
      open
      title={title}
      width={880}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      okButtonProps={{ loading: save.isPending }}
      footer={readOnly ? null : undefined}
    >
      {readOnly && <Alert type="info" showIcon message={t('system.roles.adminReadOnly')} style={{ marginBottom: 16 }} />}
      <Form<RoleValues>
        form={form}
        layout="vertical"
        disabled={readOnly}
        initialValues={{
          name: role?.name ?? '',
          description: role?.description ?? '',
          mfaRequired: role?.mfaRequired ?? false,
        }}
      >
        <Form.Item
          name="name"
          label={t('system.roles.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('system.roles.validation.name') }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="description" label={t('system.roles.fields.description')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item
          name="mfaRequired"
          label={t('system.roles.fields.mfaRequired')}
          valuePropName="checked"
          extra={t('system.roles.mfaRequiredHelp')}
        >
          <Switch aria-label={t('system.roles.fields.mfaRequired')} />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('system.roles.matrix')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('system.roles.scopeHelp')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      {catalogue.data ? (
        <PermissionMatrix
          catalogue={catalogue.data}
          permissions={permissions}
          scopes={scopes}
          readOnly={readOnly}
          onPermissionsChange={setPermissions}
          onScopesChange={setScopes}
        />
      ) : (
        <Skeleton active />
      )}
    </Modal>
  );
}
