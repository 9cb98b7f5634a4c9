import { RightOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Region } from '../../api/types';

const FILTER_FROM = 12;

/** The next level down, with counts; a region with nothing inside is shown but not a link. */
export function RegionChildren({ regions }: { regions: Region[] }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const level = regions[0]?.level;
  const shown = filter.trim()
    ? regions.filter((r) => r.name.includes(filter.trim()) || r.code.startsWith(filter.trim()))
    : regions;

  return (
    <section className="region-children" aria-labelledby="region-children-heading">
      <div className="section-heading">
        <h2 id="region-children-heading">
          {level ? t(`regions.childrenOf.${level}`) : t('regions.children')}
          <span className="count">{regions.length}</span>
        </h2>
        {regions.length > FILTER_FROM && (
          <Input
            className="region-filter"
            allowClear
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={t('regions.filterPlaceholder')}
            aria-label={t('regions.filterPlaceholder')}
          />
        )}
      </div>
      <ul className="region-grid" data-testid="region-children">
        {shown.map((r) => (
          <li key={r.code}>
            <RegionTile region={r} />
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="muted">{t('regions.noMatch')}</p>}
    </section>
  );
}

function RegionTile({ region }: { region: Region }) {
  const { t } = useTranslation();
  const counts = [
    region.childCount > 0 && t('regions.childCount', { n: region.childCount }),
    region.stationCount > 0 && t('regions.stationCount', { n: region.stationCount }),
  ].filter(Boolean);
  const body = (
    <>
      <span className="region-tile-name">{region.name}</span>
      <span className="region-tile-counts">
        {counts.length > 0 ? counts.join(' · ') : t('regions.nothingYet')}
      </span>
    </>
  );
  if (region.childCount === 0 && region.stationCount === 0) {
    return <span className="region-tile region-tile-empty">{body}</span>;
  }
  return (
    <Link to={`/regions/${region.code}`} className="region-tile">
      {body}
      <RightOutlined className="region-tile-arrow" aria-hidden />
    </Link>
  );
}
