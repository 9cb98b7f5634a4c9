import { SearchOutlined } from '@ant-design/icons';
import { Input, Segmented, Select } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { CATALOG_CATEGORIES, type CatalogTier } from '../../api/catalog-types';
import type { Me } from '../../api/types';
import type { CatalogFilter } from './catalog-format';
import { TownSelect } from './TownSelect';

const SEARCH_DELAY_MS = 300;

type TierChoice = CatalogTier | 'all';

/** Search box (characters, pinyin initials, English: the API matches them all) and filters. */
export function CatalogFilters({
  filter,
  onChange,
  showTiers,
  me,
}: {
  filter: CatalogFilter;
  onChange: (filter: CatalogFilter) => void;
  /** The 47+N tiers are staff words; residents filter by category only (issue #11). */
  showTiers: boolean;
  /** Staff choose a town (issue #15 point 9); residents see their own town's list anyway. */
  me?: Me | undefined;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(filter.q);
  const listPath = useLocation().pathname;
  const searchId = useId();
  const categoryId = useId();

  // Back / Forward change the address bar: show what it says.
  useEffect(() => setText(filter.q), [filter.q]);

  // Search as the clerk types, a moment after the last key.
  useEffect(() => {
    if (text.trim() === filter.q) return;
    const timer = setTimeout(() => {
      // A row was clicked meanwhile: the list stays on screen while the item page loads, and
      // applying the search now would navigate back to the list.
      if (window.location.pathname !== listPath) return;
      onChange({ ...filter, q: text.trim(), page: 1 });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filter, onChange, listPath]);

  return (
    <div className="catalog-filters" role="search">
      <div className="catalog-filter catalog-filter-search">
        <label htmlFor={searchId} className="catalog-filter-label">
          {t('catalog.list.searchLabel')}
        </label>
        <Input
          id={searchId}
          type="search"
          data-testid="catalog-search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => onChange({ ...filter, q: text.trim(), page: 1 })}
          prefix={<SearchOutlined aria-hidden />}
          placeholder={t('catalog.list.searchPlaceholder')}
          allowClear
          maxLength={50}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
        />
      </div>
      <div className="catalog-filter">
        <label htmlFor={categoryId} className="catalog-filter-label">
          {t('catalog.list.category')}
        </label>
        <Select
          id={categoryId}
          data-testid="catalog-category"
          className="catalog-category-select"
          value={filter.category ?? null}
          onChange={(category: CatalogFilter['category'] | null) =>
            onChange({ ...filter, category: category ?? undefined, page: 1 })
          }
          allowClear
          placeholder={t('catalog.list.allCategories')}
          options={CATALOG_CATEGORIES.map((c) => ({
            value: c,
            label: t(`catalog.category.${c}`),
          }))}
        />
      </div>
      {showTiers && me && (
        <TownSelect
          me={me}
          value={filter.town}
          onChange={(town) => onChange({ ...filter, town, page: 1 })}
          testId="catalog-town"
        />
      )}
      {showTiers && (
        <div className="catalog-filter">
          <span className="catalog-filter-label" id={`${categoryId}-tier`}>
            {t('catalog.list.tier')}
          </span>
          <Segmented<TierChoice>
            aria-labelledby={`${categoryId}-tier`}
            data-testid="catalog-tier"
            value={filter.tier ?? 'all'}
            onChange={(tier) =>
              onChange({ ...filter, tier: tier === 'all' ? undefined : tier, page: 1 })
            }
            options={[
              { value: 'all', label: t('catalog.list.allTiers') },
              { value: 'base', label: t('catalog.tier.base') },
              { value: 'extra', label: t('catalog.tier.extra') },
            ]}
          />
        </div>
      )}
    </div>
  );
}
