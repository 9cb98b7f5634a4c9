import { RightOutlined } from '@ant-design/icons';
import { Empty, Input, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listResidents } from '../../api/residents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { Pager } from '../../components/Pager';
import { useAsync } from '../../lib/use-async';
import { ageOn } from './resident-format';

const PAGE_SIZE = 20;

/** The residents in the user's scope, searchable by name, a page at a time. */
export function ResidentList({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState({ q: '', page: 1 });
  const residents = useAsync(
    (signal) =>
      listResidents(
        { q: query.q || undefined, limit: PAGE_SIZE + 1, offset: (query.page - 1) * PAGE_SIZE },
        signal,
      ),
    `${query.q}:${query.page}:${refreshKey}`,
  );
  const rows = residents.data?.slice(0, PAGE_SIZE) ?? [];

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
          onSearch={(q) => setQuery({ q: q.trim(), page: 1 })}
          maxLength={50}
        />
        <ExportButton listPath="/residents" filters={{ q: query.q }} />
      </div>
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
        <Empty description={query.q ? t('residentList.noMatch') : t('residentList.empty')} />
      )}
      <Pager
        page={query.page}
        hasNext={(residents.data?.length ?? 0) > PAGE_SIZE}
        onPage={(page) => setQuery((q) => ({ ...q, page }))}
        testId="resident-pager"
      />
    </section>
  );
}
