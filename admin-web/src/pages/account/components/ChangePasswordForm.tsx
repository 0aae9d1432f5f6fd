import { Alert, Button, Form, Input } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, mapFieldErrors } from '@/api/errors';
import { useChangePassword, usePasswordMinLength } from '@/services/account';

interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const passwordFields = ['currentPassword', 'newPassword'] as const;
// The policy's floor (docs/contract.md: 8–64) until the settings arrive.
const defaultMinLength = 8;

/**
 * Current password, new password twice. The length is checked here; the rest of the policy (common
 * passwords, not the username) comes back from the server as a message on the field.
 */
export function ChangePasswordForm({
  onChanged,
  submitLabel,
}: {
  onChanged: () => void;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordFormValues>();
  const minLength = usePasswordMinLength().data ?? defaultMinLength;
  const change = useChangePassword();
  const [problem, setProblem] = useState<string>();

  const submit = async ({ currentPassword, newPassword }: PasswordFormValues) => {
    setProblem(undefined);
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      form.resetFields();
      onChanged();
    } catch (error) {
      if (!(error instanceof ApiRequestError)) {
        setProblem(t('common.requestFailed'));
        return;
      }
      const { fields, unmatched } = mapFieldErrors(error.details, passwordFields);
      form.setFields(fields);
      if (fields.length === 0 || unmatched.length > 0) setProblem([error.message, ...unmatched].join(' '));
    }
  };

  return (
    <Form<PasswordFormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      disabled={change.isPending}
      style={{ maxWidth: 420 }}
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="currentPassword"
        label={t('account.password.current')}
        rules={[{ required: true, message: t('account.password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('account.password.new')}
        extra={t('account.password.policy', { min: minLength })}
        rules={[
          { required: true, message: t('account.password.newRequired') },
          { min: minLength, message: t('account.password.tooShort', { min: minLength }) },
          { max: 128, message: t('account.password.tooLong') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('account.password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('account.password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword'))
                throw new Error(t('account.password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {submitLabel ?? t('account.password.submit')}
      </Button>
    </Form>
  );
}
