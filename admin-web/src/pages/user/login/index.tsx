import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { history, useLocation } from '@umijs/max';
import { Alert, Button, Form, Input } from 'antd';
import React, { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { LoginRequest } from '@/api/types';
import { redirectTargetAfterLogin } from '@/auth/redirect';
import { BrandLogo } from '@/components/BrandLogo';
import { LanguageSwitch } from '@/components/LanguageSwitch';
import styles from './index.css';
import { useSignIn } from './useSignIn';

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [form] = Form.useForm<LoginRequest>();
  const signIn = useSignIn();

  useEffect(() => {
    document.title = `${t('login.pageTitle')} - ${t('app.name')}`;
  }, [t, i18n.language]);

  // Rules carry their messages at render time, so re-validate shown errors in the new language.
  useEffect(() => {
    const touched = form
      .getFieldsError()
      .filter((field) => field.errors.length > 0)
      .map((field) => field.name);
    if (touched.length > 0) void form.validateFields(touched);
  }, [form, i18n.language]);

  const handleFinish = (credentials: LoginRequest) => {
    signIn.mutate(credentials, {
      onSuccess: () => history.replace(redirectTargetAfterLogin(location.search)),
    });
  };

  const failure = signIn.error;
  const failureMessage =
    failure instanceof ApiRequestError ? failure.message : failure ? t('common.requestFailed') : undefined;

  return (
    <div className={styles.page}>
      <header className={styles.toolbar}>
        <LanguageSwitch />
      </header>
      <main className={styles.main}>
        <section className={styles.panel} aria-labelledby="login-heading">
          <div className={styles.brand}>
            <BrandLogo size={40} />
            <p className={styles.brandName}>{t('app.name')}</p>
          </div>
          <p className={styles.tagline}>{t('app.tagline')}</p>
          <h1 id="login-heading" className={styles.heading}>
            {t('login.heading')}
          </h1>
          {failureMessage && (
            <Alert className={styles.alert} type="error" showIcon message={failureMessage} />
          )}
          <Form<LoginRequest>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={handleFinish}
            onValuesChange={() => {
              if (signIn.isError) signIn.reset();
            }}
            disabled={signIn.isPending}
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
              <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
        </section>
      </main>
    </div>
  );
}
