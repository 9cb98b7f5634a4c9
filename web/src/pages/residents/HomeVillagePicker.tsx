import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRegion, fetchRegionChildren } from '../../api/regions';
import type { Region, RegionLevel } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../lib/use-async';

const CHILD_LEVEL: Partial<Record<RegionLevel, RegionLevel>> = {
  province: 'city',
  city: 'district',
  district: 'town',
  town: 'village',
};

/** The select of the village level is `register-home-region`; those above it name their level. */
const testIdFor = (level: RegionLevel | undefined) =>
  level === 'village' ? 'register-home-region' : `register-home-${level ?? 'region'}`;

export interface HomeVillagePickerProps {
  /** The widest region the user may register residents in (from the grant's reach). */
  rootCode: string;
  /** The chosen village code (a Form.Item passes value / onChange / id). */
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
  /** The chosen regions from below the root down to the village, or [] when none is chosen. */
  onPathChange?: (path: Region[]) => void;
}

/**
 * Home village picker: one searchable select per level below the user's scope, each loaded
 * lazily from /regions. For a town-level user that is just the village select; a district
 * administrator picks the town first. Typing part of a name filters; Enter picks the first match.
 */
export function HomeVillagePicker({
  rootCode,
  value,
  onChange,
  id,
  onPathChange,
}: HomeVillagePickerProps) {
  const root = useAsync(() => fetchRegion(rootCode), rootCode);
  const [chain, setChain] = useState<Region[]>([]);
  const rootItem = root.data?.path[root.data.path.length - 1];

  // The form was reset: forget the choice.
  useEffect(() => {
    if (value === undefined && chain[chain.length - 1]?.level === 'village') setChain([]);
  }, [value, chain]);

  // A user whose scope is one village has nothing to choose.
  useEffect(() => {
    if (rootItem?.level === 'village' && value !== rootItem.code) onChange?.(rootItem.code);
  }, [rootItem, value, onChange]);

  if (root.status === 'error') return <ErrorAlert error={root.error} onRetry={root.reload} />;
  // While loading, the field's label (Form.Item's htmlFor = id) already names the control.
  if (!rootItem) return <Select id={id} loading disabled className="picker-select" />;
  if (rootItem.level === 'village') {
    return (
      <Select
        id={id}
        data-testid="register-home-region"
        className="picker-select"
        value={rootItem.code}
        options={[{ value: rootItem.code, label: rootItem.name }]}
        disabled
      />
    );
  }

  const choose = (depth: number, region: Region | undefined) => {
    const next = region ? [...chain.slice(0, depth), region] : chain.slice(0, depth);
    setChain(next);
    const last = next[next.length - 1];
    const done = last !== undefined && last.level === 'village';
    onChange?.(done ? last.code : undefined);
    onPathChange?.(done ? next : []);
  };

  const levels = [
    { parent: rootItem.code, level: CHILD_LEVEL[rootItem.level] },
    ...chain
      .filter((r) => r.level !== 'village')
      .map((r) => ({ parent: r.code, level: CHILD_LEVEL[r.level] })),
  ];

  return (
    <div className="home-village-picker">
      {levels.map((l, depth) => (
        <LevelSelect
          key={l.parent}
          id={depth === 0 ? id : undefined}
          parentCode={l.parent}
          level={l.level}
          selected={chain[depth]?.code}
          onSelect={(region) => choose(depth, region)}
        />
      ))}
    </div>
  );
}

function LevelSelect({
  id,
  parentCode,
  level,
  selected,
  onSelect,
}: {
  id: string | undefined;
  parentCode: string;
  level: RegionLevel | undefined;
  selected: string | undefined;
  onSelect: (region: Region | undefined) => void;
}) {
  const { t } = useTranslation();
  const children = useAsync(() => fetchRegionChildren(parentCode), parentCode);
  const regions = children.data ?? [];
  const levelName = level ? t(`regions.level.${level}`) : t('register.homeRegion');

  if (children.status === 'error') {
    return <ErrorAlert error={children.error} onRetry={children.reload} />;
  }
  return (
    <Select<string>
      id={id}
      data-testid={testIdFor(level)}
      className="picker-select"
      aria-label={levelName}
      placeholder={t('register.choose', { level: levelName })}
      loading={children.status === 'loading'}
      value={selected}
      onChange={(code) => onSelect(regions.find((r) => r.code === code))}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      notFoundContent={t('register.noRegionMatch')}
      options={regions.map((r) => ({
        value: r.code,
        label: r.name,
        disabled: r.level !== 'village' && r.level !== 'grid' && r.childCount === 0,
      }))}
    />
  );
}
