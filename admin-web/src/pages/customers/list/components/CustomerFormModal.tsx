import {
  ModalForm,
  ProFormDependency,
  ProFormRadio,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { Form } from 'antd';
import type { Rule } from 'antd/es/form';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, mapFieldErrors } from '@/api/errors';
import type { Customer } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import {
  customerFormFields,
  customerLimits,
  emptyCustomerFormValues,
  mainlandMobilePattern,
  toCustomerFormValues,
  toCustomerPayload,
  type CustomerFormValues,
} from '../customerForm';
import { useCreateCustomer, useUpdateCustomer } from '../useCustomers';
import { useRegions } from './useRegions';

export interface CustomerFormModalProps {
  open: boolean;
  /** The customer being edited; absent when creating one. */
  customer?: Customer;
  onClose: () => void;
  /** Called after a new customer was saved. */
  onCreated?: () => void;
}

export function CustomerFormModal({ open, customer, onClose, onCreated }: CustomerFormModalProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<CustomerFormValues>();
  const createCustomer = useCreateCustomer();
  const updateCustomer = useUpdateCustomer();
  const regions = useRegions();

  const tagRules: Rule[] = [
    {
      validator: async (_, tags: string[] | undefined) => {
        if ((tags?.length ?? 0) > customerLimits.tags) throw new Error(t('customers.validation.tooManyTags'));
        if (tags?.some((tag) => tag.trim().length > customerLimits.tagLength)) {
          throw new Error(t('customers.validation.tagTooLong'));
        }
      },
    },
  ];

  const handleFinish = async (values: CustomerFormValues): Promise<boolean> => {
    const payload = toCustomerPayload(values);
    try {
      if (customer) {
        const saved = await updateCustomer.mutateAsync({ id: customer.id, patch: payload });
        message.success(t('customers.updated', { name: saved.name }));
      } else {
        const created = await createCustomer.mutateAsync(payload);
        message.success(t('customers.created', { name: created.name }));
        onCreated?.();
      }
      onClose();
      return true;
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      const { fields, unmatched } = mapFieldErrors(error.details, customerFormFields);
      form.setFields(fields);
      // Problems the form has no field for are added to the server's summary.
      message.error([error.message, ...unmatched].join(' '));
      return false;
    }
  };

  return (
    <ModalForm<CustomerFormValues>
      key={customer?.id ?? 'new'}
      title={customer ? t('customers.edit') : t('customers.create')}
      open={open}
      form={form}
      width={560}
      layout="vertical"
      initialValues={customer ? toCustomerFormValues(customer) : emptyCustomerFormValues}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      onFinish={handleFinish}
    >
      <ProFormText
        name="name"
        label={t('customers.fields.name')}
        placeholder={t('customers.placeholders.name')}
        rules={[
          { required: true, whitespace: true, message: t('customers.validation.nameRequired') },
          { max: customerLimits.name, message: t('customers.validation.nameTooLong') },
        ]}
      />
      <ProFormRadio.Group
        name="gender"
        label={t('customers.fields.gender')}
        options={(['male', 'female', 'unknown'] as const).map((gender) => ({
          value: gender,
          label: t(`customers.gender.${gender}`),
        }))}
      />
      <ProFormText
        name="phone"
        label={t('customers.fields.phone')}
        placeholder={t('customers.placeholders.phone')}
        fieldProps={{ inputMode: 'tel', maxLength: 11 }}
        rules={[{ pattern: mainlandMobilePattern, message: t('customers.validation.phoneInvalid') }]}
      />
      <ProFormText
        name="email"
        label={t('customers.fields.email')}
        placeholder={t('customers.placeholders.email')}
        fieldProps={{ inputMode: 'email' }}
        rules={[{ type: 'email', message: t('customers.validation.emailInvalid') }]}
      />
      <ProFormSelect
        name="province"
        label={t('customers.fields.province')}
        placeholder={t('customers.placeholders.province')}
        options={regions.data?.provinces ?? []}
        fieldProps={{
          showSearch: true,
          allowClear: true,
          loading: regions.isPending,
          // A different province makes the chosen city meaningless.
          onChange: () => form.setFieldValue('city', null),
        }}
      />
      <ProFormDependency name={['province']}>
        {({ province }: Pick<CustomerFormValues, 'province'>) => (
          <ProFormSelect
            name="city"
            label={t('customers.fields.city')}
            placeholder={t('customers.placeholders.city')}
            options={(province && regions.data?.citiesByProvince[province]) || []}
            fieldProps={{ showSearch: true, allowClear: true }}
          />
        )}
      </ProFormDependency>
      <ProFormSelect
        name="tags"
        label={t('customers.fields.tags')}
        placeholder={t('customers.placeholders.tags')}
        mode="tags"
        fieldProps={{ tokenSeparators: [',', '，'], open: false, suffixIcon: null }}
        rules={tagRules}
      />
      <ProFormTextArea
        name="notes"
        label={t('customers.fields.notes')}
        placeholder={t('customers.placeholders.notes')}
        fieldProps={{ rows: 3, showCount: true, maxLength: customerLimits.notes }}
        rules={[{ max: customerLimits.notes, message: t('customers.validation.notesTooLong') }]}
      />
    </ModalForm>
  );
}
