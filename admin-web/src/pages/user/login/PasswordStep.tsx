import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import React, { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequest, LoginResult } from '@/api/types';
import { signIn } from '@/auth/session';
import styles from './index.css';
import { failureMessage } from './failure';

export function PasswordStep({
  notice,
  onAccepted,
}: {
  notice?: string;
  onAccepted: (result: LoginResult) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<LoginRequest>();
  const login = useMutation({ mutationFn: (credentials: LoginRequest) => signIn(credentials) });

  // Rules carry their messages at render time, so re-validate shown errors in the new language.
  useEffect(() => {
    const touched = form
      .getFieldsError()
      .filter((field) => field.errors.length > 0)
      .map((field) => field.name);
    if (touched.length > 0) void form.validateFields(touched);
  }, [form, i18n.language]);

  const problem = failureMessage(login.error, t) ?? notice;

  return (
    <>
      <h1 id="login-heading" className={styles.heading}>
        {t('login.heading')}
      </h1>
      {problem && <Alert className={styles.alert} type="error" showIcon message={problem} />}
      <Form<LoginRequest>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(credentials) => login.mutate(credentials, { onSuccess: onAccepted })}
        onValuesChange={() => {
          if (login.isError) login.reset();
        }}
        disabled={login.isPending}
      >
        <Form.Item
          label={t('login.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
