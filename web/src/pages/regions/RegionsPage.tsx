import { AimOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { fetchRegion, fetchRegionChildren } from '../../api/regions';
import type { RegionDetail } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { RegionBreadcrumb } from './RegionBreadcrumb';
import { RegionChildren } from './RegionChildren';
import { StationList } from './StationList';

const isRegionCode = (code: string | undefined): code is string =>
  code !== undefined && /^\d{12}(\d{3})?$/.test(code);

/** The region tree from the top down, with the service stations in the region shown. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const params = useParams<{ code: string }>();
  const code = isRegionCode(params.code) ? params.code : null;
  const region = useAsync<RegionDetail>(
    async () =>
      code ? fetchRegion(code) : { path: [], children: await fetchRegionChildren(null) },
    code ?? 'top',
  );
  const ownRegion = me.grants[0]?.regionCode;
  const current = region.data?.path[region.data.path.length - 1];
  const stale = region.status === 'loading';

  return (
    <div className="page regions-page">
      <PageHeading
        title={current && code ? current.name : t('regions.title')}
        subtitle={current && code ? t(`regions.level.${current.level}`) : t('regions.subtitle')}
        extra={
          ownRegion &&
          ownRegion !== code && (
            <Button
              icon={<AimOutlined aria-hidden />}
              onClick={() => void navigate(`/regions/${ownRegion}`)}
            >
              {t('regions.myArea')}
            </Button>
          )
        }
      />
      {params.code !== undefined && !code ? (
        <Alert
          type="warning"
          showIcon
          title={t('regions.badCode')}
          action={<Link to="/regions">{t('regions.all')}</Link>}
        />
      ) : (
        <>
          <RegionBreadcrumb path={region.data?.path ?? []} />
          {region.status === 'error' && <ErrorAlert error={region.error} onRetry={region.reload} />}
          {region.data ? (
            <div className={stale ? 'is-stale' : undefined}>
              {region.data.children.length > 0 && (
                <RegionChildren key={code ?? 'top'} regions={region.data.children} />
              )}
            </div>
          ) : (
            region.status === 'loading' && <Skeleton active />
          )}
          <StationList key={code ?? ''} regionCode={code} />
        </>
      )}
    </div>
  );
}
