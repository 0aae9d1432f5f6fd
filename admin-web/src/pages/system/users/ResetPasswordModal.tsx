import { Alert, Form, Input } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useResetPassword, useSecuritySettings } from '@/services/system';
import { FormModal } from '../components/FormModal';

interface ResetValues {
  password: string;
}

/** Sets a temporary password the user must change at the next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: ManagedUser; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<ResetValues>();
  const settings = useSecuritySettings();
  const reset = useResetPassword();
  const minLength = settings.data?.passwordMinLength ?? 8;

  return (
    <FormModal<ResetValues>
      form={form}
      title={t('system.users.resetPasswordTitle', { name: user.displayName })}
      okText={t('system.users.resetPassword')}
      formFields={['password']}
      onSave={async ({ password }) => {
        await reset.mutateAsync({ id: user.id, password });
        message.success(t('system.users.passwordResetDone', { name: user.displayName }));
      }}
      onClose={onClose}
    >
      <Alert type="info" showIcon message={t('system.users.resetPasswordHelp')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="password"
        label={t('system.users.temporaryPassword')}
        rules={[
          { required: true, message: t('system.users.validation.password') },
          { min: minLength, message: t('system.users.validation.passwordMin', { min: minLength }) },
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </FormModal>
  );
}
