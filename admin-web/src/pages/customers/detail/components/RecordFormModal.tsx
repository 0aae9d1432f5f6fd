import { Form, Modal, type FormInstance } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import { useMessage } from '@/components/AppProviders/message';
import { setFieldErrors } from '@/utils/formErrors';

export interface RecordFormModalProps<Values extends object> {
  form: FormInstance<Values>;
  title: string;
  width: number;
  saving: boolean;
  initialValues: Values;
  /** Top-level fields of the form; a server issue about anything else goes into the error message. */
  formFields: readonly string[];
  /** The form path for a server issue's dotted field ("phones.0" → phones, 0, number), split on dots. */
  issuePath: (parts: string[]) => (string | number)[];
  /** Saves the validated values; an ApiRequestError is shown on the fields it names. */
  onSave: (values: Values) => Promise<void>;
  onClose: () => void;
  children: React.ReactNode;
}

/** A dialog that edits one record of a customer (a contact, an order) and maps server errors onto its fields. */
export function RecordFormModal<Values extends object>({
  form,
  title,
  width,
  saving,
  initialValues,
  formFields,
  issuePath,
  onSave,
  onClose,
  children,
}: RecordFormModalProps<Values>) {
  const { t } = useTranslation();
  const message = useMessage();

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      // antd already shows the messages on the fields.
      return;
    }
    try {
      await onSave(values);
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      const unmatched: string[] = [];
      setFieldErrors(
        form,
        error.details.flatMap((issue) => {
          const parts = issue.field.split('.');
          if (!formFields.includes(parts[0])) {
            unmatched.push(issue.message);
            return [];
          }
          return [{ name: issuePath(parts), errors: [issue.message] }];
        }),
      );
      message.error([error.message, ...unmatched].join(' '));
    }
  };

  return (
    <Modal
      open
      width={width}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
