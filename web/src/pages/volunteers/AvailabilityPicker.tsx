import { Checkbox } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Availability, DayPart } from '../../api/volunteers';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Weekday = (typeof WEEKDAYS)[number];
const weekdayOf = (d: number): Weekday => (WEEKDAYS.includes(d as Weekday) ? (d as Weekday) : 1);
const PARTS: readonly DayPart[] = ['am', 'pm', 'evening'];

/** Weekdays × parts of the day, as two rows of large check boxes (a Form.Item control). */
export function AvailabilityPicker({
  value,
  onChange,
  id,
}: {
  value?: Availability;
  onChange?: (value: Availability) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const v = value ?? { weekdays: [], parts: [] };
  return (
    <div className="vs-availability" id={id}>
      <Checkbox.Group
        aria-label={t('volunteers.availability.weekdays')}
        data-testid="vs-availability-days"
        value={v.weekdays}
        onChange={(days) => onChange?.({ ...v, weekdays: [...days].sort() })}
        options={WEEKDAYS.map((d) => ({ value: d, label: t(`volunteers.weekday.${d}`) }))}
      />
      <Checkbox.Group
        aria-label={t('volunteers.availability.parts')}
        data-testid="vs-availability-parts"
        value={v.parts}
        onChange={(parts) => onChange?.({ ...v, parts: PARTS.filter((p) => parts.includes(p)) })}
        options={PARTS.map((p) => ({ value: p, label: t(`volunteers.dayPart.${p}`) }))}
      />
    </div>
  );
}

/** "周六、周日 · 上午、下午" */
export function availabilityText(t: TFunction, a: Availability, none: string): string {
  if (a.weekdays.length === 0 && a.parts.length === 0) return none;
  const days = a.weekdays.map((d) => t(`volunteers.weekday.${weekdayOf(d)}`)).join('、');
  const parts = a.parts.map((p) => t(`volunteers.dayPart.${p}`)).join('、');
  return [days, parts].filter(Boolean).join(' · ');
}
