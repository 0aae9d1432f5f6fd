import { Card, Col, Descriptions, Empty, List, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerAddress } from '@/api/types';
import { ageOn } from '../../components/CustomerFormDrawer/customerForm';
import { shownEmail, shownPhone, type RevealedValues } from '../revealed';

const dateTime = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

export function formatAddress(address: CustomerAddress): string {
  // Municipalities repeat the name at province and city level ("北京市 北京市").
  const region = [...new Set([address.provinceName, address.cityName, address.districtName].filter(Boolean))];
  return [...region, address.street, address.houseNumber].filter(Boolean).join(' ');
}

export function OverviewTab({ customer, revealed }: { customer: Customer; revealed: RevealedValues }) {
  const { t } = useTranslation();
  const empty = t('common.empty');
  const age = ageOn(customer.birthday);
  const primaryTag = <Tag color="blue">{t('customerForm.primary')}</Tag>;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('customerForm.sections.basic')} size="small">
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('customers.fields.gender')}>
            {t(`customers.gender.${customer.gender}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.birthday')}>
            {customer.birthday
              ? `${customer.birthday}${age === null ? '' : `（${t('customers.ageValue', { age })}）`}`
              : empty}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.occupation')}>
            {customer.occupation ?? empty}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.company')}>
            {customer.company ?? empty}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.industry')}>
            {customer.industry ?? empty}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.source')}>
            {customer.source ?? empty}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.groups')}>
            {customer.groups.length > 0
              ? customer.groups.map((group) => group.name).join(t('common.listSeparator'))
              : empty}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.createdAt')}>
            {dateTime(customer.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.updatedAt')}>
            {dateTime(customer.updatedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.fields.notes')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {customer.notes ?? empty}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('customerDetail.phones')} size="small" style={{ height: '100%' }}>
            <List
              size="small"
              dataSource={customer.phones}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerDetail.noPhones')} />
                ),
              }}
              renderItem={(phone) => (
                <List.Item>
                  <Space>
                    <Typography.Text type="secondary">
                      {t(`customerForm.phoneTypes.${phone.type}`)}
                    </Typography.Text>
                    {/* Masked text is not worth copying; a revealed number is. */}
                    <Typography.Text copyable={revealed.phones.has(phone.id)}>
                      {shownPhone(phone, revealed)}
                    </Typography.Text>
                    {phone.primary && primaryTag}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('customerDetail.emails')} size="small" style={{ height: '100%' }}>
            <List
              size="small"
              dataSource={customer.emails}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerDetail.noEmails')} />
                ),
              }}
              renderItem={(email) => (
                <List.Item>
                  <Space>
                    <Typography.Text copyable={revealed.emails.has(email.id)}>
                      {shownEmail(email, revealed)}
                    </Typography.Text>
                    {email.primary && primaryTag}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>

      <Card title={t('customerDetail.addresses')} size="small">
        <List
          size="small"
          dataSource={customer.addresses}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerDetail.noAddresses')} />
            ),
          }}
          renderItem={(address) => (
            <List.Item>
              <Space wrap>
                <Typography.Text type="secondary">
                  {t(`customerForm.addressTypes.${address.type}`)}
                </Typography.Text>
                <Typography.Text>{formatAddress(address) || empty}</Typography.Text>
                {address.postcode && <Typography.Text type="secondary">{address.postcode}</Typography.Text>}
                {address.primary && <Tag color="blue">{t('customerForm.addresses.primaryText')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('customerForm.sections.consent')} size="small" style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('customers.fields.consentMarketing')}>
                {customer.consent.marketing ? t('customerForm.yes') : t('customerForm.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.fields.consentChannel')}>
                {customer.consent.channel
                  ? t(`customers.consentChannels.${customer.consent.channel}`)
                  : empty}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.fields.consentGivenAt')}>
                {customer.consent.givenAt ? dateTime(customer.consent.givenAt) : empty}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.fields.consentNote')}>
                {customer.consent.note ?? empty}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('customerDetail.purchases')} size="small" style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('customers.fields.firstPurchaseAt')}>
                {customer.metrics.firstPurchaseAt
                  ? dayjs(customer.metrics.firstPurchaseAt).format('YYYY-MM-DD')
                  : empty}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.fields.purchaseFrequency')}>
                {customer.metrics.purchaseFrequencyDays === null
                  ? empty
                  : t('customerDetail.everyDays', {
                      days: Math.round(customer.metrics.purchaseFrequencyDays),
                    })}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>

      {customer.mergedFrom.length > 0 && (
        <Card title={t('customerDetail.mergedFrom')} size="small">
          <List
            size="small"
            dataSource={customer.mergedFrom}
            renderItem={(source) => (
              <List.Item>
                {t('customerDetail.mergedFromItem', { name: source.name, time: dateTime(source.mergedAt) })}
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
