import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RegionPathItem } from '../../api/types';

/** 全部地区 / 北京市 / 市辖区 / 大兴区 / 魏善庄镇: every step but the last is a link. */
export function RegionBreadcrumb({ path }: { path: RegionPathItem[] }) {
  const { t } = useTranslation();
  const items = [
    {
      key: 'top',
      title: path.length > 0 ? <Link to="/regions">{t('regions.all')}</Link> : t('regions.all'),
    },
    ...path.map((p, i) => ({
      key: p.code,
      title: i < path.length - 1 ? <Link to={`/regions/${p.code}`}>{p.name}</Link> : p.name,
    })),
  ];
  return (
    <div className="region-breadcrumb" data-testid="region-breadcrumb">
      <Breadcrumb items={items} />
    </div>
  );
}
