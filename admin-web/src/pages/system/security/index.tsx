import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import React, { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, mapFieldErrors } from '@/api/errors';
import type { SecuritySettings } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useSaveSecuritySettings, useSecuritySettings } from '@/services/system';
import { setFieldErrors } from '@/utils/formErrors';

const formFields = ['passwordMinLength', 'passwordExpiryDays', 'lockoutThreshold', 'lockoutBaseSeconds'] as const;

// The ranges of docs/contract.md; the server checks them too and its message lands on the field.
const limits: Record<(typeof formFields)[number], { min: number; max: number }> = {
  passwordMinLength: { min: 8, max: 64 },
  passwordExpiryDays: { min: 0, max: 365 },
  lockoutThreshold: { min: 3, max: 20 },
  lockoutBaseSeconds: { min: 10, max: 3600 },
};

export default function SecuritySettingsPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<SecuritySettings>();
  const settings = useSecuritySettings();
  const save = useSaveSecuritySettings();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [form, settings.data]);

  const submit = async (values: SecuritySettings) => {
    try {
      await save.mutateAsync(values);
      message.success(t('system.saved'));
    } catch (error) {
      if (!(error instanceof ApiRequestError)) {
        message.error(t('common.requestFailed'));
        return;
      }
      const { fields, unmatched } = mapFieldErrors(error.details, formFields);
      setFieldErrors(
        form,
        fields.map((field) => ({ name: [field.name], errors: field.errors })),
      );
      message.error([error.message, ...unmatched].join(' '));
    }
  };

  const numberField = (name: (typeof formFields)[number], help: string) => (
    <Form.Item
      name={name}
      label={t(`system.security.fields.${name}`)}
      extra={help}
      rules={[{ required: true, type: 'integer', ...limits[name], message: `${limits[name].min}–${limits[name].max}` }]}
    >
      <InputNumber min={limits[name].min} max={limits[name].max} precision={0} style={{ width: 200 }} />
    </Form.Item>
  );

  return (
    <PageContainer title={t('system.security.title')}>
      <Card>
        {settings.data ? (
          <Form<SecuritySettings> form={form} layout="vertical" initialValues={settings.data} onFinish={submit} style={{ maxWidth: 560 }}>
            <Typography.Title level={5}>{t('system.security.password')}</Typography.Title>
            {numberField('passwordMinLength', t('system.security.passwordMinLengthHelp'))}
            {numberField('passwordExpiryDays', t('system.security.passwordExpiryDaysHelp'))}
            <Typography.Title level={5}>{t('system.security.lockout')}</Typography.Title>
            {numberField('lockoutThreshold', t('system.security.lockoutThresholdHelp'))}
            {numberField('lockoutBaseSeconds', t('system.security.lockoutBaseSecondsHelp'))}
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        ) : (
          <Skeleton active loading={settings.isPending} />
        )}
      </Card>
    </PageContainer>
  );
}
