import { Button, Popconfirm } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '@/components/AppProviders/message';
import { useFail } from './useFail';

/**
 * A red link button that asks first, runs the action, then says it is done (or shows the server's reason).
 * The system pages' destructive row actions (delete a role or team, revoke a key) all work this way.
 */
export function ConfirmAction(props: {
  label: string;
  title: string;
  description?: string;
  done: string;
  action: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  return (
    <Popconfirm
      title={props.title}
      description={props.description}
      okText={props.label}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={async () => {
        try {
          await props.action();
          message.success(props.done);
        } catch (error) {
          fail(error);
        }
      }}
    >
      <Button type="link" size="small" danger>
        {props.label}
      </Button>
    </Popconfirm>
  );
}
