import { Form, Input, Switch } from 'antd';
import React, { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '@/components/AppProviders/message';
import {
  useCreateWebhook,
  useUpdateWebhook,
  useWebhookEvents,
  type CreatedWebhook,
  type Webhook,
} from '@/services/webhooks';
import { FormModal } from '../components/FormModal';
import { EventChecklist } from './EventChecklist';
import { groupEvents, toFormValues, toWebhookBody, type WebhookFormValues } from './webhookState';

const formFields = ['name', 'url', 'description', 'events', 'active'] as const;

/** Creates a subscription (then the caller shows its secret) or edits one. */
export function WebhookFormModal({
  webhook,
  onCreated,
  onClose,
}: {
  webhook?: Webhook;
  onCreated: (created: CreatedWebhook) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<WebhookFormValues>();
  const events = useWebhookEvents();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const groups = useMemo(() => groupEvents(events.data ?? []), [events.data]);
  const everyEvent = Form.useWatch('allEvents', form);

  return (
    <FormModal<WebhookFormValues>
      form={form}
      width={720}
      title={webhook ? t('system.webhooks.editTitle', { name: webhook.name }) : t('system.webhooks.create')}
      formFields={formFields}
      initialValues={toFormValues(webhook)}
      onSave={async (values) => {
        const body = toWebhookBody(values);
        if (webhook) {
          await update.mutateAsync({ id: webhook.id, patch: body });
          message.success(t('system.webhooks.savedDone', { name: body.name }));
        } else {
          onCreated(await create.mutateAsync(body));
        }
      }}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('system.webhooks.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('system.webhooks.validation.name') }]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('system.webhooks.fields.url')}
        extra={t('system.webhooks.urlHelp')}
        rules={[
          { required: true, whitespace: true, message: t('system.webhooks.validation.url') },
          { type: 'url', message: t('system.webhooks.validation.urlFormat') },
          { pattern: /^\s*https?:\/\//i, message: t('system.webhooks.validation.urlFormat') },
        ]}
      >
        <Input placeholder="https://example.com/kezhi/webhook" inputMode="url" />
      </Form.Item>
      <Form.Item name="description" label={t('system.webhooks.fields.description')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item
        name="allEvents"
        label={t('system.webhooks.fields.allEvents')}
        extra={t('system.webhooks.allEventsHelp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="events"
        label={t('system.webhooks.fields.events')}
        dependencies={['allEvents']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: string[] | undefined) =>
              getFieldValue('allEvents') || (value && value.length > 0)
                ? Promise.resolve()
                : Promise.reject(new Error(t('system.webhooks.validation.events'))),
          }),
        ]}
      >
        <EventChecklist groups={groups} loading={events.isPending} disabled={Boolean(everyEvent)} />
      </Form.Item>
      <Form.Item name="active" label={t('system.webhooks.fields.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
