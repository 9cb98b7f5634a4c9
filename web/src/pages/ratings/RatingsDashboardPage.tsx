import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Segmented, Space, Statistic, Table } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ratingMetrics,
  ratingsJsonUrl,
  ratingsXlsxUrl,
  type RatingMetrics,
} from '../../api/ratings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { chinaDay } from '../../lib/china-time';
import { useAsync } from '../../lib/use-async';
import { EChart, type ChartOption } from '../records/EChart';

type Group = 'staff' | 'station' | 'town' | 'channel';
const CHANNELS = ['window', 'appointment', 'home_visit', 'agent', 'online', 'phone'] as const;
type Channel = (typeof CHANNELS)[number];
const isChannel = (k: string): k is Channel => (CHANNELS as readonly string[]).includes(k);
type Row = RatingMetrics['rows'][number];

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;

/**
 * GS-13 好差评 dashboard: the month's rates (主动评价率, satisfaction, 差评整改率, 实名差评回访率,
 * average level) per staff member, station or town; the station ranking; the 12345 trio; export.
 */
export default function RatingsDashboardPage() {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(() => chinaDay(new Date()).slice(0, 7));
  const [group, setGroup] = useState<Group>('station');
  const state = useAsync((signal) => ratingMetrics(month, group, signal), `${month}|${group}`);
  // By channel the server answers the channel's code: its name is the web's (cases.channel.*).
  const label = useCallback(
    (r: { key: string; label: string }) =>
      group === 'channel' && isChannel(r.key) ? t(`cases.channel.${r.key}`) : r.label,
    [group, t],
  );
  const m = state.data;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 48, right: 16, bottom: 64 },
      xAxis: {
        type: 'category',
        data: m?.rows.map(label) ?? [],
        axisLabel: { rotate: 30 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: (['activeRate', 'satisfaction', 'rectificationRate'] as const).map((k) => ({
        type: 'bar',
        name: t(`ratings.metrics.${k}`),
        data: m?.rows.map((r) => Math.round((r[k] ?? 0) * 1000) / 10) ?? [],
      })),
    }),
    [m, t, label],
  );
  const columns = [
    { title: t(`ratings.groups.${group}`), key: 'label', render: (r: Row) => label(r) },
    { title: t('ratings.metrics.completed'), dataIndex: 'completed', key: 'completed' },
    { title: t('ratings.metrics.rated'), dataIndex: 'rated', key: 'rated' },
    { title: t('ratings.metrics.activeRate'), key: 'a', render: (r: Row) => pct(r.activeRate) },
    { title: t('ratings.metrics.satisfaction'), key: 's', render: (r: Row) => pct(r.satisfaction) },
    { title: t('ratings.metrics.bad'), dataIndex: 'bad', key: 'bad' },
    {
      title: t('ratings.metrics.rectificationRate'),
      key: 'r',
      render: (r: Row) => pct(r.rectificationRate),
    },
    { title: t('ratings.metrics.callbackRate'), key: 'c', render: (r: Row) => pct(r.callbackRate) },
    {
      title: t('ratings.metrics.averageLevel'),
      key: 'l',
      render: (r: Row) => r.averageLevel ?? '—',
    },
  ];
  return (
    <div className="page" data-testid="ratings-dashboard">
      <PageHeading title={t('ratings.dashboardTitle')} subtitle={t('ratings.dashboardSubtitle')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          type="month"
          size="large"
          value={month}
          aria-label={t('ratings.month')}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
          style={{ width: 200 }}
        />
        <Segmented<Group>
          value={group}
          onChange={setGroup}
          options={(['station', 'staff', 'town', 'channel'] as const).map((g) => ({
            value: g,
            label: t(`ratings.groups.${g}`),
          }))}
        />
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={ratingsXlsxUrl(month, i18n.language)}
          data-testid="ratings-xlsx"
        >
          {t('ratings.exportXlsx')}
        </Button>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={ratingsJsonUrl(month)}
          target="_blank"
        >
          {t('ratings.exportJson')}
        </Button>
      </Space>
      {state.status === 'error' && <ErrorAlert error={state.error} onRetry={state.reload} />}
      {!m && state.status === 'loading' && <PageSpinner />}
      {m && (
        <>
          <Row
            gutter={[12, 12]}
            data-testid="ratings-totals"
            data-bad={m.totals?.bad ?? 0}
            data-rectified={m.totals?.rectified ?? 0}
          >
            {(
              [
                ['activeRate', pct(m.totals?.activeRate)],
                ['satisfaction', pct(m.totals?.satisfaction)],
                ['rectificationRate', pct(m.totals?.rectificationRate)],
                ['callbackRate', pct(m.totals?.callbackRate)],
                ['averageLevel', String(m.totals?.averageLevel ?? '—')],
                ['bad', String(m.totals?.bad ?? 0)],
              ] as const
            ).map(([k, v]) => (
              <Col xs={12} md={8} lg={4} key={k}>
                <Card size="small">
                  <Statistic title={t(`ratings.metrics.${k}`)} value={v} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('ratings.inquiryTrio')} style={{ marginTop: 12 }}>
            <Space size="large" wrap>
              <Statistic
                title={t('ratings.metrics.responseRate')}
                value={pct(m.inquiries.responseRate)}
              />
              <Statistic
                title={t('ratings.metrics.resolutionRate')}
                value={pct(m.inquiries.resolutionRate)}
              />
              <Statistic
                title={t('ratings.metrics.satisfactionRate')}
                value={pct(m.inquiries.satisfactionRate)}
              />
            </Space>
          </Card>
          <Card size="small" style={{ marginTop: 12 }}>
            <EChart option={option} label={t('ratings.chartLabel')} testId="ratings-chart" />
          </Card>
          <Table<Row>
            style={{ marginTop: 12 }}
            size="small"
            rowKey="key"
            scroll={{ x: true }}
            dataSource={m.rows}
            columns={columns}
            pagination={false}
          />
          <Card size="small" title={t('ratings.ranking')} style={{ marginTop: 12 }}>
            <Table
              size="small"
              rowKey="key"
              dataSource={m.ranking}
              pagination={false}
              columns={[
                { title: t('ratings.rank'), dataIndex: 'rank', key: 'rank' },
                { title: t('ratings.groups.station'), dataIndex: 'label', key: 'label' },
                {
                  title: t('ratings.metrics.satisfaction'),
                  key: 's',
                  render: (r: Row) => pct(r.satisfaction),
                },
                {
                  title: t('ratings.metrics.averageLevel'),
                  key: 'l',
                  render: (r: Row) => r.averageLevel ?? '—',
                },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
