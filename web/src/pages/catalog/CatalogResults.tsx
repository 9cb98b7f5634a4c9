import { Alert, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { listCatalog } from '../../api/catalog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../../components/Pager';
import { useAsync } from '../../lib/use-async';
import type { CatalogFilter } from './catalog-format';
import { CatalogRow } from './CatalogRow';

const PAGE_SIZE = 50;

/** The services matching the filter, a page at a time. */
export function CatalogResults({
  filter,
  staffView,
  onPage,
}: {
  filter: CatalogFilter;
  staffView: boolean;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const result = useAsync(
    (signal) =>
      listCatalog(
        {
          q: filter.q || undefined,
          category: filter.category,
          tier: filter.tier,
          town: filter.town,
          limit: PAGE_SIZE,
          offset: (filter.page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    JSON.stringify(filter),
  );
  const items = result.data?.items ?? [];
  const total = result.data?.total ?? 0;
  const filtered = filter.q !== '' || filter.category !== undefined || filter.tier !== undefined;

  return (
    <section className="catalog-results" aria-labelledby="catalog-results-heading">
      <h2 id="catalog-results-heading" className="catalog-total" aria-live="polite">
        {result.data ? t('catalog.list.total', { n: total }) : t('common.loading')}
      </h2>
      {result.data?.townList && (
        <p className="catalog-town-count" data-testid="catalog-town-count">
          {t('catalog.town.count', {
            shared: result.data.townList.shared,
            own: result.data.townList.own,
          })}
        </p>
      )}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={result.reload} />}
      {result.data === undefined && result.status === 'loading' && <Skeleton active />}
      {items.length > 0 && (
        <ul
          className={`catalog-rows${result.status === 'loading' ? ' is-stale' : ''}`}
          data-testid="catalog-list"
        >
          {items.map((item) => (
            <li key={item.code}>
              <CatalogRow item={item} staffView={staffView} />
            </li>
          ))}
        </ul>
      )}
      {result.status === 'success' && result.data.town?.served === false && (
        <Alert
          type="info"
          showIcon
          data-testid="catalog-not-served"
          title={t('catalog.list.notServed')}
        />
      )}
      {result.status === 'success' && items.length === 0 && result.data.town?.served !== false && (
        <Empty description={filtered ? t('catalog.list.noMatch') : t('catalog.list.empty')} />
      )}
      <Pager
        page={filter.page}
        hasNext={filter.page * PAGE_SIZE < total}
        onPage={onPage}
        testId="catalog-pager"
      />
    </section>
  );
}
