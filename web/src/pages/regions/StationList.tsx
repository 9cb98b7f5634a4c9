import { Empty, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchStations } from '../../api/regions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { useAsync } from '../../lib/use-async';
import { StationCard } from './StationCard';

const PAGE_SIZE = 12;

/** Stations inside the region (the region's own and those below it), a page at a time. */
export function StationList({ regionCode }: { regionCode: string | null }) {
  const { t } = useTranslation();
  const [pageOf, setPageOf] = useState<{ region: string | null; page: number }>({
    region: regionCode,
    page: 1,
  });
  const page = pageOf.region === regionCode ? pageOf.page : 1;
  const stations = useAsync(
    (signal) =>
      fetchStations(
        {
          regionCode: regionCode ?? undefined,
          limit: PAGE_SIZE + 1,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    `${regionCode ?? ''}:${page}`,
  );
  const rows = stations.data?.slice(0, PAGE_SIZE) ?? [];

  return (
    <section className="station-section" aria-labelledby="station-heading">
      <div className="section-heading">
        <h2 id="station-heading">{t('stations.title')}</h2>
      </div>
      {stations.status === 'error' && (
        <ErrorAlert error={stations.error} onRetry={stations.reload} />
      )}
      {stations.data === undefined && stations.status === 'loading' && <Skeleton active />}
      <ul
        className={`station-list${stations.status === 'loading' ? ' is-stale' : ''}`}
        data-testid="station-list"
      >
        {rows.map((s) => (
          <li key={s.id}>
            <StationCard station={s} showRegion={s.regionCode !== regionCode} />
          </li>
        ))}
      </ul>
      {stations.status === 'success' && rows.length === 0 && (
        <Empty description={t('stations.none')} />
      )}
      <Pager
        page={page}
        hasNext={(stations.data?.length ?? 0) > PAGE_SIZE}
        onPage={(p) => setPageOf({ region: regionCode, page: p })}
      />
    </section>
  );
}
