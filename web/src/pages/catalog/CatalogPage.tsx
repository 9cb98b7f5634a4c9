import { CloudSyncOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../components/PageHeading';
import { useMe } from '../../session/session-context';
import { catalogAccessOf } from '../../lib/page-capabilities';
import { readFilter, writeFilter, type CatalogFilter } from './catalog-format';
import { CatalogFilters } from './CatalogFilters';
import { CatalogResults } from './CatalogResults';
import './catalog.css';

/** GS-1 the 47+N catalog: find a service by name, pinyin initials or English. */
export default function CatalogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const access = useMemo(() => catalogAccessOf(me), [me]);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => readFilter(params), [params]);
  const setFilter = useCallback(
    (next: CatalogFilter) => setParams(writeFilter(next), { replace: true }),
    [setParams],
  );

  const actions = (access.edit || access.export) && (
    <div className="heading-actions">
      {access.export && (
        <Button
          icon={<CloudSyncOutlined aria-hidden />}
          data-testid="catalog-open-io"
          onClick={() => void navigate('/catalog/import-export')}
        >
          {access.edit ? t('catalog.list.importExport') : t('catalog.list.exportOnly')}
        </Button>
      )}
      {access.edit && (
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          data-testid="catalog-new"
          onClick={() => void navigate('/catalog/new')}
        >
          {t('catalog.list.newItem')}
        </Button>
      )}
    </div>
  );

  return (
    <div className="page catalog-page">
      <PageHeading
        title={t('catalog.list.title')}
        subtitle={
          access.staffView ? t('catalog.list.subtitle') : t('catalog.list.subtitleResident')
        }
        extra={actions}
      />
      <CatalogFilters filter={filter} onChange={setFilter} showTiers={access.staffView} me={me} />
      <CatalogResults
        filter={filter}
        staffView={access.staffView}
        onPage={(page) => {
          setFilter({ ...filter, page });
          window.scrollTo({ top: 0 });
        }}
      />
    </div>
  );
}
