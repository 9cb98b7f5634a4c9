import { Breadcrumb, Button, Input, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionFigures, type Figures } from '../../api/records';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../lib/use-async';
import { EChart, type ChartOption } from './EChart';
import { hoursText, percent } from './records-format';
import './records.css';

type Child = Figures['children'][number];

/** Most hours first, then most volunteers: the busy regions on top. */
function byActivity(children: Child[]): Child[] {
  return [...children].sort(
    (a, b) => b.confirmedHours - a.confirmedHours || b.volunteers - a.volunteers,
  );
}

const STATES = [
  'awaiting_dispatch',
  'directed',
  'open',
  'accepted',
  'in_service',
  'completed',
  'cancelled',
] as const;

function Kpi({
  label,
  value,
  sub,
  id,
}: {
  label: string;
  value: string;
  sub?: string;
  id: string;
}) {
  return (
    <div className="fig-kpi" data-testid={`kpi-${id}`}>
      <div className="fig-kpi-label">{label}</div>
      <div className="fig-kpi-value">{value}</div>
      {sub && <div className="fig-kpi-sub">{sub}</div>}
    </div>
  );
}

/**
 * VS-10 figures: KPI cards, a bar chart per child region, orders by state, and the same numbers
 * in a table. Click a child region to go down; the breadcrumb goes back up.
 */
export default function FiguresPage() {
  const { t } = useTranslation();
  const [path, setPath] = useState<{ code: string; name: string }[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState<{ from?: string; to?: string }>({});
  const region = path.length ? path[path.length - 1]!.code : undefined;
  const state = useAsync(
    (signal) => regionFigures({ regionCode: region, ...applied }, signal),
    `${region ?? ''}|${applied.from ?? ''}|${applied.to ?? ''}`,
  );
  const f = state.data;
  const none = t('records.figures.none');

  const barOption = useMemo<ChartOption | null>(() => {
    if (!f || f.children.length === 0) return null;
    // the regions with anything to show, most hours first (at most 15 bars)
    const kids = byActivity(f.children)
      .filter((c) => c.volunteers + c.confirmedHours + c.orders + c.teams > 0)
      .slice(0, 15);
    if (kids.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      xAxis: {
        type: 'category',
        data: kids.map((c) => c.name),
        axisLabel: {
          rotate: kids.length > 4 ? 35 : 0,
          interval: 0,
          width: 80,
          overflow: 'truncate',
        },
      },
      yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
      series: [
        {
          name: t('records.figures.confirmedHours'),
          type: 'bar',
          barMaxWidth: 40,
          data: kids.map((c) => c.confirmedHours),
          itemStyle: { color: '#c41d7f' },
        },
        {
          name: t('records.figures.volunteers'),
          type: 'bar',
          barMaxWidth: 40,
          yAxisIndex: 1,
          data: kids.map((c) => c.volunteers),
          itemStyle: { color: '#1677ff' },
        },
      ],
    };
  }, [f, t]);

  const pieOption = useMemo<ChartOption | null>(() => {
    if (!f) return null;
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['32%', '62%'],
          center: ['50%', '44%'],
          data: STATES.map((s) => ({
            name: t(`records.figures.state.${s}`),
            value: f.totals.ordersByState[s] ?? 0,
          })).filter((d) => d.value > 0),
          label: { position: 'inside', formatter: '{c}', fontSize: 14, color: '#fff' },
        },
      ],
    };
  }, [f, t]);

  const goTo = (idx: number) => setPath((p) => p.slice(0, idx));

  return (
    <div className="page fig-page">
      <PageHeading
        title={t('records.figures.title')}
        subtitle={
          f
            ? t('records.figures.subtitle', {
                region: f.region.name,
                from: f.period.from,
                to: f.period.to,
              })
            : undefined
        }
      />
      <form
        className="fig-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ from: from || undefined, to: to || undefined });
        }}
      >
        <label>
          <div className="rec-small">{t('records.figures.period')}</div>
          <Input
            type="date"
            size="large"
            value={from || f?.period.from || ''}
            onChange={(e) => setFrom(e.target.value)}
            aria-label={`${t('records.figures.period')} 1`}
            style={{ width: 170 }}
          />
        </label>
        <span aria-hidden>–</span>
        <Input
          type="date"
          size="large"
          value={to || f?.period.to || ''}
          onChange={(e) => setTo(e.target.value)}
          aria-label={`${t('records.figures.period')} 2`}
          style={{ width: 170 }}
        />
        <Button type="primary" size="large" htmlType="submit">
          {t('records.figures.apply')}
        </Button>
      </form>
      {f && (
        <Breadcrumb
          className="fig-breadcrumb"
          items={[
            ...(path.length
              ? [
                  {
                    title: (
                      <a onClick={() => goTo(0)} href="#top">
                        {t('records.figures.region')}
                      </a>
                    ),
                  },
                ]
              : []),
            ...path.slice(0, -1).map((p, i) => ({
              title: (
                <a onClick={() => goTo(i + 1)} href="#top">
                  {p.name}
                </a>
              ),
            })),
            { title: f.region.name },
          ]}
        />
      )}
      {state.status === 'error' && <ErrorAlert error={state.error} onRetry={state.reload} />}
      {!f && state.status === 'loading' && <PageSpinner />}
      {f && (
        <Body
          f={f}
          none={none}
          barOption={barOption}
          pieOption={pieOption}
          onChild={(c) => setPath((p) => [...p, c])}
        />
      )}
    </div>
  );
}

