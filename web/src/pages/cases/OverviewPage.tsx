import type { TFunction } from 'i18next';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { fetchCaseFigures, supervisionXlsxUrl } from '../../api/cases';
import { useAsync } from '../../lib/use-async';
import {
  loadByStation,
  percent,
  withFigures,
  type LightCounts,
  type StationLoad,
} from './case-format';
import { CaseFiguresDrill } from './CaseFiguresDrill';
import { CaseRow } from './CaseRow';
import { DeadlineLightBadge } from './DeadlineLightBadge';
import { useOpenCases } from './use-open-cases';
import './cases.css';

/** 'none': open without a running clock (e.g. 待补正 before acceptance), so the cards add up. */
const LIGHTS = ['red', 'yellow', 'green', 'paused', 'none'] as const;

/** Five big numbers: overdue, nearly due, on time, paused, no clock — words, not colour alone. */
function LightTotals({ totals }: { totals: LightCounts }) {
  return (
    <ul className="light-totals" data-testid="overview-totals">
      {LIGHTS.map((light) => (
        <li key={light} className={`light-total light-total-${light}`}>
          <span className="light-total-number" data-testid={`overview-total-${light}`}>
            {totals[light]}
          </span>
          <DeadlineLightBadge light={light} />
        </li>
      ))}
    </ul>
  );
}

/** The server's figures, when it has them: filed, 通办 and the second-request rate (target 0). */
function figureColumns(t: TFunction) {
  const cell = (value: (row: StationLoad) => string | number | undefined) => ({
    align: 'right' as const,
    render: (_: unknown, row: StationLoad) => value(row) ?? '—',
  });
  return [
    { key: 'filed', title: t('cases.overview.filed'), ...cell((r) => r.figures?.filed) },
    { key: 'tongban', title: t('cases.common.tongban'), ...cell((r) => r.figures?.tongban) },
    {
      key: 'second',
      title: t('cases.overview.secondRequestRate'),
      align: 'right' as const,
      render: (_: unknown, row: StationLoad) =>
        row.figures ? (
          <span
            className={row.figures.secondRequests > 0 ? 'count-cell count-cell-red' : undefined}
          >
            {percent(row.figures.secondRequestRate)}
            {row.figures.secondRequests > 0 && ` (${row.figures.secondRequests})`}
          </span>
        ) : (
          '—'
        ),
    },
  ];
}

function StationTable({
  rows,
  withServerFigures,
}: {
  rows: StationLoad[];
  withServerFigures: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<StationLoad>
      data-testid="overview-stations"
      rowKey="stationId"
      size="middle"
      pagination={false}
      scroll={{ x: withServerFigures ? 860 : 560 }}
      dataSource={rows}
      columns={[
        { key: 'station', title: t('cases.overview.station'), dataIndex: 'stationName' },
        ...LIGHTS.map((light) => ({
          key: light,
          title: t(`cases.light.${light}`),
          align: 'right' as const,
          render: (_: unknown, row: StationLoad) => (
            <span className={row.counts[light] > 0 ? `count-cell count-cell-${light}` : 'muted'}>
              {row.counts[light]}
            </span>
          ),
        })),
        { key: 'open', title: t('cases.overview.open'), dataIndex: 'open', align: 'right' },
        ...(withServerFigures ? figureColumns(t) : []),
      ]}
    />
  );
}

/**
 * 超期督办 (GS-8): overdue and nearly-due cases per station, worst first, and every overdue case.
 * The lights are worked out in the browser from the case lists; filed, 通办 and the
 * second-request rate come from GET /cases/figures.
 */
export default function OverviewPage() {
  const { t, i18n } = useTranslation();
  const open = useOpenCases();
  // Optional: an older server without GET /cases/figures still gets the light counts.
  const figures = useAsync((signal) => fetchCaseFigures(signal), 'figures');
  const loads = useMemo(() => loadByStation(open.data?.cases ?? []), [open.data]);
  const rows = useMemo(
    () => (figures.status === 'success' ? withFigures(loads, figures.data) : loads),
    [loads, figures.status, figures.data],
  );
  const totals = useMemo(
    () =>
      rows.reduce<LightCounts>(
        (sum, r) => ({
          red: sum.red + r.counts.red,
          yellow: sum.yellow + r.counts.yellow,
          green: sum.green + r.counts.green,
          paused: sum.paused + r.counts.paused,
          none: sum.none + r.counts.none,
        }),
        { red: 0, yellow: 0, green: 0, paused: 0, none: 0 },
      ),
    [rows],
  );
  const overdue = rows
    .flatMap((r) => r.overdue)
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));

  return (
    <div className="page overview-page">
      <PageHeading
        title={t('cases.overview.title')}
        subtitle={t('cases.overview.subtitle')}
        extra={
          figures.status !== 'error' && (
            <Button
              size="large"
              icon={<DownloadOutlined aria-hidden />}
              href={supervisionXlsxUrl(i18n.language)}
              download
              title={t('cases.overview.exportHelp')}
              data-testid="overview-export"
            >
              {t('cases.overview.export')}
            </Button>
          )
        }
      />
      {open.status === 'error' && <ErrorAlert error={open.error} onRetry={open.reload} />}
      {!open.data && open.status === 'loading' && <PageSpinner />}
      {open.data && (
        <>
          {open.data.partial && (
            <Alert type="info" showIcon title={t('cases.overview.partial', { n: open.data.cap })} />
          )}
          <LightTotals totals={totals} />
          <Card title={<h2>{t('cases.overview.stations')}</h2>}>
            {rows.length === 0 ? (
              <Empty description={t('cases.overview.noOpen')} />
            ) : (
              <StationTable rows={rows} withServerFigures={figures.status === 'success'} />
            )}
          </Card>
          {figures.status === 'success' && figures.data.length > 0 && <CaseFiguresDrill />}
          <Card title={<h2>{t('cases.overview.overdueCases')}</h2>}>
            {overdue.length === 0 ? (
              <Empty description={t('cases.overview.noOverdue')} />
            ) : (
              <ul className="case-rows" data-testid="overview-overdue">
                {overdue.map((c) => (
                  <CaseRow key={c.id} view={c} />
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
