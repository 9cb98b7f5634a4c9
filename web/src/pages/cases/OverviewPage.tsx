import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CursorPager } from '../../components/CursorPager';
import { ExportButton } from '../../components/ExportButton';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { fetchCaseDrill, pageCases, supervisionXlsxUrl } from '../../api/cases';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { lightTotals, type LightCounts } from './case-format';
import { CaseFiguresDrill } from './CaseFiguresDrill';
import { CaseRow } from './CaseRow';
import { DeadlineLightBadge } from './DeadlineLightBadge';
import './cases.css';

/** 'none': open without a running clock (e.g. 待补正 before acceptance), so the cards add up. */
const LIGHTS = ['red', 'yellow', 'green', 'paused', 'none'] as const;
const PAGE_SIZE = 20;

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

/**
 * Every overdue case in reach, longest overdue first, a page at a time by keyset
 * (GET /cases/page?overdue=true&order=due).
 */
function OverdueCases() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const cases = useAsync(
    (signal) =>
      pageCases(
        { box: 'accepted_here', overdue: true, order: 'due', limit: PAGE_SIZE, after: pages.after },
        signal,
      ),
    `overdue|${pages.after ?? ''}`,
  );
  if (cases.status === 'error') return <ErrorAlert error={cases.error} onRetry={cases.reload} />;
  if (!cases.data) return <PageSpinner />;
  return (
    <div className={cases.status === 'loading' ? 'is-stale' : undefined}>
      <ExportButton
        listPath="/cases"
        filters={{ box: 'accepted_here', overdue: true, order: 'due' }}
        testId="overview-overdue-export"
      />
      {cases.data.items.length === 0 ? (
        <Empty description={t('cases.overview.noOverdue')} />
      ) : (
        <ul className="case-rows" data-testid="overview-overdue">
          {cases.data.items.map((c) => (
            <CaseRow key={c.id} view={c} />
          ))}
        </ul>
      )}
      <CursorPager
        page={pages.page}
        nextCursor={cases.data.nextCursor}
        total={cases.data.total}
        totalExact={cases.data.totalExact}
        onNext={pages.next}
        onPrevious={pages.previous}
        testId="overview-overdue-pager"
      />
    </div>
  );
}

/**
 * 超期督办 (GS-8): the open cases of the reach by deadline light, where they are (the region
 * drill-down, worst first) and every overdue case. The server counts the lights from its rollups
 * (GET /cases/figures/drill, issue #16): a city's totals are its 16 districts' rows, never its
 * cases or its 7,900 stations.
 */
export default function OverviewPage() {
  const { t, i18n } = useTranslation();
  const districts = useAsync((signal) => fetchCaseDrill({ by: 'district' }, signal), 'districts');
  const totals = useMemo(() => lightTotals(districts.data ?? []), [districts.data]);

  return (
    <div className="page overview-page">
      <PageHeading
        title={t('cases.overview.title')}
        subtitle={t('cases.overview.subtitle')}
        extra={
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
        }
      />
      {districts.status === 'error' && (
        <ErrorAlert error={districts.error} onRetry={districts.reload} />
      )}
      {!districts.data && districts.status === 'loading' && <PageSpinner />}
      {districts.data && (
        <>
          <LightTotals totals={totals} />
          <CaseFiguresDrill />
        </>
      )}
      <Card title={<h2>{t('cases.overview.overdueCases')}</h2>}>
        <OverdueCases />
      </Card>
    </div>
  );
}
