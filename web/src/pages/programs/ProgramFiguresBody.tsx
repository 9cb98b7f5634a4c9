import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramFigures } from '../../api/program-figures';
import { EChart, type ChartOption } from '../records/EChart';
import { hoursText, percent } from '../records/records-format';

type Child = ProgramFigures['children'][number];
type Block = ProgramFigures['totals'];

const OUTCOMES = ['accepted', 'declined', 'expired', 'outstanding'] as const;
const OUTCOME_FIELD = {
  accepted: 'offersAccepted',
  declined: 'offersDeclined',
  expired: 'offersExpired',
  outstanding: 'offersOutstanding',
} as const satisfies Record<(typeof OUTCOMES)[number], keyof Block>;
const OUTCOME_COLOUR = {
  accepted: '#389e0d',
  declined: '#8c8c8c',
  expired: '#d48806',
  outstanding: '#1677ff',
};

/** Most places first, then most children: the busy regions on top. */
function byActivity(children: Child[]): Child[] {
  return [...children].sort(
    (a, b) => b.capacity - a.capacity || b.childrenEnrolled - a.childrenEnrolled,
  );
}

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

export function ProgramFiguresBody({
  f,
  onChild,
}: {
  f: ProgramFigures;
  onChild: (c: { code: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const none = t('programsFigures.none');
  const x = f.totals;
  // Regions below without any program in the period are counted, not listed (a town has dozens).
  const busy = byActivity(f.children).filter((c) => c.programs > 0);
  const quiet = f.children.length - busy.length;
  const nameOf = (c: Child) => (c.ownLevel ? `${c.name}${t('programsFigures.ownLevel')}` : c.name);

  const barOption = useMemo<ChartOption | null>(() => {
    const kids = byActivity(f.children)
      .filter((c) => c.capacity + c.waitlisted > 0)
      .slice(0, 15);
    if (kids.length === 0) return null;
    const series = (key: 'capacity' | 'enrolments' | 'waitlisted', colour: string) => ({
      name: t(`programsFigures.${key}`),
      type: 'bar' as const,
      barMaxWidth: 32,
      data: kids.map((c) => c[key]),
      itemStyle: { color: colour },
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      xAxis: {
        type: 'category',
        data: kids.map(nameOf),
        axisLabel: {
          rotate: kids.length > 3 ? 35 : 0,
          interval: 0,
          width: 80,
          overflow: 'truncate',
        },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        series('capacity', '#bfbfbf'),
        series('enrolments', '#c41d7f'),
        series('waitlisted', '#1677ff'),
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- nameOf reads only t
  }, [f, t]);

  const pieOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['32%', '62%'],
          center: ['50%', '44%'],
          data: OUTCOMES.map((o) => ({
            name: t(`programsFigures.outcome.${o}`),
            value: x[OUTCOME_FIELD[o]],
            itemStyle: { color: OUTCOME_COLOUR[o] },
          })).filter((d) => d.value > 0),
          label: { position: 'inside', formatter: '{c}', fontSize: 14, color: '#fff' },
        },
      ],
    }),
    [x, t],
  );

  const figureColumns = [
    { title: t('programsFigures.classes'), dataIndex: 'classes', width: 104 },
    { title: t('programsFigures.capacity'), dataIndex: 'capacity', width: 104 },
    { title: t('programsFigures.childrenEnrolled'), dataIndex: 'childrenEnrolled', width: 104 },
    {
      title: t('programsFigures.fillRate'),
      dataIndex: 'fillRate',
      width: 104,
      render: (v: number | null) => percent(v) ?? none,
    },
    { title: t('programsFigures.waitlisted'), dataIndex: 'waitlisted', width: 104 },
    {
      title: t('programsFigures.offerAcceptance'),
      dataIndex: 'offerAcceptance',
      width: 104,
      render: (v: number | null, b: Block) =>
        v === null ? none : `${percent(v)} (${b.offersAccepted}/${b.offersMade})`,
    },
    { title: t('programsFigures.childVisits'), dataIndex: 'childVisits', width: 104 },
    { title: t('programsFigures.volunteers'), dataIndex: 'volunteers', width: 104 },
    {
      title: t('programsFigures.volunteerHours'),
      dataIndex: 'volunteerHours',
      width: 104,
      render: (v: number) => hoursText(v),
    },
    { title: t('programsFigures.latePickups'), dataIndex: 'latePickups', width: 104 },
    {
      title: t('programsFigures.ratioShortfall'),
      dataIndex: 'ratioShortfallSessions',
      width: 120,
      render: (v: number, b: Block) =>
        v === 0
          ? '0'
          : t('programsFigures.shortfallValue', { sessions: v, minutes: b.ratioShortfallMinutes }),
    },
  ];

  return (
    <>
      <div className="fig-kpis">
        <Kpi
          id="programs"
          label={t('programsFigures.programs')}
          value={String(x.programs)}
          sub={t('programsFigures.classesValue', { classes: x.classes, run: x.classesRun })}
        />
        <Kpi
          id="children"
          label={t('programsFigures.childrenEnrolled')}
          value={String(x.childrenEnrolled)}
          sub={`${t('programsFigures.capacity')} ${x.capacity}`}
        />
        <Kpi id="fill" label={t('programsFigures.fillRate')} value={percent(x.fillRate) ?? none} />
        <Kpi id="waitlist" label={t('programsFigures.waitlisted')} value={String(x.waitlisted)} />
        <Kpi
          id="offers"
          label={t('programsFigures.offerAcceptance')}
          value={percent(x.offerAcceptance) ?? none}
          sub={t('programsFigures.offerValue', { made: x.offersMade, accepted: x.offersAccepted })}
        />
        <Kpi id="visits" label={t('programsFigures.childVisits')} value={String(x.childVisits)} />
        <Kpi
          id="volunteers"
          label={t('programsFigures.volunteers')}
          value={String(x.volunteers)}
          sub={t('programsFigures.hours', { value: hoursText(x.volunteerHours) })}
        />
        <Kpi id="late" label={t('programsFigures.latePickups')} value={String(x.latePickups)} />
        <Kpi
          id="ratio"
          label={t('programsFigures.ratioShortfall')}
          value={String(x.ratioShortfallSessions)}
          sub={t('programsFigures.shortfallMinutes', { minutes: x.ratioShortfallMinutes })}
        />
      </div>
      <div className="fig-charts">
        <section className="rec-card">
          <h2 className="rec-card-title">{t('programsFigures.byChild')}</h2>
          {barOption ? (
            <EChart option={barOption} label={t('programsFigures.byChild')} testId="cp-fig-bar" />
          ) : (
            <p className="rec-muted">{t('programsFigures.noChildren')}</p>
          )}
        </section>
        <section className="rec-card">
          <h2 className="rec-card-title">{t('programsFigures.offers')}</h2>
          {x.offersMade > 0 ? (
            <EChart option={pieOption} label={t('programsFigures.offers')} testId="cp-fig-pie" />
          ) : (
            <p className="rec-muted">{none}</p>
          )}
        </section>
      </div>
      {busy.length > 0 && (
        <section className="rec-card">
          <h2 className="rec-card-title">{t('programsFigures.children')}</h2>
          <Table
            rowKey="code"
            size="middle"
            pagination={false}
            dataSource={busy}
            scroll={{ x: 1100 }}
            columns={[
              {
                title: t('programsFigures.childName'),
                dataIndex: 'name',
                fixed: 'left',
                width: 130,
                render: (_: string, c: Child) =>
                  c.ownLevel ? (
                    nameOf(c)
                  ) : (
                    <a
                      href="#top"
                      onClick={(e) => {
                        e.preventDefault();
                        onChild({ code: c.code, name: c.name });
                      }}
                    >
                      {c.name}
                    </a>
                  ),
              },
              { title: t('programsFigures.programs'), dataIndex: 'programs', width: 104 },
              ...figureColumns,
            ]}
          />
          {quiet > 0 && (
            <p className="rec-muted" data-testid="cp-fig-quiet">
              {t('programsFigures.quietRegions', { count: quiet })}
            </p>
          )}
        </section>
      )}
      <section className="rec-card">
        <h2 className="rec-card-title">{t('programsFigures.programList')}</h2>
        <Table
          rowKey="id"
          size="middle"
          pagination={f.programs.length > 20 ? { pageSize: 20 } : false}
          dataSource={f.programs}
          locale={{ emptyText: t('programsFigures.noPrograms') }}
          scroll={{ x: 1200 }}
          columns={[
            {
              title: t('programsFigures.program'),
              dataIndex: 'title',
              fixed: 'left',
              width: 150,
            },
            { title: t('programsFigures.organiser'), dataIndex: 'organiserName', width: 130 },
            ...figureColumns,
          ]}
        />
      </section>
      <p className="fig-note">{t('programsFigures.howCounted')}</p>
    </>
  );
}
