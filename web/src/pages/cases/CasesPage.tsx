import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Tabs } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CASE_STATES, type CaseBox, type CaseState } from '../../api/case-types';
import { CaseFilters, cleanCaseNumber, cleanName, type CaseFilterValues } from './CaseFilters';
import { listCases } from '../../api/cases';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ExportButton } from '../../components/ExportButton';
import { PageSpinner } from '../../components/FullPageSpinner';
import { Pager } from '../../components/Pager';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { caseCapabilitiesOf } from '../../lib/page-capabilities';
import { CaseRow } from './CaseRow';
import './cases.css';

const PAGE_SIZE = 20;

const isCaseState = (value: string | null): value is CaseState =>
  value !== null && (CASE_STATES as readonly string[]).includes(value);

function CaseList({
  box,
  filters,
  page,
  onPage,
}: {
  box: CaseBox;
  filters: CaseFilterValues;
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const key = `${box}|${JSON.stringify(filters)}|${page}`;
  const cases = useAsync(
    (signal) =>
      listCases({ box, ...filters, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }, signal),
    key,
  );
  const filtered = Object.values(filters).some((v) => v !== undefined);
  if (cases.status === 'error') return <ErrorAlert error={cases.error} onRetry={cases.reload} />;
  if (!cases.data) return <PageSpinner />;
  const rows = cases.data.slice(0, PAGE_SIZE);
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
      <Pager page={page} hasNext={cases.data.length > PAGE_SIZE} onPage={onPage} />
    </div>
  );
}

/**
 * 办件: cases accepted at stations in my reach, and — for a town centre or district department —
 * the inbox of cases waiting for us to decide. Tab, state and page live in the address.
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
  const page = Math.max(1, Number(params.get('page')) || 1);

  const update = (next: { box?: CaseBox; filters?: CaseFilterValues; page?: number }) => {
    const merged = { box, filters, page: 1, ...next };
    const f = merged.filters;
    const search = new URLSearchParams({ box: merged.box });
    if (f.state) search.set('state', f.state);
    if (f.number) search.set('number', f.number);
    if (f.applicantName) search.set('applicant', f.applicantName);
    if (f.stationId) search.set('station', f.stationId);
    if (f.overdue) search.set('overdue', 'true');
    if (f.channel) search.set('channel', f.channel);
    if (merged.page > 1) search.set('page', String(merged.page));
    setParams(search);
  };

  const list = (
    <CaseList box={box} filters={filters} page={page} onPage={(p) => update({ page: p })} />
  );
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
