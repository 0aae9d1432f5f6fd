import { Checkbox, Form, Input, Modal } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, mapFieldErrors } from '@/api/errors';
import { useMessage } from '@/components/AppProviders/message';

export interface ViewNameValues {
  name: string;
  shared: boolean;
}

const nameMaxLength = 40;

/**
 * Names a view: saving a new one (with the choice to share it) or renaming one. A name the person
 * already uses comes back from the server (409 NAME_TAKEN) and is shown on the name field.
 */
export function ViewNameModal({
  title,
  initialValues,
  askShared,
  onSubmit,
  onClose,
}: {
  title: string;
  initialValues: ViewNameValues;
  askShared: boolean;
  onSubmit: (values: ViewNameValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<ViewNameValues>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let values: ViewNameValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await onSubmit({ ...values, name: values.name.trim() });
      onClose();
    } catch (error) {
      if (!(error instanceof ApiRequestError)) {
        message.error(t('common.requestFailed'));
        return;
      }
      const { fields, unmatched } = mapFieldErrors(error.details, ['name'] as const);
      // NAME_TAKEN names the field; should a server send it without details, it still is about the name.
      if (fields.length > 0) form.setFields(fields);
      else if (error.code === 'NAME_TAKEN') form.setFields([{ name: 'name', errors: [error.message] }]);
      else message.error(unmatched[0] ?? error.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={() => void submit()}
        preserve={false}
      >
        <Form.Item
          name="name"
          label={t('customers.views.name')}
          rules={[
            { required: true, whitespace: true, message: t('customers.views.nameRequired') },
            { max: nameMaxLength, message: t('customers.views.nameTooLong') },
          ]}
        >
          <Input autoFocus maxLength={nameMaxLength} showCount />
        </Form.Item>
        {askShared && (
          <Form.Item name="shared" valuePropName="checked" extra={t('customers.views.shareHint')}>
            <Checkbox>{t('customers.views.share')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
