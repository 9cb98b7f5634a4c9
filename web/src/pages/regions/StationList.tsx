import { Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { pageStations } from '../../api/regions';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { StationCard } from './StationCard';

const PAGE_SIZE = 12;

/**
 * Stations inside the region (the region's own and those below it), a page at a time by cursor
 * with the total (issue #16 p5). Give it a React `key` of the region: another region starts at
 * page one.
 */
export function StationList({ regionCode }: { regionCode: string | null }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const stations = useAsync(
    (signal) =>
      pageStations(
        { regionCode: regionCode ?? undefined, limit: PAGE_SIZE, after: pages.after },
        signal,
      ),
    `${regionCode ?? ''}:${pages.after ?? ''}`,
  );
  const rows = stations.data?.items ?? [];

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
      {stations.data && (
        <CursorPager
          page={pages.page}
          nextCursor={stations.data.nextCursor}
          total={stations.data.total}
          totalExact={stations.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="station-pager"
        />
      )}
    </section>
  );
}
