import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, Card, Col, DatePicker, Empty, Form, Row, Segmented, Space, Statistic, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { FeedbackScore, FeedbackStats, StatsGranularity } from '@/api/types';
import { useNamedTable } from '@/pages/system/components/NamedTable';
import { useFeedbackStats } from '@/services/feedback';
import { useTeamTreeOptions } from '@/services/system';
import { chartPoints, formatNps, formatPercent, formatRating } from '../scores';

type StoreScore = FeedbackStats['stores'][number];
const granularities: StatsGranularity[] = ['day', 'week', 'month'];
/** The default period: the last 30 days, today included. */
const lastThirtyDays = (): [Dayjs, Dayjs] => [dayjs().subtract(29, 'day'), dayjs()];

function Kpis({ score }: { score: FeedbackScore }) {
  const { t } = useTranslation();
  const empty = t('common.empty');
  const card = (title: string, value: string, extra?: React.ReactNode) => (
    <Col xs={24} sm={12} lg={6}>
      <Card role="group" aria-label={title}>
        <Statistic title={title} value={value} />
        {extra && <div style={{ marginTop: 8 }}>{extra}</div>}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]}>
      {card(t('feedback.stats.count'), String(score.count))}
      {card(t('feedback.stats.ratingAverage'), formatRating(score.ratingAverage, empty))}
      {card(t('feedback.stats.csat'), formatPercent(score.csat, empty), (
        <Typography.Text type="secondary">{t('feedback.stats.csatHelp')}</Typography.Text>
      ))}
      {card(t('feedback.stats.nps'), formatNps(score.nps, empty), (
        <Typography.Text type="secondary">
          {t('feedback.stats.npsBreakdown', {
            promoters: score.promoters,
            passives: score.passives,
            detractors: score.detractors,
          })}
        </Typography.Text>
      ))}
    </Row>
  );
}

function TrendChart({ periods }: { periods: FeedbackStats['periods'] }) {
  const { t } = useTranslation();
  const points = chartPoints(periods);
  return (
    <figure aria-label={t('feedback.stats.chartName')} style={{ margin: 0, width: '100%', height: 320 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="period" />
          {/* CSAT (0–100 %) and NPS (−100…+100) share one axis; the counts have their own. */}
          <YAxis yAxisId="score" domain={[-100, 100]} />
          <YAxis yAxisId="count" orientation="right" allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar yAxisId="count" dataKey="count" name={t('feedback.stats.count')} fill="#d6e4ff" />
          <Line yAxisId="score" type="monotone" dataKey="csat" name={t('feedback.stats.csat')} stroke="#52c41a" connectNulls />
          <Line yAxisId="score" type="monotone" dataKey="nps" name={t('feedback.stats.nps')} stroke="#1677ff" connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

export default function FeedbackStatsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(lastThirtyDays);
  const [granularity, setGranularity] = useState<StatsGranularity>('day');
  const [teamId, setTeamId] = useState<string | undefined>();
  const teams = useTeamTreeOptions();
  const stats = useFeedbackStats({
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    granularity,
    ...(teamId ? { teamId } : {}),
  });
  const table = useNamedTable(t('feedback.stats.storeTable'));
  const empty = t('common.empty');

  const columns: ProColumns<StoreScore>[] = [
    { title: t('feedback.fields.store'), key: 'store', render: (_, row) => row.team.name },
    { title: t('feedback.stats.count'), key: 'count', dataIndex: 'count', align: 'right' },
    {
      title: t('feedback.stats.ratingAverage'),
      key: 'rating',
      align: 'right',
      render: (_, row) => formatRating(row.ratingAverage, empty),
    },
    { title: t('feedback.stats.csat'), key: 'csat', align: 'right', render: (_, row) => formatPercent(row.csat, empty) },
    { title: t('feedback.stats.nps'), key: 'nps', align: 'right', render: (_, row) => formatNps(row.nps, empty) },
    { title: t('feedback.npsGroups.promoter'), key: 'promoters', dataIndex: 'promoters', align: 'right' },
    { title: t('feedback.npsGroups.passive'), key: 'passives', dataIndex: 'passives', align: 'right' },
    { title: t('feedback.npsGroups.detractor'), key: 'detractors', dataIndex: 'detractors', align: 'right' },
  ];

  return (
    <PageContainer title={t('feedback.stats.title')}>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label={t('feedback.stats.period')}>
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              disabledDate={(day) => day.isAfter(dayjs(), 'day')}
              onChange={(value) => {
                if (value?.[0] && value[1]) setRange([value[0], value[1]]);
              }}
            />
          </Form.Item>
          <Form.Item label={t('feedback.stats.granularity')}>
            <Segmented<StatsGranularity>
              value={granularity}
              onChange={setGranularity}
              options={granularities.map((value) => ({ value, label: t(`feedback.stats.granularities.${value}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('feedback.fields.store')}>
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              style={{ width: 200 }}
              placeholder={t('feedback.stats.allStores')}
              loading={teams.loading}
              treeData={teams.options}
              value={teamId}
              onChange={(value?: string) => setTeamId(value)}
            />
          </Form.Item>
        </Form>
      </Card>
      {stats.isError ? (
        <Alert type="error" showIcon message={stats.error.message} />
      ) : !stats.data ? (
        <Card loading />
      ) : stats.data.total.count === 0 ? (
        <Card>
          <Empty description={t('feedback.stats.empty')} />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Kpis score={stats.data.total} />
          <Card title={t('feedback.stats.chartName')}>
            <TrendChart periods={stats.data.periods} />
          </Card>
          <ProTable<StoreScore>
            rowKey={(row) => row.team.id}
            columns={columns}
            dataSource={stats.data.stores}
            loading={stats.isFetching}
            search={false}
            options={false}
            pagination={false}
            headerTitle={t('feedback.stats.storeTable')}
            components={{ table }}
          />
        </Space>
      )}
    </PageContainer>
  );
}
