import { useAccess } from '@umijs/max';
import {
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  Radio,
  Row,
  Select,
  TreeSelect,
  type FormInstance,
} from 'antd';
import dayjs from 'dayjs';
import React, { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentChannel, CustomFieldDefinition, DuplicateMatch, Gender, PhoneType } from '@/api/types';
import { useGroupTreeOptions, useLevels, useStaffUsers, useTags } from '@/services/reference';
import { ColoredTag, lifecycleStatuses } from '../CustomerBadges';
import { AddressListField } from './AddressListField';
import { EmailListField, PhoneListField } from './ContactPointFields';
import { CustomFieldInputs } from './CustomFieldInputs';
import { ageOn, customerLimits, type CustomerFormValues } from './customerForm';

const genders: readonly Gender[] = ['male', 'female', 'unknown'];
export const consentChannels: readonly ConsentChannel[] = ['in_store', 'miniapp', 'web', 'phone', 'import'];

export interface CustomerFormFieldsProps {
  form: FormInstance<CustomerFormValues>;
  initialValues: CustomerFormValues;
  customFields: readonly CustomFieldDefinition[];
  hints: Record<'phone' | 'email', Record<number, DuplicateMatch[]>>;
  onLookup: (kind: 'phone' | 'email', rowKey: number, value: string, phoneType?: PhoneType) => void;
  onOpenDuplicate: () => void;
  onSubmit: () => void;
}