function Body({
  f,
  none,
  barOption,
  pieOption,
  onChild,
}: {
  f: Figures;
  none: string;
  barOption: ChartOption | null;
  pieOption: ChartOption | null;
  onChild: (c: { code: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const x = f.totals;
  return (
    <>
      <div className="fig-kpis">
        <Kpi id="volunteers" label={t('records.figures.volunteers')} value={String(x.volunteers)} />
        <Kpi
          id="activity"
          label={t('records.figures.activityRate')}
          value={percent(x.activityRate) ?? none}
          sub={`${t('records.figures.activeVolunteers')} ${x.activeVolunteers}`}
        />
        <Kpi
          id="hours"
          label={t('records.figures.confirmedHours')}
          value={hoursText(x.confirmedHours)}
        />
        <Kpi id="teams" label={t('records.figures.teams')} value={String(x.teams)} />
        <Kpi id="projects" label={t('records.figures.projects')} value={String(x.projects)} />
        <Kpi id="orders" label={t('records.figures.orders')} value={String(x.orders)} />
        <Kpi
          id="accept"
          label={t('records.figures.medianToAccept')}
          value={
            x.medianMinutesToAccept === null
              ? none
              : x.medianMinutesToAccept >= 120
                ? t('records.figures.hoursShort', {
                    value: Math.round((x.medianMinutesToAccept / 60) * 10) / 10,
                  })
                : t('records.figures.minutes', { value: x.medianMinutesToAccept })
          }
        />
        <Kpi id="fill" label={t('records.figures.fillRate')} value={percent(x.fillRate) ?? none} />
        <Kpi
          id="satisfaction"
          label={t('records.figures.satisfaction')}
          value={x.satisfaction === null ? none : `${x.satisfaction} ★`}
          sub={
            x.satisfaction === null
              ? undefined
              : t('records.figures.satisfactionValue', {
                  stars: x.satisfaction,
                  share: percent(x.satisfiedShare) ?? none,
                })
          }
        />
      </div>
      <div className="fig-charts">
        <section className="rec-card">
          <h2 className="rec-card-title">{t('records.figures.byChild')}</h2>
          {barOption ? (
            <EChart option={barOption} label={t('records.figures.byChild')} testId="fig-bar" />
          ) : (
            <p className="rec-muted">{t('records.figures.noChildren')}</p>
          )}
        </section>
        <section className="rec-card">
          <h2 className="rec-card-title">{t('records.figures.ordersByState')}</h2>
          {pieOption && x.orders > 0 ? (
            <EChart
              option={pieOption}
              label={t('records.figures.ordersByState')}
              testId="fig-pie"
            />
          ) : (
            <p className="rec-muted">{none}</p>
          )}
        </section>
      </div>
      {f.children.length > 0 && (
        <section className="rec-card">
          <h2 className="rec-card-title">{t('records.figures.children')}</h2>
          <Table
            rowKey="code"
            size="middle"
            pagination={false}
            dataSource={byActivity(f.children)}
            scroll={{ x: 960 }}
            columns={[
              {
                title: t('records.figures.childName'),
                dataIndex: 'name',
                fixed: 'left',
                width: 130,
                render: (name: string, c) => (
                  <a
                    href="#top"
                    onClick={(e) => {
                      e.preventDefault();
                      onChild({ code: c.code, name });
                    }}
                  >
                    {name}
                  </a>
                ),
              },
              { title: t('records.figures.volunteers'), dataIndex: 'volunteers' },
              {
                title: t('records.figures.activityRate'),
                dataIndex: 'activityRate',
                render: (v: number | null) => percent(v) ?? none,
              },
              { title: t('records.figures.teams'), dataIndex: 'teams' },
              { title: t('records.figures.projects'), dataIndex: 'projects' },
              {
                title: t('records.figures.confirmedHours'),
                dataIndex: 'confirmedHours',
                render: (v: number) => hoursText(v),
              },
              { title: t('records.figures.orders'), dataIndex: 'orders' },
              {
                title: t('records.figures.fillRate'),
                dataIndex: 'fillRate',
                render: (v: number | null) => percent(v) ?? none,
              },
              {
                title: t('records.figures.satisfaction'),
                dataIndex: 'satisfaction',
                render: (v: number | null) => (v === null ? none : `${v} ★`),
              },
            ]}
          />
        </section>
      )}
      <p className="fig-note">{t('records.figures.howCounted')}</p>
    </>
  );
}
