import { Col, Row, Statistic } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { currentLanguage } from '@/i18n';
import { formatAmount } from '@/utils/money';

/** The key figures in the header; each is a named group so a test (or a screen reader) finds it by its title. */
export function MetricsBar({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { metrics } = customer;
  const day = (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD') : t('common.empty'));
  const metricsList: { key: string; title: string; value: string }[] = [
    {
      key: 'totalSpent',
      title: t('customers.fields.totalSpent'),
      value: formatAmount(metrics.totalSpent, language) ?? t('common.empty'),
    },
    { key: 'orderCount', title: t('customers.fields.orderCount'), value: String(metrics.orderCount) },
    {
      key: 'averageOrderValue',
      title: t('customers.fields.averageOrderValue'),
      value: formatAmount(metrics.averageOrderValue, language) ?? t('common.empty'),
    },
    {
      key: 'lastPurchaseAt',
      title: t('customers.fields.lastPurchaseAt'),
      value: day(metrics.lastPurchaseAt),
    },
    { key: 'lastContactAt', title: t('customers.fields.lastContactAt'), value: day(customer.lastContactAt) },
  ];
  return (
    <Row gutter={[24, 16]} style={{ marginTop: 16 }}>
      {metricsList.map((metric) => (
        <Col key={metric.key} xs={12} sm={8} lg={4}>
          <div role="group" aria-label={metric.title}>
            <Statistic title={metric.title} value={metric.value} valueStyle={{ fontSize: 20 }} />
          </div>
        </Col>
      ))}
    </Row>
  );
}
