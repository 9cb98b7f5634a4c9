import { Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRegionChildren } from '../../api/regions';
import type { Me } from '../../api/types';
import { homeDistrictOf } from '../../lib/capabilities';
import { useAsync } from '../../lib/use-async';

/** A town's own items carry a 12-digit code ending in 000 (issue #15 point 9). */
export const isTownCode = (code: string | null | undefined): code is string =>
  typeof code === 'string' && /^\d{9}000$/.test(code) && !/^\d{6}000000$/.test(code);

/** The town of the caller's narrowest grant when it lies inside one town (its default list). */
export function homeTownOf(me: Me): string | undefined {
  const narrow = [...me.grants].sort((a, b) => b.reachPrefix.length - a.reachPrefix.length)[0];
  if (!narrow || narrow.reachPrefix.length < 9) return undefined;
  return `${narrow.regionCode.slice(0, 9)}000`;
}

/**
 * Issue #15 point 9: choose a town to see its "47+N" (the shared items and the town's own). The
 * towns of the caller's district; empty means the shared list only (or every town, for staff).
 */
export function TownSelect({
  me,
  value,
  onChange,
  testId,
  allowClear = true,
  placeholder,
}: {
  me: Me;
  value: string | undefined;
  onChange: (town: string | undefined) => void;
  testId: string;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const district = homeDistrictOf(me);
  const towns = useAsync(
    () => (district ? fetchRegionChildren(district) : Promise.resolve([])),
    district ?? '',
  );
  const options = (towns.data ?? [])
    .filter((r) => r.level === 'town')
    .map((r) => ({ value: r.code, label: r.name }));
  return (
    <div className="catalog-filter">
      <label htmlFor={id} className="catalog-filter-label">
        {t('catalog.town.label')}
      </label>
      <Select
        id={id}
        data-testid={testId}
        className="catalog-town-select"
        value={value ?? null}
        onChange={(town: string | null) => onChange(town ?? undefined)}
        allowClear={allowClear}
        showSearch={{ optionFilterProp: 'label' }}
        loading={towns.status === 'loading'}
        placeholder={placeholder ?? t('catalog.town.shared')}
        options={options}
      />
    </div>
  );
}
