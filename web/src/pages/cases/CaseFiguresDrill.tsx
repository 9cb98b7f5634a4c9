import { Breadcrumb, Button, Card, Empty, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCaseDrill } from '../../api/cases';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { useAsync } from '../../lib/use-async';
import { EChart, type ChartOption } from '../records/EChart';
import { percent } from './case-format';
import { drillInto, levelOf, regionOf, type DrillPath, type DrillRow } from './figures-drill';

const NO_ROWS: DrillRow[] = [];

/** The open cases by light (the server's counts, as the cases list shows each case); red = overdue. */
const LIGHTS = [
  { light: 'red', count: (r: DrillRow) => r.overdue },
  { light: 'yellow', count: (r: DrillRow) => r.yellow },
  { light: 'green', count: (r: DrillRow) => r.green },
  { light: 'paused', count: (r: DrillRow) => r.paused },
  { light: 'none', count: (r: DrillRow) => r.none },
] as const;

/**
 * The case dashboard by region: a bar chart and a table of one level — districts, a
 * district's towns, a town's stations — opened by a click on a bar or the row's button; the
 * breadcrumb goes back up; the export has the level's stations (`?regionCode=`). Each level is
 * summed by the server (GET /cases/figures/drill): a city's first level is 16 rows, not its
 * stations; each row has its open cases by deadline light, the most overdue first (GS-8). A level
 * of one region (a town officer's district and town) opens by itself, once.
 */
export function CaseFiguresDrill() {
  const { t } = useTranslation();
  const [path, setPath] = useState<DrillPath>({});
  const [moved, setMoved] = useState(false);
  const go = (to: DrillPath) => {
    setMoved(true);
    setPath(to);
  };
  const level = levelOf(path);
  const region = regionOf(path);
  const key = `${level}:${region ?? ''}`;
  const drill = useAsync(
    async (signal) => ({
      key,
      rows: await fetchCaseDrill({ by: level, regionCode: region }, signal),
    }),
    key,
  );
  // Only this level's rows: never the previous level's under this level's heading while it loads.
  const current = drill.data?.key === key;
  const rows = current ? drill.data!.rows : NO_ROWS;
  const open = (row: DrillRow) => {
    const next = drillInto(path, row);
    if (next) go(next);
  };
  const only = current && rows.length === 1 ? rows[0] : undefined;
  useEffect(() => {
    const next = !moved && only ? drillInto(path, only) : null;
    if (next) setPath(next);
  }, [moved, only, path]);
  const option: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 64 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, rotate: rows.length > 4 ? 30 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('cases.overview.open'), type: 'bar', data: rows.map((r) => r.open) },
        {
          name: t('cases.light.red'),
          type: 'bar',
          data: rows.map((r) => r.overdue),
          itemStyle: { color: '#cf1322' },
        },
        {
          name: t('cases.light.yellow'),
          type: 'bar',
          data: rows.map((r) => r.yellow),
          itemStyle: { color: '#d48806' },
        },
        { name: t('cases.overview.filed'), type: 'bar', data: rows.map((r) => r.filed) },
      ],
    }),
    [rows, t],
  );
  const crumbs = [
    { key: 'all', title: t('cases.drill.all'), to: {} },
    ...(path.district
      ? [{ key: 'd', title: path.district.name, to: { district: path.district } }]
      : []),
    ...(path.town ? [{ key: 't', title: path.town.name, to: path }] : []),
  ];

  return (
    <Card
      title={<h2>{t('cases.drill.title')}</h2>}
      extra={
        <ExportButton
          listPath="/cases/figures"
          filters={{ regionCode: regionOf(path) }}
          testId="drill-export"
        />
      }
      data-testid="case-drill"
    >
      <Breadcrumb
        data-testid="drill-path"
        items={crumbs.map((c, i) => ({
          key: c.key,
          title:
            i === crumbs.length - 1 ? (
              <span aria-current="location">{c.title}</span>
            ) : (
              <Button type="link" size="small" onClick={() => go(c.to)}>
                {c.title}
              </Button>
            ),
        }))}
      />
      {drill.status === 'error' && <ErrorAlert error={drill.error} onRetry={drill.reload} />}
      {current && rows.length === 0 ? (
        <Empty description={t('cases.overview.noOpen')} />
      ) : (
        <>
          <EChart
            option={option}
            label={t('cases.drill.chart', { level: t(`cases.drill.level.${level}`) })}
            testId="drill-chart"
          />
          <Table<DrillRow>
            data-testid="drill-table"
            loading={!current}
            rowKey="key"
            size="middle"
            pagination={false}
            scroll={{ x: 1040 }}
            dataSource={rows}
            columns={[
              {
                key: 'name',
                title: t(`cases.drill.level.${level}`),
                render: (_: unknown, r: DrillRow) =>
                  level === 'station' ? (
                    r.name
                  ) : (
                    <Button
                      type="link"
                      onClick={() => open(r)}
                      data-testid={`drill-open-${r.key}`}
                      aria-label={t('cases.drill.open', { name: r.name })}
                    >
                      {r.name}
                    </Button>
                  ),
              },
              ...(level === 'station'
                ? []
                : [
                    {
                      key: 'stations',
                      title: t('cases.drill.stations'),
                      dataIndex: 'stations',
                      align: 'right' as const,
                    },
                  ]),
              ...LIGHTS.map(({ light, count }) => ({
                key: light,
                title: t(`cases.light.${light}`),
                align: 'right' as const,
                render: (_: unknown, r: DrillRow) => (
                  <span className={count(r) > 0 ? `count-cell count-cell-${light}` : 'muted'}>
                    {count(r)}
                  </span>
                ),
              })),
              { key: 'open', title: t('cases.overview.open'), dataIndex: 'open', align: 'right' },
              {
                key: 'filed',
                title: t('cases.overview.filed'),
                dataIndex: 'filed',
                align: 'right',
              },
              {
                key: 'tongban',
                title: t('cases.common.tongban'),
                dataIndex: 'tongban',
                align: 'right',
              },
              {
                key: 'second',
                title: t('cases.overview.secondRequestRate'),
                align: 'right',
                render: (_: unknown, r: DrillRow) => percent(r.secondRequestRate),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
