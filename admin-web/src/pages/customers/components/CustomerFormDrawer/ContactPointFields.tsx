import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Row, Select, type FormInstance } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch, PhoneType } from '@/api/types';
import { isPlausiblePhone } from '@/utils/phone';
import type { CustomerFormValues } from './customerForm';
import { DuplicateHint } from './DuplicateHint';

export const phoneTypes: readonly PhoneType[] = ['mobile', 'work', 'home', 'other'];

/** Ticking "primary" on one row unticks it on the others: a customer has one primary of each. */
export function keepOnePrimary(
  form: FormInstance<CustomerFormValues>,
  list: 'phones' | 'emails' | 'addresses',
  index: number,
) {
  const rows = form.getFieldValue(list) as { primary: boolean }[] | undefined;
  if (!rows) return;
  form.setFieldValue(
    list,
    rows.map((row, position) => ({ ...row, primary: position === index })),
  );
}

interface ListFieldProps {
  form: FormInstance<CustomerFormValues>;
  /** Duplicate lookups by row key, filled on blur. */
  hints: Record<string, DuplicateMatch[]>;
  onLookup: (rowKey: number, value: string, phoneType?: PhoneType) => void;
  onOpenDuplicate: () => void;
}

export function PhoneListField({ form, hints, onLookup, onOpenDuplicate }: ListFieldProps) {
  const { t } = useTranslation();
  return (
    <Form.List name="phones">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => {
            const position = index + 1;
            return (
              <Row key={field.key} gutter={8} align="top" wrap={false}>
                <Col flex="120px">
                  <Form.Item
                    name={[field.name, 'type']}
                    label={t('customerForm.phones.type', { index: position })}
                  >
                    <Select
                      options={phoneTypes.map((type) => ({
                        value: type,
                        label: t(`customerForm.phoneTypes.${type}`),
                      }))}
                      // The kind decides how strictly the number is checked.
                      onChange={() => void form.validateFields([['phones', field.name, 'number']])}
                    />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  <Form.Item
                    name={[field.name, 'number']}
                    label={t('customerForm.phones.number', { index: position })}
                    validateTrigger="onBlur"
                    extra={
                      hints[field.key]?.length ? (
                        <DuplicateHint kind="phone" matches={hints[field.key]} onOpen={onOpenDuplicate} />
                      ) : undefined
                    }
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: async (_, value: string | undefined) => {
                          if (!value?.trim()) return;
                          const type = getFieldValue(['phones', field.name, 'type']) as PhoneType;
                          if (!isPlausiblePhone(value, type)) {
                            throw new Error(
                              t(
                                type === 'mobile'
                                  ? 'customerForm.validation.mobileInvalid'
                                  : 'customerForm.validation.phoneInvalid',
                              ),
                            );
                          }
                        },
                      }),
                    ]}
                  >
                    <Input
                      inputMode="tel"
                      maxLength={40}
                      placeholder={t('customerForm.placeholders.phone')}
                      onBlur={(event) =>
                        onLookup(
                          field.key,
                          event.target.value,
                          form.getFieldValue(['phones', field.name, 'type']) as PhoneType,
                        )
                      }
                    />
                  </Form.Item>
                </Col>
                <Col flex="none" style={{ paddingTop: 30 }}>
                  <Form.Item name={[field.name, 'primary']} valuePropName="checked" noStyle>
                    <Checkbox
                      aria-label={t('customerForm.phones.primary', { index: position })}
                      onChange={(event) => event.target.checked && keepOnePrimary(form, 'phones', index)}
                    >
                      {t('customerForm.primary')}
                    </Checkbox>
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('customerForm.phones.remove', { index: position })}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            );
          })}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginBottom: 16 }}
            onClick={() => add({ type: 'mobile', number: '', primary: fields.length === 0 })}
          >
            {t('customerForm.phones.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function EmailListField({ form, hints, onLookup, onOpenDuplicate }: ListFieldProps) {
  const { t } = useTranslation();
  return (
    <Form.List name="emails">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => {
            const position = index + 1;
            return (
              <Row key={field.key} gutter={8} align="top" wrap={false}>
                <Col flex="auto">
                  <Form.Item
                    name={[field.name, 'address']}
                    label={t('customerForm.emails.address', { index: position })}
                    validateTrigger="onBlur"
                    extra={
                      hints[field.key]?.length ? (
                        <DuplicateHint kind="email" matches={hints[field.key]} onOpen={onOpenDuplicate} />
                      ) : undefined
                    }
                    rules={[{ type: 'email', message: t('customerForm.validation.emailInvalid') }]}
                  >
                    <Input
                      inputMode="email"
                      maxLength={254}
                      placeholder={t('customerForm.placeholders.email')}
                      onBlur={(event) => onLookup(field.key, event.target.value)}
                    />
                  </Form.Item>
                </Col>
                <Col flex="none" style={{ paddingTop: 30 }}>
                  <Form.Item name={[field.name, 'primary']} valuePropName="checked" noStyle>
                    <Checkbox
                      aria-label={t('customerForm.emails.primary', { index: position })}
                      onChange={(event) => event.target.checked && keepOnePrimary(form, 'emails', index)}
                    >
                      {t('customerForm.primary')}
                    </Checkbox>
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('customerForm.emails.remove', { index: position })}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            );
          })}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginBottom: 16 }}
            onClick={() => add({ address: '', primary: fields.length === 0 })}
          >
            {t('customerForm.emails.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
