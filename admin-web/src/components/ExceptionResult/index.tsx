import { history } from '@umijs/max';
import { Button, Result } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';

export function ExceptionResult({ kind }: { kind: 'notFound' | 'forbidden' }) {
  const { t } = useTranslation();
  return (
    <Result
      status={kind === 'notFound' ? '404' : '403'}
      title={kind === 'notFound' ? '404' : '403'}
      subTitle={t(kind === 'notFound' ? 'exception.notFound' : 'exception.forbidden')}
      extra={
        <Button type="primary" onClick={() => history.push('/')}>
          {t('exception.backHome')}
        </Button>
      }
    />
  );
}
