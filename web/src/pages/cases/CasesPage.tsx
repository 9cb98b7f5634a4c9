import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Tabs } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CASE_STATES, type CaseBox, type CaseState } from '../../api/case-types';
import { CaseFilters, cleanCaseNumber, cleanName, type CaseFilterValues } from './CaseFilters';
import { pageCases } from '../../api/cases';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ExportButton } from '../../components/ExportButton';
import { PageSpinner } from '../../components/FullPageSpinner';
import { CursorPager } from '../../components/CursorPager';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { caseCapabilitiesOf } from '../../lib/page-capabilities';
import { CaseRow } from './CaseRow';
import './cases.css';

const PAGE_SIZE = 20;

const isCaseState = (value: string | null): value is CaseState =>
  value !== null && (CASE_STATES as readonly string[]).includes(value);

function CaseList({ box, filters }: { box: CaseBox; filters: CaseFilterValues }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const key = `${box}|${JSON.stringify(filters)}|${pages.after ?? ''}`;
  const cases = useAsync(
    (signal) => pageCases({ box, ...filters, limit: PAGE_SIZE, after: pages.after }, signal),
    key,
  );
  const filtered = Object.values(filters).some((v) => v !== undefined);
  if (cases.status === 'error') return <ErrorAlert error={cases.error} onRetry={cases.reload} />;
  if (!cases.data) return <PageSpinner />;
  const rows = cases.data.items;
  return (
    <div className={cases.status === 'loading' ? 'is-stale' : undefined}>
      {rows.length === 0 ? (
        <Empty
          description={
            filtered
              ? t('cases.filters.noMatch')
              : box === 'inbox'
                ? t('cases.list.emptyInbox')
                : t('cases.list.empty')
          }
        />
      ) : (
        <ul className="case-rows" data-testid="case-rows">
          {rows.map((c) => (
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
        testId="cases-pager"
      />
    </div>
  );
}

/**
 * 办件: cases accepted at stations in my reach, and — for a town centre or district department —
 * the inbox of cases waiting for us to decide. Tab and filters live in the address; pages go by
 * cursor (issue #16 p5) with the total, exact or estimated.
 */
export default function CasesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => caseCapabilitiesOf(me), [me]);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const box: CaseBox =
    params.get('box') === 'inbox' || (params.get('box') === null && caps.hasInbox)
      ? 'inbox'
      : 'accepted_here';
  const rawState = params.get('state');
  const filters: CaseFilterValues = useMemo(
    () => ({
      state: isCaseState(rawState) ? rawState : undefined,
      number: cleanCaseNumber(params.get('number') ?? '') || undefined,
      applicantName: cleanName(params.get('applicant') ?? '') || undefined,
      stationId: params.get('station') ?? undefined,
      overdue: params.get('overdue') === 'true' ? true : undefined,
      channel: params.get('channel') === 'online' ? 'online' : undefined,
    }),
    [params, rawState],
  );
  const update = (next: { box?: CaseBox; filters?: CaseFilterValues }) => {
    const merged = { box, filters, ...next };
    const f = merged.filters;
    const search = new URLSearchParams({ box: merged.box });
    if (f.state) search.set('state', f.state);
    if (f.number) search.set('number', f.number);
    if (f.applicantName) search.set('applicant', f.applicantName);
    if (f.stationId) search.set('station', f.stationId);
    if (f.overdue) search.set('overdue', 'true');
    if (f.channel) search.set('channel', f.channel);
    setParams(search);
  };

  // Keyed by box and filters: a new filter starts again at the first page.
  const list = <CaseList key={`${box}|${JSON.stringify(filters)}`} box={box} filters={filters} />;
  return (
    <div className="page cases-page">
      <PageHeading
        title={t('cases.list.title')}
        subtitle={t('cases.list.subtitle')}
        extra={
          <div className="cases-heading-actions">
            <ExportButton listPath="/cases" filters={{ box, ...filters }} />
            {caps.overview && (
              <Link to="/cases/overview" data-testid="cases-overview-link">
                <BarChartOutlined aria-hidden /> {t('cases.list.overview')}
              </Link>
            )}
            {caps.fileCases && (
              <Button
                type="primary"
                data-testid="cases-new"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => void navigate('/cases/new')}
              >
                {t('cases.list.newCase')}
              </Button>
            )}
          </div>
        }
      />
      <div className="cases-toolbar">
        <CaseFilters value={filters} onChange={(f) => update({ filters: f })} />
      </div>
      {caps.hasInbox ? (
        <Tabs
          activeKey={box}
          onChange={(k) => update({ box: k === 'inbox' ? 'inbox' : 'accepted_here' })}
          items={[
            {
              key: 'inbox',
              label: <span data-testid="cases-tab-inbox">{t('cases.list.tabInbox')}</span>,
              children: box === 'inbox' ? list : null,
            },
            {
              key: 'accepted_here',
              label: <span data-testid="cases-tab-accepted">{t('cases.list.tabAccepted')}</span>,
              children: box === 'accepted_here' ? list : null,
            },
          ]}
        />
      ) : (
        list
      )}
    </div>
  );
}
