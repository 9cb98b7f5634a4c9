import { RightOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { CatalogItemSummary } from '../../api/catalog-types';
import { localName, otherName } from './catalog-format';
import { DaysBadge } from './DaysBadge';
import type { CatalogNavState } from './nav-state';

/** One service in the list: the whole row is the link to its page. */
export function CatalogRow({ item, staffView }: { item: CatalogItemSummary; staffView: boolean }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const state: CatalogNavState = { listSearch: search };
  return (
    <Link
      to={`/catalog/${item.code}`}
      state={state}
      className={staffView ? 'catalog-row' : 'catalog-row catalog-row-plain'}
      data-testid={`catalog-row-${item.code}`}
    >
      {staffView && (
        <span className="catalog-row-code">
          <span className="mono">{item.code}</span>
          <Tag className="tier-tag" color={item.tier === 'base' ? 'blue' : 'purple'}>
            {t(`catalog.tier.${item.tier}`)}
          </Tag>
        </span>
      )}
      <span className="catalog-row-name">
        <span className="catalog-row-title">
          {localName(item.name, i18n.language)}
          {!item.active && <Tag color="default">{t('catalog.list.inactive')}</Tag>}
          {item.town && (
            <Tag color="green" data-testid={`catalog-town-item-${item.code}`}>
              {t('catalog.town.own')}
            </Tag>
          )}
        </span>
        <span className="catalog-row-sub">
          {t(`catalog.category.${item.category}`)}
          {staffView && ` · ${otherName(item.name, i18n.language)}`}
        </span>
      </span>
      <span className="catalog-row-days">
        <DaysBadge promised={item.promisedLimitDays} legal={item.legalLimitDays} />
      </span>
      <span className="catalog-row-route">{t(`catalog.decidesShort.${item.decides}`)}</span>
      <RightOutlined className="catalog-row-arrow" aria-hidden />
    </Link>
  );
}
