import { ArrowLeftOutlined, CopyOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { fetchCatalogItem, fetchCatalogVersion } from '../../api/catalog';
import type { CatalogItemView } from '../../api/catalog-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { catalogAccessOf } from '../../lib/page-capabilities';
import { localName, otherName } from './catalog-format';
import { ItemFacts } from './ItemFacts';
import { ItemTexts } from './ItemTexts';
import { MaterialsTable } from './MaterialsTable';
import { readNavState, type CatalogNavState } from './nav-state';
import { SavedBanner } from './SavedBanner';
import { VersionBar } from './VersionBar';
import './catalog.css';

interface Shown {
  current: CatalogItemView;
  shown: CatalogItemView;
}

function versionParam(params: URLSearchParams): number | undefined {
  const v = Number(params.get('version'));
  return Number.isInteger(v) && v >= 1 ? v : undefined;
}

/** Everything GS-1 says an item has, in the version asked for (the current one by default). */
export default function CatalogItemPage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams<{ code: string }>();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const nav = readNavState(location.state);
  const access = catalogAccessOf(useMe());
  // Residents always see the current version (issue #11: no version picker for them).
  const requested = access.staffView ? versionParam(params) : undefined;

  const loaded = useAsync(
    async (signal): Promise<Shown> => {
      const current = await fetchCatalogItem(code, signal);
      if (requested === undefined || requested === current.version)
        return { current, shown: current };
      return { current, shown: await fetchCatalogVersion(code, requested, signal) };
    },
    `${code}:${requested ?? ''}`,
  );
  const data = loaded.data?.current.code === code ? loaded.data : undefined;
  const item = data?.shown;
  const listState: CatalogNavState = useMemo(
    () => (nav.listSearch === undefined ? {} : { listSearch: nav.listSearch }),
    [nav.listSearch],
  );

  const switchVersion = (version: number) => {
    const next = new URLSearchParams(params);
    if (version === data?.current.version) next.delete('version');
    else next.set('version', String(version));
    setParams(next, { replace: true, state: listState });
  };

  const actions = (
    <div className="heading-actions">
      <Button
        icon={<ArrowLeftOutlined aria-hidden />}
        onClick={() => void navigate(`/catalog${nav.listSearch ?? ''}`)}
      >
        {t('catalog.item.back')}
      </Button>
      {access.edit && data && (
        <>
          <Button
            icon={<CopyOutlined aria-hidden />}
            onClick={() => void navigate(`/catalog/new?from=${encodeURIComponent(code)}`)}
          >
            {t('catalog.item.copyAsNew')}
          </Button>
          <Button
            type="primary"
            icon={<EditOutlined aria-hidden />}
            data-testid="catalog-edit"
            onClick={() => void navigate(`/catalog/${code}/edit`, { state: listState })}
          >
            {t('catalog.item.edit')}
          </Button>
        </>
      )}
    </div>
  );

  return (
    <div className="page catalog-item-page">
      <PageHeading
        title={
          <span data-testid="catalog-item-title">
            {item ? localName(item.name, i18n.language) : t('catalog.item.facts')}
          </span>
        }
        subtitle={
          item &&
          access.staffView && (
            <span className="item-subtitle">
              <span className="mono">{item.code}</span>
              <span>{otherName(item.name, i18n.language)}</span>
              <Tag color={item.tier === 'base' ? 'blue' : 'purple'}>
                {t(`catalog.tier.${item.tier}`)}
              </Tag>
              {item.isDemo && <Tag>{t('catalog.list.demo')}</Tag>}
            </span>
          )
        }
        extra={actions}
      />
      {nav.saved && data && requested === undefined && <SavedBanner saved={nav.saved} />}
      {loaded.status === 'error' && <ErrorAlert error={loaded.error} onRetry={loaded.reload} />}
      {!item && loaded.status === 'loading' && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && item && (
        <div className={loaded.status === 'loading' ? 'item-body is-stale' : 'item-body'}>
          {!item.active && <Alert type="warning" showIcon title={t('catalog.item.inactive')} />}
          {access.staffView && (
            <VersionBar
              shown={item.version}
              current={data.current.version}
              since={item.versionCreatedAt}
              onSwitch={switchVersion}
            />
          )}
          <section className="item-section" aria-labelledby="item-facts">
            <h2 id="item-facts">{t('catalog.item.facts')}</h2>
            <ItemFacts item={item} staffView={access.staffView} />
          </section>
          <section className="item-section" aria-labelledby="item-materials">
            <h2 id="item-materials">
              {t('catalog.item.materials')}
              <span className="section-note">
                {t('catalog.item.materialsCount', {
                  required: item.materials.filter((m) => m.required).length,
                  optional: item.materials.filter((m) => !m.required).length,
                })}
              </span>
            </h2>
            <MaterialsTable materials={item.materials} />
          </section>
          <ItemTexts item={item} />
        </div>
      )}
    </div>
  );
}
