import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, Row, Select, type FormRule } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch, PhoneType } from '@/api/types';
import { isPlausiblePhone } from '@/utils/phone';
import { DuplicateHint } from './CustomerFormDrawer/DuplicateHint';

export const phoneTypes: readonly PhoneType[] = ['mobile', 'work', 'home', 'other'];

export type ContactPointKind = 'phones' | 'emails';

/** Duplicate lookups of the customer form: run on blur, shown under the row they concern. */
export interface ContactPointDuplicates {
  /** Matches by row key. */
  hints: Record<string, DuplicateMatch[]>;
  onLookup: (rowKey: number, value: string, phoneType?: PhoneType) => void;
  onOpenDuplicate: () => void;
}

export interface ContactPointListFieldProps {
  kind: ContactPointKind;
  /**
   * Shows a "primary" tick per row and is told which row was ticked. A customer picks its primary
   * entries; a contact has no tick because its first entry is the primary one.
   */
  onPrimary?: (index: number) => void;
  duplicates?: ContactPointDuplicates;
  /** Example values in the empty inputs (the customer form shows them, the contact dialog does not). */
  placeholders?: boolean;
  /**
   * A bad mobile number gets its own message and changing a phone's kind re-checks its number. The
   * customer form does this; the contact dialog keeps its one generic message.
   */
  strictMobile?: boolean;
}

// The field of a row that holds the value itself, and its label, per kind.
const valueLeaf = { phones: 'number', emails: 'address' } as const;
const valueLabel = { phones: 'customerForm.phones.number', emails: 'customerForm.emails.address' } as const;

/** A list of phones or e-mail addresses with add and remove, shared by the customer form and the contact dialog. */
export function ContactPointListField({
  kind,
  onPrimary,
  duplicates,
  placeholders,
  strictMobile,
}: ContactPointListFieldProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const leaf = valueLeaf[kind];
  const isPhone = kind === 'phones';

  const valueRules = (fieldName: number): FormRule[] =>
    isPhone
      ? [
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (!value?.trim()) return;
              const type = getFieldValue(['phones', fieldName, 'type']) as PhoneType;
              if (!isPlausiblePhone(value, type)) {
                throw new Error(
                  t(
                    strictMobile && type === 'mobile'
                      ? 'customerForm.validation.mobileInvalid'
                      : 'customerForm.validation.phoneInvalid',
                  ),
                );
              }
            },
          }),
        ]
      : [{ type: 'email', message: t('customerForm.validation.emailInvalid') }];

  return (
    <Form.List name={kind}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => {
            const position = index + 1;
            const hints = duplicates?.hints[field.key];
            // A stored entry: its masked text is shown read-only and it is sent back by id. To change
            // the number, remove the row and add a new one.
            const kept = Boolean(form.getFieldValue([kind, field.name, 'id']));
            return (
              <Row key={field.key} gutter={8} align="top" wrap={false}>
                {isPhone && (
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
                        onChange={
                          strictMobile
                            ? () => void form.validateFields([['phones', field.name, 'number']])
                            : undefined
                        }
                      />
                    </Form.Item>
                  </Col>
                )}
                <Col flex="auto">
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, leaf]}
                    label={t(valueLabel[kind], { index: position })}
                    validateTrigger="onBlur"
                    extra={
                      kept ? (
                        t(`customerForm.${kind}.kept`)
                      ) : hints?.length && duplicates ? (
                        <DuplicateHint
                          kind={isPhone ? 'phone' : 'email'}
                          matches={hints}
                          onOpen={duplicates.onOpenDuplicate}
                        />
                      ) : undefined
                    }
                    rules={kept ? [] : valueRules(field.name)}
                  >
                    <Input
                      readOnly={kept}
                      variant={kept ? 'filled' : undefined}
                      inputMode={isPhone ? 'tel' : 'email'}
                      maxLength={isPhone ? 40 : 254}
                      placeholder={
                        placeholders
                          ? t(isPhone ? 'customerForm.placeholders.phone' : 'customerForm.placeholders.email')
                          : undefined
                      }
                      onBlur={
                        duplicates && !kept
                          ? (event) =>
                              duplicates.onLookup(
                                field.key,
                                event.target.value,
                                isPhone
                                  ? (form.getFieldValue(['phones', field.name, 'type']) as PhoneType)
                                  : undefined,
                              )
                          : undefined
                      }
                    />
                  </Form.Item>
                </Col>
                <Col flex="none" style={{ paddingTop: 30 }}>
                  {onPrimary && (
                    <Form.Item name={[field.name, 'primary']} valuePropName="checked" noStyle>
                      <Checkbox
                        aria-label={t(`customerForm.${kind}.primary`, { index: position })}
                        onChange={(event) => event.target.checked && onPrimary(index)}
                      >
                        {t('customerForm.primary')}
                      </Checkbox>
                    </Form.Item>
                  )}
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t(`customerForm.${kind}.remove`, { index: position })}
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
            onClick={() =>
              add({
                ...(isPhone ? { type: 'mobile', number: '' } : { address: '' }),
                // Only lists with a tick carry "primary": the first row added becomes it.
                ...(onPrimary ? { primary: fields.length === 0 } : {}),
              })
            }
          >
            {t(`customerForm.${kind}.add`)}
          </Button>
        </>
      )}
    </Form.List>
  );
}