export function CustomerFormFields({
  form,
  initialValues,
  customFields,
  hints,
  onLookup,
  onOpenDuplicate,
  onSubmit,
}: CustomerFormFieldsProps) {
  const { t } = useTranslation();
  const access = useAccess();
  const tags = useTags();
  const levels = useLevels();
  const users = useStaffUsers();
  const groupTree = useGroupTreeOptions();
  // The form instance outlives this component (the drawer's footer saves through it), and antd keeps
  // a store's old values over new initial values; each mount (another customer, a reloaded version)
  // therefore starts from its own initial values explicitly.
  useEffect(() => {
    form.resetFields();
  }, [form]);
  const text = (max: number) => [{ max, message: t('customerForm.validation.tooLong', { max }) }];

  return (
    <Form<CustomerFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onSubmit}
      scrollToFirstError
      aria-label={t('customerForm.formName')}
    >
      <Divider orientation="left">{t('customerForm.sections.basic')}</Divider>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('customers.fields.name')}
            rules={[
              { required: true, whitespace: true, message: t('customers.validation.nameRequired') },
              { max: customerLimits.name, message: t('customers.validation.nameTooLong') },
            ]}
          >
            <Input placeholder={t('customers.placeholders.name')} maxLength={customerLimits.name} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="gender" label={t('customers.fields.gender')}>
            <Radio.Group
              options={genders.map((gender) => ({ value: gender, label: t(`customers.gender.${gender}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item noStyle shouldUpdate={(previous, next) => previous.birthday !== next.birthday}>
            {({ getFieldValue }) => {
              const age = ageOn(getFieldValue('birthday'));
              return (
                <Form.Item
                  name="birthday"
                  label={t('customers.fields.birthday')}
                  extra={age === null ? undefined : t('customers.ageValue', { age })}
                >
                  <DatePicker
                    style={{ width: '100%' }}
                    disabledDate={(date) => date.isAfter(dayjs(), 'day')}
                    placeholder={t('customerForm.placeholders.birthday')}
                  />
                </Form.Item>
              );
            }}
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="occupation"
            label={t('customers.fields.occupation')}
            rules={text(customerLimits.text)}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="company" label={t('customers.fields.company')} rules={text(customerLimits.text)}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="industry" label={t('customers.fields.industry')} rules={text(customerLimits.text)}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="source" label={t('customers.fields.source')} rules={text(customerLimits.text)}>
            <Input placeholder={t('customerForm.placeholders.source')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="levelId" label={t('customers.fields.level')}>
            <Select
              allowClear
              loading={levels.isPending}
              options={(levels.data ?? []).map((level) => ({
                value: level.id,
                label: <ColoredTag name={level.name} color={level.color} />,
                title: level.name,
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="lifecycleStatus" label={t('customers.fields.lifecycleStatus')}>
            <Select
              placeholder={t('customerForm.placeholders.lifecycleStatus')}
              options={lifecycleStatuses.map((status) => ({
                value: status,
                label: t(`customers.lifecycle.${status}`),
              }))}
            />
          </Form.Item>
        </Col>
        {access.canAssignOwner && (
          <Col span={12}>
            <Form.Item name="ownerId" label={t('customers.fields.owner')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={users.isPending}
                placeholder={t('customerForm.placeholders.owner')}
                options={(users.data ?? []).map((user) => ({ value: user.id, label: user.displayName }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name="notes" label={t('customers.fields.notes')} rules={text(customerLimits.notes)}>
            <Input.TextArea
              rows={3}
              showCount
              maxLength={customerLimits.notes}
              placeholder={t('customers.placeholders.notes')}
            />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left">{t('customerForm.sections.contact')}</Divider>
      <PhoneListField
        form={form}
        hints={hints.phone}
        onLookup={(rowKey, value, phoneType) => onLookup('phone', rowKey, value, phoneType)}
        onOpenDuplicate={onOpenDuplicate}
      />
      <EmailListField
        form={form}
        hints={hints.email}
        onLookup={(rowKey, value) => onLookup('email', rowKey, value)}
        onOpenDuplicate={onOpenDuplicate}
      />

      <Divider orientation="left">{t('customerForm.sections.addresses')}</Divider>
      <AddressListField form={form} />

      <Divider orientation="left">{t('customerForm.sections.classification')}</Divider>
      <Form.Item
        name="tags"
        label={t('customers.fields.tags')}
        extra={t('customerForm.tagsHelp')}
        rules={[
          {
            validator: async (_, values: string[] | undefined) => {
              if ((values?.length ?? 0) > customerLimits.tags)
                throw new Error(t('customers.validation.tooManyTags'));
              if (values?.some((value) => value.trim().length > customerLimits.tagLength)) {
                // Ids of existing tags are longer, but they are not checked here: only typed names are.
                const known = new Set((tags.data ?? []).map((tag) => tag.id));
                if (
                  values.some((value) => !known.has(value) && value.trim().length > customerLimits.tagLength)
                ) {
                  throw new Error(t('customers.validation.tagTooLong'));
                }
              }
            },
          },
        ]}
      >
        <Select
          mode="tags"
          loading={tags.isPending}
          placeholder={t('customers.placeholders.tags')}
          tokenSeparators={[',', '，']}
          optionFilterProp="title"
          options={(tags.data ?? []).map((tag) => ({
            value: tag.id,
            title: tag.name,
            label: <ColoredTag name={tag.name} color={tag.color} />,
          }))}
        />
      </Form.Item>
      <Form.Item name="groupIds" label={t('customers.fields.groups')}>
        <TreeSelect
          multiple
          allowClear
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          loading={groupTree.loading}
          placeholder={t('customerForm.placeholders.groups')}
          treeData={groupTree.options}
        />
      </Form.Item>

      {customFields.length > 0 && (
        <>
          <Divider orientation="left">{t('customerForm.sections.customFields')}</Divider>
          <CustomFieldInputs definitions={customFields} />
        </>
      )}

      <Divider orientation="left">{t('customerForm.sections.consent')}</Divider>
      <Form.Item name="consentMarketing" valuePropName="checked">
        <Checkbox>{t('customers.fields.consentMarketing')}</Checkbox>
      </Form.Item>
      <Form.Item
        noStyle
        shouldUpdate={(previous, next) => previous.consentMarketing !== next.consentMarketing}
      >
        {({ getFieldValue }) =>
          getFieldValue('consentMarketing') ? (
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="consentChannel" label={t('customers.fields.consentChannel')}>
                  <Select
                    options={consentChannels.map((channel) => ({
                      value: channel,
                      label: t(`customers.consentChannels.${channel}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="consentNote" label={t('customers.fields.consentNote')} rules={text(200)}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          ) : null
        }
      </Form.Item>
    </Form>
  );
}
