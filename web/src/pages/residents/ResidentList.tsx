import { RightOutlined } from '@ant-design/icons';
import { Empty, Input, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { pageResidents } from '../../api/residents';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { ageOn } from './resident-format';

const PAGE_SIZE = 20;

/** One search's residents, a page at a time by cursor (issue #16 p5), with the total. */
function ResidentRows({ q, refreshKey }: { q: string; refreshKey: number }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const residents = useAsync(
    (signal) => pageResidents({ q: q || undefined, limit: PAGE_SIZE, after: pages.after }, signal),
    `${q}:${refreshKey}:${pages.after ?? ''}`,
  );
  const rows = residents.data?.items ?? [];
  return (
    <>
      {residents.status === 'error' && (
        <ErrorAlert error={residents.error} onRetry={residents.reload} />
      )}
      {residents.data === undefined && residents.status === 'loading' && <Skeleton active />}
      <ul
        className={`resident-rows${residents.status === 'loading' ? ' is-stale' : ''}`}
        data-testid="resident-list"
      >
        {rows.map((r) => {
          const age = ageOn(r.birthDate);
          return (
            <li key={r.id}>
              <Link to={`/residents/${r.id}`} className="resident-row">
                <span className="resident-row-name">{r.fullName}</span>
                <span className="resident-row-meta">
                  {t(`resident.sex.${r.sex}`)}
                  {age !== null && ` · ${t('resident.age', { n: age })}`}
                </span>
                <span className="resident-row-id masked">{r.idMasked}</span>
                <span className="resident-row-home">{r.homeRegionName}</span>
                <RightOutlined className="resident-row-arrow" aria-hidden />
              </Link>
            </li>
          );
        })}
      </ul>
      {residents.status === 'success' && rows.length === 0 && (
        <Empty description={q ? t('residentList.noMatch') : t('residentList.empty')} />
      )}
      {residents.data && (
        <CursorPager
          page={pages.page}
          nextCursor={residents.data.nextCursor}
          total={residents.data.total}
          totalExact={residents.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="resident-pager"
        />
      )}
    </>
  );
}

/** The residents in the user's scope, searchable by name. */
export function ResidentList({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  return (
    <section className="resident-list-section" aria-labelledby="resident-list-heading">
      <div className="section-heading">
        <h2 id="resident-list-heading">{t('residentList.title')}</h2>
        <Input.Search
          className="resident-search"
          data-testid="resident-search"
          placeholder={t('residentList.searchPlaceholder')}
          aria-label={t('residentList.searchPlaceholder')}
          allowClear
          enterButton={t('residentList.search')}
          onSearch={(value) => setQ(value.trim())}
          maxLength={50}
        />
        <ExportButton listPath="/residents" filters={{ q }} />
      </div>
      <ResidentRows key={`${q}|${refreshKey}`} q={q} refreshKey={refreshKey} />
    </section>
  );
}
