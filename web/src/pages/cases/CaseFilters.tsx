import { FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATES, type CaseState } from '../../api/case-types';
import { fetchStations } from '../../api/regions';
import { useAsync } from '../../lib/use-async';
import { useIsWide } from '../../lib/use-media-query';
import { useMe } from '../../session/session-context';
import { grantsWith } from '../../lib/capabilities';
import type { Me } from '../../api/types';

/** What GET /cases can narrow a list by (all optional). */
export interface CaseFilterValues {
  state?: CaseState | undefined;
  number?: string | undefined;
  applicantName?: string | undefined;
  stationId?: string | undefined;
  overdue?: boolean | undefined;
  /** GS-10: only the cases residents filed online (不打烊). */
  channel?: 'online' | undefined;
}

/** Only digits and one hyphen reach the server (a number or its beginning, e.g. 20260302). */
export const cleanCaseNumber = (raw: string) => raw.replace(/[^\d-]/g, '').slice(0, 14);
/** Names never carry LIKE wildcards. */
export const cleanName = (raw: string) =>
  raw
    .replace(/[%_\\]/g, '')
    .trim()
    .slice(0, 50);

/** The widest region the caller's case grants reach, as a 12-digit code. */
function reachRegion(me: Me): string | null {
  const prefixes = grantsWith(me, 'cases.read')
    .map((g) => g.reachPrefix)
    .sort((a, b) => a.length - b.length);
  return prefixes[0] === undefined ? null : prefixes[0].padEnd(12, '0');
}

/**
 * The case list's filter bar: case number, applicant's name (its beginning), accepting station,
 * status and "overdue only". Text applies on Enter or the search button; choices apply at once.
 */
export function CaseFilters({
  value,
  onChange,
}: {
  value: CaseFilterValues;
  onChange: (next: CaseFilterValues) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const region = useMemo(() => reachRegion(me), [me]);
  const stations = useAsync(
    (signal) =>
      region
        ? fetchStations({ regionCode: region, limit: 500, offset: 0 }, signal)
        : Promise.resolve([]),
    region ?? '',
  );
  const wide = useIsWide();
  const active = Object.values(value).some((v) => v !== undefined);
  // On a phone the bar folds away behind one button unless a filter is on.
  const [unfolded, setUnfolded] = useState(false);
  const [number, setNumber] = useState(value.number ?? '');
  const [name, setName] = useState(value.applicantName ?? '');
  useEffect(() => setNumber(value.number ?? ''), [value.number]);
  useEffect(() => setName(value.applicantName ?? ''), [value.applicantName]);

  const applyText = () =>
    onChange({
      ...value,
      number: cleanCaseNumber(number) || undefined,
      applicantName: cleanName(name) || undefined,
    });

  if (!wide && !active && !unfolded) {
    return (
      <Button
        size="large"
        icon={<FilterOutlined aria-hidden />}
        onClick={() => setUnfolded(true)}
        data-testid="cases-filter-open"
      >
        {t('cases.filters.label')}
      </Button>
    );
  }
  return (
    <form
      className="case-filters"
      role="search"
      aria-label={t('cases.filters.label')}
      onSubmit={(e) => {
        e.preventDefault();
        applyText();
      }}
    >
      <label className="case-filter">
        <span>{t('cases.filters.number')}</span>
        <Input
          data-testid="cases-filter-number"
          value={number}
          inputMode="numeric"
          allowClear
          placeholder={t('cases.filters.numberPlaceholder')}
          onChange={(e) => setNumber(cleanCaseNumber(e.target.value))}
        />
      </label>
      <label className="case-filter">
        <span>{t('cases.filters.applicant')}</span>
        <Input
          data-testid="cases-filter-applicant"
          value={name}
          allowClear
          placeholder={t('cases.filters.applicantPlaceholder')}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="case-filter">
        <span>{t('cases.filters.station')}</span>
        <Select<string>
          data-testid="cases-filter-station"
          value={value.stationId ?? 'all'}
          showSearch={{ optionFilterProp: 'label' }}
          loading={stations.status === 'loading'}
          onChange={(v) => onChange({ ...value, stationId: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('cases.filters.allStations') },
            ...(stations.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
          popupMatchSelectWidth={false}
        />
      </label>
      <label className="case-filter">
        <span>{t('cases.list.stateFilter')}</span>
        <Select<CaseState | 'all'>
          data-testid="cases-state-filter"
          value={value.state ?? 'all'}
          onChange={(v) => onChange({ ...value, state: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('cases.list.allStates') },
            ...CASE_STATES.map((s) => ({ value: s, label: t(`cases.state.${s}`) })),
          ]}
          popupMatchSelectWidth={false}
        />
      </label>
      <Checkbox
        className="case-filter-overdue"
        data-testid="cases-filter-overdue"
        checked={value.overdue === true}
        onChange={(e) => onChange({ ...value, overdue: e.target.checked ? true : undefined })}
      >
        {t('cases.filters.overdueOnly')}
      </Checkbox>
      <Checkbox
        className="case-filter-overdue"
        data-testid="cases-filter-online"
        checked={value.channel === 'online'}
        onChange={(e) => onChange({ ...value, channel: e.target.checked ? 'online' : undefined })}
      >
        {t('cases.filters.onlineOnly')}
      </Checkbox>
      <div className="case-filter-buttons">
        <Button
          type="primary"
          htmlType="submit"
          icon={<SearchOutlined aria-hidden />}
          data-testid="cases-filter-search"
        >
          {t('cases.filters.search')}
        </Button>
        <Button
          data-testid="cases-filter-clear"
          onClick={() => {
            setNumber('');
            setName('');
            onChange({});
          }}
        >
          {t('cases.filters.clear')}
        </Button>
      </div>
    </form>
  );
}
