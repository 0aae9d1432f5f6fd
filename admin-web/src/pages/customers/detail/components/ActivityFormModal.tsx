import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { ActivityType } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useCreateActivity } from '../useRelatedRecords';

export const activityTypes: readonly ActivityType[] = ['call', 'visit', 'wechat', 'email', 'sms', 'note'];

interface ActivityFormValues {
  type: ActivityType;
  occurredAt: Dayjs;
  content: string;
  outcome?: string;
}

/** Records a call, visit, WeChat chat, email, SMS or note; it moves the customer's "last contact". */
export function ActivityFormModal({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<ActivityFormValues>();
  const create = useCreateActivity(customerId);

  const submit = async () => {
    let values: ActivityFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await create.mutateAsync({
        type: values.type,
        occurredAt: values.occurredAt.toISOString(),
        content: values.content.trim(),
        outcome: values.outcome?.trim() || null,
      });
      message.success(t('activities.created'));
      onClose();
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      form.setFields(
        error.details
          .filter((issue) => ['type', 'occurredAt', 'content', 'outcome'].includes(issue.field))
          .map((issue) => ({ name: issue.field as keyof ActivityFormValues, errors: [issue.message] })),
      );
      message.error(error.message);
    }
  };

  return (
    <Modal
      open={open}
      width={560}
      title={t('activities.record')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<ActivityFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ type: 'call', occurredAt: dayjs() }}
      >
        <Form.Item name="type" label={t('activities.fields.type')}>
          <Radio.Group
            optionType="button"
            options={activityTypes.map((type) => ({ value: type, label: t(`activities.types.${type}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="occurredAt"
          label={t('activities.fields.occurredAt')}
          rules={[{ required: true, message: t('activities.validation.occurredAtRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(date) => date.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('activities.fields.content')}
          rules={[{ required: true, whitespace: true, message: t('activities.validation.contentRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('activities.placeholders.content')}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('activities.fields.outcome')}>
          <Input maxLength={200} placeholder={t('activities.placeholders.outcome')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
