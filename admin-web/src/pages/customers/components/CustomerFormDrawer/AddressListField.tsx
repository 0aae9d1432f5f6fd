import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Cascader, Checkbox, Col, Form, Input, Row, Select, type FormInstance } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressType } from '@/api/types';
import type { RegionOption } from '@/utils/regions';
import { useRegionTree } from '@/utils/useRegionTree';
import { keepOnePrimary } from './ContactPointFields';
import type { CustomerFormValues } from './customerForm';

export const addressTypes: readonly AddressType[] = ['home', 'work', 'shipping', 'billing', 'other'];

// Typing "西湖" finds "浙江省 / 杭州市 / 西湖区" without opening three menus.
const searchRegions = (input: string, path: RegionOption[]) =>
  path.some((option) => option.label.includes(input.trim()));

export function AddressListField({ form }: { form: FormInstance<CustomerFormValues> }) {
  const { t } = useTranslation();
  const regions = useRegionTree();
  return (
    <Form.List name="addresses">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => {
            const position = index + 1;
            return (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('customerForm.addresses.title', { index: position })}
                extra={
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('customerForm.addresses.remove', { index: position })}
                    onClick={() => remove(field.name)}
                  />
                }
              >
                <Row gutter={8}>
                  <Col span={8}>
                    <Form.Item
                      name={[field.name, 'type']}
                      label={t('customerForm.addresses.type', { index: position })}
                    >
                      <Select
                        options={addressTypes.map((type) => ({
                          value: type,
                          label: t(`customerForm.addressTypes.${type}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={16}>
                    <Form.Item
                      name={[field.name, 'region']}
                      label={t('customerForm.addresses.region', { index: position })}
                    >
                      <Cascader<RegionOption>
                        options={regions.data ?? []}
                        loading={regions.isPending}
                        placeholder={t('customerForm.placeholders.region')}
                        // Municipalities and incomplete knowledge: a province alone is a valid answer.
                        changeOnSelect
                        showSearch={{ filter: searchRegions, limit: 50 }}
                        displayRender={(labels) => labels.join(' / ')}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name={[field.name, 'street']}
                      label={t('customerForm.addresses.street', { index: position })}
                    >
                      <Input maxLength={200} placeholder={t('customerForm.placeholders.street')} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      name={[field.name, 'houseNumber']}
                      label={t('customerForm.addresses.houseNumber', { index: position })}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      name={[field.name, 'postcode']}
                      label={t('customerForm.addresses.postcode', { index: position })}
                      rules={[{ pattern: /^\d{6}$/, message: t('customerForm.validation.postcodeInvalid') }]}
                    >
                      <Input inputMode="numeric" maxLength={6} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name={[field.name, 'primary']} valuePropName="checked" noStyle>
                  <Checkbox
                    aria-label={t('customerForm.addresses.primary', { index: position })}
                    onChange={(event) => event.target.checked && keepOnePrimary(form, 'addresses', index)}
                  >
                    {t('customerForm.addresses.primaryText')}
                  </Checkbox>
                </Form.Item>
              </Card>
            );
          })}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginBottom: 16 }}
            onClick={() => add({ type: 'home', region: [], primary: fields.length === 0 })}
          >
            {t('customerForm.addresses.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
