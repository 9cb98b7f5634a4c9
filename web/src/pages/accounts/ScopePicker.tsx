import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchRegionsWithin } from '../../api/accounts';
import { fetchRegionChildren, fetchStations } from '../../api/regions';
import type { Region, RegionLevel } from '../../api/types';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';

interface Option {
  value: string;
  label: string;
}

/**
 * Issue #15 point 4: pick a region inside the administrator's own scope — their grants' regions
 * and the regions just below them at once, any other by typing its name, pinyin or initials
 * (the regions API searches inside each of their regions). Only codes in their reach are offered.
 */
export function RegionScopePicker({
  value,
  onChange,
  testId,
  label,
  levels,
}: {
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  testId: string;
  label: string;
  /** Offer only regions of these levels (e.g. towns for an Open311 jurisdiction). */
  levels?: readonly RegionLevel[];
}) {
  const { t } = useTranslation();
  const me = useMe();
  const roots = useMemo(
    () =>
      me.grants
        .filter((g) => g.role === 'admin')
        .map((g) => ({ code: g.regionCode, name: g.regionName })),
    [me.grants],
  );
  const [q, setQ] = useState('');
  const near = useAsync(
    async () => {
      const lists = await Promise.all(roots.map((r) => fetchRegionChildren(r.code)));
      return lists.flat();
    },
    roots.map((r) => r.code).join(','),
  );
  const found = useAsync(
    async (signal) =>
      q.trim()
        ? (
            await Promise.all(roots.map((r) => searchRegionsWithin(r.code, q.trim(), signal)))
          ).flat()
        : [],
    q,
  );
  const options: Option[] = useMemo(() => {
    const map = new Map<string, string>();
    const levelled = (r: Region) => `${r.name}（${t(`accounts.level.${r.level}`)}）`;
    const fits = (r: Region) => !levels || levels.includes(r.level);
    if (!q.trim()) {
      if (!levels) for (const r of roots) map.set(r.code, r.name);
      for (const r of (near.data ?? []).filter(fits)) map.set(r.code, levelled(r));
    }
    for (const r of (found.data ?? []).filter(fits)) map.set(r.code, levelled(r));
    return [...map].map(([v, l]) => ({ value: v, label: l }));
  }, [roots, near.data, found.data, q, t, levels]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v?: string) => onChange?.(v ?? undefined)}
      options={options}
      loading={near.status === 'loading' || found.status === 'loading'}
      placeholder={t('accounts.scope.placeholder')}
      notFoundContent={t('accounts.scope.none')}
      aria-label={label}
      data-testid={testId}
      className="scope-picker"
    />
  );
}

/** The stations of a region (optional: a grant to a station rather than to the whole region). */
export function StationPicker({
  regionCode,
  value,
  onChange,
  testId,
  label,
}: {
  regionCode: string | undefined;
  value?: string | undefined;
  onChange?: (id: string | undefined) => void;
  testId: string;
  label: string;
}) {
  const { t } = useTranslation();
  const stations = useAsync(
    (signal) =>
      regionCode
        ? fetchStations({ regionCode, limit: 100, offset: 0 }, signal)
        : Promise.resolve([]),
    regionCode ?? '',
  );
  return (
    <Select
      allowClear
      value={value}
      onChange={(v?: string) => onChange?.(v ?? undefined)}
      disabled={!regionCode}
      options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      placeholder={t('accounts.scope.wholeRegion')}
      aria-label={label}
      data-testid={testId}
      className="scope-picker"
    />
  );
}
