import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useAccess } from '@umijs/max';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { currentLanguage } from '@/i18n';
import { formatAmount } from '@/utils/money';
import {
  emptyOrderFormValues,
  lineTotal,
  orderAmount,
  orderStatuses,
  toOrderFormValues,
  toOrderInput,
  type OrderFormValues,
  type OrderItemFormValue,
} from '../orderForm';
import { useSaveOrder } from '../useRelatedRecords';
import { RecordFormModal } from './RecordFormModal';

const formFields = ['orderNo', 'orderedAt', 'channel', 'status', 'items', 'amount', 'notes'];

export function OrderFormModal({
  customerId,
  order,
  onClose,
  onCreated,
}: {
  customerId: string;
  order?: Order;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<OrderFormValues>();
  const save = useSaveOrder(customerId);
  const language = currentLanguage();
  const items = Form.useWatch('items', form) as OrderItemFormValue[] | undefined;
  // Without order:update_amount a recorded order's quantities and prices stay as they are (the
  // server refuses a change); names, status and the rest can still be edited.
  const amountLocked = Boolean(order) && !useAccess().canUpdateOrderAmount;

  return (
    <RecordFormModal<OrderFormValues>
      form={form}
      width={820}
      title={order ? t('orders.edit', { orderNo: order.orderNo }) : t('orders.create')}
      saving={save.isPending}
      initialValues={order ? toOrderFormValues(order) : emptyOrderFormValues()}
      formFields={formFields}
      issuePath={([head, index, leaf]) =>
        head === 'items' && index !== undefined ? ['items', Number(index), leaf ?? 'product'] : [head]
      }
      onSave={async () => {
        // The whole store, not just the values of registered fields that validateFields returns, as
        // the order form has always sent it.
        const values = form.getFieldsValue(true);
        const saved = await save.mutateAsync({
          orderId: order?.id,
          input: toOrderInput(values, Boolean(order), { amountLocked }),
        });
        message.success(t(order ? 'orders.updated' : 'orders.created', { orderNo: saved.orderNo }));
        if (!order) onCreated();
        onClose();
      }}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="orderNo" label={t('orders.fields.orderNo')}>
            <Input maxLength={40} placeholder={t('orders.placeholders.orderNo')} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="orderedAt"
            label={t('orders.fields.orderedAt')}
            rules={[{ required: true, message: t('orders.validation.orderedAtRequired') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="status" label={t('orders.fields.status')}>
            <Select
              options={orderStatuses.map((status) => ({
                value: status,
                label: t(`orders.statuses.${status}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="channel" label={t('orders.fields.channel')}>
            <Input maxLength={30} placeholder={t('orders.placeholders.channel')} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="notes" label={t('orders.fields.notes')}>
            <Input maxLength={2000} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List
        name="items"
        rules={[
          {
            validator: async (_, value: OrderItemFormValue[] | undefined) => {
              if (!value?.some((item) => item.product?.trim()))
                throw new Error(t('orders.validation.itemsRequired'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => {
              const position = index + 1;
              const total = lineTotal(items?.[field.name] ?? {});
              return (
                <Row key={field.key} gutter={8} wrap={false} align="top">
                  <Col flex="auto">
                    <Form.Item
                      name={[field.name, 'product']}
                      label={t('orders.items.product', { index: position })}
                      rules={[{ max: 100, message: t('customerForm.validation.tooLong', { max: 100 }) }]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col flex="140px">
                    <Form.Item
                      name={[field.name, 'category']}
                      label={t('orders.items.category', { index: position })}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col flex="100px">
                    <Form.Item
                      name={[field.name, 'quantity']}
                      label={t('orders.items.quantity', { index: position })}
                      rules={[{ required: true, message: t('orders.validation.quantityRequired') }]}
                    >
                      <InputNumber
                        min={1}
                        max={100000}
                        precision={0}
                        disabled={amountLocked}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="130px">
                    <Form.Item
                      name={[field.name, 'unitPrice']}
                      label={t('orders.items.unitPrice', { index: position })}
                      rules={[{ required: true, message: t('orders.validation.unitPriceRequired') }]}
                    >
                      {/* String mode keeps the typed decimal exact: prices are money, not floats. */}
                      <InputNumber
                        stringMode
                        min="0"
                        precision={2}
                        disabled={amountLocked}
                        style={{ width: '100%' }}
                        prefix="¥"
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="120px">
                    <Form.Item label={t('orders.items.lineTotal', { index: position })}>
                      <Typography.Text aria-label={t('orders.items.lineTotal', { index: position })}>
                        {total === null ? t('common.empty') : formatAmount(total, language)}
                      </Typography.Text>
                    </Form.Item>
                  </Col>
                  {!amountLocked && (
                    <Col flex="none" style={{ paddingTop: 30 }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('orders.items.remove', { index: position })}
                        onClick={() => remove(field.name)}
                      />
                    </Col>
                  )}
                </Row>
              );
            })}
            <Form.ErrorList errors={errors} />
            {amountLocked ? (
              <Alert type="info" showIcon message={t('orders.amountLocked')} />
            ) : (
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
                {t('orders.items.add')}
              </Button>
            )}
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ textAlign: 'right', marginTop: 16 }} aria-live="polite">
        {t('orders.amountTotal', { amount: formatAmount(orderAmount(items ?? []), language) })}
      </Typography.Title>
    </RecordFormModal>
  );
}
