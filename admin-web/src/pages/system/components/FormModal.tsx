import { Form, Modal, type FormInstance } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, mapFieldErrors } from '@/api/errors';
import { useMessage } from '@/components/AppProviders/message';
import { setFieldErrors } from '@/utils/formErrors';

export interface FormModalProps<Values extends object> {
  form: FormInstance<Values>;
  title: string;
  okText?: string;
  okDanger?: boolean;
  width?: number;
  initialValues?: Partial<Values>;
  /** Top-level fields of the form: a server issue about one is shown under it, others in the message. */
  formFields: readonly string[];
  /** Saves the validated values; resolves when the dialog may close. */
  onSave: (values: Values) => Promise<void>;
  onClose: () => void;
  children: React.ReactNode;
}

/** A dialog around one form of the system pages: validates, saves, and puts the server's problems on the fields. */
export function FormModal<Values extends object>(props: FormModalProps<Values>) {
  const { t } = useTranslation();
  const message = useMessage();
  const [saving, setSaving] = useState(false);
  const { form } = props;

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      // antd already shows the messages on the fields.
      return;
    }
    setSaving(true);
    try {
      await props.onSave(values);
      props.onClose();
    } catch (error) {
      if (!(error instanceof ApiRequestError)) {
        message.error(t('common.requestFailed'));
        return;
      }
      const { fields, unmatched } = mapFieldErrors(error.details, props.formFields);
      setFieldErrors(
        form,
        fields.map((field) => ({ name: [field.name], errors: field.errors })),
      );
      // The fields carry their own messages; the toast says what went wrong overall.
      message.error([error.message, ...unmatched].join(' '));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={props.width}
      title={props.title}
      okText={props.okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, danger: props.okDanger }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={props.initialValues}>
        {props.children}
      </Form>
    </Modal>
  );
}
